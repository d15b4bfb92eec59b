"""The coder's neural half at run time: all-MiniLM-L6-v2 fine-tuned on AnnoMI (see
network_training.py), read from model/coder-network.onnx (int8) by ONNX Runtime on one
CPU thread. No PyTorch is needed to run it."""

from functools import cache
from pathlib import Path

import numpy as np
import numpy.typing as npt

from journeys.mi.annomi import MAIN_CODES, SUBTYPES, TALK_TYPES
from journeys.mi.tokens import pair_ids

NETWORK_FILE = Path(__file__).parent / "model" / "coder-network.onnx"
# One output per decision, in this order, each a probability per label.
HEADS = {"main": MAIN_CODES, **SUBTYPES, "client": TALK_TYPES}

Probabilities = dict[str, npt.NDArray[np.float32]]


@cache
def _session(path: Path = NETWORK_FILE):  # type: ignore[no-untyped-def]  # onnxruntime is untyped
    import onnxruntime

    options = onnxruntime.SessionOptions()
    # One thread: a web worker codes one reply at a time, and more threads would only
    # contend with the other workers for the cores.
    options.intra_op_num_threads = 1
    options.inter_op_num_threads = 1
    options.log_severity_level = 3
    return onnxruntime.InferenceSession(str(path), options, providers=["CPUExecutionProvider"])


def best_label(probabilities: npt.NDArray[np.float32], head: str) -> str:
    return HEADS[head][int(np.argmax(probabilities))]


def network_probabilities(text: str, context: str, path: Path = NETWORK_FILE) -> Probabilities:
    ids, types = pair_ids(text, context)
    feed = {
        "input_ids": np.array([ids], dtype=np.int64),
        "attention_mask": np.ones((1, len(ids)), dtype=np.int64),
        "token_type_ids": np.array([types], dtype=np.int64),
    }
    outputs = _session(path).run(list(HEADS), feed)
    return {head: output[0] for head, output in zip(HEADS, outputs, strict=True)}
