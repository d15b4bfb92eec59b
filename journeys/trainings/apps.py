from django.apps import AppConfig


class TrainingsConfig(AppConfig):
    name = "journeys.trainings"
    label = "trainings"
    verbose_name = "Trainings"

    def ready(self) -> None:
        from journeys.trainings import content, content_lessons  # noqa: F401  (content kinds)
        from journeys.trainings.exercises import types  # noqa: F401  (exercise types)
