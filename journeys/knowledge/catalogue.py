"""Reading the knowledge base: the checker's table (cached per content load), substance
lists, and the plain dicts that pages and the JSON API show."""

from typing import Any

from django.db.models import Prefetch, QuerySet
from django.http import Http404

from journeys.core.models import current_content_version
from journeys.core.text import localized
from journeys.knowledge.content import names_of_data
from journeys.knowledge.interactions import (
    InteractionTable,
    Rule,
    SubstanceRef,
    build_table,
    normalise,
)
from journeys.knowledge.models import (
    Interaction,
    InteractionGroup,
    Intervention,
    Route,
    Setting,
    Substance,
)
from journeys.knowledge.vocabulary import Status

_tables: dict[int, InteractionTable] = {}


def interaction_table() -> InteractionTable:
    """The checker's table for the newest content load, built once per process."""
    version = current_content_version()
    if version not in _tables:
        _tables.clear()
        _tables[version] = _build_interaction_table()
    return _tables[version]


def _build_interaction_table() -> InteractionTable:
    substances = [
        SubstanceRef(
            slug=substance.slug,
            name=substance.name,
            # In the content's order: a substance's own row first (tramadol, then opioids),
            # so that on a tie between equally serious ratings its own rule is shown.
            groups=tuple(substance.data["groups"]),
            names=tuple(names_of_data(substance.data)),
        )
        for substance in Substance.objects.all()
    ]
    rules = [
        Rule(
            groups=(interaction.group_a.slug, interaction.group_b.slug),
            status=Status(interaction.status),
            mechanism=interaction.mechanism.slug,
            mechanism_text=interaction.mechanism.text,
            note=interaction.note,
            sources=tuple(dict.fromkeys([*interaction.sources, *interaction.mechanism.sources])),
            deviation=interaction.deviation,
            rated_by="journeys" if interaction.rated_by == "journeys" else "tripsit",
        )
        for interaction in Interaction.objects.select_related("group_a", "group_b", "mechanism")
    ]
    groups = {group.slug: group.name for group in InteractionGroup.objects.all()}
    return build_table(substances, rules, groups)


def substances(query: str = "", substance_class: str = "") -> list[Substance]:
    """Substances whose names contain `query`, of `substance_class` when given, by name."""
    found = Substance.objects.prefetch_related("groups")
    if query.strip():
        found = found.filter(search_text__contains=normalise(query))
    return sorted(
        (s for s in found if not substance_class or substance_class in s.classes),
        key=lambda substance: localized(substance.name).text.casefold(),
    )


def get_substance(slug: str) -> Substance:
    try:
        return Substance.objects.prefetch_related("groups").get(slug=slug)
    except Substance.DoesNotExist:
        raise Http404("No such substance") from None


def get_route(slug: str) -> Route:
    try:
        return Route.objects.get(slug=slug)
    except Route.DoesNotExist:
        raise Http404("No such route") from None


def routes() -> QuerySet[Route]:
    return Route.objects.all()


def settings_with_interventions() -> QuerySet[Setting]:
    return Setting.objects.prefetch_related(
        Prefetch(
            "interventions",
            queryset=Intervention.objects.prefetch_related("groups", "reduces"),
        ),
        "risks",
    )


def interventions_for(setting: Setting, groups: set[str]) -> list[Intervention]:
    """The setting's interventions that fit the chosen substances' groups: general
    ones always, substance-specific ones when a chosen substance is in their groups.
    Substance-specific ones come first: they are what the trainee asked about."""
    fitting = [
        intervention
        for intervention in setting.interventions.all()
        if not intervention.groups.all() or groups & {g.slug for g in intervention.groups.all()}
    ]
    return sorted(fitting, key=lambda i: (not i.groups.all(), i.position))


def substance_summary(substance: Substance, language: str) -> dict[str, Any]:
    data = substance.data
    return {
        "slug": substance.slug,
        "name": localized(substance.name, language).text,
        "classes": substance.classes,
        "groups": [group.slug for group in substance.groups.all()],
        "street_names": data.get("street_names", {}).get(language, []),
    }
