"""The learned stage: a text classifier trained from the loaded skills' own sample utterances.

A real voice assistant treats a skill's samples as training data, not as the only sentences it
accepts. This module does the same, with scikit-learn doing all the learning:

1. **Training data.** Every intent's templates are expanded and sampled (the same code that
   makes example utterances, :func:`simulator.routing.samples.example_utterances`), slots filled with
   their types' spoken examples and the home's device and room names. A bounded number per
   intent keeps training time flat as skills are added.
2. **Features.** TF-IDF over word unigrams and bigrams plus character n-grams inside words
   (``char_wb``, 2-5): words carry meaning, character n-grams survive typos and word forms
   ("dims", "dimmed"). Fewer n-grams fit faster (3-4: about twice, 4 alone: three times, in
   ``benchmarks/nlu_settings.py``) but each lost a little accuracy on the held-out sets, so the
   range stays.
3. **Model.** A linear support vector machine (``LinearSVC``), one weight per feature and intent,
   so the words that weighed most for a decision can be read straight off it. Its margins are
   turned into probabilities by temperature scaling (a softmax over the intents whose one
   sharpness is fitted, with scipy, to minimise the log-loss of margins the model scored on a
   held-out half of the samples), so that "0.9" means about nine in ten are right and a threshold
   can reject out-of-scope requests.
4. **Unknown words.** A request full of words no skill ever uses ("what's the capital of
   France") is not any skill's business however the scores fall: the confidence is scaled by
   how much of the request's content the skills' vocabulary covers. Typos are first mended
   against that vocabulary with rapidfuzz ("ktichen" -> "kitchen").

A trained model is saved as plain arrays (raw little-endian numbers, no pickles) plus JSON,
with a SHA-256 of the array file inside the JSON; a file that does not match, or was made for
another skill set or by another version, is retrained rather than trusted.
"""

from __future__ import annotations

import array
import contextlib
import dataclasses
import functools
import hashlib
import json
import math
import mmap
import os
import random
import sys
import tempfile
import threading
import time
from collections import Counter, defaultdict
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any, Final, TypeAlias

from simulator.nlu.normalize import normalize
from simulator.nlu.zh import han_pairs
from simulator.routing.learned_stage import LearnedMode, LearnedStage, default_cache_dir
from simulator.routing.out_of_domain import (
    OUT_OF_DOMAIN,
    out_of_domain_texts,
    skills_out_of_domain,
)
from simulator.routing.samples import example_utterances
from simulator.sdk.skill import Skill, parse_out_of_domain
from simulator.sdk.slots import SlotEnv

if TYPE_CHECKING:
    import numpy as np  # training only: inference and loading run without numpy

    from simulator.routing.fitting import FitTask, Helper

__all__ = [
    "ARRAYS_SUFFIX",
    "CALIBRATION_TOL",
    "FORMAT_VERSION",
    "SVM_TOL",
    "Featurizer",
    "LearnedClassifier",
    "LearnedMode",
    "LearnedStage",
    "TrainingError",
    "TrainingSet",
    "default_cache_dir",
    "load_or_train",
    "skill_set_key",
    "train",
    "training_set",
]

FORMAT_VERSION: Final = 10
"""Bumped whenever training or the saved format changes, so old caches are not trusted."""

ARRAYS_SUFFIX: Final = ".arrays"
"""The model's arrays file, beside its ``.json`` (see `LearnedClassifier.save`)."""

DEFAULT_C: Final = 1.0
"""The SVM's regularisation, chosen on a held-out eighth of HWU64's training split."""

SVM_TOL: Final = 1e-2
"""The SVM solver's stopping tolerance. 1e-2 rather than 1e-3 (itself rather than the default
1e-4): on the bundled skills `train` took about 1 s less CPU (medians of three processes each,
interleaved, at a load of about 6: 8.09 -> 7.06 s; noisy), and the two models give every
sentence of ``tests/data/paraphrases.yaml`` (473) the same intent, with calibrated
probabilities at most 0.004 apart; ``eval hwu64`` stays at 88.29 %."""

CALIBRATION_TOL: Final = 1e-1
"""The tolerance of the model fitted on half the samples only to calibrate (see `train`): its
margins fix one number, the softmax's sharpness, which hardly moves with the tolerance. On
the bundled skills (one split, same features): 7.8566 at 1e-2 (1.75 s CPU), 7.8586 at 1e-1
(1.16 s), 7.872 at 3e-1; stopping after 10 passes instead gave 7.8785, after 5 7.9388."""


class TrainingError(ValueError):
    """The learned stage cannot be trained on this skill set; the message says why."""


@dataclass
class TrainingSet:
    """Texts with their ``(skill, intent)`` labels."""

    texts: list[str] = field(default_factory=list)
    labels: list[tuple[str, str]] = field(default_factory=list)

    def add(self, text: str, skill: str, intent: str) -> None:
        """Add one normalised example."""
        self.texts.append(text)
        self.labels.append((skill, intent))


def training_set(
    skills: Sequence[Skill],
    env: SlotEnv,
    *,
    per_intent: int = 60,
    seed: int = 0,
    out_of_domain: Sequence[str] = (),
) -> TrainingSet:
    """Example utterances of every intent, ``per_intent`` at most, but every template at least once.

    An intent with many one-sentence templates (a data set turned into a skill) contributes each
    of them, up to ``max(per_intent, 400)``, so such data is used whole.

    The skills' out-of-domain samples and ``out_of_domain`` (templates, such as the speaker's
    own list) are added under the one label `OUT_OF_DOMAIN`, except a sentence that is also an
    intent's example: a skill that serves a request owns it.
    """
    out = TrainingSet()
    for skill in skills:
        for intent in skill.intents.values():
            if not intent.templates:
                continue  # reached only through a question (`Response.elicit(intent=...)`)
            # One random stream per intent: adding or removing an intent elsewhere leaves
            # every other intent's examples (and so the model's guesses on them) as they were.
            rng = random.Random(f"{seed}:{skill.name}:{intent.name}")
            limit = max(per_intent, min(len(intent.templates), 400))
            # As drawn (not made readable): the training set stays what it was measured on.
            for text in example_utterances(intent, env, rng, limit=limit, readable=False):
                words = normalize(text)
                if words:
                    out.add(words, skill.name, intent.name)
    templates = [*skills_out_of_domain(skills), *parse_out_of_domain(out_of_domain)]
    if templates:
        served = set(out.texts)
        for text in out_of_domain_texts(templates, seed=seed):
            if text not in served:
                out.add(text, *OUT_OF_DOMAIN)
    return out


