"""`journeys maintenance` forgets what is past its time and nothing else: expired
sessions and failed logins, the nicknames and pairing keys of workshops over more than
JOURNEYS_RETENTION_DAYS, stale self-paced pairing keys and built PDFs no one asked for.
Reports come out the same, and a second run does nothing."""

import hashlib
import os
import time
from datetime import datetime, timedelta
from pathlib import Path

import pytest
from axes.models import AccessAttempt
from django.contrib.sessions.backends.db import SessionStore
from django.contrib.sessions.models import Session
from django.utils import timezone

from journeys.assessments import demo, measurements
from journeys.assessments.models import Response
from journeys.assessments.pdf import REPORTS
from journeys.cards.downloads import COMPOSED, FIXED
from journeys.cli import main
from journeys.trainings.certificates import CERTIFICATES
from journeys.trainings.models import Training
from journeys.workshops import actions, state
from journeys.workshops.models import Activity, Answer, Participant, Workshop

pytestmark = pytest.mark.usefixtures("curriculum")

FIRST_RUN = (
    "maintenance: 1 expired sessions deleted, 1 old failed logins deleted, "
    "0 xAPI statements sent, 4 unused PDFs removed, "
    "1 self-paced pairing keys anonymised, 1 workshops' nicknames forgotten, "
    "3 participants' nicknames removed, 1 workshops' pairing key sets anonymised, "
    "24 workshop pairing keys anonymised"
)
SECOND_RUN = (
    "maintenance: 0 expired sessions deleted, 0 old failed logins deleted, "
    "0 xAPI statements sent, 0 unused PDFs removed, "
    "0 self-paced pairing keys anonymised, 0 workshops' nicknames forgotten, "
    "0 participants' nicknames removed, 0 workshops' pairing key sets anonymised, "
    "0 workshop pairing keys anonymised"
)


def workshop_with_people(trainer, organisation, title: str, days_ago: int | None) -> Workshop:
    """A workshop with three participants (one on the leaderboard), a poll they answered
    and a pre/post questionnaire 24 people filled in; ended `days_ago`, or still live."""
    training = Training.objects.get(slug="health-risks")
    workshop = actions.start_workshop(trainer, organisation, title, training, 300, True)
    measurement = measurements.for_workshop(organisation, training, title, trainer)
    definition = measurements.definition_of(measurement)
    assert definition is not None
    demo.add_responses(measurement, definition)
    poll = Activity.objects.create(
        workshop=workshop,
        kind="poll",
        state="revealed",
        config={
            "prompt": {"en": "Q", "nl": "V"},
            "options": [{"key": k, "text": {"en": k, "nl": k}} for k in "ab"],
        },
    )
    for nickname, option in (("Ann", "a"), ("Bo", "a"), ("Cy", "b")):
        participant = actions.join(workshop, nickname)
        Answer.objects.create(activity=poll, participant=participant, value=[option])
    Participant.objects.filter(workshop=workshop, nickname="Ann").update(named=True)
    ended = {} if days_ago is None else {"status": "ended", "ended": ago(days_ago)}
    Workshop.objects.filter(pk=workshop.pk).update(measurement=measurement, **ended)
    workshop.refresh_from_db()
    return workshop


def ago(days: int) -> datetime:
    return timezone.now() - timedelta(days=days)


def what_reports_show(trainer, workshop: Workshop) -> tuple[object, ...]:
    """The pre/post report's figures, the CSV download and the poll's tally."""
    measurement = workshop.measurement
    assert measurement is not None
    report = measurements.build(trainer, "r", measurement.training, [measurement], "en")
    assert report is not None
    definition = measurements.definition_of(measurement)
    assert definition is not None
    return (
        report.counts,
        [(o.key, o.pairs, o.result) for o in report.knowledge + report.attitude],
        measurements.export_csv(trainer, [measurement], definition),
        [state.tally(activity) for activity in workshop.activities.all()],
    )


def nicknames(workshop: Workshop) -> list[str]:
    return list(workshop.participants.order_by("pk").values_list("nickname", flat=True))


def key_of(person: str) -> str:
    return hashlib.sha256(person.encode()).hexdigest()[:32]


def pdf(directory: Path, name: str, days_unused: int) -> Path:
    directory.mkdir(parents=True, exist_ok=True)
    path = directory / name
    path.write_bytes(b"%PDF-1.7")
    served = time.time() - days_unused * 86400
    os.utime(path, (served, served))
    return path


@pytest.fixture
def var_dir(settings, tmp_path: Path) -> Path:
    settings.VAR_DIR = tmp_path
    return tmp_path


