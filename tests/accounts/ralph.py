"""A real learning record store for the xAPI tests: ralph (PyPI ralph-malph) with its
file-system backend, from .venv-ralph (`make test` installs it from
tests/accounts/ralph-requirements.txt), started as a process on a free port with basic
authentication from a JSON file of bcrypt-hashed credentials.

ralph's app is started the way `ralph runserver --backend fs` starts it (its settings from
RALPH_* variables, uvicorn), with two differences: no auto-reload (runserver's uvicorn
watches the current directory and restarts on every edit), and the file-system backend
appends to its statements file. In ralph 5.1 that backend writes only while the file does
not exist yet, so a second POST fails with 500 ("already exists and overwrite is not
allowed"); its read, validation, authentication and one-statement-per-id checks are
ralph's own."""

import base64
import json
import os
import socket
import subprocess
import time
import urllib.error
import urllib.request
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[2]
RALPH_VENV = ROOT / ".venv-ralph"
USERNAME, PASSWORD = "journeys", "lrs-test-password"


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


class Ralph:
    def __init__(self, directory: Path) -> None:
        self.directory = directory
        self.port = free_port()
        self.process: subprocess.Popen[bytes] | None = None
        self.auth_file = directory / "auth.json"
        hashed = subprocess.run(
            [str(RALPH_VENV / "bin" / "python"), "-c", HASH, PASSWORD],
            check=True,
            capture_output=True,
            text=True,
        ).stdout.strip()
        credentials = [
            {
                "username": USERNAME,
                "hash": hashed,
                "scopes": ["all"],
                "agent": {"mbox": "mailto:journeys-tests@example.org"},
            }
        ]
        self.auth_file.write_text(json.dumps(credentials))

    @property
    def endpoint(self) -> str:
        return f"http://127.0.0.1:{self.port}/xAPI/"

    def start(self) -> None:
        (self.directory / "statements").mkdir(exist_ok=True)
        env = {
            **os.environ,
            "RALPH_AUTH_FILE": str(self.auth_file),
            "RALPH_APP_DIR": str(self.directory / "app"),
            "RALPH_RUNSERVER_BACKEND": "fs",
            "RALPH_BACKENDS__LRS__FS__DEFAULT_DIRECTORY_PATH": str(self.directory / "statements"),
        }
        self.process = subprocess.Popen(
            [str(RALPH_VENV / "bin" / "python"), "-c", SERVE, str(self.port)],
            env=env,
            cwd=self.directory,
            stdout=subprocess.DEVNULL,
            stderr=(self.directory / "ralph.log").open("ab"),
        )
        deadline = time.monotonic() + 30
        while time.monotonic() < deadline:
            try:
                self.get("/whoami")
                return
            except (urllib.error.URLError, OSError):
                if self.process.poll() is not None:
                    break
                time.sleep(0.2)
        raise RuntimeError("ralph did not start: " + (self.directory / "ralph.log").read_text())

    def stop(self) -> None:
        if self.process is not None:
            self.process.terminate()
            self.process.wait(timeout=15)
            self.process = None

    def get(self, path: str) -> Any:
        request = urllib.request.Request(
            f"http://127.0.0.1:{self.port}{path}",
            headers={
                "X-Experience-API-Version": "1.0.3",
                "Authorization": "Basic "
                + base64.b64encode(f"{USERNAME}:{PASSWORD}".encode()).decode(),
            },
        )
        with urllib.request.urlopen(request, timeout=5) as answer:
            return json.load(answer)

    def statements(self) -> list[dict[str, Any]]:
        """Every statement the LRS holds, following its `more` links."""
        found: list[dict[str, Any]] = []
        path = "/xAPI/statements?limit=100"
        while path:
            page = self.get(path)
            found.extend(page["statements"])
            path = page.get("more") or ""
        return found


SERVE = """
import sys
import uvicorn
from ralph.backends.data.base import BaseOperationType
from ralph.backends.lrs.fs import FSLRSBackend

FSLRSBackend.default_operation_type = BaseOperationType.APPEND
uvicorn.run("ralph.api:app", host="127.0.0.1", port=int(sys.argv[1]), log_level="warning")
"""
HASH = "import bcrypt, sys; print(bcrypt.hashpw(sys.argv[1].encode(), bcrypt.gensalt(4)).decode())"
