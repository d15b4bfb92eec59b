"""Measurements and responses in the database: finding and creating measurements, storing
a response, and gathering what a report needs. Views stay thin; report.py does the sums."""

import io
from collections.abc import Iterable, Sequence
from typing import Any

from django.contrib.auth.models import User
from django.db import transaction
from django.db.models import Count, Q, QuerySet
from django.utils import timezone

from journeys.accounts.access import AnyUser, organisations_for_staff
from journeys.accounts.models import Organisation
from journeys.assessments import report as reports
from journeys.assessments import statements
from journeys.assessments.models import Instrument, LicensedScale, Measurement, Response, Scale
from journeys.assessments.questionnaire import Definition
from journeys.assessments.signals import response_saved
from journeys.core import spreadsheets
from journeys.trainings.models import Training


def visible_to(user: AnyUser) -> QuerySet[Measurement]:
    """Measurements a trainer may see: their organisations' and every self-paced one.
    Someone who trains for no organisation sees none."""
    organisations = organisations_for_staff(user)
    if not organisations.exists():
        return Measurement.objects.none()
    return Measurement.objects.filter(
        Q(organisation__in=organisations) | Q(organisation=None)
    ).select_related("training", "organisation")


def may_manage(user: AnyUser, measurement: Measurement) -> bool:
    """Whether `user` may change `measurement` (open or close its follow-up): the trainers
    of its organisation; the shared self-paced one only a site administrator, because
    every organisation's learners answer it."""
    if measurement.organisation_id is None:
        return bool(user.is_superuser)
    return organisations_for_staff(user).filter(pk=measurement.organisation_id).exists()


def scale_answered(organisation: Organisation, scale: Scale) -> bool:
    """Whether anyone answered `organisation`'s text of `scale`: from then on the text is
    fixed, or past scores would change without anyone noticing."""
    return Response.objects.filter(
        measurement__scales__organisation=organisation, measurement__scales__scale=scale
    ).exists()


def pooled(user: AnyUser, training: Training) -> list[Measurement]:
    """A training's groups for its pooled report, oldest first; the sample left out."""
    return list(visible_to(user).filter(training=training, demo=False).order_by("created"))


def has_instruments(training: Training) -> bool:
    return Instrument.objects.filter(training=training).exists()


def self_paced(training: Training) -> Measurement:
    measurement, _created = Measurement.objects.get_or_create(
        training=training,
        kind=Measurement.Kind.SELF_PACED,
        organisation=None,
        demo=False,
        defaults={"title": f"Self-paced: {training.slug}", "follow_up_open": True},
    )
    return measurement


def for_workshop(
    organisation: Organisation, training: Training, title: str, user: AnyUser | None
) -> Measurement:
    return Measurement.objects.create(
        organisation=organisation,
        training=training,
        kind=Measurement.Kind.WORKSHOP,
        title=title,
        created_by=user if isinstance(user, User) else None,
    )


def definition_of(measurement: Measurement) -> Definition | None:
    instrument = Instrument.objects.filter(training=measurement.training).first()
    return instrument.definition if instrument else None


def scale_rules(licensed: LicensedScale) -> dict[str, Any]:
    """A licensed scale as the questionnaire and scoring use it: rules plus pasted items."""
    rules = licensed.scale.definition
    return {
        "slug": rules["slug"],
        "name": rules["name"],
        "points": rules["points"],
        "low_label": rules["low_label"]["en"],
        "high_label": rules["high_label"]["en"],
        "score": rules["score"],
        "subscales": rules.get("subscales", []),
        "items": licensed.items,
    }


def scales_of(measurement: Measurement) -> list[dict[str, Any]]:
    return [scale_rules(s) for s in measurement.scales.select_related("scale").order_by("pk")]


@transaction.atomic
def store_response(
    measurement: Measurement,
    phase: str,
    form: str,
    pair_key: str,
    answers: dict[str, Any],
    language: str,
    user: AnyUser | None = None,
) -> Response:
    response = Response.objects.create(
        measurement=measurement,
        phase=phase,
        form=form,
        pair_key=pair_key,
        answers=answers,
        language=language,
    )
    if measurement.organisation_id is None and user is not None and user.is_authenticated:
        # Shared self-paced measurement: which organisations may download this answer.
        response.organisations.set(Organisation.objects.filter(memberships__user=user))
    if isinstance(user, User):  # an account: its organisations may get an xAPI statement
        statements.questionnaire_handed_in(user, measurement.training, phase)
    response_saved.send(sender=Response, measurement=measurement, phase=phase)
    return response


