"""MI practice pages: talk with a virtual client and get each reply coded, then see the
MITI summary; and the reflective-listening test.

Replies are stored nowhere on the server: not in a table, not in the session, not in a
log. The conversation so far travels with the page, signed so its codes are ours, and
comes back with the next reply; leaving the page or starting again forgets it."""

from typing import Any

from django import forms
from django.core import signing
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, render
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _

from journeys.core.citations import sources_by_key
from journeys.core.text import localized
from journeys.mi import practice
from journeys.mi.coder import MAX_REPLY_CHARS, ReplyRejected
from journeys.mi.feedback import SOURCES, behaviour_name, notes_for
from journeys.mi.listening import listening_level
from journeys.mi.models import ListeningItem, Persona
from journeys.mi.utterances import UtteranceCode, code_utterances


class ReplyForm(forms.Form):
    # A little over the coder's limit, so a long paste reaches the coder and gets its message.
    reply = forms.CharField(
        label=_("Your reply"),
        max_length=MAX_REPLY_CHARS * 30,
        widget=forms.Textarea(attrs={"rows": 3}),
    )


def _text(value: dict[str, str]) -> str:
    return str(localized(value, get_language()).text)


def _turns(request: HttpRequest, slug: str) -> list[practice.Turn]:
    """The conversation the page carried back; none when it carried none, or one that was
    changed or is for another client (signed per client)."""
    carried = request.POST.get("conversation", "")
    if not carried:
        return []
    try:
        return [practice.Turn.from_dict(turn) for turn in signing.loads(carried, salt=slug)]
    except (signing.BadSignature, TypeError, KeyError, ValueError, AttributeError):
        return []  # also a conversation carried in an older format that cannot be read


def _carried(slug: str, turns: list[practice.Turn]) -> str:
    """The conversation, signed, for the page to send back with the next reply."""
    return signing.dumps([turn.as_dict() for turn in turns], salt=slug, compress=True)


def _client_line(persona: Persona, kind: str, index: int) -> str:
    if kind == "closing":
        return _text(persona.data["closing"])
    return _text(persona.data["statements"][kind][index])


def _last_client_line(persona: Persona, turns: list[practice.Turn]) -> str:
    if not turns:
        return _text(persona.data["opening"])
    return _client_line(persona, turns[-1].client_kind, turns[-1].client_index)


def index(request: HttpRequest) -> HttpResponse:
    return render(request, "mi/index.html", {"personas": Persona.objects.all()})


def conversation(request: HttpRequest, slug: str) -> HttpResponse:
    persona = get_object_or_404(Persona, slug=slug)
    turns = _turns(request, slug)
    form = ReplyForm(request.POST if "reply" in request.POST else None)
    status = 200
    if form.is_bound:
        if practice.finished(turns):
            return _summary(request, persona, turns)
        if form.is_valid():
            reply = form.cleaned_data["reply"]
            try:
                coded = code_utterances(
                    reply, _last_client_line(persona, turns), page_language=get_language()
                )
                code = coded.code  # the reply as a whole: its utterances are in coded
            except ReplyRejected as error:
                form.add_error("reply", str(error))
            else:
                kind, index = practice.next_client_line(
                    persona.data["statements"],
                    turns,
                    practice.response_kind(code),
                    reply,
                    persona.data.get("topics"),
                )
                turn = practice.Turn.coded(coded, kind, index)
                turns = [*turns, turn]
                form = ReplyForm()  # an empty box for the next reply
        if form.errors:
            status = 400
    return render(
        request,
        "mi/conversation.html",
        {
            "persona": persona,
            "name": _text(persona.data["name"]),
            "situation": _text(persona.data["situation"]),
            "change_goal": _text(persona.data["change_goal"]),
            "opening": _text(persona.data["opening"]),
            "turns": [_turn_view(persona, turn) for turn in turns],
            "finished": practice.finished(turns),
            "form": form,
            "carried": _carried(slug, turns),
            "sources": sources_by_key([*SOURCES, *persona.data["sources"]]),
        },
        status=status,
    )


