"""The learned stage: fillers, typos, the classifier, its cache, its explanations, bad input."""

from __future__ import annotations

import json
import os
import random
import string
import sys
from pathlib import Path
from typing import Any

import numpy as np
import pytest

from simulator.engine import Simulator
from simulator.loader import load_skills
from simulator.nlu.fillers import strip_fillers
from simulator.nlu.spelling import Speller
from simulator.routing import learned
from simulator.routing.fitting import fit_labels
from simulator.routing.learned import (
    ARRAYS_SUFFIX,
    LearnedClassifier,
    LearnedStage,
    TrainingError,
    TrainingSet,
    _char_ngrams,
    _fit_tfidf,
    _word_ngrams,
    train,
)
from simulator.sdk import Response, Skill

DATA = Path(__file__).parent / "data"


@pytest.fixture(scope="module")
def sim() -> Simulator:
    """The bundled skills on the demo home, learned stage trained (once per run, then cached)."""
    return Simulator.create(seed=0)


# -- fillers and typos -----------------------------------------------------------------------


@pytest.mark.parametrize(
    ("said", "inner", "removed"),
    [
        ("please turn on the light", "turn on the light", ["please"]),
        ("can you set a timer please", "set a timer", ["please", "can", "you"]),
        ("um hey could you just stop", "stop", ["um", "just", "hey", "could", "you"]),
        ("i want you to open the blinds for me", "open the blinds", None),
        ("what can you do", "what can you do", []),  # "can you" frames only at the start
        ("thank you", "thank you", []),  # never everything
    ],
)
def test_strip_fillers(said: str, inner: str, removed: list[str] | None) -> None:
    words, gone = strip_fillers(said.split())
    assert " ".join(words) == inner
    if removed is not None:
        assert gone == removed


def test_strip_fillers_is_linear_enough_for_300_fillers() -> None:
    words, gone = strip_fillers(("please " * 300 + "stop").split())
    assert words == ["stop"] and len(gone) == 300


def test_speller_mends_swaps_and_edits_but_not_real_words() -> None:
    speller = Speller(["turn on the kitchen light", "turn", "true", "song"], not_targets=["from"])
    fixed, fixes = speller.correct(["trun", "on", "the", "ktichen", "lihgt"])
    assert fixed == ["turn", "on", "the", "kitchen", "light"]
    assert fixes == {"trun": "turn", "ktichen": "kitchen", "lihgt": "light"}
    # Four letters: only a swap of neighbours counts; "sing" is not a typo of "song".
    assert speller.correct(["sing"]) == (["sing"], {})


def test_a_filler_that_is_a_template_word_reaches_its_skill() -> None:
    skills = load_skills(DATA / "manners", bundled=False).skills
    sim = Simulator(skills, learned="off")
    assert sim.route("say please").intent == "MagicWord"
    assert sim.route("thank you").intent == "Gratitude"
    assert sim.route("please say please").intent == "MagicWord"


# -- the opening cases ---------------------------------------------------------------


@pytest.mark.parametrize(
    ("said", "intent", "slot", "raw"),
    [
        ("please turn on the kitchen light", "TurnOn", "target", "the kitchen light"),
        ("can you set a timer for 5 minutes please", "StartTimer", "duration", "5 minutes"),
        ("trun on the ktichen light", "TurnOn", "target", "the kitchen light"),
        ("whats the time", "GetTime", None, None),
        ("hey could you close the curtains in the bedroom", "Close", None, None),
    ],
)
def test_everyday_phrasings_are_understood(
    sim: Simulator, said: str, intent: str, slot: str | None, raw: str | None
) -> None:
    result = sim.route(said)
    assert result.intent == intent, result.explanation
    if slot is not None:
        assert result.slots[slot].raw == raw


@pytest.fixture(scope="module")
def core() -> Simulator:
    """The skills the issue was written against. (With the calendar skill loaded, "book a
    flight" is a calendar request, "book {title}", and asks when.)"""
    names = ("hello", "clock", "help", "timer", "smart_home")
    skills = [s for s in load_skills(None).skills if s.name in names]
    return Simulator.create(extra_skills=skills, bundled=False, seed=0)


