"""A pre/post report from stored responses: who paired with whom, every figure, what was
left out and why. Plain data in and out; the views render it, plots.py draws it.

Rules (docs/assessments.md explains them to trainers):
- responses pair within one measurement by their pairing key; a key used twice in the
  same phase pairs with nothing (we cannot tell whose answers are whose), and those
  responses count only in the unpaired figures;
- a figure over fewer than MIN_GROUP people is not shown, to protect anonymity; fewer
  than SMALL_SAMPLE pairs is flagged: only large effects can be detected (Lakens 2013);
- a scale score needs every item of it answered; a pair without it is left out of that
  figure and counted as such.
"""

from collections import Counter, defaultdict
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from datetime import date
from typing import Any

from django.utils import formats
from django.utils.translation import gettext as _

from journeys.assessments import scoring, stats
from journeys.assessments.questionnaire import FOLLOW_UP, POST, PRE, Definition

MIN_GROUP = 5
SMALL_SAMPLE = 15


@dataclass(frozen=True)
class StoredResponse:
    id: int
    measurement: int
    phase: str
    form: str
    pair_key: str
    answers: Mapping[str, Any]


@dataclass(frozen=True)
class Cohort:
    id: int
    title: str
    date: date


@dataclass
class Outcome:
    key: str  # "knowledge", "objective:<id>", "subscale:<id>", "attitude", "scale:<slug>", ...
    name: str
    unit: str  # "percent" or "points"
    low: float
    high: float
    pairs: int = 0  # pairs with a score before and after
    left_out: int = 0  # pairs without one (unanswered items)
    result: stats.Paired | None = None  # None when suppressed
    p_holm: float | None = None
    sentence: str = ""
    pre_values: list[float] = field(default_factory=list)
    post_values: list[float] = field(default_factory=list)

    @property
    def suppressed(self) -> bool:
        return self.pairs < MIN_GROUP

    @property
    def small(self) -> bool:
        return MIN_GROUP <= self.pairs < SMALL_SAMPLE


@dataclass(frozen=True)
class Exclusion:
    reason: str
    count: int


@dataclass
class Report:
    title: str
    cohorts: list[Cohort]
    counts: dict[str, int]
    exclusions: list[Exclusion]
    knowledge: list[Outcome]
    attitude: list[Outcome]
    attitude_items: list[Outcome]
    scales: list[Outcome]
    follow_up: list[Outcome]
    behaviour: list[tuple[str, stats.Summary]]
    unpaired: list[tuple[str, stats.Summary, stats.Summary]]
    items: list[dict[str, Any]]
    reaction: list[tuple[str, stats.Summary]]
    reaction_texts: list[str]
    alphas: list[tuple[str, float | None, int]]
    over_time: list[dict[str, Any]]

    @property
    def suppressed(self) -> bool:
        return self.counts["pairs"] < MIN_GROUP


def text_in(texts: Mapping[str, str], language: str) -> str:
    return texts.get(language) or texts.get("en") or ""


def _short(text: str, length: int = 70) -> str:
    return text if len(text) <= length else text[: length - 1].rsplit(" ", 1)[0] + "…"


def pair_up(
    responses: Sequence[StoredResponse], second: str
) -> tuple[list[tuple[StoredResponse, StoredResponse]], Counter[str]]:
    """Pairs of (before, `second`) within each measurement, and counts of what did not pair."""
    groups: dict[tuple[int, str, str], list[StoredResponse]] = defaultdict(list)
    for response in responses:
        groups[(response.measurement, response.phase, response.pair_key)].append(response)
    unpaired: Counter[str] = Counter()
    single = {}
    for (measurement, phase, key), members in groups.items():
        if len(members) > 1:
            unpaired[f"twice:{phase}"] += len(members)
        else:
            single[(measurement, phase, key)] = members[0]
    pairs = []
    for (measurement, phase, key), response in single.items():
        if phase != second:
            continue
        before = single.get((measurement, PRE, key))
        if before is None:
            unpaired[f"alone:{second}"] += 1
        else:
            pairs.append((before, response))
    return pairs, unpaired


def exportable(responses: Sequence[StoredResponse]) -> list[StoredResponse]:
    """What one group's CSV may hold, by the rule that hides the report's figures: nothing
    while fewer than MIN_GROUP people answered both before and after, and no phase that
    fewer than MIN_GROUP answered (a lone follow-up). Item-level rows identify people
    more easily than any figure, so they follow the same rule."""
    pairs, _unpaired = pair_up(responses, POST)
    if len(pairs) < MIN_GROUP:
        return []
    answered = Counter(response.phase for response in responses)
    return [response for response in responses if answered[response.phase] >= MIN_GROUP]


