"""Pairing keys resist a search of every self-generated code: slow to derive, peppered
with a key kept apart from the database and var/, and old keys still pair."""

import hashlib
import hmac
import importlib
import itertools
import random
import statistics
import string
import time
from pathlib import Path

import pytest
from django.apps import apps
from django.conf import settings
from django.test import Client

from journeys.assessments import measurements, pairing
from journeys.assessments.models import Measurement, Response
from journeys.trainings.models import Training
from tests.assessments.helpers import code_fields, fill_in

pytestmark = pytest.mark.usefixtures("curriculum")

CODE = code_fields("Ma", 14, "K", 2)  # normalised: MA-14-K-2


@pytest.fixture
def measurement(organisation, trainer) -> Measurement:
    training = Training.objects.get(slug="health-risks")
    return measurements.for_workshop(organisation, training, "Evening group", trainer)


def fast_hmac(token: str, code: str) -> str:
    """What an attacker holding SECRET_KEY computes per guess when keys are a plain HMAC."""
    message = f"{token}:{code}".encode()
    return hmac.new(settings.SECRET_KEY.encode(), message, hashlib.sha256).hexdigest()[:32]


def test_a_search_with_the_secret_key_finds_no_stored_code(client: Client, measurement):
    fill_in(client, f"/m/{measurement.token}/pre/", CODE, random.Random(1), 0.5)
    stored = Response.objects.get(measurement=measurement).pair_key
    # The attack of the finding, over a slice of the code space that holds the real code.
    guesses = {
        fast_hmac(measurement.token, f"{a}{b}-14-K-{siblings}")
        for a, b in itertools.product(string.ascii_uppercase, repeat=2)
        for siblings in range(21)
    }
    assert fast_hmac(measurement.token, "MA-14-K-2") in guesses
    assert stored not in guesses
    assert stored == pairing.pairing_for(measurement.token, "MA-14-K-2").key


def test_one_derivation_is_slow(measurement):
    times = []
    for n in range(3):
        start = time.perf_counter()
        pairing.pairing_for(measurement.token, f"MA-{n + 1}-K-2")
        times.append(time.perf_counter() - start)
    # A keyed hash takes microseconds; the code space needs tens of milliseconds a guess.
    assert statistics.median(times) >= 0.02
    assert pairing.CODE_SPACE == 676 * 31 * 26 * 21


def test_the_key_needs_the_pairing_key_file(measurement, settings, tmp_path: Path):
    with_default = pairing.pairing_for(measurement.token, "MA-14-K-2").key
    settings.PAIRING_KEY_FILE = tmp_path / "elsewhere" / "pairing_key"
    with_other = pairing.pairing_for(measurement.token, "MA-14-K-2").key
    assert with_other != with_default
    made = settings.PAIRING_KEY_FILE
    assert made.stat().st_mode & 0o777 == 0o600
    assert len(made.read_text()) == 64
    assert pairing.pairing_for(measurement.token, "MA-14-K-2").key == with_other


def test_the_pairing_key_file_is_not_in_var_by_default():
    default = Path(settings.PAIRING_KEY_FILE).resolve()
    assert not default.is_relative_to(Path(settings.VAR_DIR).resolve())


def test_keys_stored_before_are_migrated_and_pair_with_later_answers(measurement):
    """Someone answered before keys were slow; they answer the post-test after."""
    token, code = measurement.token, "MA-14-K-2"
    old = fast_hmac(token, code)
    first_form = "a" if int(old[:8], 16) % 2 == 0 else "b"
    before = Response.objects.create(
        measurement=measurement, phase="pre", form=first_form, pair_key=old, answers={"x": 1}
    )
    migration = importlib.import_module("journeys.assessments.migrations.0003_slow_pairing_keys")
    migration.slow_keys(apps, None)

    before.refresh_from_db()
    assert before.pair_key != old
    phone = Client()
    _, form, final = fill_in(phone, f"/m/{token}/post/", CODE, random.Random(2), 0.7)
    assert final.status_code == 302
    after = Response.objects.get(measurement=measurement, phase="post")
    assert after.pair_key == before.pair_key
    assert form != first_form  # the other knowledge form, as before the change
