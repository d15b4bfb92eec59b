"""Every training has its instruments, and what a broken instrument file gets."""

import re
from pathlib import Path

import pytest
import yaml
from django.conf import settings

from journeys.core.content.check import check_content
from tests.content_edits import copy_content, edit, errors

CONTENT = Path(settings.CONTENT_DIR)
TRAININGS = sorted(p.parent.name for p in CONTENT.glob("trainings/*/training.yaml"))


def test_the_shipped_content_passes_the_check():
    assert [str(p) for p in check_content(CONTENT).errors] == []


@pytest.mark.parametrize("slug", TRAININGS)
def test_every_training_has_forms_a_and_b_and_an_attitude_questionnaire(slug):
    path = CONTENT / "assessments" / f"{slug}.yaml"
    assert path.exists(), f"{slug} has no instruments"
    data = yaml.safe_load(path.read_text())
    objectives = {
        o["id"]
        for o in yaml.safe_load((CONTENT / "trainings" / slug / "training.yaml").read_text())[
            "objectives"
        ]
    }
    for form in ("form_a", "form_b"):
        items = data["knowledge"][form]
        assert len(items) >= 7
        assert {i["objective"] for i in items} == objectives  # every objective on each form
    a_questions = {i["question"]["en"] for i in data["knowledge"]["form_a"]}
    assert not a_questions & {i["question"]["en"] for i in data["knowledge"]["form_b"]}
    attitude = data["attitude"]
    assert len(attitude["subscales"]) >= 2
    assert sum(i.get("reverse", False) for i in attitude["items"]) >= 3
    kinds = {i["kind"] for i in data["reaction"]}
    assert kinds == {"rating", "text"}
    assert all(
        text.get("nl")
        for item in data["knowledge"]["form_a"]
        for text in [item["question"], item["explanation"]]
    )


def test_broken_instruments_get_clear_errors(tmp_path):
    content = copy_content(CONTENT, tmp_path)
    path = content / "assessments" / "addiction.yaml"
    data = yaml.safe_load(path.read_text())
    objective = data["knowledge"]["form_b"][0]["objective"]
    subscale = data["attitude"]["items"][0]["subscale"]
    edit(path, f"objective: {objective}", "objective: not-an-objective")
    edit(path, f"subscale: {subscale}", "subscale: nowhere")
    found = "\n".join(errors(content))
    assert re.search(
        r"knowledge\.form_[ab]\[\d+\]\.objective: "
        r"unknown objective 'not-an-objective'; addiction has: ",
        found,
    )
    assert "forms A and B must cover the same objectives as often" in found
    assert "attitude.items[0].subscale: unknown subscale 'nowhere'" in found


def test_an_item_with_no_right_answer_or_a_wrong_training(tmp_path):
    content = copy_content(CONTENT, tmp_path)
    path = content / "assessments" / "addiction.yaml"
    text = path.read_text()
    path.write_text(
        text.replace("correct: true", "correct: false", 1).replace(
            "training: addiction", "training: cooking", 1
        )
    )
    found = "\n".join(errors(content))
    assert "mark exactly one option correct: 0" in found
    assert "training 'cooking' must equal the file name" in found
    assert "unknown training 'cooking'" in found


def test_scale_rules_are_checked(tmp_path):
    content = copy_content(CONTENT, tmp_path)
    edit(content / "assessments" / "scales" / "mcrs.yaml", "points: [1, 6]", "points: [6, 1]")
    edit(
        content / "assessments" / "scales" / "mcrs.yaml",
        "slug: mcrs",
        "slug: mcrs\nitem_text: copied",
    )
    found = "\n".join(errors(content))
    assert "item_text" in found  # unknown keys: the repository holds no item text
