"""Cards and decks from the knowledge base: a substance card is drawn from the substance's
file and the interaction table, a route card from routes.yaml, a topic card from
cards/topics.yaml. Pages, the PDF builder and the command line all start here."""

from collections.abc import Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any

from django.conf import settings
from django.urls import reverse
from django.utils import translation
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from journeys.cards.fitting import Card, Fact, Section, Style, sentences
from journeys.cards.models import Deck, TopicCard
from journeys.core.formats import duration_range
from journeys.core.text import localized
from journeys.knowledge import catalogue
from journeys.knowledge.models import Route, Substance
from journeys.knowledge.vocabulary import CLASS_LABELS, STATUS_INFO, Status

MAX_CUSTOM_CARDS = 80  # more than every card there is; a longer list is a mistake


class CardError(Exception):
    """Something asked for cannot be printed; the message says what, for a person."""


@dataclass
class Picker:
    """Picks texts in one language and remembers whether any fell back to English."""

    language: str
    fell_back: bool = field(default=False)

    def text(self, value: Mapping[str, Any]) -> Any:
        found = localized(value, self.language)
        self.fell_back = self.fell_back or found.fell_back
        return found.text


def supported_language(language: str) -> tuple[str, str]:
    """(the language cards are printed in, a notice when it is not the one asked for)."""
    if language in dict(settings.LANGUAGES):
        return language, ""
    return "en", _("There are no cards in %(language)s; they are printed in English.") % {
        "language": language
    }


# ---------------------------------------------------------------- references


def all_refs() -> dict[str, list[str]]:
    """Every card there is, by kind, in the knowledge base's order."""
    return {
        "substance": [f"substance/{slug}" for slug in _substance_slugs()],
        "route": [f"route/{slug}" for slug in Route.objects.values_list("slug", flat=True)],
        "topic": [f"topic/{slug}" for slug in TopicCard.objects.values_list("slug", flat=True)],
    }


KIND_LABELS = {
    "substance": gettext_lazy("Substances"),
    "route": gettext_lazy("Routes of administration"),
    "topic": gettext_lazy("Topics"),
}


def card_titles(language: str) -> dict[str, str]:
    """Every card's title in `language`, by reference."""
    titles = {}
    for model, kind, field_name in (
        (Substance, "substance", "name"),
        (Route, "route", "name"),
        (TopicCard, "topic", "title"),
    ):
        for slug, value in model.objects.values_list("slug", field_name):
            titles[f"{kind}/{slug}"] = localized(value, language).text
    return titles


def _substance_slugs() -> list[str]:
    """By English name; reads only slugs and names, not every substance's data."""
    names = Substance.objects.values_list("slug", "name")
    return [
        slug for slug, name in sorted(names, key=lambda row: localized(row[1], "en").text.lower())
    ]


def expand(refs: Iterable[str]) -> list[str]:
    """Card references with "kind/*" replaced by every card of that kind, once each.
    Unknown references raise CardError naming them."""
    known = all_refs()
    flat = {ref for refs_of_kind in known.values() for ref in refs_of_kind}
    expanded: list[str] = []
    unknown: list[str] = []
    for ref in refs:
        kind, _sep, slug = ref.partition("/")
        if slug == "*" and kind in known:
            expanded += known[kind]
        elif ref in flat:
            expanded.append(ref)
        else:
            unknown.append(ref)
    if unknown:
        raise CardError(_("Unknown card: %(cards)s.") % {"cards": ", ".join(unknown[:5])})
    return list(dict.fromkeys(expanded))


def get_deck(slug: str) -> Deck:
    try:
        return Deck.objects.get(slug=slug)
    except Deck.DoesNotExist:
        decks = ", ".join(Deck.objects.values_list("slug", flat=True)) or _("none loaded")
        raise CardError(
            _("Unknown deck %(deck)r. Decks: %(decks)s.") % {"deck": slug, "decks": decks}
        ) from None


