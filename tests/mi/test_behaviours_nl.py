"""MITI behaviours in Dutch replies (issue 24): affirm, emphasise autonomy, seek
collaboration, confront and persuade found per utterance by journeys/mi/dutch.py, and the
conversation's language.

Held-back test set data/behaviours_nl.yaml (203 replies in police work on domestic
violence, addiction care, sex work, youth work and health care; written before the rules
were tuned, never tuned on), measured after tuning on data/behaviours_nl_dev.yaml (70
replies). Precision / recall, per behaviour:

    behaviour                       before issue 24   measured
    affirmation                     1.00 / 0.56       1.00 / 0.93
    emphasising_autonomy            0.89 / 0.55       1.00 / 0.90
    seeking_collaboration           1.00 / 0.54       1.00 / 0.92
    confronting                     1.00 / 0.38       1.00 / 1.00 (0.96 before the sarcastic echo)
    persuading_without_permission   0.96 / 1.00       1.00 / 1.00
    confrontations with a reflection utterance: 12 -> 0
    questions typed without "?" found: 22 of 32 -> 30 of 32
    main-code macro-F1: 0.749 -> 0.950 (replies_nl.yaml: 0.788 -> 0.814)

The floors below are regression guards, set under those figures (docs/mi.md, "Dutch:
rules")."""

from typing import Any

import pytest

from journeys.mi.annomi import MAIN_CODES
from journeys.mi.dutch import code_dutch
from journeys.mi.evaluation import macro_f1
from journeys.mi.language import reply_language
from journeys.mi.miti_rules import EXTRA_CODES
from journeys.mi.utterances import code_utterances
from tests.mi.test_dutch import load

BEHAVIOURS = EXTRA_CODES
# (precision, recall) floors on the held-back set; measured figures in the docstring.
FLOORS = {
    "affirmation": (0.90, 0.85),
    "emphasising_autonomy": (0.90, 0.82),
    "seeking_collaboration": (0.90, 0.85),
    "confronting": (0.90, 0.88),
    "persuading_without_permission": (0.90, 0.90),
}
MACRO_F1_FLOOR = 0.90  # measured 0.950
REPLIES_NL_BEFORE = 0.788  # replies_nl.yaml before issue 24; measured 0.814 after
QUESTIONS_WITHOUT_MARK_FLOOR = 0.85  # measured 30 of 32


def behaviours(reply: str, client: str | None = None) -> set[str]:
    coded = code_utterances(reply, client, page_language="nl")
    return {u.behaviour for u in coded.utterances} & set(BEHAVIOURS)


@pytest.fixture(scope="module")
def held_back() -> list[dict[str, Any]]:
    return load("behaviours_nl.yaml")


def test_the_test_set_has_enough_of_each_behaviour(held_back):
    for behaviour in BEHAVIOURS:
        assert sum(behaviour in item["b"] for item in held_back) >= 25, behaviour
    unmarked = [i for i in held_back if i["main"] == "question" and "?" not in i["r"]]
    assert len(unmarked) >= 25
    assert sum(not item["b"] and item["main"] != "question" for item in held_back) >= 40
    assert {item["s"] for item in held_back} == {
        "politie",
        "verslaving",
        "sekswerk",
        "jongeren",
        "gezondheid",
    }


@pytest.mark.parametrize("behaviour", BEHAVIOURS)
def test_each_behaviour_is_found_on_the_held_back_set(held_back, behaviour):
    found = [behaviour in behaviours(item["r"], item["c"]) for item in held_back]
    gold = [behaviour in item["b"] for item in held_back]
    hits = sum(f and g for f, g in zip(found, gold, strict=True))
    precision_floor, recall_floor = FLOORS[behaviour]
    assert hits / max(1, sum(found)) >= precision_floor
    assert hits / sum(gold) >= recall_floor


@pytest.mark.parametrize("name", ["behaviours_nl.yaml", "behaviours_nl_dev.yaml"])
def test_no_confrontation_is_coded_as_a_reflection(name):
    for item in load(name):
        if "confronting" in item["b"]:
            coded = code_utterances(item["r"], item["c"], page_language="nl")
            assert all(u.behaviour != "reflection" for u in coded.utterances), item["r"]


