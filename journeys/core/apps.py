from django.apps import AppConfig


class CoreConfig(AppConfig):
    name = "journeys.core"
    label = "core"
    verbose_name = "Journeys core"

    def ready(self) -> None:
        from journeys.core import content_kinds  # noqa: F401  (registers the sources file)
        from journeys.core.maintenance import clear_expired_sessions, register

        register("sessions", clear_expired_sessions)
