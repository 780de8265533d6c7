"""Score the learned stage on public intent data sets, trained exactly as for real skills.

``speaker-sim eval hwu64 PATH`` and ``speaker-sim eval clinc150 PATH`` build a skill set from the
data set's training split, as an interaction model would: one skill, one intent per label, the
label's training sentences as its sample utterances. The router and its learned stage are then
built from those skills by the same code as for the bundled ones (templates, fillers, typo
mending, the classifier and its calibration), and every test sentence is routed.

* **HWU64** (Liu et al. 2019, CC BY 4.0): 64 home-assistant intents, crowd-sourced. Read from the
  ``KFold_1`` cross-validation fold: ``trainset/*.csv`` to train, ``testset/csv/*.csv`` to test.
  Every test sentence is in scope, so ``accuracy`` is closed-set (the best intent counts, as in
  the literature); ``accuracy_at_threshold`` also counts a fallback as wrong.
* **CLINC150** (Larson et al. 2019, CC BY 3.0): 150 intents plus out-of-scope queries. The
  rejection threshold is the lowest whose out-of-scope recall reaches ``target_oos_recall`` on
  held-out out-of-scope sentences: ``oos_val`` and, cross-validated, ``oos_train`` (each half
  scored by a model trained without it), 200 sentences rather than ``oos_val``'s 100, whose
  threshold proved optimistic (85 % there, 75.5 % on ``oos_test``). The test split is scored
  once, at that threshold.

The data is read where it lies; nothing is copied into the project.
"""

from __future__ import annotations

import csv
import json
import time
from collections import Counter
from collections.abc import Sequence
from pathlib import Path
from typing import Any

from simulator.nlu.normalize import clause_breaks, normalize
from simulator.routing.learned import LearnedStage
from simulator.routing.router import Router
from simulator.sdk.response import Response
from simulator.sdk.skill import Skill
from simulator.sdk.slots import SlotEnv

__all__ = ["DatasetError", "build_skill", "evaluate_clinc150", "evaluate_hwu64"]


class DatasetError(ValueError):
    """The data set is missing or not in the expected format; the message names the file."""


Example = tuple[str, str]
"""A sentence and its label."""


def _intent_name(label: str) -> str:
    name = "".join(ch if ch.isalnum() else "_" for ch in label)
    return name if name[:1].isalpha() else f"i_{name}"


def _speaker(label: str) -> Any:
    def handler(ctx: Any) -> Response:
        return Response.speak(label)

    return handler


def build_skill(
    name: str, examples: Sequence[Example], out_of_domain: Sequence[str] = ()
) -> tuple[Skill, dict[str, str]]:
    """One skill with an intent per label whose samples are that label's sentences.

    Returns the skill and a map from intent name back to the data set's label. Sentences are
    normalised first, which also strips the template syntax characters (``()[]{}<>|``).
    ``out_of_domain`` sentences become the skill's out-of-domain samples (``Skill(...,
    out_of_domain=...)``): the learned stage trains them as one label whose win is a fallback.
    """
    by_label: dict[str, dict[str, None]] = {}
    for text, label in examples:
        words = normalize(text)
        if words:
            by_label.setdefault(label, {})[words] = None
    skill = Skill(
        name,
        description=f"intents of the {name} data set",
        out_of_domain=list(dict.fromkeys(w for w in map(normalize, out_of_domain) if w)),
    )
    names: dict[str, str] = {}
    for label, sentences in sorted(by_label.items()):
        intent = _intent_name(label)
        names[intent] = label

        skill.intent(intent, samples=list(sentences))(_speaker(label))
    return skill, names


def _route_all(router: Router, texts: Sequence[str]) -> list[tuple[str | None, float]]:
    """The best intent (or None) and its confidence for each text, with no threshold."""
    env = SlotEnv()
    threshold = router.threshold
    router.threshold = 0.0
    out: list[tuple[str | None, float]] = []
    try:
        for text in texts:
            decision = router.route(
                normalize(text).split(), env=env, breaks=clause_breaks(text), typed=text
            )
            best = decision.best
            out.append((best.intent, best.confidence) if best else (None, 0.0))
    finally:
        router.threshold = threshold
    return out


def _train_router(skill: Skill, cache_dir: Path | None) -> tuple[Router, dict[str, Any], float]:
    started = time.perf_counter()
    router = Router([skill])
    stage = LearnedStage("sync", cache_dir=cache_dir)
    stage.attach(router, [skill], SlotEnv())
    if router.classifier is None:
        raise DatasetError(f"the learned stage could not be trained: {stage.status}")
    return router, stage.status, round(time.perf_counter() - started, 2)


