"""The catalogue: the eight trainings on `/` and `/trainings/<slug>/`, in English and Dutch,
and the same data as JSON at /api/trainings."""

import pytest
from django.test import Client

from journeys.trainings.models import Training

SLUGS = [
    "harm-reduction",
    "alcohol-drugs",
    "health-risks",
    "addiction",
    "sex-drugs",
    "motivational-interviewing",
    "competence-based-work",
    "domestic-violence",
]

pytestmark = pytest.mark.usefixtures("curriculum")


def test_the_home_page_lists_all_eight_trainings_in_order(client: Client):
    response = client.get("/")
    assert response.status_code == 200
    html = response.content.decode()
    positions = [html.index(f'href="/trainings/{slug}/"') for slug in SLUGS]
    assert positions == sorted(positions)
    for training in Training.objects.all():
        assert training.title["en"] in html
    assert '<html lang="en">' in html


def test_the_home_page_in_dutch_shows_dutch_titles_and_interface(client: Client):
    response = client.get("/nl/")
    html = response.content.decode()
    assert response.status_code == 200
    assert '<html lang="nl">' in html
    assert "Motiverende gespreksvoering" in html
    assert "Competentiegericht werken" in html
    assert 'href="/nl/trainings/addiction/"' in html
    assert "Naar de inhoud" in html  # the skip link, translated


def test_the_language_switcher_links_to_the_same_page_in_the_other_language(client: Client):
    html = client.get("/trainings/addiction/").content.decode()
    assert 'href="/nl/trainings/addiction/" hreflang="nl"' in html
    html = client.get("/nl/trainings/addiction/").content.decode()
    assert 'href="/trainings/addiction/" hreflang="en"' in html


def test_the_catalogue_needs_a_fixed_number_of_queries(
    client: Client, django_assert_max_num_queries
):
    with django_assert_max_num_queries(4):
        client.get("/")


def test_a_training_page_shows_objectives_with_numbered_sources(client: Client):
    training = Training.objects.get(slug="harm-reduction")
    html = client.get("/trainings/harm-reduction/").content.decode()
    for objective in training.objectives.all():
        assert objective.text["en"] in html
        for source in objective.sources.all():
            assert f'href="#source-{source.key}"' in html
            assert f'id="source-{source.key}"' in html


def test_a_dutch_training_page_is_in_dutch(client: Client):
    training = Training.objects.get(slug="domestic-violence")
    html = client.get("/nl/trainings/domestic-violence/").content.decode()
    assert training.title["nl"] in html
    assert training.objectives.all()[0].text["nl"] in html
    assert "Leerdoelen" in html


def test_a_missing_dutch_text_falls_back_to_english_marked_as_english(client: Client):
    training = Training.objects.get(slug="addiction")
    training.summary = {"en": "Only in English."}
    training.save()
    html = client.get("/nl/trainings/addiction/").content.decode()
    assert '<span lang="en">Only in English.</span>' in html


def test_an_unknown_training_gets_a_friendly_404(client: Client):
    response = client.get("/trainings/no-such-training/")
    assert response.status_code == 404
    assert "We could not find that page" in response.content.decode()


def test_an_unknown_url_gets_a_friendly_404_in_dutch_too(client: Client):
    response = client.get("/nl/nergens/")
    assert response.status_code == 404
    assert "We konden die pagina niet vinden" in response.content.decode()


def test_the_api_lists_trainings_with_objectives(client: Client):
    data = client.get("/api/trainings").json()
    assert data["language"] == "en"
    assert [t["slug"] for t in data["trainings"]] == SLUGS
    first = data["trainings"][0]
    assert set(first) == {"slug", "title", "summary", "audience", "objectives"}
    assert first["title"] == "Harm reduction"
    assert all(objective["sources"] for t in data["trainings"] for objective in t["objectives"])


def test_the_api_speaks_dutch_when_asked(client: Client):
    data = client.get("/api/trainings?lang=nl").json()
    assert data["language"] == "nl"
    titles = {t["slug"]: t["title"] for t in data["trainings"]}
    assert titles["addiction"] == Training.objects.get(slug="addiction").title["nl"]


def test_the_api_rejects_an_unknown_language_with_a_clear_message(client: Client):
    response = client.get("/api/trainings?lang=xx")
    assert response.status_code == 400
    assert "xx" in response.json()["error"]


def test_the_api_gives_one_training_and_404_for_an_unknown_one(client: Client):
    assert client.get("/api/trainings/addiction").json()["slug"] == "addiction"
    assert client.get("/api/trainings/nope").status_code == 404


def test_every_training_ships_a_lesson_with_an_exercise():
    for training in Training.objects.all():
        lessons = training.lessons.all()
        assert lessons, training.slug
        assert any(lesson.exercises.exists() for lesson in lessons), training.slug


def test_a_branching_scenario_with_a_score_condition_ships():
    from journeys.trainings.models import Exercise

    scenarios = Exercise.objects.filter(type="scenario")
    assert any(
        "score_at_least" in str(branch.get("when", {}))
        for exercise in scenarios
        for node in exercise.data["nodes"]
        for branch in node.get("branches", [])
    )


def test_every_shipped_lesson_page_renders_in_both_languages(client: Client, db):
    from django.contrib.auth import get_user_model

    from journeys.trainings.models import Lesson

    client.force_login(get_user_model().objects.create_user("reader", password="x-long-pass-1"))
    for lesson in Lesson.objects.select_related("training"):
        for prefix in ("", "/nl"):
            url = f"{prefix}/learn/{lesson.training.slug}/{lesson.slug}/"
            assert client.get(url).status_code == 200, url
