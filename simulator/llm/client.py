"""A small OpenAI-compatible chat-completions client on httpx (Ollama, llama.cpp server, vLLM ...).

`ChatClient.complete` never raises for anything the server or the network does: every failure is
a `ChatReply` with one of these codes, and the engine gives its normal fallback answer.

=====================  ================================================================
``LLM_UNREACHABLE``    nothing listens there, the name does not resolve, the connection drops
``LLM_TIMEOUT``        no whole answer within the timeout (connect, send, wait and read)
``LLM_HTTP_ERROR``     a status other than 200 (the server's own message is quoted, shortened)
``LLM_BAD_RESPONSE``   not JSON, no ``choices``, no message, too large, or neither text nor a
                       tool call
=====================  ================================================================

Only this module imports httpx; the engine imports it only when large-model mode is on.
"""

from __future__ import annotations

import asyncio
import json
import time
from dataclasses import dataclass, field
from typing import Any
from urllib.parse import urlsplit

import httpx

from simulator.llm import LLMConfig

__all__ = ["MAX_RESPONSE_BYTES", "ChatClient", "ChatReply", "ToolCall"]

MAX_RESPONSE_BYTES = 1_000_000
"""The largest answer read (1 MB); a larger one is a bad response, not a memory problem."""

_LOOPBACK = {"localhost", "127.0.0.1", "::1"}


@dataclass(frozen=True)
class ToolCall:
    """The model asked for one tool: its name and its arguments (JSON text, as sent)."""

    name: str
    arguments: str


@dataclass
class ChatReply:
    """What came back: a tool call, some text, or an error code; and how long it took."""

    ms: float
    tool_call: ToolCall | None = None
    text: str | None = None
    error: str | None = None
    """One of the module's error codes, or None."""
    message: str = ""
    """For an error: what happened, for the trace."""
    extra_calls: int = 0
    """Tool calls after the first (ignored: one request, one intent)."""
    usage: dict[str, Any] = field(default_factory=dict)
    """The server's token counts, when it sends them."""


class ChatClient:
    """Posts chat-completions requests to one server with one model."""

    def __init__(self, config: LLMConfig) -> None:
        """Talk to ``config.endpoint`` as ``config.model``."""
        self.config = config
        host = urlsplit(config.endpoint).hostname or ""
        # A model on this machine is never reached through a proxy from the environment.
        self._trust_env = host not in _LOOPBACK

    async def complete(
        self, messages: list[dict[str, Any]], tools: list[dict[str, Any]]
    ) -> ChatReply:
        """One chat-completions request; the reply, or an error code, within the timeout."""
        start = time.perf_counter()
        try:
            status, body = await asyncio.wait_for(
                self._post(messages, tools), timeout=self.config.timeout
            )
        except (TimeoutError, httpx.TimeoutException):
            return self._fail(start, "LLM_TIMEOUT", f"no answer within {self.config.timeout:g} s")
        except _TooLarge:
            return self._fail(start, "LLM_BAD_RESPONSE", f"more than {MAX_RESPONSE_BYTES} bytes")
        except httpx.HTTPError as exc:
            return self._fail(start, "LLM_UNREACHABLE", f"{type(exc).__name__}: {exc}"[:200])
        except OSError as exc:
            return self._fail(start, "LLM_UNREACHABLE", str(exc)[:200])
        ms = _ms(start)
        if status != 200:
            return ChatReply(ms, error="LLM_HTTP_ERROR", message=f"HTTP {status}: {_quote(body)}")
        return _read(body, ms)

    async def _post(
        self, messages: list[dict[str, Any]], tools: list[dict[str, Any]]
    ) -> tuple[int, bytes]:
        payload: dict[str, Any] = {
            "model": self.config.model,
            "messages": messages,
            "temperature": 0,
            "max_tokens": 300,
            "stream": False,
        }
        if tools:
            payload["tools"] = tools
            payload["tool_choice"] = "auto"
        headers = {"Content-Type": "application/json"}
        if self.config.api_key:
            headers["Authorization"] = f"Bearer {self.config.api_key}"
        timeout = httpx.Timeout(self.config.timeout)
        async with (
            httpx.AsyncClient(timeout=timeout, trust_env=self._trust_env) as client,
            client.stream("POST", self.config.endpoint, json=payload, headers=headers) as response,
        ):
            chunks: list[bytes] = []
            size = 0
            async for chunk in response.aiter_bytes():
                size += len(chunk)
                if size > MAX_RESPONSE_BYTES:
                    raise _TooLarge
                chunks.append(chunk)
            return response.status_code, b"".join(chunks)

    def _fail(self, start: float, code: str, message: str) -> ChatReply:
        return ChatReply(_ms(start), error=code, message=message)


class _TooLarge(Exception):
    pass


def _ms(start: float) -> float:
    return round((time.perf_counter() - start) * 1000, 3)


def _quote(body: bytes) -> str:
    text = body[:300].decode("utf-8", errors="replace")
    try:
        data = json.loads(body)
        if isinstance(data, dict) and isinstance(data.get("error"), dict | str):
            error = data["error"]
            text = str(error.get("message", error) if isinstance(error, dict) else error)
    except ValueError:
        pass
    return " ".join(text.split())[:200]


def _read(body: bytes, ms: float) -> ChatReply:
    """The first choice's tool call or text; anything else is ``LLM_BAD_RESPONSE``."""

    def bad(why: str) -> ChatReply:
        return ChatReply(ms, error="LLM_BAD_RESPONSE", message=why)

    try:
        data = json.loads(body)
    except ValueError:
        return bad("not JSON: " + _quote(body)[:80])
    if not isinstance(data, dict):
        return bad("not a JSON object")
    choices = data.get("choices")
    if not isinstance(choices, list) or not choices or not isinstance(choices[0], dict):
        return bad("no choices")
    message = choices[0].get("message")
    if not isinstance(message, dict):
        return bad("the first choice has no message")
    usage = data.get("usage") if isinstance(data.get("usage"), dict) else {}
    calls = message.get("tool_calls")
    if isinstance(calls, list) and calls:
        call = calls[0]
        function = call.get("function") if isinstance(call, dict) else None
        if not isinstance(function, dict) or not isinstance(function.get("name"), str):
            return bad("a tool call without a function name")
        arguments = function.get("arguments")
        if isinstance(arguments, dict):
            arguments = json.dumps(arguments)  # some servers send an object, not JSON text
        elif arguments is None:
            arguments = ""
        elif not isinstance(arguments, str):
            return bad("tool call arguments that are neither JSON text nor an object")
        return ChatReply(
            ms,
            tool_call=ToolCall(function["name"], arguments),
            extra_calls=len(calls) - 1,
            usage=dict(usage or {}),
        )
    content = message.get("content")
    if isinstance(content, list):
        # Content given as parts: keep the text parts.
        content = " ".join(
            str(p.get("text", ""))
            for p in content
            if isinstance(p, dict) and p.get("type") == "text"
        )
    if not isinstance(content, str) or not content.strip():
        return bad("neither text nor a tool call")
    return ChatReply(ms, text=content, usage=dict(usage or {}))
