"""The shipped coder model: fitted features and one logistic regression per decision.

It is a joblib file written by `journeys mi train` (journeys/mi/training.py). Pickles
are only read from this package's own folder, and only with the scikit-learn version
that wrote them (pinned in pyproject.toml): another version could read them wrongly.
"""

from dataclasses import dataclass, field
from functools import cache
from pathlib import Path
from typing import Any

import joblib
import sklearn
from sklearn.linear_model import LogisticRegression

from journeys.mi.features import TextFeatures

MODEL_FILE = Path(__file__).parent / "model" / "coder.joblib"
FORMAT = 1


class ModelMissing(Exception):
    """The model file is missing or was written by another scikit-learn; says how to fix."""


@dataclass
class CoderModel:
    therapist: TextFeatures
    client: TextFeatures
    # "main", "question", "reflection", "therapist_input" (therapist) and "client".
    heads: dict[str, LogisticRegression]
    meta: dict[str, Any] = field(default_factory=dict)

    def save(self, path: Path = MODEL_FILE) -> None:
        self.meta.update(format=FORMAT, sklearn=sklearn.__version__)
        partial = path.with_suffix(".partial")
        joblib.dump(self, partial, compress=("xz", 6))
        partial.replace(path)


def read_model(path: Path) -> CoderModel:
    if not path.exists():
        raise ModelMissing(f"No coder model at {path}: run `journeys mi train --data PATH`.")
    model = joblib.load(path)
    if not isinstance(model, CoderModel) or model.meta.get("format") != FORMAT:
        raise ModelMissing(f"{path} is not a coder model of this version: retrain it.")
    if _minor(model.meta.get("sklearn", "")) != _minor(sklearn.__version__):
        raise ModelMissing(
            f"{path} was written with scikit-learn {model.meta.get('sklearn')}, this is "
            f"{sklearn.__version__}: install the pinned version or retrain the model."
        )
    return model


def _minor(version: str) -> str:
    return ".".join(version.split(".")[:2])


@cache
def shipped_model() -> CoderModel:
    return read_model(MODEL_FILE)