@pytest.mark.parametrize(
    "said", ["what's the capital of France", "book a flight", "call me a taxi"]
)
def test_out_of_scope_requests_fall_back(core: Simulator, said: str) -> None:
    result = core.route(said)
    assert result.source == "fallback", (result.intent, result.explanation)


def test_a_typo_reading_says_what_it_mended(sim: Simulator) -> None:
    result = sim.route("trun on the ktichen light")
    assert result.why["typos"] == {"trun": "turn", "ktichen": "kitchen"}
    assert '"trun" as "turn"' in result.explanation


# -- coverage --------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("said", "intent"),
    [
        ("the kids added so many timers, stop all of them", "timer.CancelAllTimers"),
        ("my friends set three alarms, remove all of them", "alarms.CancelAllAlarms"),
        ("what time is it there, exactly", "clock.GetTime"),
        # Not capped as a reading tied by function words only: "exactly" names no topic.
        ("what exactly are you", "fun.WhoAreYou"),
        ("who are you anyway", "fun.WhoAreYou"),
    ],
)
def test_closed_class_words_are_no_words_about_something_else(
    sim: Simulator, said: str, intent: str
) -> None:
    # "them", "exactly": no skill's samples need say them for a request to be understood.
    result = sim.route(said)
    assert f"{result.skill}.{result.intent}" == intent


def test_a_noun_no_skill_uses_still_counts_against_a_reading(sim: Simulator) -> None:
    assert sim.route("what time does the pharmacy open, exactly").intent is None


@pytest.mark.parametrize(
    ("said", "intent"),
    [
        ("explain the music skill", "help.AboutSkill"),
        ("what's the date at the moment", "clock.GetDate"),
    ],
)
def test_one_unknown_word_of_a_sure_reading_may_be_a_name(
    sim: Simulator, said: str, intent: str
) -> None:
    # The model is all but sure, and sure it is no out-of-domain request: the one word no
    # skill uses counts half, as a guessed word does.
    result = sim.route(said)
    assert f"{result.skill}.{result.intent}" == intent


@pytest.mark.parametrize(
    "said", ["when does the supermarket close", "what time does the gym open", "read my emails"]
)
def test_one_unknown_word_about_something_else_still_falls_back(sim: Simulator, said: str) -> None:
    assert sim.route(said).intent is None


@pytest.mark.parametrize(
    ("said", "intent"),
    [
        # Two words no sample says, around two of the intent's own ("moons", "many").
        ("hark, how many moons circleth jupiter", "knowledge.PlanetMoons"),
    ],
)
def test_unknown_words_around_an_anchored_sure_reading_count_half(
    sim: Simulator, said: str, intent: str
) -> None:
    # The model is sure, leaves the out-of-domain label less than a trace, and two of the
    # intent's own words tie the sentence to it: its unknown words colour the request.
    result = sim.route(said)
    assert f"{result.skill}.{result.intent}" == intent
    assert result.why["unknown_words"]


@pytest.mark.parametrize("said", ["what time does the museum close", "when does the ferry leave"])
def test_an_anchored_reading_of_something_else_still_falls_back(sim: Simulator, said: str) -> None:
    # Anchored and confident ("time", "close"), but near enough to the out-of-domain samples
    # to leave them more than a trace: the unknown noun is what the request is about.
    assert sim.route(said).intent is None


def test_anchored_forgiveness_needs_anchors_confidence_and_no_trace_of_elsewhere(
    sim: Simulator,
) -> None:
    sim.route("hark, how many moons circleth jupiter")  # the model loaded
    router = sim.router
    text = "hark how many moons circleth jupiter"
    unknown = ["hark", "circleth"]
    assert router._anchored_forgiven(unknown, 2, 0.95, text) == 1.0
    assert router._anchored_forgiven(unknown, 1, 0.95, text) == 0.0  # one anchor only
    assert router._anchored_forgiven(unknown, 2, 0.6, text) == 0.0  # not sure enough
    assert router._anchored_forgiven([], 2, 0.95, text) == 0.0  # nothing to forgive
    # The out-of-domain label's share decides: "the ferry" leaves it more than a trace.
    assert router._anchored_forgiven(["ferry"], 2, 0.95, "when does the ferry leave") == 0.0


