"""The combination checker as a plain function: a small hand-made table, no database."""

import pytest

from journeys.knowledge.interactions import (
    CombinationError,
    Rule,
    SubstanceRef,
    build_table,
    check_combination,
    normalise,
    split_names,
)
from journeys.knowledge.vocabulary import Status


def rule(a: str, b: str, status: Status) -> Rule:
    return Rule((a, b), status, "m", {"en": f"{a} with {b}"}, None, ("src",))


@pytest.fixture
def table():
    substances = [
        SubstanceRef("alcohol", {"en": "Alcohol", "nl": "Alcohol"}, ("alcohol",), ("booze",)),
        SubstanceRef("ghb-gbl", {"en": "GHB/GBL"}, ("ghb-gbl",), ("G", "GHB", "GBL")),
        SubstanceRef("mdma", {"en": "MDMA"}, ("mdma",), ("ecstasy", "XTC")),
        SubstanceRef("ssris", {"en": "SSRIs"}, ("ssris",), ("sertraline", "fluoxetine")),
        SubstanceRef("tramadol", {"en": "Tramadol"}, ("tramadol", "opioids"), ()),
        SubstanceRef("heroin", {"en": "Heroin", "nl": "Heroïne"}, ("opioids",), ("smack",)),
        SubstanceRef("methadone", {"en": "Methadone"}, ("opioids",), ()),
        SubstanceRef("nicotine", {"en": "Nicotine"}, ("nicotine",), ()),
        SubstanceRef("cannabis", {"en": "Cannabis"}, ("cannabis",), ("weed",)),
    ]
    rules = [
        rule("alcohol", "ghb-gbl", Status.DANGEROUS),
        rule("mdma", "ssris", Status.LOW_RISK_DECREASE),
        rule("alcohol", "mdma", Status.CAUTION),
        rule("ghb-gbl", "mdma", Status.CAUTION),
        rule("tramadol", "ssris", Status.DANGEROUS),
        rule("opioids", "ssris", Status.LOW_RISK_NO_SYNERGY),
        rule("alcohol", "opioids", Status.DANGEROUS),
        rule("alcohol", "cannabis", Status.LOW_RISK_SYNERGY),
    ]
    return build_table(substances, rules, {"opioids": {"en": "Opioids"}})


def test_ghb_with_alcohol_is_dangerous(table):
    result = check_combination(table, ["ghb", "alcohol"])
    assert [pair.status for pair in result.pairs] == [Status.DANGEROUS]
    assert result.worst == Status.DANGEROUS


def test_a_brand_or_chemical_name_resolves_through_its_class(table):
    result = check_combination(table, ["mdma", "Sertraline"])
    (pair,) = result.pairs
    assert pair.first.slug == "mdma" and pair.second.slug == "ssris"
    assert pair.status == Status.LOW_RISK_DECREASE


def test_three_substances_give_three_pairs_and_the_worst_status(table):
    result = check_combination(table, ["alcohol", "ecstasy", "G"])
    assert len(result.pairs) == 3
    assert {(p.first.slug, p.second.slug) for p in result.pairs} == {
        ("alcohol", "mdma"),
        ("alcohol", "ghb-gbl"),
        ("mdma", "ghb-gbl"),
    }
    assert result.worst == Status.DANGEROUS


def test_a_substance_in_two_groups_takes_the_worst_of_both(table):
    (pair,) = check_combination(table, ["tramadol", "sertraline"]).pairs
    assert pair.status == Status.DANGEROUS
    assert pair.rule is not None and pair.rule.groups == ("tramadol", "ssris")


def test_two_substances_of_one_group_are_reported_as_the_same_group(table):
    (pair,) = check_combination(table, ["heroin", "methadone"]).pairs
    assert pair.kind == "same-group"
    assert pair.shared_group == "opioids"
    assert pair.status is None


def test_a_pair_the_table_does_not_rate_says_so(table):
    result = check_combination(table, ["nicotine", "mdma"])
    assert result.pairs[0].kind == "no-data"
    assert result.worst is None


def test_low_risk_statuses_rank_below_caution(table):
    result = check_combination(table, ["alcohol", "cannabis", "mdma"])
    assert result.worst == Status.CAUTION


def test_names_are_matched_whatever_the_case_width_and_spacing(table):
    full_width_ghb = "  \uff27\uff28\uff22 "
    assert check_combination(table, [full_width_ghb, "ALCOHOL"]).worst == Status.DANGEROUS
    assert normalise("  Heroïne\u00a0 ") == "heroïne"
    assert check_combination(table, ["heroïne", "booze"]).worst == Status.DANGEROUS


def test_an_unknown_name_gets_suggestions(table):
    with pytest.raises(CombinationError) as error:
        check_combination(table, ["alcohl", "mdma"])
    (problem,) = error.value.problems
    assert "alcohl" in problem.message
    assert problem.suggestions[0] == "Alcohol"


def test_every_unknown_name_is_reported_at_once(table):
    with pytest.raises(CombinationError) as error:
        check_combination(table, ["xyzzy", "mdma", "qqq"])
    assert [p.entry for p in error.value.problems] == ["xyzzy", "qqq"]


def test_the_same_substance_twice_is_refused(table):
    with pytest.raises(CombinationError) as error:
        check_combination(table, ["mdma", "ecstasy"])
    assert "same substance" in error.value.problems[0].message


@pytest.mark.parametrize("entries", [[], ["mdma"], ["", "  "]])
def test_fewer_than_two_substances_is_refused(table, entries):
    with pytest.raises(CombinationError, match="at least two"):
        check_combination(table, entries)


def test_more_than_six_substances_is_refused(table):
    with pytest.raises(CombinationError, match="at most 6"):
        check_combination(table, ["alcohol", "mdma", "ghb", "heroin", "weed", "nicotine", "smack"])


def test_a_very_long_name_is_refused_without_echoing_it_whole(table):
    with pytest.raises(CombinationError) as error:
        check_combination(table, ["a" * 5000, "mdma"])
    assert len(error.value.problems[0].entry) <= 61


def test_control_characters_are_refused(table):
    with pytest.raises(CombinationError, match="characters"):
        check_combination(table, ["mdma\x00", "alcohol"])


def test_a_whole_list_that_is_too_long_is_refused():
    with pytest.raises(CombinationError, match="too long"):
        split_names("mdma," * 200)


def test_names_split_on_commas_semicolons_and_plus():
    assert split_names("ghb, alcohol;mdma + weed,,") == ["ghb", " alcohol", "mdma ", " weed"]
