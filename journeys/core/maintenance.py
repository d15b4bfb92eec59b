"""Housekeeping that keeps nothing longer than it is needed.

Django only hides an expired session; its row (with a learner's user id, an open
questionnaire's pairing key) stays in the table until someone deletes it. `journeys
serve` deletes expired sessions every hour; `journeys maintenance` does it once, for a
scheduler when the site is served some other way.
"""

import logging
import threading
from importlib import import_module

from django.conf import settings
from django.db import close_old_connections, connection

EVERY_SECONDS = 3600
logger = logging.getLogger(__name__)


def clear_expired_sessions() -> None:
    import_module(settings.SESSION_ENGINE).SessionStore.clear_expired()


def run_every_hour(stop: threading.Event) -> None:
    """For a background thread: maintenance now, then every hour until `stop` is set."""
    while True:
        close_old_connections()
        try:
            clear_expired_sessions()
        except Exception:  # a database that is down now may be up in an hour
            logger.warning(
                "Clearing expired sessions failed; trying again in an hour", exc_info=True
            )
        finally:
            connection.close()
        if stop.wait(EVERY_SECONDS):
            return