def test_the_out_of_domain_probability_is_that_labels_probability(sim: Simulator) -> None:
    sim.route("what's the date at the moment")  # the model loaded
    model = sim.router.classifier
    text = "what is the date at the moment"
    at = model.labels.index(learned.OUT_OF_DOMAIN)
    assert model.out_of_domain_probability(text) == pytest.approx(model.probabilities(text)[at])
    assert model.out_of_domain_probability(text) < 0.5


# -- explanations ----------------------------------------------------------------------------


def test_a_learned_hit_explains_itself(sim: Simulator) -> None:
    result = sim.route("dim the kitchen light to 20 percent please now")
    if result.source != "classifier":  # templates may grow to cover it; find one they don't
        result = sim.route("the kitchen light needs to be twenty percent brightness")
    assert result.source == "classifier"
    why = result.why
    assert why["top_words"] and all(w["weight"] > 0 for w in why["top_words"])
    assert why["nearest_samples"] and why["nearest_samples"][0]["similarity"] > 0
    assert set(why["slots"]) == set(result.slots)
    assert "learned classifier" in result.explanation


def test_a_fallback_names_the_nearest_intents_and_what_was_missing(sim: Simulator) -> None:
    # (The knowledge skill answers capitals now, so the question is about a horoscope.)
    result = sim.route("what's my horoscope for today")
    assert result.why["nearest_intents"]
    assert "horoscope" in result.why["missing"]
    assert "horoscope" in result.explanation


# -- bad input -------------------------------------------------------------------------------


def test_bad_input_falls_back(sim: Simulator) -> None:
    rng = random.Random(0)
    noise = "".join(rng.choice(string.ascii_letters + " ") for _ in range(1000))
    for text in (noise, "please " * 300, "?!... ,,; ---", "ᚠᛇᚻ᛫ᛒᛦᚦ ᚠᚱᚩᚠᚢᚱ", "ⴰⵣⵓⵍ ⴰⴼⵓⵙ"):
        result = sim.route(text)
        assert result.source == "fallback" or result.intent is None, (text[:30], result)


def test_one_intent_says_plainly_why_it_is_not_learned() -> None:
    data = TrainingSet()
    data.add("hello there", "s", "Hello")
    with pytest.raises(TrainingError, match="only one intent"):
        train(data)


def test_one_sample_per_intent_still_trains_uncalibrated() -> None:
    data = TrainingSet()
    for text, intent in [("open the door", "Open"), ("close the window", "Close")]:
        data.add(text, "s", intent)
    model = train(data)
    assert not model.calibrated
    assert model.predict("open the door now", [])[0][1] == "Open"


def test_a_skill_set_of_one_intent_still_routes_by_template(tmp_path: Path) -> None:
    skill = Skill("solo")
    skill.intent("Only", samples=["do the thing"])(lambda ctx: Response.speak("done"))
    sim = Simulator([skill], learned=LearnedStage("sync", cache_dir=tmp_path))
    assert sim.learned.status["state"] == "unavailable"
    assert "only one intent" in sim.learned.status["message"]
    assert sim.route("do the thing").intent == "Only"


# -- the model and its cache -----------------------------------------------------------------


def _small_set() -> TrainingSet:
    data = TrainingSet()
    for i in range(6):
        data.add(f"turn on the lamp {i}", "s", "On")
        data.add(f"switch off the lamp {i}", "s", "Off")
        data.add(f"what time is it {i}", "s", "Time")
    return data


def _vectorizers() -> tuple[Any, Any]:
    """scikit-learn's vectorisers with the learned stage's settings: the reference its own
    TF-IDF (training, `_fit_tfidf`; inference, `Featurizer`) must equal."""
    from sklearn.feature_extraction.text import TfidfVectorizer

    words = TfidfVectorizer(
        analyzer="word",
        ngram_range=(1, 2),
        sublinear_tf=True,
        token_pattern=r"(?u)\S+",
        dtype=np.float32,
    )
    chars = TfidfVectorizer(
        analyzer="char_wb", ngram_range=(2, 5), sublinear_tf=True, dtype=np.float32
    )
    return words, chars


def test_features_equal_scikit_learns() -> None:
    data = _small_set()
    model = train(data)
    words, chars = _vectorizers()
    words.fit(data.texts)
    chars.fit(data.texts)
    for text in ("turn on the lamp now", "whats teh time", "zzz"):
        idx, val = model.featurizer.vector(text)
        mine = np.zeros(model.featurizer.size)
        mine[idx] = val
        theirs = np.concatenate(
            [words.transform([text]).toarray()[0], chars.transform([text]).toarray()[0]]
        )
        assert np.allclose(mine, theirs, atol=1e-6)


