"""Live workshop pages: parse the request, call a move of actions.py (which checks who
may, writes and tells the open pages), render. The trainer's moves on a running workshop
are async views; the event streams are served before Django (streams.py)."""

from collections.abc import Callable
from typing import Any

from asgiref.sync import sync_to_async
from django.conf import settings
from django.contrib.auth.decorators import login_required
from django.contrib.auth.models import User
from django.http import (
    Http404,
    HttpRequest,
    HttpResponse,
)
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.html import escape, format_html
from django.utils.translation import get_language
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from journeys.accounts import audit
from journeys.accounts.access import AnyUser
from journeys.assessments import measurements
from journeys.core import spreadsheets
from journeys.core.clients import client_network
from journeys.core.limits import allow, over
from journeys.workshops import actions, state, statements
from journeys.workshops.activities import (
    ActionError,
    AnswerError,
    ConfigError,
    exercise_types_offered,
    get_type,
    live_activities,
)
from journeys.workshops.forms import ActivityForm, JoinForm, StartForm, WhenForm
from journeys.workshops.models import Activity, Answer, Participant, Workshop

COOKIE_PREFIX = "workshop-"


# ---------------------------------------------------------------- trainer pages


@login_required
def index(request: HttpRequest) -> HttpResponse:
    form = StartForm(request.POST or None, user=request.user)
    if not form.organisations:
        raise Http404("Only trainers run workshops")
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        workshop = actions.start_workshop(
            request.user,
            form.organisations[data["organisation"]],
            data["title"],
            data["training"],
            data["cap"],
            data["leaderboard"],
        )
        return redirect("workshops:control", workshop.pk)
    workshops = Workshop.objects.filter(
        organisation__in=form.organisations.values()
    ).select_related("organisation", "training")[:50]
    status = 400 if request.method == "POST" else 200
    return render(
        request, "workshops/index.html", {"form": form, "workshops": workshops}, status=status
    )


@login_required
def control(request: HttpRequest, workshop_id: int) -> HttpResponse:
    workshop = actions.workshop_for_staff(request.user, workshop_id)
    return _control_page(request, workshop, ActivityForm())


def _control_page(
    request: HttpRequest,
    workshop: Workshop,
    form: ActivityForm,
    error: str = "",
    status: int = 200,
    when_form: WhenForm | None = None,
) -> HttpResponse:
    exercises = []
    if workshop.training:
        exercises = [
            # Several statements or items: the trainer ticks which to add.
            {
                "exercise": exercise,
                "parts": [c["prompt"] for _k, c in live_activities(exercise.type, exercise.data)],
            }
            for exercise in workshop.training.exercises.filter(type__in=exercise_types_offered())
        ]
    context = {
        **state.room_context(workshop),
        "form": form,
        "form_error": error,
        "exercises": exercises,
        "can_measure": workshop.training is not None
        and measurements.has_instruments(workshop.training),
        "join_url": _join_url(request, workshop),
        "when_form": when_form or when_form_of(workshop),
    }
    return render(request, "workshops/control.html", context, status=status)


def when_form_of(workshop: Workshop) -> WhenForm:
    return WhenForm(
        initial={
            "starts_at": workshop.starts_at and timezone.localtime(workshop.starts_at),
            "ends_at": workshop.ends_at and timezone.localtime(workshop.ends_at),
            "place": workshop.place,
        }
    )


@login_required
def present(request: HttpRequest, workshop_id: int) -> HttpResponse:
    workshop = actions.workshop_for_staff(request.user, workshop_id)
    context = {**state.room_context(workshop), "join_url": _join_url(request, workshop)}
    return render(request, "workshops/present.html", context)


@login_required
@require_POST
def add_activity(request: HttpRequest, workshop_id: int) -> HttpResponse:
    workshop = actions.workshop_for_staff(request.user, workshop_id)
    form = ActivityForm(request.POST)
    error = ""
    if form.is_valid():
        fields = {k: str(v) if v is not None else "" for k, v in form.cleaned_data.items()}
        fields["multiple"] = "1" if form.cleaned_data["multiple"] else ""
        try:
            kind = get_type(form.cleaned_data["kind"])
            actions.add_activity(request.user, workshop.pk, kind.name, kind.read_config(fields))
            return redirect("workshops:control", workshop.pk)
        except ConfigError as problem:
            error = str(problem)
    return _control_page(request, workshop, form, error, status=400)


@login_required
@require_POST
def add_questionnaire(request: HttpRequest, workshop_id: int, phase: str) -> HttpResponse:
    try:
        actions.add_questionnaire(request.user, workshop_id, phase)
    except ConfigError as problem:
        workshop = actions.workshop_for_staff(request.user, workshop_id)
        return _control_page(request, workshop, ActivityForm(), str(problem), status=400)
    return redirect("workshops:control", workshop_id)


