"""`journeys content check` on knowledge files: each kind of mistake gets its own message."""

from pathlib import Path

import pytest
from django.conf import settings

from tests.content_edits import copy_content, edit, errors


@pytest.fixture
def content(tmp_path: Path) -> Path:
    return copy_content(Path(settings.CONTENT_DIR), tmp_path)


def test_the_shipped_knowledge_base_is_valid(content):
    assert errors(content) == []


def test_a_substance_citing_an_unknown_source_fails(content):
    path = content / "knowledge" / "substances" / "mdma.yaml"
    edit(path, "sources: [nida-commonly-used-drugs-charts]", "sources: [made-up-source]")
    (problem,) = errors(content)
    assert "mdma.yaml:" in problem
    assert "what_it_is.sources[0]: unknown source id 'made-up-source'" in problem


def test_a_substance_without_sources_fails(content):
    path = content / "knowledge" / "substances" / "mdma.yaml"
    edit(path, "  sources: [nida-commonly-used-drugs-charts]\nwanted_effects:", "wanted_effects:")
    (problem,) = errors(content)
    assert "what_it_is.sources: required field is missing" in problem


def test_a_substance_in_an_unknown_group_fails(content):
    edit(content / "knowledge" / "substances" / "mdma.yaml", "groups: [mdma]", "groups: [mdmaa]")
    (problem,) = errors(content)
    assert "groups[0]: unknown interaction group 'mdmaa'" in problem


def test_timing_on_an_unknown_route_fails(content):
    edit(content / "knowledge" / "substances" / "mdma.yaml", "route: oral", "route: ear")
    (problem,) = errors(content)
    assert "timing[0].route: unknown route 'ear'" in problem


def test_lists_of_different_length_in_en_and_nl_fail(content):
    path = content / "knowledge" / "substances" / "mdma.yaml"
    edit(path, "    - Meer energie\n", "")
    (problem,) = errors(content)
    assert "wanted_effects: " in problem and "nl has 3 items but en has 4" in problem


def test_an_unknown_class_fails(content):
    path = content / "knowledge" / "substances" / "mdma.yaml"
    edit(path, "classes: [empathogen, stimulant]", "classes: [empathogen, party-drug]")
    (problem,) = errors(content)
    assert "classes[1]: " in problem


def test_a_duplicate_pair_fails(content):
    path = content / "knowledge" / "interactions.yaml"
    with path.open("a") as file:
        file.write(
            "  - {a: ghb-gbl, b: alcohol, status: caution, mechanism: unpredictable,"
            " sources: [tripsit-combos-83670cb]}\n"
        )
    (problem,) = errors(content)
    assert "duplicate interactions 'pair alcohol + ghb-gbl'" in problem


def test_a_pair_with_an_unknown_group_or_status_fails(content):
    path = content / "knowledge" / "interactions.yaml"
    with path.open("a") as file:
        file.write(
            "  - {a: tea, b: alcohol, status: fine, mechanism: unpredictable,"
            " sources: [tripsit-combos-83670cb]}\n"
        )
    found = errors(content)
    assert any(".status: Input should be" in line for line in found)


def test_a_deviation_that_repeats_the_status_fails(content):
    path = content / "knowledge" / "interactions.yaml"
    with path.open("a") as file:
        file.write(
            "  - {a: nicotine, b: alcohol, status: caution, mechanism: unpredictable,"
            " sources: [tripsit-combos-83670cb], deviation: {tripsit_status: caution,"
            " reason: {en: x, nl: x}, sources: [nida-commonly-used-drugs-charts]}}\n"
        )
    (problem,) = errors(content)
    assert "deviation repeats the status" in problem


def test_an_intervention_for_an_unknown_setting_fails(content):
    path = content / "knowledge" / "settings.yaml"
    edit(path, "    settings: [nightlife", "    settings: [on-the-moon, nightlife")
    (problem,) = errors(content)
    assert "settings[0]: unknown setting 'on-the-moon'" in problem


def append_pair(content: Path, line: str) -> None:
    with (content / "knowledge" / "interactions.yaml").open("a") as file:
        file.write(f"  - {line}\n")


def test_a_pair_rated_safe_is_refused_with_the_statuses_there_are(content):
    append_pair(
        content,
        "{a: lithium, b: cannabis, status: safe, mechanism: unpredictable,"
        " sources: [tripsit-combos-83670cb]}",
    )
    found = [line for line in errors(content) if "interactions.yaml:" in line]
    assert len(found) == 1, found
    assert ".status: Input should be 'low-risk-synergy'" in found[0]


def test_our_own_low_risk_rating_without_a_source_is_refused(content):
    """A missing warning is not evidence of safety: a pair TripSit leaves unrated that we
    call low-risk needs a source of its own."""
    append_pair(
        content,
        "{a: lithium, b: cannabis, status: low-risk-no-synergy, mechanism: low-risk-additive,"
        " rated_by: journeys, sources: [tripsit-combos-83670cb]}",
    )
    (problem,) = errors(content)
    assert "sources: rated low-risk-no-synergy by us without a source" in problem
    assert "leave the pair out and it shows as not rated" in problem


def test_our_own_rating_needs_a_source_other_than_tripsit(content):
    append_pair(
        content,
        "{a: lithium, b: cannabis, status: caution, mechanism: unpredictable,"
        " rated_by: journeys, sources: [tripsit-combos-83670cb]}",
    )
    (problem,) = errors(content)
    assert "a rating of our own needs a source other than TripSit's chart" in problem


def test_a_pair_tripsit_cannot_rate_must_say_it_is_ours(content):
    append_pair(
        content,
        "{a: nicotine, b: cannabis, status: caution, mechanism: unpredictable,"
        " sources: [nida-commonly-used-drugs-charts]}",
    )
    (problem,) = errors(content)
    assert "TripSit's chart has no row for 'nicotine'" in problem


def test_a_name_that_finds_two_entries_is_refused(content):
    edit(
        content / "knowledge" / "substances" / "mdma.yaml",
        "street_names:\n  en: [",
        "street_names:\n  en: [Special-K, ",
    )
    (problem,) = errors(content)
    assert "mdma.yaml:" in problem and "street_names.en[0]" in problem
    assert "the name 'Special-K' also finds 'ketamine'" in problem
