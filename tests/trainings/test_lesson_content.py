"""`journeys content check` on lessons, exercises and scenario graphs: file, line, node."""

from pathlib import Path

import pytest

from journeys.core.content.check import check_content
from tests.conftest import CONTENT_FIXTURES
from tests.content_edits import copy_content, edit, errors

ALPHA = Path("trainings") / "alpha"


@pytest.fixture
def content(tmp_path: Path) -> Path:
    return copy_content(CONTENT_FIXTURES / "learning", tmp_path)


def scenario(content: Path) -> Path:
    return content / ALPHA / "exercises" / "night-out.yaml"


def test_the_learning_fixture_is_valid(content):
    assert errors(content) == []


def test_an_unknown_exercise_type_is_named_with_the_known_ones(content):
    edit(content / ALPHA / "exercises" / "think.yaml", "type: reflection", "type: essay")
    (problem,) = errors(content)[:1]
    assert "think.yaml:2: type: unknown exercise type 'essay'; known: fact-or-fiction" in problem


def test_malformed_exercise_yaml_names_its_line(content):
    edit(content / ALPHA / "exercises" / "facts.yaml", "verdict: fiction", "verdict: [fiction")
    found = errors(content)
    assert any("facts.yaml:" in line and "YAML syntax error" in line for line in found)


def test_a_wrong_verdict_is_refused(content):
    edit(content / ALPHA / "exercises" / "facts.yaml", "verdict: fiction", "verdict: myth")
    assert any("statements[1].verdict" in line for line in errors(content))


def test_a_single_choice_needs_exactly_one_right_option(content):
    path = content / ALPHA / "exercises" / "pick-one.yaml"
    edit(
        path,
        "{id: b, text: {en: B, nl: B}, feedback",
        "{id: b, text: {en: B, nl: B}, correct: true, feedback",
    )
    assert any("exactly one option must be correct, not 2" in line for line in errors(content))


def test_a_ranking_key_must_list_every_item(content):
    edit(
        content / ALPHA / "exercises" / "order.yaml",
        "key: [one, two, three]",
        "key: [one, two, four]",
    )
    assert any(
        "order.yaml:" in line and "key: the key must list every item" in line
        for line in errors(content)
    )


def test_a_lesson_embedding_an_unknown_exercise_is_refused(content):
    edit(
        content / ALPHA / "lessons" / "02-second-lesson.md",
        "exercises: [night-out]",
        "exercises: [day-out]",
    )
    (problem,) = errors(content)
    assert "02-second-lesson.md:6: exercises[0]: unknown exercise 'day-out'" in problem


def test_a_lesson_serving_an_unknown_objective_is_refused(content):
    edit(
        content / ALPHA / "lessons" / "01-first-lesson.md",
        "objectives: [first]",
        "objectives: [zeroth]",
    )
    (problem,) = errors(content)
    assert "01-first-lesson.md:3: objectives[0]: unknown objective 'zeroth'" in problem


def test_a_lesson_without_front_matter_is_refused(content):
    path = content / ALPHA / "lessons" / "02-second-lesson.md"
    path.write_text("Just text.\n")
    assert any("front matter between --- lines is missing" in line for line in errors(content))


def test_a_badly_named_lesson_file_is_refused(content):
    (content / ALPHA / "lessons" / "02-second-lesson.md").rename(
        content / ALPHA / "lessons" / "second.md"
    )
    assert any("name the file NN-<slug>.md" in line for line in errors(content))


def test_a_missing_dutch_lesson_body_is_a_warning(content):
    path = content / ALPHA / "lessons" / "02-second-lesson.md"
    edit(path, "<!-- nl -->\nDe tweede les.", "")
    checked = check_content(content)
    assert checked.errors == []
    assert any("body: warning: missing Dutch" in str(p) for p in checked.warnings)


def test_a_missing_target_names_the_node_and_line(content):
    edit(scenario(content), "next: good-end}", "next: great-end}")
    (problem,) = errors(content)
    assert "night-out.yaml:" in problem
    assert "nodes[3].branches[0].next: node 'outcome': missing target 'great-end'" in problem


def test_an_unreachable_node_is_refused(content):
    with scenario(content).open("a") as file:
        file.write(
            "  - {id: island, kind: ending, text: {en: x, nl: x}, debrief: {en: x, nl: x}}\n"
        )
    (problem,) = errors(content)
    assert "node 'island' cannot be reached from the start" in problem


def test_a_dead_end_that_is_not_an_ending_is_refused(content):
    edit(scenario(content), "    next: first-choice\n", "")
    (problem,) = errors(content)
    assert "nodes[0].next: node 'arrive': a narration needs next" in problem


def test_a_cycle_without_an_exit_is_refused(content):
    path = scenario(content)
    edit(
        path,
        "{id: wait, text: {en: Wait, nl: Wachten}, next: outcome",
        "{id: wait, text: {en: Wait, nl: Wachten}, next: loop",
    )
    with path.open("a") as file:
        file.write(
            "  - {id: loop, kind: narration, text: {en: Round, nl: Rond}, next: loop-back}\n"
            "  - {id: loop-back, kind: narration, text: {en: Again, nl: Weer}, next: loop}\n"
        )
    found = errors(content)
    assert any("node 'loop' never reaches an ending" in line for line in found)
    assert any("node 'loop-back' never reaches an ending" in line for line in found)


def test_an_undeclared_variable_is_refused(content):
    edit(scenario(content), "set: {calm: 1}", "set: {panic: 1}")
    assert any("undeclared variable 'panic'" in line for line in errors(content))


def test_a_condition_needs_one_kind_of_test(content):
    edit(
        scenario(content),
        "{when: {score_at_least: 3}",
        "{when: {score_at_least: 3, variable: calm, at_least: 1}",
    )
    assert any(
        "give either score_at_least, or variable with at_least" in line for line in errors(content)
    )
