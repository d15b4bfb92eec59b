"""The knowledge base's content files and how they load.

- knowledge/routes.yaml          routes of administration, their risks and tips
- knowledge/interactions.yaml    interaction groups, mechanisms and the pairwise table
- knowledge/substances/*.yaml    one substance (or medicine class) per file
- knowledge/settings.yaml        settings, the risks met there, and interventions
"""

from collections.abc import Iterable, Iterator, Mapping
from typing import Any, Literal

from pydantic import Field

from journeys.core.content.problems import Problem
from journeys.core.content.registry import (
    ContentFile,
    ContentKind,
    listed_ids,
    register,
    replace_by_slug,
)
from journeys.core.content.schema import (
    NonEmptyText,
    Slug,
    SourcedList,
    SourcedText,
    Sources,
    Strict,
    Text,
)
from journeys.core.content.yamlfile import Loc
from journeys.knowledge.interactions import name_key, normalise
from journeys.knowledge.vocabulary import LOW_RISK, TRIPSIT_SOURCE, Status, SubstanceClass

# ---------------------------------------------------------------- routes


class RouteEntry(Strict):
    id: Slug
    name: Text
    summary: SourcedText
    onset: SourcedText | None = None
    risks: list[SourcedList] = Field(min_length=1)
    tips: list[SourcedList] = Field(min_length=1)


class RoutesFile(Strict):
    routes: list[RouteEntry] = Field(min_length=1)


def route_ids(model: RoutesFile) -> Iterable[tuple[Loc, str]]:
    return listed_ids(model, "routes")


# ---------------------------------------------------------------- interactions


class GroupEntry(Strict):
    """Something the interaction table has a row for: a substance (alcohol) or a
    class (opioids, SSRIs). Substances say which groups they belong to."""

    id: Slug
    name: Text
    tripsit: str | None = None  # TripSit's key in combos.json, when it has one


class MechanismEntry(Strict):
    """Why a combination does what it does, in words a trainee understands."""

    id: Slug
    text: Text
    sources: Sources


class Deviation(Strict):
    """Where our status differs from TripSit's, and why."""

    tripsit_status: Status
    reason: Text
    sources: Sources


class PairEntry(Strict):
    a: Slug
    b: Slug
    status: Status
    mechanism: Slug
    note: Text | None = None  # what this pair adds to its mechanism's text
    sources: Sources
    # "tripsit": TripSit's chart rates the pair and we agree. "journeys": our own rating,
    # where the chart has none; a deviation (we rate a chart pair differently) is ours too.
    rated_by: Literal["tripsit", "journeys"] = "tripsit"
    deviation: Deviation | None = None

    @property
    def ours(self) -> bool:
        return self.rated_by == "journeys" or self.deviation is not None

    @property
    def cited(self) -> list[str]:
        return [*self.sources, *(self.deviation.sources if self.deviation else [])]


class InteractionsFile(Strict):
    groups: list[GroupEntry] = Field(min_length=2)
    mechanisms: list[MechanismEntry] = Field(min_length=1)
    pairs: list[PairEntry] = Field(min_length=1)


def interaction_keys(model: InteractionsFile) -> Iterable[tuple[Loc, str]]:
    yield from listed_ids(model, "groups", "mechanisms")
    for i, pair in enumerate(model.pairs):
        yield ("pairs", i), "pair " + " + ".join(sorted((pair.a, pair.b)))


def validate_interactions(file: ContentFile[InteractionsFile]) -> Iterator[Problem]:
    groups = {group.id: group for group in file.model.groups}
    mechanisms = {mechanism.id for mechanism in file.model.mechanisms}
    for i, pair in enumerate(file.model.pairs):
        for side in ("a", "b"):
            if getattr(pair, side) not in groups:
                yield file.problem(("pairs", i, side), f"unknown group {getattr(pair, side)!r}")
        if pair.mechanism not in mechanisms:
            yield file.problem(("pairs", i, "mechanism"), f"unknown mechanism {pair.mechanism!r}")
        if pair.deviation and pair.deviation.tripsit_status == pair.status:
            yield file.problem(
                ("pairs", i, "deviation"), "deviation repeats the status; remove it or change it"
            )
        yield from _rating_problems(file, i, pair, groups)


