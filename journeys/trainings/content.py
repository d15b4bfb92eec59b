"""training.yaml: a training's title, summary, audience and sourced learning objectives."""

from collections.abc import Iterable, Iterator

from pydantic import Field

from journeys.core.content.problems import Problem
from journeys.core.content.registry import ContentFile, ContentKind, register
from journeys.core.content.schema import IconName, Slug, Sources, Strict, Text
from journeys.core.content.yamlfile import Loc
from journeys.core.models import Source
from journeys.trainings.models import Objective, Training


class ObjectiveEntry(Strict):
    id: Slug
    text: Text
    sources: Sources


class CertificateRule(Strict):
    """What a certificate asks besides every lesson and exercise done."""

    pass_mark: int = Field(default=70, ge=0, le=100)  # % of the scored exercises' points


class TrainingFile(Strict):
    slug: Slug
    position: int = Field(ge=0)
    icon: IconName
    title: Text
    summary: Text
    audience: Text
    objectives: list[ObjectiveEntry] = Field(min_length=1)
    certificate: CertificateRule = CertificateRule()


def training_slug(model: TrainingFile) -> Iterable[tuple[Loc, str]]:
    return [(("slug",), model.slug)]


def validate_training(file: ContentFile[TrainingFile]) -> Iterator[Problem]:
    folder = file.path.parent.name
    if file.model.slug != folder:
        yield file.problem(
            ("slug",), f"slug {file.model.slug!r} differs from its folder {folder!r}"
        )
    seen: set[str] = set()
    for index, objective in enumerate(file.model.objectives):
        if objective.id in seen:
            yield file.problem(("objectives", index, "id"), f"duplicate objective {objective.id!r}")
        seen.add(objective.id)


def load_trainings(files: list[ContentFile[TrainingFile]]) -> None:
    sources = {source.key: source for source in Source.objects.all()}
    for file in files:
        entry = file.model
        training, _ = Training.objects.update_or_create(
            slug=entry.slug,
            defaults={
                "position": entry.position,
                "icon": entry.icon,
                "title": entry.title.as_dict(),
                "summary": entry.summary.as_dict(),
                "audience": entry.audience.as_dict(),
                "pass_mark": entry.certificate.pass_mark,
            },
        )
        for position, item in enumerate(entry.objectives):
            objective, _ = Objective.objects.update_or_create(
                training=training,
                key=item.id,
                defaults={"position": position, "text": item.text.as_dict()},
            )
            objective.sources.set([sources[key] for key in item.sources])
        training.objectives.exclude(key__in=[item.id for item in entry.objectives]).delete()
    Training.objects.exclude(slug__in=[file.model.slug for file in files]).delete()


register(
    ContentKind(
        name="training",
        pattern="trainings/*/training.yaml",
        schema=TrainingFile,
        load=load_trainings,
        unique=training_slug,
        validate=validate_training,
        required=True,
        load_order=10,
        description=(
            "A training: slug, position, title, summary, audience, objectives, certificate."
        ),
    )
)
