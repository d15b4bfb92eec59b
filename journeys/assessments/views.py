"""Pre/post questionnaires for participants (no account: a measurement's link and a
self-generated code) and the trainer's measurements, reports and exports."""

import re
from typing import Any

from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import get_language
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from journeys.accounts import audit
from journeys.accounts.access import organisations_for_staff
from journeys.assessments import actions, measurements, pdf, questionnaire
from journeys.assessments.forms import LicensedScaleForm, MeasurementForm
from journeys.assessments.models import Instrument, LicensedScale, Measurement, Scale
from journeys.assessments.pairing import CODE_QUESTIONS, CodeError, pairing_for, read_code
from journeys.assessments.pdf import report_context
from journeys.assessments.questionnaire import FOLLOW_UP, PHASES, POST, Definition
from journeys.assessments.report import Report
from journeys.core import built_files, spreadsheets
from journeys.core.models import Source
from journeys.trainings.models import Training

BACK = re.compile(r"^/(nl/)?w/[A-Za-z0-9]{3,12}/$")  # a workshop's participant page


def _open(token: str, phase: str) -> Measurement:
    measurement = Measurement.objects.select_related("training").filter(token=token).first()
    if measurement is None or phase not in PHASES:
        raise Http404(_("No such questionnaire: check the link."))
    return measurement


def _session_key(measurement: Measurement, phase: str) -> str:
    return f"assessment:{measurement.token}:{phase}"


def _answerable(
    request: HttpRequest, measurement: Measurement, phase: str
) -> Definition | HttpResponse:
    """The instruments to answer, or where this browser goes instead: a page saying why
    it cannot be answered now, or the thank-you page when it was handed in."""
    if request.session.get(f"{_session_key(measurement, phase)}:done"):
        return redirect("assessments:done", measurement.token, phase)
    definition = measurements.definition_of(measurement)
    if definition is None:
        message = _("This training has no questionnaire yet.")
    elif phase == FOLLOW_UP and not measurement.follow_up_open:
        message = _(
            "The follow-up questionnaire is not open yet. "
            "Your trainer will send the link when it is."
        )
    else:
        return definition
    return render(
        request,
        "assessments/closed.html",
        {"measurement": measurement, "message": message},
        status=404,
    )


def take(request: HttpRequest, token: str, phase: str) -> HttpResponse:
    """Step 1: the self-generated code."""
    measurement = _open(token, phase)
    back = request.GET.get("back", "")
    if BACK.match(back):
        request.session[f"assessment-back:{measurement.token}"] = back
    found = _answerable(request, measurement, phase)
    if isinstance(found, HttpResponse):
        return found
    key = _session_key(measurement, phase)
    errors: dict[str, str] = {}
    values = {q.name: request.POST.get(q.name, "") for q in CODE_QUESTIONS}
    if request.method == "POST":
        try:
            code = read_code(values)
        except CodeError as problem:
            errors = problem.errors
        else:
            pairing = pairing_for(measurement.token, code)
            form = questionnaire.knowledge_form(pairing.first_form, phase)
            request.session[key] = [pairing.key, form]
            return redirect("assessments:answers", token, phase)
    fields = [
        {"question": q, "value": values[q.name], "error": errors.get(q.name)}
        for q in CODE_QUESTIONS
    ]
    context = {"measurement": measurement, "phase": phase, "fields": fields, "errors": errors}
    return render(request, "assessments/code.html", context, status=400 if errors else 200)