def test_training_features_equal_scikit_learns_to_the_bit() -> None:
    # The training matrix is made by `_fit_tfidf`, not by scikit-learn's vectoriser: the
    # vocabulary, the IDF weights and every stored number (and their order in each row, the
    # order liblinear sums them in) must be exactly what `TfidfVectorizer` makes, so the
    # fitted model is the one it would give. Texts: samples of two bundled skills (repeats,
    # one- and two-letter words, digits), Chinese, and one word of one letter.
    from simulator.routing.learned import training_set
    from simulator.sdk.slots import SlotEnv

    skills = [s for s in load_skills(None).skills if s.name in ("timer", "smart_home")]
    texts = training_set(skills, SlotEnv(), per_intent=8).texts
    texts += ["打开 客厅 的 灯", "x", "x x x", "turn on the lamp"]
    for analyzer, theirs in zip((_word_ngrams, _char_ngrams), _vectorizers(), strict=True):
        mine = _fit_tfidf(texts, analyzer)
        matrix = theirs.fit_transform(texts)
        assert mine.vocabulary == theirs.vocabulary_
        assert mine.idf.dtype == theirs.idf_.dtype and np.array_equal(mine.idf, theirs.idf_)
        assert mine.matrix.data.dtype == matrix.data.dtype
        for part in ("indptr", "indices", "data"):
            assert np.array_equal(getattr(mine.matrix, part), getattr(matrix, part)), part


def _numpy_reference(model: LearnedClassifier, text: str) -> tuple[np.ndarray, np.ndarray]:
    """Margins and similarities to every kept sample as numpy computed them before inference
    went numpy-free (float32 products and sums: ``val @ weights[idx]``, ``np.add.reduceat``)."""
    n = len(model.labels)
    weights = np.frombuffer(model.weights, dtype=np.float32).reshape(-1, n)
    idx, val = model.featurizer.vector(text)
    values = np.asarray(val, dtype=np.float32)
    margins = values @ weights[np.asarray(idx, dtype=np.int64)] + np.frombuffer(
        model.intercept, dtype=np.float64
    )
    assert model._sample_rows is not None
    indptr, indices, data = (np.asarray(a) for a in model._sample_rows)
    query = np.zeros(model.featurizer.size, dtype=np.float32)
    query[idx] = values
    sums = np.add.reduceat(data * query[indices], indptr[:-1])
    sums[np.diff(indptr) == 0] = 0.0
    return np.asarray(margins, dtype=np.float64), np.asarray(sums, dtype=np.float64) / 2.0


def test_numpy_free_inference_gives_numpys_scores(sim: Simulator) -> None:
    # Scoring and explanations run in plain Python on the model file's bytes (no numpy import
    # on a warm start); on the bundled skills' own samples (one per intent) the margins, the
    # probabilities and the similarities to every kept sample equal numpy's to 1e-6.
    sim.route("could you make it a bit warmer in the bedroom")  # loads a lazy stage's model
    model = sim.router.classifier
    assert isinstance(model, LearnedClassifier)
    first: dict[int, str] = {}
    for text, label in zip(model.samples, model.sample_labels, strict=True):
        first.setdefault(label, text)
    assert len(first) == len(model.labels)
    sharpness = float(model.cal_a[0])
    weights = np.frombuffer(model.weights, dtype=np.float32).reshape(-1, len(model.labels))
    weights = weights.astype(np.float64)
    intercept = np.frombuffer(model.intercept, dtype=np.float64)
    for text in [*first.values(), "could you make it a bit warmer in the bedroom", "zzz"]:
        margins, similarities = _numpy_reference(model, text)
        scores = model.scores(text)
        # The same sum in float64 (numpy's float32 sum rounds at about 1e-6 by itself).
        idx, val = model.featurizer.vector(text)
        exact = np.asarray(val, dtype=np.float64) @ weights[idx] + intercept
        assert np.allclose(scores, exact, rtol=0, atol=1e-9)
        assert np.allclose(scores, margins, rtol=0, atol=2e-6)
        shifted = np.exp(sharpness * (margins - margins.max()))
        assert np.allclose(model.probabilities(text), shifted / shifted.sum(), rtol=0, atol=1e-6)
        assert np.allclose(model._similarities(text), similarities, rtol=0, atol=1e-6)
    # The model file holds the same numbers: a loaded copy scores alike.
    text = "could you make it a bit warmer in the bedroom"
    loaded = LearnedClassifier.load(sim.learned.cache_dir, model.key)
    assert loaded is not None
    assert loaded.scores(text) == model.scores(text)
    assert loaded.explain(text, "smart_home", "SetTemperature") == model.explain(
        text, "smart_home", "SetTemperature"
    )


