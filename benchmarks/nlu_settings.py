"""Choose the learned stage's settings on validation data only, never on a reported test split.

::

    python benchmarks/nlu_settings.py hwu64 ../shared/data/hwu64            # every candidate
    python benchmarks/nlu_settings.py clinc150 ../shared/data/clinc150 base word13
    python benchmarks/nlu_settings.py router ../shared/data                 # the shipped code

* ``hwu64``: 4-fold cross-validation over fold 1's *training* split (the test split is never
  read): closed-set accuracy of the classifier alone, as `speaker-sim eval hwu64` reports it.
* ``clinc150``: trained on ``train`` (and, for the ``+ood`` rows, ``oos_train`` as one more
  label), scored on ``val`` and ``oos_val``: closed-set accuracy, and in-scope accuracy at the
  threshold that rejects 80 % / 85 % of ``oos_val`` (chosen on the same split, so optimistic:
  for comparing candidates, not for reporting).
* ``router``: the shipped model through the whole router (templates, fillers, typo mending,
  coverage) on the same validation splits: HWU64's held-out eighth of fold 1's training split,
  CLINC150's ``val``/``oos_val``.

Candidates differ in features (word and character n-gram ranges, the word block's weight) and
model (the SVM's C, its loss, class weights). Each is scikit-learn doing the learning; this
script only wires them up. Heavy: run it with ``nice`` and one at a time.
"""

from __future__ import annotations

import argparse
import json
import sys
import time
from collections.abc import Sequence
from dataclasses import dataclass, replace
from pathlib import Path
from typing import Any

import numpy as np


@dataclass(frozen=True)
class Candidate:
    """One setting to try: features and model."""

    words: tuple[int, int] = (1, 2)
    chars: tuple[int, int] = (2, 5)
    char_analyzer: str = "char_wb"
    word_weight: float = 1.0
    c: float = 1.0
    loss: str = "squared_hinge"
    class_weight: str | None = "balanced"


BASE = Candidate()
CANDIDATES: dict[str, Candidate] = {
    "base": BASE,
    "word13": replace(BASE, words=(1, 3)),
    "word11": replace(BASE, words=(1, 1)),
    "chars16": replace(BASE, chars=(1, 6)),
    "chars24": replace(BASE, chars=(2, 4)),
    # Cheaper to fit (fewer non-zero features per sentence), for the start-up targets:
    "chars35": replace(BASE, chars=(3, 5)),
    "chars34": replace(BASE, chars=(3, 4)),
    "chars44": replace(BASE, chars=(4, 4)),
    "chars33": replace(BASE, chars=(3, 3)),
    "chars4_short": replace(BASE, char_analyzer="wb4_short"),
    "chars_x25": replace(BASE, char_analyzer="char"),
    "word_w0.7": replace(BASE, word_weight=0.7),
    "word_w0.5": replace(BASE, word_weight=0.5),
    "word_w1.5": replace(BASE, word_weight=1.5),
    "C0.5": replace(BASE, c=0.5),
    "C2": replace(BASE, c=2.0),
    "hinge": replace(BASE, loss="hinge"),
    "unweighted": replace(BASE, class_weight=None),
}


def _features(cand: Candidate, train: Sequence[str], test: Sequence[str]) -> tuple[Any, Any]:
    from scipy import sparse
    from sklearn.feature_extraction.text import TfidfVectorizer

    words = TfidfVectorizer(
        analyzer="word",
        ngram_range=cand.words,
        sublinear_tf=True,
        token_pattern=r"(?u)\S+",
        dtype=np.float32,
    )
    if cand.char_analyzer == "wb4_short":
        # 4-grams inside words, a word too short for one whole (Chinese characters)
        def grams(text: str) -> list[str]:
            out: list[str] = []
            for word in text.split():
                padded = f" {word} "
                size = min(4, len(padded))
                out.extend(padded[i : i + size] for i in range(len(padded) - size + 1))
            return out

        chars = TfidfVectorizer(analyzer=grams, sublinear_tf=True, dtype=np.float32)
    else:
        chars = TfidfVectorizer(
            analyzer=cand.char_analyzer, ngram_range=cand.chars, sublinear_tf=True, dtype=np.float32
        )
    x_train = sparse.hstack(
        [cand.word_weight * words.fit_transform(train), chars.fit_transform(train)], format="csr"
    )
    x_test = sparse.hstack(
        [cand.word_weight * words.transform(test), chars.transform(test)], format="csr"
    )
    return x_train, x_test


def _margins(cand: Candidate, train: Sequence[str], y: np.ndarray, test: Sequence[str]) -> Any:
    from sklearn.svm import LinearSVC

    x_train, x_test = _features(cand, train, test)
    svm = LinearSVC(
        C=cand.c, loss=cand.loss, class_weight=cand.class_weight, tol=1e-3, max_iter=5000
    )
    svm.fit(x_train, y)
    return svm.classes_, svm.decision_function(x_test)


def _hwu_training(path: Path) -> tuple[list[str], np.ndarray]:
    from simulator.routing.learned import training_set
    from simulator.sdk.slots import SlotEnv
    from simulator.tools.dataset_eval import _find_fold, _read_hwu_dir, build_skill

    train = _read_hwu_dir(_find_fold(path) / "trainset")
    skill, _ = build_skill("hwu64", train)
    data = training_set([skill], SlotEnv())  # the texts the learned stage trains on
    return data.texts, np.array([intent for _, intent in data.labels])


