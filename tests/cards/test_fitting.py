"""Fitting text on a card: whole facts only, every section a turn, priorities kept."""

from journeys.cards.fitting import (
    SIZES,
    Fact,
    Section,
    chars_per_line,
    fit_sections,
    fit_source_names,
    section_lines,
    sentences,
    short_source_name,
    text_lines,
)

WIDTH = 60.0  # mm


def section(key: str, *texts: str, **options) -> Section:
    items = tuple(Fact(text, ("a-source",)) for text in texts)
    return Section(key=key, heading=key, icon="info", items=items, **options)


def shown(sections: tuple[Section, ...]) -> dict[str, list[str]]:
    return {s.key: [fact.text for fact in s.items] for s in sections}


def test_text_wraps_at_word_boundaries():
    limit = chars_per_line(WIDTH)
    assert text_lines("word", WIDTH) == 1
    assert text_lines(" ".join(["x" * 9] * (limit // 10)), WIDTH) == 1
    assert text_lines(" ".join(["x" * 9] * (limit // 10 + 1)), WIDTH) == 2
    assert text_lines("y" * (limit * 2 + 1), WIDTH) == 3  # one long word fills lines


def test_every_section_gets_its_first_fact_before_any_gets_a_second():
    sections = (section("a", "a1", "a2", "a3"), section("b", "b1", "b2"))
    one_round = section_lines(sections[0], 1, WIDTH) + section_lines(sections[1], 1, WIDTH)
    fitted = fit_sections(sections, one_round + 1, WIDTH)
    assert shown(fitted) == {"a": ["a1", "a2"], "b": ["b1"]}


def test_a_fact_that_does_not_fit_is_left_out_whole_and_smaller_ones_still_come():
    long = "long " * 200
    sections = (section("a", "a1", long, "a3"), section("b", "b1", "b2"))
    fitted = fit_sections(sections, 10, WIDTH)
    assert shown(fitted) == {"a": ["a1"], "b": ["b1", "b2"]}  # never a part of `long`


def test_sections_with_nothing_that_fits_are_left_out():
    fitted = fit_sections((section("a", "a1"), section("b", "word " * 100)), 3, WIDTH)
    assert shown(fitted) == {"a": ["a1"]}


def test_first_takes_several_facts_in_the_first_round():
    sections = (section("mix", "m1", "m2", "m3", style="inline", first=3), section("b", "b1"))
    needed = section_lines(sections[0], 3, WIDTH)
    assert shown(fit_sections(sections, needed, WIDTH)) == {"mix": ["m1", "m2", "m3"]}


def test_rank_decides_who_gets_room_but_not_the_printed_order():
    sections = (section("effects", "e1", rank=2), section("risks", "r1", rank=0))
    room = section_lines(sections[1], 1, WIDTH)
    assert shown(fit_sections(sections, room, WIDTH)) == {"risks": ["r1"]}
    both = fit_sections(sections, room * 3, WIDTH)
    assert [s.key for s in both] == ["effects", "risks"]


def test_inline_facts_with_a_tag_run_on_after_it():
    facts = (
        Fact("Alcohol", ("s",), tag="☠ Dangerous"),
        Fact("Opioids", ("s",), tag="☠ Dangerous"),
        Fact("Cocaine", ("s",), tag="✖ Unsafe"),
    )
    mix = Section("do-not-mix", "Do not mix with", "ban", facts, style="inline")
    assert [run.text for run in mix.runs] == ["☠ Dangerous: Alcohol, Opioids", "✖ Unsafe: Cocaine"]


def test_sentences_split_a_paragraph_into_whole_sentences():
    text = "A depressant. It slows the brain down, e.g. reaction time. GHB is 1 of them! 2 more?"
    assert sentences(text) == (
        "A depressant.",
        "It slows the brain down, e.g. reaction time.",
        "GHB is 1 of them!",
        "2 more?",
    )


def test_short_source_names():
    samhsa = "Substance Abuse and Mental Health Services Administration (SAMHSA)"
    assert short_source_name(samhsa, 2018) == "SAMHSA 2018"
    assert short_source_name("Trimbos Instituut", None) == "Trimbos Instituut"
    assert short_source_name("Rhodes T., Hedrich D. (eds.), EMCDDA", 2010) == "Rhodes T. 2010"
    assert short_source_name("Jellinek (NL)", None) == "Jellinek"  # a country code is no name


def test_source_names_fill_their_lines_and_count_the_rest():
    size = SIZES["a7"]
    few = ("NIDA 2020", "WHO 2014")
    assert fit_source_names(few, size) == (few, 0)
    many = tuple(f"Publisher number {i} 2020" for i in range(20))
    names, more = fit_source_names(many, size)
    assert 0 < len(names) < 20
    assert len(names) + more == 20
    assert names == many[: len(names)]
