"""Shipped texts are clean: no escape sequences left over from converting data (a Dutch
group name once read `"Coca\\xEFne"`, quotes and all, in the combination checker)."""

import re
from pathlib import Path

from django.conf import settings

LEFTOVER = re.compile(r"\\x[0-9A-Fa-f]{2}|\\u[0-9A-Fa-f]{4}")


def test_no_escape_sequences_in_content_files():
    found = []
    for path in sorted(Path(settings.CONTENT_DIR).rglob("*")):
        if path.suffix in {".yaml", ".md"}:
            for number, line in enumerate(path.read_text().splitlines(), start=1):
                if LEFTOVER.search(line):
                    found.append(f"{path}:{number}: {line.strip()}")
    assert not found, "\n".join(found)
