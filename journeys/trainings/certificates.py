"""Certificates as PDF: an HTML template rendered by WeasyPrint, built once and kept
(journeys/core/built_files.py), by the task worker when there is one.

A stored certificate is found by everything that decides its bytes: its code, the
holder's name, the training's title, the date, the organisation, the language and the
address that verifies it. It is served only after the view's own check (its holder,
not revoked). A task carries the certificate's id, never the name.
"""

from functools import partial

from django.template.loader import render_to_string
from django.utils import translation
from django_tasks import task

from journeys.core import built_files
from journeys.trainings.models import Certificate

CERTIFICATES = built_files.Shelf("certificates", "PDF_CACHE_MB", grouped=True)  # by code


def certificate_pdf(
    certificate: Certificate, verify_url: str, language: str
) -> bytes | built_files.Waiting:
    """The stored PDF, or how far its build is."""

    def enqueue(requested: str) -> str:
        return make_certificate.enqueue(certificate.pk, verify_url, language, requested).id

    build = partial(_build, certificate, verify_url, language)
    key = _key(certificate, verify_url, language)
    return built_files.stored_or_queued(CERTIFICATES, key, build, enqueue)


@task()
def make_certificate(certificate_id: int, verify_url: str, language: str, requested: str) -> None:
    """In the task worker. A certificate revoked in the meantime is not built."""
    certificate = Certificate.objects.select_related("training", "organisation").get(
        pk=certificate_id
    )
    if certificate.revoked_at:
        return
    build = partial(_build, certificate, verify_url, language)
    key = _key(certificate, verify_url, language)
    built_files.build_queued(CERTIFICATES, key, build, requested)


def _key(certificate: Certificate, verify_url: str, language: str) -> list[object]:
    organisation = certificate.organisation.name if certificate.organisation else ""
    return [
        certificate.code,
        certificate.name,
        certificate.training.title,
        certificate.issued_at.isoformat(),
        organisation,
        language,
        verify_url,
    ]


def _build(certificate: Certificate, verify_url: str, language: str) -> bytes:
    from weasyprint import HTML  # imported here: it loads Pango, which pages don't need

    with translation.override(language):
        html = render_to_string(
            "trainings/certificate_pdf.html",
            {"certificate": certificate, "verify_url": verify_url},
        )
    return bytes(HTML(string=html).write_pdf())
