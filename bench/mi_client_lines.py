"""Benchmark the practice client's choice of line: how often it answers on topic, and
how long choosing takes.

    python bench/mi_client_lines.py [--runs 5]

Every trainee reply of tests/mi/data/client_topics.yaml (written before the persona files'
topic words) and client_topics_held_out.yaml (replies written for the coder, labelled
afterwards), as the first reply of a conversation, with the kind of line it draws taken
from the coder (practice.response_kind). On topic: the chosen line's topics include the
labelled one. Choosing is timed over `runs` runs (medians).

The coder's network could add evidence in English: its mean-pooled sentence embedding,
read by adding the pooling output to the ONNX graph (`embedding_network`, needs the
`onnx` package, a development tool only). When `onnx` is installed the benchmark also
prints the English share when a reply with no topic word takes the topic of the line
nearest to it by that embedding; docs/mi.md says why it is not used. Rerun it after the
network is retrained.
"""

import argparse
import os
import statistics
import sys
import time
from pathlib import Path
from typing import Any

import yaml

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
DATA = ROOT / "tests" / "mi" / "data"
SETS = ("client_topics.yaml", "client_topics_held_out.yaml")
Cases = dict[str, dict[str, list[list[str]]]]


def persona(slug: str) -> dict[str, Any]:
    from journeys.mi.content import PersonaFile

    text = (ROOT / "content" / "mi" / "personas" / f"{slug}.yaml").read_text(encoding="utf-8")
    return PersonaFile.model_validate(yaml.safe_load(text)).model_dump(mode="json")


def embedding_network(path: Path) -> Any:
    """An ONNX Runtime session of the coder's network with one more output, `embedding`:
    the mean-pooled token states the heads read (the first Div on the way back from the
    `main` head); None when `onnx` is not installed."""
    try:
        import onnx
    except ImportError:
        return None
    import onnxruntime

    model = onnx.load(str(path))
    graph = model.graph
    producers = {output: node for node in graph.node for output in node.output}
    weights = {tensor.name for tensor in graph.initializer}
    stack, seen, pooled = ["main"], set(), None
    while stack and pooled is None:
        name = stack.pop()
        node = producers.get(name)
        if node is None or name in seen:
            continue
        seen.add(name)
        if node.op_type == "Div":
            pooled = name
        stack.extend(i for i in node.input if i not in weights)
    if pooled is None:
        return None
    graph.node.append(onnx.helper.make_node("Identity", [pooled], ["embedding"]))
    graph.output.append(
        onnx.helper.make_tensor_value_info("embedding", onnx.TensorProto.FLOAT, None)
    )
    options = onnxruntime.SessionOptions()
    options.intra_op_num_threads = 1
    return onnxruntime.InferenceSession(
        model.SerializeToString(), options, providers=["CPUExecutionProvider"]
    )


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=5)
    args = parser.parse_args()
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "journeys.settings")
    import django

    django.setup()
    import numpy as np

    from journeys.mi.client_lines import topic_scores
    from journeys.mi.coder import code_reply
    from journeys.mi.network import NETWORK_FILE
    from journeys.mi.practice import next_client_line, response_kind
    from journeys.mi.tokens import vocabulary, wordpiece_ids

    personas = {path.stem: persona(path.stem) for path in (ROOT / "content/mi/personas").iterdir()}
    rows: list[tuple[str, str, str]] = []
    timings: list[float] = []
    session = embedding_network(NETWORK_FILE)
    vocab = vocabulary()

    def embed(text: str) -> Any:
        ids = [vocab["[CLS]"], *wordpiece_ids(text)[:126], vocab["[SEP]"]]
        feed = {
            "input_ids": np.array([ids], dtype=np.int64),
            "attention_mask": np.ones((1, len(ids)), dtype=np.int64),
            "token_type_ids": np.zeros((1, len(ids)), dtype=np.int64),
        }
        vector = session.run(["embedding"], feed)[0][0]
        return vector / np.linalg.norm(vector)

    for name in SETS:
        cases: Cases = yaml.safe_load((DATA / name).read_text(encoding="utf-8"))
        for language in ("en", "nl"):
            answered = nearest = total = 0
            for slug, by_language in cases.items():
                data = personas[slug]
                lines = [
                    line
                    for kind in ("change", "neutral", "sustain", "discord")
                    for line in data["statements"][kind]
                    if line["topics"]
                ]
                for topic, reply in by_language.get(language, []):
                    kind = response_kind(code_reply(reply, data["opening"][language]))
                    runs = []
                    for _ in range(args.runs):
                        start = time.perf_counter()
                        chosen, index = next_client_line(
                            data["statements"], [], kind, reply, data["topics"]
                        )
                        runs.append((time.perf_counter() - start) * 1000)
                    timings.append(statistics.median(runs))
                    line = data["statements"][chosen][index] if chosen != "closing" else {}
                    hit = topic in line.get("topics", ())
                    answered += hit
                    total += 1
                    if session is not None and language == "en":
                        if any(topic_scores(reply, data["topics"]).values()):
                            nearest += hit
                        else:
                            vector = embed(reply)
                            best = max(lines, key=lambda line: float(embed(line["en"]) @ vector))
                            nearest += topic in best["topics"]
            rows.append(
                (f"{name} {language} on topic", f"{100 * answered / total:.1f} %", ">= 80 %")
            )
            if session is not None and language == "en":
                rows.append(
                    (
                        f"{name} en, embedding when no topic word",
                        f"{100 * nearest / total:.1f} %",
                        "-",
                    )
                )
    timings.sort()
    rows.append(("choose a line p50", f"{statistics.median(timings):.2f} ms", "<= 20 ms"))
    rows.append(("choose a line p95", f"{timings[int(0.95 * len(timings))]:.2f} ms", "<= 20 ms"))
    if session is None:
        rows.append(("embedding comparison", "skipped", "pip install onnx"))
    print(f"{'figure':<62}{'value':>10}  target")
    for figure, value, target in rows:
        print(f"{figure:<62}{value:>10}  {target}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
