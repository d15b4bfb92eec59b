"""Substance list, substance and route pages, settings and interventions, JSON API."""

import pytest
from django.test import Client

from journeys.knowledge.models import Interaction, Route, Substance

pytestmark = pytest.mark.usefixtures("curriculum")

REQUIRED = [
    "alcohol", "tobacco-nicotine", "cannabis", "mdma", "cocaine", "crack-cocaine",
    "amphetamine", "methamphetamine", "mephedrone", "3-mmc", "ketamine", "ghb-gbl",
    "nitrous-oxide", "poppers", "lsd", "psilocybin-mushrooms", "2c-b", "dmt", "heroin",
    "fentanyl", "methadone", "buprenorphine", "oxycodone", "tramadol", "benzodiazepines",
    "pregabalin-gabapentin", "z-drugs", "caffeine", "kratom", "synthetic-cannabinoids",
    "nitazenes", "ssris", "maois", "lithium", "hiv-boosters", "prep",
    "erectile-dysfunction-medicines",
]  # fmt: skip
ROUTES = ["oral", "snorting", "smoking", "injecting", "rectal", "sublingual", "inhaling"]


def test_the_knowledge_base_has_what_the_trainings_need():
    slugs = set(Substance.objects.values_list("slug", flat=True))
    assert len(slugs) >= 40
    assert set(REQUIRED) <= slugs
    assert list(Route.objects.values_list("slug", flat=True)) == ROUTES
    assert Interaction.objects.count() >= 421


def test_every_substance_page_renders_in_both_languages(client: Client):
    for slug in Substance.objects.values_list("slug", flat=True):
        for prefix in ("", "/nl"):
            response = client.get(f"{prefix}/knowledge/substances/{slug}/")
            assert response.status_code == 200, (prefix, slug)


def test_a_substance_page_shows_sourced_sections_and_timing(client: Client):
    html = client.get("/knowledge/substances/mdma/").content.decode()
    assert "How soon and how long" in html
    assert "Safer use" in html
    assert 'id="source-nida-commonly-used-drugs-charts"' in html
    assert "Call 112" in html
    assert "/knowledge/combinations/?s=mdma" in html


def test_every_route_page_renders(client: Client):
    for slug in ROUTES:
        assert client.get(f"/knowledge/routes/{slug}/").status_code == 200
        assert client.get(f"/nl/knowledge/routes/{slug}/").status_code == 200


def test_search_finds_a_substance_by_street_name(client: Client):
    html = client.get("/knowledge/", {"q": "XTC"}).content.decode()
    assert 'href="/knowledge/substances/mdma/"' in html
    assert 'href="/knowledge/substances/heroin/"' not in html


def test_the_class_filter_shows_only_that_class(client: Client):
    html = client.get("/knowledge/", {"class": "opioid"}).content.decode()
    assert 'href="/knowledge/substances/heroin/"' in html
    assert 'href="/knowledge/substances/mdma/"' not in html


def test_an_unknown_class_or_odd_query_is_harmless(client: Client):
    assert client.get("/knowledge/", {"class": "nonsense"}).status_code == 200
    assert client.get("/knowledge/", {"q": "\u202e" + "x" * 5000}).status_code == 200


def test_an_unknown_substance_gets_a_friendly_404(client: Client):
    assert client.get("/knowledge/substances/unobtainium/").status_code == 404
    response = client.get("/api/knowledge/substances/unobtainium")
    assert response.status_code == 404
    assert response.json() == {"error": "Not found"}


def test_the_api_lists_substances(client: Client):
    data = client.get("/api/knowledge/substances").json()
    assert len(data["substances"]) >= 40
    mdma = next(s for s in data["substances"] if s["slug"] == "mdma")
    assert mdma["groups"] == ["mdma"]
    assert "ecstasy" in mdma["street_names"]


def test_the_api_gives_one_substance_with_its_sourced_data(client: Client):
    data = client.get("/api/knowledge/substances/ghb-gbl").json()
    assert data["slug"] == "ghb-gbl"
    assert data["data"]["what_it_is"]["sources"]


def test_interventions_fit_the_setting_and_the_substances(client: Client):
    html = client.get(
        "/knowledge/interventions/", {"setting": "nightlife", "substance": ["ghb-gbl"]}
    ).content.decode()
    assert "What you can do" in html
    assert 'class="intervention-list"' in html
    assert "GHB" in html


def test_the_interventions_page_without_a_choice_shows_the_form(client: Client):
    html = client.get("/knowledge/interventions/", {"setting": "nowhere"}).content.decode()
    assert 'name="setting"' in html
    assert 'class="intervention-list"' not in html
