"""Every pair of TripSit's combination chart is answered by name through the JSON API:
with TripSit's status, or with our own, documented and sourced deviation. The names are
the ones people read on the chart ("aMT", "DOx", "NBOMes"), not our group ids."""

import json
from itertools import combinations
from pathlib import Path
from typing import Any

import pytest
from django.test import Client

from journeys.knowledge.vocabulary import TRIPSIT_STATUS

ROOT = Path(__file__).resolve().parents[2]
COMBOS = ROOT.parent / "shared" / "data" / "tripsit" / "combos.json"
API = "/api/knowledge/combinations"

# TripSit's key in combos.json -> the label on TripSit's printed chart.
CHART_NAMES = {
    "2c-t-x": "2C-T-x",
    "2c-x": "2C-x",
    "5-meo-xxt": "5-MeO-xxT",
    "alcohol": "Alcohol",
    "amphetamines": "Amphetamines",
    "amt": "aMT",
    "benzodiazepines": "Benzodiazepines",
    "caffeine": "Caffeine",
    "cannabis": "Cannabis",
    "cocaine": "Cocaine",
    "dextromethorphan": "DXM",
    "diphenhydramine": "DPH",
    "dmt": "DMT",
    "dox": "DOx",
    "ghb/gbl": "GHB/GBL",
    "ketamine": "Ketamine",
    "lithium": "Lithium",
    "lsd": "LSD",
    "maois": "MAOIs",
    "mdma": "MDMA",
    "mephedrone": "Mephedrone",
    "mescaline": "Mescaline",
    "mushrooms": "Mushrooms",
    "mxe": "MXE",
    "nbomes": "NBOMes",
    "nitrous": "Nitrous",
    "opioids": "Opioids",
    "pcp": "PCP",
    "pregabalin": "Pregabalin",
    "ssris": "SSRIs",
    "tramadol": "Tramadol",
}

needs_tripsit = pytest.mark.skipif(not COMBOS.exists(), reason="../shared/data/tripsit is not here")
pytestmark = pytest.mark.usefixtures("curriculum")


def chart() -> dict[frozenset[str], str]:
    pairs = {}
    for a, row in json.loads(COMBOS.read_text()).items():
        for b, entry in row.items():
            pairs[frozenset((a, b))] = TRIPSIT_STATUS[entry["status"]].value
    return pairs


def check(client: Client, *names: str) -> Any:
    response = client.get(API, {"substances": ",".join(names)})
    assert response.status_code == 200, (names, response.json())
    return response.json()


@needs_tripsit
def test_the_chart_has_the_names_we_list():
    assert set(json.loads(COMBOS.read_text())) == set(CHART_NAMES)


@needs_tripsit
@pytest.mark.parametrize("spelling", ["chart label", "combos.json key"])
def test_every_chart_pair_is_answered_by_name(client: Client, spelling: str):
    rated = chart()
    assert len(rated) == 421
    wrong = []
    for key, status in sorted(rated.items(), key=lambda item: sorted(item[0])):
        a, b = sorted(key)
        names = (CHART_NAMES[a], CHART_NAMES[b]) if spelling == "chart label" else (a, b)
        (pair,) = check(client, *names)["pairs"]
        deviation = pair["deviation"]
        if pair["status"] == status and pair["rated_by"] == "tripsit":
            continue
        documented = (
            deviation
            and deviation["tripsit_status"] == status
            and deviation["sources"]
            and pair["rated_by"] == "journeys"
        )
        if not documented:
            wrong.append(f"{names}: TripSit {status}, answer {pair['status']} ({pair['kind']})")
    assert wrong == []


@needs_tripsit
def test_a_chart_pair_tripsit_leaves_unrated_is_ours_with_a_source_or_not_rated(client: Client):
    rated = chart()
    for a, b in combinations(sorted(CHART_NAMES), 2):
        if frozenset((a, b)) in rated:
            continue
        (pair,) = check(client, CHART_NAMES[a], CHART_NAMES[b])["pairs"]
        if pair["status"] is None:
            assert pair["status_label"] == "Not rated", (a, b)
            assert "does not mean it is safe" in pair["note"]
        else:
            assert pair["rated_by"] == "journeys", (a, b)
            assert [s for s in pair["sources"] if not s.startswith("tripsit-")], (a, b)


@pytest.mark.parametrize(
    "names",
    [("pregabalin", "alcohol"), ("mephedrone", "alcohol"), ("ritonavir", "fentanyl"),
     ("pregabalin", "benzodiazepines")],
)  # fmt: skip
def test_pairs_the_chart_leaves_out_have_our_sourced_rating(client: Client, names):
    data = check(client, *names)
    (pair,) = data["pairs"]
    assert pair["status"] is not None, names
    assert pair["rated_by"] == "journeys"
    independent = [key for key in pair["sources"] if not key.startswith("tripsit-")]
    assert independent and all(key in data["sources"] for key in independent)


@pytest.mark.parametrize(
    ("typed", "slug"),
    [
        ("nitazene", "nitazenes"),
        ("benzo", "benzodiazepines"),
        ("G", "ghb-gbl"),
        ("tina", "methamphetamine"),
        ("ket", "ketamine"),
        ("amphetamines", "amphetamine"),
        ("5 meo dmt", "5-meo-xxt"),
        ("25I-NBOMe", "nbomes"),
        ("angel dust", "pcp"),
        ("methoxetamine", "mxe"),
        ("opioid", "opioids"),
        ("ghb gbl", "ghb-gbl"),
    ],
)
def test_names_people_use_resolve(client: Client, typed: str, slug: str):
    data = check(client, typed, "alcohol")
    assert data["substances"][0]["slug"] == slug


def test_dutch_answers_carry_dutch_labels(client: Client):
    data = client.get(API, {"substances": "ghb,alcohol", "lang": "nl"}).json()
    assert data["pairs"][0]["status_label"] == "Gevaarlijk"
    assert data["worst_label"] == "Gevaarlijk"
    unrated = client.get(API, {"substances": "lithium,cannabis", "lang": "nl"}).json()
    assert unrated["pairs"][0]["status_label"] == "Niet beoordeeld"
    english = client.get(API, {"substances": "ghb,alcohol"}).json()
    assert english["pairs"][0]["status_label"] == "Dangerous"


def test_the_page_marks_our_own_rating(client: Client):
    html = client.get("/knowledge/combinations/", {"substances": "pregabalin,alcohol"})
    text = html.content.decode()
    assert "Our own rating." in text
    assert "TripSit's chart does not rate this pair" in text
