"""Workshop plans: prepare once, start many times. Built through the HTTP client from two
trainings, picked statement by statement, reordered, started twice; who may see them;
what bad input gets; and each training's default plan following its guide's timing."""

from pathlib import Path

import pytest
from django.conf import settings
from django.test import Client

from journeys.trainings.guide_plan import parse_timing, plan_blocks, resolve
from journeys.trainings.models import Exercise, Training
from journeys.workshops import plans
from journeys.workshops.models import Plan, PlanItem, Workshop
from tests.conftest import PASSWORD, make_user
from tests.content_edits import copy_content, edit, errors

DV = "domestic-violence"


# ---------------------------------------------------------------- plain rules


def test_it_reads_a_timing_table_with_minutes_and_one_with_time_ranges():
    with_minutes = """
| Time | Minutes | Part | Exercises |
|---|---|---|---|
| 0:00 | 15 | Welcome | none |
| 0:15 | 20 | Warm-up | why-stay-facts (choose 8 to 10 of the 15) |
| 0:35 | 25 | Why | own-attitudes, alcohol-and-blame, case timeline |
"""
    with_ranges = """
| Time | Part | Method | Exercise (online equivalent) | Lesson |
|---|---|---|---|---|
| 0:00–0:15 | Welcome | round | – | – |
| 2:05–2:45 | Plans | groups | plan-at-home-*, three-corners debate | 4 |
"""
    blocks = parse_timing(with_minutes).blocks
    assert [(b.time, b.minutes, b.part) for b in blocks] == [
        ("0:00", 15, "Welcome"),
        ("0:15", 20, "Warm-up"),
        ("0:35", 25, "Why"),
    ]
    assert blocks[1].names == ["why-stay-facts"]
    assert blocks[2].names == ["own-attitudes", "alcohol-and-blame", "case"]
    ranged = parse_timing(with_ranges).blocks
    assert [(b.time, b.minutes) for b in ranged] == [("0:00", 15), ("2:05", 40)]
    assert resolve("plan-at-home-*", ["plan-at-home-b", "plan-at-home-a", "x"]) == [
        "plan-at-home-a",
        "plan-at-home-b",
    ]
    stored = plan_blocks(with_minutes, None, ["why-stay-facts", "alcohol-and-blame"])
    assert [b["exercises"] for b in stored] == [[], ["why-stay-facts"], ["alcohol-and-blame"]]


def test_moving_an_item_swaps_it_with_its_neighbour_and_stays_put_at_an_end():
    assert plans.moved([1, 2, 3], 3, "up") == [1, 3, 2]
    assert plans.moved([1, 2, 3], 1, "down") == [2, 1, 3]
    assert plans.moved([1, 2, 3], 1, "up") == [1, 2, 3]
    assert plans.moved([1, 2, 3], 3, "down") == [1, 2, 3]
    with pytest.raises(plans.PlanError):
        plans.moved([1, 2, 3], 4, "up")


def test_picking_needs_at_least_one_statement_of_those_offered():
    assert plans.picked(15, ["0", "14", "3", "3"]) == [0, 3, 14]
    for bad in ([], ["15"], ["-1"], ["x"], ["٣"]):
        with pytest.raises(plans.PlanError):
            plans.picked(15, bad)


def test_the_content_check_reports_a_timing_table_naming_no_exercise(tmp_path):
    content = copy_content(Path(settings.CONTENT_DIR), tmp_path)
    guide = content / "trainings" / DV / "trainer.md"
    edit(guide, "its-the-drink, will-a-course-fix-it", "its-the-drnk, will-a-course-fix-it")
    problems = errors(content)
    assert any("'its-the-drnk'" in p and "no exercise of this training" in p for p in problems)


# ---------------------------------------------------------------- through the pages


def exercise(training: str, slug: str) -> Exercise:
    return Exercise.objects.get(training__slug=training, slug=slug)


