"""BERT's uncased WordPiece tokenizer for the coder's MiniLM network, in plain Python so
the coder needs no tokenizer library (a test checks it against Hugging Face's
`tokenizers` on every AnnoMI utterance). The vocabulary is all-MiniLM-L6-v2's
(Apache-2.0), shipped as model/minilm-vocab.txt."""

import unicodedata
from functools import cache
from pathlib import Path

VOCAB_FILE = Path(__file__).parent / "model" / "minilm-vocab.txt"
MAX_TOKENS = 128  # longer texts are cut; the start of a reply carries its function
# In a (reply, context) pair: the reply's first and the context's last word pieces, since
# the end of what the client said is what a reply answers.
MAX_REPLY_TOKENS = 96
MAX_CONTEXT_TOKENS = 48
MAX_WORD_CHARS = 100  # BERT's limit: a longer "word" becomes [UNK]


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


def word_pieces(text: str) -> list[int]:
    """The text's word-piece ids, greedy longest match first, without [CLS] or [SEP]."""
    vocab = vocabulary()
    unknown = vocab["[UNK]"]
    ids = []
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
    return ids


def wordpiece_ids(text: str) -> list[int]:
    """[CLS] word pieces [SEP], at most MAX_TOKENS ids, as BERT's tokenizer gives them."""
    vocab = vocabulary()
    return [vocab["[CLS]"], *word_pieces(text)[: MAX_TOKENS - 2], vocab["[SEP]"]]


def pair_ids(reply: str, context: str) -> tuple[list[int], list[int]]:
    """Ids and token types of "[CLS] reply [SEP] context [SEP]" (type 0, then 1); without
    a context, "[CLS] reply [SEP]"."""
    vocab = vocabulary()
    first = word_pieces(reply)[:MAX_REPLY_TOKENS]
    second = word_pieces(context)[-MAX_CONTEXT_TOKENS:] if context else []
    ids = [vocab["[CLS]"], *first, vocab["[SEP]"]]
    types = [0] * len(ids)
    if second:
        ids += [*second, vocab["[SEP]"]]
        types += [1] * (len(second) + 1)
    return ids, types
