"""The coder on our own labelled replies (tests/mi/data, written for Journeys, not from
AnnoMI) and on bad input. Floors, not targets: the figures measured when the rules and
model were shipped are in comments and in docs/mi.md."""

from pathlib import Path
from typing import Any

import pytest
import yaml
from sklearn.metrics import f1_score

from journeys.mi.coder import MAX_REPLY_CHARS, ReplyRejected, code_client, code_reply
from journeys.mi.language import detect_language

DATA = Path(__file__).parent / "data"


def load(name: str) -> Any:
    return yaml.safe_load((DATA / name).read_text(encoding="utf-8"))


@pytest.mark.parametrize(
    ("reply", "client", "main", "subtype"),
    [
        ("What worries you most about it?", "", "question", "open"),
        ("Do you drink every day?", "", "question", "closed"),
        ("Mm-hmm.", "", "other", None),
        (
            "So drinking helps you unwind, and part of you wonders whether it still does.",
            "I drink to relax, I guess. Lately it doesn't really work.",
            "reflection",
            None,
        ),
    ],
)
def test_clear_english_cases(reply, client, main, subtype):
    code = code_reply(reply, client)
    assert (code.main, code.language, code.method) == (main, "en", "model")
    if subtype:
        assert code.subtype == subtype
    assert 0 <= code.confidence <= 1


@pytest.mark.parametrize(
    "reply", ["You should just stop using G.", "Never use alone. Always have someone with you."]
)
def test_advice_said_outright_is_advice(reply):
    code = code_reply(reply, "I use G at parties.")
    assert (code.main, code.subtype) == ("therapist_input", "advice")
    assert "persuading_without_permission" in code.extras


def test_advice_without_permission_and_with_it():
    pushed = code_reply("You should stop mixing G with alcohol.", "I mix it with beer sometimes.")
    assert "persuading_without_permission" in pushed.extras
    asked = code_reply("You should stop mixing G with alcohol.", "What should I do to stay safer?")
    assert "persuading_without_permission" not in asked.extras
    offered = code_reply("If you want, some people keep a timer. It's up to you.", "")
    assert "emphasising_autonomy" in offered.extras
    assert "persuading_without_permission" not in offered.extras


def test_own_english_replies():
    items = load("replies_en.yaml")
    codes = [code_reply(item["reply"], item.get("client")) for item in items]
    macro = f1_score([i["main"] for i in items], [c.main for c in codes], average="macro")
    # measured 0.739 on 175 replies (accuracy 0.80); 0.800 since issue 24 (a confrontation
    # is never a reflection: coded "other", as AnnoMI does)
    assert macro >= 0.76
    for extra in (
        "affirmation",
        "emphasising_autonomy",
        "seeking_collaboration",
        "persuading_without_permission",
        "confronting",
    ):
        gold = [extra in (i.get("extras") or []) for i in items]
        found = [extra in c.extras for c in codes]
        hits = sum(g and f for g, f in zip(gold, found, strict=True))
        # The rules were written with these replies in view: recall here is optimistic.
        # Measured: precision 0.75-1.00, recall 0.60-1.00 (docs/mi.md).
        assert hits / sum(gold) >= 0.55, extra
        assert hits / max(1, sum(found)) >= 0.7, extra


def test_own_client_statements_get_a_talk_type():
    items = load("client_en.yaml")
    codes = [code_client(item["text"]) for item in items]
    assert {c.talk for c in codes} == {"change", "neutral", "sustain"}
    accuracy = sum(c.talk == i["talk"] for c, i in zip(codes, items, strict=True)) / len(items)
    assert accuracy >= 0.50  # measured 0.57 (macro-F1 0.52): short statements out of context


@pytest.mark.parametrize(
    ("text", "reason"),
    [
        ("", "empty"),
        ("   \n ", "empty"),
        ("x" * 20_000, "too-long"),
        ("🙂🙂🙂 👍", "no-words"),
        ("12345 !!!", "no-words"),
        ("¿Cómo estás hoy, amigo mío? ¿Qué te pasa?", "language"),
        ("Ich verstehe, das ist sehr schwer für dich.", "language"),
        ("Привет, как дела?", "language"),
    ],
)
def test_bad_input_gets_a_reason_and_a_message(text, reason):
    with pytest.raises(ReplyRejected) as raised:
        code_reply(text)
    assert raised.value.reason == reason
    assert str(raised.value)


def test_the_limit_is_one_turn():
    assert code_reply("So " + "you feel torn, " * 60)  # under the limit: coded
    with pytest.raises(ReplyRejected, match="at most 1,000"):
        code_reply("a" * (MAX_REPLY_CHARS + 1))


def test_code_or_markup_is_coded_but_flagged():
    code = code_reply("<script>alert('you should stop')</script>")
    assert code.low_confidence and code.notes
    code = code_reply("def reply(): return 'what worries you?'")
    assert code.low_confidence


def test_dutch_goes_to_the_dutch_rules_and_says_so():
    code = code_reply("Wat maakt het voor jou zo lastig om te minderen?")
    assert (code.language, code.method, code.main, code.subtype) == (
        "nl",
        "rules",
        "question",
        "open",
    )


def test_client_talk_is_english_only():
    with pytest.raises(ReplyRejected):
        code_client("Ik wil eigenlijk wel minderen.")


@pytest.mark.parametrize(
    ("text", "language"),
    [
        ("So you want to cut down.", "en"),
        ("Hm-hm.", "en"),
        ("Je wilt eigenlijk minderen, maar het lukt nog niet.", "nl"),
        ("Je suis très content de te voir aujourd'hui.", "other"),
    ],
)
def test_language(text, language):
    assert detect_language(text) == language