def answers(request: HttpRequest, token: str, phase: str) -> HttpResponse:
    """Step 2: the questionnaire. Bad answers come back with a message; nothing is lost."""
    measurement = _open(token, phase)
    definition = _answerable(request, measurement, phase)
    if isinstance(definition, HttpResponse):
        return definition
    key = _session_key(measurement, phase)
    opened = request.session.get(key)
    if not isinstance(opened, list):  # no code yet, or a session from before keys were slow
        return redirect("assessments:take", token, phase)
    pair, form = opened
    parts = questionnaire.sections(definition, phase, form, measurements.scales_of(measurement))
    posted = {q.id: request.POST.get(q.id, "") for q in questionnaire.questions(parts)}
    errors: dict[str, str] = {}
    problem = ""
    unanswered: list[str] = []
    status = 200
    if request.method == "POST":
        sheet = (request.POST.get("training", ""), request.POST.get("form", ""))
        if sheet != (measurement.training.slug, form):
            problem = _(
                "This answer sheet is for another training or form (%(sheet)s), not for this "
                "questionnaire (%(expected)s). Nothing was stored: open the link again."
            ) % {
                "sheet": " ".join(sheet).strip() or "?",
                "expected": f"{measurement.training.slug} {form}".strip(),
            }
            status = 400
        else:
            stored, unanswered, errors = questionnaire.read_answers(parts, posted)
            if errors:
                status = 400
            elif not stored:
                problem = _("Answer at least one question.")
                status = 400
            elif unanswered and not request.POST.get("confirm"):
                pass  # shown again once, asking whether to hand in as it is
            else:
                measurements.store_response(
                    measurement, phase, form, pair, stored, get_language() or "en", request.user
                )
                del request.session[key]  # the pairing key is kept only while it is open
                request.session[f"{key}:done"] = True
                return redirect("assessments:done", token, phase)
    context = {
        "measurement": measurement,
        "phase": phase,
        "form": form,
        "sections": [
            {
                "section": s,
                "questions": [
                    {"q": q, "value": posted[q.id], "error": errors.get(q.id)} for q in s.questions
                ],
            }
            for s in parts
        ],
        "errors": errors,
        "problem": problem,
        "unanswered": len(unanswered) if not errors else 0,
    }
    return render(request, "assessments/answers.html", context, status=status)


def done(request: HttpRequest, token: str, phase: str) -> HttpResponse:
    measurement = _open(token, phase)
    key = _session_key(measurement, phase)
    if not request.session.get(f"{key}:done"):
        return redirect("assessments:take", token, phase)
    review = []
    definition = measurements.definition_of(measurement)
    if phase == POST and definition:
        # After the post-test, the right answers of both forms: a last thing to learn.
        for form in ("a", "b"):
            for item in definition["knowledge"][f"form_{form}"]:
                review.append(
                    {
                        "question": item["question"],
                        "answer": next(o for o in item["options"] if o.get("correct")),
                        "explanation": item["explanation"],
                        "sources": item["sources"],
                    }
                )
    wanted = list(dict.fromkeys(key for item in review for key in item["sources"]))
    found = {source.key: source for source in Source.objects.filter(key__in=wanted)}
    context = {
        "measurement": measurement,
        "phase": phase,
        "review": review,
        "sources": {key: found[key] for key in wanted if key in found},
        "back": request.session.get(f"assessment-back:{measurement.token}", ""),
    }
    return render(request, "assessments/done.html", context)


def self_paced(request: HttpRequest, slug: str, phase: str) -> HttpResponse:
    """A self-paced learner's before/after/follow-up: the training's shared measurement."""
    training = get_object_or_404(Training, slug=slug)
    if phase not in PHASES or not measurements.has_instruments(training):
        raise Http404(_("This training has no questionnaire yet."))
    measurement = measurements.self_paced(training)
    return redirect("assessments:take", measurement.token, phase)


# ---------------------------------------------------------------- trainer pages


def _staff_measurement(request: HttpRequest, measurement_id: int) -> Measurement:
    return actions.measurement_for_staff(request.user, measurement_id)


def _links(request: HttpRequest, measurement: Measurement) -> list[dict[str, Any]]:
    return [
        {
            "phase": phase,
            "url": request.build_absolute_uri(
                reverse("assessments:take", args=[measurement.token, phase])
            ),
            "open": phase != FOLLOW_UP or measurement.follow_up_open,
        }
        for phase in PHASES
    ]


