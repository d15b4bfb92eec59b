"""`journeys mi train` and `journeys mi evaluate` on small AnnoMI-style files."""

import csv
import importlib.util
import re
from pathlib import Path

import pytest

from journeys.cli import main
from journeys.mi.annomi import REQUIRED_COLUMNS
from journeys.mi.model import read_words
from journeys.mi.network import network_probabilities

SHARED = Path(__file__).resolve().parents[3] / "shared" / "data" / "annomi" / "train.csv"
needs_annomi = pytest.mark.skipif(not SHARED.exists(), reason="needs ../shared/data/annomi")


def write_rows(path: Path, rows: list[dict[str, str]]) -> Path:
    with path.open("w", newline="", encoding="utf-8") as file:
        writer = csv.DictWriter(file, fieldnames=list(rows[0]))
        writer.writeheader()
        writer.writerows(rows)
    return path


def annomi_rows(limit: int) -> list[dict[str, str]]:
    with SHARED.open(encoding="utf-8", newline="") as file:
        return [row for _, row in zip(range(limit), csv.DictReader(file), strict=False)]


@needs_annomi
def test_evaluate_prints_the_contract_lines(tmp_path, capsys):
    data = write_rows(tmp_path / "part.csv", annomi_rows(400))
    assert main(["mi", "evaluate", "--data", str(data), "--latency-samples", "30"]) == 0
    out = capsys.readouterr().out
    assert re.search(r"^therapist_macro_f1: 0\.\d{3}$", out, re.M)
    assert re.search(r"^client_macro_f1: 0\.\d{3}$", out, re.M)
    assert re.search(r"^latency_p50_ms: \d+\.\d$", out, re.M)
    assert re.search(r"^open_closed_macro_f1: ", out, re.M)
    assert re.search(r"^simple_complex_macro_f1: ", out, re.M)
    assert "confusion" in out


def torch_installed() -> bool:
    return importlib.util.find_spec("torch") is not None


@needs_annomi
@pytest.mark.skipif(not torch_installed(), reason="the training extra (PyTorch) is not installed")
def test_train_writes_models_that_code(tmp_path, capsys):
    data = write_rows(tmp_path / "part.csv", annomi_rows(300))
    assert main(["mi", "train", "--data", str(data), "--folds", "0", "-o", str(tmp_path)]) == 0
    words = read_words(tmp_path / "coder-words.joblib")
    assert words.meta["trained_on"] == "part.csv"
    probabilities = network_probabilities(
        "What brings you here?", "", tmp_path / "coder-network.onnx"
    )
    assert abs(float(probabilities["main"].sum()) - 1) < 1e-3


@pytest.mark.skipif(torch_installed(), reason="checks the message shown without PyTorch")
def test_train_without_the_training_extra_says_what_to_install(tmp_path, capsys):
    row = {
        **dict.fromkeys(REQUIRED_COLUMNS, ""),
        "interlocutor": "therapist",
        "main_therapist_behaviour": "question",
        "utterance_text": "How are you?",
        "video_group": "a",
    }
    data = write_rows(tmp_path / "tiny.csv", [row])
    assert main(["mi", "train", "--data", str(data), "--folds", "0", "-o", str(tmp_path)]) == 1
    assert "pip install -e '.[mi-train]'" in capsys.readouterr().err
    assert not (tmp_path / "coder-network.onnx").exists()


def test_a_file_without_the_columns_gets_a_clear_error(tmp_path, capsys):
    bad = tmp_path / "bad.csv"
    bad.write_text("text,label\nhello,other\n")
    assert main(["mi", "evaluate", "--data", str(bad)]) == 1
    assert "missing columns" in capsys.readouterr().err


def test_a_missing_file_gets_a_clear_error(tmp_path, capsys):
    assert main(["mi", "evaluate", "--data", str(tmp_path / "nope.csv")]) == 1
    assert "cannot read it" in capsys.readouterr().err


def test_a_file_with_no_labels_gets_a_clear_error(tmp_path, capsys):
    row = dict.fromkeys(REQUIRED_COLUMNS, "")
    data = write_rows(tmp_path / "empty.csv", [row])
    assert main(["mi", "evaluate", "--data", str(data)]) == 1
    assert "no labelled" in capsys.readouterr().err
