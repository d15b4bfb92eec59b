"""Certificates as PDF: an HTML template rendered by WeasyPrint."""

from django.template.loader import render_to_string

from journeys.trainings.models import Certificate


def certificate_pdf(certificate: Certificate, verify_url: str) -> bytes:
    from weasyprint import HTML  # imported here: it loads Pango, which pages don't need

    html = render_to_string(
        "trainings/certificate_pdf.html", {"certificate": certificate, "verify_url": verify_url}
    )
    return bytes(HTML(string=html).write_pdf())
