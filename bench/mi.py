"""Benchmark the MI coder: how long one reply takes to code, on one CPU thread.

    python bench/mi.py [--runs 5]

English replies go through the word model and the ONNX network, Dutch ones through the
rules; the worst case for the rules is 20,000 characters of repetitive text. Each run
codes every reply of our labelled sets (tests/mi/data) once, after a warm-up: as one
unit (code_reply) and, as the practice pages do, split into utterances and each coded
(code_utterances, the "_utterances" rows). Prints a table (figure, value, target) with
medians over the runs; the last line is `latency_p50_ms: X` for English replies coded
as one unit.
"""

import argparse
import statistics
import sys
import time
from pathlib import Path

import yaml

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
DATA = ROOT / "tests" / "mi" / "data"


def replies(name: str) -> list[tuple[str, str]]:
    items = yaml.safe_load((DATA / name).read_text(encoding="utf-8"))
    return [(item["reply"], item.get("client") or "") for item in items]


def timed(function, arguments) -> list[float]:  # type: ignore[no-untyped-def]
    timings = []
    for argument in arguments:
        start = time.perf_counter()
        function(*argument)
        timings.append((time.perf_counter() - start) * 1000)
    return sorted(timings)


def percentile(values: list[float], share: float) -> float:
    return values[min(len(values) - 1, int(share * len(values)))]


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=5)
    args = parser.parse_args()

    from journeys.mi.coder import code_reply
    from journeys.mi.dutch import analyse, normalise
    from journeys.mi.utterances import code_utterances

    english, dutch = replies("replies_en.yaml"), replies("replies_nl.yaml")
    long_texts = [
        ("Je drinkt vooral in het weekend, maar je wilt minderen. " * 400)[:20_000],
        ("je bent gewoon echt " * 1_000)[:20_000],
        ("je kunt " * 2_500)[:20_000],
        "?!" * 10_000,
        "a" * 20_000,
    ]
    for reply, client in english[:5] + dutch[:5]:
        code_reply(reply, client)  # load the models
    figures: dict[str, list[float]] = {}
    for _ in range(args.runs):
        en = timed(code_reply, english)
        nl = timed(code_reply, dutch)
        en_split = timed(code_utterances, english)
        nl_split = timed(code_utterances, dutch)
        worst = timed(
            lambda t: analyse(normalise(t), "Ik drink te veel."), [(t,) for t in long_texts]
        )
        for name, value in (
            ("english_p50_ms", statistics.median(en)),
            ("english_p95_ms", percentile(en, 0.95)),
            ("dutch_p50_ms", statistics.median(nl)),
            ("english_utterances_p50_ms", statistics.median(en_split)),
            ("english_utterances_p95_ms", percentile(en_split, 0.95)),
            ("dutch_utterances_p50_ms", statistics.median(nl_split)),
            ("dutch_rules_20000_chars_worst_ms", worst[-1]),
        ):
            figures.setdefault(name, []).append(value)
    targets = {
        "english_p50_ms": "<= 20",
        "english_p95_ms": "-",
        "dutch_p50_ms": "<= 20",
        "english_utterances_p50_ms": "<= 20",
        "english_utterances_p95_ms": "-",
        "dutch_utterances_p50_ms": "<= 20",
        "dutch_rules_20000_chars_worst_ms": "<= 50",
    }
    print(f"{'figure':<36}{'value':>10}  target")
    for name, values in figures.items():
        print(f"{name:<36}{statistics.median(values):>10.1f}  {targets[name]}")
    print(f"replies timed per run: {len(english)} English, {len(dutch)} Dutch; runs: {args.runs}")
    print(f"latency_p50_ms: {statistics.median(figures['english_p50_ms']):.1f}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