def _rating_problems(
    file: ContentFile[InteractionsFile], i: int, pair: PairEntry, groups: Mapping[str, GroupEntry]
) -> Iterator[Problem]:
    """Who rates a pair, and on what evidence. A rating of our own stands on a source
    other than TripSit's chart; a missing warning is never evidence of safety."""
    if not pair.ours:
        off_chart = [g for g in (pair.a, pair.b) if g in groups and not groups[g].tripsit]
        if off_chart:
            yield file.problem(
                ("pairs", i),
                f"TripSit's chart has no row for {off_chart[0]!r}: rate the pair yourself "
                "(rated_by: journeys) with a source",
            )
        elif TRIPSIT_SOURCE not in pair.sources:
            yield file.problem(
                ("pairs", i, "sources"),
                f"a TripSit rating cites TripSit's chart ({TRIPSIT_SOURCE}); "
                "a rating of our own says rated_by: journeys",
            )
        return
    if not any(not source.startswith("tripsit-") for source in pair.cited):
        if pair.status in LOW_RISK:
            message = (
                f"rated {pair.status} by us without a source: a missing warning is not "
                "evidence of safety; cite a source other than TripSit, or leave the pair "
                "out and it shows as not rated"
            )
        else:
            message = "a rating of our own needs a source other than TripSit's chart"
        yield file.problem(("pairs", i, "sources"), message)


# ---------------------------------------------------------------- substances


class Timing(Strict):
    """How soon and how long, for one route. Numbers in minutes, to keep them comparable."""

    route: Slug
    onset_minutes: tuple[float, float]
    duration_minutes: tuple[float, float]
    sources: Sources


class SubstanceFile(Strict):
    slug: Slug
    name: Text
    aliases: list[NonEmptyText] = []  # chemical and brand names that find this substance
    street_names: Mapping[str, list[NonEmptyText]] = {}  # {"en": [...], "nl": [...]}
    classes: list[SubstanceClass] = Field(min_length=1)
    groups: list[Slug] = Field(min_length=1)  # rows of the interaction table it uses
    what_it_is: SourcedText
    wanted_effects: SourcedList | None = None
    unwanted_effects: SourcedList | None = None
    timing: list[Timing] = []
    mental_risks: SourcedList | None = None
    physical_risks: SourcedList | None = None
    overdose_signs: SourcedList | None = None
    dependence: SourcedText | None = None
    safer_use: SourcedList | None = None
    note: Text | None = None  # e.g. why a section is left out


def substance_keys(model: SubstanceFile) -> Iterable[tuple[Loc, str]]:
    yield ("slug",), model.slug


def validate_substance(file: ContentFile[SubstanceFile]) -> Iterator[Problem]:
    if file.model.slug != file.path.stem:
        yield file.problem(("slug",), f"slug {file.model.slug!r} differs from file name")
    for language in file.model.street_names:
        if language not in ("en", "nl"):
            yield file.problem(("street_names", language), "language must be en or nl")
    for i, timing in enumerate(file.model.timing):
        for field in ("onset_minutes", "duration_minutes"):
            low, high = getattr(timing, field)
            if not 0 <= low <= high:
                yield file.problem(("timing", i, field), "give [shortest, longest], 0 or more")


# ---------------------------------------------------------------- settings


class RiskEntry(Strict):
    id: Slug
    name: Text


class SettingEntry(Strict):
    id: Slug
    name: Text
    description: Text
    risks: list[Slug] = Field(min_length=1)  # the risks people meet in this setting


class InterventionEntry(Strict):
    id: Slug
    title: Text
    what_to_do: SourcedText
    settings: list[Slug] = Field(min_length=1)
    reduces: list[Slug] = Field(min_length=1)  # risk ids
    groups: list[Slug] = []  # only relevant with these interaction groups; empty = any


class SettingsFile(Strict):
    risks: list[RiskEntry] = Field(min_length=1)
    settings: list[SettingEntry] = Field(min_length=1)
    interventions: list[InterventionEntry] = Field(min_length=1)


def settings_keys(model: SettingsFile) -> Iterable[tuple[Loc, str]]:
    return listed_ids(model, "risks", "settings", "interventions")


