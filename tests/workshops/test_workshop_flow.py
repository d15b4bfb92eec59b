"""A workshop through the HTTP client: start, add activities, join by code, answer, reveal,
report and CSV; and what every bad request gets."""

import csv
import io
from typing import Any

import pytest
from django.test import Client

from journeys.workshops.models import Activity, Answer, Participant, Workshop
from tests.conftest import PASSWORD

pytestmark = pytest.mark.usefixtures("curriculum")


@pytest.fixture
def workshop(trainer_client: Client, organisation) -> Workshop:
    response = trainer_client.post(
        "/workshops/",
        {"title": "Police Amsterdam", "organisation": organisation.slug, "training": "", "cap": 50},
    )
    assert response.status_code == 302
    return Workshop.objects.get(title="Police Amsterdam")


def add(trainer_client: Client, workshop: Workshop, **fields: str) -> Activity:
    response = trainer_client.post(f"/workshops/{workshop.pk}/activities/add/", fields)
    assert response.status_code == 302, response.content.decode()[:2000]
    return workshop.activities.order_by("-position")[0]


def joined(code: str, nickname: str) -> Client:
    phone = Client()
    response = phone.post("/join/", {"code": code.lower(), "nickname": nickname})
    assert response.status_code == 302, response.content.decode()[:3000]
    assert response["Location"] == f"/w/{code}/"
    return phone


def test_a_poll_from_start_to_report(trainer_client, workshop):
    poll = add(
        trainer_client,
        workshop,
        kind="poll",
        prompt="Where do you work?",
        options="Street\nStation\nOffice",
    )
    phones = [joined(workshop.code, name) for name in ("Ann", "Bo", "Cy")]
    page = phones[0].get(f"/w/{workshop.code}/").content.decode()
    assert "You&#x27;re in!" in page or "You're in!" in page
    assert (
        trainer_client.post(f"/workshops/{workshop.pk}/activities/{poll.pk}/open/").status_code
        == 302
    )
    page = phones[0].get(f"/w/{workshop.code}/").content.decode()
    assert "Where do you work?" in page and 'name="option" value="a"' in page
    for phone, option in zip(phones, ["a", "a", "c"], strict=True):
        response = phone.post(f"/w/{workshop.code}/answer/{poll.pk}/", {"option": option})
        assert response.status_code == 302
    # A second answer replaces the first.
    phones[2].post(f"/w/{workshop.code}/answer/{poll.pk}/", {"option": "b"}, HTTP_HX_REQUEST="true")
    assert sorted(Answer.objects.filter(activity=poll).values_list("value", flat=True)) == [
        ["a"],
        ["a"],
        ["b"],
    ]
    present = trainer_client.get(f"/workshops/{workshop.pk}/present/").content.decode()
    assert workshop.code in present and "<svg" in present
    assert 'data-count="2"' in present and "3</span> answered" in present
    report = trainer_client.get(f"/workshops/{workshop.pk}/report/").content.decode()
    assert "Where do you work?" in report
    rows = list(
        csv.reader(
            io.StringIO(trainer_client.get(f"/workshops/{workshop.pk}/report.csv").content.decode())
        )
    )
    assert rows[0] == ["activity", "kind", "question", "participant", "answer", "review"]
    assert sorted(row[4] for row in rows[1:]) == ["Station", "Street", "Street"]
    assert not any(name in " ".join(map(str, rows)) for name in ("Ann", "Bo", "Cy"))  # anonymous


