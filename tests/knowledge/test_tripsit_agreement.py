"""Our interaction table against TripSit's combos.json: every TripSit pair is covered, and
every status that differs is documented in content with a reason and a source."""

import json
from pathlib import Path
from typing import Any

import pytest
import yaml

from journeys.knowledge.vocabulary import TRIPSIT_STATUS, Status

ROOT = Path(__file__).resolve().parents[2]
COMBOS = ROOT.parent / "shared" / "data" / "tripsit" / "combos.json"
TABLE = ROOT / "content" / "knowledge" / "interactions.yaml"

pytestmark = pytest.mark.skipif(not COMBOS.exists(), reason="../shared/data/tripsit is not here")


def tripsit_pairs() -> dict[frozenset[str], Status]:
    combos = json.loads(COMBOS.read_text())
    pairs: dict[frozenset[str], Status] = {}
    for a, row in combos.items():
        for b, entry in row.items():
            pairs[frozenset((a, b))] = TRIPSIT_STATUS[entry["status"]]
    return pairs


def our_pairs() -> tuple[dict[frozenset[str], dict[str, Any]], dict[str, str]]:
    table = yaml.safe_load(TABLE.read_text())
    to_tripsit = {g["id"]: g["tripsit"] for g in table["groups"] if g.get("tripsit")}
    pairs = {}
    for pair in table["pairs"]:
        if pair["a"] in to_tripsit and pair["b"] in to_tripsit:
            pairs[frozenset((to_tripsit[pair["a"]], to_tripsit[pair["b"]]))] = pair
    return pairs, to_tripsit


def disagreements() -> list[str]:
    ours, _ = our_pairs()
    found = []
    for key, status in sorted(tripsit_pairs().items(), key=lambda item: sorted(item[0])):
        pair = ours.get(key)
        if pair and pair["status"] != status:
            found.append(f"{' + '.join(sorted(key))}: TripSit {status}, ours {pair['status']}")
    return found


def test_every_tripsit_pair_is_in_our_table():
    ours, _ = our_pairs()
    missing = [" + ".join(sorted(key)) for key in tripsit_pairs() if key not in ours]
    assert len(tripsit_pairs()) == 421
    assert missing == []


def test_every_disagreement_is_documented_with_a_reason_and_a_source():
    ours, _ = our_pairs()
    tripsit = tripsit_pairs()
    undocumented = []
    for key, pair in ours.items():
        if key in tripsit and pair["status"] != tripsit[key]:
            deviation = pair.get("deviation") or {}
            if deviation.get("tripsit_status") != tripsit[key] or not deviation.get("sources"):
                undocumented.append(" + ".join(sorted(key)))
    # The list itself is printed for the record: `pytest -s` shows it.
    print("Disagreements with TripSit:", *(disagreements() or ["none"]), sep="\n")  # noqa: T201
    assert undocumented == []


def test_every_tripsit_group_exists_in_our_table():
    _, to_tripsit = our_pairs()
    assert set(json.loads(COMBOS.read_text())) == set(to_tripsit.values())
