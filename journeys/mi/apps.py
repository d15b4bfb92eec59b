from django.apps import AppConfig


class MiConfig(AppConfig):
    name = "journeys.mi"
    label = "mi"
    verbose_name = "Motivational-interviewing practice"

    def ready(self) -> None:
        from journeys.mi import content, personal_data  # noqa: F401  (content: the file kinds)

        personal_data.connect()