@login_required
def index(request: HttpRequest) -> HttpResponse:
    organisations = list(organisations_for_staff(request.user))
    if not organisations:
        raise Http404(_("Only trainers run measurements"))
    form = MeasurementForm(request.POST or None, organisations=organisations)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        measurement = measurements.for_workshop(
            form.chosen_organisation(), data["training"], data["title"], request.user
        )
        return redirect("assessments:measurement", measurement.pk)
    rows = measurements.visible_to(request.user)[:100]
    trainings = Training.objects.filter(instrument__isnull=False).order_by("position")
    context = {"form": form, "measurements": rows, "trainings": trainings}
    return render(request, "assessments/index.html", context, status=400 if form.errors else 200)


@login_required
def measurement_page(request: HttpRequest, measurement_id: int) -> HttpResponse:
    measurement = _staff_measurement(request, measurement_id)
    licensed = LicensedScale.objects.none()
    if measurement.organisation:
        licensed = LicensedScale.objects.filter(
            organisation=measurement.organisation
        ).select_related("scale")
    context = {
        "measurement": measurement,
        "links": _links(request, measurement),
        "counts": measurements.phase_counts(measurement),
        "licensed": licensed,
        "chosen": set(measurement.scales.values_list("pk", flat=True)),
        "may_manage": measurements.may_manage(request.user, measurement),
    }
    return render(request, "assessments/measurement.html", context)


def _refused(
    request: HttpRequest, measurement: Measurement | None, message: str, status: int
) -> HttpResponse:
    context = {"measurement": measurement, "message": message}
    return render(request, "assessments/closed.html", context, status=status)


@login_required
@require_POST
def follow_up(request: HttpRequest, measurement_id: int) -> HttpResponse:
    try:
        actions.set_follow_up(request.user, measurement_id, request.POST.get("open") == "1")
    except actions.Refused as refused:
        return _refused(request, refused.measurement, refused.message, refused.status)
    return redirect("assessments:measurement", measurement_id)


@login_required
@require_POST
def choose_scales(request: HttpRequest, measurement_id: int) -> HttpResponse:
    try:
        actions.choose_scales(request.user, measurement_id, request.POST.getlist("scale"))
    except actions.Refused as refused:
        return _refused(request, refused.measurement, refused.message, refused.status)
    return redirect("assessments:measurement", measurement_id)


def _render_report(
    request: HttpRequest, report: Report | None, title: str, pdf_url: str, csv_url: str
) -> HttpResponse:
    if report is None:
        raise Http404(_("This training has no questionnaire yet."))
    context = {**report_context(report, title), "pdf_url": pdf_url, "csv_url": csv_url}
    return render(request, "assessments/report.html", context)


def _wants_pdf(request: HttpRequest) -> bool:
    return request.GET.get("format") == "pdf" or request.path.endswith(".pdf")


def _report_pdf(request: HttpRequest, of: pdf.ReportOf, slug: str) -> HttpResponse:
    made = pdf.report_pdf(request.user, of, get_language() or "en")
    if made is None:
        raise Http404(_("This training has no questionnaire yet."))
    return built_files.answer(request, made, f"report-{slug}.pdf")


@login_required
def measurement_report(request: HttpRequest, measurement_id: int) -> HttpResponse:
    measurement = _staff_measurement(request, measurement_id)
    _audit(request, audit.Action.REPORT_OPENED, measurement, f"measurement #{measurement.pk}")
    if _wants_pdf(request):
        return _report_pdf(
            request, pdf.of_measurement(measurement), f"measurement-{measurement.pk}"
        )
    report = measurements.build(
        request.user,
        measurement.shown_title,
        measurement.training,
        [measurement],
        get_language() or "en",
    )
    return _render_report(
        request,
        report,
        measurement.shown_title,
        reverse("assessments:measurement-pdf", args=[measurement.pk]),
        reverse("assessments:measurement-csv", args=[measurement.pk]),
    )


