"""The domestic-violence workshop, ready for operational police: strangulation care,
forensic doctors per region, gender-inclusive wording, children, powers at the door, the
removed person's rights, partners and a G-on-duty lesson. Reads the shipped content."""

from pathlib import Path
from typing import Any

import pytest
import yaml
from django.conf import settings

from journeys.trainings.models import Training

TRAINING = Path(settings.CONTENT_DIR) / "trainings" / "domestic-violence"
LESSONS = TRAINING / "lessons"


def lesson(name: str) -> tuple[dict[str, Any], str, str]:
    """Front matter, English body and Dutch body of a lesson file."""
    _, front, body = (LESSONS / name).read_text().split("---", 2)
    english, dutch = (" ".join(part.split()) for part in body.split("<!-- nl -->"))
    return yaml.safe_load(front), english, dutch


def exercise(slug: str) -> Any:
    return yaml.safe_load((TRAINING / "exercises" / f"{slug}.yaml").read_text())


def test_the_strangulation_disclosure_leads_to_a_medical_and_forensic_choice():
    scenario = exercise("call-to-a-home")
    nodes = {node["id"]: node for node in scenario["nodes"]}
    disclosed = nodes["strangulation-disclosed"]
    assert "went black" in disclosed["text"]["en"]
    step = nodes[disclosed["next"]]
    assert step["kind"] == "choice"
    best = max(step["choices"], key=lambda choice: choice["score"])
    english, dutch = best["feedback"]["en"], best["feedback"]["nl"]
    assert "forensic doctor" in english and "stroke" in english and "scan" in english
    assert "forensisch arts" in dutch and "beroerte" in dutch and "scan" in dutch
    assert "ambulance" in best["text"]["en"] and "ambulance" in best["text"]["nl"]
    assert {
        "victoire-2022-nfs-general-practice",
        "tisp-strangulation-imaging-recommendations",
    } <= set(scenario["sources"])


def test_the_risk_lesson_treats_strangulation_as_a_medical_emergency_with_forensic_care():
    front, english, dutch = lesson("05-recognising-danger-and-the-rihg.md")
    assert "medical emergency" in english and "medisch noodgeval" in dutch
    assert "forensic doctor (*forensisch arts*)" in english and "forensisch arts" in dutch
    # The forensic doctor is not always the GGD: regions contract it differently.
    assert "differs by region" in english and "verschilt per" in dutch
    assert "tk-2019-motie-arrestantenzorg-ggd" in front["sources"]


def test_no_text_names_the_ggd_without_the_forensic_doctor_and_the_regional_caveat():
    files = [
        *LESSONS.glob("*.md"),
        *(TRAINING / "exercises").glob("*.yaml"),
        TRAINING / "trainer.md",
    ]
    mentions = 0
    for path in files:
        text = path.read_text().lower()
        # Leave out the lists of source ids (front matter, `sources:`), which name the GGD.
        text = text.split("---", 2)[2] if path.suffix == ".md" else text.split("\nsources:")[0]
        for paragraph in text.split("\n\n"):
            if "ggd" in paragraph:
                mentions += 1
                assert "forensisch arts" in paragraph or "forensic doctor" in paragraph, path.name
                assert "regio" in paragraph, path.name
    assert mentions


def test_men_and_same_sex_relationships_are_named_with_the_cbs_figure_and_its_source():
    front, english, dutch = lesson("02-what-domestic-violence-is.md")
    assert "7.3% of men" in english and "same-sex" in english
    assert "7,3% van de mannen" in dutch and "twee mannen of twee vrouwen" in dutch
    assert {
        "cbs-2020-prevalentiemonitor-huiselijk-geweld",
        "movisie-lhbti-huiselijk-geweld",
    } <= set(front["sources"])


@pytest.mark.parametrize(
    "phrase",
    [
        "Why doesn't she just leave",
        "Has he ever",
        "if she won't",
        "tells you she is",
        "let her drinking",
    ],
)
def test_the_lessons_do_not_assume_the_victim_is_a_woman(phrase):
    for path in LESSONS.glob("*.md"):
        assert phrase not in path.read_text(), path.name


def test_the_police_lesson_covers_arrest_entry_complaints_and_the_removed_persons_rights():
    front, english, dutch = lesson("06-what-the-police-can-do.md")
    for term in ("aanhouding", "heterdaad", "binnentreden", "machtiging", "klachtdelict"):
        assert term in english.lower() and term in dutch.lower(), term
    assert (
        "art. 53" in english
        and "art. 54" in english
        and "Algemene wet op het binnentreden" in dutch
    )
    assert "voorlopige voorziening" in english and "voorlopige voorziening" in dutch
    assert "bestuursrechter" in english and "bestuursrechter" in dutch
    assert {
        "sv-aanhouding-voorlopige-hechtenis",
        "awbi-binnentreden",
        "rechtbank-leeuwarden-2009-beroep-huisverbod",
    } <= set(front["sources"])
    assert "powers-at-the-door" in front["exercises"]


def test_the_partners_lesson_covers_children_and_who_does_what():
    front, english, dutch = lesson("07-partners-veilig-thuis-and-the-meldcode.md")
    assert "kindcheck" in english and "kindcheck" in dutch
    assert "child abuse" in english and "kindermishandeling" in dutch
    for partner in (
        "Slachtofferhulp",
        "reclassering",
        "Zorg- en Veiligheidshuis",
        "forensisch arts",
    ):
        assert partner.lower() in english.lower() and partner.lower() in dutch.lower(), partner
    assert "children-in-the-home" in front["exercises"]
    assert {
        "augeo-kindcheck",
        "slachtofferhulp-doorverwijzen",
        "huiselijkgeweld-nl-zorg-en-veiligheidshuizen",
    } <= set(front["sources"])


@pytest.mark.usefixtures("curriculum")
def test_the_training_has_a_ghb_lesson_that_says_ambulance_not_a_cell():
    training = Training.objects.get(slug="domestic-violence")
    ghb = next(item for item in training.lessons.all() if "ghb" in item.slug)
    assert "ambulance" in ghb.body["en"] and "not a cell" in ghb.body["en"]
    assert "ambulance" in ghb.body["nl"] and "geen cel" in ghb.body["nl"]
    assert "/knowledge/substances/ghb-gbl/" in ghb.body["en"]
    assert "/knowledge/interventions/?setting=police-on-duty" in ghb.body["en"]
    quiz = ghb.exercises.get()
    right = next(option for option in quiz.data["options"] if option["correct"])
    assert "112" in right["text"]["en"] and "ambulance" in right["text"]["en"]
    assert "korf-2012-insluiten-of-heenzenden" in quiz.data["sources"]
