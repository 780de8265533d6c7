"""`eval hwu64` / `eval clinc150` on small data sets made here in the two formats."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from simulator.tools.dataset_eval import DatasetError, evaluate_clinc150, evaluate_hwu64

_INTENTS = {
    "weather": ["what is the weather {}", "will it rain {}", "is it sunny {}", "forecast for {}"],
    "music": ["play some jazz {}", "put on a song {}", "play music {}", "start my playlist {}"],
    "timer": ["set a timer {}", "start a countdown {}", "timer for ten minutes {}", "time me {}"],
}
_WHEN = ["today", "tomorrow", "tonight", "now", "later", "this evening"]
_OUT = [f"book a flight to {city}" for city in ("rome", "paris", "oslo", "lima", "cairo")]


def _rows(when: list[str]) -> list[tuple[str, str]]:
    return [(t.format(w), label) for label, ts in _INTENTS.items() for t in ts for w in when]


def _write_clinc(root: Path) -> Path:
    (root / "data").mkdir(parents=True)
    data = {
        "train": _rows(_WHEN[:4]),
        "val": _rows(_WHEN[4:5]),
        "test": _rows(_WHEN[5:]),
        "oos_train": [[t, "oos"] for t in _OUT[:2]],
        "oos_val": [[t, "oos"] for t in _OUT[2:4]],
        "oos_test": [[t, "oos"] for t in _OUT[4:]],
    }
    (root / "data" / "data_full.json").write_text(json.dumps(data), encoding="utf-8")
    return root


def _write_hwu(root: Path) -> Path:
    fold = root / "CrossValidation" / "KFold_1"
    for split, when in (("trainset", _WHEN[:5]), ("testset/csv", _WHEN[5:])):
        (fold / split).mkdir(parents=True)
        lines = ["userid;answerid;scenario;intent;answer_from_anno"]
        lines += [f"1;{i};home;{label};{text}" for i, (text, label) in enumerate(_rows(when))]
        (fold / split / "data.csv").write_text("\n".join(lines) + "\n", encoding="utf-8")
    return root


def test_hwu64_trains_on_the_training_split_and_scores_the_test_split(tmp_path: Path) -> None:
    report = evaluate_hwu64(_write_hwu(tmp_path / "hwu"))
    assert report["dataset"] == "hwu64"
    assert report["train_n"] == 60 and report["n"] == 12 and report["intents"] == 3
    assert report["accuracy"] == 1.0  # each test sentence is a training one with a new "when"


def test_clinc150_chooses_its_threshold_on_validation_only(tmp_path: Path) -> None:
    path = _write_clinc(tmp_path / "clinc")
    validation = evaluate_clinc150(path, validation_only=True)
    assert "in_scope_accuracy" not in validation and "oos_recall" not in validation
    assert validation["trained_on"]["intents"] == "train"
    # oos_train is trained as one more label (the out-of-domain one) unless asked not to.
    assert validation["trained_on"]["out_of_domain_label"] == "oos_train"
    assert validation["model"]["intents"] == 4
    plain = evaluate_clinc150(path, validation_only=True, oos_train=False)
    assert plain["model"]["intents"] == 3 and plain["trained_on"]["out_of_domain_label"] is None
    full = evaluate_clinc150(path)
    # The test splits change no choice: the threshold and validation figures are the same.
    assert full["threshold"] == validation["threshold"]
    assert full["val_oos_recall"] == validation["val_oos_recall"] >= 0.5
    assert full["n"] == 12 + 1 and 0.0 <= full["in_scope_accuracy"] <= 1.0


def test_clinc150_also_holds_out_oos_train_to_choose_its_threshold(tmp_path: Path) -> None:
    path = _write_clinc(tmp_path / "clinc")
    pooled = evaluate_clinc150(path, validation_only=True)
    # oos_val's 2 sentences and oos_train's 2, each scored by a model trained without it.
    assert pooled["trained_on"]["threshold"] == "oos_val, oos_train (2-fold cross-validated)"
    assert "on 4 sentences" in pooled["threshold_from"]
    alone = evaluate_clinc150(path, validation_only=True, threshold_folds=0)
    assert alone["trained_on"]["threshold"] == "oos_val"
    assert "on 2 sentences" in alone["threshold_from"]


@pytest.mark.parametrize("dataset", ["hwu64", "clinc150"])
def test_a_wrong_directory_is_named_plainly(tmp_path: Path, dataset: str) -> None:
    evaluate = evaluate_hwu64 if dataset == "hwu64" else evaluate_clinc150
    with pytest.raises(DatasetError, match=str(tmp_path)):
        evaluate(tmp_path)