@login_required
@require_POST
def add_exercise(request: HttpRequest, workshop_id: int, exercise_id: int) -> HttpResponse:
    """All of an exercise, or (`picking`) only the ticked statements or items (`item`:
    their indexes)."""
    picked: list[int] | None = None
    try:
        if request.POST.get("picking"):
            items = request.POST.getlist("item")
            if not all(item.isascii() and item.isdigit() and len(item) < 4 for item in items):
                raise ConfigError(_("That statement or item is not part of this exercise."))
            picked = [int(item) for item in items]
        actions.add_from_exercise(request.user, workshop_id, exercise_id, picked)
    except ConfigError as problem:
        workshop = actions.workshop_for_staff(request.user, workshop_id)
        return _control_page(request, workshop, ActivityForm(), str(problem), status=400)
    return redirect("workshops:control", workshop_id)


# The moves on one activity, by the name in its URL.
ACTIVITY_MOVES: dict[str, Callable[[AnyUser, int, int], object]] = {
    "open": actions.open_activity,
    "close": actions.close_activity,
    "reveal": actions.reveal_activity,
    "delete": actions.delete_activity,
    "restore": actions.restore_activity,
    "up": lambda user, workshop_id, activity_id: actions.move_activity(
        user, workshop_id, activity_id, up=True
    ),
    "down": lambda user, workshop_id, activity_id: actions.move_activity(
        user, workshop_id, activity_id, up=False
    ),
    "follow": actions.follow_the_room,
    "feedback": lambda user, workshop_id, activity_id: actions.type_move(
        user, workshop_id, activity_id, "feedback"
    ),
}


async def act(
    request: HttpRequest, workshop_id: int, activity_id: int, action: str
) -> HttpResponse:
    """open, close, reveal, delete, restore, up, down, follow (a scenario's vote),
    feedback (a scenario's other options' feedback): then every page updates."""
    if action not in ACTIVITY_MOVES:
        raise Http404("No such action")
    move = ACTIVITY_MOVES[action]
    return await _trainer_move(
        request, workshop_id, lambda user: move(user, workshop_id, activity_id)
    )


async def next_activity(request: HttpRequest, workshop_id: int) -> HttpResponse:
    return await _trainer_move(
        request, workshop_id, lambda user: actions.next_activity(user, workshop_id)
    )


async def leaderboard(request: HttpRequest, workshop_id: int, shown: str) -> HttpResponse:
    """Put the leaderboard on the projector (`show`) or take it off (`hide`)."""
    if shown not in ("show", "hide"):
        raise Http404("No such action")
    return await _trainer_move(
        request,
        workshop_id,
        lambda user: actions.show_leaderboard(user, workshop_id, shown=shown == "show"),
    )


async def word(request: HttpRequest, workshop_id: int, activity_id: int) -> HttpResponse:
    """Hide a word cloud's word from the projector (`hidden=1`) or show it again."""
    text = request.POST.get("word", "")
    hidden = request.POST.get("hidden") == "1"
    return await _trainer_move(
        request,
        workshop_id,
        lambda user: actions.hide_word(user, workshop_id, activity_id, text, hidden),
    )


async def review(request: HttpRequest, workshop_id: int, answer_id: int) -> HttpResponse:
    choice = request.POST.get("review", "")
    return await _trainer_move(
        request,
        workshop_id,
        lambda user: actions.review_answer(user, workshop_id, answer_id, choice),
    )


async def end(request: HttpRequest, workshop_id: int) -> HttpResponse:
    return await _trainer_move(
        request, workshop_id, lambda user: actions.end_workshop(user, workshop_id)
    )


async def joining(request: HttpRequest, workshop_id: int, door: str) -> HttpResponse:
    """Close the workshop to new participants (`close`) or let them join again (`open`)."""
    if door not in ("open", "close"):
        raise Http404("No such action")
    return await _trainer_move(
        request,
        workshop_id,
        lambda user: actions.set_joining(user, workshop_id, closed=door == "close"),
    )


async def remove(request: HttpRequest, workshop_id: int, participant_id: int) -> HttpResponse:
    """Take a participant out, with their answers; their phone is told at once."""
    return await _trainer_move(
        request,
        workshop_id,
        lambda user: actions.remove_participant(user, workshop_id, participant_id),
    )


async def _trainer_move(
    request: HttpRequest, workshop_id: int, move: Callable[[AnyUser], object]
) -> HttpResponse:
    """A trainer's POST: check who is logged in, make the move (actions.py checks the
    workshop, writes and tells the pages), answer."""
    if request.method != "POST":
        return HttpResponse(status=405)
    user = await request.auser()
    if not user.is_authenticated:
        return HttpResponse(_("Log in as a trainer first."), status=403)
    try:
        await sync_to_async(move)(user)
    except ActionError as problem:
        return HttpResponse(escape(str(problem)), status=409)
    if request.headers.get("HX-Request"):
        return HttpResponse("")  # clears an earlier message; the page updates by itself
    return redirect("workshops:control", workshop_id)


