"""Keeping a router's learned stage trained, without paying for it before it is needed.

The model itself (features, training, the on-disk cache) is :mod:`simulator.routing.learned`,
which needs scikit-learn, scipy and numpy to train, and none of them to load and score a cached
model. This module does not import it: a process that builds a `Simulator` and answers with a
template ("what time is it") never reads a model. That is what the ``"lazy"`` mode is for: the command line's one-shot commands (``say``, ``route``,
``chat``) attach a stand-in that loads (or trains) the model the first time the router asks the
learned stage something, which it does only when no template took the sentence as said.
"""

from __future__ import annotations

import os
import threading
import time
from collections.abc import Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Any, Final, Literal

from simulator import yamlfile
from simulator.nlu import template_cache
from simulator.sdk.skill import Skill
from simulator.sdk.slots import SlotEnv

if TYPE_CHECKING:
    from simulator.routing.learned import LearnedClassifier

__all__ = ["LearnedMode", "LearnedStage", "default_cache_dir"]

LearnedMode = Literal["off", "sync", "lazy", "background"]
"""How a `LearnedStage` trains: not at all, before returning, on first use, or in a named
background thread."""


def default_cache_dir() -> Path:
    """Where trained models are kept: ``$SPEAKER_SIM_CACHE``, else the per-user cache directory."""
    configured = os.environ.get("SPEAKER_SIM_CACHE")
    if configured:
        return Path(configured)
    import platformdirs

    return Path(platformdirs.user_cache_dir("speaker-sim")) / "models"


class LearnedStage:
    """Keeps a router's classifier trained for the router's skills.

    :meth:`attach` gives the router a classifier from memory or the disk cache, or trains one:
    before returning (``"sync"``), the first time the router consults it (``"lazy"``, the
    command line: a sentence a template answers costs no model at all), or in a background
    thread named ``learned-stage-training`` (``"background"``, the TUI, so the screen never
    waits on it). After a hot reload the new router keeps using the previous model, whose
    predictions for intents that no longer exist are ignored, until the retrained one is ready.
    """

    THREAD_NAME: Final = "learned-stage-training"

    def __init__(
        self,
        mode: LearnedMode = "sync",
        *,
        cache_dir: Path | None = None,
        per_intent: int = 60,
        out_of_domain: Sequence[str] | None = None,
    ) -> None:
        """``cache_dir`` None means :func:`default_cache_dir`. ``out_of_domain`` are
        out-of-domain sample templates trained beside the skills' own; None means the
        speaker's own list when a bundled skill is loaded (see
        `simulator.routing.out_of_domain.speaker_out_of_domain`)."""
        self.mode = mode
        self.out_of_domain = None if out_of_domain is None else tuple(out_of_domain)
        self.cache_dir = cache_dir if cache_dir is not None else default_cache_dir()
        self.per_intent = per_intent
        self.status: dict[str, Any] = {"state": "off" if mode == "off" else "idle"}
        self.model: LearnedClassifier | None = None
        self._generation = 0
        self._lock = threading.Lock()
        self._thread: threading.Thread | None = None

    def attach(self, router: Any, skills: Sequence[Skill], env: SlotEnv) -> None:
        """Give ``router`` (anything with a ``classifier`` attribute) a model for ``skills``.

        ``env`` is the environment the samples are filled in (see
        `simulator.engine.slot_env.SlotEnvironment.training_env`).
        """
        if self.mode == "off":
            return
        with self._lock:
            self._generation += 1
            generation = self._generation
        if self.mode == "lazy":
            router.classifier = _OnFirstUse(self, router, list(skills), env, generation)
            return
        if self.model is not None:
            router.classifier = self.model  # the previous model until the new one is ready
        if self.mode == "sync":
            self._train(router, list(skills), env, generation)
            return
        self.status = {"state": "training"}
        thread = threading.Thread(
            target=self._train,
            args=(router, list(skills), env, generation),
            name=self.THREAD_NAME,
            daemon=True,
        )
        self._thread = thread
        thread.start()

    def wait(self, timeout: float | None = None) -> bool:
        """Wait for background training; True when no training is running any more."""
        thread = self._thread
        if thread is not None:
            thread.join(timeout)
            return not thread.is_alive()
        return True

    def _train(self, router: Any, skills: list[Skill], env: SlotEnv, generation: int) -> None:
        from simulator.routing.learned import TrainingError, load_or_train
        from simulator.routing.out_of_domain import speaker_out_of_domain

        started = time.perf_counter()
        model: LearnedClassifier | None = None
        try:
            trained, origin = load_or_train(
                skills,
                env,
                cache_dir=self.cache_dir,
                per_intent=self.per_intent,
                out_of_domain=(
                    speaker_out_of_domain(skills)
                    if self.out_of_domain is None
                    else self.out_of_domain
                ),
            )
            model = trained
        except TrainingError as exc:
            status: dict[str, Any] = {"state": "unavailable", "message": str(exc)}
        except Exception as exc:
            # Training must never take the speaker down: the templates still work.
            status = {"state": "failed", "message": f"{type(exc).__name__}: {exc}"}
        else:
            # Training reads a file and templates of its own (the speaker's out-of-domain
            # samples), after the start-up caches were saved: keep them too, so the next start
            # that needs the learned stage reads them instead of parsing them again.
            template_cache.save_soon()
            yamlfile.save_cache()
            status = {
                "state": "ready",
                "origin": origin,
                "intents": len(trained.labels),
                "train_seconds": trained.train_seconds,
            }
        status["seconds"] = round(time.perf_counter() - started, 3)
        with self._lock:
            if generation != self._generation:
                return  # a newer skill set is being trained; this result is stale
            self.status = status
            if model is not None:
                self.model = model
                router.classifier = model
            elif self.model is not None and self.status["state"] != "ready":
                # The new skill set cannot be learned (say, one intent left): drop the old model
                # rather than keep guessing intents from the previous set.
                self.model = None
                router.classifier = None
            elif isinstance(router.classifier, _OnFirstUse):
                router.classifier = None  # nothing to learn from: templates only, as "sync"


