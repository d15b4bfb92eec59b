"""Failed logins (django-axes keeps the username tried, the address and the browser) are
deleted once their cool-off is over. Axes deletes them too, but only when someone next
tries to log in; this does it even when nobody does."""

from datetime import datetime

from axes.models import AccessAttempt
from django.conf import settings

from journeys.core.maintenance import Counts


def delete_old_login_failures(now: datetime) -> Counts:
    cooled_off = now - settings.AXES_COOLOFF_TIME
    _rows, by_model = AccessAttempt.objects.filter(attempt_time__lte=cooled_off).delete()
    return {"old failed logins deleted": by_model.get(AccessAttempt._meta.label, 0)}
