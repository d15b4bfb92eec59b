"""docs/privacy.md stays true: every table that holds personal data is in its table of
what is stored. Personal means linked to an account, or holding a nickname, e-mail,
username, network address, browser or pairing key; and the tables listed below, whose
personal data is in what they hold rather than in a field's name."""

import re
from pathlib import Path

from django.apps import apps
from django.contrib.auth import get_user_model

PRIVACY = Path(__file__).resolve().parents[2] / "docs" / "privacy.md"
PERSONAL_FIELDS = {"nickname", "email", "username", "ip_address", "user_agent", "pair_key"}
PERSONAL_BY_CONTENT = {
    "sessions.Session",  # a login's user id, an open questionnaire's pairing key
    "workshops.Answer",  # what a participant answered
    "trainings.LessonCompletion",  # a learner's progress
    "core.RateCounter",  # counts per (hashed) address
}


def personal_models() -> set[str]:
    user = get_user_model()
    found = set(PERSONAL_BY_CONTENT)
    for model in apps.get_models():
        fields = [field for field in model._meta.get_fields() if field.concrete]
        linked = any(field.is_relation and field.related_model is user for field in fields)
        named = {field.name for field in fields} & PERSONAL_FIELDS
        if model is user or linked or named:
            found.add(model._meta.label)
    return found


def stored_table() -> str:
    text = PRIVACY.read_text()
    return text[text.index("## What is stored") : text.index("## Retention")]


def test_every_model_with_personal_data_is_in_the_privacy_table():
    listed = set(re.findall(r"`(\w+\.\w+)`", stored_table()))
    missing = sorted(personal_models() - listed)
    assert not missing, f"docs/privacy.md does not say what happens to: {missing}"


def test_the_rule_finds_the_tables_it_should():
    found = personal_models()
    assert {"auth.User", "workshops.Participant", "assessments.Response"} <= found
    assert {"axes.AccessAttempt", "trainings.Attempt"} <= found
    assert "knowledge.Substance" not in found
