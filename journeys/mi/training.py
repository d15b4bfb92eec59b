"""Training the coder on AnnoMI-style data and estimating its accuracy with
cross-validation grouped by source video (so no video is in both training and test).

Plain steps: read the CSV (annomi.py), turn each utterance and the one before it into
features (features.py), fit one logistic regression per decision. Class weights are
balanced because the target is macro-F1: rare codes count as much as common ones.
"""

from collections.abc import Callable, Sequence
from dataclasses import dataclass

import numpy as np
from sklearn.linear_model import LogisticRegression
from sklearn.model_selection import GroupKFold

from journeys.mi.annomi import SUBTYPES, Data
from journeys.mi.embedding import Vector, embed
from journeys.mi.features import TextFeatures
from journeys.mi.model import CoderModel

C = 1.0  # inverse regularisation; 1 beat 0.3, 3 and 10 in grouped cross-validation
Progress = Callable[[str], None]


def cached_embed() -> Callable[[str], Vector]:
    """AnnoMI repeats many utterances ("Mm-hmm."): embed each text once."""
    seen: dict[str, Vector] = {}

    def embed_once(text: str) -> Vector:
        if text not in seen:
            seen[text] = embed(text)
        return seen[text]

    return embed_once


def _head(rows: object, labels: Sequence[str]) -> LogisticRegression:
    return LogisticRegression(C=C, max_iter=5000, class_weight="balanced").fit(rows, labels)


def fit_model(data: Data, embed_text: Callable[[str], Vector] | None = None) -> CoderModel:
    embed_text = embed_text or cached_embed()
    therapist, client = data.therapist, data.client
    t_features = TextFeatures.fit(
        [i.text for i in therapist], [i.client for i in therapist], embed_text
    )
    t_rows = t_features.transform(
        [i.text for i in therapist], [i.client for i in therapist], embed_text
    )
    heads = {"main": _head(t_rows, [i.main for i in therapist])}
    for behaviour in SUBTYPES:
        gold = [n for n, item in enumerate(therapist) if getattr(item, behaviour)]
        heads[behaviour] = _head(t_rows[gold], [getattr(therapist[n], behaviour) for n in gold])
    c_features = TextFeatures.fit(
        [i.text for i in client], [i.therapist for i in client], embed_text
    )
    c_rows = c_features.transform(
        [i.text for i in client], [i.therapist for i in client], embed_text
    )
    heads["client"] = _head(c_rows, [i.talk for i in client])
    return CoderModel(t_features, c_features, heads)


@dataclass
class Predictions:
    """Gold and predicted labels per decision, for evaluation.py."""

    main: tuple[list[str], list[str]]
    subtypes: dict[str, tuple[list[str], list[str]]]  # on gold items only
    client: tuple[list[str], list[str]]


def predict_all(model: CoderModel, data: Data, embed_text: Callable[[str], Vector]) -> Predictions:
    therapist, client = data.therapist, data.client
    rows = model.therapist.transform(
        [i.text for i in therapist], [i.client for i in therapist], embed_text
    )
    subtypes = {}
    for behaviour in SUBTYPES:
        gold = [n for n, item in enumerate(therapist) if getattr(item, behaviour)]
        predicted = list(model.heads[behaviour].predict(rows[gold])) if gold else []
        subtypes[behaviour] = ([getattr(therapist[n], behaviour) for n in gold], predicted)
    c_rows = model.client.transform(
        [i.text for i in client], [i.therapist for i in client], embed_text
    )
    return Predictions(
        main=([i.main for i in therapist], list(model.heads["main"].predict(rows))),
        subtypes=subtypes,
        client=(
            [i.talk for i in client],
            list(model.heads["client"].predict(c_rows)) if client else [],
        ),
    )


def cross_validate(
    data: Data, folds: int = 5, progress: Progress = lambda line: None
) -> Predictions:
    """Out-of-fold predictions for every item, folds grouped by `video_group`."""
    embed_text = cached_embed()
    groups = sorted({i.group for i in data.therapist} | {i.group for i in data.client})
    fold_of = {}
    for fold, (_, test) in enumerate(GroupKFold(folds).split(np.zeros(len(groups)), groups=groups)):
        for index in test:
            fold_of[groups[index]] = fold
    pooled = Predictions(([], []), {b: ([], []) for b in SUBTYPES}, ([], []))
    for fold in range(folds):
        progress(f"fold {fold + 1}/{folds}")
        train = Data(
            [i for i in data.therapist if fold_of[i.group] != fold],
            [i for i in data.client if fold_of[i.group] != fold],
            0,
        )
        test = Data(
            [i for i in data.therapist if fold_of[i.group] == fold],
            [i for i in data.client if fold_of[i.group] == fold],
            0,
        )
        result = predict_all(fit_model(train, embed_text), test, embed_text)
        for mine, theirs in [(pooled.main, result.main), (pooled.client, result.client)] + [
            (pooled.subtypes[b], result.subtypes[b]) for b in SUBTYPES
        ]:
            mine[0].extend(theirs[0])
            mine[1].extend(theirs[1])
    return pooled
