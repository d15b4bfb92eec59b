"""The practice client answers what was asked: a line of the kind the reply drew, about
what the reply was about (journeys/mi/client_lines.py), measured on labelled trainee
replies per persona (tests/mi/data/client_topics.yaml, written before the lines' topics
were tuned)."""

import re
import time
from functools import cache
from pathlib import Path
from typing import Any

import pytest
import yaml
from django.conf import settings

from journeys.mi.client_lines import UNCLEAR, choose_line, topic_scores, words
from journeys.mi.content import PersonaFile
from journeys.mi.practice import MAX_TURNS, Turn, finished, next_client_line

DATA = Path(__file__).parent / "data"
CASES: dict[str, dict[str, list[list[str]]]] = yaml.safe_load(
    (DATA / "client_topics.yaml").read_text()
)
# Replies written for the coder, labelled after the topic words were written.
HELD_OUT: dict[str, dict[str, list[list[str]]]] = yaml.safe_load(
    (DATA / "client_topics_held_out.yaml").read_text()
)
# Below the measured shares (docs/mi.md, "The practice conversation": 99 % and 96 %,
# held out 89 % and 90 %): a change to the persona files or to client_lines.py that
# answers fewer replies on topic fails here.
FLOOR = {"en": 0.95, "nl": 0.9}
PERSONA_FLOOR = 0.8
HELD_OUT_FLOOR = {"en": 0.8, "nl": 0.8}


@cache
def persona(slug: str) -> dict[str, Any]:
    """The persona's data as the page has it: validated, then dumped as it is loaded."""
    path = Path(settings.CONTENT_DIR) / "mi" / "personas" / f"{slug}.yaml"
    return PersonaFile.model_validate(yaml.safe_load(path.read_text())).model_dump(mode="json")


ADVICE = re.compile(r"^(you (should|need to|must|have to|could)|je (moet|zou))\b", re.I)
OPEN = re.compile(r"^(how|what|when|where|who|why|hoe|wat|wanneer|waar|wie|waarom)\b", re.I)


def drawn_kind(reply: str) -> str:
    """What the reply draws (practice.response_kind), by a stand-in for the coder so the
    measure does not move when the coder is retrained: advice draws sustain talk, a
    closed question neutral talk, open questions and reflections change talk."""
    if ADVICE.match(reply) and not reply.endswith("?"):
        return "sustain"
    if reply.endswith("?") and not OPEN.match(reply):
        return "neutral"
    return "change"


def turn(kind: str, index: int) -> Turn:
    return Turn(
        reply="reply",
        main="question",
        subtype="open",
        extras=(),
        confidence=0.9,
        low_confidence=False,
        client_kind=kind,
        client_index=index,
    )


def answer(slug: str, reply: str, turns: list[Turn] | None = None, kind: str = "") -> Any:
    data = persona(slug)
    chosen_kind, index = next_client_line(
        data["statements"], turns or [], kind or drawn_kind(reply), reply, data["topics"]
    )
    line = data["closing"] if chosen_kind == "closing" else data["statements"][chosen_kind][index]
    return chosen_kind, index, line


def on_topic(replies: list[list[str]], slug: str) -> int:
    return sum(
        kind != "closing" and topic in line["topics"]
        for topic, reply in replies
        for kind, _, line in [answer(slug, reply)]
    )


def test_the_test_set_has_enough_replies_per_persona_and_language():
    assert sorted(CASES) == sorted(p.stem for p in (settings.CONTENT_DIR / "mi/personas").iterdir())
    for slug, languages in CASES.items():
        for language in ("en", "nl"):
            assert len(languages[language]) >= 15, (slug, language)
    for cases in (CASES, HELD_OUT):
        for slug, languages in cases.items():
            for replies in languages.values():
                for topic, _ in replies:
                    assert topic in persona(slug)["topics"], (slug, topic)


@pytest.mark.parametrize("language", ["en", "nl"])
def test_the_client_answers_most_replies_on_topic(language):
    shares = {
        slug: on_topic(CASES[slug][language], slug) / len(CASES[slug][language]) for slug in CASES
    }
    answered = sum(on_topic(CASES[slug][language], slug) for slug in CASES)
    assert answered / sum(len(CASES[slug][language]) for slug in CASES) >= FLOOR[language]
    assert min(shares.values()) >= PERSONA_FLOOR, shares


@pytest.mark.parametrize("language", ["en", "nl"])
def test_the_client_answers_most_held_out_replies_on_topic(language):
    held_out = {slug: cases[language] for slug, cases in HELD_OUT.items() if language in cases}
    answered = sum(on_topic(replies, slug) for slug, replies in held_out.items())
    total = sum(len(replies) for replies in held_out.values())
    assert total >= 50
    assert answered / total >= HELD_OUT_FLOOR[language]


def test_a_question_about_the_veilig_thuis_number_gets_a_line_about_help():
    kind, _, line = answer("stay-with-partner", "Do you have the Veilig Thuis number?")
    assert kind in ("neutral", "sustain")
    assert "help" in line["topics"]
    assert re.search(r"number|ring|Veilig Thuis", line["en"])


def test_heeft_hij_je_eerder_geslagen_gets_a_line_about_earlier_violence():
    kind, _, line = answer("stay-with-partner", "Heeft hij je eerder geslagen?")
    assert kind == "neutral"
    assert "violence" in line["topics"]
    assert "eerder" in line["nl"] or "elke week" in line["nl"]


