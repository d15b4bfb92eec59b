"""`journeys content load`: everything in one transaction, idempotent, keyed by slug;
a bad file (or a failure half-way) changes nothing."""

import shutil
from typing import Any

import pytest

from journeys.cli import main
from journeys.core.content import registry
from journeys.core.content.load import load_content
from journeys.core.content.problems import ContentInvalid
from journeys.core.models import Source
from journeys.trainings.models import Objective, Training
from tests.conftest import CONTENT_FIXTURES

VALID = CONTENT_FIXTURES / "valid"
BROKEN_CASES = sorted(path.name for path in (CONTENT_FIXTURES / "broken").iterdir())


def snapshot() -> dict[str, Any]:
    return {
        "sources": list(Source.objects.order_by("key").values()),
        "trainings": list(Training.objects.order_by("slug").values()),
        "objectives": [
            (o.training.slug, o.key, o.position, o.text, sorted(s.key for s in o.sources.all()))
            for o in Objective.objects.select_related("training").order_by("training", "key")
        ],
    }


@pytest.mark.django_db
def test_it_loads_sources_trainings_and_objectives():
    counts = load_content(VALID)
    assert counts == {
        "sources": 1,
        "glossary": 0,
        "training": 2,
        "trainer-guide": 0,
        "exercise": 0,
        "lesson": 0,
        "routes": 0,
        "interactions": 0,
        "substance": 0,
        "settings": 0,
        "card-topics": 0,
        "card-decks": 0,
        "mi-personas": 0,
        "mi-listening": 0,
        "assessments": 0,
        "assessment-scales": 0,
    }
    alpha = Training.objects.get(slug="alpha")
    assert alpha.title == {"en": "Alpha training", "nl": "Alfatraining"}
    assert [o.key for o in alpha.objectives.all()] == ["first", "second"]
    second = alpha.objectives.get(key="second")
    assert sorted(second.sources.values_list("key", flat=True)) == ["alpha-source", "beta-source"]
    assert Source.objects.get(key="beta-source").year is None


@pytest.mark.django_db
def test_loading_twice_changes_nothing():
    load_content(VALID)
    first = snapshot()
    load_content(VALID)
    assert snapshot() == first


@pytest.mark.django_db
def test_it_updates_by_slug_and_removes_what_left_the_content(tmp_path):
    load_content(VALID)
    alpha_id = Training.objects.get(slug="alpha").pk
    content = shutil.copytree(VALID, tmp_path / "content")
    shutil.rmtree(content / "trainings" / "beta")
    path = content / "trainings" / "alpha" / "training.yaml"
    path.write_text(path.read_text().replace("Alpha training", "Alpha training, revised"))
    path.write_text(
        path.read_text().replace("sources: [alpha-source, beta-source]", "sources: [alpha-source]")
    )
    load_content(content)
    alpha = Training.objects.get(slug="alpha")
    assert alpha.pk == alpha_id
    assert alpha.title["en"] == "Alpha training, revised"
    assert not Training.objects.filter(slug="beta").exists()


@pytest.mark.django_db
@pytest.mark.parametrize("case", BROKEN_CASES)
def test_a_broken_file_loads_nothing_and_changes_nothing(case, capsys):
    load_content(VALID)
    before = snapshot()
    status = main(["content", "load", str(CONTENT_FIXTURES / "broken" / case)])
    output = capsys.readouterr()
    assert status == 1
    assert "nothing was loaded" in output.err
    assert output.out.strip(), "the problems are printed"
    assert snapshot() == before


@pytest.mark.django_db
def test_a_failure_half_way_rolls_everything_back(monkeypatch):
    load_content(VALID)
    before = snapshot()
    training_kind = next(kind for kind in registry.kinds() if kind.name == "training")

    def fail(files: list[Any]) -> None:
        raise RuntimeError("disk full")

    # Sources load first and succeed; the trainings then fail.
    monkeypatch.setitem(
        registry._kinds,
        "training",
        training_kind.__class__(**{**training_kind.__dict__, "load": fail}),
    )
    shutil_content = CONTENT_FIXTURES / "warning-missing-translation"
    with pytest.raises(RuntimeError):
        load_content(shutil_content)
    assert snapshot() == before


@pytest.mark.django_db
def test_the_loader_raises_with_every_problem():
    with pytest.raises(ContentInvalid) as error:
        load_content(CONTENT_FIXTURES / "broken" / "duplicate-slug")
    assert len(error.value.problems) == 2


@pytest.mark.django_db
def test_the_load_command_reports_what_it_loaded(capsys):
    assert main(["content", "load", str(VALID)]) == 0
    assert capsys.readouterr().out.strip() == "Loaded: sources: 1 file, training: 2 files"
