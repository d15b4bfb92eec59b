"""Workshop plan pages: list, new, edit (add from a training, add an own question,
reorder, remove), start; and each training's default plan (view, start, copy). Thin:
journeys/workshops/plans.py does the work and the permission checks."""

from typing import Any

from django import forms
from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.formats import number_format
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_POST

from journeys.accounts.access import AnyUser, organisations_for_staff
from journeys.accounts.models import Organisation
from journeys.core.text import localized
from journeys.trainings.models import Training
from journeys.workshops import activities, plans
from journeys.workshops.activities import ConfigError
from journeys.workshops.forms import ActivityForm, StartForm
from journeys.workshops.models import Plan


class PlanForm(forms.Form):
    name = forms.CharField(
        label=gettext_lazy("Name of the plan"),
        max_length=200,
        help_text=gettext_lazy("For example: Police Amsterdam, half day."),
        error_messages={"required": gettext_lazy("Give the plan a name.")},
    )
    organisation = forms.ChoiceField(label=gettext_lazy("Organisation"))

    def __init__(self, *args: Any, user: AnyUser, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.organisations = {o.slug: o for o in organisations_for_staff(user)}
        self.fields["organisation"].choices = [  # type: ignore[attr-defined]
            (o.slug, o.name) for o in self.organisations.values()
        ]
        if len(self.organisations) == 1:
            del self.fields["organisation"]

    def clean_name(self) -> str:
        name = " ".join(str(self.cleaned_data["name"]).split())
        if not name:
            raise forms.ValidationError(_("Give the plan a name."))
        return name

    def chosen_organisation(self) -> Organisation:
        if "organisation" in self.fields:
            return self.organisations[self.cleaned_data["organisation"]]
        return next(iter(self.organisations.values()))


class RenameForm(forms.Form):
    name = PlanForm.base_fields["name"]


class PlanStartForm(StartForm):
    """The live workshop's settings, as on the workshops page, without the training:
    the plan says what runs. The organisation may be left out: then the plan's (or the
    trainer's only one)."""

    def __init__(self, *args: Any, user: AnyUser, organisation: Organisation | None, **kw: Any):
        super().__init__(*args, user=user, **kw)
        del self.fields["training"]
        self.default_organisation = ""
        if organisation is not None and organisation.slug in self.organisations:
            self.default_organisation = organisation.slug
        elif len(self.organisations) == 1:
            self.default_organisation = next(iter(self.organisations))
        field = self.fields["organisation"]
        field.initial = self.default_organisation
        field.required = not self.default_organisation
        if len(self.organisations) == 1:
            field.widget = forms.HiddenInput()

    def clean_organisation(self) -> str:
        return str(self.cleaned_data.get("organisation") or self.default_organisation)


def _staff(request: HttpRequest) -> list[Organisation]:
    organisations = list(organisations_for_staff(request.user))
    if not organisations:
        raise Http404("Only trainers prepare workshops")
    return organisations


def _own_fields(form: ActivityForm) -> dict[str, str]:
    """The activity form's cleaned fields as read_config reads them."""
    fields = {k: str(v) if v is not None else "" for k, v in form.cleaned_data.items()}
    fields["multiple"] = "1" if form.cleaned_data["multiple"] else ""
    return fields


def _kind_label(kind: str) -> str:
    try:
        return str(activities.get_type(kind).label)
    except KeyError:
        return kind


def default_name(training: Training, minutes: int) -> str:
    return _("Default plan: %(training)s — half day, %(hours)s h") % {
        "training": localized(training.title).text,
        "hours": number_format(plans.hours(minutes), decimal_pos=1 if minutes % 60 else 0),
    }


# ---------------------------------------------------------------- list and new


@login_required
def plan_list(request: HttpRequest) -> HttpResponse:
    _staff(request)
    own = list(plans.plans_for_staff(request.user))
    trainings = [
        (training, default_name(training, plans.default_plan_minutes(training)))
        for training in Training.objects.all()
    ]
    return render(request, "workshops/plans/list.html", {"plans": own, "trainings": trainings})


@login_required
def plan_new(request: HttpRequest) -> HttpResponse:
    _staff(request)
    form = PlanForm(request.POST or None, user=request.user)
    if request.method == "POST" and form.is_valid():
        plan = plans.create_plan(
            form.chosen_organisation(), request.user, form.cleaned_data["name"]
        )
        return redirect("workshops:plan", plan.pk)
    status = 400 if request.method == "POST" else 200
    return render(request, "workshops/plans/new.html", {"form": form}, status=status)


# ---------------------------------------------------------------- edit


def _edit_page(
    request: HttpRequest,
    plan: Plan,
    *,
    rename: RenameForm | None = None,
    own: ActivityForm | None = None,
    start: PlanStartForm | None = None,
    error: str = "",
    own_error: str = "",
    status: int = 200,
) -> HttpResponse:
    items = [
        (item, _kind_label(item.kind)) for item in plan.items.select_related("exercise__training")
    ]
    context = {
        "plan": plan,
        "items": items,
        "rename": rename or RenameForm(initial={"name": plan.name}),
        "own": own or ActivityForm(),
        "own_error": own_error,
        "start": start
        or PlanStartForm(
            user=request.user, organisation=plan.organisation, initial={"title": plan.name}
        ),
        "error": error,
        "trainings": Training.objects.all(),
    }
    return render(request, "workshops/plans/edit.html", context, status=status)


@login_required
def plan_edit(request: HttpRequest, plan_id: int) -> HttpResponse:
    plan = plans.get_plan_for_staff(request.user, plan_id)
    if request.method == "POST":
        form = RenameForm(request.POST)
        if form.is_valid():
            try:
                plans.rename_plan(plan, form.cleaned_data["name"])
                return redirect("workshops:plan", plan.pk)
            except plans.PlanError as problem:
                form.add_error("name", str(problem))
        return _edit_page(request, plan, rename=form, status=400)
    return _edit_page(request, plan)


@login_required
@require_POST
def plan_item(request: HttpRequest, plan_id: int, item_id: int, action: str) -> HttpResponse:
    """up, down, remove."""
    plan = plans.get_plan_for_staff(request.user, plan_id)
    try:
        if action == "remove":
            plans.remove_item(plan, item_id)
        elif action in ("up", "down"):
            plans.move_item(plan, item_id, action)
        else:
            raise Http404("No such action")
    except plans.PlanError:
        raise Http404("No such item in this plan") from None
    return redirect(f"{_plan_url(plan)}#item-{item_id}" if action != "remove" else _plan_url(plan))


def _plan_url(plan: Plan) -> str:
    return reverse("workshops:plan", args=[plan.pk])


@login_required
@require_POST
def plan_own(request: HttpRequest, plan_id: int) -> HttpResponse:
    plan = plans.get_plan_for_staff(request.user, plan_id)
    form = ActivityForm(request.POST)
    error = ""
    if form.is_valid():
        try:
            plans.add_own(plan, form.cleaned_data["kind"], _own_fields(form))
            return redirect("workshops:plan", plan.pk)
        except (ConfigError, plans.PlanError) as problem:
            error = str(problem)
    return _edit_page(request, plan, own=form, own_error=error, status=400)


@login_required
def plan_add(request: HttpRequest, plan_id: int, training_slug: str = "") -> HttpResponse:
    """Add from a training: choose a training, then one of its live exercises."""
    plan = plans.get_plan_for_staff(request.user, plan_id)
    training = None
    exercises: list[Any] = []
    if training_slug:
        training = Training.objects.filter(slug=training_slug).first()
        if training is None:
            raise Http404("No such training")
        exercises = [
            (exercise, len(plans.offered(exercise)))
            for exercise in plans.live_exercises(training).select_related("lesson")
        ]
    context = {
        "plan": plan,
        "training": training,
        "exercises": exercises,
        "trainings": Training.objects.all(),
    }
    return render(request, "workshops/plans/add.html", context)


@login_required
def plan_pick(
    request: HttpRequest, plan_id: int, training_slug: str, exercise_id: int
) -> HttpResponse:
    """An exercise's statements, each with a checkbox (all ticked at first); a POST adds
    the ticked ones."""
    plan = plans.get_plan_for_staff(request.user, plan_id)
    try:
        exercise = plans.exercise_in(training_slug, exercise_id)
    except plans.PlanError as problem:
        return _pick_page(request, plan, None, [], str(problem), status=400)
    drafts = plans.offered(exercise)
    chosen = request.POST.getlist("item")
    if request.method == "POST":
        try:
            plans.add_from_exercise(plan, exercise, chosen)
            return redirect("workshops:plan", plan.pk)
        except plans.PlanError as problem:
            return _pick_page(request, plan, exercise, drafts, str(problem), chosen, status=400)
    return _pick_page(request, plan, exercise, drafts, chosen=[str(i) for i in range(len(drafts))])


def _pick_page(
    request: HttpRequest,
    plan: Plan,
    exercise: Any,
    drafts: list[plans.Draft],
    error: str = "",
    chosen: list[str] | None = None,
    status: int = 200,
) -> HttpResponse:
    chosen = chosen or []
    context = {
        "plan": plan,
        "exercise": exercise,
        "choices": [(str(i), draft, str(i) in chosen) for i, draft in enumerate(drafts)],
        "error": error,
    }
    return render(request, "workshops/plans/pick.html", context, status=status)


# ---------------------------------------------------------------- start


def _start(
    request: HttpRequest, drafts: list[plans.Draft], form: PlanStartForm, training: Any = None
) -> HttpResponse | None:
    """The workshop's control page, or None when the form says what to fix."""
    if not form.is_valid():
        return None
    data = form.cleaned_data
    try:
        workshop = plans.start(
            drafts,
            form.organisations[data["organisation"]],
            request.user,
            data["title"],
            data["cap"],
            data["leaderboard"],
            training=training,
        )
    except plans.PlanError as problem:
        form.add_error(None, str(problem))
        return None
    return redirect("workshops:control", workshop.pk)


@login_required
@require_POST
def plan_start(request: HttpRequest, plan_id: int) -> HttpResponse:
    plan = plans.get_plan_for_staff(request.user, plan_id)
    form = PlanStartForm(request.POST, user=request.user, organisation=plan.organisation)
    return _start(request, plans.drafts_of(plan), form) or _edit_page(
        request, plan, start=form, status=400
    )


# ---------------------------------------------------------------- default plans


def _default_page(
    request: HttpRequest,
    training: Training,
    start: PlanStartForm | None = None,
    copy: PlanForm | None = None,
    status: int = 200,
) -> HttpResponse:
    default = plans.default_plan(training)
    name = default_name(training, default.minutes)
    context = {
        "training": training,
        "default": default,
        "name": name,
        "statements": plans.DEFAULT_STATEMENTS,
        "start": start
        or PlanStartForm(user=request.user, organisation=None, initial={"title": name}),
        "copy": copy or PlanForm(user=request.user, initial={"name": name}),
    }
    return render(request, "workshops/plans/default.html", context, status=status)


def _training(slug: str) -> Training:
    training = Training.objects.filter(slug=slug).first()
    if training is None:
        raise Http404("No such training")
    return training


@login_required
def default_view(request: HttpRequest, training_slug: str) -> HttpResponse:
    _staff(request)
    return _default_page(request, _training(training_slug))


@login_required
@require_POST
def default_start(request: HttpRequest, training_slug: str) -> HttpResponse:
    _staff(request)
    training = _training(training_slug)
    form = PlanStartForm(request.POST, user=request.user, organisation=None)
    drafts = plans.default_plan(training).drafts
    return _start(request, drafts, form, training=training) or _default_page(
        request, training, start=form, status=400
    )


@login_required
@require_POST
def default_copy(request: HttpRequest, training_slug: str) -> HttpResponse:
    _staff(request)
    training = _training(training_slug)
    form = PlanForm(request.POST, user=request.user)
    if not form.is_valid():
        return _default_page(request, training, copy=form, status=400)
    plan = plans.copy_default(
        plans.default_plan(training),
        form.chosen_organisation(),
        request.user,
        form.cleaned_data["name"],
    )
    return redirect("workshops:plan", plan.pk)
