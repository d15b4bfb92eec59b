"""Every write to organisations and memberships goes through these functions."""

import secrets

from django.contrib.auth import get_user_model
from django.contrib.auth.models import User
from django.db import transaction

from journeys.accounts.models import Membership, Organisation, Profile, Role, printed_name
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
