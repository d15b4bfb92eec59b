"""content/glossary.yaml: one word for one thing. The check refuses an avoided term in
prose of its language, with `path:line: field: message`, and leaves alone what is not
prose (names people type, link targets, a word in quotation marks)."""

from pathlib import Path

import polib
import pytest
import yaml
from django.conf import settings

from journeys.core.content.glossary import GlossaryFile, phrase_pattern, rules
from tests.content_edits import copy_content, edit, errors

CONTENT = Path(settings.CONTENT_DIR)
KETAMINE = "knowledge/substances/ketamine.yaml"
LOCALES = Path(settings.BASE_DIR) / "journeys"


@pytest.fixture
def content(tmp_path):
    return copy_content(CONTENT, tmp_path)


def test_a_banned_dutch_term_is_refused_with_its_line_and_the_term_to_use(content):
    edit(content / KETAMINE, "andere dempende middelen", "andere verdovende middelen")
    found = errors(content)
    assert len(found) == 1, found
    line = found[0]
    assert line.startswith(f"{content / KETAMINE}:") or f"{KETAMINE}:" in line
    number = int(line.split(":")[1])
    assert "verdovende middelen" in (content / KETAMINE).read_text().splitlines()[number - 1]
    assert "physical_risks.nl[4]" in line
    assert "use “dempend middel (dempende middelen)”" in line


def test_the_same_word_in_english_text_is_not_checked_against_dutch_rules(content):
    assert "alcohol, GHB, benzodiazepines or opioids" in (content / KETAMINE).read_text()
    edit(content / KETAMINE, "GHB, benzodiazepinen of opioïden", "GHB, benzodiazepines of opioïden")
    found = errors(content)
    assert [line for line in found if "safer_use.nl[0]" in line], found
    assert not [line for line in found if "safer_use.en" in line]


def test_names_people_type_are_not_prose(content):
    edit(
        content / KETAMINE,
        "nl: [keta, K, ket, special K]",
        "nl: [keta, K, ket, special K, chemseks]",
    )
    assert errors(content) == []


def test_a_quoted_mention_and_a_link_target_pass(content):
    lesson = next((content / "trainings/harm-reduction/lessons").glob("01-*.md"))
    text = lesson.read_text()
    assert "<!-- nl -->" in text
    lesson.write_text(
        text
        + '\nNoem iemand nooit een "junkie".'
        + " Zie [de pagina](/nl/knowledge/substances/benzodiazepines/).\n"
    )
    assert errors(content) == []
    lesson.write_text(text + "\nEen junkie is ook een mens.\n")
    found = errors(content)
    assert len(found) == 1 and "“junkie”" in found[0] and "body.nl" in found[0], found
    assert found[0].split(":")[1] == str(len(text.splitlines()) + 2)


def test_a_term_allowed_in_a_folder_is_allowed_there_only(content):
    # A practice client may call themselves what they like...
    assert "junkie" in (content / "mi/personas/ghb-at-parties.yaml").read_text()
    assert errors(content) == []
    # ...the knowledge base may not.
    edit(content / KETAMINE, "- Slechte coördinatie", "- Junkies hebben slechte coördinatie")
    assert any("“Junkies”" in line for line in errors(content))


def test_a_phrase_matches_whole_words_only():
    soa = phrase_pattern("andere soa")
    assert soa.search("tegen andere soa via seks")
    assert not soa.search("tegen andere soa's via seks")
    assert not soa.search("andere soa-test")
    assert phrase_pattern("na een breuk").search("Zes weken na een\n   breuk vertelt")


def test_dutch_interface_texts_follow_the_glossary_too():
    """Class labels on pages and cards come from the message catalogues."""
    glossary = GlossaryFile.model_validate(yaml.safe_load((CONTENT / "glossary.yaml").read_text()))
    dutch = [rule for rule in rules(glossary) if rule.term.language == "nl"]
    found = []
    for path in sorted(LOCALES.glob("*/locale/nl/LC_MESSAGES/django.po")):
        for entry in polib.pofile(str(path)):
            for rule in dutch:
                if entry.msgstr and rule.pattern.search(entry.msgstr):
                    found.append(
                        f"{path}: {entry.msgid!r} -> {entry.msgstr!r}: use {rule.term.use}"
                    )
    assert found == []