def custom_refs(refs: Sequence[str]) -> list[str]:
    """A deck ticked together on the cards page: at least one card, at most a deck's worth."""
    if not refs:
        raise CardError(_("A deck needs at least one card."))
    if len(refs) > MAX_CUSTOM_CARDS:
        raise CardError(
            _("A deck can hold at most %(max)d cards; you chose %(n)d.")
            % {"max": MAX_CUSTOM_CARDS, "n": len(refs)}
        )
    return expand(refs)


# ---------------------------------------------------------------- cards


def cards_for(refs: Iterable[str], language: str) -> list[Card]:
    """The cards, in order, in `language` (texts missing there fall back to English)."""
    with translation.override(language):
        return [_card(ref, language) for ref in refs]


def _card(ref: str, language: str) -> Card:
    kind, slug = ref.split("/")
    if kind == "substance":
        return substance_card(catalogue.get_substance(slug), language)
    if kind == "route":
        return route_card(catalogue.get_route(slug), language)
    return topic_card(TopicCard.objects.get(slug=slug), language)


def substance_card(substance: Substance, language: str) -> Card:
    pick = Picker(language)
    data = substance.data

    def facts(key: str) -> tuple[Fact, ...]:
        if key not in data:
            return ()
        sources = tuple(data[key]["sources"])
        return tuple(Fact(item, sources) for item in pick.text(data[key]))

    what = data["what_it_is"]
    risks = _interleave(facts("physical_risks"), facts("mental_risks"))
    front = [
        _section(
            "what-it-is", _("What it is"), "info", _paragraph(pick.text(what), what), "paragraph"
        ),
        # On a small card the risks and timing come before the effects people look for.
        _section(
            "effects",
            _("Effects people look for"),
            "sparkle",
            facts("wanted_effects"),
            "inline",
            rank=2,
        ),
        _section("timing", _("Timing"), "clock", _timing(data.get("timing", []), pick), rank=1),
        _section("risks", _("Risks"), "alert", risks),
    ]
    back = [
        _do_not_mix(substance, pick),
        _section("safer-use", _("Safer use"), "check", facts("safer_use")),
        _section("get-help", _("Call 112 if you see"), "phone", facts("overdose_signs"), "inline"),
    ]
    street = data.get("street_names", {})
    street_names = street.get(language) or street.get("en") or []
    return Card(
        ref=f"substance/{substance.slug}",
        title=pick.text(substance.name),
        label=" · ".join(str(CLASS_LABELS[c]) for c in substance.classes),
        aka=_("Also called: %(names)s") % {"names": ", ".join(street_names)}
        if street_names
        else "",
        front=tuple(s for s in front if s.items),
        back=tuple(s for s in back if s.items),
        path=reverse("knowledge:substance", args=[substance.slug]),
        language=language,
        fell_back=pick.fell_back,
    )


def route_card(route: Route, language: str) -> Card:
    pick = Picker(language)
    data = route.data

    def grouped(key: str) -> tuple[Fact, ...]:
        return tuple(
            Fact(item, tuple(block["sources"])) for block in data[key] for item in pick.text(block)
        )

    onset = data.get("onset")
    front = [
        _section(
            "how-it-works",
            _("How it works"),
            "info",
            _paragraph(pick.text(data["summary"]), data["summary"]),
            "paragraph",
        ),
        _section(
            "timing",
            _("How fast"),
            "clock",
            _paragraph(pick.text(onset), onset) if onset else (),
            "paragraph",
        ),
        _section("risks", _("Risks"), "alert", grouped("risks")),
    ]
    back = [_section("safer-use", _("Safer use"), "check", grouped("tips"))]
    return Card(
        ref=f"route/{route.slug}",
        title=pick.text(route.name),
        label=_("Route of administration"),
        aka="",
        front=tuple(s for s in front if s.items),
        back=tuple(back),
        path=reverse("knowledge:route", args=[route.slug]),
        language=language,
        fell_back=pick.fell_back,
    )


