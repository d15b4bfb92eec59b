from typing import Any

from django.conf import settings
from django.http import HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import render
from django.utils import translation
from django.utils.translation import get_language
from django.utils.translation import gettext as _

from journeys.core.caching import content_page
from journeys.core.citations import sources_by_key
from journeys.core.content.readmodel import per_content_version
from journeys.core.text import localized
from journeys.knowledge import catalogue
from journeys.knowledge.interactions import (
    MAX_SUBSTANCES,
    CombinationError,
    CombinationResult,
    InputProblem,
    InteractionTable,
    PairResult,
    check_combination,
    split_names,
)
from journeys.knowledge.vocabulary import (
    CLASS_LABELS,
    DISCLAIMER,
    NOT_RATED,
    STATUS_INFO,
    TRIPSIT_COMMIT,
    TRIPSIT_CREDIT,
    TRIPSIT_URL,
    Status,
)


@content_page
def index(request: HttpRequest) -> HttpResponse:
    query = request.GET.get("q", "")[:100]
    substance_class = request.GET.get("class", "")
    if substance_class not in CLASS_LABELS:
        substance_class = ""
    return render(
        request,
        "knowledge/index.html",
        {
            "substances": catalogue.substances(query, substance_class),
            "query": query,
            "substance_class": substance_class,
            "classes": CLASS_LABELS.items(),
            "routes": catalogue.routes(),
            # The list is kept per kind; a typed search is rendered each time.
            "keep": None if query.strip() else "all",
        },
    )


@content_page
def substance(request: HttpRequest, slug: str) -> HttpResponse:
    return render(request, "knowledge/substance.html", _substance_page(slug, get_language()))


@per_content_version
def _substance_page(slug: str, language: str) -> dict[str, Any]:
    """What a substance page shows, once per content load and language."""
    found = catalogue.get_substance(slug)
    sections = substance_sections(found.data)
    # In the order the page shows them, so citation numbers rise down the page.
    keys = [
        *found.data["what_it_is"]["sources"],
        *(key for timing in found.data.get("timing", []) for key in timing["sources"]),
        *(key for section in sections for key in section["block"]["sources"]),
        *EMERGENCY_SOURCES,
    ]
    table = catalogue.interaction_table()
    return {
        "substance": found,
        "data": found.data,
        "sections": sections,
        "classes": [str(CLASS_LABELS[c]) for c in found.classes],
        "routes": catalogue.routes_by_slug(),
        "sources": sources_by_key(keys),
        "emergency_sources": EMERGENCY_SOURCES,
        "group_names": [table.group_names.get(g.slug) for g in found.groups.all()],
    }


# The emergency advice shown on every substance page rests on these.
EMERGENCY_SOURCES = ["london-friend-emergency-advice", "samhsa-overdose-toolkit"]


def substance_sections(data: dict[str, Any]) -> list[dict[str, Any]]:
    """The sourced blocks of a substance page, in reading order, with their headings."""
    headings = [
        ("wanted_effects", _("Effects people look for")),
        ("unwanted_effects", _("Unwanted effects")),
        ("mental_risks", _("Mental risks")),
        ("physical_risks", _("Physical risks")),
        ("overdose_signs", _("Signs of an overdose")),
        ("dependence", _("Dependence")),
        ("safer_use", _("Safer use")),
    ]
    return [
        {"heading": heading, "block": data[key], "is_list": isinstance(data[key]["en"], list)}
        for key, heading in headings
        if key in data
    ]


@content_page
def route(request: HttpRequest, slug: str) -> HttpResponse:
    found = catalogue.get_route(slug)
    onset = [found.data["onset"]] if found.data.get("onset") else []
    blocks = [found.data["summary"], *onset, *found.data["risks"], *found.data["tips"]]
    return render(
        request,
        "knowledge/route.html",
        {
            "route": found,
            "data": found.data,
            "sources": sources_by_key(k for block in blocks for k in block["sources"]),
        },
    )


def combinations(request: HttpRequest) -> HttpResponse:
    table = catalogue.interaction_table()
    context: dict[str, Any] = {
        "names": table.spellings,
        "credit": TRIPSIT_CREDIT % {"commit": TRIPSIT_COMMIT[:7]},
        "tripsit_url": TRIPSIT_URL,
        "disclaimer": DISCLAIMER,
    }
    status = 200
    entries: list[str] = []
    try:
        entries = _entries(request)
        if entries:
            result = check_combination(table, entries)
            context["result"] = combination_as_json(result, table, get_language())
    except CombinationError as error:
        context["problems"] = error.problems  # the form keeps what was typed
        status = 400
    context["entries"] = entries + [""] * (MAX_SUBSTANCES - len(entries))
    return render(request, "knowledge/combinations.html", context, status=status)


def _entries(request: HttpRequest) -> list[str]:
    """Names from ?s=a&s=b (the form) or ?substances=a,b (links and the API)."""
    if "substances" in request.GET:
        return split_names(request.GET["substances"])
    return [entry for entry in request.GET.getlist("s")[:12] if entry.strip()]


