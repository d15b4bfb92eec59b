"""Reading the knowledge base: the checker's table (cached per content load), substance
lists, and the plain dicts that pages and the JSON API show."""

from typing import Any

from django.conf import settings
from django.db.models import Prefetch, QuerySet
from django.http import Http404
from django.utils.translation import get_language

from journeys.core.content.readmodel import per_content_version
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


@per_content_version
def interaction_table() -> InteractionTable:
    """The checker's table for the newest content load, built once per process."""
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


@per_content_version
def _all_substances() -> dict[str, Substance]:
    """Every substance with its groups, by slug. Shared by all requests: read only."""
    return {s.slug: s for s in Substance.objects.prefetch_related("groups")}


@per_content_version
def _sorted_substances(language: str) -> list[Substance]:
    return sorted(
        _all_substances().values(),
        key=lambda substance: localized(substance.name, language).text.casefold(),
    )


def substances(query: str = "", substance_class: str = "") -> list[Substance]:
    """Substances whose names contain `query`, of `substance_class` when given, by name
    in the active language."""
    wanted = normalise(query) if query.strip() else ""
    return [
        s
        for s in _sorted_substances(get_language() or settings.LANGUAGE_CODE)
        if wanted in s.search_text and (not substance_class or substance_class in s.classes)
    ]


def get_substance(slug: str) -> Substance:
    try:
        return _all_substances()[slug]
    except KeyError:
        raise Http404("No such substance") from None


@per_content_version
def routes() -> list[Route]:
    return list(Route.objects.all())


@per_content_version
def routes_by_slug() -> dict[str, Route]:
    return {route.slug: route for route in routes()}


def get_route(slug: str) -> Route:
    try:
        return routes_by_slug()[slug]
    except KeyError:
        raise Http404("No such route") from None


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
