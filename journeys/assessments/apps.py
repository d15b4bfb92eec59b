from django.apps import AppConfig


class AssessmentsConfig(AppConfig):
    name = "journeys.assessments"
    label = "assessments"
    verbose_name = "Pre/post measurement"

    def ready(self) -> None:
        from journeys.assessments import content  # noqa: F401  (registers the instrument files)
