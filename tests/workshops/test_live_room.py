"""The live room as a trainer runs it, through the HTTP client: a scenario as a room
debrief with its route in the report and the CSV; presenter mode; the control page's
counts, links and toggles; what a phone shows; word-cloud moderation; the markers the
pages' live region reads (live-room.js)."""

import csv
import io
import re
from typing import Any

import pytest
from django.test import Client

from journeys.assessments.models import Instrument, Response
from journeys.trainings.models import Training
from journeys.workshops.models import Activity, Workshop

pytestmark = pytest.mark.usefixtures("curriculum")


def start(trainer_client: Client, organisation: Any, training: str = "", **extra: Any) -> Workshop:
    title = f"Room {Workshop.objects.count() + 1}"
    form = {"title": title, "organisation": organisation.slug, "training": training, "cap": 50}
    response = trainer_client.post("/workshops/", {**form, **extra})
    assert response.status_code == 302, response.content.decode()[:2000]
    return Workshop.objects.get(title=title)


def add(trainer_client: Client, workshop: Workshop, **fields: str) -> Activity:
    response = trainer_client.post(f"/workshops/{workshop.pk}/activities/add/", fields)
    assert response.status_code == 302, response.content.decode()[:2000]
    return workshop.activities.order_by("-position")[0]


def move(trainer_client: Client, workshop: Workshop, activity: Activity, name: str) -> int:
    url = f"/workshops/{workshop.pk}/activities/{activity.pk}/{name}/"
    return int(trainer_client.post(url).status_code)


def joined(code: str, nickname: str) -> Client:
    phone = Client()
    response = phone.post("/join/", {"code": code, "nickname": nickname})
    assert response.status_code == 302, response.content.decode()[:3000]
    return phone


def page(client: Client, url: str) -> str:
    response = client.get(url)
    assert response.status_code == 200, url
    return str(response.content.decode())


def row(control: str, activity: Activity) -> str:
    found = re.search(rf'<tr id="activity-{activity.pk}".*?</tr>', control, re.S)
    assert found, control[:3000]
    return found.group(0)


# ---------------------------------------------------------------- the scenario debrief


def test_a_scenario_debrief_shows_the_vote_the_feedback_and_keeps_the_route(
    trainer_client, organisation
):
    health = str(Training.objects.get(slug="health-risks").pk)
    workshop = start(trainer_client, organisation, training=health)
    assert workshop.training is not None
    exercise = workshop.training.exercises.get(type="scenario", slug="house-party-ghb-scenario")
    trainer_client.post(f"/workshops/{workshop.pk}/activities/from-exercise/{exercise.pk}/")
    scenario = workshop.activities.get(kind="scenario")
    phones = [joined(workshop.code, name) for name in ("Ann", "Bo", "Cy")]
    assert move(trainer_client, workshop, scenario, "open") == 302
    # The first step is a narration: nothing to vote on, so no Send on the phones.
    phone_page = page(phones[0], f"/w/{workshop.code}/")
    assert "The trainer will go on." in phone_page and ">Send<" not in phone_page
    assert move(trainer_client, workshop, scenario, "follow") == 302
    phone_page = page(phones[0], f"/w/{workshop.code}/")
    assert "What do you do first?" in phone_page and ">Send<" in phone_page

    for phone, choice in zip(
        phones, ["check-response", "check-response", "let-sleep"], strict=True
    ):
        voted = phone.post(
            f"/w/{workshop.code}/answer/{scenario.pk}/", {"step": "first-check", "option": choice}
        )
        assert voted.status_code == 302
    present = page(trainer_client, f"/workshops/{workshop.pk}/present/")
    assert "2 votes" in present and "1 vote<" in present and "The room chose" not in present
    # The trainer shows the result: the votes and the chosen option's feedback only.
    assert move(trainer_client, workshop, scenario, "reveal") == 302
    present = page(trainer_client, f"/workshops/{workshop.pk}/present/")
    assert "The room chose: Kneel down" in present
    assert "a safe way to check" in present  # the chosen option's feedback
    assert "the dose people want to unconsciousness" not in present  # another's, not yet
    control = page(trainer_client, f"/workshops/{workshop.pk}/control/")
    assert "Show the other options&#x27; feedback" in row(control, scenario)
    assert "Go on with the room&#x27;s choice" in row(control, scenario)  # no trap
    assert move(trainer_client, workshop, scenario, "feedback") == 302
    present = page(trainer_client, f"/workshops/{workshop.pk}/present/")
    assert "The other options" in present
    control = page(trainer_client, f"/workshops/{workshop.pk}/control/")
    assert "Show the other options" not in row(control, scenario)  # shown already
    assert "the dose people want to unconsciousness" in present
    assert "Cold water and cold showers do not reverse" in present
    # Going on after the reveal opens the next step for votes.
    assert move(trainer_client, workshop, scenario, "follow") == 302
    scenario.refresh_from_db()
    assert scenario.progress is not None
    assert scenario.state == Activity.State.OPEN and scenario.progress["node"] == "no-response"
    assert scenario.progress["all_feedback"] is False
    assert scenario.progress["route"] == [
        {"step": "sofa", "votes": {}, "choice": None},
        {
            "step": "first-check",
            "votes": {"check-response": 2, "let-sleep": 1, "cold-water": 0},
            "choice": "check-response",
        },
    ]
    assert "The other options" not in page(trainer_client, f"/workshops/{workshop.pk}/present/")

    report = page(trainer_client, f"/workshops/{workshop.pk}/report/")
    route = report.split('class="scenario-route"', 1)[1].split("</ol>", 1)[0]
    assert "What do you do first?" in route
    assert re.search(r"Kneel down.*?: 2 votes <strong>\(the room's choice\)", route, re.S)
    assert re.search(r"Leave Sam to sleep it off.*?: 1 vote</li>", route, re.S)
    rows = list(
        csv.reader(io.StringIO(page(trainer_client, f"/workshops/{workshop.pk}/report.csv")))
    )
    room = [r[4] for r in rows if r[3] == "the room"]
    assert len(room) == 2 and room[1].startswith("first-check: What do you do first?")
    assert "Kneel down" in room[1].split("|")[1] and ": 2" in room[1]
    assert room[1].split("|")[2].strip().startswith("Kneel down")


