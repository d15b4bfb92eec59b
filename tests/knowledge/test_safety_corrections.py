"""Safety corrections pinned: each test reads the shipped content and fails on the text
as it was before the review (naloxone repeat dose, MDMA water intoxication, cocaethylene,
tramadol, PrEP in Dutch practice, heroin route and timing)."""

from pathlib import Path
from typing import Any

import yaml
from django.conf import settings

CONTENT = Path(settings.CONTENT_DIR)
HEALTH_RISKS = CONTENT / "trainings" / "health-risks"


def load(relative: str) -> Any:
    return yaml.safe_load((CONTENT / relative).read_text(encoding="utf-8"))


def lesson(path: Path) -> tuple[str, str]:
    """The English and the Dutch half of a Markdown lesson."""
    english, dutch = path.read_text(encoding="utf-8").split("<!-- nl -->")
    return english, dutch


def substance(slug: str) -> Any:
    return load(f"knowledge/substances/{slug}.yaml")


def joined(block: dict[str, Any], language: str) -> str:
    value = block[language]
    return " ".join(value) if isinstance(value, list) else value


def exercise(slug: str) -> Any:
    return load(f"trainings/health-risks/exercises/{slug}.yaml")


def option(exercise: dict[str, Any], option_id: str) -> Any:
    (found,) = [o for o in exercise["options"] if o["id"] == option_id]
    return found


def test_naloxone_second_dose_and_wearing_off_in_lesson_card_and_scenarios():
    english, dutch = lesson(HEALTH_RISKS / "lessons" / "01-overdose-recognise-and-respond.md")
    assert "second dose" in english and "other nostril" in english
    assert "tweede dosis" in dutch and "andere neusgat" in dutch
    assert "methadone" in english and "methadon" in dutch
    # "can wear off", never a duration in minutes
    (wear_off,) = [s for s in english.split(". ") if "wear off" in s]
    assert not any(ch.isdigit() for ch in wear_off)

    (card,) = [t for t in load("cards/topics.yaml")["topics"] if t["id"] == "overdose-response"]
    (naloxone,) = [s for s in card["back"] if "aloxon" in s["heading"]["en"]]
    assert "second dose" in joined(naloxone["items"], "en")
    assert "other nostril" in joined(naloxone["items"], "en")
    assert "wear off" in joined(naloxone["items"], "en")
    assert "tweede dosis" in joined(naloxone["items"], "nl")
    assert "andere neusgat" in joined(naloxone["items"], "nl")
    assert "uitwerken" in joined(naloxone["items"], "nl")

    shelter = exercise("opioid-overdose-in-the-shelter")
    right = option(shelter, "naloxone-position-stay")
    assert right["correct"] is True
    assert "second dose" in right["text"]["en"] and "tweede dosis" in right["text"]["nl"]
    assert "wear off" in right["feedback"]["en"]
    team = exercise("shelter-after-an-overdose")
    assert "second dose" in option(team, "protocol-naloxone-no-exclusion")["text"]["en"]


def test_mdma_water_intoxication_stops_the_drinking_and_lists_the_signs():
    water = exercise("mdma-heat-and-water")
    (right,) = [o for o in water["options"] if o.get("correct")]
    assert "no more water" in right["text"]["en"]
    assert "geen water meer" in right["text"]["nl"]
    assert "112" in right["text"]["en"] and "112" in right["text"]["nl"]
    sips = option(water, "breaks-and-sips")
    assert sips["correct"] is False
    assert "water intoxication" in sips["feedback"]["en"]

    signs = substance("mdma")["overdose_signs"]
    for word in ("headache", "vomiting", "confusion", "drowsiness", "seizures"):
        assert word in joined(signs, "en").lower(), word
    for word in ("hoofdpijn", "overgeven", "verwardheid", "sufheid"):
        assert word in joined(signs, "nl").lower(), word


def test_cocaine_and_crack_name_cocaethylene():
    for slug in ("cocaine", "crack-cocaine"):
        risks = substance(slug)["physical_risks"]
        assert "cocaethylene" in joined(risks, "en"), slug
        assert "cocaethyleen" in joined(risks, "nl"), slug
        assert "heart" in joined(risks, "en") and "hart" in joined(risks, "nl")


