"""`journeys manage check --deploy` is clean with the production settings exactly as
docs/settings.md gives them (the block is run as written), and warns without HTTPS."""

import os
import re
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
BIN = str(Path(sys.executable).parent)


def documented_production_block() -> str:
    text = (ROOT / "docs" / "settings.md").read_text()
    section = text.split("## Production-like settings", 1)[1]
    found = re.search(r"```sh\n(.*?)```", section, re.DOTALL)
    assert found, "docs/settings.md: no shell block under 'Production-like settings'"
    return found.group(1)


@pytest.fixture
def fresh_env(tmp_path) -> dict[str, str]:
    """A brand-new installation's environment, with this virtualenv's `journeys` first."""
    env = {
        key: value
        for key, value in os.environ.items()
        if not key.startswith(("JOURNEYS_", "DJANGO_"))
        and key not in {"DATABASE_URL", "SECRET_KEY", "ALLOWED_HOSTS", "REDIS_URL"}
    }
    env["JOURNEYS_VAR_DIR"] = str(tmp_path / "var")
    env["PATH"] = f"{BIN}{os.pathsep}{env.get('PATH', '')}"
    return env


def run_shell(script: str, env: dict[str, str]) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        ["bash", "-euc", script], env=env, capture_output=True, text=True, check=False
    )


def test_the_documented_production_settings_pass_check_deploy(fresh_env):
    block = documented_production_block()
    assert "journeys manage check --deploy" in block
    result = run_shell(block, fresh_env)
    output = result.stdout + result.stderr
    assert result.returncode == 0, output
    assert "System check identified no issues (0 silenced)." in output


def test_not_even_a_warning_is_left(fresh_env):
    block = documented_production_block().replace(
        "journeys manage check --deploy", "journeys manage check --deploy --fail-level WARNING"
    )
    result = run_shell(block, fresh_env)
    assert result.returncode == 0, result.stdout + result.stderr


def test_without_https_check_deploy_warns(fresh_env):
    env = {**fresh_env, "ALLOWED_HOSTS": "journeys.example.org"}
    result = run_shell("journeys manage check --deploy --fail-level WARNING", env)
    assert result.returncode != 0
    assert "SECURE_SSL_REDIRECT" in result.stdout + result.stderr
