"""The report's rules on plain data: pairing, what is left out and why, suppression,
scoring of reverse items and licensed scales."""

from datetime import date

import pytest
from django.utils import translation

from journeys.assessments import report, scoring
from journeys.assessments.report import Cohort, StoredResponse

DEFINITION = {
    "knowledge": {
        "form_a": [
            {
                "id": "a1",
                "question": {"en": "a1?"},
                "objective": "o1",
                "options": [{"correct": True}, {}],
            },
            {
                "id": "a2",
                "question": {"en": "a2?"},
                "objective": "o2",
                "options": [{}, {"correct": True}],
            },
        ],
        "form_b": [
            {
                "id": "b1",
                "question": {"en": "b1?"},
                "objective": "o1",
                "options": [{"correct": True}, {}],
            },
            {
                "id": "b2",
                "question": {"en": "b2?"},
                "objective": "o2",
                "options": [{}, {"correct": True}],
            },
        ],
    },
    "attitude": {
        "subscales": [{"id": "s", "name": {"en": "Confidence"}}],
        "items": [
            {"id": "t1", "subscale": "s", "text": {"en": "I can"}, "reverse": False},
            {"id": "t2", "subscale": "s", "text": {"en": "I cannot"}, "reverse": True},
        ],
    },
    "reaction": [{"id": "useful", "kind": "rating", "text": {"en": "Useful?"}}],
    "follow_up": [{"id": "did", "text": {"en": "Did it"}}],
}


@pytest.fixture(autouse=True)
def _in_english():
    """Sentences are in the active language; these tests read the English ones."""
    with translation.override("en"):
        yield


OBJECTIVES = [{"id": "o1", "text": {"en": "First"}}, {"id": "o2", "text": {"en": "Second"}}]


def test_knowledge_scores_count_unanswered_as_not_known():
    scores = scoring.knowledge_scores(DEFINITION, "a", {"a1": 0, "a2": "dont-know"})
    assert (
        scores["knowledge"] == 50 and scores["objective:o1"] == 100 and scores["objective:o2"] == 0
    )
    assert scoring.knowledge_scores(DEFINITION, "a", {})["knowledge"] == 0


def test_attitude_turns_reverse_items_round_and_needs_every_item():
    assert scoring.attitude_scores(DEFINITION, {"t1": 4, "t2": 2})["subscale:s"] == 4
    partial = scoring.attitude_scores(DEFINITION, {"t1": 4})
    assert partial["subscale:s"] is None and partial["attitude-item:t1"] == 4


def test_a_licensed_scale_by_its_rules():
    scale = {
        "slug": "x",
        "points": [1, 7],
        "score": "sum",
        "items": [{"reverse": False}, {"reverse": True}, {"reverse": False}],
        "subscales": [{"id": "p", "items": [1, 2]}],
    }
    scores = scoring.scale_scores(scale, {"x-1": 7, "x-2": 1, "x-3": 4})
    assert scores == {"scale:x": 7 + 7 + 4, "scale:x:p": 14}
    assert (
        scoring.scale_scores({**scale, "score": "mean"}, {"x-1": 7, "x-2": 1, "x-3": 4})["scale:x"]
        == 6
    )
    assert scoring.scale_scores(scale, {"x-1": 7})["scale:x"] is None


def response(
    i: int, phase: str, key: str, right: int, attitude: int = 3, measurement: int = 1
) -> StoredResponse:
    form = "a" if phase == "pre" else "b"
    answers = {f"{form}1": 0 if right >= 1 else 1, f"{form}2": 1 if right >= 2 else 0}
    answers |= {"t1": attitude, "t2": 6 - attitude}
    return StoredResponse(i, measurement, phase, form, key, answers)


ONE = Cohort(1, "One", date(2026, 1, 5))


def build(responses, cohorts=(ONE,)):
    return report.build_report("T", DEFINITION, OBJECTIVES, list(cohorts), responses)


