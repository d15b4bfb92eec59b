"""The sample workshop of `journeys setup --demo`: an ended workshop of the demo
organisation with its before and after questionnaires and synthetic responses."""

from django.contrib.auth import get_user_model

from journeys.accounts.actions import DEMO_ORGANISATION, DEMO_TRAINER
from journeys.accounts.models import Organisation
from journeys.assessments import demo
from journeys.assessments.models import Instrument, Measurement
from journeys.workshops import actions
from journeys.workshops.models import Workshop

SAMPLE_TITLE = "Sample workshop (synthetic data)"
SAMPLE_TRAINING = "harm-reduction"


def add_sample_workshop() -> Workshop | None:
    """Replaces any earlier sample; None when the demo organisation, its trainer or the
    training's instruments are missing (run setup without --no-demo, load the content)."""
    organisation = Organisation.objects.filter(slug=DEMO_ORGANISATION[1]).first()
    instrument = (
        Instrument.objects.filter(training__slug=SAMPLE_TRAINING).select_related("training").first()
    )
    if organisation is None or instrument is None:
        return None
    Measurement.objects.filter(organisation=organisation, demo=True).delete()
    Workshop.objects.filter(organisation=organisation, title=SAMPLE_TITLE).delete()
    trainer = get_user_model().objects.filter(username=DEMO_TRAINER).first()
    if trainer is None:
        return None
    workshop = actions.start_workshop(
        trainer, organisation, SAMPLE_TITLE, instrument.training, 50, False
    )
    for phase in ("pre", "post"):
        actions.add_questionnaire(trainer, workshop.pk, phase)
    measurement = Measurement.objects.get(workshop=workshop)  # made by add_questionnaire
    measurement.demo = True
    measurement.follow_up_open = True
    measurement.save(update_fields=["demo", "follow_up_open"])
    demo.add_responses(measurement, instrument.definition)
    actions.end_workshop(trainer, workshop.pk)
    workshop.refresh_from_db()
    return workshop
