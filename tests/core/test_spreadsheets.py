"""Cells a spreadsheet would run as formulas are written as text, and every CSV the
product writes goes through journeys/core/spreadsheets.py."""

import csv
import io
import re
from pathlib import Path

import pytest

from journeys.core.spreadsheets import Writer, safe_cell

JOURNEYS = Path(__file__).resolve().parents[2] / "journeys"
THE_ONE_MODULE = JOURNEYS / "core" / "spreadsheets.py"


@pytest.mark.parametrize(
    ("value", "cell"),
    [
        ('=HYPERLINK("https://example.org","klik")', '\'=HYPERLINK("https://example.org","klik")'),
        ("+31 6 12345678", "'+31 6 12345678"),
        ("-1", "'-1"),  # text, even when it reads as a number
        ("@SUM(A1:A9)", "'@SUM(A1:A9)"),
        ("\t=1+1", "'\t=1+1"),
        ("\r=1+1", "'\r=1+1"),
        ("Time to talk", "Time to talk"),
        ("a = b", "a = b"),
        ("", ""),
        (None, ""),
        (-1, -1),  # a number stays a number
        (2.5, 2.5),
        (0, 0),
    ],
)
def test_a_cell_that_could_start_a_formula_gets_a_quote(value, cell):
    assert safe_cell(value) == cell


def test_the_writer_quotes_every_cell_of_a_row():
    out = io.StringIO()
    Writer(out).writerow(["=1+1", -3, None, "ok"])
    assert list(csv.reader(io.StringIO(out.getvalue()))) == [["'=1+1", "-3", "", "ok"]]


def test_no_code_writes_a_csv_except_through_the_one_module():
    """csv.writer or csv.DictWriter anywhere else would bring formula injection back."""
    raw_writer = re.compile(r"\bcsv\s*\.\s*(writer|DictWriter)\b|from\s+csv\s+import\b.*[wW]riter")
    offenders = [
        f"{path.relative_to(JOURNEYS.parent)}:{n}: {line.strip()}"
        for path in sorted(JOURNEYS.rglob("*.py"))
        if path != THE_ONE_MODULE
        for n, line in enumerate(path.read_text(encoding="utf-8").splitlines(), start=1)
        if raw_writer.search(line)
    ]
    assert offenders == [], "write CSV through journeys.core.spreadsheets.Writer"