def validate_settings(file: ContentFile[SettingsFile]) -> Iterator[Problem]:
    risks = {risk.id for risk in file.model.risks}
    settings = {setting.id for setting in file.model.settings}
    for i, setting in enumerate(file.model.settings):
        yield from unknown_ids(file, setting.risks, risks, ("settings", i, "risks"), "risk")
    for i, intervention in enumerate(file.model.interventions):
        loc = ("interventions", i)
        yield from unknown_ids(file, intervention.reduces, risks, (*loc, "reduces"), "risk")
        yield from unknown_ids(file, intervention.settings, settings, (*loc, "settings"), "setting")


def unknown_ids(
    file: ContentFile[Any], ids: list[str], known: set[str], loc: Loc, what: str
) -> Iterator[Problem]:
    """A problem for each id in `ids` that is not in `known`."""
    for j, value in enumerate(ids):
        if value not in known:
            yield file.problem((*loc, j), f"unknown {what} {value!r}")


# ---------------------------------------------------------------- cross references

Files = Mapping[str, list[ContentFile[Strict]]]


def _ids(files: Files, kind: str, attribute: str) -> set[str]:
    return {item.id for file in files.get(kind, []) for item in getattr(file.model, attribute)}


def substance_references(file: ContentFile[SubstanceFile], files: Files) -> Iterator[Problem]:
    groups = _ids(files, "interactions", "groups")
    routes = _ids(files, "routes", "routes")
    yield from unknown_ids(file, file.model.groups, groups, ("groups",), "interaction group")
    for i, timing in enumerate(file.model.timing):
        if timing.route not in routes:
            yield file.problem(("timing", i, "route"), f"unknown route {timing.route!r}")
    yield from _shared_names(file, files)


def _shared_names(file: ContentFile[SubstanceFile], files: Files) -> Iterator[Problem]:
    """A name (compared as the checker compares them) must find one entry: report it at
    the file that comes later, naming the other."""
    earlier: dict[str, ContentFile[Strict]] = {}
    for other in files.get("substance", []):
        if other.path >= file.path:
            continue
        for _loc, name in name_locations(other.document.data):
            earlier.setdefault(name_key(name), other)
    for loc, name in name_locations(file.document.data):
        first = earlier.get(name_key(name))
        if first is not None:
            slug = first.document.data["slug"]
            yield file.problem(
                loc,
                f"the name {name!r} also finds {slug!r} ({first.shown}): "
                "a name must find one entry",
            )


def settings_references(file: ContentFile[SettingsFile], files: Files) -> Iterator[Problem]:
    groups = _ids(files, "interactions", "groups")
    for i, intervention in enumerate(file.model.interventions):
        yield from unknown_ids(
            file, intervention.groups, groups, ("interventions", i, "groups"), "interaction group"
        )


# ---------------------------------------------------------------- loading


def load_routes(files: list[ContentFile[RoutesFile]]) -> None:
    from journeys.knowledge.models import Route

    routes = files[0].model.routes if files else []
    replace_by_slug(
        Route,
        (
            (
                route.id,
                {
                    "position": position,
                    "name": route.name.as_dict(),
                    "data": route.model_dump(mode="json", exclude={"id", "name"}),
                },
            )
            for position, route in enumerate(routes)
        ),
    )


def load_interactions(files: list[ContentFile[InteractionsFile]]) -> None:
    from journeys.knowledge.models import Interaction, InteractionGroup, Mechanism

    Interaction.objects.all().delete()
    Mechanism.objects.all().delete()
    if not files:
        InteractionGroup.objects.all().delete()
        return
    table = files[0].model
    groups = {}
    for entry in table.groups:
        groups[entry.id], _ = InteractionGroup.objects.update_or_create(
            slug=entry.id, defaults={"name": entry.name.as_dict(), "tripsit": entry.tripsit or ""}
        )
    InteractionGroup.objects.exclude(slug__in=groups).delete()
    mechanisms = {
        entry.id: Mechanism.objects.create(
            slug=entry.id, text=entry.text.as_dict(), sources=entry.sources
        )
        for entry in table.mechanisms
    }
    Interaction.objects.bulk_create(
        Interaction(
            group_a=groups[min(pair.a, pair.b)],
            group_b=groups[max(pair.a, pair.b)],
            status=pair.status.value,
            mechanism=mechanisms[pair.mechanism],
            note=pair.note.as_dict() if pair.note else None,
            sources=pair.sources,
            rated_by="journeys" if pair.ours else "tripsit",
            deviation=pair.deviation.model_dump(mode="json") if pair.deviation else None,
        )
        for pair in table.pairs
    )


