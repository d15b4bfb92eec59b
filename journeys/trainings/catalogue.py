"""Reading the catalogue: the trainings as the pages and the API show them, read from
the database once per content load (journeys/core/content/readmodel.py)."""

import json
from typing import Any

from django.core.serializers.json import DjangoJSONEncoder
from django.db.models import Prefetch
from django.http import Http404

from journeys.core.content.readmodel import per_content_version
from journeys.core.models import Source
from journeys.core.text import localized
from journeys.trainings.models import Objective, Training


@per_content_version
def trainings() -> list[Training]:
    """Every training in catalogue order, with its objectives and their sources. Shared
    by all requests: read, never change."""
    return list(
        # The assessments app loads a training's questionnaires as its `instrument`.
        Training.objects.select_related("instrument").prefetch_related(
            Prefetch("objectives", queryset=Objective.objects.prefetch_related("sources"))
        )
    )


@per_content_version
def _by_slug() -> dict[str, Training]:
    return {training.slug: training for training in trainings()}


def get_training(slug: str) -> Training:
    try:
        return _by_slug()[slug]
    except KeyError:
        raise Http404("No such training") from None


def has_questionnaires(training: Training) -> bool:
    return hasattr(training, "instrument")


def training_as_json(training: Training, language: str) -> dict[str, Any]:
    return {
        "slug": training.slug,
        "title": localized(training.title, language).text,
        "summary": localized(training.summary, language).text,
        "audience": localized(training.audience, language).text,
        "objectives": [
            {
                "id": objective.key,
                "text": localized(objective.text, language).text,
                "sources": [source.key for source in objective.sources.all()],
            }
            for objective in training.objectives.all()
        ],
    }


@per_content_version
def trainings_json(language: str) -> bytes:
    """GET /api/trainings's body, encoded once per content load and language."""
    body = {"language": language, "trainings": [training_as_json(t, language) for t in trainings()]}
    return json.dumps(body, cls=DjangoJSONEncoder).encode()


@per_content_version
def training_json(slug: str, language: str) -> bytes:
    body = {"language": language, **training_as_json(get_training(slug), language)}
    return json.dumps(body, cls=DjangoJSONEncoder).encode()


@per_content_version
def cited_sources(slug: str) -> dict[str, Source]:
    """The sources a training's objectives cite, each once, in order of first citation."""
    seen: dict[str, Source] = {}
    for objective in get_training(slug).objectives.all():
        for source in objective.sources.all():
            seen.setdefault(source.key, source)
    return seen