@login_required
def report(request: HttpRequest, workshop_id: int) -> HttpResponse:
    workshop = actions.workshop_for_staff(request.user, workshop_id)
    activities = [
        {
            "activity": activity,
            "tally": state.tally(activity),
            "step": state.step(activity),
        }
        for activity in actions.listed(workshop)
    ]
    context = {
        "workshop": workshop,
        "activities": activities,
        "participants": workshop.participants.filter(removed=False).count(),
    }
    return render(request, "workshops/report.html", context)


@login_required
def export(request: HttpRequest, workshop_id: int) -> HttpResponse:
    """Every answer, anonymised: participants are numbered, never named. Of open answers
    and questions only those the trainer showed, as on the report page, unless the
    trainer asks for all (`?include=all`): the others were waiting or hidden."""
    workshop = actions.workshop_for_staff(request.user, workshop_id)
    everything = request.GET.get("include") == "all"
    audit.record(
        request.user,
        audit.Action.WORKSHOP_EXPORTED,
        workshop.organisation,
        f"workshop #{workshop.pk}",
    )
    response = HttpResponse(content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = (
        f'attachment; filename="workshop-{workshop.code}-{workshop.pk}.csv"'
    )
    number = {pid: n for n, pid in enumerate(workshop.participants.values_list("pk", flat=True), 1)}
    writer = spreadsheets.Writer(response)
    writer.writerow(["activity", "kind", "question", "participant", "answer", "review"])
    language = get_language()
    for activity in actions.listed(workshop):
        prompt = activity.config.get("prompt", {})
        question = prompt.get(language) or prompt.get("en", "")
        moderated = get_type(activity.kind).moderated
        answers = activity.answers.order_by("participant_id")
        if moderated and not everything:
            answers = answers.filter(review=Answer.Review.SHOWN)
        for answer in answers:
            writer.writerow(
                [
                    activity.position,
                    activity.kind,
                    question,
                    f"participant {number[answer.participant_id]}",
                    _answer_text(activity, answer.value, language),
                    answer.review if moderated else "",
                ]
            )
        # What the room did as a whole (a scenario's route: steps, votes, choices).
        for row in get_type(activity.kind).room_rows(activity, language):
            writer.writerow([activity.position, activity.kind, question, "the room", row, ""])
    return response


def _answer_text(activity: Activity, value: Any, language: str) -> str:
    options = {
        o["key"]: o["text"].get(language) or o["text"]["en"]
        for o in activity.config.get("options", [])
    }
    if isinstance(value, list):
        return "; ".join(str(options.get(v, v)) for v in value)
    if isinstance(value, dict):
        return f"{value.get('step')}: {value.get('choice')}"
    return str(options.get(str(value), value))


def _join_url(request: HttpRequest, workshop: Workshop) -> str:
    return request.build_absolute_uri(reverse("workshops:join") + f"?code={workshop.code}")


# ---------------------------------------------------------------- participants


def join(request: HttpRequest) -> HttpResponse:
    """Join by code and nickname. A browser joins a workshop once: with its participant
    cookie it gets its place back. Wrong codes count per address (a /64 for IPv6); only
    a flood of them makes the address wait. Joins count per address and workshop here
    and per workshop in actions.join. docs/workshops.md gives the numbers and why."""
    form = JoinForm(request.POST or None, initial={"code": request.GET.get("code", "")})
    if request.method != "POST":
        return _join_page(request, form, status=200)
    network = client_network(request)
    if over("wrong-code", network, settings.RATE_WRONG_CODE):
        # Refused without looking at the code: an answer would tell a guesser which
        # codes are real, and the budget would no longer slow guessing down.
        message = _("Too many wrong codes from this network. Wait a minute and try again.")
        return _join_page(request, form, message, status=429)
    if not form.is_valid():
        return _join_page(request, form, status=400)
    try:
        workshop = actions.live_workshop(form.cleaned_data["code"])
    except actions.JoinError as problem:
        allow("wrong-code", network, settings.RATE_WRONG_CODE)
        form.add_error("code", str(problem))
        return _join_page(request, form, status=400)
    me = _me(request, workshop.code)
    if me is not None and me.removed:
        return _join_page(request, form, _removed(), status=403)
    if me is not None:  # this browser is in already: no second participant
        return redirect("workshops:participant", workshop.code)
    if not allow("join", f"{workshop.pk} {network}", settings.RATE_JOIN):
        message = _("Many people joined from this network just now. Wait a minute and try again.")
        return _join_page(request, form, message, status=429)
    try:
        attendee = request.user if isinstance(request.user, User) else None
        participant = actions.join(workshop, form.cleaned_data["nickname"], attendee)
    except actions.JoinError as problem:
        status = 429 if isinstance(problem, actions.JoinTooFast) else 400
        return _join_page(request, form, str(problem), status=status)
    response = redirect("workshops:participant", workshop.code)
    response.set_cookie(
        _cookie(workshop.code),
        participant.token,
        max_age=actions.CODE_LIFETIME_HOURS * 3600,
        httponly=True,
        samesite="Lax",
        secure=settings.HTTPS,
    )
    return response


def _join_page(
    request: HttpRequest, form: JoinForm, error: str = "", status: int = 200
) -> HttpResponse:
    if error:
        form.add_error(None, error)
    reported = isinstance(request.user, User) and statements.reports_attendance(request.user)
    return render(
        request, "workshops/join.html", {"form": form, "reported": reported}, status=status
    )


def _removed() -> str:
    return _("The trainer removed you from this workshop.")


def _cookie(code: str) -> str:
    return f"{COOKIE_PREFIX}{actions.normalise_code(code)}"


def _me(request: HttpRequest, code: str) -> Participant | None:
    """The participant this browser joined as, in the workshop with this code (one the
    trainer removed too: callers say so): one indexed query (the token is unique)."""
    token = request.COOKIES.get(_cookie(code), "")
    if not token:
        return None
    found = Participant.objects.select_related("workshop").filter(
        token=token, workshop__code=actions.normalise_code(code)
    )
    return next(iter(found[:1]), None)  # not first(): its ORDER BY costs every answer


def participant_page(request: HttpRequest, code: str) -> HttpResponse:
    me = _me(request, code)
    if me is None:
        return redirect(reverse("workshops:join") + f"?code={actions.normalise_code(code)}")
    if me.removed:
        return render(request, "workshops/removed.html", {"workshop": me.workshop}, status=403)
    workshop = Workshop.objects.select_related("current").get(pk=me.workshop_id)
    context = {**state.participant_context(workshop), **state.my_answer(workshop.current, me)}
    context["me"] = me
    return render(request, "workshops/participant.html", context)


def mine(request: HttpRequest, code: str) -> HttpResponse:
    """The phone's own answer to the activity shown, right or not: fetched by each phone
    after a reveal arrives (the event is the same for the whole room)."""
    me = _me(request, code)
    if me is None or me.removed:
        return HttpResponse(status=403)
    workshop = Workshop.objects.select_related("current").get(pk=me.workshop_id)
    context = {**state.participant_context(workshop), **state.my_answer(workshop.current, me)}
    if not context["revealed"]:
        return HttpResponse("")
    return render(request, "workshops/_mine.html", context)


@require_POST
def answer(request: HttpRequest, code: str, activity_id: int) -> HttpResponse:
    me = _me(request, code)
    if me is None:
        return _answered(request, code, _("Join the workshop first."), status=403)
    if me.removed:
        return _answered(request, code, _removed(), status=403)
    if not allow("answer", str(me.pk), settings.RATE_ANSWER):
        return _answered(request, code, _("Too many answers at once. Wait a moment."), 429)
    form = {key: request.POST.getlist(key) for key in request.POST}
    try:
        stored = actions.answer(me, activity_id, form)
    except AnswerError as problem:
        return _answered(request, code, str(problem), status=400)
    message = _("Answer changed.") if stored.replaced else _("Answer received.")
    return _answered(request, code, message)


def _answered(request: HttpRequest, code: str, message: str, status: int = 200) -> HttpResponse:
    if request.headers.get("HX-Request"):
        role = "alert" if status >= 400 else "status"
        html = format_html('<p class="answer-status" role="{}">{}</p>', role, message)
        return HttpResponse(html, status=status)
    if status >= 400:
        return HttpResponse(message, status=status, content_type="text/plain; charset=utf-8")
    return redirect("workshops:participant", code)


@require_POST
def named(request: HttpRequest, code: str) -> HttpResponse:
    me = _me(request, code)
    if me is None or me.removed:
        message = _removed() if me else _("Join the workshop first.")
        return HttpResponse(message, status=403, content_type="text/plain; charset=utf-8")
    actions.set_named(me, request.POST.get("named") == "1")
    return redirect("workshops:participant", code)


# ---------------------------------------------------------------- event streams


def events_elsewhere(request: HttpRequest, **kwargs: object) -> HttpResponse:
    """The event streams' addresses. `journeys serve` answers them before Django
    (journeys/workshops/streams.py); a server that only speaks WSGI cannot hold them."""
    return HttpResponse(
        _("Live updates need the ASGI server: run `journeys serve`."),
        status=501,
        content_type="text/plain; charset=utf-8",
    )
