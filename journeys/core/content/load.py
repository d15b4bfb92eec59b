"""Load a content directory into the database: all of it in one transaction, or nothing."""

from pathlib import Path

from django.db import transaction

from journeys.core.content.check import CheckedContent, check_content
from journeys.core.content.problems import ContentInvalid
from journeys.core.content.registry import kinds
from journeys.core.models import ContentLoad


def load_content(root: Path, checked: CheckedContent | None = None) -> dict[str, int]:
    """Validate, then write every content kind. Returns how many files of each kind
    were loaded. Raises ContentInvalid, having written nothing, when a file is wrong.
    `checked`: the result of check_content(root) where the caller has it already (the
    tests load the same files hundreds of times; checking is half the cost)."""
    if checked is None:
        checked = check_content(root)
    if checked.errors:
        raise ContentInvalid(checked.errors)
    counts = {kind.name: len(checked.files[kind.name]) for kind in kinds()}
    with transaction.atomic():
        for kind in kinds():
            kind.load(checked.files[kind.name])
        ContentLoad.objects.create(summary=counts)
    return counts
