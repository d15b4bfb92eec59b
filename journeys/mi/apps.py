from django.apps import AppConfig


class MiConfig(AppConfig):
    name = "journeys.mi"
    label = "mi"
    verbose_name = "Motivational-interviewing practice"

    def ready(self) -> None:
        from journeys.mi import content  # noqa: F401  (registers the persona and test files)