def test_pairs_duplicates_and_lone_responses():
    rows = []
    for n in range(6):
        rows += [
            response(2 * n, "pre", f"k{n}", n % 2, 2),
            response(2 * n + 1, "post", f"k{n}", 2, 4),
        ]
    rows += [response(100, "pre", "twice", 0), response(101, "pre", "twice", 1)]
    rows += [response(102, "post", "twice", 2)]
    rows += [response(103, "post", "alone", 2), response(104, "pre", "left", 0)]
    result = build(rows)
    assert result.counts == {"pre": 9, "post": 8, "follow_up": 0, "pairs": 6, "follow_up_pairs": 0}
    reasons = {e.reason.split(":")[0]: e.count for e in result.exclusions}
    assert reasons["A code was entered more than once in the same phase"] == 2
    assert reasons["After without a before (no matching code)"] == 2  # 'twice' after and 'alone'
    assert reasons["Before without an after (left early, or a different code)"] == 1
    knowledge = result.knowledge[0]
    assert knowledge.pairs == 6 and knowledge.small and not knowledge.suppressed
    assert knowledge.result.pre.mean == 25 and knowledge.result.post.mean == 100
    assert "Knowledge (all questions) rose from 25% to 100% correct" in knowledge.sentence
    names = [name for name, _pre, _post in result.unpaired]
    assert "Knowledge (all questions)" in names
    assert result.attitude[0].result.post.mean == 4
    assert [o.key for o in result.knowledge] == ["knowledge", "objective:o1", "objective:o2"]


def test_groups_under_five_are_suppressed_everywhere():
    rows = []
    for n in range(4):
        rows += [response(2 * n, "pre", f"k{n}", 0), response(2 * n + 1, "post", f"k{n}", 2)]
    result = build(rows)
    assert result.suppressed
    assert all(o.result is None and o.sentence == "" for o in result.knowledge + result.attitude)
    assert all(row["pre"] is None and row["post"] is None for row in result.items)
    assert result.reaction_texts == []
    assert all(pre.mean is None for _name, pre, _post in result.unpaired)


def test_cohorts_pool_but_pair_only_within_their_measurement():
    rows = []
    for m in (1, 2):
        for n in range(5):
            rows += [
                response(100 * m + 2 * n, "pre", f"k{n}", 0, measurement=m),
                response(100 * m + 2 * n + 1, "post", f"k{n}", 1 + n % 2, measurement=m),
            ]
    cohorts = (Cohort(1, "One", date(2026, 1, 5)), Cohort(2, "Two", date(2026, 3, 1)))
    result = build(rows, cohorts)
    assert result.counts["pairs"] == 10
    assert [row["pairs"] for row in result.over_time] == [5, 5]
    assert result.over_time[0]["pre"] == 0


def test_follow_up_pairs_with_before():
    rows = []
    for n in range(5):
        rows += [response(3 * n, "pre", f"k{n}", 0, 2), response(3 * n + 1, "post", f"k{n}", 2, 4)]
        rows.append(
            StoredResponse(
                3 * n + 2, 1, "follow-up", "", f"k{n}", {"t1": 3 + n % 2, "t2": 3, "did": 4}
            )
        )
    result = build(rows)
    assert result.counts["follow_up_pairs"] == 5
    confidence = next(o for o in result.follow_up if o.key == "subscale:s")
    assert confidence.pairs == 5 and confidence.result.pre.mean == 2
    assert result.behaviour[0][1].mean == 4


@pytest.mark.parametrize(("pre", "post", "words"), [(0, 2, "rose from"), (2, 0, "fell from")])
def test_sentences_say_which_way(pre, post, words):
    rows = []
    for n in range(8):
        rows += [
            response(2 * n, "pre", f"k{n}", pre if n else 1),
            response(2 * n + 1, "post", f"k{n}", post),
        ]
    assert words in build(rows).knowledge[0].sentence
