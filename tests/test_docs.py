"""Docs that cannot rot: every command, option, setting and content field is documented."""

import argparse
import re
from pathlib import Path

from pydantic import BaseModel

from journeys.cli import build_parser
from journeys.core.content.registry import kinds
from journeys.trainings.exercises import exercise_types

ROOT = Path(__file__).resolve().parent.parent
DOCS = ROOT / "docs"


def subcommands(
    parser: argparse.ArgumentParser, prefix: str = ""
) -> dict[str, argparse.ArgumentParser]:
    found = {}
    for action in parser._actions:
        if isinstance(action, argparse._SubParsersAction):
            for name, sub in action.choices.items():
                found[f"{prefix}{name}"] = sub
                found.update(subcommands(sub, f"{prefix}{name} "))
    return found


def test_every_cli_command_and_option_is_documented():
    text = (DOCS / "cli.md").read_text()
    for name, parser in subcommands(build_parser()).items():
        assert f"journeys {name}" in text, f"`journeys {name}` is not in docs/cli.md"
        for action in parser._actions:
            for option in action.option_strings:
                if option.startswith("--") and option != "--help":
                    assert option in text, f"{option} of `journeys {name}` is undocumented"


def test_every_setting_is_documented():
    source = (ROOT / "journeys" / "settings.py").read_text()
    names = set(re.findall(r"""(?:environ\.get|envbool|envlist|envint)\(\s*"([A-Z_]+)\"""", source))
    assert "DATABASE_URL" in names
    documented = (DOCS / "settings.md").read_text()
    missing = sorted(name for name in names if f"`{name}`" not in documented)
    assert not missing, f"undocumented settings: {missing}"


def field_names(model: type[BaseModel]) -> set[str]:
    names = set()
    for name, field in model.model_fields.items():
        names.add(name)
        for arg in [field.annotation, *getattr(field.annotation, "__args__", ())]:
            if isinstance(arg, type) and issubclass(arg, BaseModel) and arg.__name__ != "Text":
                names |= field_names(arg)
    return names


def test_every_content_field_is_documented():
    documented = (DOCS / "content.md").read_text() + (DOCS / "exercises.md").read_text()
    for kind in kinds():
        missing = sorted(n for n in field_names(kind.schema) if f"`{n}`" not in documented)
        assert not missing, f"fields of {kind.name} missing from docs/content.md: {missing}"


def test_the_readme_starts_with_the_two_commands():
    readme = (ROOT / "README.md").read_text()
    assert readme.index("make run") < readme.index("make test") < 1500


def test_every_exercise_type_and_its_fields_are_documented():
    text = (DOCS / "exercises.md").read_text()
    headings = [line for line in text.splitlines() if line.startswith("### ")]
    for name, exercise_type in exercise_types().items():
        assert any(f"`{name}`" in heading for heading in headings), f"{name} lacks a heading"
        missing = sorted(n for n in field_names(exercise_type.schema) if f"`{n}`" not in text)
        assert not missing, f"fields of {name} missing from docs/exercises.md: {missing}"