def phase_counts(measurement: Measurement) -> dict[str, int]:
    rows = measurement.responses.values("phase").annotate(n=Count("id"))
    return {row["phase"]: row["n"] for row in rows}


def _stored(responses: Iterable[Response]) -> list[reports.StoredResponse]:
    return [
        reports.StoredResponse(r.pk, r.measurement_id, r.phase, r.form, r.pair_key, r.answers)
        for r in responses
    ]


def _objectives(training: Training) -> list[dict[str, Any]]:
    return [{"id": o.key, "text": o.text} for o in training.objectives.order_by("position")]


def visible_responses(user: AnyUser, measurements: Sequence[Measurement]) -> QuerySet[Response]:
    """The responses of `measurements` that `user` may see, in reports and downloads alike:
    all of their own organisation's measurements; of the shared self-paced one, only their
    organisations' learners'."""
    own_learners = Q(organisations__in=organisations_for_staff(user))
    return (
        Response.objects.filter(measurement__in=measurements)
        .filter(Q(measurement__organisation__isnull=False) | own_learners)
        .distinct()
    )


def build(
    user: AnyUser,
    title: str,
    training: Training,
    measurements: Sequence[Measurement],
    language: str,
) -> reports.Report | None:
    instrument = Instrument.objects.filter(training=training).first()
    if instrument is None:
        return None
    responses = visible_responses(user, measurements)
    # Licensed scales pool only where every measurement used the same ones.
    scale_sets = [scales_of(m) for m in measurements]
    slugs = {tuple(s["slug"] for s in chosen) for chosen in scale_sets}
    scales = scale_sets[0] if len(slugs) == 1 else []
    return reports.build_report(
        title,
        instrument.definition,
        _objectives(training),
        [reports.Cohort(m.pk, m.title, timezone.localdate(m.created)) for m in measurements],
        _stored(responses),
        scales,
        language,
    )


def exported(user: AnyUser, measurement: Measurement) -> list[Response]:
    """The responses of `measurement` that `user` may download: from the shared
    self-paced measurement only their organisations' learners', and of those only what
    the report's rule for small groups lets through (report.exportable)."""
    found = list(visible_responses(user, [measurement]).order_by("submitted", "pk"))
    allowed = {stored.id for stored in reports.exportable(_stored(found))}
    return [response for response in found if response.pk in allowed]


def export_csv(user: AnyUser, measurements: Sequence[Measurement], definition: Definition) -> str:
    """Anonymised responses, one row per response: the pairing key becomes a number per
    measurement, the time a date, and free-text answers are left out (they can name
    people). Item columns in the instrument's order; empty = unanswered. Only what
    `user` may download (see `exported`)."""
    item_ids = [i["id"] for form in ("form_a", "form_b") for i in definition["knowledge"][form]]
    item_ids += [i["id"] for i in definition["attitude"]["items"]]
    item_ids += [i["id"] for i in definition["reaction"] if i["kind"] == "rating"]
    item_ids += [i["id"] for i in definition["follow_up"]]
    scale_ids: list[str] = []
    for measurement in measurements:
        for scale in scales_of(measurement):
            for n in range(1, len(scale["items"]) + 1):
                if f"{scale['slug']}-{n}" not in scale_ids:
                    scale_ids.append(f"{scale['slug']}-{n}")
    out = io.StringIO()
    writer = spreadsheets.Writer(out)
    writer.writerow(["measurement", "date", "phase", "form", "person", *item_ids, *scale_ids])
    for measurement in measurements:
        people: dict[str, int] = {}
        for response in exported(user, measurement):
            person = people.setdefault(response.pair_key, len(people) + 1)
            answers = response.answers
            writer.writerow(
                [
                    measurement.pk,
                    timezone.localdate(response.submitted).isoformat(),
                    response.phase,
                    response.form.upper(),
                    person,
                    *(answers.get(i, "") for i in item_ids + scale_ids),
                ]
            )
    return out.getvalue()
