from django.apps import AppConfig


class WorkshopsConfig(AppConfig):
    name = "journeys.workshops"
    label = "workshops"
    verbose_name = "Live workshops"