def test_maintenance_forgets_only_what_is_past_its_time(trainer, organisation, var_dir, capsys):
    long_over = workshop_with_people(trainer, organisation, "Long over", days_ago=400)
    recent = workshop_with_people(trainer, organisation, "Recent", days_ago=10)
    running = workshop_with_people(trainer, organisation, "Running", days_ago=None)
    old_tokens = list(long_over.participants.values_list("token", flat=True))
    shown_before = what_reports_show(trainer, long_over)

    training = Training.objects.get(slug="health-risks")
    self_paced = measurements.self_paced(training)
    answered: dict[str, list[int]] = {}
    for person, phases_days_ago in (("gone", (400, 390)), ("back", (400, 5))):
        for phase, days in zip(("pre", "post"), phases_days_ago, strict=True):
            response = Response.objects.create(
                measurement=self_paced, phase=phase, pair_key=key_of(person), answers={}
            )
            Response.objects.filter(pk=response.pk).update(submitted=ago(days))
            answered.setdefault(person, []).append(response.pk)

    expired, live = SessionStore(), SessionStore()
    for store in (expired, live):
        store.create()
    Session.objects.filter(session_key=expired.session_key).update(expire_date=ago(1))

    for minutes_ago in (16, 14):  # the lockout's cool-off is 15 minutes
        attempt = AccessAttempt.objects.create(
            username=f"tried {minutes_ago} minutes ago",
            ip_address="192.0.2.1",
            failures_since_start=1,
        )
        AccessAttempt.objects.filter(pk=attempt.pk).update(
            attempt_time=timezone.now() - timedelta(minutes=minutes_ago)
        )

    # Each shelf's files, by days since each was last served: PDF_CACHE_DAYS is 30.
    unused, served = [], []
    for shelf, days_old, days_fresh in (
        (FIXED, 40, 29),
        (COMPOSED, 31, 2),
        (REPORTS, 31, 0),
        (CERTIFICATES, 90, 1),
    ):
        unused.append(pdf(shelf.directory, "old.pdf", days_old))
        served.append(pdf(shelf.directory, "new.pdf", days_fresh))

    assert main(["maintenance"]) == 0
    printed = capsys.readouterr()
    assert printed.out.strip() == FIRST_RUN
    assert FIRST_RUN in printed.err  # the log line, for the operator's log

    # The long-over workshop: nobody's nickname, leaderboard consent or browser token left.
    assert nicknames(long_over) == ["", "", ""]
    assert not long_over.participants.filter(named=True).exists()
    assert all(actions.participant_by_token(token) is None for token in old_tokens)
    keys = set(Response.objects.filter(measurement=long_over.measurement).values_list("pair_key"))
    assert len(keys) == 24 and all(key.startswith("pair-") for (key,) in keys)
    # ... and every figure, the download and the tally exactly as before.
    assert what_reports_show(trainer, long_over) == shown_before

    # The recent and the running workshop keep everything.
    for kept in (recent, running):
        assert nicknames(kept) == ["Ann", "Bo", "Cy"]
        assert not Response.objects.filter(
            measurement=kept.measurement, pair_key__startswith="pair-"
        ).exists()

    # Self-paced: the person who last answered 390 days ago is forgotten, as a pair; the
    # one who came back 5 days ago keeps their key, so a follow-up still pairs.
    gone, back = (
        set(Response.objects.filter(pk__in=answered[person]).values_list("pair_key", flat=True))
        for person in ("gone", "back")
    )
    assert len(gone) == 1 and gone.pop().startswith("pair-")
    assert back == {key_of("back")}

    assert list(Session.objects.values_list("session_key", flat=True)) == [live.session_key]
    assert AccessAttempt.objects.count() == 1
    assert not any(path.exists() for path in unused)
    assert all(path.exists() for path in served)

    # A second run (tomorrow's, or another process's) finds nothing left to do.
    pair_keys = list(Response.objects.order_by("pk").values_list("pair_key", flat=True))
    assert main(["maintenance"]) == 0
    assert capsys.readouterr().out.strip() == SECOND_RUN
    assert list(Response.objects.order_by("pk").values_list("pair_key", flat=True)) == pair_keys
    assert what_reports_show(trainer, long_over) == shown_before


def test_retention_days_decide_what_is_past_its_time(trainer, organisation, var_dir, settings):
    settings.RETENTION_DAYS = 5
    recent = workshop_with_people(trainer, organisation, "Recent", days_ago=10)
    assert main(["maintenance"]) == 0
    assert nicknames(recent) == ["", "", ""]


def test_a_workshop_never_ended_is_over_a_retention_period_after_it_started(
    trainer, organisation, var_dir
):
    forgotten = workshop_with_people(trainer, organisation, "Left running", days_ago=None)
    Workshop.objects.filter(pk=forgotten.pk).update(created=ago(400))
    assert main(["maintenance"]) == 0
    assert nicknames(forgotten) == ["", "", ""]


def test_a_failing_step_is_reported_and_the_others_still_run(
    trainer, organisation, var_dir, monkeypatch, capsys
):
    from journeys.core import maintenance

    def broken(now: object) -> dict[str, int]:
        raise OSError("disk gone")

    monkeypatch.setitem(maintenance._steps, "broken step", broken)  # registered, then gone
    expired = SessionStore()
    expired.create()
    Session.objects.update(expire_date=ago(1))
    assert main(["maintenance"]) == 1
    assert capsys.readouterr().out.strip().endswith("; failed: broken step")
    assert not Session.objects.exists()
