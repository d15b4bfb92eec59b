"""`journeys content check`: each kind of broken file gets one clear `path:line: field: message`
line and exit status 1; valid content exits 0; the database is never touched."""

import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from journeys.cli import main
from tests.conftest import CONTENT_FIXTURES

BROKEN = CONTENT_FIXTURES / "broken"
LINE = re.compile(r"^(?P<path>[^:]+):(?P<line>\d+): (?P<field>[^:]+): (?P<message>.+)$")


def check(directory: Path, capsys: pytest.CaptureFixture[str]) -> tuple[int, list[str]]:
    status = main(["content", "check", str(directory)])
    lines = capsys.readouterr().out.splitlines()
    return status, lines


def only_problem(directory: Path, capsys: pytest.CaptureFixture[str]) -> dict[str, str]:
    status, lines = check(directory, capsys)
    assert status == 1
    assert len(lines) == 1, lines
    match = LINE.match(lines[0])
    assert match, lines[0]
    return match.groupdict()


def test_it_accepts_valid_content(capsys):
    status, lines = check(CONTENT_FIXTURES / "valid", capsys)
    assert status == 0
    assert lines == []


def test_it_accepts_the_shipped_curriculum_without_errors_or_warnings(capsys, settings):
    status, lines = check(Path(settings.CONTENT_DIR), capsys)
    assert status == 0, lines
    assert lines == []  # a warning (a missing Dutch text) is a fault in shipped content too


def test_it_reports_a_yaml_syntax_error_with_its_line(capsys):
    problem = only_problem(BROKEN / "yaml-syntax", capsys)
    assert problem["path"].endswith("yaml-syntax/trainings/beta/training.yaml")
    assert problem["line"] == "9"
    assert problem["message"].startswith("YAML syntax error")


def test_it_reports_a_missing_required_field(capsys):
    problem = only_problem(BROKEN / "missing-field", capsys)
    assert problem["path"].endswith("missing-field/trainings/beta/training.yaml")
    assert problem["field"] == "audience"
    assert problem["message"] == "required field is missing"


def test_it_reports_an_unknown_source_id_on_the_line_that_cites_it(capsys):
    problem = only_problem(BROKEN / "unknown-source", capsys)
    assert problem["path"].endswith("unknown-source/trainings/alpha/training.yaml")
    assert problem["line"] == "23"
    assert problem["field"] == "objectives[1].sources[1]"
    assert "no-such-source" in problem["message"]


def test_it_reports_a_wrong_type(capsys):
    problem = only_problem(BROKEN / "wrong-type", capsys)
    assert problem["line"] == "2"
    assert problem["field"] == "position"
    assert "integer" in problem["message"]


def test_it_reports_a_duplicate_key_that_yaml_would_silently_overwrite(capsys):
    problem = only_problem(BROKEN / "duplicate-key", capsys)
    assert problem["line"] == "4"
    assert problem["field"] == "position"
    assert problem["message"] == "duplicate key"


def test_it_reports_a_duplicate_slug_and_names_the_first_file(capsys):
    status, lines = check(BROKEN / "duplicate-slug", capsys)
    assert status == 1
    duplicate = [line for line in lines if "duplicate training 'alpha'" in line]
    assert len(duplicate) == 1
    assert "trainings/gamma/training.yaml:1: slug:" in duplicate[0]
    assert "first at" in duplicate[0] and "trainings/alpha/training.yaml" in duplicate[0]


def test_it_reports_a_source_cited_nowhere_in_a_missing_list(tmp_path, capsys):
    content = shutil.copytree(CONTENT_FIXTURES / "valid", tmp_path / "content")
    path = content / "trainings" / "beta" / "training.yaml"
    path.write_text(path.read_text().replace("    sources: [beta-source]\n", ""))
    problem = only_problem(content, capsys)
    assert problem["field"] == "objectives[0].sources"
    assert problem["message"] == "required field is missing"


