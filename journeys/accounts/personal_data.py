"""Everything Journeys stores about one person, as one JSON document, and the list of
what covers it (docs/privacy.md, "Export and erasure").

Each app keeps its own people's data, and accounts may not import the apps to its right
(docs/architecture.md), so each app registers a `Section` here from its `ready()`: the
key it fills in the document, the models with a link to the account that it covers, and
the function that reads them. `uncovered_models()` lists every model with a foreign key
or one-to-one link to the account that no section claims; a test keeps it empty, so a new
table about people cannot be left out of the export by omission.

Erasure is the account's deletion: each link's `on_delete` says what happens to the row
(CASCADE: the person's own data goes; SET_NULL: the organisation's work stays without
the name), and an app that keeps a row in another form listens to `pre_delete` (the
certificates: journeys/trainings/personal_data.py)."""

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from django.apps import apps
from django.contrib.admin.models import LogEntry
from django.contrib.auth import get_user_model
from django.contrib.auth.models import User
from django.utils import timezone
from django.utils.functional import Promise

from journeys.accounts.models import AuditEntry, Membership, OutboxStatement, Profile

FORMAT = "journeys-personal-data/1"


@dataclass(frozen=True)
class Section:
    key: str  # the section's name in the document
    models: tuple[str, ...]  # "app_label.Model" whose link to the account it covers
    read: Callable[[User], Any]  # plain JSON data: dicts, lists, strings, numbers, dates


SECTIONS: dict[str, Section] = {}
# What is deliberately not in the document and why: said, not guessed.
NOTES: dict[str, Promise] = {}


def register(section: Section) -> None:
    SECTIONS[section.key] = section


def add_note(key: str, note: Promise) -> None:
    NOTES[key] = note


def models_linked_to_accounts() -> set[str]:
    """Every installed model with a foreign key or one-to-one field to the user model."""
    user_model = get_user_model()
    return {
        model._meta.label
        for model in apps.get_models()
        for link in model._meta.get_fields()
        if link.concrete
        and (link.many_to_one or link.one_to_one)
        and link.related_model is user_model
    }


def uncovered_models() -> list[str]:
    covered = {label for section in SECTIONS.values() for label in section.models}
    return sorted(models_linked_to_accounts() - covered)


def export(person: User) -> dict[str, Any]:
    """The document a person downloads: their account, then each app's section, then
    the notes that say what is deliberately not in it and why."""
    document: dict[str, Any] = {"format": FORMAT, "exported_at": timezone.now()}
    for key in sorted(SECTIONS, key=lambda key: (key != "account", key)):
        document[key] = SECTIONS[key].read(person)
    document["notes"] = [str(NOTES[key]) for key in sorted(NOTES)]
    return document


def read_account(person: User) -> dict[str, Any]:
    profile = Profile.objects.filter(user=person).first()
    return {
        "id": person.pk,
        "username": person.username,
        "email": person.email,
        "first_name": person.first_name,
        "last_name": person.last_name,
        "date_joined": person.date_joined,
        "last_login": person.last_login,
        "certificate_name": profile.certificate_name if profile else "",
        "memberships": [
            {"organisation": m.organisation.name, "role": m.role, "joined": m.joined}
            for m in Membership.objects.filter(user=person).select_related("organisation")
        ],
    }


def read_audited_actions(person: User) -> list[dict[str, Any]]:
    """What this person did as a trainer or administrator that the audit log recorded."""
    return [
        {
            "action": entry.action,
            "organisation": entry.organisation.name if entry.organisation else None,
            "target": entry.target,
            "at": entry.at,
        }
        for entry in AuditEntry.objects.filter(actor=person).select_related("organisation")
    ]


def read_site_administration(person: User) -> list[dict[str, Any]]:
    """Changes made in the site's admin pages, for the site's own staff."""
    return [
        {"at": entry.action_time, "object": entry.object_repr, "change": entry.get_change_message()}
        for entry in LogEntry.objects.filter(user=person).order_by("action_time")
    ]


def read_waiting_statements(person: User) -> list[dict[str, Any]]:
    """xAPI statements about the person not yet taken by their organisation's learning
    record store (journeys/accounts/lrs.py); those sent are the LRS's to export."""
    return [
        {"organisation": row.organisation.name, "created": row.created, "statement": row.statement}
        for row in OutboxStatement.objects.filter(user=person).select_related("organisation")
    ]


def connect() -> None:
    register(Section("account", ("accounts.Membership", "accounts.Profile"), read_account))
    register(Section("audited_actions", ("accounts.AuditEntry",), read_audited_actions))
    register(Section("site_administration", ("admin.LogEntry",), read_site_administration))
    register(
        Section("xapi_statements_waiting", ("accounts.OutboxStatement",), read_waiting_statements)
    )
