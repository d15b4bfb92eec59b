"""What `journeys content check` says about broken persona and listening-test files."""

import pytest
from django.conf import settings

from tests.content_edits import copy_content, edit, errors


@pytest.fixture
def content(tmp_path):
    return copy_content(settings.CONTENT_DIR, tmp_path)


def test_the_shipped_files_pass(content):
    assert errors(content) == []


def test_a_persona_whose_slug_is_not_its_file_name(content):
    edit(content / "mi/personas/chemsex.yaml", "slug: chemsex", "slug: chem-sex")
    assert any("must equal the file name" in e and "chemsex.yaml" in e for e in errors(content))


def test_a_persona_for_an_unknown_training(content):
    path = content / "mi/personas/chemsex.yaml"
    edit(path, "training: sex-drugs", "training: cooking")
    assert any("unknown training 'cooking'" in e for e in errors(content))


def test_a_persona_without_enough_change_talk(content):
    path = content / "mi/personas/ghb-at-parties.yaml"
    text = path.read_text()
    start = text.index("  change:\n") + len("  change:\n")
    end = text.index("  neutral:\n")
    path.write_text(text[:start] + "    - {en: Only one.}\n" + text[end:])
    assert any("statements.change" in e for e in errors(content))


def test_a_listening_item_without_a_level(content):
    path = content / "mi/listening.yaml"
    text = path.read_text()
    start = text.index("      5: ")
    end = text.index("\n", start)
    path.write_text(text[:start] + text[end + 1 :])
    assert any("no example for level(s) [5]" in e for e in errors(content))


def test_an_unknown_source(content):
    edit(content / "mi/listening.yaml", "miller-hedrick-orlofsky-1991-hrq", "made-up-source")
    assert any("unknown source id 'made-up-source'" in e for e in errors(content))


def test_a_persona_line_about_an_undeclared_topic(content):
    path = content / "mi/personas/stay-with-partner.yaml"
    edit(path, "topics: [help, plan]", "topics: [help, holidays]")
    assert any(
        "stay-with-partner.yaml" in e and "unknown topic 'holidays': declare it under topics" in e
        for e in errors(content)
    )


def test_a_persona_topic_no_line_is_about(content):
    path = content / "mi/personas/stay-with-partner.yaml"
    edit(path, "topics:\n", "topics:\n  holidays: {en: [holiday], nl: [vakantie]}\n")
    assert any("no line is about topic 'holidays'" in e for e in errors(content))


def test_a_persona_topic_without_dutch_words(content):
    path = content / "mi/personas/stay-with-partner.yaml"
    text = path.read_text()
    start = text.index("  alcohol:\n")
    end = text.index("  work:\n", start)
    path.write_text(text[:start] + "  alcohol:\n    en: [drink]\n" + text[end:])
    assert any("topics.alcohol.nl" in e for e in errors(content))