def new_plan(client: Client, name: str = "Police Amsterdam, half day") -> Plan:
    response = client.post("/workshops/plans/new/", {"name": name})
    assert response.status_code == 302, response.content.decode()[:2000]
    plan = Plan.objects.get(name=name)
    assert response["Location"] == f"/workshops/plans/{plan.pk}/"
    return plan


def prompts(plan: Plan) -> list[str]:
    return [item.config["prompt"]["en"] for item in plan.items.order_by("position")]


def start(client: Client, plan: Plan, title: str) -> Workshop:
    response = client.post(f"/workshops/plans/{plan.pk}/start/", {"title": title, "cap": 40})
    assert response.status_code == 302, response.content.decode()[:3000]
    workshop = Workshop.objects.get(title=title)
    assert response["Location"] == f"/workshops/{workshop.pk}/control/"
    return workshop


@pytest.fixture
def plan(trainer_client: Client, curriculum: None) -> Plan:
    """Three of the fifteen why-stay statements, then the GHB re-dose question."""
    plan = new_plan(trainer_client)
    facts = exercise(DV, "why-stay-facts")
    page = trainer_client.get(f"/workshops/plans/{plan.pk}/add/{DV}/{facts.pk}/")
    assert page.status_code == 200
    html = page.content.decode()
    assert html.count('type="checkbox" name="item"') == 15
    assert html.count(" checked") == 15  # all ticked at first
    assert "A victim can end the violence by simply leaving." in html
    response = trainer_client.post(
        f"/workshops/plans/{plan.pk}/add/{DV}/{facts.pk}/", {"item": ["0", "2", "5"]}
    )
    assert response.status_code == 302
    ghb = exercise("sex-drugs", "ghb-redose-timing")
    response = trainer_client.post(f"/workshops/plans/{plan.pk}/add/sex-drugs/{ghb.pk}/")
    assert response.status_code == 302
    return plan


def test_a_plan_from_two_trainings_is_reordered_and_started_twice(trainer_client, plan):
    statements = exercise(DV, "why-stay-facts").data["statements"]
    chosen = [statements[i]["statement"]["en"] for i in (0, 2, 5)]
    ghb_question = exercise("sex-drugs", "ghb-redose-timing").data["question"]["en"]
    assert prompts(plan) == [*chosen, ghb_question]
    assert [i.kind for i in plan.items.all()] == ["fact-or-fiction"] * 3 + ["quiz"]

    last = plan.items.get(position=4)
    for _ in range(2):
        response = trainer_client.post(f"/workshops/plans/{plan.pk}/items/{last.pk}/up/")
        assert response.status_code == 302
    assert prompts(plan) == [chosen[0], ghb_question, chosen[1], chosen[2]]
    first = plan.items.get(position=1)
    assert trainer_client.post(f"/workshops/plans/{plan.pk}/items/{first.pk}/remove/").status_code
    assert list(plan.items.values_list("position", flat=True)) == [1, 2, 3]
    assert prompts(plan) == [ghb_question, chosen[1], chosen[2]]

    page = trainer_client.get(f"/workshops/plans/{plan.pk}/").content.decode()
    assert "<title>Workshop plan: Police Amsterdam, half day" in page
    assert "Up<span" in page and "Down<span" in page and "Remove<span" in page

    one = start(trainer_client, plan, "Tuesday")
    two = start(trainer_client, plan, "Thursday")
    assert one.code != two.code
    for workshop in (one, two):
        activities = list(workshop.activities.order_by("position"))
        assert [a.config["prompt"]["en"] for a in activities] == prompts(plan)
        assert [a.position for a in activities] == [1, 2, 3]
        assert all(a.state == "ready" for a in activities)
    assert one.training is None  # activities from two trainings
    control = trainer_client.get(f"/workshops/{two.pk}/control/")
    assert control.status_code == 200 and two.code in control.content.decode()