def test_labels_fitted_in_halves_equal_one_fit_of_all() -> None:
    # `train` fits a model's labels in two halves (one in a helper process), each half against every
    # other sample under one dropped "rest" label: each label's one-vs-rest problem must be
    # the one a single fit of all labels solves (class weights balanced over all of them).
    from sklearn.svm import LinearSVC

    rng = random.Random(7)
    texts: list[str] = []
    y: list[int] = []
    for label in range(8):
        words = [f"w{label}x{k}" for k in range(4)] + ["turn", "the", "on", "set", "what"]
        for _ in range(3 + label * 4):  # unequal counts, so the class weights matter
            texts.append(" ".join(rng.choice(words) for _ in range(5)))
            y.append(label)
    labels = np.array(y)
    words_v, chars_v = _vectorizers()
    x = np.hstack([words_v.fit_transform(texts).toarray(), chars_v.fit_transform(texts).toarray()])
    whole = LinearSVC(C=1.0, class_weight="balanced", tol=1e-6, max_iter=100000).fit(x, labels)
    for half in ([6, 0, 4, 2], [1, 3, 5, 7], list(range(8))):  # rows come in the order asked
        coef, intercept = fit_labels(x, labels, half, 8, 1.0, tol=1e-6)
        assert np.allclose(coef, whole.coef_[half], atol=1e-3)
        assert np.allclose(intercept, whole.intercept_[half], atol=1e-3)


def _made_up_set(labels: int = 8, per_label: int = 12) -> TrainingSet:
    """A few intents of made-up words, enough to split in halves and calibrate."""
    rng = random.Random(3)
    data = TrainingSet()
    for label in range(labels):
        words = [f"w{label}x{k}" for k in range(5)] + ["turn", "the", "on", "set", "what", "my"]
        for _ in range(per_label + label):
            data.add(" ".join(rng.choice(words) for _ in range(5)), "s", f"I{label}")
    return data


def _arrays(model: learned.LearnedClassifier) -> tuple[bytes, ...]:
    return tuple(
        bytes(memoryview(a).cast("B")) for a in (model.weights, model.intercept, model.cal_a)
    )


def test_two_trainings_give_the_same_model_with_or_without_the_helper() -> None:
    # Fits that ran at once in threads shared liblinear's one random generator, so the
    # weights differed from run to run; now each fit runs alone in its process. The helper
    # process (a fresh interpreter) must give the very same numbers as fitting here.
    data = _made_up_set()
    here = train(data, helper=False)
    assert here.calibrated and len(here.labels) == 8
    assert _arrays(train(data, helper=False)) == _arrays(here)
    assert _arrays(train(data, helper=True)) == _arrays(here)


