"""Every exercise type: reading answers, scoring and feedback, as plain functions."""

import pytest

from journeys.core.content.yamlfile import read_yaml
from journeys.trainings.exercises import AnswerError, exercise_types, get_type
from journeys.trainings.exercises.likert import scored_value
from tests.conftest import CONTENT_FIXTURES

EXERCISES = CONTENT_FIXTURES / "learning" / "trainings" / "alpha" / "exercises"


def load(slug: str):
    path = EXERCISES / f"{slug}.yaml"
    data = read_yaml(path, str(path)).data
    kind = get_type(data["type"])
    return kind, kind.schema.model_validate(data)


def answer(slug: str, form: dict[str, list[str]], previous=None):
    kind, model = load(slug)
    state = kind.play(model, previous, kind.read_answer(model, form))
    return state, kind.score(model, state)


def test_every_shipped_type_is_registered():
    assert set(exercise_types()) == {
        "single-choice", "multiple-choice", "fact-or-fiction", "ranking",
        "reflection", "likert", "scenario",
    }  # fmt: skip


def test_single_choice_scores_the_right_option_and_gives_its_feedback():
    _, outcome = answer("pick-one", {"option": ["a"]})
    assert (outcome.score, outcome.max_score) == (1.0, 1.0)
    assert [f.text["en"] for f in outcome.feedback] == ["Yes A."]
    _, outcome = answer("pick-one", {"option": ["b"]})
    assert outcome.score == 0.0
    assert outcome.feedback[0].correct is False


@pytest.mark.parametrize("form", [{}, {"option": ["z"]}, {"option": ["a", "b"]}])
def test_single_choice_refuses_a_missing_unknown_or_double_option(form):
    kind, model = load("pick-one")
    with pytest.raises(AnswerError):
        kind.read_answer(model, form)


def test_multiple_choice_needs_exactly_the_right_set():
    _, outcome = answer("pick-some", {"option": ["a", "b"]})
    assert outcome.score == 1.0
    _, outcome = answer("pick-some", {"option": ["a"]})
    assert outcome.score == 0.0
    # The missed right option is shown too, so the learner sees what was right.
    assert {f.item for f in outcome.feedback} == {"a", "b"}
    _, outcome = answer("pick-some", {"option": ["a", "b", "c"]})
    assert outcome.score == 0.0


def test_fact_or_fiction_scores_each_statement_and_explains_it():
    _, outcome = answer("facts", {"sky": ["fact"], "moon": ["fact"]})
    assert (outcome.score, outcome.max_score) == (1.0, 2.0)
    by_item = {f.item: f for f in outcome.feedback}
    assert by_item["sky"].correct is True
    assert by_item["moon"].correct is False
    assert by_item["moon"].text["en"] == "It is rock."


def test_fact_or_fiction_refuses_an_unanswered_or_odd_verdict():
    kind, model = load("facts")
    with pytest.raises(AnswerError):
        kind.read_answer(model, {"sky": ["fact"]})
    with pytest.raises(AnswerError):
        kind.read_answer(model, {"sky": ["maybe"], "moon": ["fact"]})


def test_ranking_with_a_key_scores_items_in_place():
    state, outcome = answer("order", {"rank-one": ["1"], "rank-two": ["3"], "rank-three": ["2"]})
    assert state == {"order": ["one", "three", "two"]}
    assert (outcome.score, outcome.max_score) == (1.0, 3.0)
    assert outcome.feedback[-1].text["en"] == "Counting."


def test_ranking_without_a_key_is_not_scored():
    state, outcome = answer("values", {"rank-safety": ["2"], "rank-freedom": ["1"]})
    assert state == {"order": ["freedom", "safety"]}
    assert outcome.complete and outcome.score is None


@pytest.mark.parametrize(
    "form",
    [
        {"rank-safety": ["1"], "rank-freedom": ["1"]},
        {"rank-safety": ["1"], "rank-freedom": ["3"]},
        {"rank-safety": ["x"], "rank-freedom": ["1"]},
        {"rank-safety": ["1"]},
    ],
)
def test_ranking_refuses_duplicate_out_of_range_or_missing_places(form):
    kind, model = load("values")
    with pytest.raises(AnswerError):
        kind.read_answer(model, form)


def test_reflection_is_kept_unscored_and_limited_in_length():
    state, outcome = answer("think", {"text": ["  I would ask first.  "]})
    assert state == {"text": "I would ask first."}
    assert outcome.complete and outcome.score is None
    kind, model = load("think")
    with pytest.raises(AnswerError, match="5000"):
        kind.read_answer(model, {"text": ["x" * 5001]})
    with pytest.raises(AnswerError):
        kind.read_answer(model, {"text": ["   "]})


def test_likert_takes_one_to_five_and_flips_reverse_items():
    state, outcome = answer("agree", {"help": ["5"], "blame": ["2"]})
    assert state == {"ratings": {"help": 5, "blame": 2}}
    assert outcome.score is None
    _, model = load("agree")
    assert scored_value(model.items[1], 2) == 4
    assert scored_value(model.items[0], 2) == 2
    kind, model = load("agree")
    with pytest.raises(AnswerError):
        kind.read_answer(model, {"help": ["6"], "blame": ["2"]})


def play_scenario(choices: list[str]):
    kind, model = load("night-out")
    state = kind.initial(model)
    state = kind.play(model, state, kind.read_answer(model, {"continue": ["1"]}))
    for choice in choices:
        state = kind.play(model, state, kind.read_answer(model, {"choice": [choice]}))
    return state, kind.score(model, state)


def test_a_scenario_starts_at_its_start_node():
    kind, model = load("night-out")
    state = kind.initial(model)
    assert state["node"] == "arrive" and not state["finished"]


def test_the_best_path_reaches_the_good_ending_through_the_score_condition():
    state, outcome = play_scenario(["talk", "call"])
    assert state["node"] == "good-end" and state["finished"]
    assert (outcome.score, outcome.max_score) == (3.0, 3.0)
    assert outcome.feedback[-1].text["en"] == "You stayed and called."


def test_a_variable_condition_picks_the_middle_ending():
    state, _ = play_scenario(["talk", "wait"])
    assert state["node"] == "ok-end"
    assert state["variables"] == {"calm": 1}


def test_the_worst_path_reaches_the_otherwise_ending():
    state, outcome = play_scenario(["leave", "wait"])
    assert state["node"] == "bad-end"
    assert outcome.score == 0.0
    assert [f.correct for f in outcome.feedback if f.item] == [False, False]


def test_a_scenario_refuses_a_choice_that_is_not_on_this_step():
    kind, model = load("night-out")
    state = kind.play(model, kind.initial(model), {"continue": True})
    with pytest.raises(AnswerError):
        kind.play(model, state, {"choice": "call"})
    with pytest.raises(AnswerError):
        kind.play(model, kind.initial(model), {"choice": "talk"})  # still narrating


def test_an_ended_scenario_can_be_played_again():
    kind, model = load("night-out")
    state, _ = play_scenario(["talk", "call"])
    with pytest.raises(AnswerError, match="ended"):
        kind.play(model, state, {"continue": True})
    assert kind.play(model, state, {"restart": True})["node"] == "arrive"
