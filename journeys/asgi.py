import gc
import os

import django

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "journeys.settings")
django.setup(set_prefix=False)

from django.conf import settings  # noqa: E402

from journeys.core.gate import OneAtATime  # noqa: E402
from journeys.core.handler import OneThreadASGIHandler  # noqa: E402
from journeys.core.metrics import timed  # noqa: E402
from journeys.workshops.streams import with_event_streams  # noqa: E402  (needs Django set up)

django_application = OneThreadASGIHandler()  # the whole request in one thread

# Live workshops' event streams are answered before Django; everything else by Django,
# one request at a time per worker (journeys/core/gate.py), timed when metrics are on.
application = with_event_streams(
    timed(OneAtATime(django_application, patience=settings.REQUEST_PATIENCE_MS / 1000))
)

# Long-lived processes hold many objects (thousands of open event streams): move what
# start-up made out of the collector's way and collect young objects less often, so a
# full collection does not stall every stream for a few hundred milliseconds.
gc.collect()
gc.freeze()
gc.set_threshold(20_000, 20, 50)
