"""GET /api/knowledge/combinations and the checker page, on the shipped content."""

import pytest
from django.test import Client

pytestmark = pytest.mark.usefixtures("curriculum")

API = "/api/knowledge/combinations"


def test_ghb_with_alcohol_is_dangerous(client: Client):
    data = client.get(API, {"substances": "ghb,alcohol"}).json()
    assert data["worst"] == "dangerous"
    (pair,) = data["pairs"]
    assert pair["status"] == "dangerous"
    assert pair["note"]
    assert pair["sources"] and all(key in data["sources"] for key in pair["sources"])
    assert "TripSit" in data["credit"] and data["disclaimer"]


def test_mdma_with_sertraline_resolves_through_ssris(client: Client):
    data = client.get(API, {"substances": "mdma,sertraline"}).json()
    assert [s["slug"] for s in data["substances"]] == ["mdma", "ssris"]
    assert data["pairs"][0]["groups"] == ["mdma", "ssris"]


def test_three_substances_return_three_pairs_and_the_worst(client: Client):
    data = client.get(API, {"substances": "alcohol,cocaine,ghb"}).json()
    assert len(data["pairs"]) == 3
    assert data["worst"] == "dangerous"


def test_dutch_results_are_in_dutch(client: Client):
    data = client.get(API, {"substances": "ghb,alcohol", "lang": "nl"}).json()
    assert data["language"] == "nl"
    assert "ademhaling" in data["pairs"][0]["note"]


def test_poppers_with_viagra_is_dangerous(client: Client):
    data = client.get(API, {"substances": "poppers,sildenafil"}).json()
    assert data["worst"] == "dangerous"


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ("", "at least two"),
        ("mdma", "at least two"),
        ("mdma,ecstasy", "same substance"),
        ("a,b,c,d,e,f,g", "at most 6"),
        ("mdma," + "x" * 300, "at most 60 characters"),
        ("mdma,al\u0000cohol", "cannot be stored"),
        ("mdma," * 200, "too long"),
    ],
)
def test_bad_input_gets_a_400_with_a_clear_message(client: Client, query, expected):
    response = client.get(API, {"substances": query})
    assert response.status_code == 400
    assert expected in response.json()["error"]


def test_an_unknown_name_gets_did_you_mean(client: Client):
    response = client.get(API, {"substances": "alcohl,mdma"})
    assert response.status_code == 400
    (problem,) = response.json()["problems"]
    assert problem["entry"] == "alcohl"
    assert "Alcohol" in problem["suggestions"]


def test_odd_unicode_is_handled(client: Client):
    response = client.get(API, {"substances": "\uff2d\uff24\uff2d\uff21,  ALCOHOL "})
    assert response.status_code == 200
    response = client.get(API, {"substances": "🙂,mdma"})
    assert response.status_code == 400


def test_the_page_shows_each_pair_with_icon_label_and_disclaimer(client: Client):
    html = client.get(
        "/knowledge/combinations/", {"s": ["ghb", "alcohol", "cocaine"]}
    ).content.decode()
    assert html.count('class="pair status-') == 3
    assert "Dangerous" in html and "☠" in html
    assert "not necessarily safe" in html
    assert "TripSit" in html


def test_the_page_explains_bad_input_with_a_form_message(client: Client):
    response = client.get("/knowledge/combinations/", {"s": ["alcohl", "mdma"]})
    assert response.status_code == 400
    html = response.content.decode()
    assert "Did you mean" in html and "Alcohol" in html


def test_the_empty_page_offers_the_form(client: Client):
    html = client.get("/knowledge/combinations/").content.decode()
    assert 'list="substance-names"' in html
    assert html.count('name="s"') == 6