def screen_hwu(path: Path, names: Sequence[str]) -> list[dict[str, Any]]:
    """4-fold cross-validated accuracy of each candidate on fold 1's training split."""
    from sklearn.model_selection import StratifiedKFold

    texts, y = _hwu_training(path)
    rows = []
    for name in names:
        cand, started, hits = CANDIDATES[name], time.perf_counter(), 0
        for fit, held in StratifiedKFold(4, shuffle=True, random_state=0).split(texts, y):
            classes, margins = _margins(
                cand, [texts[i] for i in fit], y[fit], [texts[i] for i in held]
            )
            hits += int((classes[margins.argmax(1)] == y[held]).sum())
        rows.append(
            {
                "candidate": name,
                "hwu64_cv_accuracy": round(hits / len(y), 4),
                "seconds": round(time.perf_counter() - started, 1),
            }
        )
        print(json.dumps(rows[-1]), flush=True)
    return rows


def _clinc(path: Path) -> dict[str, list[tuple[str, str]]]:
    from simulator.nlu.normalize import normalize

    file = path / "data" / "data_full.json" if path.is_dir() else path
    data = json.loads(file.read_text(encoding="utf-8"))
    return {split: [(normalize(t), label) for t, label in rows] for split, rows in data.items()}


def screen_clinc(path: Path, names: Sequence[str]) -> list[dict[str, Any]]:
    """Validation figures of each candidate, without and with ``oos_train`` as a label."""
    splits = _clinc(path)
    val, oos_val = splits["val"], splits["oos_val"]
    y_val = np.array([label for _, label in val])
    rows = []
    for name in names:
        for ood in (False, True):
            started = time.perf_counter()
            train = splits["train"] + (splits["oos_train"] if ood else [])
            classes, margins = _margins(
                CANDIDATES[name],
                [t for t, _ in train],
                np.array([label for _, label in train]),
                [t for t, _ in val + oos_val],
            )
            domain = classes != "oos"
            # The score of a guess: its margin over the out-of-domain label when there is one
            # (the softmax the router uses compares them the same way).
            best = margins[:, domain].max(1)
            score = best - margins[:, ~domain][:, 0] if ood else best
            guess = classes[domain][margins[:, domain].argmax(1)]
            row: dict[str, Any] = {
                "candidate": name + ("+ood" if ood else ""),
                "clinc_val_closed": round(float((guess[: len(val)] == y_val).mean()), 4),
            }
            rejected_by_label = (classes[margins.argmax(1)] == "oos") if ood else None
            for recall in (0.8, 0.85):
                ordered = np.sort(score[len(val) :])
                threshold = ordered[int(np.ceil(recall * len(ordered))) - 1] + 1e-9
                kept = score[: len(val)] >= threshold
                if rejected_by_label is not None:
                    kept &= ~rejected_by_label[: len(val)]
                ok = (guess[: len(val)] == y_val) & kept
                row[f"in_scope_at_{int(recall * 100)}"] = round(float(ok.mean()), 4)
            row["seconds"] = round(time.perf_counter() - started, 1)
            rows.append(row)
            print(json.dumps(row), flush=True)
    return rows


def router_validation(data: Path) -> dict[str, Any]:
    """The shipped learned stage, through the whole router, on both validation splits."""
    from sklearn.model_selection import StratifiedShuffleSplit

    from simulator.tools import dataset_eval as de

    fold = de._find_fold(data / "hwu64")
    train = de._read_hwu_dir(fold / "trainset")
    # The eighth of the training split that DEFAULT_C was chosen on (random_state 0).
    fit, held = next(
        StratifiedShuffleSplit(1, test_size=1 / 8, random_state=0).split(
            train, [label for _, label in train]
        )
    )
    skill, names = de.build_skill("hwu64", [train[i] for i in fit])
    router, _, seconds = de._train_router(skill, None)
    heldout = [train[i] for i in held]
    got = de._route_all(router, [t for t, _ in heldout])
    accuracy = np.mean(
        [names.get(i or "") == label for (_, label), (i, _) in zip(heldout, got, strict=True)]
    )
    out: dict[str, Any] = {
        "hwu64_heldout_accuracy": round(float(accuracy), 4),
        "hwu64_train_seconds": seconds,
    }
    for oos_train in (False, True):
        out[f"clinc150_oos_train_{oos_train}"] = de.evaluate_clinc150(
            data / "clinc150", validation_only=True, oos_train=oos_train
        )
    return out


def main(argv: Sequence[str] | None = None) -> int:
    """Run the screen asked for and print one JSON line per candidate."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("what", choices=["hwu64", "clinc150", "router"])
    parser.add_argument("path", type=Path, help="the data set (for router: the data directory)")
    parser.add_argument("candidates", nargs="*", help=f"default: all of {', '.join(CANDIDATES)}")
    args = parser.parse_args(argv)
    unknown = [n for n in args.candidates if n not in CANDIDATES]
    if unknown:
        print(f"unknown candidates: {', '.join(unknown)}", file=sys.stderr)
        return 2
    names = args.candidates or list(CANDIDATES)
    if args.what == "hwu64":
        screen_hwu(args.path, names)
    elif args.what == "clinc150":
        screen_clinc(args.path, names)
    else:
        print(json.dumps(router_validation(args.path), indent=2))
    return 0


if __name__ == "__main__":
    sys.exit(main())
