"""The combination checker: plain data in, plain data out, no database.

A substance belongs to one or more interaction groups (sertraline -> SSRIs, tramadol ->
tramadol and opioids). For each pair of substances every pair of their groups is looked
up; the worst rated status wins. Pairs the table does not rate are reported as such:
a missing warning does not mean a combination is safe.

Names are compared loosely (case, accents' forms, spaces, hyphens and slashes aside:
"5-MeO-DMT" is "5 meo dmt", "GHB/GBL" is "ghb gbl"), and a name that is not known as
typed is tried in the singular or plural ("nitazene", "benzo").
"""

import difflib
import re
import unicodedata
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from itertools import combinations
from typing import Literal

from django.utils.translation import gettext as _

from journeys.knowledge.vocabulary import STATUS_INFO, Status

MIN_SUBSTANCES = 2
MAX_SUBSTANCES = 6
MAX_NAME_LENGTH = 60
MAX_INPUT_LENGTH = 600

Text = Mapping[str, str]  # {"en": ..., "nl": ...}


@dataclass(frozen=True)
class SubstanceRef:
    slug: str
    name: Text
    groups: tuple[str, ...]
    names: tuple[str, ...] = ()  # every name that finds it


RatedBy = Literal["tripsit", "journeys"]


@dataclass(frozen=True)
class Rule:
    """A rated pair of interaction groups: TripSit's rating, or our own (where TripSit
    has none, or where we deviate from it with a reason and sources)."""

    groups: tuple[str, str]
    status: Status
    mechanism: str
    mechanism_text: Text
    note: Text | None
    sources: tuple[str, ...]
    deviation: Mapping[str, object] | None = None
    rated_by: RatedBy = "tripsit"


@dataclass(frozen=True)
class InteractionTable:
    substances: Mapping[str, SubstanceRef]
    rules: Mapping[frozenset[str], Rule]
    group_names: Mapping[str, Text]
    names: Mapping[str, str] = field(init=False)  # name_key(name) -> slug
    spellings: tuple[str, ...] = field(init=False)  # each name once, as written, for lists

    def __post_init__(self) -> None:
        names: dict[str, str] = {}
        spellings: dict[str, str] = {}
        for substance in self.substances.values():
            for name in (*substance.name.values(), *substance.names, substance.slug):
                # The content check refuses a name that finds two entries.
                names.setdefault(name_key(name), substance.slug)
                spellings.setdefault(name_key(name), name)
        object.__setattr__(self, "names", names)
        object.__setattr__(self, "spellings", tuple(sorted(spellings.values(), key=str.casefold)))

    def find(self, name: str) -> str | None:
        """The slug a typed name finds: as typed, else in the singular or plural."""
        key = name_key(name)
        if key in self.names:
            return self.names[key]
        if len(key) < 4:  # "g" and "k" are names; "gs" and "ks" are not
            return None
        for variant in (key[:-1] if key.endswith("s") else None, key + "s", key + "es"):
            if variant and variant in self.names:
                return self.names[variant]
        return None


PairKind = Literal["rated", "same-group", "no-data"]


@dataclass(frozen=True)
class PairResult:
    first: SubstanceRef
    second: SubstanceRef
    kind: PairKind
    rule: Rule | None = None
    shared_group: str | None = None  # for "same-group"

    @property
    def status(self) -> Status | None:
        return self.rule.status if self.rule else None


@dataclass(frozen=True)
class CombinationResult:
    substances: tuple[SubstanceRef, ...]
    pairs: tuple[PairResult, ...]

    @property
    def worst(self) -> Status | None:
        rated = [pair.status for pair in self.pairs if pair.status is not None]
        return max(rated, key=lambda status: STATUS_INFO[status].severity, default=None)


@dataclass(frozen=True)
class InputProblem:
    message: str
    entry: str = ""
    suggestions: tuple[str, ...] = ()


class CombinationError(Exception):
    def __init__(self, problems: list[InputProblem]) -> None:
        self.problems = problems
        super().__init__("; ".join(problem.message for problem in problems))


_SPACES = re.compile(r"\s+")
_NOT_LETTERS_OR_DIGITS = re.compile(r"[\W_]+")


def normalise(name: str) -> str:
    """Unicode-normalised, case-folded, single-spaced: how search text is stored."""
    return _SPACES.sub(" ", unicodedata.normalize("NFKC", name)).strip().casefold()


