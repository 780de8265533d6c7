"""Large-model mode (off by default): an OpenAI-compatible chat-completions server behind the voice.

speaker-sim ships no model and contacts nothing unless asked: ``--llm-url URL`` (with
``--llm-model NAME``; the key, if the server wants one, only from the environment variable
`KEY_ENV`) turns the mode on. Two ways to use it (`LLMMode`):

``fallback``
    the model is asked only when no intent cleared the router's threshold; a sentence a local
    skill understands never reaches it.
``llm``
    (``--nlu llm``) every turn goes to the model instead of the templates and the learned stage
    (answers to an open question and the built-ins, which are dialog mechanics, stay local), so
    its readings can be compared with theirs.

The model sees the loaded skills' intents as tools (`simulator.llm.tools`); a tool call goes
through the dialog like a routed intent; a text answer is marked ``source: "llm"``.

This package is light: the HTTP client (`simulator.llm.client`, which needs ``httpx``) is imported
only when the mode is on.
"""

from __future__ import annotations

import os
from dataclasses import dataclass
from typing import Literal

__all__ = ["DEFAULT_TIMEOUT", "KEY_ENV", "LLMConfig", "LLMMode"]

LLMMode = Literal["fallback", "llm"]
"""When the model is asked: only when nothing local understood (``fallback``), or every turn."""

KEY_ENV = "SPEAKER_SIM_LLM_KEY"
"""The environment variable holding the server's API key (never an option: options show up in
shell history and process lists)."""

DEFAULT_TIMEOUT = 5.0
"""Seconds the model may take: the default skill timeout, so a slow server costs no more than a
slow skill would."""


@dataclass(frozen=True)
class LLMConfig:
    """Where the model is and how it is used."""

    url: str
    """The server's base URL (``http://localhost:11434/v1``) or its full chat-completions URL."""
    model: str = "local"
    """The model name the server knows (``llama3.2``, ``qwen2.5:3b`` ...)."""
    mode: LLMMode = "fallback"
    timeout: float = DEFAULT_TIMEOUT
    """Seconds for the whole request (connect, send, wait, read)."""
    api_key: str | None = None
    """Sent as a bearer token when set; read from `KEY_ENV` by :meth:`from_env`."""

    @classmethod
    def from_env(
        cls,
        url: str,
        model: str | None = None,
        *,
        mode: LLMMode = "fallback",
        timeout: float | None = None,
    ) -> LLMConfig:
        """A config whose key (if any) comes from the environment variable `KEY_ENV`."""
        return cls(
            url=url,
            model=model or "local",
            mode=mode,
            timeout=DEFAULT_TIMEOUT if timeout is None else timeout,
            api_key=os.environ.get(KEY_ENV) or None,
        )

    @property
    def endpoint(self) -> str:
        """The chat-completions URL: ``URL/chat/completions`` unless ``url`` already is one."""
        base = self.url.rstrip("/")
        return base if base.endswith("/chat/completions") else base + "/chat/completions"
