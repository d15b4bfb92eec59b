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
        from journeys.assessments.retention import (
            forget_self_paced_keys,
            remove_unused_report_pdfs,
        )
        from journeys.core.maintenance import register

        personal_data.connect()
        register("self-paced pairing keys", forget_self_paced_keys)
        register("report PDFs", remove_unused_report_pdfs)
