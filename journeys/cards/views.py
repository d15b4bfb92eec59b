"""Card pages: decks, a card's full text, composing a deck, and the PDF downloads."""

from typing import Any

from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import render
from django.urls import reverse
from django.utils.translation import get_language
from django.utils.translation import gettext as _

from journeys.cards import decks, downloads
from journeys.cards.fitting import SIZES, Card, Section, fit_card
from journeys.cards.forms import ComposeForm, PrintForm
from journeys.cards.models import Deck
from journeys.cards.pdf import (
    Page,
    PrintOptions,
    build_pdf,
    emergency_text,
    paginate,
    short_names,
)
from journeys.core import built_files
from journeys.core.citations import sources_by_key
from journeys.core.clients import client_network
from journeys.core.text import localized


def index(request: HttpRequest) -> HttpResponse:
    kinds = [
        (label, [(reverse("cards:card", args=ref.split("/")), title) for ref, title in cards])
        for label, cards in _card_choices()
    ]
    return render(request, "cards/index.html", {"decks": Deck.objects.all(), "kinds": kinds})


def deck(request: HttpRequest, slug: str) -> HttpResponse:
    found = _get_deck(slug)
    language = get_language()
    cards = decks.cards_for(decks.expand(found.cards), language)
    form = PrintForm(request.GET or None, user=request.user)
    return render(
        request,
        "cards/deck.html",
        {
            "deck": found,
            "cards": cards,
            "previews": _previews(request, cards),
            "strip": emergency_text(),
            "fell_back": [card for card in cards if card.fell_back],
            "form": form if form.is_bound else PrintForm(user=request.user),
        },
    )


def deck_pdf(request: HttpRequest, slug: str) -> HttpResponse:
    found = _get_deck(slug)
    form = PrintForm(request.GET, user=request.user)
    if not form.is_valid():
        return _problem(request, form.errors.as_text(), found)
    title = localized(found.title).text
    refs = decks.expand(found.cards)
    # A fixed deck's PDFs are few and stay; one with an organisation's line is personal.
    personal = bool(form.org_line())
    return _pdf_response(request, refs, form, title, f"journeys-{found.slug}", personal)


def compose(request: HttpRequest) -> HttpResponse:
    return _compose_page(request, ComposeForm(user=request.user, card_choices=_card_choices()))


def compose_pdf(request: HttpRequest) -> HttpResponse:
    form = ComposeForm(request.GET, user=request.user, card_choices=_card_choices())
    if not form.is_valid():
        return _compose_page(request, form, status=400)
    refs = decks.expand(form.cleaned_data["card"])
    return _pdf_response(request, refs, form, _("My card deck"), "journeys-cards", True)


def card(request: HttpRequest, kind: str, slug: str) -> HttpResponse:
    """Everything a card says, unshortened, with its sources: where a topic card's QR
    code leads, and the on-screen version of every card."""
    ref = f"{kind}/{slug}"
    try:
        (found,) = decks.cards_for(decks.expand([ref]), get_language())
    except decks.CardError:
        raise Http404("No such card") from None
    keys = [
        key
        for section in (*found.front, *found.back)
        for fact in section.items
        for key in fact.sources
    ]
    return render(
        request,
        "cards/card.html",
        {
            "card": found,
            "sections": [_cited(section) for section in (*found.front, *found.back)],
            "sources": sources_by_key(keys),
            "previews": _previews(request, [found]),
            "strip": emergency_text(),
        },
    )


# ---------------------------------------------------------------- helpers


def _cited(section: Section) -> dict[str, Any]:
    """A section for the full card page: its runs of facts, each fact with the sources
    to cite after it (none when the next fact in the run cites the same)."""
    runs = (
        [[fact] for fact in section.items]
        if section.style == "list"
        else [list(run.facts) for run in section.runs]
    )
    return {
        "section": section,
        "runs": [
            {
                "tag": facts[0].tag,
                "facts": [
                    (
                        fact.text,
                        fact.sources
                        if i + 1 == len(facts) or facts[i + 1].sources != fact.sources
                        else (),
                    )
                    for i, fact in enumerate(facts)
                ],
            }
            for facts in runs
        ],
    }


def _compose_page(request: HttpRequest, form: ComposeForm, status: int = 200) -> HttpResponse:
    chosen = request.GET.getlist("card") if form.is_bound else []
    context = {"form": form, "groups": form.fields["card"].choices, "chosen": chosen}  # type: ignore[attr-defined]
    return render(request, "cards/compose.html", context, status=status)


def _get_deck(slug: str) -> Deck:
    try:
        return decks.get_deck(slug)
    except decks.CardError:
        raise Http404("No such deck") from None


def _site_url(request: HttpRequest) -> str:
    return request.build_absolute_uri("/").rstrip("/")


def _previews(request: HttpRequest, cards: list[Card]) -> list[Page]:
    """Each card's front and back as printed on A7, for the page."""
    size = SIZES["a7"]
    fitted = [fit_card(card, size, emergency_text()) for card in cards]
    return paginate(fitted, PrintOptions(size, "single", _site_url(request)), short_names())


def _pdf_response(
    request: HttpRequest,
    refs: list[str],
    form: PrintForm,
    title: str,
    filename: str,
    composed: bool,
) -> HttpResponse:
    language = get_language()
    options = PrintOptions(
        SIZES[form.cleaned_data["size"]],
        form.cleaned_data["layout"],
        _site_url(request),
        form.org_line(),
    )
    try:
        pdf = downloads.stored_or_built(
            [language, options, title, *refs],
            lambda: build_pdf(decks.cards_for(refs, language), options, title).pdf,
            who=client_network(request),
            composed=composed,
        )
    except decks.CardError as error:
        return _problem(request, str(error))
    except downloads.TooMany:
        message = _(
            "Too many new card decks from this network in a minute. Wait a minute and try "
            "again; decks made before download at once."
        )
        return _problem(request, message, status=429, retry_after=downloads.RETRY_LIMITED_S)
    except built_files.Busy:
        message = _("Cards are being made for others right now. Try again in a few seconds.")
        return _problem(request, message, status=503, retry_after=built_files.RETRY_BUSY_S)
    response = HttpResponse(pdf, content_type="application/pdf")
    name = f"{filename}-{language}-{options.size.id}-{options.layout}.pdf"
    response["Content-Disposition"] = f'attachment; filename="{name}"'
    return response


def _problem(
    request: HttpRequest,
    message: str,
    deck: Deck | None = None,
    status: int = 400,
    retry_after: int = 0,
) -> HttpResponse:
    context = {"message": message, "deck": deck}
    response = render(request, "cards/problem.html", context, status=status)
    if retry_after:
        response["Retry-After"] = str(retry_after)
    return response


def _card_choices() -> list[tuple[str, list[tuple[str, str]]]]:
    titles = decks.card_titles(get_language())
    return [
        (str(decks.KIND_LABELS[kind]), [(ref, titles[ref]) for ref in refs])
        for kind, refs in decks.all_refs().items()
    ]
