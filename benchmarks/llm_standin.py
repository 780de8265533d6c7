"""A stand-in for a chat model, for trying large-model mode where no model can be run.

NOT a language model. It serves OpenAI-compatible chat completions on loopback and answers each
request from what the request itself carries, as a model would have to: it scores every offered
tool by the words the user's last message shares with the tool's description and example
utterances (IDF-weighted, so "the" counts for nothing), calls the best one if it shares enough,
and otherwise answers in words. It fills no arguments (the speaker's dialog then asks for the
required ones). Nothing in it knows the test utterances.

Use it to see the plumbing (tools in the request, a tool call through the dialog, the time the
round trip costs) and as a floor a real model should beat::

    python benchmarks/llm_standin.py --port 8089 &
    speaker-sim route --compare --llm-url http://127.0.0.1:8089/v1 < benchmarks/compare_utterances.txt
"""

from __future__ import annotations

import argparse
import json
import math
import re
from collections import Counter
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any

_WORD = re.compile(r"[a-z0-9']+")
_MIN_SCORE = 2.0


def _words(text: str) -> list[str]:
    return _WORD.findall(text.lower())


def choose(messages: list[dict[str, Any]], tools: list[dict[str, Any]]) -> dict[str, Any]:
    """The assistant message: a tool call for the best-overlapping tool, or a text answer."""
    said = next((m.get("content") or "" for m in reversed(messages) if m.get("role") == "user"), "")
    docs = {
        t["function"]["name"]: set(_words(t["function"].get("description", "")))
        for t in tools
        if t.get("type") == "function"
    }
    df: Counter[str] = Counter(w for words in docs.values() for w in words)
    n = max(len(docs), 1)
    best, best_score = None, 0.0
    for name, words in docs.items():
        score = sum(math.log(n / df[w]) for w in set(_words(said)) if w in words)
        if score > best_score:
            best, best_score = name, score
    if best is None or best_score < _MIN_SCORE:
        return {"role": "assistant", "content": "I'm only a stand-in, so I can't answer that."}
    return {
        "role": "assistant",
        "content": None,
        "tool_calls": [
            {"id": "call_0", "type": "function", "function": {"name": best, "arguments": "{}"}}
        ],
    }


class _Handler(BaseHTTPRequestHandler):
    def log_message(self, format: str, *args: Any) -> None:
        pass

    def do_POST(self) -> None:
        body = json.loads(self.rfile.read(int(self.headers.get("Content-Length") or 0)))
        message = choose(body.get("messages") or [], body.get("tools") or [])
        out = json.dumps(
            {"object": "chat.completion", "choices": [{"index": 0, "message": message}]}
        ).encode()
        self.send_response(200)
        self.send_header("Content-Type", "application/json")
        self.send_header("Content-Length", str(len(out)))
        self.end_headers()
        self.wfile.write(out)


def main() -> None:
    """Serve on 127.0.0.1:PORT until interrupted."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--port", type=int, default=8089)
    args = parser.parse_args()
    ThreadingHTTPServer(("127.0.0.1", args.port), _Handler).serve_forever()


if __name__ == "__main__":
    main()
