"""Guards on what skill code hands back: speech that is safe to print and data that can be stored.

A skill is someone else's code. Its speech reaches a terminal, a JSON stream and SQLite; its
persistent and session data reach SQLite as JSON. So, at the end of every handler:

* speech, reprompt and card text are cleaned as user input is (escape sequences and control
  characters removed, lone surrogates replaced) and capped at `MAX_SPEECH_CHARS` with a visible
  truncation marker;
* skill data and session attributes must be plain JSON (objects with string keys, lists,
  strings, finite numbers, booleans, null), within size limits; anything else fails the turn
  with a ``SKILL_ERROR`` that names the key and the type, and nothing is stored.
"""

from __future__ import annotations

import json
import math
from typing import Any

from simulator.nlu.normalize import clean_display
from simulator.sdk.response import Response

__all__ = [
    "MAX_CARD_CHARS",
    "MAX_DATA_CHARS",
    "MAX_INT",
    "MAX_SPEECH_CHARS",
    "clean_response",
    "clean_text",
    "storable_problem",
]

MAX_SPEECH_CHARS = 2000
"""Longest speech (and reprompt, card title) kept; longer text is cut with a marker."""
MAX_CARD_CHARS = 10_000
"""Longest card body kept."""
MAX_DATA_CHARS = 1_000_000
"""Largest JSON a skill may keep per turn in persistent data or session attributes."""
MAX_INT = 2**63 - 1
"""Largest integer a skill may store (SQLite's and most JSON readers' limit)."""
_MAX_DEPTH = 100


def clean_text(text: str, limit: int = MAX_SPEECH_CHARS, *, lines: bool = False) -> str:
    """``text`` safe to print and store, at most ``limit`` characters plus a marker.

    With ``lines`` line breaks are kept (card bodies); otherwise text is one line.
    """
    if lines:
        text = "\n".join(clean_display(line) for line in text.splitlines())
    else:
        text = clean_display(text)
    if len(text) > limit:
        cut = len(text) - limit
        text = f"{text[:limit]} [… {cut:,} more characters cut]"
    return text


def clean_response(response: Response) -> Response:
    """The response with every text field cleaned and capped (see `clean_text`)."""
    update: dict[str, Any] = {}
    for name in (
        "speech",
        "reprompt_text",
        "card_title",
        "error_message",
        "card_kind",
        "card_progress_label",
        "card_status",
        "card_image",
    ):
        value = getattr(response, name)
        if isinstance(value, str):
            cleaned = clean_text(value)
            if cleaned != value:
                update[name] = cleaned
    card = clean_text(response.card_text, MAX_CARD_CHARS, lines=True)
    if card != response.card_text:
        update["card_text"] = card
    # Rich cards: at most 50 list lines; every line and every profile's speech cleaned too.
    items = tuple(clean_text(i, MAX_CARD_CHARS) for i in response.card_items[:50])
    if items != response.card_items:
        update["card_items"] = items
    by_profile = tuple((clean_text(p)[:20], clean_text(s)) for p, s in response.profile_speech)
    if by_profile != response.profile_speech:
        update["profile_speech"] = by_profile
    return response.model_copy(update=update) if update else response


def storable_problem(value: object, where: str) -> str | None:
    """Why ``value`` cannot be stored as JSON, naming the key and the type; None if it can.

    ``where`` names the root (``"persistent"``, ``"session.attributes"``). Walks iteratively,
    so a deeply nested or circular structure is reported rather than overflowing the stack.
    """
    stack: list[tuple[object, str, int]] = [(value, where, 0)]
    active: set[int] = set()
    exits: list[tuple[int, int]] = []  # (stack length to pop at, id) for cycle tracking
    while stack:
        while exits and len(stack) <= exits[-1][0]:
            active.discard(exits.pop()[1])
        item, path, depth = stack.pop()
        if item is None or isinstance(item, bool | str):
            if isinstance(item, str) and _has_surrogate(item):
                return f"{path}: text with an unencodable character (a lone surrogate)"
            continue
        if isinstance(item, int):
            if type(item) is not int:
                return f"{path}: {type(item).__name__} is not plain JSON (use int)"
            if abs(item) > MAX_INT:
                digits = int(item.bit_length() * math.log10(2)) + 1
                return f"{path}: an int of about {digits:,} digits is too large to store"
            continue
        if isinstance(item, float):
            if type(item) is not float:
                return f"{path}: {type(item).__name__} is not plain JSON (use float)"
            if not math.isfinite(item):
                return f"{path}: {item} is not storable as JSON"
            continue
        if depth >= _MAX_DEPTH:
            return f"{path}: nested more than {_MAX_DEPTH} levels deep"
        if isinstance(item, dict):
            if id(item) in active:
                return f"{path}: a circular reference"
            active.add(id(item))
            exits.append((len(stack), id(item)))
            for key, child in item.items():
                if not isinstance(key, str):
                    return f"{path}: key {key!r} is a {type(key).__name__}; keys must be str"
                if _has_surrogate(key):
                    return f"{path}: a key with an unencodable character (a lone surrogate)"
                stack.append((child, f"{path}[{key!r}]", depth + 1))
            continue
        if isinstance(item, list):
            if id(item) in active:
                return f"{path}: a circular reference"
            active.add(id(item))
            exits.append((len(stack), id(item)))
            stack.extend((child, f"{path}[{i}]", depth + 1) for i, child in enumerate(item))
            continue
        kind = type(item).__name__
        hint = " (use a list)" if isinstance(item, tuple | set | frozenset) else ""
        return f"{path}: a {kind} is not storable as JSON{hint}"
    try:
        size = len(json.dumps(value, ensure_ascii=False, allow_nan=False))
    except (TypeError, ValueError, RecursionError) as exc:  # pragma: no cover - walked above
        return f"{where}: not storable as JSON ({exc})"
    if size > MAX_DATA_CHARS:
        return f"{where}: {size:,} characters of JSON; at most {MAX_DATA_CHARS:,} are kept"
    return None


def _has_surrogate(text: str) -> bool:
    try:
        text.encode("utf-8")
    except UnicodeEncodeError:
        return True
    return False
