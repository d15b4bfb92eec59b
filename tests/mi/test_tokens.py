"""Our plain-Python WordPiece tokenizer gives exactly the ids of Hugging Face's."""

import csv
from pathlib import Path

import pytest
from tokenizers import BertWordPieceTokenizer

from journeys.mi.tokens import (
    MAX_CONTEXT_TOKENS,
    MAX_REPLY_TOKENS,
    MAX_TOKENS,
    VOCAB_FILE,
    pair_ids,
    wordpiece_ids,
)

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


def test_pairs_keep_the_start_of_the_reply_and_the_end_of_the_context(reference):
    ids, types = pair_ids("So you want to cut down.", "I drink too much.")
    assert ids == [
        *reference.encode("So you want to cut down.").ids,
        *reference.encode("I drink too much.").ids[1:],
    ]
    assert types == [0] * 9 + [1] * 6
    long_ids, long_types = pair_ids("word " * 300, "end " * 300)
    assert len(long_ids) == MAX_REPLY_TOKENS + MAX_CONTEXT_TOKENS + 3
    assert long_types.count(1) == MAX_CONTEXT_TOKENS + 1
    alone, alone_types = pair_ids("Hello", "")
    assert alone == reference.encode("Hello").ids and set(alone_types) == {0}
