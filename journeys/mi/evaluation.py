"""Scoring the coder on labelled data and timing it; `journeys mi evaluate` prints this.

The first lines of each block are a contract other tools read:
    therapist_macro_f1: 0.xxx   client_macro_f1: 0.xxx   latency_p50_ms: x.x
"""

import statistics
import time
from collections.abc import Callable, Sequence

from sklearn.metrics import confusion_matrix, f1_score

from journeys.mi.annomi import MAIN_CODES, SUBTYPES, TALK_TYPES, Data
from journeys.mi.coder import ReplyRejected, code_reply
from journeys.mi.model import WordModel
from journeys.mi.training import (
    Predictions,
    join_all,
    onnx_probabilities,
    predictions,
    word_probabilities,
)


def macro_f1(gold: Sequence[str], predicted: Sequence[str], labels: Sequence[str]) -> float:
    present = [label for label in labels if label in gold or label in predicted]
    return float(f1_score(gold, predicted, labels=present, average="macro", zero_division=0))


def shipped_predictions(words: WordModel, data: Data) -> Predictions:
    """What the shipped coder (word model and ONNX network together) says about the data."""
    words_t, words_c = word_probabilities(words, data)
    network_t, network_c = onnx_probabilities(data)
    return predictions(data, join_all(words_t, network_t), join_all(words_c, network_c))


def report_lines(predictions: Predictions) -> list[str]:
    gold, predicted = predictions.main
    lines = [f"therapist_macro_f1: {macro_f1(gold, predicted, MAIN_CODES):.3f}"]
    if gold:
        per_class = f1_score(
            gold, predicted, labels=list(MAIN_CODES), average=None, zero_division=0
        )
        lines += [
            f"  f1 {label}: {value:.3f}" for label, value in zip(MAIN_CODES, per_class, strict=True)
        ]
        lines.append("  confusion (rows gold, columns predicted: " + ", ".join(MAIN_CODES) + ")")
        for label, row in zip(
            MAIN_CODES, confusion_matrix(gold, predicted, labels=list(MAIN_CODES)), strict=True
        ):
            lines.append(f"    {label:<16}" + "".join(f"{n:>7}" for n in row))
    lines.append(f"  therapist utterances: {len(gold)}")
    for behaviour, key in (
        ("question", "open_closed"),
        ("reflection", "simple_complex"),
        ("therapist_input", "input_subtype"),
    ):
        sub_gold, sub_predicted = predictions.subtypes[behaviour]
        lines.append(
            f"{key}_macro_f1: {macro_f1(sub_gold, sub_predicted, SUBTYPES[behaviour]):.3f} "
            f"(on {len(sub_gold)} gold {behaviour} items)"
        )
    client_gold, client_predicted = predictions.client
    lines.append(f"client_macro_f1: {macro_f1(client_gold, client_predicted, TALK_TYPES):.3f}")
    if client_gold:
        per_class = f1_score(
            client_gold, client_predicted, labels=list(TALK_TYPES), average=None, zero_division=0
        )
        lines += [
            f"  f1 {label}: {value:.3f}" for label, value in zip(TALK_TYPES, per_class, strict=True)
        ]
    lines.append(f"  client utterances: {len(client_gold)}")
    return lines


def latency_lines(
    data: Data, samples: int = 300, clock: Callable[[], float] = time.perf_counter
) -> list[str]:
    """Time code_reply one reply at a time, as the practice page calls it (model loaded)."""
    code_reply("Okay.")  # load the models first
    timings = []
    for item in data.therapist[:samples]:
        start = clock()
        try:
            code_reply(item.text[:1000], item.client)
        except ReplyRejected:
            continue  # an utterance the coder refuses (no words, another language) is not timed
        timings.append((clock() - start) * 1000)
    if not timings:
        return ["latency_p50_ms: n/a"]
    timings.sort()
    p95 = timings[min(len(timings) - 1, int(0.95 * len(timings)))]
    return [
        f"latency_p50_ms: {statistics.median(timings):.1f}",
        f"latency_p95_ms: {p95:.1f}",
        f"  timed replies: {len(timings)} (one at a time, one CPU thread)",
    ]
