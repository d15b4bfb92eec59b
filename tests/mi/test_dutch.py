"""The rule-based Dutch coder (journeys/mi/dutch.py), and how well it does.

Macro-F1 over the four main codes (question, reflection, therapist_input, other):
* development set, data/dutch_dev.yaml (351 replies, the only data the rules were tuned
  on): 0.99 -- a measure of fit, not of accuracy. Batches 2, 3 and 4 of that set were
  written after the rules and coded before tuning on them: 0.73, 0.72 and 0.85.
* held-out test set, data/replies_nl.yaml (138 replies written by someone else, never
  read while tuning, measured once): 0.786 (accuracy 0.81). Two bugs then found in its
  errors were fixed ("ik" missing from the pronouns that stop an imperative reading; a
  subordinate "als je ..." clause taken for a verb-first question): 0.788. Per class:
  question 0.99, reflection 0.80, therapist_input 0.76, other 0.61.
"""

import math
from pathlib import Path
from typing import Any, cast

import pytest
import yaml

from journeys.mi import evaluation
from journeys.mi.dutch import analyse, code_dutch, normalise
from journeys.mi.miti_rules import EXTRA_CODES

DATA = Path(__file__).parent / "data"
MAINS = ("question", "reflection", "therapist_input", "other")

# Measured once on replies_nl.yaml after the rules were finished: 0.786 (0.788 after the
# two bug fixes in the module docstring).
TEST_SET_MACRO_F1 = 0.786
# A floor against regressions, not a target: 0.05 below the measured figure rounded down.
TEST_SET_FLOOR = math.floor(TEST_SET_MACRO_F1 * 100) / 100 - 0.05
DEV_SET_FLOOR = 0.93  # measured 0.994; the rules were tuned on it, so keep it close


def load(name: str) -> list[dict[str, Any]]:
    return cast(list[dict[str, Any]], yaml.safe_load((DATA / name).read_text(encoding="utf-8")))


def macro_f1(items: list[dict[str, Any]]) -> float:
    predicted = [code_dutch(item["reply"], item.get("client")).main for item in items]
    return evaluation.macro_f1([item["main"] for item in items], predicted, MAINS)


@pytest.mark.parametrize(
    ("reply", "client", "main", "subtype", "extras"),
    [
        ("Wat maakt het voor jou zo lastig om te minderen?", None, "question", "open", ()),
        ("Vertel eens wat er die avond gebeurde.", None, "question", "open", ()),
        ("Gebruik je G ook doordeweeks?", None, "question", "closed", ()),
        (
            "Mag ik je iets vertellen over naloxon?",
            None,
            "question",
            "closed",
            ("seeking_collaboration",),
        ),
        ("Denk je niet aan je kinderen?", None, "question", "closed", ("confronting",)),
        (
            "Je bent bang dat je je baan kwijtraakt, klopt dat?",
            "Als mijn baas het merkt, lig ik eruit.",
            "question",
            "closed",
            (),
        ),
        (
            "Je drinkt vooral in het weekend.",
            "Ik drink vooral in het weekend.",
            "reflection",
            "simple",
            (),
        ),
        (
            "Aan de ene kant wil je minderen, aan de andere kant helpt drinken je ontspannen.",
            "Ik wil wel minderen, maar ik drink om te ontspannen.",
            "reflection",
            "complex",
            (),
        ),
        (
            "Methadon werkt ongeveer een dag, daarom neem je het één keer per dag.",
            "Hoe lang werkt methadon eigenlijk?",
            "therapist_input",
            "information",
            (),
        ),
        (
            "Je moet echt stoppen met blowen.",
            None,
            "therapist_input",
            "advice",
            ("persuading_without_permission",),
        ),
        (
            "Ik zou eerst een week zonder proberen.",
            "Wat moet ik doen?",
            "therapist_input",
            "advice",
            (),
        ),
        (
            "Sommige mensen bouwen af, anderen stoppen in één keer.",
            None,
            "therapist_input",
            "options",
            (),
        ),
        (
            "Zullen we afspreken dat je volgende week bijhoudt hoeveel je gebruikt?",
            None,
            "therapist_input",
            "negotiation",
            (),
        ),
        ("Hm-hm.", None, "other", None, ()),
        ("Knap dat je dat gedaan hebt.", None, "other", None, ("affirmation",)),
        ("Het is jouw keuze.", None, "other", None, ("emphasising_autonomy",)),
        ("Je bent gewoon verslaafd.", None, "other", None, ("confronting",)),
    ],
)
def test_clear_cases(reply, client, main, subtype, extras):
    code = code_dutch(reply, client)
    assert (code.main, code.subtype, code.extras) == (main, subtype, extras), code.reasons
    assert 0.0 < code.confidence <= 1.0
    assert code.reasons


def test_extras_are_known_and_in_order():
    code = code_dutch("Jij bent de expert over je eigen leven; ik denk graag met je mee.")
    assert code.extras == ("emphasising_autonomy", "seeking_collaboration")
    assert set(code.extras) <= set(EXTRA_CODES)


def test_held_out_test_set_does_not_regress():
    assert macro_f1(load("replies_nl.yaml")) >= TEST_SET_FLOOR


def test_development_set_does_not_regress():
    assert macro_f1(load("dutch_dev.yaml")) >= DEV_SET_FLOOR


@pytest.mark.parametrize(
    "reply",
    ["", "   \n\t", "😀🙂👍", "?!...", "a" * 20_000, "Je drinkt veel. " * 1_250, None, 42],
)
def test_odd_input_is_other_with_no_confidence(reply):
    code = code_dutch(cast(str, reply), cast(str, None))
    assert (code.main, code.subtype, code.confidence, code.extras) == ("other", None, 0.0, ())


# Texts that would make a careless pattern backtrack: repeated openers, commas, and
# punctuation, each 20,000 characters long.
LONG_TEXTS = [
    ("je kunt " * 2_500)[:20_000],
    ("Je drinkt vooral in het weekend, maar je wilt minderen. " * 400)[:20_000],
    ("ja, " * 5_000)[:20_000],
    ("a. " * 7_000)[:20_000],
    "?!" * 10_000,
    "a" * 20_000,
    ("je bent gewoon echt " * 1_000)[:20_000],
    ("sommige mensen " * 1_400)[:20_000],
]


@pytest.mark.parametrize("text", LONG_TEXTS)
def test_every_rule_runs_on_20000_characters(text):
    # analyse() runs every rule on the text (code_dutch() refuses text this long). How
    # long that takes, worst case, is measured in bench/mi.py.
    assert analyse(normalise(text), "Ik drink eigenlijk te veel, denk ik?") is not None