def topic_card(topic: TopicCard, language: str) -> Card:
    pick = Picker(language)

    def sections(side: str) -> tuple[Section, ...]:
        return tuple(
            _section(
                f"{side}-{i}",
                pick.text(section["heading"]),
                section["icon"],
                _paragraph_items(pick.text(section["items"]), section["items"]),
                section.get("style", "list"),
            )
            for i, section in enumerate(topic.data[side])
        )

    subtitle = topic.data.get("subtitle")
    return Card(
        ref=f"topic/{topic.slug}",
        title=pick.text(topic.title),
        label=pick.text(subtitle) if subtitle else _("Harm-reduction card"),
        aka="",
        front=sections("front"),
        back=sections("back"),
        path=reverse("cards:card", args=["topic", topic.slug]),
        language=language,
        fell_back=pick.fell_back,
    )


# ---------------------------------------------------------------- pieces


def _section(
    key: str,
    heading: str,
    icon: str,
    items: Iterable[Fact],
    style: Style = "list",
    rank: int = 0,
) -> Section:
    return Section(key=key, heading=heading, icon=icon, items=tuple(items), style=style, rank=rank)


def _paragraph(text: str, block: Mapping[str, Any]) -> tuple[Fact, ...]:
    """A sourced paragraph as one fact per sentence, so a card can show the first ones."""
    sources = tuple(block["sources"])
    return tuple(Fact(sentence, sources) for sentence in sentences(text))


def _paragraph_items(items: list[str], block: Mapping[str, Any]) -> tuple[Fact, ...]:
    sources = tuple(block["sources"])
    return tuple(Fact(item, sources) for item in items)


def _interleave(*lists: tuple[Fact, ...]) -> Iterator[Fact]:
    """a1, b1, a2, b2, ...: both kinds of risk get room on a small card."""
    for i in range(max((len(items) for items in lists), default=0)):
        for items in lists:
            if i < len(items):
                yield items[i]


def _timing(timings: list[dict[str, Any]], pick: Picker) -> Iterator[Fact]:
    routes = catalogue.routes_by_slug()
    for timing in timings:
        route = routes.get(timing["route"])
        if route is None:
            continue
        yield Fact(
            _("%(route)s: starts after %(onset)s, lasts %(duration)s")
            % {
                "route": pick.text(route.name),
                "onset": duration_range(*timing["onset_minutes"]),
                "duration": duration_range(*timing["duration_minutes"]),
            },
            tuple(timing["sources"]),
        )


def _do_not_mix(substance: Substance, pick: Picker) -> Section:
    """The groups this substance is dangerous or unsafe with: "☠ Alcohol (dangerous)",
    dangerous ones first; all dangerous ones get room before any other section grows."""
    table = catalogue.interaction_table()
    own = set(table.substances[substance.slug].groups)
    # Only groups a reader can look up here: the rest (rare research chemicals) stay on
    # the substance's page and in the combination checker.
    listed = {group for ref in table.substances.values() for group in ref.groups}
    worst: dict[str, Any] = {}  # other group -> its worst rule with this substance
    for groups, rule in table.rules.items():
        others = groups - own
        if not groups & own or len(others) != 1 or rule.status not in RISKY:
            continue
        (other,) = others
        if other not in listed:
            continue
        if other not in worst or _severity(rule.status) > _severity(worst[other].status):
            worst[other] = rule
    facts = [
        Fact(pick.text(table.group_names[group]), rule.sources, tag=_status_tag(rule.status))
        for _rank, _name, group, rule in sorted(
            (-_severity(rule.status), pick.text(table.group_names[g]).lower(), g, rule)
            for g, rule in worst.items()
        )
    ]
    dangerous = sum(1 for rule in worst.values() if rule.status == Status.DANGEROUS)
    return Section(
        key="do-not-mix",
        heading=_("Do not mix with"),
        icon="ban",
        items=tuple(facts),
        style="inline",
        first=max(1, dangerous),
    )


RISKY = (Status.DANGEROUS, Status.UNSAFE)


def _status_tag(status: Status) -> str:
    info = STATUS_INFO[status]
    return f"{info.icon} {info.label}"


def _severity(status: Status) -> int:
    return STATUS_INFO[status].severity