def test_it_rejects_an_unknown_field_so_typos_do_not_pass(tmp_path, capsys):
    content = shutil.copytree(CONTENT_FIXTURES / "valid", tmp_path / "content")
    path = content / "trainings" / "beta" / "training.yaml"
    path.write_text(path.read_text().replace("audience:", "audiense:", 1))
    status, lines = check(content, capsys)
    assert status == 1
    assert any(": audiense: unknown field" in line for line in lines)


def test_it_reports_a_missing_bibliography(tmp_path, capsys):
    content = shutil.copytree(CONTENT_FIXTURES / "valid", tmp_path / "content")
    (content / "sources.yaml").unlink()
    status, lines = check(content, capsys)
    assert status == 1
    assert any(line.endswith("sources.yaml:1: -: file is missing") for line in lines)
    assert any("unknown source id 'alpha-source'" in line for line in lines)


def test_it_reports_an_empty_file(tmp_path, capsys):
    content = shutil.copytree(CONTENT_FIXTURES / "valid", tmp_path / "content")
    (content / "trainings" / "beta" / "training.yaml").write_text("")
    problem = only_problem(content, capsys)
    assert problem["message"] == "the file is empty"


def test_a_missing_dutch_translation_is_a_warning_not_an_error(capsys):
    status, lines = check(CONTENT_FIXTURES / "warning-missing-translation", capsys)
    assert status == 0
    assert len(lines) == 1
    assert lines[0].endswith("training.yaml:7: summary: warning: missing Dutch (nl) translation")


def test_a_stray_yaml_file_is_a_warning(tmp_path, capsys):
    content = shutil.copytree(CONTENT_FIXTURES / "valid", tmp_path / "content")
    (content / "trainings" / "beta" / "trainnig.yaml").write_text("slug: beta\n")
    status, lines = check(content, capsys)
    assert status == 0
    assert any("trainnig.yaml:1: -: warning: not a known kind of content file" in x for x in lines)


def test_a_missing_directory_is_an_error(tmp_path, capsys):
    status, lines = check(tmp_path / "nowhere", capsys)
    assert status == 1
    assert lines == [f"{tmp_path / 'nowhere'}:1: -: content directory not found"]


def test_the_installed_command_prints_problems_and_exits_1():
    result = subprocess.run(
        [Path(sys.executable).parent / "journeys", "content", "check", str(BROKEN / "wrong-type")],
        capture_output=True,
        text=True,
        check=False,
    )
    assert result.returncode == 1
    assert "training.yaml:2: position: " in result.stdout
    assert "1 errors" in result.stderr


def test_it_rejects_an_unknown_icon_and_lists_the_known_ones(tmp_path, capsys):
    content = shutil.copytree(CONTENT_FIXTURES / "valid", tmp_path / "content")
    path = content / "trainings" / "beta" / "training.yaml"
    path.write_text(path.read_text().replace("icon: house", "icon: castle"))
    problem = only_problem(content, capsys)
    assert problem["line"] == "3"
    assert problem["field"] == "icon"
    assert "unknown icon 'castle'" in problem["message"] and "house" in problem["message"]


def test_every_shipped_file_parses_the_same_without_libyaml(settings):
    """The check uses libyaml when PyYAML has it; it accepts a few things the pure
    Python parser rejects (an unquoted '?' inside {...}). Shipped content must parse
    with both, so it means the same on every installation."""
    import yaml

    for path in Path(settings.CONTENT_DIR).rglob("*"):
        if path.suffix not in {".yaml", ".md"}:
            continue
        text = path.read_text()
        if path.suffix == ".md":
            text = text.split("\n---", 1)[0].lstrip("-")
        yaml.load(text, Loader=yaml.SafeLoader)  # raises on a difference


def test_reading_a_file_keeps_none_of_its_nodes(tmp_path):
    """The YAML constructor caches what it builds; a content load must not keep every
    file's nodes alive afterwards (it cost 16 MB a load and slowed the whole suite)."""
    from journeys.core.content import yamlfile

    path = tmp_path / "file.yaml"
    path.write_text("a: [1, 2]\nb: {c: d}\n")
    assert yamlfile.read_yaml(path, "file.yaml").data == {"a": [1, 2], "b": {"c": "d"}}
    assert yamlfile._scalars.constructed_objects == {}
