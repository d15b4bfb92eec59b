"""Our plain-Python WordPiece tokenizer gives exactly the ids of Hugging Face's."""

import csv
from pathlib import Path

import pytest
from tokenizers import BertWordPieceTokenizer

from journeys.mi.embedding import MAX_TOKENS, VOCAB_FILE, embed, wordpiece_ids

SHARED = Path(__file__).resolve().parents[3] / "shared" / "data" / "annomi" / "train.csv"


@pytest.fixture(scope="module")
def reference():
    tokenizer = BertWordPieceTokenizer(str(VOCAB_FILE), lowercase=True)
    tokenizer.enable_truncation(MAX_TOKENS)
    return tokenizer


ODD = [
    "Café naïve — “quotes” 😀 日本語 \x00 ok",
    "x" * 150,
    "  spaces\tand\nnewlines  ",
    "don't, can't; it's 3-MMC & 4-FA!",
    "",
]


@pytest.mark.parametrize("text", ODD)
def test_odd_texts(reference, text):
    assert wordpiece_ids(text) == reference.encode(text).ids


@pytest.mark.skipif(not SHARED.exists(), reason="needs ../shared/data/annomi")
def test_every_annomi_utterance(reference):
    with SHARED.open(encoding="utf-8", newline="") as file:
        texts = {row["utterance_text"] for row in csv.DictReader(file)}
    mismatched = [t for t in texts if wordpiece_ids(t) != reference.encode(t).ids]
    assert not mismatched, mismatched[:3]


def test_embeddings_are_unit_length_and_mean_something():
    a, b, c = (
        embed("I want to drink less."),
        embed("I'd like to cut down on alcohol."),
        embed("The bus was late."),
    )
    assert abs(float(a @ a) - 1) < 1e-4
    assert float(a @ b) > float(a @ c)