def test_main_codes_on_the_held_back_set(held_back):
    predicted = [code_dutch(item["r"], item["c"]).main for item in held_back]
    assert macro_f1([item["main"] for item in held_back], predicted, MAIN_CODES) >= MACRO_F1_FLOOR
    unmarked = [
        (item, main)
        for item, main in zip(held_back, predicted, strict=True)
        if item["main"] == "question" and "?" not in item["r"]
    ]
    found = sum(main == "question" for _, main in unmarked)
    assert found / len(unmarked) >= QUESTIONS_WITHOUT_MARK_FLOOR


def test_main_codes_on_replies_nl_are_no_worse_than_before():
    items = load("replies_nl.yaml")
    predicted = [code_dutch(item["reply"], item.get("client")).main for item in items]
    assert macro_f1([item["main"] for item in items], predicted, MAIN_CODES) >= REPLIES_NL_BEFORE


BLAMES = "Als ze niet zo had zitten zeuren was het nooit gebeurd."


@pytest.mark.parametrize(
    ("reply", "client", "expected"),
    [
        (
            "Nee, jij hebt haar geslagen. Dat is jouw verantwoordelijkheid, niet de hare.",
            BLAMES,
            ["confronting", "confronting"],
        ),
        ("Dat is gewoon een excuus.", BLAMES, ["confronting"]),
        ("Je bent in ontkenning.", BLAMES, ["confronting"]),
        ("Knap dat je toen zelf gebeld hebt.", "Ik heb zelf gebeld.", ["affirmation"]),
        ("Je hebt het toch maar gedaan.", "Ik vond het eng.", ["affirmation"]),
        (
            "Je hebt haar leven gered omdat je rustig bleef en wist wat je moest doen.",
            "Ik heb 112 gebeld.",
            ["affirmation"],
        ),
        ("Schrok je daarvan", "Hij stond ineens met een mes.", ["question_closed"]),
        ("Heb je daar met iemand over gepraat", None, ["question_closed"]),
        ("Wil jij dat ze terugkomt", None, ["question_closed"]),
        ("Is het eerder gebeurd", None, ["question_closed"]),
        ("Wil je minderen of helemaal stoppen", None, ["question_closed"]),
        ("Minder drinken of stoppen met blowen", None, ["question_closed"]),
        ("Dat voelt veiliger voor je, of niet", None, ["question_closed"]),
        ("Je drinkt nu minder dan vorig jaar, toch", None, ["question_closed"]),
        ("Vertel eens wat er precies gebeurde", None, ["question_open"]),
        ("Neem contact op met je huisarts.", None, ["persuading_without_permission"]),
        ("Bel je huisarts morgen.", None, ["persuading_without_permission"]),
        ("Klinkt alsof jullie ruzies vaak uit de hand lopen.", None, ["reflection_complex"]),
        ("Het is jouw keuze.", None, ["emphasising_autonomy"]),
        ("Mag ik uitleggen wat die waarden betekenen?", None, ["seeking_collaboration"]),
    ],
)
def test_the_issues_examples(reply, client, expected):
    coded = code_utterances(reply, client, page_language="nl")
    assert [u.miti_code for u in coded.utterances] == expected


@pytest.mark.parametrize(
    ("text", "page", "language"),
    [
        ("Zo'n acht uur per dag.", "nl", "nl"),
        ("Sinds januari.", "nl", "nl"),
        ("Knap hoor, helemaal zelf geregeld.", "nl", "nl"),
        ("Hace mucho tiempo que bebo demasiado.", "nl", "other"),
        ("Привет, как дела?", "nl", "other"),
        ("I think you are right about that.", "nl", "en"),
        ("Since January.", "en", "en"),
        ("Je drinkt vooral in het weekend.", "en", "nl"),
        ("Sinds januari.", None, "nl"),  # no page: the detector alone ("sinds" is Dutch)
    ],
)
def test_a_reply_is_in_the_conversations_language_unless_its_words_say_otherwise(
    text, page, language
):
    assert reply_language(text, page) == language