def test_a_move_a_type_does_not_have_is_refused(trainer_client, organisation):
    workshop = start(trainer_client, organisation)
    poll = add(trainer_client, workshop, kind="poll", prompt="Which?", options="a\nb")
    assert move(trainer_client, workshop, poll, "feedback") == 409
    assert move(trainer_client, workshop, poll, "follow") == 409


# ---------------------------------------------------------------- presenter and control


def test_the_presenter_page_has_no_site_navigation_and_no_code_after_the_end(
    trainer_client, organisation
):
    workshop = start(trainer_client, organisation)
    present = page(trainer_client, f"/workshops/{workshop.pk}/present/")
    assert 'aria-label="Main"' not in present and "site-footer" not in present
    assert "live-room.css" in present and "live-room.js" in present
    assert workshop.code in present and "<svg" in present
    # The results are no live region that re-reads everything; one short region is.
    assert re.search(r'<div id="results" sse-swap="results">', present)
    assert present.count('aria-live="polite"') == 1 and 'id="live-news"' in present
    trainer_client.post(f"/workshops/{workshop.pk}/end/")
    present = page(trainer_client, f"/workshops/{workshop.pk}/present/")
    assert workshop.code not in present and "<svg" not in present
    assert "Thank you! This workshop has ended." in present
    assert 'data-news-kind="end" data-news="The workshop has ended."' in present


def test_the_leaderboard_is_on_the_screen_only_while_the_trainer_shows_it(
    trainer_client, organisation
):
    workshop = start(trainer_client, organisation, leaderboard="on")
    assert workshop.leaderboard
    quiz = add(trainer_client, workshop, kind="quiz", prompt="Antidote?", options="*None\nSalt")
    phone = joined(workshop.code, "Ann")
    phone.post(f"/w/{workshop.code}/name/", {"named": "1"})
    move(trainer_client, workshop, quiz, "open")
    phone.post(f"/w/{workshop.code}/answer/{quiz.pk}/", {"option": "a"})
    move(trainer_client, workshop, quiz, "reveal")
    present_url = f"/workshops/{workshop.pk}/present/"
    assert "Leaderboard" not in page(trainer_client, present_url)
    control = page(trainer_client, f"/workshops/{workshop.pk}/control/")
    assert ">Show the leaderboard on the screen</button>" in control
    shown = trainer_client.post(f"/workshops/{workshop.pk}/leaderboard/show/")
    assert shown.status_code == 302
    assert "Ann: 1" in page(trainer_client, present_url)
    control = page(trainer_client, f"/workshops/{workshop.pk}/control/")
    assert ">Hide the leaderboard</button>" in control
    trainer_client.post(f"/workshops/{workshop.pk}/leaderboard/hide/")
    assert "Leaderboard" not in page(trainer_client, present_url)
    assert trainer_client.post(f"/workshops/{workshop.pk}/leaderboard/maybe/").status_code == 404


