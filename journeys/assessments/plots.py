"""The report's pictures, drawn with matplotlib as SVG (sharp on screen and in the PDF).
Each returns a data URI for an <img>, or "" when there is nothing to show; the page
gives each picture a text alternative and the same figures in a table."""

import base64
import io
from collections.abc import Sequence
from dataclasses import dataclass
from functools import cache
from typing import TYPE_CHECKING, Any

from journeys.assessments.report import Outcome

BEFORE = "#8a8f98"
AFTER = "#1d6fa5"
if TYPE_CHECKING:
    from matplotlib.figure import Figure


@cache
def pyplot() -> Any:
    """matplotlib's pyplot, imported by the first report drawn: some 40 MB that a worker
    serving only pages never needs (docs/performance.md)."""
    import matplotlib

    matplotlib.use("Agg")  # no display: draw to files only
    from matplotlib import pyplot as plt

    plt.rcParams.update({"font.family": "DejaVu Sans", "font.size": 9, "svg.fonttype": "none"})
    return plt


def _uri(figure: "Figure") -> str:
    buffer = io.BytesIO()
    figure.savefig(buffer, format="svg", bbox_inches="tight")
    pyplot().close(figure)
    return "data:image/svg+xml;base64," + base64.b64encode(buffer.getvalue()).decode()


def before_after(outcomes: Sequence[Outcome], before: str, after: str, unit: str) -> str:
    """A dot for before and after per outcome, joined by a line: the change at a glance."""
    shown = [o for o in outcomes if o.result and o.result.pre.mean is not None]
    if not shown:
        return ""
    figure, axes = pyplot().subplots(figsize=(6.5, 0.45 * len(shown) + 0.9))
    for row, outcome in enumerate(reversed(shown)):
        pre, post = _means(outcome)
        axes.plot([pre, post], [row, row], color="#c7ccd3", linewidth=3, zorder=1)
        axes.scatter([pre], [row], color=BEFORE, s=40, zorder=2, label=before if row == 0 else None)
        axes.scatter([post], [row], color=AFTER, s=40, zorder=3, label=after if row == 0 else None)
    axes.set_yticks(range(len(shown)), [_wrap(o.name) for o in reversed(shown)])
    low, high = shown[0].low, shown[0].high
    axes.set_xlim(low, high)
    axes.set_xlabel(unit)
    axes.grid(axis="x", color="#eeeeee")
    axes.spines[["top", "right"]].set_visible(False)
    axes.legend(loc="lower center", bbox_to_anchor=(0.5, 1.0), ncol=2, frameon=False)
    return _uri(figure)


def _means(outcome: Outcome) -> tuple[float, float]:
    result = outcome.result
    if result is None or result.pre.mean is None or result.post.mean is None:
        raise ValueError(f"{outcome.key} has no figures to plot")
    return result.pre.mean, result.post.mean


@dataclass(frozen=True)
class Band:
    """One bar pair of the histogram: how many people scored from low up to high."""

    low: float
    high: float
    before: int
    after: int


def score_bands(outcome: Outcome, count: int = 10) -> list[Band]:
    """The histogram's figures: ten equal bands from the lowest to the highest score (the
    last includes the highest), people per band before and after. The page shows them as
    a table and in the picture's text alternative."""
    width = (outcome.high - outcome.low) / count
    edges = [outcome.low + width * i for i in range(count + 1)]

    def tally(values: Sequence[float]) -> list[int]:
        counts = [0] * count
        for value in values:
            counts[min(int((value - outcome.low) // width), count - 1)] += 1
        return counts

    before, after = tally(outcome.pre_values), tally(outcome.post_values)
    return [Band(edges[i], edges[i + 1], before[i], after[i]) for i in range(count)]


def distribution(outcome: Outcome, before: str, after: str, unit: str) -> str:
    """Histograms of everyone's score before and after: did the whole group move? Before
    is dotted and after striped, so the two tell apart without colour too."""
    if not outcome.pre_values:
        return ""
    figure, axes = pyplot().subplots(figsize=(6.5, 2.4))
    bins = [outcome.low + (outcome.high - outcome.low) * i / 10 for i in range(11)]
    axes.hist(outcome.pre_values, bins=bins, color=BEFORE, alpha=0.6, hatch="..", label=before)
    axes.hist(outcome.post_values, bins=bins, color=AFTER, alpha=0.6, hatch="//", label=after)
    axes.set_xlabel(unit)
    axes.set_ylabel("n")
    axes.spines[["top", "right"]].set_visible(False)
    axes.legend(frameon=False)
    return _uri(figure)


def item_difficulty(rows: Sequence[dict[str, object]], before: str, after: str, unit: str) -> str:
    """Percent correct per knowledge question before and after (question ids on the axis)."""
    shown = [r for r in rows if r["pre"] is not None or r["post"] is not None]
    if not shown:
        return ""
    figure, axes = pyplot().subplots(figsize=(6.5, 0.28 * len(shown) + 0.9))
    positions = range(len(shown))
    pre = [float(r["pre"]) if r["pre"] is not None else 0.0 for r in reversed(shown)]  # type: ignore[arg-type]
    post = [float(r["post"]) if r["post"] is not None else 0.0 for r in reversed(shown)]  # type: ignore[arg-type]
    axes.barh([p + 0.2 for p in positions], pre, height=0.4, color=BEFORE, label=before)
    axes.barh([p - 0.2 for p in positions], post, height=0.4, color=AFTER, label=after)
    axes.set_yticks(list(positions), [f"{r['form']} {r['id']}" for r in reversed(shown)])
    axes.set_xlim(0, 100)
    axes.set_xlabel(unit)
    axes.spines[["top", "right"]].set_visible(False)
    axes.legend(loc="lower center", bbox_to_anchor=(0.5, 1.0), ncol=2, frameon=False)
    return _uri(figure)


def _wrap(text: str, width: int = 38) -> str:
    words, lines, line = text.split(), [], ""
    for word in words:
        if line and len(line) + len(word) + 1 > width:
            lines.append(line)
            line = word
        else:
            line = f"{line} {word}".strip()
    lines.append(line)
    return "\n".join(lines[:3])
