"""The report as PDF: the page's own body rendered by WeasyPrint with print styles; built
once per state of the answers and kept (journeys/core/built_files.py), by the task worker
when there is one.

A stored report is found by everything that decides its bytes: the content load, the
language, the title, the groups, their licensed scales and the ids of the responses the
trainer may see. A new response (or one removed) makes a new key, so a report is never
out of date; two trainers who see the same answers share one file. Each is served only
after the view's own permission check.
"""

from dataclasses import dataclass
from functools import partial
from typing import Any

from django.contrib.auth.models import User
from django.core.exceptions import PermissionDenied
from django.shortcuts import get_object_or_404
from django.template.loader import render_to_string
from django.utils import timezone, translation
from django.utils.translation import gettext as _
from django_tasks import task

from journeys.accounts.access import AnyUser, organisations_for_staff
from journeys.assessments import actions, measurements, plots
from journeys.assessments.models import Measurement
from journeys.assessments.report import Report
from journeys.core import built_files
from journeys.core.content.readmodel import content_version
from journeys.core.text import localized
from journeys.trainings.models import Training

REPORTS = built_files.Shelf("reports", "PDF_CACHE_MB")


@dataclass(frozen=True)
class ReportOf:
    """What a report is of: one group's measurement, or a training's groups pooled."""

    title: str
    training: Training
    measurements: list[Measurement]
    measurement_id: int | None = None


def of_measurement(measurement: Measurement) -> ReportOf:
    return ReportOf(measurement.shown_title, measurement.training, [measurement], measurement.pk)


def of_training(user: AnyUser, training: Training) -> ReportOf:
    title = _("%(training)s: all groups") % {"training": localized(training.title).text}
    return ReportOf(title, training, measurements.pooled(user, training))


def report_context(report: Report, title: str) -> dict[str, Any]:
    before, after = _("Before"), _("After")
    percent, points = _("percent correct"), _("mean (1–5)")
    figures = {
        "knowledge": plots.before_after(report.knowledge, before, after, percent),
        "attitude": plots.before_after(report.attitude, before, after, points),
        "distribution": plots.distribution(report.knowledge[0], before, after, percent),
        "items": plots.item_difficulty(report.items, before, after, percent),
    }
    return {"report": report, "figures": figures, "title": title, "generated": timezone.now()}


def report_pdf(user: AnyUser, of: ReportOf, language: str) -> bytes | built_files.Waiting | None:
    """The stored PDF, or how far its build is; None when the training has no
    questionnaire. The caller has checked that `user` may see `of`."""
    if not measurements.has_instruments(of.training):
        return None
    user_id = user.pk
    if user_id is None:  # the report views are behind login
        raise PermissionDenied

    def enqueue(requested: str) -> str:
        return make_report.enqueue(
            user_id, language, requested, of.measurement_id, of.training.slug
        ).id

    return built_files.stored_or_queued(
        REPORTS, _key(user, of, language), partial(_build, user, of, language), enqueue
    )


@task()
def make_report(
    user_id: int, language: str, requested: str, measurement_id: int | None, training_slug: str
) -> None:
    """In the task worker: the same lookups as the report views, as the trainer who
    asked, so a trainer who lost access in the meantime gets nothing built."""
    user = User.objects.get(pk=user_id)
    with translation.override(language):
        if measurement_id is not None:
            of = of_measurement(actions.measurement_for_staff(user, measurement_id))
        else:
            if not organisations_for_staff(user).exists():
                return
            of = of_training(user, get_object_or_404(Training, slug=training_slug))
        build = partial(_build, user, of, language)
        built_files.build_queued(REPORTS, _key(user, of, language), build, requested)


def _key(user: AnyUser, of: ReportOf, language: str) -> list[object]:
    responses = measurements.visible_responses(user, of.measurements).order_by("pk")
    scales = Measurement.scales.through.objects.filter(measurement__in=of.measurements)
    return [
        content_version(),
        language,
        of.title,
        [(m.pk, m.title, timezone.localdate(m.created).isoformat()) for m in of.measurements],
        list(scales.order_by("pk").values_list("measurement_id", "licensedscale__items")),
        list(responses.values_list("pk", flat=True)),
    ]


def _build(user: AnyUser, of: ReportOf, language: str) -> bytes:
    from weasyprint import HTML  # imported here: it loads Pango, which pages don't need

    with translation.override(language):
        report = measurements.build(user, of.title, of.training, of.measurements, language)
        if report is None:
            raise ValueError("no questionnaire")  # checked before: only a race gets here
        html = render_to_string("assessments/report_pdf.html", report_context(report, of.title))
    return bytes(HTML(string=html).write_pdf())