def skill_set_key(
    skills: Sequence[Skill],
    env: SlotEnv,
    *,
    per_intent: int = 60,
    out_of_domain: Sequence[str] = (),
) -> str:
    """A hash of everything the trained model depends on: samples, slot examples, versions."""
    from importlib.metadata import version

    digest = hashlib.sha256()
    sklearn_version = version("scikit-learn")
    digest.update(
        f"v{FORMAT_VERSION} sklearn {sklearn_version} {per_intent} C={DEFAULT_C} tol={SVM_TOL} "
        f"calibration tol={CALIBRATION_TOL} "
        f"words={_WORD_NGRAMS} chars={_CHAR_NGRAMS}\n".encode()
    )
    for text in out_of_domain:
        digest.update(f"out of domain {text}\n".encode())
    for skill in sorted(skills, key=lambda s: s.name):
        digest.update(f"skill {skill.name}\n".encode())
        for text in skill.out_of_domain:
            digest.update(f"  out of domain {text}\n".encode())
        for name in sorted(skill.rules):
            digest.update(f"rule {name}={skill.rules[name]}\n".encode())
        for intent in skill.intents.values():
            digest.update(f"intent {intent.name}\n".encode())
            for text in intent.samples:
                digest.update(f"  {text}\n".encode())
            for slot_name, slot in sorted(intent.slots.items()):
                examples = list(slot.type.examples(env))[:200]
                digest.update(f"  slot {slot_name} {slot.type.kind} {examples}\n".encode())
                # A Chinese template is trained with Chinese values: they count too.
                for language in intent.languages:
                    if language != env.language:
                        other = dataclasses.replace(env, language=language)
                        examples = list(slot.type.examples(other))[:200]
                        digest.update(f"  {language} {examples}\n".encode())
    return digest.hexdigest()


# -- the model -------------------------------------------------------------------------------

_WORD_NGRAMS: Final = (1, 2)
_CHAR_NGRAMS: Final = (2, 5)


@dataclass
class _Block:
    """One block of TF-IDF features fitted on the training texts (words, or characters)."""

    vocabulary: dict[str, int]
    idf: np.ndarray[Any, Any]
    """float32, as scikit-learn's ``TfidfVectorizer(dtype=float32).idf_``."""
    matrix: Any
    """The training texts' features: a ``scipy.sparse`` CSR matrix, float32, rows L2-normalised."""


def _fit_tfidf(texts: Sequence[str], analyzer: Callable[[str], list[str]]) -> _Block:
    """TF-IDF features of ``texts`` as ``TfidfVectorizer(analyzer=..., sublinear_tf=True,
    dtype=float32).fit_transform`` makes them, to the bit (a test compares the two).

    A few lines over `collections.Counter` rather than scikit-learn's vectoriser: the n-grams
    are the very functions inference uses (`_word_ngrams`, `_char_ngrams`), so training and
    inference cannot drift apart, and it takes about a third of the vectoriser's time (which
    runs its analyzer through more layers per text). Every step that rounds is scikit-learn's
    own, in its order and precision: counts and IDF in float32, the vocabulary in sorted order
    with each row's features ordered as first seen in the corpus (the order liblinear sums
    them in), ``1 + log(tf)``, times IDF, then each row divided by its norm summed in float64.
    No learning happens here: the model is fitted by scikit-learn (`simulator.routing.fitting`).
    """
    import numpy as np
    from scipy import sparse

    # An n-gram's number is the count of n-grams seen before it (`defaultdict` calling
    # ``len``): looked up through `map`, so the loop over some 575,000 n-grams runs in C.
    first_seen: defaultdict[str, int] = defaultdict()
    first_seen.default_factory = first_seen.__len__
    number = first_seen.__getitem__
    indices: list[int] = []
    counts: list[int] = []
    indptr = [0]
    for text in texts:
        grams = Counter(analyzer(text))
        indices += map(number, grams)
        counts += grams.values()
        indptr.append(len(indices))
    names = sorted(first_seen)
    renumber = np.empty(len(names), dtype=np.int32)
    renumber[[first_seen[name] for name in names]] = np.arange(len(names), dtype=np.int32)
    matrix = sparse.csr_matrix(
        (
            np.asarray(counts, dtype=np.float32),
            np.asarray(indices, dtype=np.int32),
            np.asarray(indptr, dtype=np.int32),
        ),
        shape=(len(texts), len(names)),
    )
    matrix.sort_indices()  # by first appearance, then renumbered in place: scikit-learn's order
    matrix.indices = renumber[matrix.indices]
    document_frequency = np.bincount(matrix.indices, minlength=len(names)).astype(np.float32)
    document_frequency += 1.0  # smoothed, as if one more text held every n-gram once
    idf = np.full_like(document_frequency, len(texts) + 1)
    idf /= document_frequency
    np.log(idf, out=idf)
    idf += 1.0
    data = matrix.data
    np.log(data, out=data)
    data += 1.0
    data *= idf[matrix.indices]
    # Squares in float32, summed in float64 (scikit-learn's `normalize` for float32 rows).
    per_row = np.diff(matrix.indptr)
    rows = np.repeat(np.arange(len(texts)), per_row)
    norms = np.sqrt(np.bincount(rows, (data * data).astype(np.float64), minlength=len(texts)))
    data /= np.repeat(norms, per_row)
    return _Block({name: i for i, name in enumerate(names)}, idf, matrix)


def _word_ngrams(text: str) -> list[str]:
    tokens = text.split()
    grams = list(tokens)
    grams.extend(" ".join(tokens[i : i + 2]) for i in range(len(tokens) - 1))
    return grams


def _char_ngrams(text: str) -> list[str]:
    """Character n-grams inside each word, as scikit-learn's ``char_wb`` analyzer makes them."""
    grams: list[str] = []
    for word in text.split():
        grams += _word_char_ngrams(word)
    return grams


@functools.lru_cache(maxsize=4096)
def _word_char_ngrams(word: str) -> tuple[str, ...]:
    """The n-grams of one word padded with one space either side (``char_wb``), shortest
    first; a padded word shorter than an n-gram gives none of that size.

    Cached: training asks for the same ~1,900 words some 190,000 times (the bundled skills'
    samples), which took ten times longer uncached. Bounded (a few MB at most), as inference
    meets any word a user types, and emptied after training (`train`), so a process that
    trained does not keep the training words' n-grams."""
    low, high = _CHAR_NGRAMS
    padded = f" {word} "
    size = len(padded)
    grams: list[str] = []
    for n in range(low, min(high, size) + 1):
        grams += [padded[i : i + n] for i in range(size - n + 1)]
    return tuple(grams)