def name_key(name: str) -> str:
    """How the checker compares names: normalised, then letters and digits only, so
    "5-MeO-DMT", "5 MeO DMT" and "5meodmt" are one name, as are "GHB/GBL" and "ghb gbl"."""
    return _NOT_LETTERS_OR_DIGITS.sub("", normalise(name))


def split_names(text: str) -> list[str]:
    """ "ghb, alcohol" -> ["ghb", "alcohol"]; commas, semicolons and '+' separate."""
    if len(text) > MAX_INPUT_LENGTH:
        raise CombinationError(
            [InputProblem(_("The list is too long (at most %d characters).") % MAX_INPUT_LENGTH)]
        )
    return [part for part in re.split(r"[,;+\n]", text) if part.strip()]


def check_combination(table: InteractionTable, entries: Sequence[str]) -> CombinationResult:
    """Resolve 2-6 names and rate every pair. Raises CombinationError with every
    problem in the input (unknown names come with suggestions)."""
    substances = resolve(table, entries)
    pairs = tuple(rate_pair(table, a, b) for a, b in combinations(substances, 2))
    return CombinationResult(substances=tuple(substances), pairs=pairs)


def resolve(table: InteractionTable, entries: Sequence[str]) -> list[SubstanceRef]:
    problems: list[InputProblem] = []
    entries = [entry for entry in entries if entry.strip()]
    if len(entries) < MIN_SUBSTANCES:
        raise CombinationError([InputProblem(_("Enter at least two substances."))])
    if len(entries) > MAX_SUBSTANCES:
        raise CombinationError(
            [InputProblem(_("Check at most %d substances at a time.") % MAX_SUBSTANCES)]
        )
    found: dict[str, SubstanceRef] = {}
    for entry in entries:
        problem = _entry_problem(entry)
        if problem:
            problems.append(problem)
            continue
        slug = table.find(entry)
        if slug is None:
            problems.append(
                InputProblem(
                    _("We don't know “%s”.") % entry.strip(),
                    entry.strip(),
                    suggest(table, entry),
                )
            )
        elif slug in found:
            problems.append(
                InputProblem(
                    _("“%(entry)s” is the same substance as %(name)s; list it once.")
                    % {"entry": entry.strip(), "name": found[slug].name["en"]},
                    entry.strip(),
                )
            )
        else:
            found[slug] = table.substances[slug]
    if problems:
        raise CombinationError(problems)
    return list(found.values())


def _entry_problem(entry: str) -> InputProblem | None:
    shown = entry.strip()[:MAX_NAME_LENGTH]
    if len(entry.strip()) > MAX_NAME_LENGTH:
        return InputProblem(
            _("A name can be at most %d characters long.") % MAX_NAME_LENGTH, shown + "…"
        )
    if any(unicodedata.category(char) in {"Cc", "Cf", "Co", "Cs", "Cn"} for char in entry):
        return InputProblem(_("“%s” contains characters that cannot be a name.") % shown, shown)
    return None


def suggest(table: InteractionTable, entry: str, limit: int = 3) -> tuple[str, ...]:
    """Display names of the substances whose names are closest to `entry`."""
    wanted = name_key(entry)
    close = difflib.get_close_matches(wanted, list(table.names), n=limit * 3, cutoff=0.6)
    close += [name for name in table.names if wanted and wanted in name]
    slugs = list(dict.fromkeys(table.names[name] for name in close))[:limit]
    return tuple(table.substances[slug].name["en"] for slug in slugs)


def rate_pair(table: InteractionTable, first: SubstanceRef, second: SubstanceRef) -> PairResult:
    rules = [
        rule
        for a in first.groups
        for b in second.groups
        if a != b and (rule := table.rules.get(frozenset((a, b)))) is not None
    ]
    if rules:
        # max keeps the first of equally serious rules, and a substance's own row comes
        # first in its groups: tramadol + pregabalin shows the tramadol rule, not opioids'.
        worst = max(rules, key=lambda rule: STATUS_INFO[rule.status].severity)
        return PairResult(first, second, "rated", rule=worst)
    shared = next((group for group in first.groups if group in second.groups), None)
    if shared:
        return PairResult(first, second, "same-group", shared_group=shared)
    return PairResult(first, second, "no-data")


def build_table(
    substances: Iterable[SubstanceRef], rules: Iterable[Rule], group_names: Mapping[str, Text]
) -> InteractionTable:
    return InteractionTable(
        substances={substance.slug: substance for substance in substances},
        rules={frozenset(rule.groups): rule for rule in rules},
        group_names=dict(group_names),
    )