def test_the_kind_still_follows_what_the_reply_did():
    reply = "Do you have the Veilig Thuis number?"
    assert answer("stay-with-partner", reply, kind="change")[0] == "change"
    assert answer("stay-with-partner", reply, kind="sustain")[0] == "sustain"
    kind, _, line = answer("stay-with-partner", reply, kind="discord")
    assert kind == "discord"
    assert "help" in line["topics"]


def test_a_reply_without_a_topic_gets_the_next_line_of_its_kind_in_order():
    statements = persona("stay-with-partner")["statements"]
    turns = [turn("change", 0)]
    kind, index, _ = answer("stay-with-partner", "Tell me more.", turns, kind="change")
    assert (kind, index) == ("change", 1)
    assert answer("stay-with-partner", "🙂 ...", kind="neutral")[:2] == ("neutral", 0)
    assert statements["neutral"][0]["topics"] == []


def test_a_topic_with_no_line_left_gets_a_clarifying_line_then_the_next_in_order():
    data = persona("stay-with-partner")
    about_work = [
        turn(kind, index)
        for kind in ("neutral", "sustain", "change")
        for index, line in enumerate(data["statements"][kind])
        if "work" in line["topics"]
    ]
    kind, _, line = answer("stay-with-partner", "Where do you work?", about_work)
    assert kind == UNCLEAR
    assert line["en"] == "Sorry, I'm not sure what you mean."
    assert line["nl"] == "Sorry, ik weet niet precies wat je bedoelt."
    unclear = [turn(UNCLEAR, i) for i in range(len(data["statements"][UNCLEAR]))]
    kind, index, _ = answer("stay-with-partner", "Where do you work?", about_work + unclear)
    assert (kind, index) == ("change", 0)  # an open question: the first change talk


@pytest.mark.parametrize("language", ["en", "nl"])
@pytest.mark.parametrize("slug", sorted(CASES))
def test_a_twelve_turn_conversation_on_the_main_topics_does_not_run_dry(slug, language):
    """The persona's test replies in a row, as one conversation: every line is new and
    the client closes only at the end (or when the change talk is used up)."""
    turns: list[Turn] = []
    on = 0
    for topic, reply in CASES[slug][language]:
        kind, index, line = answer(slug, reply, turns)
        turns.append(turn(kind, index))
        on += kind != "closing" and topic in line["topics"]
        if finished(turns):
            break
    said = [(t.client_kind, t.client_index) for t in turns]
    assert len(said) == len(set(said))
    assert len(turns) == MAX_TURNS
    assert sum(t.client_kind == UNCLEAR for t in turns) <= 1
    assert on >= (MAX_TURNS - 1) * 0.7


def test_topic_words_match_word_starts_compounds_and_phrases():
    topics = {
        "violence": {"en": ["hit"], "nl": ["geslag"]},
        "help": {"en": ["veilig thuis", "helpline"], "nl": ["hulplijn"]},
    }
    assert topic_scores("Heeft hij je eerder geslagen?", topics) == {"violence": 1, "help": 0}
    assert topic_scores("Has he hit you?", topics)["violence"] == 1
    assert topic_scores("Bel de crisishulplijn of Veilig Thuis", topics)["help"] == 3
    assert topic_scores("The hitch", topics)["violence"] == 1  # a word start, on purpose
    assert topic_scores("shit", topics)["violence"] == 0  # short words match no middles
    assert topic_scores("Do you get G?", {"ghb": {"en": ["g"], "nl": ["g"]}}) == {"ghb": 1}
    assert topic_scores("Do you get it?", {"ghb": {"en": ["g"], "nl": ["g"]}}) == {"ghb": 0}
    assert words("Cocaïne, 's ochtends!") == ["cocaine", "s", "ochtends"]


def test_lines_without_topics_and_plain_strings_still_work():
    statements = {"change": ["c0", "c1"], "neutral": ["n0"], "sustain": ["s0"], "discord": []}
    assert choose_line(statements, {}, {("change", 0)}, "change", "anything") == ("change", 1)
    assert choose_line(statements, {}, {("neutral", 0)}, "discord", "x") == ("sustain", 0)
    assert choose_line(statements, {}, {("sustain", 0), ("neutral", 0)}, "sustain", "") is None


def test_choosing_a_line_takes_well_under_a_millisecond_on_average():
    replies = [reply for languages in CASES.values() for reply in (r for _, r in languages["nl"])]
    started = time.perf_counter()
    for reply in replies:
        answer("stay-with-partner", reply)
    assert (time.perf_counter() - started) / len(replies) < 0.005  # measured about 1 ms


@pytest.mark.django_db
def test_the_practice_page_answers_heeft_hij_je_eerder_geslagen_about_violence(client):
    from django.utils.html import escape

    from journeys.core.content.load import load_content

    load_content(settings.CONTENT_DIR)
    page = client.post(
        "/nl/mi/practice/stay-with-partner/", {"reply": "Heeft hij je eerder geslagen?"}
    ).content.decode()
    lines = [
        line["nl"]
        for lines in persona("stay-with-partner")["statements"].values()
        for line in lines
        if "violence" in line["topics"]
    ]
    assert any(escape(line) in page for line in lines)
