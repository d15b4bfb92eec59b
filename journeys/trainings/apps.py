from django.apps import AppConfig


class TrainingsConfig(AppConfig):
    name = "journeys.trainings"
    label = "trainings"
    verbose_name = "Trainings"

    def ready(self) -> None:
        from journeys.accounts.signals import certificate_name_changed
        from journeys.core.maintenance import register
        from journeys.trainings import (  # noqa: F401  (content, content_lessons: content kinds)
            content,
            content_lessons,
            personal_data,
        )
        from journeys.trainings.actions import reprint_certificates
        from journeys.trainings.exercises import types  # noqa: F401  (exercise types)
        from journeys.trainings.retention import remove_unused_certificate_pdfs

        certificate_name_changed.connect(reprint_certificates, dispatch_uid="reprint")
        register("certificate PDFs", remove_unused_certificate_pdfs)
        personal_data.connect()
