"""The glossary, content/glossary.yaml: phrases the content check refuses per language,
each with the term to use instead, so that a fixed term stays fixed."""

import re
from collections.abc import Iterable, Iterator, Mapping
from dataclasses import dataclass
from fnmatch import fnmatch
from typing import Any, Literal

from pydantic import Field

from journeys.core.content.problems import Problem
from journeys.core.content.registry import ContentFile
from journeys.core.content.schema import NonEmptyText, Strict
from journeys.core.content.yamlfile import DUTCH_MARKER, Loc, dotted

LANGUAGES = ("en", "nl")
# Fields that hold names people type, not prose: "benzodiazepines" must keep finding
# the benzodiazepines page in Dutch too.
NAME_FIELDS = frozenset({"aliases", "street_names"})
QUOTES = "\"'\u201c\u201d\u2018\u2019\u201e\u00ab\u00bb"  # straight, curly, low, guillemets


class GlossaryTerm(Strict):
    language: Literal["en", "nl"]
    use: NonEmptyText
    avoid: list[NonEmptyText] = Field(min_length=1)
    why: NonEmptyText
    match_case: bool = False
    allow_in: list[NonEmptyText] = []  # content paths (globs) where the phrase is right


class GlossaryFile(Strict):
    terms: list[GlossaryTerm] = Field(min_length=1)


@dataclass(frozen=True)
class Rule:
    term: GlossaryTerm
    phrase: str
    pattern: re.Pattern[str]
    # The phrase's longest word, lower-cased: a text without it cannot match, and a
    # substring test is far cheaper than the pattern (the check runs on every load).
    needle: str


def rules(glossary: GlossaryFile) -> list[Rule]:
    return [
        Rule(
            term,
            phrase,
            phrase_pattern(phrase, term.match_case),
            max(phrase.split(), key=len).casefold(),
        )
        for term in glossary.terms
        for phrase in term.avoid
    ]


def phrase_pattern(phrase: str, match_case: bool = False) -> re.Pattern[str]:
    """The phrase as a whole word or words: any run of spaces or a line break between
    words; "soa" does not match "soa's" or "soa-test"."""
    words = r"\s+".join(re.escape(word) for word in phrase.split())
    flags = 0 if match_case else re.IGNORECASE
    return re.compile(rf"(?<![\w-]){words}(?![\w'\u2019-])", flags)


def texts(data: Any, loc: Loc = (), language: str | None = None) -> Iterator[tuple[Loc, str, str]]:
    """Every prose string in a content file's data as (where, language, text): the
    strings under an "en" or "nl" key, at any depth below it."""
    if isinstance(data, Mapping):
        for key, value in data.items():
            if key in NAME_FIELDS:
                continue
            inner = key if key in LANGUAGES and language is None else language
            yield from texts(value, (*loc, key), inner)
    elif isinstance(data, list):
        for index, item in enumerate(data):
            yield from texts(item, (*loc, index), language)
    elif isinstance(data, str) and language:
        yield loc, language, data


def check_file(
    file: ContentFile[Any], all_rules: Iterable[Rule], root_relative: str
) -> Iterator[Problem]:
    """A problem for each avoided phrase in the file's prose, at its line."""
    lines = file.path.read_text(encoding="utf-8").splitlines()
    applicable = [
        rule
        for rule in all_rules
        if not any(fnmatch(root_relative, pattern) for pattern in rule.term.allow_in)
    ]
    by_language = {
        language: [rule for rule in applicable if rule.term.language == language]
        for language in LANGUAGES
    }
    for loc, language, text in texts(file.document.data):
        lowered = text.casefold()
        candidates = [rule for rule in by_language[language] if rule.needle in lowered]
        if not candidates:
            continue
        start = _first_line(file, loc, lines)
        prose = _without_addresses(text)
        for rule in candidates:
            for match in rule.pattern.finditer(prose):
                if _quoted(prose, match):
                    continue
                line = _line_of(lines, start, rule.pattern)
                yield Problem(
                    file.shown,
                    line,
                    dotted(loc),
                    f"“{match.group(0)}”: use “{rule.term.use}” ({rule.term.why})",
                )


def _first_line(file: ContentFile[Any], loc: Loc, lines: list[str]) -> int:
    line = file.document.line_of(loc)
    if loc[-2:] == ("body", "nl"):  # a Markdown body: the Dutch half starts at the marker
        marker = next((i for i, text in enumerate(lines, 1) if text.strip() == DUTCH_MARKER), None)
        return marker or line
    return line


def _line_of(lines: list[str], start: int, pattern: re.Pattern[str]) -> int:
    """The first line from `start` on where a match begins (it may run on to the next
    line). Later matches in the same text are reported at that line too: good enough
    to find them."""
    for number in range(max(start, 1), len(lines) + 1):
        line = _without_addresses(lines[number - 1])
        window = line + " " + (lines[number] if number < len(lines) else "")
        found = pattern.search(window)
        if found and found.start() < len(line):
            return number
    return start


# Link targets and web addresses are not prose: /substances/benzodiazepines/ is a slug.
_ADDRESSES = re.compile(r"\]\([^)]*\)|https?://\S+|/[\w/-]+/")


def _without_addresses(text: str) -> str:
    return _ADDRESSES.sub(lambda found: " " * len(found.group(0)), text)


def _quoted(text: str, match: re.Match[str]) -> bool:
    before = text[match.start() - 1] if match.start() else ""
    after = text[match.end()] if match.end() < len(text) else ""
    return bool(before) and before in QUOTES and bool(after) and after in QUOTES