def test_quiz_fact_or_fiction_scale_ranking_words_and_open_questions(trainer_client, workshop):
    phone = joined(workshop.code, "Ann")
    cases = [
        (
            {"kind": "quiz", "prompt": "Antidote for GHB?", "options": "Naloxone\n*There is none"},
            {"option": "b"},
            "b",
        ),
        (
            {
                "kind": "fact-or-fiction",
                "prompt": "Naloxone works on GHB.",
                "verdict": "fiction",
                "explanation": "Only on opioids.",
            },
            {"option": "fiction"},
            "fiction",
        ),
        ({"kind": "scale", "prompt": "Harm reduction fits police work."}, {"point": "4"}, 4),
        (
            {"kind": "ranking", "prompt": "Order", "options": "x\ny\nz"},
            {"rank-a": "2", "rank-b": "1", "rank-c": "3"},
            ["b", "a", "c"],
        ),
        (
            {"kind": "word-cloud", "prompt": "One word"},
            {"word": ["Care ", "care", "trust"]},
            ["care", "trust"],
        ),
        (
            {"kind": "open-question", "prompt": "What helps?"},
            {"text": "  Time  to talk "},
            "Time to talk",
        ),
        ({"kind": "question-box", "prompt": "Questions"}, {"text": "Is 112 free?"}, "Is 112 free?"),
    ]
    for fields, posted, stored in cases:
        activity = add(trainer_client, workshop, **fields)
        trainer_client.post(f"/workshops/{workshop.pk}/activities/{activity.pk}/open/")
        assert phone.post(f"/w/{workshop.code}/answer/{activity.pk}/", posted).status_code == 302
        assert Answer.objects.get(activity=activity).value == stored
    open_question = Activity.objects.get(workshop=workshop, kind="open-question")
    answer = Answer.objects.get(activity=open_question)
    trainer_client.post(f"/workshops/{workshop.pk}/activities/{open_question.pk}/open/")
    control = trainer_client.get(f"/workshops/{workshop.pk}/control/").content.decode()
    assert "Time to talk" in control  # waiting for the trainer
    present = trainer_client.get(f"/workshops/{workshop.pk}/present/").content.decode()
    assert "Time to talk" not in present  # not shown until the trainer says so
    trainer_client.post(
        f"/workshops/{workshop.pk}/answers/{answer.pk}/review/", {"review": "shown"}
    )
    assert (
        "Time to talk" in trainer_client.get(f"/workshops/{workshop.pk}/present/").content.decode()
    )


def test_a_scenario_voted_by_the_room(trainer_client, organisation):
    trainer_client.post(
        "/workshops/",
        {
            "title": "HR",
            "organisation": organisation.slug,
            "training": _training_id("health-risks"),
            "cap": 20,
        },
    )
    workshop = Workshop.objects.get(title="HR")
    control = trainer_client.get(f"/workshops/{workshop.pk}/control/").content.decode()
    assert workshop.training is not None
    exercise = workshop.training.exercises.filter(type="scenario").first()
    assert exercise is not None
    assert f"/activities/from-exercise/{exercise.pk}/" in control
    trainer_client.post(f"/workshops/{workshop.pk}/activities/from-exercise/{exercise.pk}/")
    scenario = workshop.activities.get(kind="scenario")
    trainer_client.post(f"/workshops/{workshop.pk}/activities/{scenario.pk}/open/")
    phones = [joined(workshop.code, n) for n in ("A", "B", "C")]
    # Walk until a choice step, following the room each time.
    for _ in range(10):
        scenario.refresh_from_db()
        node = _node(scenario)
        if node["kind"] == "choice":
            break
        trainer_client.post(f"/workshops/{workshop.pk}/activities/{scenario.pk}/follow/")
    else:
        pytest.fail("no choice step")
    first, second = node["choices"][0]["id"], node["choices"][1]["id"]
    for phone, choice in zip(phones, [second, second, first], strict=True):
        response = phone.post(
            f"/w/{workshop.code}/answer/{scenario.pk}/", {"step": node["id"], "option": choice}
        )
        assert response.status_code == 302
    trainer_client.post(f"/workshops/{workshop.pk}/activities/{scenario.pk}/follow/")
    scenario.refresh_from_db()
    assert scenario.progress is not None
    assert scenario.progress["choices"][-1] == [node["id"], second]  # the room's majority
    stale = phones[0].post(
        f"/w/{workshop.code}/answer/{scenario.pk}/", {"step": node["id"], "option": first}
    )
    assert stale.status_code == 400 and b"moved on" in stale.content


def _training_id(slug: str) -> str:
    from journeys.trainings.models import Training

    return str(Training.objects.get(slug=slug).pk)


def _node(activity: Activity) -> dict[str, Any]:
    nodes = {n["id"]: n for n in activity.config["scenario"]["nodes"]}
    assert activity.progress is not None
    return dict(nodes[activity.progress["node"]])


# ---------------------------------------------------------------- bad input


def test_wrong_codes_are_refused_and_many_wrong_guesses_are_slowed_down(client, workshop, settings):
    settings.RATE_WRONG_CODE = 3
    for _ in range(3):
        response = client.post("/join/", {"code": "ZZZZZZ", "nickname": "x"})
        assert response.status_code == 400
        assert "There is no workshop with that code" in response.content.decode()
    response = client.post("/join/", {"code": workshop.code, "nickname": "x"})
    assert response.status_code == 429  # even the right code waits now
    assert "Wait a minute" in response.content.decode()
    assert not Participant.objects.exists()