def number(value: float, decimals: int) -> str:
    """A figure as the reader's language writes it: 0.72 in English, 0,72 in Dutch."""
    return str(formats.number_format(round(value, decimals), decimals))


def _sentence(outcome: Outcome) -> str:
    result = outcome.result
    if result is None or result.pre.mean is None or result.post.mean is None:
        return ""
    if outcome.unit == "percent":
        before, after = f"{number(result.pre.mean, 0)}%", f"{number(result.post.mean, 0)}%"
    else:
        before, after = number(result.pre.mean, 1), number(result.post.mean, 1)
    values = {
        "name": outcome.name,
        "pre": before,
        "post": after,
        "n": outcome.pairs,
        "low": number(outcome.low, 0),
        "high": number(outcome.high, 0),
    }
    if result.dz is None or result.dz_ci is None or result.p is None:
        return (
            _("%(name)s: %(pre)s before and %(post)s after for everyone alike; n = %(n)d pairs.")
            % values
        )
    values.update(
        dz=number(result.dz, 2),
        ci_low=number(result.dz_ci[0], 2),
        ci_high=number(result.dz_ci[1], 2),
        p=number(result.p, 3),
        size=EFFECT_WORDS[stats.effect_label(result.dz)](),
    )
    scale = (
        _("%(pre)s to %(post)s correct")
        if outcome.unit == "percent"
        else _("%(pre)s to %(post)s on a %(low)s–%(high)s scale")
    ) % values
    values["scale"] = scale
    if result.p >= 0.05:
        return (
            _(
                "%(name)s: from %(scale)s, not a clear change at this sample size "
                "(dz = %(dz)s, 95%% CI %(ci_low)s to %(ci_high)s, p = %(p)s), n = %(n)d pairs."
            )
            % values
        )
    if result.dz > 0:
        text = _(
            "%(name)s rose from %(scale)s, a %(size)s effect "
            "(dz = %(dz)s, 95%% CI %(ci_low)s to %(ci_high)s), n = %(n)d pairs."
        )
    else:
        text = _(
            "%(name)s fell from %(scale)s, a %(size)s effect "
            "(dz = %(dz)s, 95%% CI %(ci_low)s to %(ci_high)s), n = %(n)d pairs."
        )
    return text % values


EFFECT_WORDS = {
    "negligible": lambda: _("negligible"),
    "small": lambda: _("small"),
    "medium": lambda: _("medium"),
    "large": lambda: _("large"),
}


def paired_outcome(
    outcome: Outcome,
    pairs: Sequence[tuple[Mapping[str, float | None], Mapping[str, float | None]]],
) -> Outcome:
    before, after, left_out = [], [], 0
    for first, second in pairs:
        a, b = first.get(outcome.key), second.get(outcome.key)
        if a is None or b is None:
            left_out += 1 if (outcome.key in first or outcome.key in second) else 0
            continue
        before.append(a)
        after.append(b)
    outcome.pairs, outcome.left_out = len(before), left_out
    if not outcome.suppressed:
        outcome.result = stats.paired(before, after)
        outcome.pre_values, outcome.post_values = before, after
        outcome.sentence = _sentence(outcome)
    return outcome


def _holm(outcomes: Sequence[Outcome]) -> None:
    adjusted = stats.holm([o.result.p if o.result else None for o in outcomes])
    for outcome, p in zip(outcomes, adjusted, strict=True):
        outcome.p_holm = p


