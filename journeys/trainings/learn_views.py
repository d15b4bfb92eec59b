"""Self-paced learning pages and certificates. Thin: reads through learning.py and the
catalogue getters, writes through actions.py."""

from django.conf import settings
from django.contrib.auth.decorators import login_required
from django.contrib.auth.models import User
from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import translation
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from journeys.accounts.access import (
    get_organisation_for_admin,
    get_organisation_for_staff,
    organisations_for_staff,
)
from journeys.accounts.models import Membership, Role
from journeys.core import built_files, spreadsheets
from journeys.core.citations import cited_keys, sources_by_key
from journeys.core.text import localized
from journeys.trainings import actions, exports, scorm
from journeys.trainings.catalogue import get_training
from journeys.trainings.certificates import certificate_pdf
from journeys.trainings.exercises import AnswerError
from journeys.trainings.learning import (
    exercise_view,
    get_exercise,
    get_lesson,
    learner_attempts,
    lesson_body,
    lessons_of,
    render_markdown,
    training_progress,
)
from journeys.trainings.models import Certificate, Training

MAX_FORM_FIELDS = 100


def learner(request: HttpRequest) -> User:
    """The logged-in user (the views that call this are behind login_required)."""
    if not isinstance(request.user, User):
        raise PermissionDenied
    return request.user


@login_required
def overview(request: HttpRequest, slug: str, refused: list[str] | None = None) -> HttpResponse:
    """The learner's progress, where they stand on the certificate rule, and the
    certificate once earned. `refused`: what a refused claim still lacks."""
    training = get_training(slug)
    progress = training_progress(learner(request), training)
    certificate = Certificate.objects.filter(user=learner(request), training=training).first()
    return render(
        request,
        "trainings/learn/overview.html",
        {
            "training": training,
            "progress": progress,
            "certificate": certificate,
            "refused": refused,
            "errors": refused,  # the title starts with "Error:"
        },
        status=403 if refused else 200,
    )


@login_required
@require_POST
def enrol(request: HttpRequest, slug: str) -> HttpResponse:
    training = get_training(slug)
    actions.enrol(learner(request), training)
    progress = training_progress(learner(request), training)
    lesson = progress.next_lesson
    if lesson is None:
        return redirect("trainings:learn", slug)
    return redirect("trainings:lesson", slug, lesson.slug)


@login_required
def lesson(
    request: HttpRequest, slug: str, lesson_slug: str, error: tuple[str, str] | None = None
) -> HttpResponse:
    training = get_training(slug)
    current = get_lesson(training.pk, lesson_slug)
    exercises = list(current.exercises.all())
    attempts = learner_attempts(learner(request), training)
    body_html, body_language = lesson_body(training.pk, lesson_slug, translation.get_language())
    lessons = lessons_of(training.pk)
    index = lessons.index(current)
    return render(
        request,
        "trainings/learn/lesson.html",
        {
            "training": training,
            "lesson": current,
            "body_html": body_html,
            "body_language": body_language,
            "exercises": [exercise_view(e, attempts.get(e.pk)) for e in exercises],
            "progress": training_progress(learner(request), training, attempts),
            "previous": lessons[index - 1] if index else None,
            "next": lessons[index + 1] if index + 1 < len(lessons) else None,
            "error": error,
            "sources": sources_by_key([*current.sources, *cited_keys([e.data for e in exercises])]),
        },
        status=400 if error else 200,
    )


@login_required
@require_POST
def lesson_done(request: HttpRequest, slug: str, lesson_slug: str) -> HttpResponse:
    training = get_training(slug)
    current = get_lesson(training.pk, lesson_slug)
    actions.complete_lesson(learner(request), current)
    following = next((x for x in lessons_of(training.pk) if x.position > current.position), None)
    if following:
        return redirect("trainings:lesson", slug, following.slug)
    return redirect("trainings:learn", slug)


@login_required
@require_POST
def answer(request: HttpRequest, slug: str, exercise_slug: str) -> HttpResponse:
    training = get_training(slug)
    exercise = get_exercise(training, exercise_slug)
    if exercise.lesson is None:
        raise Http404("This exercise is not part of a lesson")
    form = {key: request.POST.getlist(key)[:MAX_FORM_FIELDS] for key in request.POST}
    form.pop("csrfmiddlewaretoken", None)
    try:
        actions.submit_answer(learner(request), exercise, form)
    except AnswerError as problem:
        return lesson(request, slug, exercise.lesson.slug, error=(exercise.slug, str(problem)))
    url = reverse("trainings:lesson", args=[slug, exercise.lesson.slug])
    return redirect(f"{url}#exercise-{exercise.slug}")


@login_required
@require_POST
def claim_certificate(request: HttpRequest, slug: str) -> HttpResponse:
    training = get_training(slug)
    try:
        certificate = actions.issue_certificate(learner(request), training)
    except actions.NotYetEarned as refusal:
        return overview(request, slug, refused=refusal.missing)
    return redirect("certificate", certificate.code)


def certificate(request: HttpRequest, code: str) -> HttpResponse:
    """Public: confirms a certificate, showing no more than the name and the training."""
    found = _get_certificate(code)
    if found is None:
        return _no_such_certificate(request, code)
    return render(
        request,
        "trainings/certificate.html",
        {"certificate": found, "owner": request.user == found.user},
        status=410 if found.revoked_at or found.erased_at else 200,
    )