# -- HWU64 -----------------------------------------------------------------------------------


def _read_hwu_dir(directory: Path) -> list[Example]:
    files = sorted(directory.glob("*.csv"))
    if not files:
        raise DatasetError(f"{directory}: no .csv files")
    out: list[Example] = []
    for path in files:
        try:
            with path.open(newline="", encoding="utf-8") as fh:
                for row in csv.DictReader(fh, delimiter=";"):
                    label = f"{row['scenario']}_{row['intent']}"
                    out.append((row["answer_from_anno"], label))
        except (KeyError, UnicodeDecodeError, csv.Error) as exc:
            raise DatasetError(f"{path}: not an HWU64 CSV file ({exc})") from None
    return out


def _find_fold(path: Path) -> Path:
    """The ``KFold_1`` directory under ``path`` (or ``path`` itself)."""
    if (path / "trainset").is_dir():
        return path
    found = sorted(p for p in path.rglob("KFold_1") if (p / "trainset").is_dir())
    if not found:
        raise DatasetError(f"{path}: no KFold_1/trainset directory found (HWU64 layout)")
    return found[0]


def evaluate_hwu64(
    path: Path, *, cache_dir: Path | None = None, failures: int = 20
) -> dict[str, Any]:
    """Train on fold 1's training split and score its test split (see the module docstring)."""
    fold = _find_fold(path)
    train = _read_hwu_dir(fold / "trainset")
    test = _read_hwu_dir(fold / "testset" / "csv")
    skill, names = build_skill("hwu64", train)
    router, status, train_seconds = _train_router(skill, cache_dir)
    started = time.perf_counter()
    results = _route_all(router, [t for t, _ in test])
    route_seconds = time.perf_counter() - started
    correct = correct_at_threshold = 0
    confusions: Counter[tuple[str, str]] = Counter()
    missed: list[dict[str, Any]] = []
    for (text, label), (intent, confidence) in zip(test, results, strict=True):
        got = names.get(intent or "", "")
        if got == label:
            correct += 1
            if confidence >= router.threshold:
                correct_at_threshold += 1
        else:
            confusions[(label, got or "fallback")] += 1
            if len(missed) < failures:
                missed.append({"text": text, "label": label, "got": got or None})
    n = len(test)
    return {
        "dataset": "hwu64",
        "n": n,
        "train_n": len(train),
        "intents": len(names),
        "accuracy": round(correct / n, 4) if n else 0.0,
        "accuracy_at_threshold": round(correct_at_threshold / n, 4) if n else 0.0,
        "threshold": router.threshold,
        "train_seconds": train_seconds,
        "model": status,
        "route_ms_mean": round(1000 * route_seconds / n, 3) if n else 0.0,
        "top_confusions": [
            {"label": a, "got": b, "count": c} for (a, b), c in confusions.most_common(10)
        ],
        "failures": missed,
    }


# -- CLINC150 --------------------------------------------------------------------------------


def _read_clinc(path: Path) -> dict[str, list[Example]]:
    file = path if path.is_file() else path / "data" / "data_full.json"
    if not file.is_file() and (path / "data_full.json").is_file():
        file = path / "data_full.json"
    try:
        data = json.loads(file.read_text(encoding="utf-8"))
        out = {
            split: [(str(text), str(label)) for text, label in data[split]]
            for split in ("train", "val", "test", "oos_train", "oos_val", "oos_test")
        }
    except OSError as exc:
        raise DatasetError(f"{file}: cannot read ({exc.strerror or exc})") from None
    except (ValueError, KeyError, TypeError) as exc:
        raise DatasetError(f"{file}: not CLINC150's data_full.json ({exc})") from None
    return out


def _oos_threshold(scores: Sequence[float], target: float) -> float:
    """The lowest threshold that rejects at least ``target`` of these out-of-scope scores."""
    ordered = sorted(scores)
    if not ordered:
        return 0.5
    index = min(len(ordered) - 1, max(0, int(target * len(ordered) + 0.999999) - 1))
    return round(ordered[index] + 1e-6, 6)


def _held_out_oos(
    train: Sequence[Example], oos: Sequence[str], folds: int, cache_dir: Path | None
) -> list[float]:
    """The confidence of every ``oos`` sentence from a model trained without it.

    ``folds`` models, each trained on ``train`` with all but one fold of ``oos`` as its
    out-of-domain samples, score the fold left out.
    """
    scores: list[float] = []
    for k in range(folds):
        kept = [t for i, t in enumerate(oos) if i % folds != k]
        held = [t for i, t in enumerate(oos) if i % folds == k]
        skill, _ = build_skill("clinc150", train, kept)
        router, _, _ = _train_router(skill, cache_dir)
        scores += [conf for _, conf in _route_all(router, held)]
    return scores


