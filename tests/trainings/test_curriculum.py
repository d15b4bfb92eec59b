"""All eight trainings as complete courses: a test of their structure, so the curriculum
cannot silently shrink (objective coverage, counts, sources, translations)."""

import re
from pathlib import Path

import pytest
from django.conf import settings
from django.test import Client

from journeys.core.content.check import check_content
from journeys.trainings.exercises import get_type
from journeys.trainings.models import Exercise, Lesson, Training

COURSES = [
    "harm-reduction",
    "alcohol-drugs",
    "health-risks",
    "addiction",
    "sex-drugs",
    "motivational-interviewing",
    "competence-based-work",
    "domestic-violence",
]
# The scenarios the curriculum promises: training -> at least this many.
SCENARIOS = {"health-risks": 1, "addiction": 1, "sex-drugs": 1, "domestic-violence": 1}
SCORED = {"single-choice", "multiple-choice", "fact-or-fiction", "scenario"}
pytestmark = pytest.mark.usefixtures("curriculum")


def is_scored(exercise: Exercise) -> bool:
    return exercise.type in SCORED or (exercise.type == "ranking" and exercise.data.get("key"))


@pytest.mark.parametrize("slug", COURSES)
def test_a_course_has_four_to_eight_objectives_and_lessons(slug):
    training = Training.objects.get(slug=slug)
    assert 4 <= training.objectives.count() <= 8
    assert 4 <= training.lessons.count() <= 8
    for lesson in training.lessons.all():
        assert 5 <= lesson.duration_minutes <= 15, lesson.slug


@pytest.mark.parametrize("slug", COURSES)
def test_every_objective_is_taught_and_checked_by_a_scored_exercise(slug):
    training = Training.objects.get(slug=slug)
    for objective in training.objectives.all():
        assert objective.lessons.exists(), f"{slug}: no lesson serves {objective.key}"
        checked = [e for e in objective.exercises.all() if is_scored(e)]
        assert checked, f"{slug}: no scored exercise checks {objective.key}"


@pytest.mark.parametrize("slug", COURSES)
def test_a_course_has_a_fact_or_fiction_round_of_ten_and_another_exercise_type(slug):
    exercises = Exercise.objects.filter(training__slug=slug)
    rounds = [e for e in exercises if e.type == "fact-or-fiction"]
    assert any(len(e.data["statements"]) >= 10 for e in rounds), slug
    assert {e.type for e in exercises} - {"fact-or-fiction"}, slug
    assert all(e.lesson_id for e in exercises), "every exercise sits in a lesson"


@pytest.mark.parametrize("slug", COURSES)
def test_every_scored_exercise_has_feedback_and_sources(slug):
    for exercise in Exercise.objects.filter(training__slug=slug):
        if not is_scored(exercise):
            continue
        model = get_type(exercise.type).schema.model_validate(exercise.data)
        data = model.model_dump()
        assert "sources" in str(data), exercise.slug
        if exercise.type in {"single-choice", "multiple-choice"}:
            assert all(option["feedback"]["en"] for option in data["options"])
        if exercise.type == "fact-or-fiction":
            assert all(s["explanation"]["nl"] and s["sources"] for s in data["statements"])


@pytest.mark.parametrize("slug", COURSES)
def test_a_course_has_a_bilingual_trainers_guide(slug):
    guide = Training.objects.get(slug=slug).trainer_guide
    assert guide["body"]["en"] and guide["body"].get("nl"), slug
    assert guide["sources"], slug


@pytest.mark.parametrize(("slug", "count"), SCENARIOS.items())
def test_the_promised_scenarios_ship(slug, count):
    assert Exercise.objects.filter(training__slug=slug, type="scenario").count() >= count


def test_the_courses_have_no_missing_translations():
    warnings = check_content(Path(settings.CONTENT_DIR)).warnings
    for slug in COURSES:
        assert not [w for w in warnings if f"/trainings/{slug}/" in w.path], slug


LINK = re.compile(r"\]\((/[^)\s#]*)")


def test_every_link_in_a_lesson_leads_somewhere(client: Client):
    for lesson in Lesson.objects.all():
        for language, body in lesson.body.items():
            for path in LINK.findall(body or ""):
                response = client.get(path)
                assert response.status_code == 200, f"{lesson.slug} ({language}): {path}"


@pytest.mark.parametrize("slug", COURSES)
def test_a_course_can_be_completed_in_both_languages(slug, client: Client, django_user_model):
    """Every lesson and exercise renders for a learner, in English and in Dutch."""
    client.force_login(django_user_model.objects.create_user("learner", password="x-long-1"))
    for lesson in Lesson.objects.filter(training__slug=slug):
        for prefix in ("", "/nl"):
            html = client.get(f"{prefix}/learn/{slug}/{lesson.slug}/").content.decode()
            for exercise in lesson.exercises.all():
                assert f'id="exercise-{exercise.slug}"' in html
