"""Whole numbers people type into a form.

Python's int() reads '٣' (Arabic-Indic three) and full-width digits as numbers, and
str.isdigit() says yes to '²', which int() then refuses with a ValueError: a check with
isdigit() followed by int() turns a superscript two into a server error. Only ASCII
digits count as a number here, and the range is checked in the same place.
"""

import re

WHOLE_NUMBER = re.compile(r"-?[0-9]{1,9}")  # nine digits: more never fits a range we ask


def whole_number(text: str, low: int, high: int) -> int | None:
    """`text` as an int from `low` to `high`, or None for anything else."""
    if not WHOLE_NUMBER.fullmatch(text):
        return None
    value = int(text)
    return value if low <= value <= high else None