def test_a_workshop_without_a_leaderboard_cannot_show_one(trainer_client, organisation):
    workshop = start(trainer_client, organisation)
    assert trainer_client.post(f"/workshops/{workshop.pk}/leaderboard/show/").status_code == 409
    assert "Show the leaderboard" not in page(trainer_client, f"/workshops/{workshop.pk}/control/")


def test_questionnaire_rows_count_hand_ins_and_the_before_after_report_is_linked(
    trainer_client, organisation
):
    slug = Instrument.objects.values_list("training__slug", flat=True).first()
    training = Training.objects.get(slug=slug)
    workshop = start(trainer_client, organisation, training=str(training.pk))
    assert (
        trainer_client.post(f"/workshops/{workshop.pk}/activities/questionnaire/pre/").status_code
        == 302
    )
    workshop.refresh_from_db()
    assert workshop.measurement is not None
    questionnaire = workshop.activities.get(kind="questionnaire")
    for n in range(3):
        Response.objects.create(
            measurement=workshop.measurement, phase="pre", pair_key=f"k{n}", answers={}
        )
    control = page(trainer_client, f"/workshops/{workshop.pk}/control/")
    assert "<td>3</td>" in row(control, questionnaire)  # was 0: no Answer rows
    report_link = f"/assessments/{workshop.measurement.pk}/report/"
    assert report_link not in page(trainer_client, f"/workshops/{workshop.pk}/report/")
    trainer_client.post(f"/workshops/{workshop.pk}/end/")
    assert report_link in page(trainer_client, f"/workshops/{workshop.pk}/control/")
    assert report_link in page(trainer_client, f"/workshops/{workshop.pk}/report/")


def test_the_control_page_marks_what_the_focus_returns_to(trainer_client, organisation):
    workshop = start(trainer_client, organisation)
    poll = add(trainer_client, workshop, kind="poll", prompt="Which?", options="a\nb")
    control = page(trainer_client, f"/workshops/{workshop.pk}/control/")
    assert '<div id="control-status" sse-swap="control">' in control  # no aria-live
    assert control.count('aria-live="polite"') == 1  # the one short live region
    assert f'id="act-{poll.pk}-open"' in row(control, poll)
    assert "data-focus-row" in row(control, poll)


# ---------------------------------------------------------------- phones


def test_after_a_reveal_each_phone_says_whether_its_own_answer_was_right(
    trainer_client, organisation
):
    workshop = start(trainer_client, organisation)
    statement = add(
        trainer_client, workshop, kind="fact-or-fiction", prompt="Water helps.", verdict="fact"
    )
    ann, bo, cy = (joined(workshop.code, n) for n in ("Ann", "Bo", "Cy"))
    move(trainer_client, workshop, statement, "open")
    ann.post(f"/w/{workshop.code}/answer/{statement.pk}/", {"option": "fact"})
    bo.post(f"/w/{workshop.code}/answer/{statement.pk}/", {"option": "fiction"})
    assert "Your answer" not in page(ann, f"/w/{workshop.code}/")
    assert page(ann, f"/w/{workshop.code}/mine/") == ""  # nothing before the reveal
    move(trainer_client, workshop, statement, "reveal")
    assert "Your answer: Fact — right" in page(ann, f"/w/{workshop.code}/")
    assert "Your answer: Fiction — not right" in page(bo, f"/w/{workshop.code}/")
    assert "You did not answer this one." in page(cy, f"/w/{workshop.code}/")
    # A phone that gets the reveal as an event asks for its own line.
    assert "Your answer: Fiction — not right" in page(bo, f"/w/{workshop.code}/mine/")
    assert Client().get(f"/w/{workshop.code}/mine/").status_code == 403
    quiz = add(trainer_client, workshop, kind="quiz", prompt="Antidote?", options="Salt\n*None")
    move(trainer_client, workshop, quiz, "open")
    ann.post(f"/w/{workshop.code}/answer/{quiz.pk}/", {"option": "a"})
    move(trainer_client, workshop, quiz, "reveal")
    assert "Your answer: Salt — not right" in page(ann, f"/w/{workshop.code}/")
    with_dutch = ann.get(f"/w/{workshop.code}/mine/", HTTP_ACCEPT_LANGUAGE="nl")
    assert with_dutch.status_code == 200


