"""Reading the catalogue: the trainings as the pages and the API show them."""

from typing import Any

from django.db.models import Prefetch, QuerySet
from django.http import Http404

from journeys.core.models import Source
from journeys.core.text import localized
from journeys.trainings.models import Objective, Training


def trainings() -> QuerySet[Training]:
    return Training.objects.prefetch_related(
        Prefetch("objectives", queryset=Objective.objects.prefetch_related("sources"))
    )


def get_training(slug: str) -> Training:
    try:
        return trainings().get(slug=slug)
    except Training.DoesNotExist:
        raise Http404("No such training") from None


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


def cited_sources(training: Training) -> dict[str, Source]:
    """The sources a training's objectives cite, each once, in order of first citation."""
    seen: dict[str, Source] = {}
    for objective in training.objectives.all():
        for source in objective.sources.all():
            seen.setdefault(source.key, source)
    return seen
