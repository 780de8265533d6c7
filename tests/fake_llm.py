"""A small fake OpenAI-compatible chat-completions server on loopback, for the large-model tests.

It answers ``POST /v1/chat/completions`` from a script of replies (a tool call, some text, an HTTP
error, a slow answer, garbage) and records every request, so a test can check both what the
speaker sent and what it did with the answer. Standard library only; one thread.
"""

from __future__ import annotations

import json
import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any

__all__ = ["FakeLLM", "Reply", "fake_llm"]


@dataclass
class Reply:
    """One scripted answer."""

    tool: str | None = None
    arguments: Any = None
    """For a tool call: an object (sent as JSON text) or a string sent as is."""
    text: str | None = None
    status: int = 200
    delay: float = 0.0
    raw: bytes | None = None
    """Sent as the body instead of a well-formed completion (garbage)."""


@dataclass
class FakeLLM:
    """The running server: its URL, the script and the requests it received."""

    url: str
    script: list[Reply] = field(default_factory=list)
    requests: list[dict[str, Any]] = field(default_factory=list)
    headers: list[dict[str, str]] = field(default_factory=list)
    default: Reply = field(default_factory=lambda: Reply(text="I am a fake model."))

    def next_reply(self) -> Reply:
        """The next scripted reply, or the default once the script is used up."""
        return self.script.pop(0) if self.script else self.default


def _completion(reply: Reply) -> bytes:
    message: dict[str, Any] = {"role": "assistant", "content": reply.text}
    if reply.tool is not None:
        arguments = (
            reply.arguments
            if isinstance(reply.arguments, str)
            else json.dumps(reply.arguments or {})
        )
        message = {
            "role": "assistant",
            "content": None,
            "tool_calls": [
                {
                    "id": "call_1",
                    "type": "function",
                    "function": {"name": reply.tool, "arguments": arguments},
                }
            ],
        }
    body = {
        "id": "chatcmpl-fake",
        "object": "chat.completion",
        "choices": [{"index": 0, "message": message, "finish_reason": "stop"}],
        "usage": {"prompt_tokens": 10, "completion_tokens": 5, "total_tokens": 15},
    }
    return json.dumps(body).encode()


@contextmanager
def fake_llm() -> Iterator[FakeLLM]:
    """Start the server on a free loopback port; stop it afterwards."""
    state: dict[str, FakeLLM] = {}

    class Handler(BaseHTTPRequestHandler):
        def log_message(self, format: str, *args: Any) -> None:  # quiet
            pass

        def do_POST(self) -> None:
            fake = state["fake"]
            length = int(self.headers.get("Content-Length") or 0)
            data = self.rfile.read(length)
            fake.requests.append(json.loads(data))
            fake.headers.append({k.lower(): v for k, v in self.headers.items()})
            reply = fake.next_reply()
            if reply.delay:
                time.sleep(reply.delay)
            if self.path.rstrip("/") != "/v1/chat/completions":
                reply = Reply(status=404, raw=b'{"error": {"message": "not found"}}')
            body = reply.raw if reply.raw is not None else _completion(reply)
            if reply.status != 200 and reply.raw is None:
                body = json.dumps({"error": {"message": "the fake model is down"}}).encode()
            try:
                self.send_response(reply.status)
                self.send_header("Content-Type", "application/json")
                self.send_header("Content-Length", str(len(body)))
                self.end_headers()
                self.wfile.write(body)
            except OSError:
                pass  # the client gave up (a timeout test)

    server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    server.daemon_threads = True
    port = server.server_address[1]
    state["fake"] = FakeLLM(url=f"http://127.0.0.1:{port}/v1")
    thread = threading.Thread(target=server.serve_forever, name="fake-llm", daemon=True)
    thread.start()
    try:
        yield state["fake"]
    finally:
        server.shutdown()
        server.server_close()