def load_substances(files: list[ContentFile[SubstanceFile]]) -> None:
    from journeys.knowledge.models import InteractionGroup, Substance

    groups = {group.slug: group for group in InteractionGroup.objects.all()}
    for file in files:
        entry = file.model
        substance, _ = Substance.objects.update_or_create(
            slug=entry.slug,
            defaults={
                "name": entry.name.as_dict(),
                "classes": [cls.value for cls in entry.classes],
                "search_text": " | ".join(normalise(name) for name in names_of(entry)),
                "data": entry.model_dump(mode="json", exclude_none=True),
            },
        )
        substance.groups.set([groups[slug] for slug in entry.groups])
    Substance.objects.exclude(slug__in=[file.model.slug for file in files]).delete()


def names_of(entry: SubstanceFile) -> list[str]:
    """Every name a person might type for this substance."""
    return names_of_data(entry.model_dump(mode="json"))


def names_of_data(data: Mapping[str, Any]) -> list[str]:
    """The same, from a substance's stored data."""
    return list(dict.fromkeys(name for _loc, name in name_locations(data)))


def name_locations(data: Mapping[str, Any]) -> Iterator[tuple[Loc, str]]:
    """Every name of a substance (its file's data or its stored data), with where it
    stands: slug, names, aliases, street names."""
    yield ("slug",), data["slug"]
    for language, name in data["name"].items():
        if name:
            yield ("name", language), name
    for index, name in enumerate(data.get("aliases", [])):
        yield ("aliases", index), name
    for language, names in data.get("street_names", {}).items():
        for index, name in enumerate(names):
            yield ("street_names", language, index), name


def load_settings(files: list[ContentFile[SettingsFile]]) -> None:
    from journeys.knowledge.models import InteractionGroup, Intervention, Risk, Setting

    Intervention.objects.all().delete()
    Setting.objects.all().delete()
    Risk.objects.all().delete()
    if not files:
        return
    model = files[0].model
    risks = {
        entry.id: Risk.objects.create(slug=entry.id, name=entry.name.as_dict())
        for entry in model.risks
    }
    settings: dict[str, Setting] = {}
    for position, entry in enumerate(model.settings):
        setting = Setting.objects.create(
            slug=entry.id,
            position=position,
            name=entry.name.as_dict(),
            description=entry.description.as_dict(),
        )
        setting.risks.set([risks[slug] for slug in entry.risks])
        settings[entry.id] = setting
    groups = {group.slug: group for group in InteractionGroup.objects.all()}
    for position, item in enumerate(model.interventions):
        intervention = Intervention.objects.create(
            slug=item.id,
            position=position,
            title=item.title.as_dict(),
            what_to_do=item.what_to_do.model_dump(mode="json", exclude_none=True),
        )
        intervention.settings.set([settings[slug] for slug in item.settings])
        intervention.reduces.set([risks[slug] for slug in item.reduces])
        intervention.groups.set([groups[slug] for slug in item.groups])


register(
    ContentKind(
        name="routes",
        pattern="knowledge/routes.yaml",
        schema=RoutesFile,
        load=load_routes,
        unique=route_ids,
        load_order=20,
        description="Routes of administration: name, summary, onset, risks, tips.",
    )
)
register(
    ContentKind(
        name="interactions",
        pattern="knowledge/interactions.yaml",
        schema=InteractionsFile,
        load=load_interactions,
        unique=interaction_keys,
        validate=validate_interactions,
        load_order=30,
        description="Interaction groups, mechanisms and the pairwise table.",
    )
)
register(
    ContentKind(
        name="substance",
        pattern="knowledge/substances/*.yaml",
        schema=SubstanceFile,
        load=load_substances,
        unique=substance_keys,
        validate=validate_substance,
        cross_check=substance_references,
        load_order=40,
        description="A substance or medicine class with its sourced facts.",
    )
)
register(
    ContentKind(
        name="settings",
        pattern="knowledge/settings.yaml",
        schema=SettingsFile,
        load=load_settings,
        unique=settings_keys,
        cross_check=settings_references,
        validate=validate_settings,
        load_order=50,
        description="Settings, their risks and the interventions that fit.",
    )
)
