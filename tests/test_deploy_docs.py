"""docs/deploy.md cannot drift from what ships: every file it names exists, every block
that quotes a shipped file is that file, every setting it or the environment file names
is a real, documented one, and the systemd units run real `journeys` commands."""

import re
from pathlib import Path

from journeys.cli import build_parser
from tests.test_docs import subcommands

ROOT = Path(__file__).resolve().parent.parent
DEPLOY_DOC = (ROOT / "docs" / "deploy.md").read_text()
ENV_FILE = ROOT / "deploy" / "journeys.env"
SETTINGS_DOC = (ROOT / "docs" / "settings.md").read_text()
SETTINGS_SOURCE = (ROOT / "journeys" / "settings.py").read_text()


def test_every_shipped_file_the_doc_names_exists():
    named = set(re.findall(r"\bdeploy/[\w./@-]*\w", DEPLOY_DOC))
    assert {"deploy/journeys.env", "deploy/nginx/journeys.conf"} <= named
    missing = sorted(path for path in named if not (ROOT / path).is_file())
    assert not missing, f"docs/deploy.md names files that do not exist: {missing}"


def test_every_shipped_file_is_in_the_doc():
    shipped = {
        str(path.relative_to(ROOT)) for path in (ROOT / "deploy").rglob("*") if path.is_file()
    }
    unnamed = sorted(path for path in shipped if path not in DEPLOY_DOC)
    assert not unnamed, f"docs/deploy.md does not say what these are for: {unnamed}"


def test_blocks_that_quote_a_shipped_file_are_that_file():
    quoted = re.findall(r"```\w+ file=(\S+)\n(.*?)```", DEPLOY_DOC, re.DOTALL)
    assert len(quoted) >= 3
    for path, text in quoted:
        assert text == (ROOT / path).read_text(), f"docs/deploy.md quotes an old {path}"


def setting_names() -> set[str]:
    in_env_file = re.findall(r"^([A-Z_]+)=", ENV_FILE.read_text(), re.MULTILINE)
    return set(in_env_file) | set(re.findall(r"\bJOURNEYS_[A-Z_]+\b", DEPLOY_DOC))


def test_every_setting_named_is_read_and_documented():
    names = setting_names()
    assert {"DATABASE_URL", "JOURNEYS_HTTPS", "JOURNEYS_TRUSTED_PROXIES"} <= names
    for name in sorted(names):
        assert f'"{name}"' in SETTINGS_SOURCE, f"{name} is not read by journeys/settings.py"
        assert f"`{name}`" in SETTINGS_DOC, f"{name} is not in docs/settings.md"


def test_the_units_run_real_journeys_commands():
    commands = subcommands(build_parser())
    for unit in (ROOT / "deploy" / "systemd").glob("*.service"):
        for line in re.findall(r"^ExecStart=\S+/journeys (.*)$", unit.read_text(), re.MULTILINE):
            name, *options = line.split()
            assert name in commands, f"{unit.name}: no `journeys {name}`"
            known = {o for action in commands[name]._actions for o in action.option_strings}
            unknown = [o for o in options if o.startswith("--") and o not in known]
            assert not unknown, f"{unit.name}: `journeys {name}` has no {unknown}"
