"""The xAPI outbox: statements go in with the learning event, out to each organisation's
learning record store (LRS) in batches (docs/integrations.md).

- `record` is called from the apps' actions, inside their transaction: one row per
  organisation of the learner that sends statements, with the statement's id fixed
  there. If the event is rolled back, so is the statement; if the LRS is down, the row
  waits.
- `send_due` runs from `journeys maintenance` (every hour beside `journeys serve`, or
  `journeys maintenance --xapi` from a scheduler every minute). Per organisation it posts
  batches of up to BATCH statements and deletes the rows the LRS accepted. A failure
  (the LRS down, a refused password, an error status) ends that organisation's turn and
  puts its next try off by `backoff(failures)`: 1 minute, doubling, at most 6 hours. The
  other organisations are sent as usual.
- Sending twice is harmless: an LRS keeps one statement per id (xAPI 1.0.3, 2.2), so a
  batch that reached the LRS but whose answer was lost is sent again without doubles.

The error kept for the administrator is the HTTP status or the kind of network error,
never the LRS's answer body (it may quote a statement) nor the credentials.
"""

import base64
import ipaddress
import json
import logging
import socket
import urllib.error
import urllib.parse
import urllib.request
import uuid
from dataclasses import dataclass
from datetime import datetime, timedelta

from django.conf import settings
from django.contrib.auth.models import User
from django.db.models import Min, QuerySet
from django.utils import timezone

from journeys.accounts import xapi
from journeys.accounts.models import LrsConnection, Organisation, OutboxStatement
from journeys.core.maintenance import Counts

logger = logging.getLogger(__name__)

STEP = "xAPI statements"  # the maintenance step's name (`journeys maintenance --xapi`)
BATCH = 50
BATCHES_PER_RUN = 20  # per organisation and run: 1,000 statements
TIMEOUT_SECONDS = 10
FIRST_DELAY = timedelta(minutes=1)
LONGEST_DELAY = timedelta(hours=6)


def backoff(failures: int) -> timedelta:
    """How long to wait after `failures` failed tries in a row (at least 1)."""
    if failures < 1:
        return timedelta(0)
    delay: timedelta = FIRST_DELAY * 2 ** min(failures - 1, 30)
    return min(delay, LONGEST_DELAY)


def _sending(user: User) -> "QuerySet[LrsConnection]":
    return LrsConnection.objects.filter(enabled=True, organisation__memberships__user=user)


def sends_for(user: User) -> bool:
    """Whether any of the person's organisations sends statements."""
    return _sending(user).exists()


def record(
    user: User,
    verb: str,
    activity: xapi.Activity,
    *,
    result: xapi.Result | None = None,
    parent: xapi.Activity | None = None,
) -> int:
    """Put the statement "`user` `verb` `activity`" in the outbox of each of the user's
    organisations that sends statements; returns how many. Call inside the event's
    transaction."""
    now = timezone.now()
    connections = _sending(user).select_related("organisation")
    rows = []
    for connection in connections:
        who = xapi.actor(
            connection.actor,
            organisation_key=str(connection.organisation.pk),
            account_name=user.get_username(),
            home_page=connection.home_page,
        )
        statement_id = uuid.uuid4()
        built = xapi.statement(statement_id, who, verb, activity, now, result=result, parent=parent)
        rows.append(
            OutboxStatement(
                id=statement_id,
                organisation=connection.organisation,
                user=user,
                statement=built,
            )
        )
    OutboxStatement.objects.bulk_create(rows)
    return len(rows)


@dataclass(frozen=True)
class Backlog:
    waiting: int
    oldest: datetime | None


def backlog(organisation: Organisation) -> Backlog:
    found = OutboxStatement.objects.filter(organisation=organisation).aggregate(
        oldest=Min("created")
    )
    waiting = OutboxStatement.objects.filter(organisation=organisation).count()
    return Backlog(waiting=waiting, oldest=found["oldest"])


class SendFailed(Exception):
    """The LRS did not take a batch; the message is safe to show and keep."""


PRIVATE_ADDRESS = "The endpoint's address is in a private network, which is not allowed."