def test_a_colleague_of_the_organisation_can_start_it_and_others_cannot_see_it(
    plan, organisation, other_trainer, participant
):
    from journeys.accounts.actions import add_member
    from journeys.accounts.models import Role

    colleague = make_user("colleague")
    add_member(organisation, colleague, Role.TRAINER)
    client = Client()
    client.login(username="colleague", password=PASSWORD)
    assert client.get("/workshops/plans/").content.decode().count(plan.name) == 1
    workshop = start(client, plan, "By a colleague")
    assert workshop.organisation == organisation and workshop.activities.count() == 4

    for username in ("other-trainer", "participant"):
        other = Client()
        other.login(username=username, password=PASSWORD)
        for url in (f"/workshops/plans/{plan.pk}/", f"/workshops/plans/{plan.pk}/add/{DV}/"):
            assert other.get(url).status_code == 404
        assert other.post(f"/workshops/plans/{plan.pk}/start/", {"title": "x"}).status_code == 404
        item = plan.items.first()
        assert item is not None
        url = f"/workshops/plans/{plan.pk}/items/{item.pk}/remove/"
        assert other.post(url).status_code == 404
    assert plan.items.count() == 4
    anonymous = Client().get(f"/workshops/plans/{plan.pk}/")
    assert anonymous.status_code == 302 and "/login" in anonymous["Location"]
    participant_client = Client()
    participant_client.login(username="participant", password=PASSWORD)
    assert participant_client.get("/workshops/plans/").status_code == 404
    assert Workshop.objects.filter(title="x").count() == 0


def test_bad_input_gets_a_clear_message_and_changes_nothing(trainer_client, plan):
    response = trainer_client.post("/workshops/plans/new/", {"name": "   "})
    assert response.status_code == 400
    assert "Give the plan a name." in response.content.decode()
    facts = exercise(DV, "why-stay-facts")
    url = f"/workshops/plans/{plan.pk}/add/{DV}/{facts.pk}/"
    response = trainer_client.post(url, {})
    assert response.status_code == 400
    assert "Tick at least one statement to add." in response.content.decode()
    response = trainer_client.post(url, {"item": ["99"]})
    assert response.status_code == 400
    assert trainer_client.post(f"/workshops/plans/{plan.pk}/add/{DV}/999999/").status_code == 404
    ghb = exercise("sex-drugs", "ghb-redose-timing")  # of another training than the URL's
    assert trainer_client.post(f"/workshops/plans/{plan.pk}/add/{DV}/{ghb.pk}/").status_code == 404
    reflection = exercise("sex-drugs", "sex-and-drugs-attitudes")
    assert reflection.type == "reflection"
    response = trainer_client.post(f"/workshops/plans/{plan.pk}/add/sex-drugs/{reflection.pk}/")
    assert response.status_code == 400
    assert "cannot run in a live workshop" in response.content.decode()
    response = trainer_client.post(
        f"/workshops/plans/{plan.pk}/own/",
        {"kind": "quiz", "prompt": "Which is right?", "options": "One\nTwo"},
    )
    assert response.status_code == 400
    assert "Mark the right answer with a *" in response.content.decode()
    assert trainer_client.post(f"/workshops/plans/{plan.pk}/items/1/sideways/").status_code == 404
    response = trainer_client.post(f"/workshops/plans/{plan.pk}/start/", {"title": "", "cap": 0})
    assert response.status_code == 400
    assert plan.items.count() == 4 and not Workshop.objects.exists()
    empty = new_plan(trainer_client, "Empty")
    response = trainer_client.post(f"/workshops/plans/{empty.pk}/start/", {"title": "T", "cap": 9})
    assert response.status_code == 400
    assert "This plan has no activities yet." in response.content.decode()


def test_own_questions_use_the_activity_form(trainer_client, plan):
    response = trainer_client.post(
        f"/workshops/plans/{plan.pk}/own/",
        {"kind": "quiz", "prompt": "Which helps?", "options": "Coffee\n*Recovery position"},
    )
    assert response.status_code == 302
    item = plan.items.get(position=5)
    assert item.kind == "quiz" and item.config["correct"] == "b" and item.exercise is None
    response = trainer_client.post(
        f"/workshops/plans/{plan.pk}/own/", {"kind": "word-cloud", "prompt": "One word"}
    )
    assert response.status_code == 302
    assert plan.items.count() == 6