def _tfidf(grams: list[str], vocabulary: dict[str, int], idf: Numbers) -> dict[int, float]:
    counts: dict[int, int] = {}
    for gram in grams:
        index = vocabulary.get(gram)
        if index is not None:
            counts[index] = counts.get(index, 0) + 1
    if not counts:
        return {}
    weights = {i: (1.0 + math.log(c)) * float(idf[i]) for i, c in counts.items()}
    norm = math.sqrt(sum(w * w for w in weights.values()))
    return {i: w / norm for i, w in weights.items()} if norm > 0 else {}


# -- plain arrays ------------------------------------------------------------------------------
#
# Inference and loading use no numpy: its import alone was about 0.13 s of CPU, half of what a
# warm start from the cache added to a `say`. The model's arrays are flat memoryviews of C
# numbers (a view of the mapped model file, or of numpy's arrays right after training); the
# few hundred features of one utterance are summed in Python in about a millisecond.

_FORMATS: Final = {"<f4": "f", "<f8": "d", "<i4": "i", "<i8": "q"}
"""The saved arrays' types (little-endian) and the memoryview formats they are read as."""

_NUMPY_TYPES: Final = {"f": "float32", "d": "float64", "i": "int32", "q": "int64"}

Numbers: TypeAlias = "memoryview | np.ndarray[Any, Any]"
"""A model's array as given: numpy's (training) or a flat memoryview (a loaded model); held as
a flat memoryview either way (see `_flat`)."""


def _cast(view: memoryview, fmt: str) -> memoryview:
    """``view.cast(fmt)`` for a format known only at run time (typeshed wants a literal)."""
    return view.cast(fmt)  # type: ignore[call-overload, no-any-return]


def _flat(values: Any, fmt: str) -> memoryview:
    """``values`` as a flat memoryview of C numbers of format ``fmt`` (``f d i q``).

    A memoryview that already is one (a model read from its file) is kept as it is; a list
    becomes an `array.array`; anything else (numpy's arrays, right after training) is converted
    by numpy, which is then loaded anyway.
    """
    if isinstance(values, memoryview) and values.format == fmt and values.ndim == 1:
        return values
    if isinstance(values, (list, tuple, range)):
        return memoryview(array.array(fmt, values))
    import numpy as np

    plain = np.ascontiguousarray(values, dtype=_NUMPY_TYPES[fmt]).reshape(-1)
    return _cast(plain.data.cast("B"), fmt)


def _columns(
    rows: tuple[memoryview, memoryview, memoryview], size: int
) -> tuple[memoryview, memoryview, memoryview]:
    """The samples' sparse rows turned feature-major: for each feature, the samples that have
    it and its value there (what a similarity to every sample needs, touching only the
    utterance's own features). Made with numpy: only a model just trained (or built in code)
    lacks them, and numpy is loaded then."""
    import numpy as np

    indptr, indices, data = (np.asarray(r) for r in rows)
    sample_of = np.repeat(np.arange(len(indptr) - 1, dtype=np.int32), np.diff(indptr))
    order = np.argsort(indices, kind="stable")  # stable: samples in order within a feature
    starts = np.zeros(size + 1, dtype=np.int64)
    np.cumsum(np.bincount(indices, minlength=size), out=starts[1:])
    return _flat(starts, "q"), _flat(sample_of[order], "i"), _flat(data[order], "f")


@dataclass
class Featurizer:
    """TF-IDF features of one utterance, as scikit-learn's ``TfidfVectorizer.transform`` computes
    them with the vocabularies and IDF weights fitted at training time (`_fit_tfidf`).

    It applies them in a few microseconds, without scikit-learn's per-call overhead (about
    6 ms) and without importing it (or numpy) at all when a model is loaded from the cache. A
    test checks that its vectors equal ``TfidfVectorizer.transform``'s.
    """

    word_vocabulary: dict[str, int]
    word_idf: Numbers
    """Float64 IDF weights by word n-gram index (numpy arrays are converted on creation)."""
    char_vocabulary: dict[str, int]
    char_idf: Numbers

    def __post_init__(self) -> None:
        """Hold the IDF weights as flat float64 memoryviews, whatever was given."""
        self.word_idf = _flat(self.word_idf, "d")
        self.char_idf = _flat(self.char_idf, "d")

    @property
    def size(self) -> int:
        """Number of features (word n-grams, then character n-grams)."""
        return len(self.word_vocabulary) + len(self.char_vocabulary)

    def vector(self, text: str) -> tuple[list[int], list[float]]:
        """Sparse features of ``text``: (indices, values), each half L2-normalised.

        The values are rounded to float32, as scikit-learn's vectorisers (``dtype=float32``)
        and the saved samples hold them.
        """
        words = _tfidf(_word_ngrams(text), self.word_vocabulary, self.word_idf)
        offset = len(self.word_vocabulary)
        chars = _tfidf(_char_ngrams(text), self.char_vocabulary, self.char_idf)
        indices = [*words, *(offset + i for i in chars)]
        values = array.array("f", [*words.values(), *chars.values()]).tolist()
        return indices, values

    def names(self) -> list[str]:
        """Every feature's name, by index: word n-grams as they are, character n-grams quoted."""
        out = [""] * self.size
        for word, i in self.word_vocabulary.items():
            out[i] = word
        offset = len(self.word_vocabulary)
        for gram, i in self.char_vocabulary.items():
            out[offset + i] = f"'{gram}'"
        return out


