from django.apps import AppConfig


class KnowledgeConfig(AppConfig):
    name = "journeys.knowledge"
    label = "knowledge"
    verbose_name = "Drug knowledge"

    def ready(self) -> None:
        from journeys.knowledge import content  # noqa: F401  (registers knowledge files)