def test_tramadol_never_with_maois_and_dependence_is_not_called_rare():
    tramadol = substance("tramadol")
    assert "rare" not in joined(tramadol["dependence"], "en").lower()
    assert "zelden" not in joined(tramadol["dependence"], "nl").lower()
    english = tramadol["safer_use"]["en"]
    dutch = tramadol["safer_use"]["nl"]
    assert any("Never" in item and "MAO" in item and "14 days" in item for item in english)
    assert any("nooit" in item and "MAO-remmers" in item and "14 dagen" in item for item in dutch)
    assert not any("MAO" in item and "doctor's advice" in item for item in english)


def test_prep_follows_dutch_schedules_and_names_the_cdc_difference():
    advice = substance("prep")["safer_use"]
    english, dutch = joined(advice, "en"), joined(advice, "nl")
    assert "2-1-1" in english and "2-1-1" in dutch
    assert "double dose" in english and "dubbele dosis" in dutch
    assert "2 hours after the double dose" in english
    assert "48 hours after the last sex" in english
    assert "7 days after the last sex" in english
    assert "CDC" in english and "21 days" in english
    lesson_en, lesson_nl = lesson(
        CONTENT / "trainings" / "sex-drugs" / "lessons" / "04-hiv-hepatitis-c-and-other-stis.md"
    )
    assert "2-1-1" in lesson_en and "double starting dose" in lesson_en
    assert "2-1-1" in lesson_nl and "dubbele startdosis" in lesson_nl
    interventions = load("knowledge/settings.yaml")["interventions"]
    (intervention,) = [i for i in interventions if i["id"] == "prep-pep-and-testing"]
    assert "2-1-1" in intervention["what_to_do"]["en"]


def test_heroin_is_mostly_smoked_in_the_netherlands_and_timing_agrees():
    routes = {r["id"]: r for r in load("knowledge/routes.yaml")["routes"]}
    injecting_en = " ".join(" ".join(block["en"]) for block in routes["injecting"]["risks"])
    injecting_nl = " ".join(" ".join(block["nl"]) for block in routes["injecting"]["risks"])
    assert "mostly smoked" in injecting_en and "vooral van folie gerookt" in injecting_nl
    assert "heroin" in routes["smoking"]["onset"]["en"]

    english, dutch = lesson(HEALTH_RISKS / "lessons" / "03-routes-of-administration.md")
    assert "mostly smoked" in english and "vooral zo gerookt" in dutch
    assert "10 to 15 minutes" in english and "10 tot 15 minuten" in dutch

    heroin = substance("heroin")
    assert "10 to 15 minutes" in heroin["what_it_is"]["en"]
    (smoking,) = [t for t in heroin["timing"] if t["route"] == "smoking"]
    assert smoking["onset_minutes"][1] <= 15  # within NIDA's "peak within 10 to 15 minutes"


def test_every_opioid_page_and_the_naloxone_intervention_name_the_second_dose():
    pages = ["opioids", "heroin", "fentanyl", "methadone", "buprenorphine", "oxycodone"]
    pages += ["codeine", "nitazenes"]
    for slug in pages:
        safer = substance(slug)["safer_use"]
        assert "second dose" in joined(safer, "en") or "another dose" in joined(safer, "en"), slug
        assert "tweede dosis" in joined(safer, "nl") or "nog een dosis" in joined(safer, "nl"), slug
    (naloxone,) = [
        i
        for i in load("knowledge/settings.yaml")["interventions"]
        if i["id"] == "naloxone-for-opioid-overdose"
    ]
    assert "second dose" in naloxone["what_to_do"]["en"]
    assert "tweede dosis" in naloxone["what_to_do"]["nl"]


def test_the_forensic_doctor_is_not_always_the_ggd():
    """Regions contract forensic medical care differently: never 'forensisch arts (GGD)'."""
    found = [
        str(path.relative_to(CONTENT))
        for path in CONTENT.rglob("*")
        if path.suffix in {".yaml", ".md"}
        and "(GGD)" in path.read_text(encoding="utf-8")
        and "forens" in path.read_text(encoding="utf-8")
        and any(
            "forens" in line and "(GGD)" in line
            for line in path.read_text(encoding="utf-8").splitlines()
        )
    ]
    assert found == []