@dataclass
class LearnedClassifier:
    """A trained learned stage: features, linear weights, calibration and example samples.

    Use :func:`train` or :func:`load_or_train` to make one. :meth:`predict` is the router's
    ``Classifier`` seam; :meth:`explain` and :meth:`nearest_intents` serve explanations.
    The arrays may be given as numpy arrays (training) or memoryviews (a loaded model); they
    are held as flat memoryviews, so scoring needs no numpy.
    """

    labels: list[tuple[str, str]]
    featurizer: Featurizer
    weights: Numbers
    """Feature x label weights of the linear model (float32), row by row: feature ``f``'s
    weights for every label start at ``f * len(labels)``."""
    intercept: Numbers
    cal_a: Numbers
    """The softmax's sharpness (one value, repeated per label for the saved format)."""
    cal_b: Numbers
    """Unused by temperature scaling (zeros); kept so the saved arrays keep their shape."""
    calibrated: bool
    samples: list[str]
    sample_labels: Numbers
    key: str = ""
    train_seconds: float = 0.0
    train_detail: dict[str, float] = field(default_factory=dict)
    """Where training time went, in seconds: ``import`` (scikit-learn and scipy), ``samples``
    (drawing the example utterances), ``features`` and ``fit`` (wall clock), and ``fit_cpu``
    (CPU time of the process while fitting: the fits run on two threads, so it exceeds ``fit``)."""
    vocabulary: frozenset[str] = field(default_factory=frozenset)
    """The words of the intents' samples (not of the out-of-domain ones: a word only they use
    is a word no skill knows, which is what the router's coverage counts)."""
    han_pairs: frozenset[str] = field(default_factory=frozenset)
    """Pairs of Han characters seen in training ("加 油"): Chinese words, for the coverage."""
    _sample_rows: tuple[Any, Any, Any] | None = None
    """The kept samples' features, sample by sample (CSR: row starts, feature indices, values)."""
    _sample_columns: tuple[Any, Any, Any] | None = None
    """The same feature by feature (feature starts, sample indices, values)."""
    _names: list[str] | None = None
    _foreign: frozenset[str] | None = None
    _last: tuple[str, list[float]] | None = None
    """The last text's probabilities: the router asks for a label's probability of the text it
    has just had ranked (`out_of_domain_probability`), which costs no second scoring."""

    def __post_init__(self) -> None:
        """Hold the arrays as flat memoryviews; derive what was not given (the vocabulary, the
        samples' vectors both ways)."""
        self.weights = _flat(self.weights, "f")
        self.intercept = _flat(self.intercept, "d")
        self.cal_a = _flat(self.cal_a, "d")
        self.cal_b = _flat(self.cal_b, "d")
        self.sample_labels = _flat(self.sample_labels, "i")
        if not self.vocabulary:
            self.vocabulary = frozenset(w for w in self.featurizer.word_vocabulary if " " not in w)
        if not self.han_pairs:
            self.han_pairs = han_pairs(self.featurizer.word_vocabulary)
        if self._sample_rows is None:
            indptr = [0]
            indices: list[int] = []
            data: list[float] = []
            for text in self.samples:
                idx, val = self.featurizer.vector(text)
                indices.extend(idx)
                data.extend(val)
                indptr.append(len(indices))
            self._sample_rows = (indptr, indices, data)
        rows = self._sample_rows
        self._sample_rows = (_flat(rows[0], "q"), _flat(rows[1], "i"), _flat(rows[2], "f"))
        if self._sample_columns is None:
            self._sample_columns = _columns(self._sample_rows, self.featurizer.size)
        columns = self._sample_columns
        self._sample_columns = (
            _flat(columns[0], "q"),
            _flat(columns[1], "i"),
            _flat(columns[2], "f"),
        )

    # -- scoring ---------------------------------------------------------------------------

    def scores(self, text: str) -> list[float]:
        """The linear model's margin for every label."""
        idx, val = self.featurizer.vector(text)
        n = len(self.labels)
        weights = self.weights
        out = [float(b) for b in self.intercept]
        for feature, value in zip(idx, val, strict=True):
            start = feature * n
            out = [s + value * w for s, w in zip(out, weights[start : start + n], strict=True)]
        return out

    def probabilities(self, text: str) -> list[float]:
        """Calibrated probability of every label for one normalised utterance."""
        last = self._last
        if last is not None and last[0] == text:
            return last[1]
        scores = self.scores(text)
        # Too few samples per intent to hold any out: a fixed sharpness, said plainly in
        # explanations ("uncalibrated").
        sharpness = float(self.cal_a[0]) if self.calibrated and len(self.cal_a) else 4.0
        top = max(scores)
        shifted = [math.exp(sharpness * (s - top)) for s in scores]
        total = sum(shifted)
        probabilities = [s / total for s in shifted]
        self._last = (text, probabilities)  # one assignment: safe beside another thread
        return probabilities

    def out_of_domain_probability(self, text: str) -> float:
        """The calibrated probability that ``text`` is nobody's business (`OUT_OF_DOMAIN`); 1.0
        when the model was trained without out-of-domain samples (no evidence either way)."""
        try:
            at = self.labels.index(OUT_OF_DOMAIN)
        except ValueError:
            return 1.0
        return self.probabilities(text)[at]

    @property
    def out_of_domain_words(self) -> frozenset[str]:
        """Words only the out-of-domain samples use ("flight", "taxi"): evidence that a request
        is nobody's business, where a word no sample uses may just be a name."""
        if self._foreign is None:
            self._foreign = (
                frozenset(w for w in self.featurizer.word_vocabulary if " " not in w)
                - self.vocabulary
                if self.knows_out_of_domain
                else frozenset()
            )
        return self._foreign

    @property
    def knows_out_of_domain(self) -> bool:
        """Whether the model was trained with out-of-domain samples (see `OUT_OF_DOMAIN`)."""
        return OUT_OF_DOMAIN in self.labels

    @property
    def domain_samples(self) -> list[str]:
        """The kept samples of real intents (the out-of-domain ones left out)."""
        try:
            ood = self.labels.index(OUT_OF_DOMAIN)
        except ValueError:
            return self.samples
        return [
            t for t, label in zip(self.samples, self.sample_labels, strict=True) if label != ood
        ]

    def predict(self, text: str, tokens: Sequence[str]) -> list[tuple[str, str, float]]:
        """Ranked ``(skill, intent, probability)`` for the utterance, best first (top 5).

        The out-of-domain label (`OUT_OF_DOMAIN`) is ranked like any intent."""
        probs = self.probabilities(text)
        order = sorted(range(len(probs)), key=lambda i: -probs[i])[:5]
        return [(*self.labels[i], probs[i]) for i in order]

    # -- explanation -----------------------------------------------------------------------

    def _similarities(self, text: str) -> list[float]:
        """Cosine similarity of ``text`` to every kept sample (both vectors are normalised),
        summed feature by feature over the samples that share one with ``text``."""
        assert self._sample_columns is not None
        starts, rows, data = self._sample_columns
        sims = [0.0] * len(self.samples)
        idx, val = self.featurizer.vector(text)
        for feature, value in zip(idx, val, strict=True):
            begin, end = starts[feature], starts[feature + 1]
            for row, weight in zip(rows[begin:end], data[begin:end], strict=True):
                sims[row] += value * weight
        return [s / 2.0 for s in sims]  # two halves, each of norm 1

    def _similarities_of(self, text: str, rows: list[int]) -> list[float]:
        """Cosine similarity of ``text`` to the kept samples ``rows`` only (sample by sample)."""
        assert self._sample_rows is not None
        indptr, indices, data = self._sample_rows
        idx, val = self.featurizer.vector(text)
        query = dict(zip(idx, val, strict=True))
        out: list[float] = []
        for row in rows:
            begin, end = indptr[row], indptr[row + 1]
            out.append(
                sum(
                    query.get(feature, 0.0) * weight
                    for feature, weight in zip(indices[begin:end], data[begin:end], strict=True)
                )
                / 2.0
            )
        return out

    def explain(self, text: str, skill: str, intent: str, k: int = 3) -> dict[str, Any]:
        """Why ``text`` scored for this intent: its heaviest words and the nearest samples."""
        try:
            label = self.labels.index((skill, intent))
        except ValueError:
            return {}
        idx, val = self.featurizer.vector(text)
        n = len(self.labels)
        contributions = [
            value * self.weights[feature * n + label]
            for feature, value in zip(idx, val, strict=True)
        ]
        if self._names is None:
            self._names = self.featurizer.names()
        top_words: list[dict[str, Any]] = []
        top_chars: list[dict[str, Any]] = []
        for i in sorted(range(len(idx)), key=lambda i: -contributions[i]):
            weight = contributions[i]
            if weight <= 0:
                break
            name = self._names[idx[i]]
            target = top_chars if name.startswith("'") else top_words
            if len(target) < (3 if target is top_chars else 5):
                target.append({"feature": name, "weight": round(weight, 3)})
        mine = [row for row, owner in enumerate(self.sample_labels) if owner == label]
        sims = self._similarities_of(text, mine)
        ranked = sorted(range(len(mine)), key=lambda i: -sims[i])[:k]
        nearest = [
            {"sample": self.samples[mine[i]], "similarity": round(sims[i], 3)} for i in ranked
        ]
        return {
            "top_words": top_words,
            "top_char_ngrams": top_chars,
            "nearest_samples": nearest,
            "calibrated": self.calibrated,
        }

    def nearest_intents(self, text: str, k: int = 3) -> list[dict[str, Any]]:
        """The intents whose samples are most like ``text`` (for a fallback's explanation)."""
        sims = self._similarities(text)
        out: list[dict[str, Any]] = []
        seen: set[int] = set()
        for i in sorted(range(len(sims)), key=lambda i: -sims[i]):
            label = self.sample_labels[i]
            if label in seen or self.labels[label] == OUT_OF_DOMAIN:
                continue
            seen.add(label)
            skill, intent = self.labels[label]
            out.append(
                {
                    "skill": skill,
                    "intent": intent,
                    "sample": self.samples[i],
                    "similarity": round(sims[i], 3),
                }
            )
            if len(out) >= k:
                break
        return out

    # -- saving ----------------------------------------------------------------------------

    def save(self, directory: Path) -> Path:
        """Write the model to ``directory/<key>.arrays`` and ``.json``; returns the JSON path.

        Written to temporary files and renamed, so a crash never leaves half a model behind.
        """
        directory.mkdir(parents=True, exist_ok=True)
        assert self._sample_rows is not None and self._sample_columns is not None
        n = len(self.labels)
        idf = (self.featurizer.word_idf, self.featurizer.char_idf)
        arrays: dict[str, tuple[memoryview, list[int]]] = {
            "weights": (_flat(self.weights, "f"), [self.featurizer.size, n]),
            "intercept": (_flat(self.intercept, "d"), [n]),
            "cal_a": (_flat(self.cal_a, "d"), [len(self.cal_a)]),
            "cal_b": (_flat(self.cal_b, "d"), [len(self.cal_b)]),
            "word_idf": (_flat(idf[0], "d"), [len(idf[0])]),
            "char_idf": (_flat(idf[1], "d"), [len(idf[1])]),
            "sample_labels": (_flat(self.sample_labels, "i"), [len(self.sample_labels)]),
        }
        for prefix, parts in (
            ("sample", self._sample_rows),
            ("column", self._sample_columns),
        ):
            for name, view in zip(("indptr", "indices", "data"), parts, strict=True):
                arrays[f"{prefix}_{name}"] = (view, [len(view)])
        blob, layout = _pack(arrays)
        with tempfile.NamedTemporaryFile(dir=directory, suffix=ARRAYS_SUFFIX, delete=False) as fh:
            fh.write(blob)
            tmp_arrays = Path(fh.name)
        meta = {
            "format": FORMAT_VERSION,
            "key": self.key,
            "arrays_sha256": hashlib.sha256(blob).hexdigest(),
            "arrays": layout,
            "labels": [list(label) for label in self.labels],
            "word_vocabulary": _vocabulary_list(self.featurizer.word_vocabulary),
            "char_vocabulary": _vocabulary_list(self.featurizer.char_vocabulary),
            "calibrated": self.calibrated,
            "samples": self.samples,
            "train_seconds": self.train_seconds,
            "train_detail": self.train_detail,
            "vocabulary": sorted(self.vocabulary),
            # Saved, not derived on load: deriving them looks at every character of every word.
            "han_pairs": sorted(self.han_pairs),
        }
        json_path = directory / f"{self.key}.json"
        os.replace(tmp_arrays, directory / f"{self.key}{ARRAYS_SUFFIX}")
        with tempfile.NamedTemporaryFile(
            "w", dir=directory, suffix=".json", delete=False, encoding="utf-8"
        ) as out:
            out.write(json.dumps(meta))  # dumps: json.dump encodes in pure Python, 3x slower
            tmp_json = Path(out.name)
        os.replace(tmp_json, json_path)
        return json_path

    @classmethod
    def load(cls, directory: Path, key: str) -> LearnedClassifier | None:
        """The model saved under ``key``, or None when it is missing, stale or corrupt.

        Only plain numbers are read (the arrays are views of the mapped file, laid out as the
        JSON says), and only after the array file's SHA-256 matched the one recorded beside it:
        hashed at the first load, and again whenever the file's identity (size, modification
        and change times, inode) differs from the one noted then (`_verified_before`).
        """
        json_path = directory / f"{key}.json"
        arrays_path = directory / f"{key}{ARRAYS_SUFFIX}"
        try:
            meta = json.loads(json_path.read_text(encoding="utf-8"))
            if (
                not isinstance(meta, dict)
                or meta.get("format") != FORMAT_VERSION
                or meta.get("key") != key
            ):
                return None
            buffer, stamp = _map_stamped(arrays_path)
            digest = meta.get("arrays_sha256")
            if not _verified_before(directory, key, digest, stamp):
                if digest != hashlib.sha256(buffer).hexdigest():
                    return None
                _note_verified(directory, key, digest, stamp)
            arrays = _unpack(buffer, meta["arrays"])
            if arrays is None:
                return None
            if isinstance(buffer, mmap.mmap) and hasattr(mmap, "MADV_DONTNEED"):
                # Hashing touched every page; one utterance reads a few hundred weights, so
                # the rest need not stay resident (read again from the file if ever needed).
                buffer.madvise(mmap.MADV_DONTNEED)
            featurizer = Featurizer(
                {str(w): i for i, w in enumerate(meta["word_vocabulary"])},
                arrays["word_idf"][0],
                {str(w): i for i, w in enumerate(meta["char_vocabulary"])},
                arrays["char_idf"][0],
            )
            labels = [(str(s), str(i)) for s, i in meta["labels"]]
            weights, shape = arrays["weights"]
            samples = [str(s) for s in meta["samples"]]
            rows = tuple(arrays[f"sample_{n}"][0] for n in ("indptr", "indices", "data"))
            columns = tuple(arrays[f"column_{n}"][0] for n in ("indptr", "indices", "data"))
            nnz = len(rows[1])
            if (
                shape != [featurizer.size, len(labels)]
                or len(featurizer.word_idf) != len(featurizer.word_vocabulary)
                or len(featurizer.char_idf) != len(featurizer.char_vocabulary)
                or len(samples) != len(arrays["sample_labels"][0])
                or any(len(arrays[a][0]) != len(labels) for a in ("cal_a", "intercept"))
                or len(rows[0]) != len(samples) + 1
                or len(rows[2]) != nnz
                or (len(rows[0]) and rows[0][-1] != nnz)
                or len(columns[0]) != featurizer.size + 1
                or len(columns[1]) != nnz
                or len(columns[2]) != nnz
                or columns[0][-1] != nnz
            ):
                return None
            return cls(
                labels=labels,
                featurizer=featurizer,
                weights=weights,
                intercept=arrays["intercept"][0],
                cal_a=arrays["cal_a"][0],
                cal_b=arrays["cal_b"][0],
                calibrated=bool(meta["calibrated"]),
                samples=samples,
                sample_labels=arrays["sample_labels"][0],
                key=key,
                train_seconds=float(meta.get("train_seconds", 0.0)),
                train_detail={
                    str(k): float(v) for k, v in dict(meta.get("train_detail") or {}).items()
                },
                vocabulary=frozenset(str(w) for w in meta.get("vocabulary", ())),
                han_pairs=frozenset(str(p) for p in meta.get("han_pairs", ())),
                _sample_rows=(rows[0], rows[1], rows[2]),
                _sample_columns=(columns[0], columns[1], columns[2]),
            )
        except (OSError, ValueError, KeyError, TypeError, AttributeError, IndexError, EOFError):
            # Missing, truncated, tampered or from another version: retrain, never trust.
            return None


