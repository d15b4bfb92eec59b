"""Housekeeping that keeps nothing longer than it is needed (docs/privacy.md#retention).

Each app forgets its own data in a step it registers here from its AppConfig.ready(),
since core may not import the apps that own the data (docs/architecture.md):

- core: expired sessions (Django only hides one; its row, with a learner's user id or an
  open questionnaire's pairing key, stays until deleted);
- workshops: the nicknames and browser tokens of workshops over more than
  JOURNEYS_RETENTION_DAYS, and their questionnaires' pairing keys;
- assessments: self-paced pairing keys unused for JOURNEYS_RETENTION_DAYS;
- cards, assessments, trainings: built PDFs (card decks, reports, certificates) not
  served for JOURNEYS_PDF_CACHE_DAYS.

`journeys serve` runs every step at start and every hour; `journeys maintenance` once, for
a scheduler when the site is served another way. A step changes only what is still to be
forgotten, row by row with conditional updates, so running it twice, or in two processes
at once, or beside a serving site, changes each thing once.
"""

import logging
import threading
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import datetime, timedelta
from importlib import import_module
from pathlib import Path

from django.conf import settings
from django.db import close_old_connections, connection
from django.utils import timezone

EVERY_SECONDS = 3600
logger = logging.getLogger(__name__)

# What a step did, as "what" -> how many, e.g. {"expired sessions deleted": 12}.
Counts = dict[str, int]
Step = Callable[[datetime], Counts]

_steps: dict[str, Step] = {}


def register(name: str, step: Step) -> None:
    """Run `step(now)` in every maintenance run, after the steps registered before it."""
    _steps[name] = step


@dataclass
class Outcome:
    counts: Counts = field(default_factory=dict)
    failed: list[str] = field(default_factory=list)

    def summary(self) -> str:
        done = ", ".join(f"{n} {what}" for what, n in self.counts.items()) or "nothing to do"
        failed = f"; failed: {', '.join(self.failed)}" if self.failed else ""
        return f"maintenance: {done}{failed}"


def run_steps(now: datetime | None = None, only: str | None = None) -> Outcome:
    """Every registered step (or the one named `only`); one that fails is logged and the
    others still run."""
    now = now or timezone.now()
    outcome = Outcome()
    for name, step in _steps.items():
        if only is not None and name != only:
            continue
        try:
            for what, n in step(now).items():  # the apps' "unused PDFs removed" add up
                outcome.counts[what] = outcome.counts.get(what, 0) + n
        except Exception:  # the next step may still work; the summary names this one
            logger.warning("Maintenance step %s failed", name, exc_info=True)
            outcome.failed.append(name)
    logger.info(outcome.summary())
    return outcome


def clear_expired_sessions(now: datetime) -> Counts:
    store = import_module(settings.SESSION_ENGINE).SessionStore
    if not hasattr(store, "get_model_class"):  # sessions in a cache expire by themselves
        store.clear_expired()
        return {}
    deleted, _by_model = store.get_model_class().objects.filter(expire_date__lt=now).delete()
    return {"expired sessions deleted": deleted}


def remove_unused_pdfs(directory: Path, now: datetime) -> Counts:
    """Remove the PDFs in `directory` (a shelf of journeys/core/built_files.py, which
    touches a file whenever it serves it) not served for JOURNEYS_PDF_CACHE_DAYS. One
    asked for again is built again."""
    cutoff = (now - timedelta(days=settings.PDF_CACHE_DAYS)).timestamp()
    removed = 0
    for path in directory.glob("*.pdf"):
        try:
            if path.stat().st_mtime < cutoff:
                path.unlink()
                removed += 1
        except FileNotFoundError:  # removed by another process meanwhile
            continue
    return {"unused PDFs removed": removed}


def run_every_hour(stop: threading.Event) -> None:
    """For a background thread: maintenance now, then every hour until `stop` is set."""
    while True:
        close_old_connections()
        try:
            run_steps()
        finally:
            connection.close()
        if stop.wait(EVERY_SECONDS):
            return
