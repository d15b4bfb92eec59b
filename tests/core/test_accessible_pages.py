"""What the accessibility audit asked of the pages, checked in their HTML: titles that
tell pages apart and say when a form has errors, hints that the fields point at, wide
tables reachable by keyboard, and a histogram whose figures are there in words too."""

import re

import pytest
from django.conf import settings
from django.template.loader import render_to_string

from journeys.assessments.plots import distribution, score_bands
from journeys.assessments.report import Outcome
from journeys.core.content.load import load_content


@pytest.fixture
def shipped(db: None) -> None:
    load_content(settings.CONTENT_DIR)


def title(page: str) -> str:
    found = re.search(r"<title>(.*?)</title>", page, re.S)
    assert found
    return " ".join(found.group(1).split())


def test_a_substance_page_and_its_card_have_different_titles(client, shipped):
    substance = title(client.get("/knowledge/substances/ghb-gbl/").content.decode())
    card = title(client.get("/cards/substance/ghb-gbl/").content.decode())
    assert substance != card
    assert card.startswith("GHB / GBL · Harm-reduction card")


def test_a_training_page_and_its_learning_overview_have_different_titles(client, shipped):
    from tests.conftest import make_user

    make_user("learner")
    client.login(username="learner", password="a-long-test-password-42")
    detail = title(client.get("/trainings/harm-reduction/").content.decode())
    overview = title(client.get("/learn/harm-reduction/").content.decode())
    assert detail != overview and overview.startswith("Your progress · ")


def test_a_form_with_errors_says_so_in_the_title(client, shipped):
    assert not title(client.get("/join/").content.decode()).startswith("Error:")
    page = client.post("/join/", {"code": "ZZZZZZ", "nickname": ""}).content.decode()
    assert title(page) == "Error: Join a workshop · Journeys"
    dutch = client.get("/nl/knowledge/combinations/?s=alcohl&s=mdma").content.decode()
    assert title(dutch).startswith("Fout: ")


def test_the_join_fields_point_at_hints_and_errors_that_exist(client, shipped):
    page = client.post("/join/", {"code": "ZZZZZZ", "nickname": ""}).content.decode()
    described = re.findall(r'aria-describedby="([^"]+)"', page)
    assert described
    for ids in described:
        for id_ in ids.split():
            assert f'id="{id_}"' in page, f"aria-describedby names #{id_}, not on the page"


def test_the_timing_table_scrolls_in_a_named_region_reachable_by_keyboard(client, shipped):
    page = client.get("/knowledge/substances/ghb-gbl/").content.decode()
    assert re.search(
        r'<div class="table-scroll" role="region" aria-label="Onset and duration per route" '
        r'tabindex="0">\s*<table class="table timing">',
        page,
    )


def test_the_histogram_tells_before_from_after_in_words_table_and_pattern():
    outcome = Outcome(
        key="knowledge",
        name="Knowledge",
        unit="percent",
        low=0,
        high=100,
        pre_values=[35.0, 42.0, 48.0, 55.0, 100.0],
        post_values=[72.0, 78.0, 85.0, 90.0, 100.0],
    )
    bands = score_bands(outcome)
    assert [(b.low, b.before, b.after) for b in bands if b.before or b.after] == [
        (30.0, 1, 0),
        (40.0, 2, 0),
        (50.0, 1, 0),
        (70.0, 0, 2),
        (80.0, 0, 1),
        (90.0, 1, 2),  # 100 % counts in the last band
    ]
    picture = distribution(outcome, "Before", "After", "percent correct")
    html = render_to_string(
        "assessments/_score_bands.html", {"outcome": outcome, "picture": picture}
    )
    alt = re.search(r'alt="([^"]*)"', html)
    assert alt and (
        "Before: 30–40%: 1; 40–50%: 2; 50–60%: 1; 90–100%: 1; "
        "After: 70–80%: 2; 80–90%: 1; 90–100%: 2; the same figures are in the table below."
    ) in alt.group(1)
    assert '<th scope="row">40–50%</th><td>2</td><td>0</td>' in html
    assert 'role="region"' in html and 'tabindex="0"' in html
    import base64

    svg = base64.b64decode(picture.split(",", 1)[1]).decode()
    assert svg.count("<pattern") >= 2  # dotted before, striped after: not colour alone


def test_english_source_notes_on_a_dutch_page_are_marked_english(client, shipped):
    page = client.get("/nl/trainings/harm-reduction/").content.decode()
    assert '<span class="hint" lang="en">Published 2009/2010; see also' in page
