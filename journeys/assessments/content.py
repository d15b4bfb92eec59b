"""The measurement instruments and how they load.

- assessments/<training>.yaml  one training's instruments: a knowledge test in two
                               parallel forms (A and B), an attitude questionnaire with
                               subscales and reverse-scored items, a reaction form and
                               follow-up questions on what people do since the training
- assessments/scales/<slug>.yaml  the scoring rules of a copyrighted, validated scale;
                               the item text is pasted by an organisation that holds a
                               licence, never stored here
"""

from collections import Counter
from collections.abc import Iterable, Iterator, Mapping
from typing import Literal

from pydantic import Field

from journeys.core.content.problems import Problem
from journeys.core.content.registry import ContentFile, ContentKind, register, replace_by_slug
from journeys.core.content.schema import NonEmptyText, Slug, Sources, Strict, Text
from journeys.core.content.yamlfile import Loc


class Option(Text):
    correct: bool = False


class KnowledgeItem(Strict):
    id: Slug
    objective: Slug  # an objective id of the training
    question: Text
    options: list[Option] = Field(min_length=2, max_length=5)
    explanation: Text  # shown after the post-test: why the right answer is right
    sources: Sources


class Knowledge(Strict):
    form_a: list[KnowledgeItem] = Field(min_length=4)
    form_b: list[KnowledgeItem] = Field(min_length=4)


class Subscale(Strict):
    id: Slug
    name: Text
    measures: Text  # the construct, in a sentence
    sources: Sources  # where the construct comes from


class AttitudeItem(Strict):
    id: Slug
    subscale: Slug
    text: Text
    reverse: bool = False  # agreeing means less of the construct: scored 6 - answer


class Attitude(Strict):
    subscales: list[Subscale] = Field(min_length=1)
    items: list[AttitudeItem] = Field(min_length=4)


class ReactionItem(Strict):
    id: Slug
    kind: Literal["rating", "text"]  # rating: 1 (not at all) to 5 (very much)
    text: Text


class BehaviourItem(Strict):
    id: Slug
    objective: Slug | None = None
    text: Text  # "Since the training, how often have you ...": never (1) to very often (5)


class InstrumentFile(Strict):
    training: Slug
    knowledge: Knowledge
    attitude: Attitude
    reaction: list[ReactionItem] = Field(min_length=2)
    follow_up: list[BehaviourItem] = Field(min_length=2)


class ScaleSubscale(Strict):
    id: Slug
    name: Text
    items: list[int] = Field(min_length=1)  # item numbers, from 1


class ScaleFile(Strict):
    """A validated scale's published scoring rules; its items are numbered, not written."""

    slug: Slug
    name: NonEmptyText
    measures: Text
    items: int = Field(ge=2, le=100)
    points: tuple[int, int]  # lowest and highest answer, e.g. (1, 7)
    low_label: Text
    high_label: Text
    # Reverse-scored item numbers, when the publication lists them; otherwise the
    # organisation marks them when it pastes the items, and `reverse_count` is checked.
    reverse: list[int] | None = None
    reverse_count: int | None = Field(default=None, ge=0)
    score: Literal["sum", "mean"]
    higher_means: Text
    subscales: list[ScaleSubscale] = []
    sources: Sources


def validate_instruments(file: ContentFile[InstrumentFile]) -> Iterator[Problem]:
    model = file.model
    if model.training != file.path.stem:
        yield file.problem(("training",), f"training {model.training!r} must equal the file name")
    ids: Counter[str] = Counter()
    for form in ("form_a", "form_b"):
        for i, item in enumerate(getattr(model.knowledge, form)):
            ids[item.id] += 1
            where: Loc = ("knowledge", form, i)
            right = sum(option.correct for option in item.options)
            if right != 1:
                yield file.problem((*where, "options"), f"mark exactly one option correct: {right}")
    # Parallel forms: the same objectives, as often, so scores per objective compare.
    per_form = [
        Counter(item.objective for item in getattr(model.knowledge, form))
        for form in ("form_a", "form_b")
    ]
    if per_form[0] != per_form[1]:
        yield file.problem(
            ("knowledge", "form_b"),
            "forms A and B must cover the same objectives as often: "
            f"A {dict(sorted(per_form[0].items()))}, B {dict(sorted(per_form[1].items()))}",
        )
    subscales = {subscale.id for subscale in model.attitude.subscales}
    used: Counter[str] = Counter()
    for i, attitude in enumerate(model.attitude.items):
        ids[attitude.id] += 1
        if attitude.subscale not in subscales:
            yield file.problem(
                ("attitude", "items", i, "subscale"), f"unknown subscale {attitude.subscale!r}"
            )
        used[attitude.subscale] += 1
    for i, subscale in enumerate(model.attitude.subscales):
        if used[subscale.id] < 2:
            yield file.problem(
                ("attitude", "subscales", i), f"subscale {subscale.id!r} needs at least two items"
            )
    if not any(item.reverse for item in model.attitude.items):
        yield file.problem(("attitude", "items"), "add at least one reverse-scored item")
    for behaviour in model.follow_up:
        ids[behaviour.id] += 1
    for reaction in model.reaction:
        ids[reaction.id] += 1
    for item_id, count in sorted(ids.items()):
        if count > 1:
            yield file.problem((), f"item id {item_id!r} is used {count} times in this file")


