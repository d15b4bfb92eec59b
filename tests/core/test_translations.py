"""The Dutch catalogue is complete and its compiled file is up to date."""

from pathlib import Path

import polib
import pytest

ROOT = Path(__file__).resolve().parents[2]
CATALOGUES = sorted((ROOT / "journeys").glob("*/locale/nl/LC_MESSAGES/django.po"))


def test_every_app_with_strings_has_a_dutch_catalogue():
    assert {path.relative_to(ROOT).parts[1] for path in CATALOGUES} >= {
        "core",
        "accounts",
        "trainings",
    }


@pytest.mark.parametrize("path", CATALOGUES, ids=lambda p: p.parts[1])
def test_the_dutch_catalogue_is_complete(path):
    catalogue = polib.pofile(str(path))
    assert catalogue.untranslated_entries() == []
    assert catalogue.fuzzy_entries() == []


@pytest.mark.parametrize("path", CATALOGUES, ids=lambda p: p.parts[1])
def test_the_compiled_catalogue_matches_its_source(path):
    source = {(e.msgid, e.msgstr) for e in polib.pofile(str(path)) if not e.obsolete}
    compiled = {(e.msgid, e.msgstr) for e in polib.mofile(str(path.with_suffix(".mo")))}
    assert source == compiled, "run `make messages` to recompile"
