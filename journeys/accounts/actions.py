"""Every write to organisations and memberships goes through these functions."""

import secrets
from enum import StrEnum
from typing import Any

from django.contrib.auth import get_user_model
from django.contrib.auth.models import User
from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.utils.translation import gettext

from journeys.accounts import audit, personal_data
from journeys.accounts.models import (
    LrsConnection,
    Membership,
    Organisation,
    Profile,
    Role,
    printed_name,
)
from journeys.accounts.signals import certificate_name_changed


def create_organisation(name: str, slug: str, contact_line: str = "") -> Organisation:
    organisation, _ = Organisation.objects.get_or_create(
        slug=slug, defaults={"name": name, "contact_line": contact_line}
    )
    return organisation


def add_member(organisation: Organisation, user: User, role: Role) -> Membership:
    membership, _ = Membership.objects.update_or_create(
        user=user, organisation=organisation, defaults={"role": role}
    )
    return membership


@transaction.atomic
def set_certificate_name(user: User, name: str) -> str:
    """Keep the name a person wants on their certificates and print it on the ones they
    already hold (revoked ones keep the name they were revoked with): trainings receives
    certificate_name_changed in this transaction. Returns the name that certificates now
    show: with `name` empty, the full name or the username."""
    Profile.objects.update_or_create(user=user, defaults={"certificate_name": name.strip()})
    shown = printed_name(user)
    certificate_name_changed.send(sender=set_certificate_name, user=user, name=shown)
    return shown


@transaction.atomic
def export_own_data(person: User) -> dict[str, Any]:
    """The person's own download. Logged without an organisation: asking for one's own
    data is nobody else's business, but the operator can see that exports happen."""
    audit.record(person, audit.Action.DATA_EXPORTED, None, audit.account_target(person))
    return personal_data.export(person)


@transaction.atomic
def export_member_data(admin: User, membership: Membership) -> dict[str, Any]:
    """An administrator's download of a member's data (membership from
    access.get_membership_for_admin, which checked the administrator)."""
    person = membership.user
    audit.record(
        admin, audit.Action.DATA_EXPORTED, membership.organisation, audit.account_target(person)
    )
    return personal_data.export(person)


@transaction.atomic
def set_lrs_connection(admin: User, organisation: Organisation, **settings: Any) -> LrsConnection:
    """Where the organisation's xAPI statements go (organisation from
    access.get_organisation_for_admin). An empty `password` keeps the saved one. A change
    gives a failing LRS a new try at once."""
    connection, _ = LrsConnection.objects.select_for_update().get_or_create(
        organisation=organisation
    )
    for field in ("enabled", "endpoint", "username", "actor", "home_page"):
        setattr(connection, field, settings[field])
    if settings.get("password"):
        connection.password = settings["password"]
    connection.failures = 0
    connection.next_try_at = None
    connection.save()
    audit.record(admin, audit.Action.LRS_CHANGED, organisation, "learning record store")
    return connection


class WrongPassword(PermissionDenied):
    pass


@transaction.atomic
def erase_own_account(person: User, password: str) -> None:
    """Delete the person's account and what it holds, once they confirmed with their
    password. Each of their organisations' logs says that a member's account went."""
    if not person.check_password(password):
        raise WrongPassword(gettext("That is not your password; nothing was deleted."))
    for membership in Membership.objects.filter(user=person).select_related("organisation"):
        audit.record(
            person,
            audit.Action.ACCOUNT_ERASED,
            membership.organisation,
            audit.account_target(person),
        )
    person.delete()


class Erasure(StrEnum):
    ACCOUNT_ERASED = "erased"
    MEMBERSHIP_ENDED = "membership-ended"


@transaction.atomic
def erase_member(admin: User, membership: Membership) -> Erasure:
    """An administrator erases a member (membership from access.get_membership_for_admin).
    The account goes only when this organisation is the person's only one and the person
    is not the site's staff; otherwise only the membership ends, because the other
    organisations and the site still hold the account (docs/privacy.md)."""
    person, organisation = membership.user, membership.organisation
    if person == admin:
        raise PermissionDenied(gettext("To delete your own account, use the “Your data” page."))
    target = audit.account_target(person)
    elsewhere = Membership.objects.filter(user=person).exclude(pk=membership.pk).exists()
    if elsewhere or person.is_staff or person.is_superuser:
        membership.delete()
        audit.record(admin, audit.Action.MEMBER_REMOVED, organisation, target)
        return Erasure.MEMBERSHIP_ENDED
    audit.record(admin, audit.Action.ACCOUNT_ERASED, organisation, target)
    person.delete()
    return Erasure.ACCOUNT_ERASED


DEMO_ORGANISATION = ("Demo training organisation", "demo")
DEMO_TRAINER = "demo-trainer"


@transaction.atomic
def create_demo_data() -> str | None:
    """The demo organisation and its trainer. Returns the trainer's new password when
    the account was created now, None when it already existed (idempotent)."""
    name, slug = DEMO_ORGANISATION
    organisation = create_organisation(name, slug, "demo@example.org")
    users = get_user_model()
    if users.objects.filter(username=DEMO_TRAINER).exists():
        return None
    password = secrets.token_urlsafe(12)
    trainer = users.objects.create_user(
        username=DEMO_TRAINER, password=password, first_name="Demo", last_name="Trainer"
    )
    add_member(organisation, trainer, Role.TRAINER)
    return password
