"""Every CSV the product writes goes through this module (a test keeps it so).

A trainer opens an export in Excel, LibreOffice or Google Sheets, and those run a cell
that starts with `=`, `+`, `-` or `@` as a formula: a participant's answer
`=HYPERLINK("https://…","klik")` would become a live link, or worse (CSV injection,
OWASP). Following OWASP's advice a text cell that starts with one of those, a tab or a
carriage return gets a single quote in front, so the spreadsheet shows it as text.
Numbers stored as int or float stay numbers (-1 is a value, not a formula); the same
characters as text do not.
"""

import csv
from collections.abc import Iterable
from typing import Any, Protocol

from django.http import HttpResponse

FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


def safe_cell(value: Any) -> Any:
    """`value` as a cell no spreadsheet runs: numbers as they are, text quoted when it
    could start a formula, None as empty."""
    if isinstance(value, int | float):
        return value
    text = "" if value is None else str(value)
    return "'" + text if text.startswith(FORMULA_STARTS) else text


class Writable(Protocol):
    def write(self, text: str, /) -> Any: ...


class Writer:
    """csv.writer with every cell passed through safe_cell."""

    def __init__(self, file: Writable) -> None:
        self._rows = csv.writer(file)

    def writerow(self, row: Iterable[Any]) -> None:
        self._rows.writerow([safe_cell(value) for value in row])


def download(text: str, name: str) -> HttpResponse:
    """A CSV export as a download, `name`.csv. It holds people's data: neither the browser
    nor a proxy keeps a copy."""
    response = HttpResponse(text, content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="{name}.csv"'
    response["Cache-Control"] = "private, no-store"
    return response
