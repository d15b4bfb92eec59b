"""What the coder's word model looks at in a reply: its words (TF-IDF over words and
character n-grams) and a few signs of how it relates to what the other person said just
before (shared words, lengths, question marks). Reflections reuse the client's words;
questions end in "?"; both are what MI coders listen for. The meaning of a reply is the
network's part (network.py)."""

import math
import re
from collections.abc import Sequence
from dataclasses import dataclass

import numpy as np
from scipy import sparse
from sklearn.feature_extraction.text import TfidfVectorizer

WORDS = re.compile(r"[a-z']+")
# Function words do not count as shared content between a reply and the client.
FUNCTION_WORDS = frozenset(
    """i you the a an and to of it is that in was for on are with be this have so but not
    just at or me my your do what how""".split()  # noqa: SIM905  (a word list reads better)
)
SIGNS_WEIGHT = 0.3  # the relational signs, after scaling to unit variance


def relation_signs(text: str, context: str) -> list[float]:
    words = set(WORDS.findall(text.lower())) - FUNCTION_WORDS
    context_words = set(WORDS.findall(context.lower())) - FUNCTION_WORDS
    return [
        len(words & context_words) / max(1, len(words)),
        math.log1p(len(WORDS.findall(text.lower()))),
        float(text.rstrip().endswith("?")),
        float("?" in text),
        float(context.rstrip().endswith("?")),
        float(bool(context)),
        math.log1p(len(WORDS.findall(context.lower()))),
    ]


def _vectorizers() -> tuple[TfidfVectorizer, TfidfVectorizer]:
    return (
        # "?" and "." are tokens too: how a turn ends says much about what it does.
        TfidfVectorizer(
            ngram_range=(1, 2),
            sublinear_tf=True,
            min_df=2,
            token_pattern=r"(?u)\b\w+\b|[?!.]",  # noqa: S106  (not a password)
        ),
        TfidfVectorizer(analyzer="char_wb", ngram_range=(2, 5), sublinear_tf=True, min_df=2),
    )


@dataclass
class TextFeatures:
    """Fitted on one speaker's utterances; turns (text, context) pairs into one row each."""

    words: TfidfVectorizer
    characters: TfidfVectorizer
    signs_mean: np.ndarray
    signs_scale: np.ndarray

    @classmethod
    def fit(cls, texts: Sequence[str], contexts: Sequence[str]) -> "TextFeatures":
        words, characters = _vectorizers()
        words.fit(texts)
        characters.fit(texts)
        # Pruned n-grams are kept by scikit-learn only for inspection; they would make
        # the shipped file several times larger.
        for vectorizer in (words, characters):
            vectorizer.stop_words_ = None
        signs = np.array([relation_signs(t, c) for t, c in zip(texts, contexts, strict=True)])
        return cls(words, characters, signs.mean(axis=0), signs.std(axis=0) + 1e-9)

    def transform(self, texts: Sequence[str], contexts: Sequence[str]) -> sparse.csr_matrix:
        signs = np.array([relation_signs(t, c) for t, c in zip(texts, contexts, strict=True)])
        return sparse.hstack(
            [
                self.words.transform(texts),
                self.characters.transform(texts),
                sparse.csr_matrix((signs - self.signs_mean) / self.signs_scale * SIGNS_WEIGHT),
            ]
        ).tocsr()
