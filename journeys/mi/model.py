"""The coder's word model (TF-IDF features and one logistic regression per decision) and
how its probabilities join the network's.

The word model is a joblib file written by `journeys mi train`. It is only read from
this package's own folder, and only by the scikit-learn minor version that wrote it
(pinned in pyproject.toml): another version could read it wrongly.
"""

from collections.abc import Sequence
from dataclasses import dataclass, field
from functools import cache
from pathlib import Path
from typing import Any

import joblib
import numpy as np
import sklearn
from sklearn.linear_model import LogisticRegression

from journeys.mi.features import TextFeatures
from journeys.mi.network import HEADS, Probabilities

WORDS_FILE = Path(__file__).parent / "model" / "coder-words.joblib"
FORMAT = 2
THERAPIST_HEADS = ("main", "question", "reflection", "therapist_input")
# How much the network counts in the average; the word model gets the rest. An even
# split, chosen before the cross-validation, not tuned on it.
NETWORK_SHARE = 0.5


class ModelMissing(Exception):
    """A model file is missing or was written by another version; says how to fix it."""


@dataclass
class WordModel:
    therapist: TextFeatures
    client: TextFeatures
    heads: dict[str, LogisticRegression]  # THERAPIST_HEADS and "client"
    meta: dict[str, Any] = field(default_factory=dict)

    def save(self, path: Path = WORDS_FILE) -> None:
        self.meta.update(format=FORMAT, sklearn=sklearn.__version__)
        partial = path.with_suffix(".partial")
        joblib.dump(self, partial, compress=("xz", 6))
        partial.replace(path)

    def _ordered(self, head: str, rows: Any) -> np.ndarray:
        """Probabilities with columns in HEADS[head]'s order."""
        model = self.heads[head]
        found = model.predict_proba(rows)
        classes = list(model.classes_)
        return np.stack(
            [
                found[:, classes.index(label)] if label in classes else np.zeros(len(found))
                for label in HEADS[head]
            ],
            axis=1,
        )

    def therapist_probabilities(
        self, texts: Sequence[str], contexts: Sequence[str]
    ) -> list[Probabilities]:
        rows = self.therapist.transform(texts, contexts)
        columns = {head: self._ordered(head, rows) for head in THERAPIST_HEADS}
        return [{head: columns[head][n] for head in THERAPIST_HEADS} for n in range(len(texts))]

    def client_probabilities(
        self, texts: Sequence[str], contexts: Sequence[str]
    ) -> list[Probabilities]:
        column = self._ordered("client", self.client.transform(texts, contexts))
        return [{"client": row} for row in column]


def joined(words: Probabilities, network: Probabilities) -> Probabilities:
    return {
        head: (1 - NETWORK_SHARE) * words[head] + NETWORK_SHARE * network[head] for head in words
    }


def _minor(version: str) -> str:
    return ".".join(version.split(".")[:2])


def read_words(path: Path) -> WordModel:
    if not path.exists():
        raise ModelMissing(f"No coder model at {path}: run `journeys mi train --data PATH`.")
    model = joblib.load(path)
    if not isinstance(model, WordModel) or model.meta.get("format") != FORMAT:
        raise ModelMissing(f"{path} is not a coder model of this version: retrain it.")
    if _minor(model.meta.get("sklearn", "")) != _minor(sklearn.__version__):
        raise ModelMissing(
            f"{path} was written with scikit-learn {model.meta.get('sklearn')}, this is "
            f"{sklearn.__version__}: install the pinned version or retrain the model."
        )
    return model


@cache
def shipped_words() -> WordModel:
    return read_words(WORDS_FILE)
