"""content/sources.yaml: what a reader sees of a source (title in its own language, a
public note) and what only writers see (the editor's note)."""

from pathlib import Path

import pytest
from django.conf import settings
from django.test import Client

from journeys.core.formats import duration_range
from journeys.core.models import Source
from tests.content_edits import copy_content, edit, errors

CONTENT = Path(settings.CONTENT_DIR)


def test_a_writers_instruction_in_the_public_note_is_refused(tmp_path):
    content = copy_content(CONTENT, tmp_path)
    edit(
        content / "sources.yaml",
        "    note: ICD-11 in force since 1 January 2022.",
        "    note: ICD-11 in force since 1 January 2022; verify the date.",
    )
    found = errors(content)
    assert len(found) == 1, found
    assert "note: reads like a writer's note ('verify'): move it to editor_note" in found[0]


def test_no_public_note_reads_like_a_writers_note():
    assert errors(CONTENT) == []
    assert not Source.objects.none()  # the model is importable without a database


@pytest.mark.usefixtures("curriculum")
def test_pages_show_the_public_note_and_never_the_editors_note(client: Client):
    lsd = client.get("/knowledge/substances/lsd/").content.decode()
    health = Source.objects.get(key="trimbos-ndm-psychedelics-health")
    assert health.note == ""  # its summary is for writers only
    assert 'id="source-trimbos-ndm-psychedelics-health"' in lsd
    assert "Bad trip (fear, panic, gloom" not in lsd
    assert "HPPD; psychosis mainly" not in lsd


@pytest.mark.usefixtures("curriculum")
def test_a_source_title_carries_its_own_language(client: Client):
    """Screen readers pronounce an English title on a Dutch page as English."""
    dutch_page = client.get("/nl/knowledge/substances/lsd/").content.decode()
    assert '<cite lang="en">Commonly used drugs charts' in dutch_page or (
        '<cite lang="en">' in dutch_page
    )
    assert '<cite lang="nl">Nationale Drug Monitor, psychedelica' in dutch_page
    english_page = client.get("/knowledge/substances/lsd/").content.decode()
    assert '<cite lang="nl">Nationale Drug Monitor, psychedelica' in english_page


def test_durations_read_in_the_readers_language():
    from django.utils import translation

    with translation.override("en"):
        assert duration_range(10, 60) == "10–60 min"
        assert duration_range(60, 150) == "1–2.5 h"
    with translation.override("nl"):
        assert duration_range(7.5, 20) == "7,5–20 min"
        assert duration_range(60, 150) == "1–2,5 uur"
