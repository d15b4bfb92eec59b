from django.apps import AppConfig


class TrainingsConfig(AppConfig):
    name = "journeys.trainings"
    label = "trainings"
    verbose_name = "Trainings"

    def ready(self) -> None:
        from journeys.trainings import content  # noqa: F401  (registers training.yaml)
