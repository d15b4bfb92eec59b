"""The audit log: trainers' and administrators' actions that change or reveal people's
data, for the organisation's administrator to read (docs/privacy.md, "Audit log").

Callers write the entry inside the action's own transaction, so an action that is rolled
back leaves no entry and an entry never lacks its action. A target names what was acted
on without naming a person (`account_target`), so the log itself re-identifies nobody
once an account is erased."""

from django.contrib.auth.base_user import AbstractBaseUser
from django.contrib.auth.models import AnonymousUser
from django.core.paginator import Page, Paginator
from django.db.models import Model

from journeys.accounts.models import AuditEntry, Organisation

Action = AuditEntry.Action
ENTRIES_PER_PAGE = 50


def record(
    actor: AbstractBaseUser | AnonymousUser | None,
    action: AuditEntry.Action,
    organisation: Organisation | None,
    target: str,
) -> AuditEntry:
    return AuditEntry.objects.create(
        actor_id=actor.pk if actor is not None and actor.is_authenticated else None,
        action=action,
        organisation=organisation,
        target=target[:200],
    )


def account_target(person: Model) -> str:
    """An account by number: after erasure the number points at nobody."""
    return f"account #{person.pk}"


def entries_page(organisation: Organisation, page_number: str | None) -> Page[AuditEntry]:
    """One page of the organisation's log, newest first."""
    entries = AuditEntry.objects.filter(organisation=organisation).select_related("actor")
    return Paginator(entries, ENTRIES_PER_PAGE).get_page(page_number)
