"""What fits on a card: plain data in, plain data out.

A card face holds a few sections (what it is, risks, safer use, ...), each a list of
whole facts. Nothing is cut mid-sentence: a face takes the first fact of every section,
then the second of every section, and so on, while the estimated lines still fit. The
estimate is checked against the real layout when the PDF is made (pdf.py), and a face
that still overflows is fitted again with fewer lines.
"""

import math
import re
from dataclasses import dataclass, replace
from typing import Literal

Style = Literal["list", "paragraph", "inline"]
INLINE_SEPARATOR = " · "

# The card stylesheet (static/cards/card.css) uses these measures; change both together.
BODY_PT = 8.0  # the smallest text on a card: 8 pt, as the print guidance asks
LINE_MM = BODY_PT * 1.25 * 25.4 / 72  # 3.53 mm per body line
TITLE_LINE_MM = 12.0 * 1.15 * 25.4 / 72  # 4.87 mm per title line
CHARS_PER_MM = 0.62  # DejaVu Sans 8 pt measures 0.65 characters per mm; keep a margin
LIST_INDENT_MM = 2.6
SECTION_GAP_LINES = 0.45  # space above a section heading, in body lines
ICON_MM = 4.0  # a heading's icon and the space after it
BOLD_FACTOR = 0.88  # bold DejaVu Sans is wider: fewer characters per line


@dataclass(frozen=True)
class CardSize:
    id: str
    label: str
    width: float  # mm
    height: float
    padding: float
    qr: float  # side of the QR code on the back
    source_lines: int  # lines for the sources' names under the QR code

    @property
    def inner_width(self) -> float:
        return self.width - 2 * self.padding

    @property
    def inner_height(self) -> float:
        return self.height - 2 * self.padding


SIZES: dict[str, CardSize] = {
    "a7": CardSize("a7", "A7 (74 × 105 mm)", 74, 105, padding=3.5, qr=17, source_lines=2),
    "85x55": CardSize("85x55", "85 × 55 mm", 85, 55, padding=3, qr=14, source_lines=1),
}
DEFAULT_SIZE = "a7"


@dataclass(frozen=True)
class Fact:
    text: str
    sources: tuple[str, ...]  # source ids from content/sources.yaml
    tag: str = ""  # inline sections: facts with the same tag run on after it ("☠ Dangerous:")


@dataclass(frozen=True)
class Run:
    """Consecutive facts of an inline section that share a tag: one printed line or more."""

    tag: str
    facts: tuple[Fact, ...]

    @property
    def joined(self) -> str:
        return (", " if self.tag else INLINE_SEPARATOR).join(f.text for f in self.facts)

    @property
    def text(self) -> str:
        return f"{self.tag}: {self.joined}" if self.tag else self.joined


def runs(facts: tuple[Fact, ...]) -> list[Run]:
    grouped: list[Run] = []
    for fact in facts:
        if grouped and grouped[-1].tag == fact.tag:
            grouped[-1] = Run(fact.tag, (*grouped[-1].facts, fact))
        else:
            grouped.append(Run(fact.tag, (fact,)))
    return grouped


@dataclass(frozen=True)
class Section:
    key: str  # what it is, for tests and styling: "risks", "safer-use"
    heading: str
    icon: str
    items: tuple[Fact, ...]  # whole facts, most important first
    style: Style = "list"  # list: bullets; paragraph: sentences; inline: "a · b · c"
    first: int = 1  # items this section takes in the first round, before other sections
    rank: int = 0  # lower ranks get room first; sections still print in their order

    @property
    def runs(self) -> list[Run]:
        return runs(self.items)


def chars_per_line(width_mm: float) -> int:
    return max(10, int(width_mm * CHARS_PER_MM))


def text_lines(text: str, width_mm: float) -> int:
    """Lines a text takes, wrapping at word boundaries: words never split, so a line
    holds at most its characters; long words push the rest down."""
    limit = chars_per_line(width_mm)
    lines, used = 1, 0
    for word in text.split():
        if used and used + 1 + len(word) <= limit:
            used += 1 + len(word)
            continue
        if used:
            lines += 1
        full, used = divmod(len(word), limit)  # a word longer than a line fills lines
        if full and not used:
            full, used = full - 1, limit
        lines += full
    return lines


def section_lines(section: Section, count: int, width_mm: float) -> float:
    """Body lines a section takes with its first `count` items (0: not shown)."""
    if count == 0:
        return 0.0
    items = section.items[:count]
    if section.style == "list":
        body = sum(text_lines(fact.text, width_mm - LIST_INDENT_MM) for fact in items)
    elif section.style == "inline":
        body = sum(text_lines(run.text, width_mm) for run in runs(items))
    else:
        body = text_lines(" ".join(fact.text for fact in items), width_mm)
    heading = text_lines(section.heading, (width_mm - ICON_MM) * BOLD_FACTOR)
    return SECTION_GAP_LINES + heading + body