def _utterance_views(utterances: tuple[UtteranceCode, ...]) -> list[dict[str, str]]:
    """Each utterance with the one code it counts as (a key for the page, a name)."""
    return [
        {
            "text": u.text,
            "code": u.behaviour,
            "name": behaviour_name(u.main, u.subtype, u.behaviour),
        }
        for u in utterances
    ]


def _turn_view(persona: Persona, turn: practice.Turn) -> dict[str, Any]:
    utterances = _utterance_views(turn.parts)
    return {
        "reply": turn.reply,
        "codes": list(dict.fromkeys(u["name"] for u in utterances)),
        "utterances": utterances,
        "notes": notes_for(
            turn.main, turn.subtype, turn.extras, turn.confidence, turn.low_confidence
        ),
        "client": _client_line(persona, turn.client_kind, turn.client_index),
        "client_kind": turn.client_kind,
    }


SCORE_LABELS = {
    "reflection_to_question": _("Reflections per question (R:Q)"),
    "percent_complex_reflections": _("Complex reflections (% of reflections)"),
    "percent_open_questions": _("Open questions (% of questions)"),
}


def _score_row(score: practice.Score) -> dict[str, Any]:
    ratio = score.key == "reflection_to_question"
    scale = 3.0 if ratio else 100.0  # the bar's full width: R:Q 3:1, or 100 %
    return {
        "label": SCORE_LABELS[score.key],
        "key": score.key,
        "value": score.value,
        "fair": score.fair,
        "good": score.good,
        "level": score.level,
        "ratio": ratio,
        # Where the bar ends and the fair and good marks sit, in % of the bar's width.
        "width": min(100.0, 100 * (score.value or 0) / scale),
        "fair_at": 100 * score.fair / scale,
        "good_at": 100 * score.good / scale,
    }


def summary(request: HttpRequest, slug: str) -> HttpResponse:
    persona = get_object_or_404(Persona, slug=slug)
    return _summary(request, persona, _turns(request, slug))


def _summary(request: HttpRequest, persona: Persona, turns: list[practice.Turn]) -> HttpResponse:
    result = practice.summarise(turns)
    scores = [_score_row(score) for score in result.scores]
    return render(
        request,
        "mi/summary.html",
        {
            "persona": persona,
            "summary": result,
            "scores": scores,
            "guesses": sum(t.low_confidence for t in turns),
            "turns": [_turn_view(persona, turn) for turn in turns],
            "carried": _carried(persona.slug, turns),
        },
    )


def listening(request: HttpRequest) -> HttpResponse:
    items = list(ListeningItem.objects.all())
    results = []
    status = 200
    for item in items:
        answer = request.POST.get(f"reply-{item.slug}", "") if request.method == "POST" else ""
        result: dict[str, Any] = {
            "item": item,
            "statement": _text(item.statement),
            "answer": answer,
        }
        if answer.strip():
            try:
                coded = code_utterances(answer, _text(item.statement), page_language=get_language())
            except ReplyRejected as error:
                result["error"] = str(error)
                status = 400
            else:
                score = listening_level(answer, coded.utterances)
                utterances = _utterance_views(coded.utterances)
                result.update(
                    level=score.level,
                    reason=score.reason,
                    code=" · ".join(dict.fromkeys(u["name"] for u in utterances)),
                    utterances=utterances,
                    guess=coded.code.low_confidence,
                )
        if request.method == "POST":
            result["examples"] = [
                (level, _text(item.examples[str(level)])) for level in range(1, 6)
            ]
        results.append(result)
    levels = [r["level"] for r in results if "level" in r]
    return render(
        request,
        "mi/listening.html",
        {
            "results": results,
            "scored": request.method == "POST",
            "levels": levels,
            "mean": sum(levels) / len(levels) if levels else None,
        },
        status=status,
    )