def cross_check_instruments(
    file: ContentFile[InstrumentFile], files: Mapping[str, list[ContentFile[Strict]]]
) -> Iterator[Problem]:
    """The training exists and every objective named is one of its objectives."""
    trainings = {
        f.model.slug: {o.id for o in f.model.objectives}  # type: ignore[attr-defined]
        for f in files.get("training", [])
    }
    objectives = trainings.get(file.model.training)
    if objectives is None:
        yield file.problem(("training",), f"unknown training {file.model.training!r}")
        return
    named: list[tuple[Loc, str | None]] = [
        (("knowledge", form, i, "objective"), item.objective)
        for form in ("form_a", "form_b")
        for i, item in enumerate(getattr(file.model.knowledge, form))
    ]
    named += [
        (("follow_up", i, "objective"), b.objective) for i, b in enumerate(file.model.follow_up)
    ]
    for where, objective in named:
        if objective and objective not in objectives:
            yield file.problem(
                where,
                f"unknown objective {objective!r}; {file.model.training} has: "
                + ", ".join(sorted(objectives)),
            )


def validate_scale(file: ContentFile[ScaleFile]) -> Iterator[Problem]:
    model = file.model
    if model.slug != file.path.stem:
        yield file.problem(("slug",), f"slug {model.slug!r} must equal the file name")
    low, high = model.points
    if not low < high:
        yield file.problem(("points",), "the lowest answer must be below the highest")
    numbers = set(range(1, model.items + 1))
    if model.reverse is not None and not set(model.reverse) <= numbers:
        yield file.problem(("reverse",), f"reverse items must be numbers 1 to {model.items}")
    for i, subscale in enumerate(model.subscales):
        if not set(subscale.items) <= numbers:
            yield file.problem(
                ("subscales", i, "items"), f"item numbers must be 1 to {model.items}"
            )


def instrument_keys(model: InstrumentFile) -> Iterable[tuple[Loc, str]]:
    return [(("training",), f"instruments for {model.training}")]


def scale_keys(model: ScaleFile) -> Iterable[tuple[Loc, str]]:
    return [(("slug",), f"scale {model.slug}")]


def load_instruments(files: list[ContentFile[InstrumentFile]]) -> None:
    from journeys.assessments.models import Instrument
    from journeys.trainings.models import Training

    trainings = {training.slug: training for training in Training.objects.all()}
    kept = []
    for file in files:
        training = trainings[file.model.training]
        Instrument.objects.update_or_create(
            training=training,
            defaults={"definition": file.model.model_dump(mode="json", exclude={"training"})},
        )
        kept.append(training.pk)
    Instrument.objects.exclude(training__in=kept).delete()


def load_scales(files: list[ContentFile[ScaleFile]]) -> None:
    from journeys.assessments.models import Scale

    replace_by_slug(
        Scale,
        ((f.model.slug, {"definition": f.model.model_dump(mode="json")}) for f in files),
    )


register(
    ContentKind(
        name="assessments",
        pattern="assessments/*.yaml",
        schema=InstrumentFile,
        load=load_instruments,
        unique=instrument_keys,
        validate=validate_instruments,
        cross_check=cross_check_instruments,
        load_order=60,
        description="A training's instruments: knowledge forms A and B, attitude "
        "questionnaire, reaction form, follow-up questions.",
    )
)
register(
    ContentKind(
        name="assessment-scales",
        pattern="assessments/scales/*.yaml",
        schema=ScaleFile,
        load=load_scales,
        unique=scale_keys,
        validate=validate_scale,
        load_order=60,
        description="Scoring rules of a licensed scale whose items an organisation pastes.",
    )
)
