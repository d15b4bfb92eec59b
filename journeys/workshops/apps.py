from typing import TYPE_CHECKING

from django.apps import AppConfig

if TYPE_CHECKING:
    from journeys.assessments.models import Measurement


class WorkshopsConfig(AppConfig):
    name = "journeys.workshops"
    label = "workshops"
    verbose_name = "Live workshops"

    def ready(self) -> None:
        from journeys.assessments.signals import response_saved
        from journeys.core.maintenance import register
        from journeys.workshops import live, personal_data, state
        from journeys.workshops.retention import forget_finished

        personal_data.connect()

        live.use_builder(state.build_events)  # the one place live.py meets state.py

        response_saved.connect(tell_the_room, dispatch_uid="workshops-questionnaire-count")
        register("workshops over", forget_finished)


def tell_the_room(sender: object, measurement: "Measurement", **kwargs: object) -> None:
    """A questionnaire was handed in: the room's count of who is done goes up."""
    from journeys.workshops import live
    from journeys.workshops.models import Workshop

    for workshop_id in Workshop.objects.filter(measurement=measurement).values_list(
        "pk", flat=True
    ):
        live.notify(workshop_id)