def test_the_phone_has_a_compact_header_and_no_nickname_choice_after_the_end(
    trainer_client, organisation
):
    workshop = start(trainer_client, organisation, leaderboard="on")
    phone = joined(workshop.code, "Ann")
    mine = page(phone, f"/w/{workshop.code}/")
    assert "compact-header" in mine and 'aria-label="Main"' not in mine
    assert "Show my nickname with my quiz score" in mine
    assert "data-hide-when-ended" in mine
    assert '<h1 id="question" tabindex="-1">' in mine
    trainer_client.post(f"/workshops/{workshop.pk}/end/")
    mine = page(phone, f"/w/{workshop.code}/")
    assert "This workshop has ended" in mine and "Show my nickname" not in mine


def test_a_new_question_is_marked_as_news_once(trainer_client, organisation):
    workshop = start(trainer_client, organisation)
    poll = add(trainer_client, workshop, kind="poll", prompt="Where?", options="a\nb")
    phone = joined(workshop.code, "Ann")
    move(trainer_client, workshop, poll, "open")
    mine = page(phone, f"/w/{workshop.code}/")
    key = f'data-news-key="{poll.pk}-open-"'
    assert key in mine and 'data-news="New question: Where?"' in mine
    phone.post(f"/w/{workshop.code}/answer/{poll.pk}/", {"option": "a"})
    assert key in page(phone, f"/w/{workshop.code}/")  # an answer is no news
    move(trainer_client, workshop, poll, "reveal")
    assert 'data-news="Results are shown."' in page(phone, f"/w/{workshop.code}/")


# ---------------------------------------------------------------- word cloud


def test_the_trainer_hides_a_word_from_the_screen_and_shows_it_again(trainer_client, organisation):
    workshop = start(trainer_client, organisation)
    cloud = add(trainer_client, workshop, kind="word-cloud", prompt="One word for the job")
    move(trainer_client, workshop, cloud, "open")
    for name, words in (("Ann", ["respect", "idiots"]), ("Bo", ["Respect"]), ("Cy", ["care"])):
        joined(workshop.code, name).post(f"/w/{workshop.code}/answer/{cloud.pk}/", {"word": words})
    present_url = f"/workshops/{workshop.pk}/present/"
    present = page(trainer_client, present_url)
    assert 'respect <span class="word-count">(2)</span>' in present  # the count as text
    assert 'idiots <span class="word-count">(1)</span>' in present
    control = page(trainer_client, f"/workshops/{workshop.pk}/control/")
    assert "Hide “idiots” from the screen" in control
    hidden = trainer_client.post(
        f"/workshops/{workshop.pk}/words/{cloud.pk}/", {"word": "idiots", "hidden": "1"}
    )
    assert hidden.status_code == 302
    assert "idiots" not in page(trainer_client, present_url)
    control = page(trainer_client, f"/workshops/{workshop.pk}/control/")
    assert "Hidden from the screen" in control and "Show “idiots” on the screen" in control
    cloud.refresh_from_db()
    assert cloud.config["hidden_words"] == ["idiots"] and cloud.answers.count() == 3
    trainer_client.post(
        f"/workshops/{workshop.pk}/words/{cloud.pk}/", {"word": "idiots", "hidden": "0"}
    )
    assert 'idiots <span class="word-count">(1)</span>' in page(trainer_client, present_url)
    # Only a word cloud hides words; only its own trainers may.
    poll = add(trainer_client, workshop, kind="poll", prompt="Which?", options="a\nb")
    refused = trainer_client.post(
        f"/workshops/{workshop.pk}/words/{poll.pk}/", {"word": "a", "hidden": "1"}
    )
    assert refused.status_code == 409
    stranger = Client().post(
        f"/workshops/{workshop.pk}/words/{cloud.pk}/", {"word": "care", "hidden": "1"}
    )
    assert stranger.status_code == 403


def test_each_workshop_page_has_a_title_of_its_own(trainer_client, organisation):
    """A screen-reader user with the presenter, the control page and a phone open tells
    them apart by their titles (WCAG 2.4.2), in both languages."""
    workshop = start(trainer_client, organisation)
    phone = joined(workshop.code, "Ann")
    for prefix in ("", "/nl"):
        pages = {
            "control": page(trainer_client, f"{prefix}/workshops/{workshop.pk}/control/"),
            "presenter": page(trainer_client, f"{prefix}/workshops/{workshop.pk}/present/"),
            "report": page(trainer_client, f"{prefix}/workshops/{workshop.pk}/report/"),
            "phone": page(phone, f"{prefix}/w/{workshop.code}/"),
        }
        titles = {
            name: re.search(r"<title>(.*?)</title>", html, re.S) for name, html in pages.items()
        }
        texts = {name: " ".join(found.group(1).split()) for name, found in titles.items() if found}
        assert len(texts) == 4 and len(set(texts.values())) == 4, texts
        assert all(workshop.title in text for text in texts.values()), texts