def reachable_from_outside(endpoint: str) -> bool:
    """Whether every address the endpoint's host name has is a public one. The endpoint
    is set by an organisation's admin and posted to by the server: it must not reach
    the server itself or its network (loopback, private, link-local such as a cloud
    metadata service), unless JOURNEYS_XAPI_PRIVATE_ADDRESSES allows it (an LRS inside
    the organisation's own network; the tests' LRS on 127.0.0.1)."""
    if settings.XAPI_PRIVATE_ADDRESSES:
        return True
    host = urllib.parse.urlsplit(endpoint).hostname
    if not host:
        return False
    try:
        found = socket.getaddrinfo(host, None, proto=socket.IPPROTO_TCP)
    except (OSError, UnicodeError):
        return True  # unknown host: sending fails with its own message
    return all(ipaddress.ip_address(str(info[4][0])).is_global for info in found)


class _NoRedirects(urllib.request.HTTPRedirectHandler):
    """An LRS answers a POST itself; a redirect could point into a private network."""

    def redirect_request(self, *args: object, **kwargs: object) -> None:
        return None


_opener = urllib.request.build_opener(_NoRedirects)


def post(connection: LrsConnection, statements: list[xapi.Statement]) -> None:
    """POST one batch to the connection's LRS; raises SendFailed unless it took them."""
    if not reachable_from_outside(connection.endpoint):
        raise SendFailed(PRIVATE_ADDRESS)
    url = connection.endpoint.rstrip("/") + "/statements"
    credentials = f"{connection.username}:{connection.password}".encode()
    request = urllib.request.Request(  # noqa: S310 (the administrator's http(s) URL)
        url,
        data=json.dumps(statements).encode(),
        method="POST",
        headers={
            "Content-Type": "application/json",
            "X-Experience-API-Version": xapi.VERSION,
            "Authorization": "Basic " + base64.b64encode(credentials).decode(),
        },
    )
    try:
        with _opener.open(request, timeout=TIMEOUT_SECONDS) as answer:
            answer.read()
    except urllib.error.HTTPError as error:
        raise SendFailed(f"HTTP {error.code} {error.reason}"[:300]) from None
    except (urllib.error.URLError, OSError) as error:
        reason = getattr(error, "reason", error)
        raise SendFailed(f"{type(reason).__name__}: {reason}"[:300]) from None


def send(connection: LrsConnection, now: datetime) -> int:
    """Send this organisation's waiting statements, oldest first; returns how many went.
    Stops at the first failure and puts the next try off."""
    sent = 0
    for _ in range(BATCHES_PER_RUN):
        batch = list(
            OutboxStatement.objects.filter(organisation_id=connection.organisation_id)
            .order_by("created", "id")
            .values_list("id", "statement")[:BATCH]
        )
        if not batch:
            break
        try:
            post(connection, [statement for _id, statement in batch])
        except SendFailed as failed:
            connection.failures += 1
            connection.next_try_at = now + backoff(connection.failures)
            connection.last_error = str(failed)
            connection.last_error_at = now
            connection.save(
                update_fields=["failures", "next_try_at", "last_error", "last_error_at"]
            )
            logger.warning(
                "xAPI: organisation %s: %s; next try at %s",
                connection.organisation_id,
                failed,
                connection.next_try_at.isoformat(),
            )
            return sent
        OutboxStatement.objects.filter(id__in=[statement_id for statement_id, _ in batch]).delete()
        sent += len(batch)
        connection.failures = 0
        connection.next_try_at = None
        connection.last_sent_at = now
        connection.save(update_fields=["failures", "next_try_at", "last_sent_at"])
    return sent


def send_due(now: datetime) -> Counts:
    """A maintenance step: every organisation that sends statements and whose back-off is
    over gets its turn. One failing LRS does not hold up the others."""
    due = LrsConnection.objects.filter(enabled=True).exclude(next_try_at__gt=now)
    sent = 0
    for connection in due.order_by("pk"):
        try:
            sent += send(connection, now)
        except Exception:  # a bug for one organisation must not stop the others
            logger.warning("xAPI: sending for organisation %s failed", connection.pk, exc_info=True)
    return {"xAPI statements sent": sent}