def test_an_ended_workshop_or_a_full_one_takes_nobody(trainer_client, workshop):
    Workshop.objects.filter(pk=workshop.pk).update(participant_cap=1)
    joined(workshop.code, "first")
    response = Client().post("/join/", {"code": workshop.code, "nickname": "second"})
    assert response.status_code == 400 and "This workshop is full" in response.content.decode()
    trainer_client.post(f"/workshops/{workshop.pk}/end/")
    response = Client().post("/join/", {"code": workshop.code, "nickname": "late"})
    assert "This workshop has ended" in response.content.decode()
    assert Participant.objects.count() == 1


def test_answers_that_do_not_fit_change_nothing(trainer_client, workshop, organisation):
    poll = add(trainer_client, workshop, kind="quiz", prompt="Q", options="a\n*b")
    phone = joined(workshop.code, "Ann")
    url = f"/w/{workshop.code}/answer/{poll.pk}/"
    assert phone.post(url, {"option": "a"}).status_code == 400  # not open yet: closed
    on_the_page = phone.post(url, {"option": "a"}, HTTP_HX_REQUEST="true")
    assert on_the_page.status_code == 400  # shown where the answer went, as an alert
    assert on_the_page.content.decode().startswith('<p class="answer-status" role="alert">')
    assert "This question is closed" in on_the_page.content.decode()
    trainer_client.post(f"/workshops/{workshop.pk}/activities/{poll.pk}/open/")
    for posted in [{"option": "z"}, {}, {"option": ["a", "b"]}]:
        response = phone.post(url, posted)
        assert response.status_code == 400
    assert Client().post(url, {"option": "a"}).status_code == 403  # never joined
    other = Workshop.objects.create(organisation=organisation, title="Other", code="OTHER2")
    other_activity = Activity.objects.create(
        workshop=other, kind="quiz", config=poll.config, state="open"
    )
    response = phone.post(f"/w/{workshop.code}/answer/{other_activity.pk}/", {"option": "a"})
    assert response.status_code == 400 and b"not part of your workshop" in response.content
    text = add(trainer_client, workshop, kind="open-question", prompt="Say")
    trainer_client.post(f"/workshops/{workshop.pk}/activities/{text.pk}/open/")
    response = phone.post(f"/w/{workshop.code}/answer/{text.pk}/", {"text": "x" * 20_000})
    assert response.status_code == 400 and b"under 280 characters" in response.content
    assert not Answer.objects.exists()


def test_a_flood_of_answers_is_rate_limited(trainer_client, workshop, settings):
    settings.RATE_ANSWER = 5
    poll = add(trainer_client, workshop, kind="poll", prompt="Q", options="a\nb")
    trainer_client.post(f"/workshops/{workshop.pk}/activities/{poll.pk}/open/")
    phone = joined(workshop.code, "Ann")
    codes = [
        phone.post(f"/w/{workshop.code}/answer/{poll.pk}/", {"option": "a"}).status_code
        for _ in range(8)
    ]
    assert codes == [302] * 5 + [429] * 3
    assert Answer.objects.count() == 1


def test_only_the_organisations_trainers_run_it(client, workshop, other_trainer, participant):
    for username in ("other-trainer", "participant"):
        client.login(username=username, password=PASSWORD)
        assert client.get(f"/workshops/{workshop.pk}/control/").status_code == 404
        assert client.get(f"/workshops/{workshop.pk}/report.csv").status_code == 404
        activity = Activity.objects.create(workshop=workshop, kind="poll", config={})
        response = client.post(f"/workshops/{workshop.pk}/activities/{activity.pk}/open/")
        assert response.status_code == 404
        assert Activity.objects.get(pk=activity.pk).state == "ready"
    client.logout()
    assert client.post(f"/workshops/{workshop.pk}/end/").status_code == 403


def test_a_trainers_form_mistakes_are_explained(trainer_client, workshop):
    for fields, message in [
        ({"kind": "quiz", "prompt": "Q", "options": "a\nb"}, "Mark the right answer"),
        ({"kind": "poll", "prompt": "Q", "options": "only one"}, "Give 2 to 8 options"),
        ({"kind": "fact-or-fiction", "prompt": "S"}, "fact or fiction"),
    ]:
        response = trainer_client.post(f"/workshops/{workshop.pk}/activities/add/", fields)
        assert response.status_code == 400 and message in response.content.decode()
    assert not workshop.activities.exists()