@login_required
def certificate_download(request: HttpRequest, code: str) -> HttpResponse:
    """The PDF, for the person it was issued to only: it names the organisation, which
    the public page leaves out, and each one is a WeasyPrint build, far costlier than a
    page, that strangers holding a code should not be able to repeat at will. The
    owner, logged in, gets it with one click from the certificate page or their progress
    page; logged out, the login page brings them straight back to it."""
    found = _get_certificate(code)
    if found is None:
        return _no_such_certificate(request, code)
    if found.user != request.user:
        raise PermissionDenied(_("Only the person it was issued to can download it."))
    if found.revoked_at:
        raise PermissionDenied(_("This certificate has been revoked."))
    # The printed address has no language prefix: whoever checks it reads it in the
    # site's default language and can switch.
    with translation.override(settings.LANGUAGE_CODE):
        verify_path = reverse("certificate", args=[found.code])
    verify_url = request.build_absolute_uri(verify_path)
    made = certificate_pdf(found, verify_url, translation.get_language() or "en")
    return built_files.answer(request, made, f"certificate-{found.code}.pdf")


@login_required
@require_POST
def revoke(request: HttpRequest, organisation: str, code: str) -> HttpResponse:
    org = get_organisation_for_admin(request.user, organisation)
    found = _get_certificate(code)
    if found is None or found.organisation_id != org.pk:
        raise Http404("No such certificate")
    actions.revoke_certificate(learner(request), found)
    return redirect("trainings:learners", organisation)


def _get_certificate(code: str) -> Certificate | None:
    return (
        Certificate.objects.select_related("training", "organisation")
        .filter(code=code.strip().upper())
        .first()
    )


def _no_such_certificate(request: HttpRequest, code: str) -> HttpResponse:
    """A code that matches no certificate: says so (a mistyped code is the usual
    reason), rather than the generic page-not-found."""
    return render(request, "trainings/no_certificate.html", {"code": code[:40]}, status=404)


@login_required
def learners(request: HttpRequest, organisation: str) -> HttpResponse:
    """For trainers: how far each of the organisation's learners got. Answers to open
    reflections are never shown; the table counts only what was completed."""
    org = get_organisation_for_staff(request.user, organisation)
    users = [
        m.user
        for m in Membership.objects.filter(organisation=org, role=Role.PARTICIPANT)
        .select_related("user")
        .order_by("user__username")
    ]
    trainings = list(Training.objects.filter(enrolments__user__in=users).distinct())
    rows = [(user, [training_progress(user, training) for training in trainings]) for user in users]
    is_admin = Membership.objects.filter(user=learner(request), organisation=org, role=Role.ADMIN)
    return render(
        request,
        "trainings/learners.html",
        {
            "organisation": org,
            "trainings": trainings,
            "rows": rows,
            "certificates": Certificate.objects.filter(organisation=org).select_related("training"),
            "is_admin": is_admin.exists(),
        },
    )


@login_required
def trainer_guide(request: HttpRequest, slug: str) -> HttpResponse:
    """How to run the training in a room; for trainers and administrators."""
    if not organisations_for_staff(request.user).exists():
        raise PermissionDenied(_("The trainer's guide is for trainers."))
    training = get_training(slug)
    guide = training.trainer_guide
    if not guide:
        raise Http404("No guide for this training")
    body = localized(guide["body"])
    return render(
        request,
        "trainings/guide.html",
        {
            "training": training,
            "guide": guide,
            "body_html": render_markdown(body.text),
            "body_language": body.language,
            "sources": sources_by_key(guide["sources"]),
        },
    )


@login_required
def progress_csv(request: HttpRequest, organisation: str) -> HttpResponse:
    """The organisation's learners' progress as CSV, for its administrators only."""
    org = get_organisation_for_admin(request.user, organisation)
    return spreadsheets.download(
        exports.export_progress(learner(request), org), f"progress-{org.slug}"
    )


@login_required
def certificates_csv(request: HttpRequest, organisation: str) -> HttpResponse:
    """The certificates the organisation issued as CSV, for its administrators only."""
    org = get_organisation_for_admin(request.user, organisation)

    def verify_url(code: str) -> str:
        return request.build_absolute_uri(reverse("certificate", args=[code]))

    text = exports.export_certificates(learner(request), org, verify_url)
    return spreadsheets.download(text, f"certificates-{org.slug}")


@login_required
def scorm_package(request: HttpRequest, slug: str) -> HttpResponse:
    """The training as a SCORM 1.2 zip for a learning management system; for trainers
    and administrators, as the guide. ?lang= picks the language (default: the page's)."""
    if not organisations_for_staff(request.user).exists():
        raise PermissionDenied(_("The SCORM package is for trainers."))
    training = get_training(slug)
    language = request.GET.get("lang") or translation.get_language() or settings.LANGUAGE_CODE
    try:
        package = scorm.build_package(training, language, request.build_absolute_uri("/"))
    except scorm.UnknownLanguage as problem:
        return HttpResponse(str(problem), status=400, content_type="text/plain; charset=utf-8")
    response = HttpResponse(package, content_type="application/zip")
    response["Content-Disposition"] = f'attachment; filename="{scorm.filename(training, language)}"'
    return response