def interventions(request: HttpRequest) -> HttpResponse:
    table = catalogue.interaction_table()
    chosen = [slug for slug in request.GET.getlist("substance") if slug in table.substances]
    groups = {group for slug in chosen for group in table.substances[slug].groups}
    all_settings = list(catalogue.settings_with_interventions())
    setting = next((s for s in all_settings if s.slug == request.GET.get("setting")), None)
    fitting = catalogue.interventions_for(setting, groups) if setting else []
    return render(
        request,
        "knowledge/interventions.html",
        {
            "settings": all_settings,
            "setting": setting,
            "substances": sorted(
                table.substances.values(), key=lambda s: localized(s.name).text.casefold()
            ),
            "chosen": chosen,
            "interventions": fitting,
            "sources": sources_by_key(
                key for intervention in fitting for key in intervention.what_to_do["sources"]
            ),
        },
    )


# ---------------------------------------------------------------- JSON


def _language(request: HttpRequest) -> str:
    language = request.GET.get("lang", settings.LANGUAGE_CODE)
    return language if language in dict(settings.LANGUAGES) else settings.LANGUAGE_CODE


def _problems_json(problems: list[InputProblem]) -> dict[str, Any]:
    return {
        "error": " ".join(problem.message for problem in problems),
        "problems": [
            {"entry": p.entry, "message": p.message, "suggestions": list(p.suggestions)}
            for p in problems
        ],
    }


def api_combinations(request: HttpRequest) -> JsonResponse:
    language = _language(request)
    table = catalogue.interaction_table()
    with translation.override(language):  # labels and messages in the asked language
        try:
            result = check_combination(table, split_names(request.GET.get("substances", "")))
        except CombinationError as error:
            return JsonResponse(_problems_json(error.problems), status=400)
        return JsonResponse(combination_as_json(result, table, language))


def combination_as_json(
    result: CombinationResult, table: InteractionTable, language: str
) -> dict[str, Any]:
    pairs = [pair_as_json(pair, table, language) for pair in result.pairs]
    sources = sources_by_key(key for pair in pairs for key in pair["sources"])
    worst = result.worst
    return {
        "language": language,
        "substances": [
            {"slug": s.slug, "name": localized(s.name, language).text, "groups": list(s.groups)}
            for s in result.substances
        ],
        "pairs": pairs,
        "worst": worst.value if worst else None,
        "worst_label": str(STATUS_INFO[worst].label) if worst else None,
        "worst_icon": STATUS_INFO[worst].icon if worst else None,
        "sources": {
            key: {
                "title": s.title,
                "language": s.language,
                "author": s.author,
                "year": s.year,
                "url": s.url,
            }
            for key, s in sources.items()
        },
        "credit": str(TRIPSIT_CREDIT) % {"commit": TRIPSIT_COMMIT[:7]},
        "credit_url": TRIPSIT_URL,
        "disclaimer": str(DISCLAIMER),
    }


def pair_as_json(pair: PairResult, table: InteractionTable, language: str) -> dict[str, Any]:
    names = [localized(pair.first.name, language).text, localized(pair.second.name, language).text]
    base: dict[str, Any] = {
        "substances": [pair.first.slug, pair.second.slug],
        "names": names,
        "kind": pair.kind,
        "status": None,
        "status_label": None,
        "icon": None,
        "groups": None,
        "note": None,
        "sources": [],
        "rated_by": None,
        "deviation": None,
    }
    if pair.rule is None:
        if pair.kind == "same-group":
            group = localized(table.group_names[pair.shared_group or ""], language).text
            base["note"] = _(
                "Both belong to %(group)s. Taken together they act like a bigger dose of one: "
                "their effects and risks add up."
            ) % {"group": group}
        else:
            base["status_label"] = str(NOT_RATED)
            base["note"] = _(
                "We have no rating for this combination. That does not mean it is safe."
            )
        return base
    rule, info = pair.rule, STATUS_INFO[pair.rule.status]
    note = localized(rule.mechanism_text, language).text
    if rule.note:
        note += " " + localized(rule.note, language).text
    deviation: dict[str, Any] | None = None
    if rule.deviation:
        tripsit_status = Status(str(rule.deviation["tripsit_status"]))
        deviation = {
            **rule.deviation,
            "tripsit_status_label": str(STATUS_INFO[tripsit_status].label),
        }
    deviation_sources: list[str] = list(deviation["sources"]) if deviation else []
    base.update(
        status=rule.status.value,
        status_label=str(info.label),
        icon=info.icon,
        groups=list(rule.groups),
        note=note,
        sources=list(dict.fromkeys([*rule.sources, *deviation_sources])),
        rated_by=rule.rated_by,
        deviation=deviation,
    )
    return base


@content_page
def api_substances(request: HttpRequest) -> JsonResponse:
    language = _language(request)
    found = catalogue.substances(request.GET.get("q", "")[:100], request.GET.get("class", ""))
    return JsonResponse(
        {
            "language": language,
            "substances": [catalogue.substance_summary(s, language) for s in found],
        }
    )


@content_page
def api_substance(request: HttpRequest, slug: str) -> JsonResponse:
    language = _language(request)
    found = catalogue.get_substance(slug)
    return JsonResponse(
        {
            "language": language,
            **catalogue.substance_summary(found, language),
            "data": found.data,
        }
    )
