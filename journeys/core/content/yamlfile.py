"""Read a YAML file into plain data plus the line of every key and item.

PyYAML throws line numbers away once it builds Python objects, so we walk its node
tree ourselves and remember where each value started. Duplicate keys, which PyYAML
would silently let win, are reported.
"""

from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml

from journeys.core.content.problems import Problem

Loc = tuple[str | int, ...]

_scalars = yaml.SafeLoader("")  # only used to resolve scalar nodes to Python values
# libyaml's parser is about ten times faster; its nodes carry the same line marks.
_Loader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)


@dataclass
class YamlDocument:
    path: Path
    data: Any
    lines: dict[Loc, int] = field(default_factory=dict)

    def line_of(self, loc: Loc) -> int:
        """The line of `loc`, or of its nearest ancestor that has one."""
        while loc not in self.lines and loc:
            loc = loc[:-1]
        return self.lines.get(loc, 1)


class YamlError(Exception):
    def __init__(self, problem: Problem) -> None:
        self.problem = problem
        super().__init__(str(problem))


def read_yaml(path: Path, shown_path: str) -> YamlDocument:
    return parse_yaml(path, _read_text(path, shown_path), shown_path)


def _read_text(path: Path, shown_path: str) -> str:
    try:
        return path.read_text(encoding="utf-8")
    except UnicodeDecodeError as error:
        raise YamlError(Problem(shown_path, 1, "-", f"not UTF-8 text ({error.reason})")) from None


DUTCH_MARKER = "<!-- nl -->"


def read_markdown(path: Path, shown_path: str) -> YamlDocument:
    """A Markdown file with YAML front matter between `---` lines. The body is English
    up to a line `<!-- nl -->` and Dutch after it; it becomes data["body"]."""
    text = _read_text(path, shown_path)
    lines = text.splitlines()
    if not lines or lines[0].strip() != "---" or "---" not in (line.strip() for line in lines[1:]):
        raise YamlError(Problem(shown_path, 1, "-", "front matter between --- lines is missing"))
    end = next(i for i, line in enumerate(lines[1:], 1) if line.strip() == "---")
    # Blank lines keep the front matter's line numbers equal to the file's.
    document = parse_yaml(path, "\n" + "\n".join(lines[1:end]), shown_path)
    if not isinstance(document.data, dict):
        raise YamlError(Problem(shown_path, 2, "-", "front matter must be a mapping"))
    body = "\n".join(lines[end + 1 :])
    english, _, dutch = body.partition(DUTCH_MARKER)
    document.data["body"] = {"en": english.strip(), "nl": dutch.strip() or None}
    document.lines[("body",)] = end + 2
    return document


def parse_yaml(path: Path, text: str, shown_path: str) -> YamlDocument:
    try:
        root = yaml.compose(text, Loader=_Loader)
    except yaml.MarkedYAMLError as error:
        mark = error.problem_mark or error.context_mark
        line = mark.line + 1 if mark else 1
        raise YamlError(
            Problem(shown_path, line, "-", f"YAML syntax error: {error.problem or error}")
        ) from None
    document = YamlDocument(path=path, data=None)
    if root is None:
        raise YamlError(Problem(shown_path, 1, "-", "the file is empty"))
    try:
        document.data = _to_python(root, (), document, shown_path)
    finally:
        # The constructor remembers every node it built, to resolve YAML aliases; ours is
        # shared, so without this each check kept the whole curriculum's nodes (about
        # 16 MB a run, which slowed the test suite to a crawl through garbage collection).
        _scalars.constructed_objects.clear()
    return document


def _to_python(node: yaml.Node, loc: Loc, document: YamlDocument, shown_path: str) -> Any:
    document.lines.setdefault(loc, node.start_mark.line + 1)
    if isinstance(node, yaml.MappingNode):
        result: dict[Any, Any] = {}
        for key_node, value_node in node.value:
            key = _scalars.construct_object(key_node, deep=True)
            if key in result:
                raise YamlError(
                    Problem(
                        shown_path,
                        key_node.start_mark.line + 1,
                        dotted((*loc, key)),
                        "duplicate key",
                    )
                )
            document.lines[(*loc, key)] = key_node.start_mark.line + 1
            result[key] = _to_python(value_node, (*loc, key), document, shown_path)
        return result
    if isinstance(node, yaml.SequenceNode):
        return [
            _to_python(item, (*loc, index), document, shown_path)
            for index, item in enumerate(node.value)
        ]
    return _scalars.construct_object(node, deep=True)


def dotted(loc: Loc) -> str:
    """('objectives', 0, 'sources') -> 'objectives[0].sources'."""
    text = ""
    for part in loc:
        if isinstance(part, int):
            text += f"[{part}]"
        else:
            text += f".{part}" if text else str(part)
    return text or "-"
