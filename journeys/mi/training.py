"""Training the coder on AnnoMI-style data and estimating its accuracy with
cross-validation grouped by source video (no video is in both training and test).

The coder averages two models that err differently: a word model (TF-IDF features, one
logistic regression per decision; seconds to train) and a network (MiniLM fine-tuned on
the same data; network_training.py). Class weights are balanced in both because the
target is macro-F1: rare codes count as much as common ones.
"""

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import numpy as np
from sklearn.linear_model import LogisticRegression
from sklearn.model_selection import GroupKFold

from journeys.mi.annomi import SUBTYPES, Data
from journeys.mi.features import TextFeatures
from journeys.mi.model import WordModel, joined
from journeys.mi.network import NETWORK_FILE, Probabilities, best_label, network_probabilities

C = 1.0  # inverse regularisation; 1 beat 0.3, 3 and 10 in grouped cross-validation
Progress = Callable[[str], None]


def _head(rows: Any, labels: Sequence[str]) -> LogisticRegression:
    return LogisticRegression(C=C, max_iter=5000, class_weight="balanced").fit(rows, labels)


def fit_words(data: Data) -> WordModel:
    therapist, client = data.therapist, data.client
    t_features = TextFeatures.fit([i.text for i in therapist], [i.client for i in therapist])
    t_rows = t_features.transform([i.text for i in therapist], [i.client for i in therapist])
    heads = {"main": _head(t_rows, [i.main for i in therapist])}
    for behaviour in SUBTYPES:
        gold = [n for n, item in enumerate(therapist) if getattr(item, behaviour)]
        heads[behaviour] = _head(t_rows[gold], [getattr(therapist[n], behaviour) for n in gold])
    c_features = TextFeatures.fit([i.text for i in client], [i.therapist for i in client])
    c_rows = c_features.transform([i.text for i in client], [i.therapist for i in client])
    heads["client"] = _head(c_rows, [i.talk for i in client])
    return WordModel(t_features, c_features, heads)


def word_probabilities(
    model: WordModel, data: Data
) -> tuple[list[Probabilities], list[Probabilities]]:
    therapist = (
        model.therapist_probabilities(
            [i.text for i in data.therapist], [i.client for i in data.therapist]
        )
        if data.therapist
        else []
    )
    client = (
        model.client_probabilities(
            [i.text for i in data.client], [i.therapist for i in data.client]
        )
        if data.client
        else []
    )
    return therapist, client


def onnx_probabilities(
    data: Data, path: Path = NETWORK_FILE
) -> tuple[list[Probabilities], list[Probabilities]]:
    """The shipped (or given) ONNX network's probabilities, one utterance at a time."""
    return (
        [network_probabilities(i.text, i.client, path) for i in data.therapist],
        [network_probabilities(i.text, i.therapist, path) for i in data.client],
    )


@dataclass
class Predictions:
    """Gold and predicted labels per decision, for evaluation.py."""

    main: tuple[list[str], list[str]]
    subtypes: dict[str, tuple[list[str], list[str]]]  # on gold items only
    client: tuple[list[str], list[str]]

    @classmethod
    def empty(cls) -> "Predictions":
        return cls(([], []), {b: ([], []) for b in SUBTYPES}, ([], []))

    def extend(self, other: "Predictions") -> None:
        pairs = [(self.main, other.main), (self.client, other.client)]
        pairs += [(self.subtypes[b], other.subtypes[b]) for b in SUBTYPES]
        for mine, theirs in pairs:
            mine[0].extend(theirs[0])
            mine[1].extend(theirs[1])


def predictions(
    data: Data, therapist: list[Probabilities], client: list[Probabilities]
) -> Predictions:
    subtypes = {}
    for behaviour in SUBTYPES:
        gold = [
            (getattr(i, behaviour), p)
            for i, p in zip(data.therapist, therapist, strict=True)
            if getattr(i, behaviour)
        ]
        subtypes[behaviour] = (
            [g for g, _ in gold],
            [best_label(p[behaviour], behaviour) for _, p in gold],
        )
    return Predictions(
        main=([i.main for i in data.therapist], [best_label(p["main"], "main") for p in therapist]),
        subtypes=subtypes,
        client=([i.talk for i in data.client], [best_label(p["client"], "client") for p in client]),
    )


def join_all(words: list[Probabilities], network: list[Probabilities]) -> list[Probabilities]:
    return [joined(w, {h: n[h] for h in w}) for w, n in zip(words, network, strict=True)]


def folds_of(data: Data, folds: int) -> dict[str, int]:
    groups = sorted({i.group for i in data.therapist} | {i.group for i in data.client})
    fold_of = {}
    for fold, (_, test) in enumerate(GroupKFold(folds).split(np.zeros(len(groups)), groups=groups)):
        for index in test:
            fold_of[groups[index]] = fold
    return fold_of


def split(data: Data, fold_of: dict[str, int], fold: int) -> tuple[Data, Data]:
    def pick(inside: bool) -> Data:
        return Data(
            [i for i in data.therapist if (fold_of[i.group] == fold) == inside],
            [i for i in data.client if (fold_of[i.group] == fold) == inside],
            0,
        )

    return pick(False), pick(True)


@dataclass
class CrossValidation:
    words: Predictions
    network: Predictions
    joined: Predictions


def cross_validate(
    data: Data, folds: int = 5, progress: Progress = lambda line: None
) -> CrossValidation:
    """Out-of-fold predictions for every item from each model and from both together."""
    from journeys.mi.network_training import torch_probabilities, train_network

    fold_of = folds_of(data, folds)
    result = CrossValidation(Predictions.empty(), Predictions.empty(), Predictions.empty())
    for fold in range(folds):
        progress(f"fold {fold + 1}/{folds}")
        train, test = split(data, fold_of, fold)
        words_t, words_c = word_probabilities(fit_words(train), test)
        network_t, network_c = torch_probabilities(train_network(train, progress), test)
        result.words.extend(predictions(test, words_t, words_c))
        result.network.extend(predictions(test, network_t, network_c))
        result.joined.extend(
            predictions(test, join_all(words_t, network_t), join_all(words_c, network_c))
        )
    return result


def train_and_save(
    data: Data, source: str, words_path: Path, network_path: Path, progress: Progress
) -> None:
    from journeys.mi.network_training import export_network, train_network

    words = fit_words(data)
    words.meta["trained_on"] = source
    network = train_network(data, progress)
    export_network(network, network_path)
    words.save(words_path)