def test_a_helper_that_fails_leaves_the_fits_to_this_process(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    from simulator.routing import fitting

    data = _made_up_set()
    expected = _arrays(train(data, helper=False))
    # A helper that cannot start (no interpreter to run), and one that dies at once.
    monkeypatch.setattr(fitting.sys, "executable", "")
    assert _arrays(train(data, helper=True)) == expected
    monkeypatch.undo()
    monkeypatch.setattr(fitting.Helper, "results", lambda self, timeout=None: None)
    assert _arrays(train(data, helper=True)) == expected


def test_a_hung_helper_is_ended_and_its_fits_made_here(monkeypatch: pytest.MonkeyPatch) -> None:
    # A helper that never answers (here: one that sleeps instead of reading its tasks) must not
    # hang training: past its patience it is ended and this process fits its share.
    import threading

    from simulator.routing import fitting

    data = _made_up_set()
    expected = _arrays(train(data, helper=False))
    started: list[fitting.Helper] = []
    original_init = fitting.Helper.__init__

    def remember(self: fitting.Helper) -> None:
        original_init(self)
        started.append(self)

    monkeypatch.setattr(
        fitting.Helper,
        "command",
        staticmethod(lambda: [sys.executable, "-c", "import time; time.sleep(600)"]),
    )
    monkeypatch.setattr(fitting.Helper, "__init__", remember)
    monkeypatch.setattr(fitting, "HELPER_PATIENCE_MIN", 0.5)
    result: list[learned.LearnedClassifier] = []
    worker = threading.Thread(target=lambda: result.append(train(data, helper=True)), daemon=True)
    worker.start()
    worker.join(120)  # a guard against the hang this test is about, not a speed figure
    assert not worker.is_alive(), "training waited on a hung helper"
    assert _arrays(result[0]) == expected
    assert result[0].train_detail["fit_helper"] == 0.0  # the helper's answer was not used
    (helper,) = started
    assert helper._process is not None and helper._process.poll() is not None  # ended


def test_patience_grows_with_the_work_and_has_a_floor() -> None:
    from simulator.routing import fitting

    assert fitting.patience(0.01) == fitting.HELPER_PATIENCE_MIN
    assert fitting.patience(100.0) == 100.0 * fitting.HELPER_PATIENCE_FACTOR


def test_cache_round_trip_and_corruption(tmp_path: Path) -> None:
    model = train(_small_set(), key="k1")
    model.save(tmp_path)
    loaded = LearnedClassifier.load(tmp_path, "k1")
    assert loaded is not None
    text = "please turn the lamp on"
    assert np.allclose(loaded.probabilities(text), model.probabilities(text))
    assert loaded.explain(text, "s", "On")["nearest_samples"]
    assert LearnedClassifier.load(tmp_path, "other-key") is None  # stale: another skill set
    # A layout that does not fit the bytes (the array file itself intact) is not trusted.
    meta_path = tmp_path / "k1.json"
    good = meta_path.read_text(encoding="utf-8")
    meta = json.loads(good)
    for bad in ([["<f4", [10**6, 3], 0, 12 * 10**6]], [["|O", [1], 0, 8]], [["<f4", [2], -8, 8]]):
        meta["arrays"]["weights"] = bad[0]
        meta_path.write_text(json.dumps(meta), encoding="utf-8")
        assert LearnedClassifier.load(tmp_path, "k1") is None
    meta_path.write_text(good, encoding="utf-8")
    assert LearnedClassifier.load(tmp_path, "k1") is not None
    blob = bytearray((tmp_path / f"k1{ARRAYS_SUFFIX}").read_bytes())
    blob[len(blob) // 2] ^= 0xFF
    (tmp_path / f"k1{ARRAYS_SUFFIX}").write_bytes(bytes(blob))
    assert LearnedClassifier.load(tmp_path, "k1") is None  # corrupt: never trusted
    (tmp_path / "k1.json").write_text("{not json", encoding="utf-8")
    assert LearnedClassifier.load(tmp_path, "k1") is None


def test_the_array_file_is_hashed_again_whenever_it_may_have_changed(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    model = train(_made_up_set(labels=3), key="k1", helper=False)
    model.save(tmp_path)
    arrays = tmp_path / f"k1{ARRAYS_SUFFIX}"
    hashed: list[int] = []
    real_sha256 = learned.hashlib.sha256

    def counting(data: Any = b"") -> Any:
        hashed.append(len(data))
        return real_sha256(data)

    monkeypatch.setattr(learned.hashlib, "sha256", counting)
    assert LearnedClassifier.load(tmp_path, "k1") is not None and len(hashed) == 1
    # The same file again: its identity was noted with the digest, so it is not hashed.
    assert LearnedClassifier.load(tmp_path, "k1") is not None and len(hashed) == 1
    # Changed in place, even with its size and modification time put back: hashed, refused.
    stat = arrays.stat()
    blob = bytearray(arrays.read_bytes())
    blob[len(blob) // 2] ^= 0xFF
    with open(arrays, "r+b") as fh:
        fh.write(bytes(blob))
    os.utime(arrays, ns=(stat.st_atime_ns, stat.st_mtime_ns))
    assert LearnedClassifier.load(tmp_path, "k1") is None and len(hashed) == 2
    # Put right (a new change time): hashed again and trusted again.
    blob[len(blob) // 2] ^= 0xFF
    arrays.write_bytes(bytes(blob))
    assert LearnedClassifier.load(tmp_path, "k1") is not None and len(hashed) == 3
    # A damaged note, or one for another digest, is no reason to skip the hash.
    note = tmp_path / "k1.verified"
    note.write_text("{not json", encoding="utf-8")
    assert LearnedClassifier.load(tmp_path, "k1") is not None and len(hashed) == 4
    recorded = json.loads(note.read_text(encoding="utf-8"))
    note.write_text(json.dumps({**recorded, "sha256": "0" * 64}), encoding="utf-8")
    assert LearnedClassifier.load(tmp_path, "k1") is not None and len(hashed) == 5


def test_a_corrupt_cache_is_rebuilt(tmp_path: Path) -> None:
    from simulator.routing import learned

    skills = load_skills(DATA / "paraphrase_skills", bundled=False).skills
    first = Simulator(skills, learned=LearnedStage("sync", cache_dir=tmp_path))
    assert first.learned.status["origin"] in ("trained", "memory")
    learned._MEMO.clear()
    for arrays in tmp_path.glob(f"*{ARRAYS_SUFFIX}"):
        arrays.write_bytes(b"garbage")
    again = Simulator(skills, learned=LearnedStage("sync", cache_dir=tmp_path))
    assert again.learned.status["origin"] == "trained"
    learned._MEMO.clear()
    warm = Simulator(skills, learned=LearnedStage("sync", cache_dir=tmp_path))
    assert warm.learned.status["origin"] == "cache"


def test_background_training_never_blocks_and_lands(tmp_path: Path) -> None:
    from simulator.routing import learned

    learned._MEMO.clear()
    skills = load_skills(DATA / "paraphrase_skills", bundled=False).skills
    stage = LearnedStage("background", cache_dir=tmp_path)
    sim = Simulator(skills, learned=stage)
    assert stage.status["state"] in ("training", "ready")
    assert stage.wait(60)
    assert stage.status["state"] == "ready"
    assert sim.router.classifier is stage.model
    assert stage.THREAD_NAME == "learned-stage-training"


def test_lazy_loads_the_model_only_when_a_sentence_needs_it(sim: Simulator) -> None:
    # The command line's mode: a template answer costs no model; the first paraphrase loads it
    # (here from memory: the module's simulator trained it) and then reads exactly as "sync".
    stage = LearnedStage("lazy")
    lazy = Simulator(sim.skills, home=sim.home, learned=stage)
    try:
        assert lazy.route("turn on the kitchen light").source == "template"
        assert stage.model is None and stage.status["state"] == "idle"
        said = "could you make the kitchen somewhat brighter please"
        got, want = lazy.route(said), sim.route(said)
    finally:
        lazy.close()
    assert stage.status["state"] == "ready"
    assert stage.status["origin"] in ("memory", "cache")
    assert lazy.router.classifier is stage.model
    assert (got.source, got.skill, got.intent) == (want.source, want.skill, want.intent)
    assert got.confidence == want.confidence


def test_lazy_with_nothing_to_learn_routes_by_template(tmp_path: Path) -> None:
    skill = Skill("solo")
    skill.intent("Only", samples=["do the thing"])(lambda ctx: Response.speak("done"))
    stage = LearnedStage("lazy", cache_dir=tmp_path)
    sim = Simulator([skill], learned=stage)
    assert sim.route("please do the thing now").intent == "Only"  # fillers: a second chance
    assert sim.route("something else entirely").intent is None
    assert stage.status["state"] == "unavailable"
    assert sim.router.classifier is None


# -- calibration, context, the plain route output --------------------------------------------


def test_confidence_is_a_fitted_softmax(sim: Simulator) -> None:
    model = sim.router.classifier
    assert isinstance(model, LearnedClassifier) and model.calibrated
    assert 0.1 < float(model.cal_a[0]) < 50.0  # a sharpness fitted on held-out margins
    probs = model.probabilities("dim the kitchen light")
    assert abs(float(sum(probs)) - 1.0) < 1e-6
    # Temperature scaling keeps the margins' order: calibration never changes the winner.
    assert int(np.argmax(probs)) == int(np.argmax(model.scores("dim the kitchen light")))


def test_context_only_intents_need_their_context_in_second_chances_too(sim: Simulator) -> None:
    # "[a|an] {guess}" answers a riddle; with "speaker" set aside, "hi speaker" must not be one.
    result = sim.route("hi speaker")
    assert result.intent != "GuessRiddle"
    assert sim.route("skip this song please", focus_skill="music").skill == "music"


def test_plain_route_takes_an_argument_and_gives_the_reason(
    capsys: pytest.CaptureFixture[str],
) -> None:
    from simulator.cli import main

    assert main(["route", "please", "dim", "the", "kitchen", "light"]) == 0
    lines = capsys.readouterr().out.splitlines()
    assert len(lines) == 1
    intent, skill, _confidence, _source, _slots, reason = lines[0].split("\t")
    assert (skill, intent) == ("smart_home", "AdjustBrightness")
    assert "please" in reason  # what was set aside, or the learned stage's evidence


_WAITER = """
import sys
from pathlib import Path
from simulator.loader import load_skills
from simulator.routing.learned import load_or_train
from simulator.sdk.slots import SlotEnv
skills = load_skills(Path(sys.argv[2]), bundled=False).skills
print("ready", flush=True)
model, origin = load_or_train(skills, SlotEnv(), cache_dir=Path(sys.argv[1]))
print(origin, flush=True)
"""


def test_a_second_process_waits_for_the_training_and_loads_it(tmp_path: Path) -> None:
    # Two processes starting cold on one skill set train once: the second waits on the cache
    # entry's lock, then loads what the first saved. Here this test is the first process: it
    # holds the lock while the other starts, then saves the model and lets go.
    import subprocess
    import sys
    import time

    from simulator.routing import learned

    skills_dir = DATA / "paraphrase_skills"
    skills = load_skills(skills_dir, bundled=False).skills
    from simulator.sdk.slots import SlotEnv

    key = learned.skill_set_key(skills, SlotEnv())
    with learned._cache_lock(tmp_path, key):
        other = subprocess.Popen(
            [sys.executable, "-c", _WAITER, str(tmp_path), str(skills_dir)],
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            text=True,
        )
        assert other.stdout is not None
        assert other.stdout.readline().strip() == "ready"
        time.sleep(0.5)  # without the lock it would find no model now and train its own
        model = learned.train(learned.training_set(skills, SlotEnv()), key=key)
        model.save(tmp_path)
    out, err = other.communicate(timeout=120)
    assert other.returncode == 0, err
    assert out.strip() == "cache"


def _two_intent_skill(name: str) -> Skill:
    skill = Skill(name)
    skill.intent("Open", samples=[f"open the {name} door", f"unlock the {name} gate"])(
        lambda ctx: Response.speak("open")
    )
    skill.intent("Close", samples=[f"close the {name} door", f"lock the {name} gate"])(
        lambda ctx: Response.speak("closed")
    )
    return skill


def test_waiting_for_one_model_does_not_hold_up_training_another(tmp_path: Path) -> None:
    # A thread waits for a model another process is training (here: this test holds that
    # model's cache lock); meanwhile a second skill set must still train. With one lock per
    # process instead of one per model, the second waited for the first however long it took.
    import threading

    from simulator.routing import learned
    from simulator.sdk.slots import SlotEnv

    env = SlotEnv()
    first, second = [_two_intent_skill("shed")], [_two_intent_skill("barn")]
    key = learned.skill_set_key(first, env)
    waited: list[str] = []
    done: list[str] = []
    with learned._cache_lock(tmp_path, key):
        waiter = threading.Thread(
            target=lambda: waited.append(learned.load_or_train(first, env, cache_dir=tmp_path)[1]),
            daemon=True,
        )
        waiter.start()
        for _ in range(600):  # until the waiter holds its model's lock and waits on the file's
            if learned._training_lock(key).locked():
                break
            threading.Event().wait(0.1)
        other = threading.Thread(
            target=lambda: done.append(learned.load_or_train(second, env, cache_dir=tmp_path)[1]),
            daemon=True,
        )
        other.start()
        other.join(timeout=120)  # not a timing check: with one lock per process it never ends
        assert done == ["trained"]
        assert waited == []  # still waiting on the other "process"
    waiter.join(timeout=120)
    assert waited == ["trained"]