def evaluate_clinc150(
    path: Path,
    *,
    cache_dir: Path | None = None,
    target_oos_recall: float = 0.85,
    failures: int = 20,
    validation_only: bool = False,
    oos_train: bool = True,
    threshold_folds: int = 2,
) -> dict[str, Any]:
    """Train on ``train``, choose the threshold on ``val``/``oos_val``, score ``test``/``oos_test``.

    With ``oos_train`` (the CLINC authors' "oos-train" setting) the ``oos_train`` split is the
    skill's out-of-domain samples: one more label, trained beside the intents, whose win falls
    back; the threshold then catches what it does not.

    With ``oos_train`` and ``threshold_folds`` of 2 or more, the threshold is chosen on
    ``oos_val`` together with ``oos_train`` cross-validated in that many folds (each fold scored
    by a model trained without it: that many more trainings); with 0, on ``oos_val`` alone.

    With ``validation_only`` the test splits are not routed at all: the figures are the
    validation splits' (for choosing settings, see ``benchmarks/nlu_settings.py``).
    """
    splits = _read_clinc(path)
    skill, names = build_skill(
        "clinc150", splits["train"], [t for t, _ in splits["oos_train"]] if oos_train else ()
    )
    router, status, train_seconds = _train_router(skill, cache_dir)
    val_oos = _route_all(router, [t for t, _ in splits["oos_val"]])
    held_out = [c for _, c in val_oos]
    sources = ["oos_val"]
    oos_texts = [t for t, _ in splits["oos_train"]]
    if oos_train and threshold_folds >= 2 and len(oos_texts) >= threshold_folds:
        held_out += _held_out_oos(splits["train"], oos_texts, threshold_folds, cache_dir)
        sources.append(f"oos_train ({threshold_folds}-fold cross-validated)")
    threshold = _oos_threshold(held_out, target_oos_recall)
    val_in = _route_all(router, [t for t, _ in splits["val"]])
    val_closed = [
        names.get(intent or "") == label
        for (_, label), (intent, _) in zip(splits["val"], val_in, strict=True)
    ]
    val_in_acc = sum(
        ok and conf >= threshold for ok, (_, conf) in zip(val_closed, val_in, strict=True)
    ) / max(1, len(val_in))
    report: dict[str, Any] = {
        "dataset": "clinc150",
        "train_n": len(splits["train"]),
        "intents": len(names),
        "trained_on": {
            "intents": "train",
            "out_of_domain_label": "oos_train" if oos_train else None,
            "threshold": ", ".join(sources),
        },
        "threshold": threshold,
        "threshold_from": (
            f"held out: lowest reaching {target_oos_recall:.0%} oos recall on "
            f"{len(held_out)} sentences of {' and '.join(sources)}"
        ),
        "val_in_scope_accuracy": round(val_in_acc, 4),
        "val_in_scope_accuracy_closed": round(sum(val_closed) / max(1, len(val_in)), 4),
        "val_oos_recall": round(
            sum(1 for _, conf in val_oos if conf < threshold) / max(1, len(val_oos)), 4
        ),
        "train_seconds": train_seconds,
        "model": status,
    }
    if validation_only:
        return report
    started = time.perf_counter()
    test_in = _route_all(router, [t for t, _ in splits["test"]])
    test_oos = _route_all(router, [t for t, _ in splits["oos_test"]])
    route_seconds = time.perf_counter() - started
    in_correct = closed_correct = 0
    missed: list[dict[str, Any]] = []
    for (text, label), (intent, conf) in zip(splits["test"], test_in, strict=True):
        got = names.get(intent or "")
        closed_correct += got == label
        if conf >= threshold and got == label:
            in_correct += 1
        elif len(missed) < failures:
            missed.append({"text": text, "label": label, "got": got if conf >= threshold else None})
    oos_rejected = sum(1 for _, conf in test_oos if conf < threshold)
    n_in, n_oos = len(test_in), len(test_oos)
    correct_all = in_correct + oos_rejected
    return {
        "dataset": "clinc150",
        "n": n_in + n_oos,
        "accuracy": round(correct_all / (n_in + n_oos), 4) if n_in + n_oos else 0.0,
        "in_scope_accuracy": round(in_correct / n_in, 4) if n_in else 0.0,
        "in_scope_accuracy_closed": round(closed_correct / n_in, 4) if n_in else 0.0,
        "oos_recall": round(oos_rejected / n_oos, 4) if n_oos else 0.0,
        **report,
        "route_ms_mean": round(1000 * route_seconds / max(1, n_in + n_oos), 3),
        "failures": missed,
    }