class _OnFirstUse:
    """The router's classifier until the learned stage is first consulted (``"lazy"`` mode).

    Any use (a prediction, an explanation, the vocabulary the typo mender reads) loads the
    model from memory or the cache, or trains it, once; the router then holds the model itself.
    When nothing can be learned it answers like an empty model: no predictions, no words.
    """

    def __init__(
        self,
        stage: LearnedStage,
        router: Any,
        skills: list[Skill],
        env: SlotEnv,
        generation: int,
    ) -> None:
        self._stage = stage
        self._router = router
        self._skills = skills
        self._env = env
        self._generation = generation
        self._done = False
        self._lock = threading.Lock()

    def _model(self) -> LearnedClassifier | None:
        with self._lock:
            if not self._done:
                self._stage._train(self._router, self._skills, self._env, self._generation)
                self._done = True
        return self._stage.model if self._stage._generation == self._generation else None

    def predict(self, text: str, tokens: Sequence[str]) -> list[tuple[str, str, float]]:
        """The model's ranked ``(skill, intent, probability)``; none without a model."""
        model = self._model()
        return model.predict(text, tokens) if model is not None else []

    def explain(self, text: str, skill: str, intent: str, k: int = 3) -> dict[str, Any]:
        """The model's explanation of a learned hit (empty without a model)."""
        model = self._model()
        return model.explain(text, skill, intent, k) if model is not None else {}

    def nearest_intents(self, text: str, k: int = 3) -> list[dict[str, Any]]:
        """The intents whose samples are most like ``text`` (none without a model)."""
        model = self._model()
        return model.nearest_intents(text, k) if model is not None else []

    @property
    def vocabulary(self) -> frozenset[str]:
        """The words the model was trained on."""
        model = self._model()
        return model.vocabulary if model is not None else frozenset()

    def __getattr__(self, name: str) -> Any:
        """Anything else the router reads from a model (its samples, for the typo mender) is
        the model's, loaded now; without a model there is no such attribute, as for no
        classifier. Without this, a lazily loaded router mended typos towards fewer words
        than one whose model was ready, and answered differently."""
        if name.startswith("_"):
            raise AttributeError(name)
        model = self._model()
        if model is None:
            raise AttributeError(name)
        return getattr(model, name)

    @property
    def han_pairs(self) -> frozenset[str]:
        """The pairs of Chinese characters the model was trained on (for Chinese coverage)."""
        model = self._model()
        return model.han_pairs if model is not None else frozenset()

    @property
    def samples(self) -> list[str]:
        """The training samples the model kept."""
        model = self._model()
        return model.samples if model is not None else []

    @property
    def out_of_domain_words(self) -> frozenset[str]:
        """Words only the out-of-domain samples use."""
        model = self._model()
        return model.out_of_domain_words if model is not None else frozenset()

    @property
    def knows_out_of_domain(self) -> bool:
        """Whether the model was trained with out-of-domain samples."""
        model = self._model()
        return model.knows_out_of_domain if model is not None else False

    @property
    def domain_samples(self) -> list[str]:
        """The kept samples of real intents (without the out-of-domain ones)."""
        model = self._model()
        return model.domain_samples if model is not None else []
