"""What the coder looks at in a reply: its words (TF-IDF over words and character
n-grams), its meaning (a MiniLM sentence embedding) and a few signs of how it relates to
what the other person said just before (shared words, closeness in meaning, a question
mark). Reflections reuse the client's words and meaning; questions end in "?"; both are
what MI coders listen for."""

import math
import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass

import numpy as np
from scipy import sparse
from sklearn.feature_extraction.text import TfidfVectorizer

from journeys.mi.embedding import DIMENSIONS, Vector, embed

WORDS = re.compile(r"[a-z']+")
# Function words do not count as shared content between a reply and the client.
FUNCTION_WORDS = frozenset(
    """i you the a an and to of it is that in was for on are with be this have so but not
    just at or me my your do what how""".split()  # noqa: SIM905  (a word list reads better)
)
EMBEDDING_WEIGHT = 1.0
CONTEXT_WEIGHT = 0.3  # the relational signs, after scaling to unit variance

Embed = Callable[[str], Vector]


def relation_signs(
    text: str, context: str, text_vector: Vector, context_vector: Vector
) -> list[float]:
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
        float(text_vector @ context_vector) if context else 0.0,
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
    def fit(
        cls, texts: Sequence[str], contexts: Sequence[str], embed_text: Embed = embed
    ) -> "TextFeatures":
        words, characters = _vectorizers()
        words.fit(texts)
        characters.fit(texts)
        # Pruned n-grams are kept by scikit-learn only for inspection; they would make
        # the shipped file several times larger.
        for vectorizer in (words, characters):
            vectorizer.stop_words_ = None
        signs = np.array(
            [
                relation_signs(t, c, embed_text(t), embed_text(c))
                for t, c in zip(texts, contexts, strict=True)
            ]
        )
        return cls(words, characters, signs.mean(axis=0), signs.std(axis=0) + 1e-9)

    def transform(
        self, texts: Sequence[str], contexts: Sequence[str], embed_text: Embed = embed
    ) -> sparse.csr_matrix:
        vectors = [embed_text(t) for t in texts]
        context_vectors = [
            embed_text(c) if c else np.zeros(DIMENSIONS, np.float32) for c in contexts
        ]
        signs = np.array(
            [
                relation_signs(t, c, v, cv)
                for t, c, v, cv in zip(texts, contexts, vectors, context_vectors, strict=True)
            ]
        )
        return sparse.hstack(
            [
                self.words.transform(texts),
                self.characters.transform(texts),
                sparse.csr_matrix(np.array(vectors) * EMBEDDING_WEIGHT),
                sparse.csr_matrix((signs - self.signs_mean) / self.signs_scale * CONTEXT_WEIGHT),
            ]
        ).tocsr()
