"""The learning record store that the xAPI tests send to (tests/accounts/ralph.py)."""

import os
from collections.abc import Iterator
from pathlib import Path

import pytest

from tests.accounts.ralph import RALPH_VENV, Ralph


@pytest.fixture(autouse=True)
def lrs_on_this_machine(settings):
    """The tests' LRS runs on 127.0.0.1, an address the default refuses (test_xapi_outbox
    checks the refusal)."""
    settings.XAPI_PRIVATE_ADDRESSES = True


@pytest.fixture
def ralph(tmp_path: Path) -> Iterator[Ralph]:
    if not (RALPH_VENV / "bin" / "ralph").exists():
        if os.environ.get("CI"):
            pytest.fail("ralph is not installed in .venv-ralph: CI must run `make test`")
        pytest.skip("ralph is not installed: `make .venv-ralph/.installed` installs it")
    server = Ralph(tmp_path)
    server.start()
    yield server
    server.stop()