@login_required
def training_report(request: HttpRequest, slug: str) -> HttpResponse:
    if not organisations_for_staff(request.user).exists():
        raise Http404(_("Only trainers see reports"))
    training = get_object_or_404(Training, slug=slug)
    _audit(request, audit.Action.REPORT_OPENED, None, f"training {training.slug}, all groups")
    of = pdf.of_training(request.user, training)
    if _wants_pdf(request):
        return _report_pdf(request, of, training.slug)
    report = measurements.build(
        request.user, of.title, training, of.measurements, get_language() or "en"
    )
    return _render_report(
        request,
        report,
        of.title,
        reverse("assessments:training-pdf", args=[slug]),
        reverse("assessments:training-csv", args=[slug]),
    )


def _audit(
    request: HttpRequest, action: audit.Action, measurement: Measurement | None, target: str
) -> None:
    """A workshop's measurement is its organisation's; a self-paced or pooled report shows
    the answers of the learners of every organisation the trainer works for, so each of
    those organisations' logs says so."""
    if measurement is not None and measurement.organisation is not None:
        organisations = [measurement.organisation]
    else:
        organisations = list(organisations_for_staff(request.user))
    for organisation in organisations:
        audit.record(request.user, action, organisation, target)


@login_required
def measurement_csv(request: HttpRequest, measurement_id: int) -> HttpResponse:
    measurement = _staff_measurement(request, measurement_id)
    definition = measurements.definition_of(measurement)
    if definition is None:
        raise Http404(_("This training has no questionnaire yet."))
    text = measurements.export_csv(request.user, [measurement], definition)
    _audit(request, audit.Action.RESPONSES_EXPORTED, measurement, f"measurement #{measurement.pk}")
    return spreadsheets.download(text, f"responses-{measurement.pk}")


@login_required
def training_csv(request: HttpRequest, slug: str) -> HttpResponse:
    training = get_object_or_404(Training, slug=slug)
    instrument = Instrument.objects.filter(training=training).first()
    if instrument is None or not organisations_for_staff(request.user).exists():
        raise Http404(_("No such report"))
    pooled = measurements.pooled(request.user, training)
    text = measurements.export_csv(request.user, pooled, instrument.definition)
    _audit(request, audit.Action.RESPONSES_EXPORTED, None, f"training {slug}, all groups")
    return spreadsheets.download(text, f"responses-{slug}")


@login_required
def scales(request: HttpRequest) -> HttpResponse:
    organisations = list(organisations_for_staff(request.user))
    if not organisations:
        raise Http404(_("Only trainers manage scales"))
    pasted = LicensedScale.objects.filter(organisation__in=organisations).select_related(
        "scale", "organisation"
    )
    context = {"scales": Scale.objects.order_by("slug"), "pasted": pasted}
    return render(request, "assessments/scales.html", context)


@login_required
def paste_scale(request: HttpRequest, slug: str) -> HttpResponse:
    """An organisation pastes a licensed scale's items; the rules come from content."""
    scale = get_object_or_404(Scale, slug=slug)
    organisations = list(organisations_for_staff(request.user))
    if not organisations:
        raise Http404(_("Only trainers manage scales"))
    form = LicensedScaleForm(
        request.POST or None, rules=scale.definition, organisations=organisations
    )
    status = 200
    if request.method == "POST" and form.is_valid():
        try:
            actions.paste_scale(
                request.user,
                form.chosen_organisation(),
                scale,
                form.cleaned_data["items"],
                form.cleaned_data["permission"],
            )
            return redirect("assessments:scales")
        except actions.Refused as refused:
            form.add_error(None, refused.message)
            status = refused.status
    elif form.errors:
        status = 400
    context = {"scale": scale, "rules": scale.definition, "form": form}
    return render(request, "assessments/paste_scale.html", context, status=status)
