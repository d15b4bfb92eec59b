"""Certificate PDFs (they carry a name) no one asked for in JOURNEYS_PDF_CACHE_DAYS are
removed; the certificate itself stays, and its PDF is built again when asked for."""

from datetime import datetime

from journeys.core.maintenance import Counts, remove_unused_pdfs
from journeys.trainings.certificates import CERTIFICATES


def remove_unused_certificate_pdfs(now: datetime) -> Counts:
    return remove_unused_pdfs(CERTIFICATES.directory, now)
