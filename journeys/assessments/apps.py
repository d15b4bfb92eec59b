from django.apps import AppConfig


class AssessmentsConfig(AppConfig):
    name = "journeys.assessments"
    label = "assessments"
    verbose_name = "Pre/post measurement"

    def ready(self) -> None:
        from journeys.assessments import (  # noqa: F401  (content: the instrument files)
            content,
            personal_data,
        )

        personal_data.connect()