def test_a_plan_keeps_its_snapshot_when_the_exercise_goes(trainer_client, plan):
    exercise(DV, "why-stay-facts").delete()
    assert PlanItem.objects.filter(plan=plan, exercise__isnull=True).count() == 3
    assert trainer_client.get(f"/workshops/plans/{plan.pk}/").status_code == 200
    assert start(trainer_client, plan, "Later").activities.count() == 4


# ---------------------------------------------------------------- default plans


def _guide_order(training: Training) -> list[str]:
    """The live exercises the guide's table names, in its order, read from the file."""
    text = (Path(settings.CONTENT_DIR) / "trainings" / training.slug / "trainer.md").read_text()
    english = text.split("---", 2)[2].partition("<!-- nl -->")[0]
    live = list(plans.live_exercises(training).values_list("slug", flat=True))
    order: list[str] = []
    for block in parse_timing(english).blocks:
        for name in block.names:
            order += [slug for slug in resolve(name, live) if slug not in order]
    return order


@pytest.mark.usefixtures("curriculum")
def test_every_training_has_a_default_plan_in_its_guides_order():
    trainings = list(Training.objects.all())
    assert len(trainings) == 8
    for training in trainings:
        default = plans.default_plan(training)
        assert len(default.blocks) >= 5, training.slug
        assert len(default.drafts) >= 3, training.slug
        slugs = list(dict.fromkeys(d.exercise.slug for d in default.drafts if d.exercise))
        assert slugs == _guide_order(training), training.slug
        assert default.minutes >= 180, training.slug
        for draft in default.drafts:
            if draft.exercise and draft.exercise.type == "fact-or-fiction":
                assert sum(d.exercise == draft.exercise for d in default.drafts) <= 10


def test_the_default_plan_can_be_started_and_copied(trainer_client, curriculum):
    page = trainer_client.get(f"/workshops/plans/default/{DV}/")
    assert page.status_code == 200
    html = page.content.decode()
    name = "Default plan: Domestic violence – workshop for police — half day, 3.5 h"
    assert f"<title>{name}" in html and f"<h1>{name}</h1>" in html
    assert "Warm-up: fact or fiction" in html and "Break" in html
    listing = trainer_client.get("/workshops/plans/").content.decode()
    assert name in listing and f"/workshops/plans/default/{DV}/" in listing

    default = plans.default_plan(Training.objects.get(slug=DV))
    response = trainer_client.post(
        f"/workshops/plans/default/{DV}/start/", {"title": "DV from the guide", "cap": 30}
    )
    assert response.status_code == 302
    workshop = Workshop.objects.get(title="DV from the guide")
    assert workshop.training is not None and workshop.training.slug == DV
    prompts_run = [a.config["prompt"]["en"] for a in workshop.activities.order_by("position")]
    assert prompts_run == [d.config["prompt"]["en"] for d in default.drafts]
    facts = exercise(DV, "why-stay-facts").data["statements"]
    assert prompts_run[:10] == [s["statement"]["en"] for s in facts[:10]]
    assert facts[10]["statement"]["en"] not in prompts_run

    response = trainer_client.post(f"/workshops/plans/default/{DV}/copy/", {"name": "My DV"})
    assert response.status_code == 302
    copy = Plan.objects.get(name="My DV")
    assert prompts(copy) == prompts_run
    assert trainer_client.get("/workshops/plans/default/no-such-training/").status_code == 404


def test_the_dutch_pages_speak_dutch(trainer_client, curriculum):
    html = trainer_client.get(f"/nl/workshops/plans/default/{DV}/").content.decode()
    assert "Standaardplan" in html and "Opwarmer: feit of fabel" in html
