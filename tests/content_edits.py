"""Editing a copy of a content directory to see what `journeys content check` says."""

import shutil
from pathlib import Path

from journeys.core.content.check import check_content


def copy_content(source: Path, tmp_path: Path) -> Path:
    return Path(shutil.copytree(source, tmp_path / "content"))


def edit(path: Path, old: str, new: str) -> None:
    """Replace the first `old` in the file; fail when it is not there."""
    text = path.read_text()
    assert old in text, f"{old!r} not in {path}"
    path.write_text(text.replace(old, new, 1))


def errors(content: Path) -> list[str]:
    return [str(problem) for problem in check_content(content).errors]


def content_changed() -> None:
    """Say that content rows were changed in place, as `journeys content load` says at its
    end: a new content version, so pages read the content again
    (journeys/core/content/readmodel.py). For tests that update a content row directly."""
    from journeys.core.models import ContentLoad

    ContentLoad.objects.create(summary={"test": "changed in place"})
