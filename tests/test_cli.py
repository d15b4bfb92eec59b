"""The `journeys` command as an operator uses it: help, setup (twice), serve, manage."""

import os
import socket
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

import pytest

from journeys.cli import build_parser

JOURNEYS = str(Path(sys.executable).parent / "journeys")


@pytest.fixture
def fresh_install(tmp_path) -> dict[str, str]:
    """Environment of a brand-new installation: its own SQLite database and var/."""
    env = {
        key: value
        for key, value in os.environ.items()
        if key
        not in {"DATABASE_URL", "SECRET_KEY", "DJANGO_SETTINGS_MODULE", "DJANGO_ALLOW_ASYNC_UNSAFE"}
    }
    env["JOURNEYS_VAR_DIR"] = str(tmp_path / "var")
    return env


def run(args: list[str], env: dict[str, str]) -> subprocess.CompletedProcess[str]:
    return subprocess.run([JOURNEYS, *args], env=env, capture_output=True, text=True, check=False)


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


def test_help_lists_every_command_with_help_text():
    result = subprocess.run([JOURNEYS, "--help"], capture_output=True, text=True, check=True)
    for command in ["serve", "setup", "content", "manage"]:
        line = next(line for line in result.stdout.splitlines() if line.strip().startswith(command))
        assert len(line.split()) > 1, f"{command} has no help text"
    content_help = subprocess.run(
        [JOURNEYS, "content", "--help"], capture_output=True, text=True, check=True
    ).stdout
    assert "check" in content_help and "load" in content_help


def test_an_unknown_command_gets_a_usage_message():
    result = subprocess.run([JOURNEYS, "frobnicate"], capture_output=True, text=True, check=False)
    assert result.returncode == 2
    assert "invalid choice" in result.stderr


def test_setup_is_idempotent_and_prints_the_demo_password_once(fresh_install):
    first = run(["setup"], fresh_install)
    assert first.returncode == 0, first.stderr
    assert "Content loaded: " in first.stdout
    assert "with password" in first.stdout
    second = run(["setup"], fresh_install)
    assert second.returncode == 0, second.stderr
    assert "with password" not in second.stdout
    assert "already exists" in second.stdout
    assert (Path(fresh_install["JOURNEYS_VAR_DIR"]) / "journeys.sqlite3").exists()


def test_setup_generates_a_private_secret_key_once(fresh_install):
    run(["manage", "check"], fresh_install)
    key_file = Path(fresh_install["JOURNEYS_VAR_DIR"]) / "secret_key"
    key = key_file.read_text()
    assert len(key) >= 50
    assert oct(key_file.stat().st_mode)[-3:] == "600"
    run(["manage", "check"], fresh_install)
    assert key_file.read_text() == key


def test_serve_answers_with_the_catalogue_and_static_files(fresh_install):
    assert run(["setup", "--no-demo"], fresh_install).returncode == 0
    port = free_port()
    server = subprocess.Popen(
        [JOURNEYS, "serve", "--port", str(port)],
        env=fresh_install,
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
    )
    try:
        html = ""
        for _ in range(100):
            try:
                with urllib.request.urlopen(f"http://127.0.0.1:{port}/nl/") as response:
                    html = response.read().decode()
                break
            except OSError:
                time.sleep(0.1)
        assert "Motiverende gespreksvoering" in html
        assert html.count('class="training-card"') == 8
        css_url = f"http://127.0.0.1:{port}/static/journeys/css/site.css"
        with urllib.request.urlopen(css_url) as response:
            assert response.status == 200
    finally:
        server.terminate()
        server.wait(timeout=10)


def test_manage_runs_django_commands(fresh_install):
    result = run(["manage", "check"], fresh_install)
    assert result.returncode == 0
    assert "no issues" in result.stdout


def test_an_unsupported_language_setting_is_refused_clearly(fresh_install):
    result = run(["manage", "check"], {**fresh_install, "JOURNEYS_LANGUAGE": "fr"})
    assert result.returncode != 0
    assert "JOURNEYS_LANGUAGE must be one of en, nl" in result.stderr


def test_the_parser_knows_every_documented_option():
    args = build_parser().parse_args(
        ["serve", "--host", "0.0.0.0", "--port", "9000", "--workers", "3"]
    )
    assert (args.host, args.port, args.workers) == ("0.0.0.0", 9000, 3)


def test_setup_with_demo_adds_a_sample_workshop_with_a_report(fresh_install):
    result = run(["setup", "--demo"], fresh_install)
    assert result.returncode == 0, result.stderr
    assert "Sample workshop with synthetic responses added" in result.stdout
    assert "/report/ for the demo trainer" in result.stdout