_ARRAY_ALIGN: Final = 64


def _map_stamped(path: Path) -> tuple[mmap.mmap | bytes, list[int]]:
    """The file's bytes, mapped read-only (pages are read when touched), or read where a
    mapping cannot be made (an empty file); with the identity of the very file opened (size,
    modification and change times in nanoseconds, device and inode)."""
    with open(path, "rb") as fh:
        info = os.fstat(fh.fileno())
        stamp = [info.st_size, info.st_mtime_ns, info.st_ctime_ns, info.st_dev, info.st_ino]
        try:
            return mmap.mmap(fh.fileno(), 0, access=mmap.ACCESS_READ), stamp
        except (ValueError, OSError):
            return fh.read(), stamp


_VERIFIED_SUFFIX: Final = ".verified"


def _verified_before(directory: Path, key: str, digest: object, stamp: list[int]) -> bool:
    """Whether this very array file was hashed before and matched ``digest``.

    Hashing the 19 MB of the bundled model was ~35 ms of a warm learned ``say`` (more than half
    of loading it). A file written since, in place or replaced, has another change time (which
    no program can set back) or inode, so it is hashed again; so is one whose note is missing,
    damaged or for another digest.
    """
    try:
        note = json.loads((directory / f"{key}{_VERIFIED_SUFFIX}").read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return False
    return (
        isinstance(note, dict)
        and isinstance(digest, str)
        and note.get("sha256") == digest
        and note.get("stamp") == stamp
    )


def _note_verified(directory: Path, key: str, digest: str, stamp: list[int]) -> None:
    """Remember that the array file with ``stamp`` matched ``digest`` (best effort)."""
    note = json.dumps({"sha256": digest, "stamp": stamp})
    try:
        with tempfile.NamedTemporaryFile(
            "w", dir=directory, suffix=_VERIFIED_SUFFIX, delete=False, encoding="utf-8"
        ) as out:
            out.write(note)
        os.replace(out.name, directory / f"{key}{_VERIFIED_SUFFIX}")
    except OSError:
        pass  # a read-only cache: the next load hashes again


def _pack(arrays: dict[str, tuple[memoryview, list[int]]]) -> tuple[bytes, dict[str, list[Any]]]:
    """The arrays' bytes one after another (each aligned), and where each one lies.

    Not ``numpy.savez``: reading a zip member copies it, and that was the biggest part of
    loading a model (~40 ms of ~100); these bytes become memoryviews without a copy.
    """
    parts: list[bytes] = []
    layout: dict[str, list[Any]] = {}
    offset = 0
    by_format = {fmt: name for name, fmt in _FORMATS.items()}
    for name, (view, shape) in arrays.items():
        fmt = "q" if view.format == "l" and view.itemsize == 8 else view.format
        dtype = by_format.get(fmt)
        if dtype is None or math.prod(shape) != len(view):
            raise TypeError(f"array {name!r} has an unsupported type {view.format} or shape")
        data = view.tobytes()
        if sys.byteorder != "little":
            swapped = array.array(fmt, data)
            swapped.byteswap()
            data = swapped.tobytes()
        padding = -offset % _ARRAY_ALIGN
        parts.append(b"\0" * padding)
        offset += padding
        layout[name] = [dtype, list(shape), offset, len(data)]
        parts.append(data)
        offset += len(data)
    return b"".join(parts), layout


def _unpack(
    buffer: mmap.mmap | bytes, layout: object
) -> dict[str, tuple[memoryview, list[int]]] | None:
    """The arrays `_pack` laid out in ``buffer`` (flat views, with their shapes); None when the
    layout does not fit the bytes."""
    if not isinstance(layout, dict):
        return None
    whole = memoryview(buffer)
    out: dict[str, tuple[memoryview, list[int]]] = {}
    for name, spec in layout.items():
        if not isinstance(spec, list) or len(spec) != 4:
            return None
        dtype, shape, offset, size = spec
        fmt = _FORMATS.get(dtype) if isinstance(dtype, str) else None
        if (
            fmt is None
            or not isinstance(shape, list)
            or not all(isinstance(n, int) and n >= 0 for n in shape)
            or not isinstance(offset, int)
            or not isinstance(size, int)
            or offset < 0
            or offset + size > len(whole)
            or size != math.prod(shape) * array.array(fmt).itemsize
        ):
            return None
        view = _cast(whole[offset : offset + size], fmt)
        if sys.byteorder != "little":  # the file is little-endian: a swapped copy
            swapped = array.array(fmt, view.tobytes())
            swapped.byteswap()
            view = memoryview(swapped)
        out[str(name)] = (view, list(shape))
    return out


def _vocabulary_list(vocabulary: dict[str, int]) -> list[str]:
    ordered = [""] * len(vocabulary)
    for word, index in vocabulary.items():
        ordered[index] = word
    return ordered


def train(
    data: TrainingSet,
    *,
    key: str = "",
    c: float = DEFAULT_C,
    samples_per_intent: int = 25,
    calibration_folds: int = 2,
    helper: bool | None = None,
) -> LearnedClassifier:
    """Fit the learned stage on ``data``. Raises :class:`TrainingError` when it cannot.

    ``c`` is the SVM's regularisation (higher fits the samples more closely).
    ``samples_per_intent`` training texts per intent are kept for "nearest sample" explanations.
    ``calibration_folds`` folds split the samples: a model fitted on all but one scores that
    one, whose margins fit the softmax's sharpness (one fold is scored, not all: it costs one
    fit on part of the data instead of ``calibration_folds``; that fit stops at the looser
    `CALIBRATION_TOL`). With one sample per intent nothing can be held out, so the scores stay
    uncalibrated, and say so.

    Both models' labels are fitted in two halves (see `fitting.fit_labels`), one half of each
    in a helper process (``helper``; None: when there are `fitting.HELPER_MIN_SAMPLES`
    samples or more and `fitting.a_core_is_free`), so on two idle cores the fits take about
    half the wall-clock time. Each fit
    runs alone in its process from a fixed seed, so two trainings of one skill set give the
    same model, with or without the helper (see `simulator.routing.fitting`).
    """
    from simulator.routing import fitting

    started = time.perf_counter()
    label_set = sorted(set(data.labels))
    n_labels = len(label_set)
    if helper is None:
        helper = (
            len(data.texts) >= fitting.HELPER_MIN_SAMPLES
            and n_labels >= 6
            and fitting.a_core_is_free()
        )
    # Started first, so that it imports scikit-learn while this process does too and then
    # builds the features.
    assistant = fitting.Helper() if helper and n_labels >= 2 else None
    try:
        return _train(
            data, label_set, assistant, started, key, c, samples_per_intent, calibration_folds
        )
    finally:
        if assistant is not None:
            assistant.close()


def _train(
    data: TrainingSet,
    label_set: list[tuple[str, str]],
    assistant: Helper | None,
    started: float,
    key: str,
    c: float,
    samples_per_intent: int,
    calibration_folds: int,
) -> LearnedClassifier:
    """`train`'s work, with the helper process ``assistant`` (or None)."""
    import numpy as np
    from scipy import sparse
    from sklearn.model_selection import StratifiedKFold

    from simulator.routing.fitting import fit_tasks, patience

    imported = time.perf_counter()
    if not data.texts:
        raise TrainingError("no intent has a sample utterance to learn from")
    if len(label_set) < 2:
        skill, intent = label_set[0]
        raise TrainingError(
            f"only one intent ({skill}.{intent}) is loaded: there is nothing to tell it apart "
            "from, so only its templates are used"
        )
    index = {label: i for i, label in enumerate(label_set)}
    y = np.array([index[label] for label in data.labels])
    words = _fit_tfidf(data.texts, _word_ngrams)
    chars = _fit_tfidf(data.texts, _char_ngrams)
    _word_char_ngrams.cache_clear()  # the training words' n-grams are not needed again
    x = sparse.hstack([words.matrix, chars.matrix], format="csr")
    # liblinear takes float64: converted once here rather than by each fit.
    x64 = x.astype(np.float64)
    featured, fit_cpu = time.perf_counter(), time.process_time()
    counts = np.bincount(y, minlength=len(label_set))
    folds = int(min(calibration_folds, counts.min()))
    n_labels = len(label_set)
    # Each model's labels in two halves (see `fitting.fit_labels`): one half of each model
    # for the helper process, the other for this one, so both finish together.
    halves: list[list[int]] = (
        [list(range(0, n_labels, 2)), list(range(1, n_labels, 2))]
        if n_labels >= 6
        else [list(range(n_labels))]
    )
    held_rows = None
    part: list[FitTask] = []
    if folds >= 2:
        # Held-out margins: the samples of one fold scored by a model that did not see them.
        fit_rows, held_rows = next(
            StratifiedKFold(folds, shuffle=True, random_state=0).split(np.zeros(len(y)), y)
        )
        part = [(fit_rows, labels, CALIBRATION_TOL) for labels in halves]
    final: list[FitTask] = [(None, labels, SVM_TOL) for labels in halves]
    # The helper takes the first half of each model, this process the second (the helper's
    # share first: it fits while this process does).
    theirs: list[FitTask] = []
    ours = [*part, *final]
    if assistant is not None and len(halves) > 1:
        theirs = [task for task in ours if task[1] is halves[0]]
        ours = [task for task in ours if task[1] is not halves[0]]
        assistant.submit(x64, y, n_labels, c, theirs)
    own_started, helper_used = time.perf_counter(), False
    fitted_by = dict(zip(map(id, ours), fit_tasks(x64, y, n_labels, c, ours), strict=True))
    if theirs:
        waited = patience(time.perf_counter() - own_started)
        helped = assistant.results(waited) if assistant is not None else None
        helper_used = helped is not None
        if helped is None:
            # The helper failed or hung (ended by `results`): its tasks are fitted here.
            helped = fit_tasks(x64, y, n_labels, c, theirs)
        fitted_by.update(zip(map(id, theirs), helped, strict=True))
    if part:
        part_coef, part_intercept = _gather(part, fitted_by, n_labels, x.shape[1])
        sharpness = _temperature(x[held_rows], y[held_rows], part_coef, part_intercept)
        cal_a = np.full(n_labels, sharpness)
        is_calibrated = True
    else:
        cal_a = np.zeros(n_labels)
        is_calibrated = False
    coef, intercept = _gather(final, fitted_by, n_labels, x.shape[1])
    cal_b = np.zeros(n_labels)
    fitted, fit_cpu = time.perf_counter(), time.process_time() - fit_cpu
    coef = np.asarray(coef, dtype=np.float32)
    kept_rows: list[int] = []
    per_label: dict[int, int] = {}
    # The out-of-domain samples are many kinds of request under one label: all are kept, so a
    # fallback can name the nearest one ("book a flight to rome", not just any of 25).
    whole = index.get(OUT_OF_DOMAIN, -1)
    for row, label in enumerate(y):
        if label == whole or per_label.get(int(label), 0) < samples_per_intent:
            per_label[int(label)] = per_label.get(int(label), 0) + 1
            kept_rows.append(row)
    kept = x[kept_rows]
    kept_texts = [data.texts[i] for i in kept_rows]
    kept_labels = [int(y[i]) for i in kept_rows]
    # The router counts words no skill uses (see `LearnedClassifier.vocabulary`): the
    # out-of-domain samples' own words must stay unknown to it.
    domain_words = frozenset(
        w
        for text, label in zip(data.texts, data.labels, strict=True)
        if label != OUT_OF_DOMAIN
        for w in text.split()
    )
    return LearnedClassifier(
        labels=label_set,
        featurizer=Featurizer(words.vocabulary, words.idf, chars.vocabulary, chars.idf),
        weights=np.ascontiguousarray(coef.T),
        intercept=intercept,
        cal_a=cal_a,
        cal_b=cal_b,
        calibrated=is_calibrated,
        samples=kept_texts,
        sample_labels=np.array(kept_labels, dtype=np.int32),
        key=key,
        train_seconds=round(time.perf_counter() - started, 3),
        train_detail={
            "import": round(imported - started, 3),
            "features": round(featured - imported, 3),
            "fit": round(fitted - featured, 3),
            "fit_cpu": round(fit_cpu, 3),
            "fit_helper": 1.0 if helper_used else 0.0,  # its answer was used
        },
        vocabulary=domain_words,
        _sample_rows=(
            np.asarray(kept.indptr, dtype=np.int64),
            np.asarray(kept.indices, dtype=np.int64),
            np.asarray(kept.data, dtype=np.float32),
        ),
    )


def _temperature(held_x: Any, held_y: np.ndarray, coef: np.ndarray, intercept: np.ndarray) -> float:
    """The softmax's sharpness fitted on margins of samples the model ``coef`` did not see.

    Temperature scaling (Guo et al. 2017): one sharpness for the softmax over all intents, the
    one under which the held-out samples' true intents are most likely. It keeps the ranking of
    the margins, so calibration never changes which intent wins; a Platt sigmoid per intent,
    normalised afterwards, made every close call look certain.
    """
    import numpy as np
    from scipy.optimize import minimize_scalar
    from scipy.special import log_softmax

    held_out = np.asarray(held_x @ coef.T, dtype=np.float64) + intercept
    rows = np.arange(len(held_y))

    def log_loss(sharpness: float) -> float:
        return -float(log_softmax(sharpness * held_out, axis=1)[rows, held_y].mean())

    return float(minimize_scalar(log_loss, bounds=(0.1, 50.0), method="bounded").x)


def _gather(
    tasks: Sequence[FitTask],
    fitted: dict[int, tuple[np.ndarray, np.ndarray]],
    n_labels: int,
    n_features: int,
) -> tuple[np.ndarray, np.ndarray]:
    """The rows fitted for ``tasks`` (by task identity in ``fitted``), put together in label
    order."""
    import numpy as np

    coef = np.zeros((n_labels, n_features), dtype=np.float64)
    intercept = np.zeros(n_labels, dtype=np.float64)
    for task in tasks:
        rows, biases = fitted[id(task)]
        coef[list(task[1])] = rows
        intercept[list(task[1])] = biases
    return coef, intercept


_MEMO: dict[str, LearnedClassifier] = {}


def load_or_train(
    skills: Sequence[Skill],
    env: SlotEnv,
    *,
    cache_dir: Path | None,
    per_intent: int = 60,
    out_of_domain: Sequence[str] = (),
) -> tuple[LearnedClassifier, str]:
    """The learned stage for ``skills``: from memory, the disk cache, or trained now.

    ``out_of_domain`` are out-of-domain templates beyond the skills' own (see `training_set`).

    Returns the classifier and where it came from (``"memory"``, ``"cache"`` or ``"trained"``).
    Raises :class:`TrainingError` when the skill set cannot be learned from.
    """
    key = skill_set_key(skills, env, per_intent=per_intent, out_of_domain=out_of_domain)
    hit = _MEMO.get(key)
    if hit is not None:
        return hit, "memory"
    # One trainer per model, within a process and across processes: two simulators starting
    # cold on one skill set (two terminals, two test workers, the TUI's background thread and a
    # hot reload) would otherwise each spend seconds training the same model. The one that
    # waited finds it in memory or in the cache. The lock is per model, not per process, so a
    # thread waiting for another process's model of one skill set does not hold up the training
    # of another skill set's (a one-intent test skill waited ~10 s behind the bundled model).
    with _training_lock(key), _cache_lock(cache_dir, key):
        hit = _MEMO.get(key)
        if hit is not None:
            return hit, "memory"
        if cache_dir is not None:
            loaded = LearnedClassifier.load(cache_dir, key)
            if loaded is not None:
                _remember(key, loaded)
                return loaded, "cache"
        drawing = time.perf_counter()
        data = training_set(skills, env, per_intent=per_intent, out_of_domain=out_of_domain)
        drawn = time.perf_counter() - drawing
        model = train(data, key=key)
        model.train_detail["samples"] = round(drawn, 3)
        if cache_dir is not None:
            try:
                model.save(cache_dir)
            except OSError:
                pass  # a read-only cache only costs the next start a retrain
        _remember(key, model)
    return model, "trained"


_LOCKS_GUARD = threading.Lock()
_TRAINING_LOCKS: dict[str, threading.Lock] = {}


def _training_lock(key: str) -> threading.Lock:
    """This process's lock for training the model ``key`` (made on first use)."""
    with _LOCKS_GUARD:
        return _TRAINING_LOCKS.setdefault(key, threading.Lock())


@contextlib.contextmanager
def _cache_lock(cache_dir: Path | None, key: str) -> Iterator[None]:
    """Hold an advisory lock on ``cache_dir/<key>.lock`` (where the platform has ``flock``).

    Without a cache, or where the lock file cannot be made (a read-only cache), nothing is
    locked: a duplicate training costs time, never correctness, since models are written to a
    temporary file and renamed into place.
    """
    if cache_dir is None or sys.platform == "win32":
        yield
        return
    import fcntl

    try:
        cache_dir.mkdir(parents=True, exist_ok=True)
        handle = open(cache_dir / f"{key}.lock", "a")  # noqa: SIM115 - closed below
    except OSError:
        yield
        return
    try:
        fcntl.flock(handle, fcntl.LOCK_EX)
        yield
    finally:
        handle.close()  # closing releases the lock


def _remember(key: str, model: LearnedClassifier) -> None:
    with _LOCKS_GUARD:  # two models may now be remembered at once, from two threads
        if len(_MEMO) >= 8:
            _MEMO.pop(next(iter(_MEMO)))
        _MEMO[key] = model