def build_report(
    title: str,
    definition: Definition,
    objectives: Sequence[Mapping[str, Any]],
    cohorts: Sequence[Cohort],
    responses: Sequence[StoredResponse],
    scales: Sequence[Mapping[str, Any]] = (),
    language: str = "en",
) -> Report:
    """Everything a report shows. `objectives`: the training's, in order ({"id", "text"})."""
    scores = {
        r.id: scoring.response_scores(definition, r.form, r.answers, scales) for r in responses
    }
    counts = Counter(r.phase for r in responses)
    post_pairs, post_unpaired = pair_up([r for r in responses if r.phase in (PRE, POST)], POST)
    follow_pairs, follow_unpaired = pair_up(
        [r for r in responses if r.phase in (PRE, FOLLOW_UP)], FOLLOW_UP
    )
    paired_pre = {before.id for before, _after in post_pairs}
    twice = (
        post_unpaired["twice:pre"]
        + post_unpaired["twice:post"]
        + follow_unpaired["twice:follow-up"]
    )
    exclusions = []
    if twice:
        exclusions.append(
            Exclusion(
                _(
                    "A code was entered more than once in the same phase: these responses "
                    "are not paired (we cannot tell whose is whose) and count only in the "
                    "unpaired figures."
                ),
                twice,
            )
        )
    if post_unpaired[f"alone:{POST}"]:
        exclusions.append(
            Exclusion(
                _("After without a before (no matching code): counted in the unpaired figures."),
                post_unpaired[f"alone:{POST}"],
            )
        )
    pre_alone = counts[PRE] - len(paired_pre) - post_unpaired["twice:pre"]
    if pre_alone:
        exclusions.append(
            Exclusion(
                _(
                    "Before without an after (left early, or a different code): "
                    "counted in the unpaired figures."
                ),
                pre_alone,
            )
        )
    if follow_unpaired[f"alone:{FOLLOW_UP}"]:
        exclusions.append(
            Exclusion(
                _("Follow-up without a before: counted in the follow-up figures only."),
                follow_unpaired[f"alone:{FOLLOW_UP}"],
            )
        )
    gaps = sum(
        1
        for r in responses
        if r.phase != FOLLOW_UP and scoring.unanswered_knowledge(definition, r.form, r.answers)
    )
    if gaps:
        exclusions.append(
            Exclusion(
                _(
                    "Responses with unanswered knowledge questions: "
                    "those questions count as not known."
                ),
                gaps,
            )
        )

    def by_id(pairs: Sequence[tuple[StoredResponse, StoredResponse]]) -> list[tuple[Any, Any]]:
        return [(scores[a.id], scores[b.id]) for a, b in pairs]

    pairs = by_id(post_pairs)
    knowledge = [Outcome("knowledge", _("Knowledge (all questions)"), "percent", 0, 100)]
    for position, objective in enumerate(objectives, start=1):
        name = _("Objective %(n)d (%(text)s)") % {
            "n": position,
            "text": _short(text_in(objective["text"], language)),
        }
        knowledge.append(Outcome(f"objective:{objective['id']}", name, "percent", 0, 100))
    knowledge = [paired_outcome(o, pairs) for o in knowledge]
    _holm(knowledge[1:])

    attitude_definition = definition["attitude"]
    attitude = [
        Outcome(f"subscale:{s['id']}", text_in(s["name"], language), "points", 1, 5)
        for s in attitude_definition["subscales"]
    ] + [Outcome("attitude", _("Attitude (all statements)"), "points", 1, 5)]
    attitude = [paired_outcome(o, pairs) for o in attitude]
    _holm(attitude[:-1])
    attitude_items = [
        paired_outcome(
            Outcome(
                f"attitude-item:{i['id']}",
                _short(text_in(i["text"], language), 90) + (" (R)" if i["reverse"] else ""),
                "points",
                1,
                5,
            ),
            pairs,
        )
        for i in attitude_definition["items"]
    ]
    _holm(attitude_items)
    scale_outcomes = []
    for scale in scales:
        low, high = scale["points"]
        factor = len(scale["items"]) if scale["score"] == "sum" else 1
        scale_outcomes.append(
            Outcome(f"scale:{scale['slug']}", scale["name"], "points", low * factor, high * factor)
        )
        for sub in scale.get("subscales", []):
            sub_factor = len(sub["items"]) if scale["score"] == "sum" else 1
            scale_outcomes.append(
                Outcome(
                    f"scale:{scale['slug']}:{sub['id']}",
                    f"{scale['name']}: {text_in(sub['name'], language)}",
                    "points",
                    low * sub_factor,
                    high * sub_factor,
                )
            )
    scale_outcomes = [paired_outcome(o, pairs) for o in scale_outcomes]

    follow = by_id(follow_pairs)
    follow_up = [
        paired_outcome(Outcome(o.key, o.name, o.unit, o.low, o.high), follow)
        for o in attitude + [Outcome(s.key, s.name, s.unit, s.low, s.high) for s in scale_outcomes]
    ]
    follow_responses = [scores[r.id] for r in responses if r.phase == FOLLOW_UP]
    behaviour = []
    for item in definition["follow_up"]:
        values = present(follow_responses, f"behaviour:{item['id']}")
        behaviour.append((text_in(item["text"], language), _shown(stats.summarise(values))))

    paired_ids = {r.id for pair in post_pairs for r in pair}
    unpaired = []
    for outcome in knowledge[:1] + attitude:
        alone = {
            phase: present(
                [scores[r.id] for r in responses if r.phase == phase and r.id not in paired_ids],
                outcome.key,
            )
            for phase in (PRE, POST)
        }
        if alone[PRE] or alone[POST]:
            unpaired.append(
                (
                    outcome.name,
                    _shown(stats.summarise(alone[PRE])),
                    _shown(stats.summarise(alone[POST])),
                )
            )

    items = []
    for form in ("a", "b"):
        for item in definition["knowledge"][f"form_{form}"]:
            row: dict[str, Any] = {
                "id": item["id"],
                "form": form.upper(),
                "question": text_in(item["question"], language),
                "objective": next(
                    (i for i, o in enumerate(objectives, start=1) if o["id"] == item["objective"]),
                    None,
                ),
            }
            for phase in (PRE, POST):
                values = present(
                    [scores[r.id] for r in responses if r.phase == phase and r.form == form],
                    f"knowledge-item:{item['id']}",
                )
                shown = len(values) >= MIN_GROUP
                row[phase] = round(sum(values) / len(values)) if shown else None
                row[f"{phase}_n"] = len(values)
            items.append(row)

    post_responses = [r for r in responses if r.phase == POST]
    reaction = []
    texts: list[str] = []
    for item in definition["reaction"]:
        if item["kind"] == "rating":
            values = present([scores[r.id] for r in post_responses], f"reaction:{item['id']}")
            reaction.append((text_in(item["text"], language), _shown(stats.summarise(values))))
        else:
            texts += [
                r.answers[item["id"]]
                for r in post_responses
                if isinstance(r.answers.get(item["id"]), str)
            ]
    if len(post_responses) < MIN_GROUP:
        texts = []

    alphas = []
    pre_scores = [scores[r.id] for r in responses if r.phase == PRE]
    for subscale in attitude_definition["subscales"]:
        ids = [i["id"] for i in attitude_definition["items"] if i["subscale"] == subscale["id"]]
        rows = [
            answered
            for s in pre_scores
            if len(answered := present([s], *[f"attitude-item:{i}" for i in ids])) == len(ids)
        ]
        alphas.append(
            (
                text_in(subscale["name"], language),
                stats.cronbach_alpha(rows) if len(rows) >= MIN_GROUP else None,
                len(rows),
            )
        )

    over_time = []
    for cohort in sorted(cohorts, key=lambda c: c.date):
        mine = [(a, b) for a, b in post_pairs if a.measurement == cohort.id]
        row = {
            "title": cohort.title,
            "date": cohort.date,
            "pairs": len(mine),
            "pre": None,
            "post": None,
            "dz": None,
        }
        if len(mine) >= MIN_GROUP:
            result = stats.paired(
                [scores[a.id]["knowledge"] or 0 for a, _b in mine],
                [scores[b.id]["knowledge"] or 0 for _a, b in mine],
            )
            row.update(pre=result.pre.mean, post=result.post.mean, dz=result.dz)
        over_time.append(row)

    return Report(
        title=title,
        cohorts=list(cohorts),
        counts={
            "pre": counts[PRE],
            "post": counts[POST],
            "follow_up": counts[FOLLOW_UP],
            "pairs": len(post_pairs),
            "follow_up_pairs": len(follow_pairs),
        },
        exclusions=exclusions,
        knowledge=knowledge,
        attitude=attitude,
        attitude_items=attitude_items,
        scales=scale_outcomes,
        follow_up=follow_up,
        behaviour=behaviour,
        unpaired=unpaired,
        items=items,
        reaction=reaction,
        reaction_texts=texts,
        alphas=alphas,
        over_time=over_time,
    )


def present(rows: Sequence[Mapping[str, float | None]], *keys: str) -> list[float]:
    """The values under `keys` in each row, leaving out the missing ones."""
    return [value for row in rows for key in keys if (value := row.get(key)) is not None]


def _shown(summary: stats.Summary) -> stats.Summary:
    """A group too small to show keeps only its size."""
    return summary if summary.n >= MIN_GROUP else stats.Summary(summary.n, None, None)
