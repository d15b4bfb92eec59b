"""A trainer's guide's timing table, read as data: the training's default workshop plan.

Every trainer.md has a table of the half day, in one of two shapes:

    | Time | Minutes | Part | Exercises |                         (minutes given)
    | Time | Part | Method | Exercise (online equivalent) | Lesson |   (time as 0:15–0:40)

(and the same in Dutch: Tijd, Minuten, Onderdeel, Oefening(en)). The exercises cell
names exercises by slug among room-only activities: "why-stay-facts (choose 8 to 10 of
the 15)", "its-the-drink, will-a-course-fix-it", "path-of-addiction in groups",
"plan-at-home-*", "case timeline". An entry whose first word is an exercise of the
training refers to it (a trailing * matches every exercise starting so); an entry that
is one hyphenated word and names no exercise is a mistake the content check reports;
anything else is something done in the room only. Plain text in, plain data out.
"""

import fnmatch
import re
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field

TIME_HEADERS = ("time", "tijd")
MINUTES_HEADERS = ("minutes", "minuten")
PART_HEADERS = ("part", "onderdeel")
EXERCISE_HEADERS = ("exercise", "oefening")
SLUG_WORD = re.compile(r"^[a-z0-9]+(?:-[a-z0-9]+)*(?:-\*)?$")
TIME = re.compile(r"(\d+):(\d{2})")


@dataclass(frozen=True)
class Block:
    """One row of the timing table, as written."""

    time: str  # when it starts, "0:15"
    minutes: int
    part: str
    entries: tuple[str, ...] = ()  # the exercises cell, split at commas and "or"
    line: int = 0  # the row's line in the text (1 = first)

    @property
    def names(self) -> list[str]:
        """Each entry's first word, where it looks like an exercise's slug."""
        return [first_word(e) for e in self.entries if SLUG_WORD.match(first_word(e))]


@dataclass
class Timing:
    blocks: list[Block] = field(default_factory=list)


def _cells(line: str) -> list[str]:
    return [cell.strip() for cell in line.strip().strip("|").split("|")]


def _minutes(time: str) -> int | None:
    """Minutes from a range like "0:15–0:40"; None when the cell is not one."""
    found = TIME.findall(time)
    if len(found) != 2:
        return None
    (h1, m1), (h2, m2) = found
    return (int(h2) * 60 + int(m2)) - (int(h1) * 60 + int(m1))


def entries(cell: str) -> list[str]:
    """The exercises cell's entries, parenthetical remarks left out, lower-cased."""
    cell = re.sub(r"\([^)]*\)", " ", cell)
    parts = re.split(r",|;|\s+or\s+|\s+of\s+", cell)
    return [" ".join(part.split()).lower() for part in parts if part.strip()]


def first_word(entry: str) -> str:
    words = entry.split()
    return words[0] if words else ""


def parse_timing(markdown: str) -> Timing:
    """The first table whose header starts with Time/Tijd and has an exercises column."""
    lines = markdown.splitlines()
    for index, line in enumerate(lines):
        if not line.lstrip().startswith("|"):
            continue
        header = [cell.lower() for cell in _cells(line)]
        if not header or header[0] not in TIME_HEADERS:
            continue
        exercise_column = next(
            (i for i, h in enumerate(header) if h.startswith(EXERCISE_HEADERS)), None
        )
        part_column = next((i for i, h in enumerate(header) if h in PART_HEADERS), None)
        if exercise_column is None or part_column is None:
            continue
        minutes_column = next((i for i, h in enumerate(header) if h in MINUTES_HEADERS), None)
        timing = Timing()
        for number, row in enumerate(lines[index + 2 :], start=index + 3):
            if not row.lstrip().startswith("|"):
                break
            cells = _cells(row)
            if len(cells) < len(header):
                cells += [""] * (len(header) - len(cells))
            if minutes_column is not None:
                minutes = int(cells[minutes_column]) if cells[minutes_column].isdigit() else 0
            else:
                minutes = _minutes(cells[0]) or 0
            start = TIME.search(cells[0])
            timing.blocks.append(
                Block(
                    time=start.group(0) if start else cells[0],
                    minutes=minutes,
                    part=cells[part_column],
                    entries=tuple(entries(cells[exercise_column])),
                    line=number,
                )
            )
        return timing
    return Timing()


def resolve(name: str, slugs: Iterable[str]) -> list[str]:
    """The exercises an entry's first word names: itself, or all a `-*` pattern matches."""
    known = list(slugs)
    if name.endswith("*"):
        return sorted(slug for slug in known if fnmatch.fnmatchcase(slug, name))
    return [name] if name in known else []


def unknown_names(timing: Timing, slugs: Iterable[str]) -> Iterator[tuple[int, str]]:
    """(line, name) of each entry that is one hyphenated word (or pattern) and names no
    exercise of the training: a typo or a renamed exercise."""
    known = list(slugs)
    for block in timing.blocks:
        for entry in block.entries:
            if "-" in entry and SLUG_WORD.match(entry) and not resolve(entry, known):
                yield block.line, entry


def plan_blocks(english: str, dutch: str | None, slugs: Iterable[str]) -> list[dict[str, object]]:
    """The timed blocks as stored in the training's data: time, minutes, the part in
    both languages (the Dutch table's row at the same place, when it has as many rows),
    and the exercises it names that the training has, in order (which of them can run
    live is the workshops app's business: a training does not import it)."""
    known = list(slugs)
    timing = parse_timing(english)
    dutch_blocks = parse_timing(dutch).blocks if dutch else []
    if len(dutch_blocks) != len(timing.blocks):
        dutch_blocks = []
    blocks = []
    for i, block in enumerate(timing.blocks):
        exercises: list[str] = []
        for name in block.names:
            exercises += [slug for slug in resolve(name, known) if slug not in exercises]
        blocks.append(
            {
                "time": block.time,
                "minutes": block.minutes,
                "part": {
                    "en": block.part,
                    "nl": dutch_blocks[i].part if dutch_blocks else block.part,
                },
                "exercises": exercises,
            }
        )
    return blocks
