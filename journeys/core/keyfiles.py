"""Random keys kept in files, made on first use: the site's SECRET_KEY in var/ and the
questionnaires' pairing key outside it. Plain Python: settings.py reads one before
Django is set up."""

import os
import secrets
from pathlib import Path


def read_or_create(path: Path, length: int = 32) -> str:
    """The key in `path`, or a new random one (`length` bytes, in hex) written there first.
    Two processes starting together agree: the file appears whole (a hard link of a
    finished draft) or not at all, and the one that loses the race reads the winner's."""
    if not path.exists():
        path.parent.mkdir(parents=True, exist_ok=True)
        draft = path.with_name(f".{path.name}.{os.getpid()}")
        draft.write_text(secrets.token_hex(length))
        draft.chmod(0o600)
        try:
            os.link(draft, path)
        except FileExistsError:
            pass  # another process made it first: use theirs
        finally:
            draft.unlink()
    return path.read_text().strip()