def fit_sections(
    sections: tuple[Section, ...], capacity_lines: float, width_mm: float
) -> tuple[Section, ...]:
    """The sections with as many leading items as fit, taken a round at a time so that
    every section gets its first fact (its first `first` facts) before any gets
    another. Sections with no item that fits are left out."""
    counts = [0] * len(sections)
    by_rank = sorted(range(len(sections)), key=lambda i: sections[i].rank)
    used = 0.0
    first_round, grew = True, True
    while grew:
        grew = False
        for i in by_rank:
            section = sections[i]
            wanted = section.first if first_round else 1
            for _ in range(wanted):
                if counts[i] == len(section.items):
                    break
                extra = section_lines(section, counts[i] + 1, width_mm) - section_lines(
                    section, counts[i], width_mm
                )
                if used + extra > capacity_lines:
                    break
                counts[i] += 1
                used += extra
                grew = True
        first_round = False
    return tuple(
        replace(section, items=section.items[:count])
        for section, count in zip(sections, counts, strict=True)
        if count
    )


_SENTENCE_END = re.compile(r"(?<=[.!?])\s+(?=[A-Z0-9À-Ý\"'(])")


def sentences(text: str) -> tuple[str, ...]:
    """A paragraph split into sentences, so a card can show the first ones whole."""
    return tuple(part.strip() for part in _SENTENCE_END.split(text.strip()) if part.strip())


SAFETY_LINES = 0.6  # wrapping differs from the estimate by a line now and then


def lines_available(height_mm: float) -> float:
    return math.floor((height_mm / LINE_MM - SAFETY_LINES) * 10) / 10


@dataclass(frozen=True)
class Card:
    """One card, front and back, in one language, before fitting to a size."""

    ref: str  # "substance/mdma"
    title: str
    label: str  # what kind of card: "Stimulant", "Route of administration"
    aka: str  # "Also called: ..." or ""
    front: tuple[Section, ...]
    back: tuple[Section, ...]
    path: str  # the online page with everything, for the QR code
    language: str  # the language asked for
    fell_back: bool  # some text was missing in that language and is shown in English

    @property
    def kind(self) -> str:
        return self.ref.split("/")[0]

    @property
    def slug(self) -> str:
        return self.ref.split("/")[1]


@dataclass(frozen=True)
class FittedCard:
    card: Card
    size: CardSize
    front: tuple[Section, ...]
    back: tuple[Section, ...]

    @property
    def sources(self) -> tuple[str, ...]:
        """The sources of the facts this printed card shows, in order, once each."""
        keys = (key for s in (*self.front, *self.back) for fact in s.items for key in fact.sources)
        return tuple(dict.fromkeys(keys))


TITLE_CHARS_FACTOR = 8.0 / 12.0 * BOLD_FACTOR  # title text is 12 pt and bold
HEADER_GAP_MM = 1.2
STRIP_PADDING_MM = 2.0  # the emergency strip at the foot of the front
FOOTER_GAP_MM = 1.5


def front_capacity(card: Card, size: CardSize, strip_text: str) -> float:
    width = size.inner_width
    title = text_lines(card.title, width * TITLE_CHARS_FACTOR) * TITLE_LINE_MM
    label = text_lines(card.label, width) * LINE_MM
    aka = text_lines(card.aka, width) * LINE_MM if card.aka else 0.0
    strip = text_lines(strip_text, width - STRIP_PADDING_MM) * LINE_MM + STRIP_PADDING_MM
    return lines_available(size.inner_height - title - label - aka - HEADER_GAP_MM - strip)


def back_capacity(card: Card, size: CardSize) -> float:
    header = text_lines(card.title, size.inner_width) * LINE_MM + HEADER_GAP_MM
    foot = size.qr + FOOTER_GAP_MM + size.source_lines * LINE_MM
    return lines_available(size.inner_height - header - foot)


def fit_card(card: Card, size: CardSize, strip_text: str, shrink: float = 0.0) -> FittedCard:
    """The card with what fits on `size`; `shrink` takes lines off both faces (used when
    the real layout turned out longer than the estimate)."""
    width = size.inner_width
    return FittedCard(
        card=card,
        size=size,
        front=fit_sections(card.front, front_capacity(card, size, strip_text) - shrink, width),
        back=fit_sections(card.back, back_capacity(card, size) - shrink, width),
    )


def fit_source_names(
    names: tuple[str, ...], size: CardSize, prefix: str = "Sources: ", more: str = "+{n} more"
) -> tuple[tuple[str, ...], int]:
    """As many source names as fit under the QR code, with "+n more" when some are left
    out: (names shown, how many are not)."""
    for shown in range(len(names), -1, -1):
        rest = len(names) - shown
        text = prefix + "; ".join(names[:shown]) + (" " + more.format(n=rest) if rest else "")
        if text_lines(text, size.inner_width) <= size.source_lines:
            return names[:shown], rest
    return (), len(names)


_ACRONYM = re.compile(r"\(([A-Z][A-Za-z0-9&/-]{2,11})\)")


def short_source_name(author: str, year: int | None) -> str:
    """A source's name as short as a card needs: "Substance Abuse and Mental Health
    Services Administration (SAMHSA)", 2018 -> "SAMHSA 2018"."""
    acronym = _ACRONYM.search(author)
    name = acronym.group(1) if acronym else author.split(",")[0].split(" (")[0].strip()
    return f"{name} {year}" if year else name
