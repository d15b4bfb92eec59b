"""The report as PDF: the page's own body rendered by WeasyPrint with print styles."""

from typing import Any

from django.template.loader import render_to_string


def report_pdf(context: dict[str, Any]) -> bytes:
    from weasyprint import HTML  # imported here: it loads Pango, which pages don't need

    html = render_to_string("assessments/report_pdf.html", context)
    return bytes(HTML(string=html).write_pdf())
