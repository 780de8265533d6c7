"""A request typed in a programmer's syntax, read as the words it stands for.

Teachers and developers type at a simulator the way they type at a prompt:
``front_door.lock()``, ``thermostat.target -= 1``, ``capital(peru)``, ``user.name = Priya``,
``list.remove name=todo items='call bank'``, ``query: next alarm``, ``calc 144 / 12``. The
normaliser turns the marks into spaces, which loses what they meant: ``-= 1`` becomes "1" (the
way is gone), ``mute = false`` keeps "mute", ``obj.method()`` puts the verb last, ``f(x)``
drops the "of". :func:`read_code` reads such a line by its shape and gives a `CodeLine`: the
readings it may stand for, in English word order, best first:

* identifiers split at ``_``, ``.`` and camelCase ("kitchen_light", "nowPlaying"); an
  identifier that is a device's, room's or scene's id is read as its name, through the names
  the router passes in (`CodeLine.readings`), never a table of one home;
* ``obj.method(args)`` and ``obj.method key=value`` as "method obj args" ("lock front door"),
  ``f(x)`` as "f of x" ("capital of peru") or "f x" ("spell x");
* ``x = v``, ``x -> v``, ``x: v`` as "set x to v", "x is v", "v x" ("start washing machine"),
  "x v"; ``true`` / ``false`` / ``on`` / ``off`` as the verb or its opposite ("mute tv",
  "unmute tv", "turn off the lamp");
* ``x += n`` / ``x -= n`` as raising or lowering x by n ("turn x up by n", "lower x by n");
* ``key=value`` pairs by what the key says: a place ("city=rome": "in rome"), a unit
  ("minutes=5": "5 minutes"), a kind or size said before the thing ("size=large"), a name
  that names the thing ("name=todo" of a list: "todo list"), the thing acted on ("items=..."),
  others as "key value";
* a leading ``query:``, ``get``, ``read``, ``describe``, ``status:``, ``calc``, ``eval:`` as
  the question or command they ask; ``--flag value`` as "flag value"; arithmetic marks between
  numbers as words ("144 / 12": "144 divided by 12"); quotes as the words inside; a
  programmer's short forms as the word ("prev": "previous", "temp": "temperature") and units
  glued to numbers ("4000K": "4000 kelvin").

`CodeLine.plain` says whether the syntax is plainly there (an operator, a call, a dotted name, a
``key=value`` pair, a snake_case name, ``--flag``): then the reading is tried before the words as
said. A label, a leading verb, quotes or a question mark alone are not plain: ordinary typed
sentences have them, and their reading is only a second chance. Plain functions, no state.
"""

from __future__ import annotations

import re
from collections.abc import Collection, Mapping
from dataclasses import dataclass
from typing import Final

from simulator.nlu.normalize import normalize

__all__ = ["CodeLine", "read_code"]

# -- lexing --------------------------------------------------------------------------------

_LEX: Final = re.compile(
    r"""
    (?P<str>(?<![\w'])'[^']*'(?![\w'])|"[^"]*")
   |(?P<num>\d+(?:[.:/-]\d+)*[a-zA-Z%°]*)
   |(?P<op>\+=|-=|\*=|/=|==|!=|->|=>|\*\*|--(?=[a-zA-Z])|[=:()\[\],?+\-*/^])
   |(?P<name>[A-Za-z_][\w']*(?:\.[A-Za-z_]\w*)*)
   |(?P<other>\S)
    """,
    re.VERBOSE,
)

# Marks that are plainly code: ordinary sentences do not hold them.
_PLAIN: Final[tuple[tuple[str, re.Pattern[str]], ...]] = (
    ("a call", re.compile(r"[A-Za-z_]\w*\((?:[^()]*)\)")),
    # Not an e-mail address or a web address ("jo.smith@mail", "bbc.co.uk"): those are things
    # to name, not code.
    (
        "a dotted name",
        re.compile(
            r"(?<![\w.@/:])[A-Za-z_]\w+(?:\.[A-Za-z_]\w+)+(?![\w.@/])"
            r"(?<!\.com)(?<!\.org)(?<!\.net)(?<!\.uk)(?<!\.io)(?<!\.edu)(?<!\.gov)"
        ),
    ),
    ("an assignment", re.compile(r"(?:\+=|-=|\*=|/=)")),
    ("a key=value pair", re.compile(r"(?<![=!<>])\b\w+\s*=(?!=)\s*\S")),
    ("an arrow", re.compile(r"->|=>")),
    ("a flag", re.compile(r"(?:^|\s)--[a-zA-Z]")),
    ("an index", re.compile(r"\w\[\d+\]")),
    ("a snake_case name", re.compile(r"[A-Za-z]_[A-Za-z]")),
    ("arithmetic", re.compile(r"\d\s+(?:[+*/^x×]|\*\*|-)\s+\d")),
)
# Marks an ordinary typed sentence may hold too: their reading is only a second chance.
_LABEL: Final = re.compile(r"^\s*([A-Za-z_][\w.\[\]]*)\s*:\s+\S")
_TRAILING_QUESTION: Final = re.compile(r"[A-Za-z_]\w*\?")
_CAMEL: Final = re.compile(r"(?<=[a-z])(?=[A-Z][a-z])")
_ASCII_LINE: Final = re.compile(r"^[\x20-\x7e]+$")

# -- words -----------------------------------------------------------------------------------

_SHORT: Final[Mapping[str, str]] = {
    # A programmer's short forms of everyday words (general, not of any skill).
    "prev": "previous",
    "temp": "temperature",
    "qty": "quantity",
    "num": "number",
    "vol": "volume",
    "del": "delete",
    "rm": "remove",
    "pct": "percent",
    "calc": "calculate",
    "drop": "delete",  # as in SQL: "list.drop" deletes the list
    "inc": "increase",
    "dec": "decrease",
    "cur": "current",
    "curr": "current",
    "desc": "description",
    "msg": "message",
    "max": "maximum",
    "min": "minimum",
}
_UNITS: Final[Mapping[str, str]] = {
    # A unit glued to a number: "4000k", "100f", "45s".
    "k": "kelvin",
    "f": "fahrenheit",
    "c": "celsius",
    "s": "seconds",
    "sec": "seconds",
    "secs": "seconds",
    "h": "hours",
    "hr": "hours",
    "hrs": "hours",
    "min": "minutes",
    "mins": "minutes",
}
_SPEAKER: Final = frozenset({"user", "me", "self", "my", "i"})
"""Who "user" is in a line typed at a speaker: the one typing ("user.name": "my name")."""

_TRUE: Final = frozenset({"true", "on", "yes", "enabled", "enable", "active"})
_FALSE: Final = frozenset({"false", "off", "no", "disabled", "disable", "inactive", "none"})
_SWITCHES: Final = frozenset({"power", "state", "status", "switch", "on", "enabled", "active"})
"""Attributes whose true/false is the device on or off ("floor_lamp.power = off")."""
_GENERIC_ATTRS: Final = frozenset({"target", "value", "setpoint", "current", "set", "val"})
"""Attributes that name no more than the device's setting ("thermostat.target -= 1")."""

_HEADS_ASK: Final = frozenset({"query", "q", "get", "status"})
"""Leading words that ask for what follows ("query: next alarm", "get user.name"). Not "print",
"show" or "check": in a sentence they are verbs of their own ("print my to do list")."""
_HEADS_READ: Final = frozenset({"read", "cat"})
_HEADS_DESCRIBE: Final = frozenset({"describe", "inspect"})
_HEADS_CALC: Final = frozenset({"calc", "calculate", "eval", "evaluate", "compute", "math"})
_HEADS_SAY: Final = frozenset({"greet", "say", "ask", "run", "exec", "cmd", "command", "do"})
_NOT_A_THING: Final = frozenset(
    {
        "is",
        "are",
        "am",
        "was",
        "how",
        "what",
        "who",
        "when",
        "where",
        "which",
        "why",
        "do",
        "does",
        "did",
        "can",
        "could",
        "will",
        "would",
        "should",
        "tell",
    }
)
"""Words a question or request starts with, so "what is" is not put before it."""
_HEADS: Final = _HEADS_ASK | _HEADS_READ | _HEADS_DESCRIBE | _HEADS_CALC | _HEADS_SAY

_ARITHMETIC: Final[Mapping[str, str]] = {
    "+": "plus",
    "-": "minus",
    "*": "times",
    "x": "times",
    "×": "times",
    "/": "divided by",
    "^": "to the power of",
    "**": "to the power of",
}

# Keys of key=value pairs, by what they say about their value.
_PLACE_KEYS: Final = frozenset({"city", "place", "location", "where", "room", "in", "at_place"})
_TO_KEYS: Final = frozenset({"to", "dest", "destination", "new", "new_title", "new_name", "into"})
_FROM_KEYS: Final = frozenset({"from", "old", "src", "source_list"})
_WITH_KEYS: Final = frozenset({"extra", "extras", "with", "topping", "toppings"})
_FOR_KEYS: Final = frozenset({"duration", "for", "length"})
_BEFORE_KEYS: Final = frozenset(
    {
        "size",
        "colour",
        "color",
        "flavour",
        "flavor",
        "genre",
        "category",
        "kind",
        "type",
        "count",
        "qty",
        "quantity",
        "n",
        "number",
        "amount",
    }
)
"""Keys whose value is said before the thing: "size=large" of fries is "large fries"."""
_NAME_KEYS: Final = frozenset({"name", "title", "label", "list", "id", "called"})
"""Keys whose value names the thing the line is about: "list.read name=camping": "camping list"."""
_THING_KEYS: Final = frozenset(
    {
        "item",
        "items",
        "what",
        "text",
        "body",
        "content",
        "message",
        "query",
        "q",
        "word",
        "value",
        "thing",
        "song",
        "track",
        "artist",
        "expr",
        "expression",
    }
)
"""Keys whose value is what the verb acts on: "items='call bank'"."""
_PURPOSE_KEYS: Final = frozenset({"task", "todo", "action", "purpose"})
"""Keys whose value is what to do, said "to ..." after the thing ("a reminder to pay rent")."""
_WHEN_KEYS: Final = frozenset({"when", "time", "at", "day", "date", "on"})
_UNIT_KEYS: Final = frozenset(
    {
        "minutes",
        "mins",
        "seconds",
        "secs",
        "hours",
        "days",
        "weeks",
        "degrees",
        "percent",
        "nights",
        "kelvin",
    }
)
_TAKE_FROM: Final = frozenset({"remove", "delete", "take", "drop", "pop", "erase"})
_PUT_INTO: Final = frozenset({"add", "put", "append", "insert", "push"})
_CHECK_ON: Final = frozenset({"contains", "has", "includes", "find"})
_MOVE: Final = frozenset({"move", "reschedule", "update", "change", "rename", "set", "edit"})

_MAX_READINGS: Final = 6


@dataclass(frozen=True)
class CodeLine:
    """A line typed as code: what marks it as code and the readings it stands for.

    ``readings`` are strings of raw identifiers and words; `readings` renders them with the
    home's names. ``plain`` is True when the syntax is plainly there (an operator, a call, a
    dotted name, a ``key=value`` pair, ``--flag``): the router then tries the reading before
    the words as said.
    """

    marks: tuple[str, ...]
    plain: bool
    raw: tuple[str, ...]

    def readings(self, names: Mapping[str, str] | None = None) -> list[list[str]]:
        """The readings as normalised words, best first, each identifier that is a key of
        ``names`` (a device's, room's or scene's id) read as its value (the normalised name).
        Readings that come out the same are given once."""
        seen: set[tuple[str, ...]] = set()
        out: list[list[str]] = []
        for raw in self.raw:
            words = normalize(_rename(raw, names or {})).split()
            if words and tuple(words) not in seen:
                seen.add(tuple(words))
                out.append(words)
        return out


def read_code(text: str, skip: int = 0, places: Collection[str] = ()) -> CodeLine | None:
    """The `CodeLine` ``text`` is, or None when it holds no programmer's syntax at all.

    ``skip`` is how many normalised words to leave off the front (a wake word the engine took
    off): the reading is of the rest, and None when no run of whole typed words holds exactly
    those. ``places`` are room ids: a dotted name's room is said first ("curtains.bedroom":
    "bedroom curtains"). Never raises.
    """
    text = text.strip()
    if skip:
        text = _after_words(text, skip)
    if not text or len(text) > 300 or not _ASCII_LINE.match(text):
        # Code is typed in ASCII; a Chinese request is never read as code.
        return None
    marks = [what for what, pattern in _PLAIN if pattern.search(text)]
    plain = bool(marks)
    label = _LABEL.match(text)
    if label is not None:
        marks.append("a label")
    # A leading "get", "read" or "calc" is read as code only in a line marked so otherwise:
    # "get me a taxi" and "read my to do list" are sentences.
    if _TRAILING_QUESTION.search(text) and ("_" in text or "." in text.split("?")[0]):
        marks.append("a question mark on a name")
    if not marks:
        return None
    tokens = _lex(text)
    if not tokens:
        return None
    raw = _readings(tokens, frozenset(places))
    if not raw:
        return None
    return CodeLine(tuple(dict.fromkeys(marks)), plain, tuple(raw[:_MAX_READINGS]))


# -- reading ----------------------------------------------------------------------------------

_Tok = tuple[str, str]  # (kind, text): kind is str, num, op, name or other


def _after_words(text: str, skip: int) -> str:
    """``text`` without the chunks that make its first ``skip`` normalised words."""
    chunks = text.split()
    count = 0
    for i, chunk in enumerate(chunks):
        count += len(normalize(chunk).split())
        if count == skip:
            return " ".join(chunks[i + 1 :])
        if count > skip:
            return ""
    return ""


def _lex(text: str) -> list[_Tok]:
    out: list[_Tok] = []
    for m in _LEX.finditer(text):
        kind = m.lastgroup or "other"
        value = m.group()
        if kind == "str":
            value = value[1:-1]
        out.append((kind, value))
    return out


def _ident(name: str) -> str:
    """An identifier as raw words: camelCase split, short forms read, "user" as "my"; the
    segments of a dotted name kept with their underscores (so `_rename` can find ids)."""
    parts = []
    for segment in name.split("."):
        segment = _CAMEL.sub("_", segment).lower()
        words = [w for w in segment.split("_") if w]
        if segment in _SPEAKER:
            parts.append("my")
        elif len(words) == 1:
            parts.append(_SHORT.get(words[0], words[0]))
        else:
            parts.append("_".join(_SHORT.get(w, w) for w in words))
    return " ".join(parts)


def _value(tok: _Tok) -> str:
    kind, text = tok
    if kind == "num":
        m = re.fullmatch(r"(\d+(?:\.\d+)?)([a-zA-Z]+)", text)
        if m and m.group(2).lower() in _UNITS:
            return f"{m.group(1)} {_UNITS[m.group(2).lower()]}"
        return text
    if kind == "name":
        return _ident(text)
    return text


def _rename(raw: str, names: Mapping[str, str]) -> str:
    """``raw`` with each word that is an id in ``names`` read as the name."""
    if not names:
        return raw.replace("_", " ")
    return " ".join(names.get(w, w) for w in raw.split()).replace("_", " ")


def _split(tokens: list[_Tok], op: str) -> tuple[list[_Tok], list[_Tok]] | None:
    for i, (kind, text) in enumerate(tokens):
        if kind == "op" and text == op:
            return tokens[:i], tokens[i + 1 :]
    return None


def _words(tokens: list[_Tok]) -> str:
    """Tokens as raw words: arithmetic marks between numbers said, other marks dropped."""
    out: list[str] = []
    for i, tok in enumerate(tokens):
        kind, text = tok
        if kind == "op" or (kind == "other" and text in ("x", "×")):
            before = tokens[i - 1][0] if i else ""
            after = tokens[i + 1][0] if i + 1 < len(tokens) else ""
            if text in _ARITHMETIC and before == "num" and after == "num":
                out.append(_ARITHMETIC[text])
            elif text == "->":
                out.append("to")
            continue
        between_numbers = 0 < i < len(tokens) - 1 and tokens[i - 1][0] == tokens[i + 1][0] == "num"
        if kind == "name" and text.lower() == "x" and between_numbers:
            out.append("times")
            continue
        if kind == "other":
            continue
        out.append(_value(tok))
    return " ".join(w for w in out if w)


def _pairs(tokens: list[_Tok]) -> tuple[list[_Tok], list[tuple[str, str]]]:
    """Leading tokens and the ``key=value`` pairs (and ``--flag value``) after them."""
    rest: list[_Tok] = []
    pairs: list[tuple[str, str]] = []
    i = 0
    while i < len(tokens):
        kind, text = tokens[i]
        nxt = tokens[i + 1] if i + 1 < len(tokens) else ("", "")
        if kind == "name" and nxt == ("op", "=") and i + 2 < len(tokens):
            # The value runs to the next key, comma or end ("items=eggs,flour" is a list).
            j = i + 2
            value: list[_Tok] = []
            while j < len(tokens):
                if j + 1 < len(tokens) and tokens[j][0] == "name" and tokens[j + 1] == ("op", "="):
                    break
                if tokens[j] == ("op", ")"):
                    break
                value.append(tokens[j])
                j += 1
            pairs.append((text.lower(), _list_words(value)))
            i = j
            continue
        if (kind, text) == ("op", "--") and nxt[0] == "name":
            j = i + 2
            value = []
            while j < len(tokens) and tokens[j] != ("op", "--"):
                value.append(tokens[j])
                j += 1
            pairs.append((nxt[1].lower(), _list_words(value)))
            i = j
            continue
        rest.append(tokens[i])
        i += 1
    return rest, pairs


def _list_words(tokens: list[_Tok]) -> str:
    """A value: a comma-separated list said with "and" ("eggs,flour": "eggs and flour")."""
    groups: list[list[_Tok]] = [[]]
    for tok in tokens:
        if tok == ("op", ","):
            groups.append([])
        else:
            groups[-1].append(tok)
    said = [_words(g) for g in groups if g]
    if len(said) > 1:
        return ", ".join(said[:-1]) + " and " + said[-1]
    return said[0] if said else ""


def _phrase(verb: str, thing: str, pairs: list[tuple[str, str]]) -> list[str]:
    """``verb`` said of ``thing`` with the pairs in English order: the things acted on after
    the verb, a name and a kind before the thing, places, times and units after it."""
    acted = [v for k, v in pairs if k in _THING_KEYS]
    named = [v for k, v in pairs if k in _NAME_KEYS]
    before = [v for k, v in pairs if k in _BEFORE_KEYS]
    after: list[str] = []
    for k, v in pairs:
        if k in _THING_KEYS or k in _NAME_KEYS or k in _BEFORE_KEYS:
            continue
        if k in _PLACE_KEYS:
            after.append(f"in {v}")
        elif k in _TO_KEYS:
            after.append(f"to {v}")
        elif k in _FROM_KEYS:
            after.append(f"from {v}")
        elif k in _WITH_KEYS:
            after.append(f"with {v}")
        elif k in _FOR_KEYS:
            after.append(f"for {v}")
        elif k in _PURPOSE_KEYS:
            after.append(f"to {v}")
        elif k in _UNIT_KEYS:
            after.append(f"{v} {k}")
        elif k in _WHEN_KEYS:
            after.append(f"to {v}" if verb in _MOVE else v)
        else:
            after.append(f"{_ident(k)} {v}")
    noun = " ".join([*named, *before, thing]).strip()
    if acted and noun:
        if verb in _TAKE_FROM:
            core = [f"{verb} {' '.join(acted)} from {noun}"]
        elif verb in _PUT_INTO:
            core = [f"{verb} {' '.join(acted)} to {noun}"]
        elif verb in _CHECK_ON:
            core = [f"is {' '.join(acted)} on {noun}", f"{verb} {' '.join(acted)} {noun}"]
        else:
            core = [f"{verb} {' '.join([*before, *acted])} {' '.join(named)} {thing}"]
    else:
        core = [f"{verb} {' '.join([*acted, noun])}"]
        if named and thing and verb:
            # A name may name a thing kept in the object rather than the object itself
            # ("calendar.delete title=..." is an event in the calendar, "list.read name=..."
            # the list): the thing taken from it, or the thing alone, after the object named.
            if verb in _TAKE_FROM:
                core.append(f"{verb} {' '.join(named)} from {thing}")
            core.append(f"{verb} {' '.join(named)}")
    tail = " ".join(after)
    return [f"{c} {tail}".strip() for c in core]


def _path(name: str, places: frozenset[str]) -> tuple[str, str]:
    """A dotted name as (thing, attribute): "den_speaker.mute" -> ("den_speaker", "mute");
    a room's id among the segments is said first ("curtains.bedroom": "bedroom curtains")."""
    segments = [_ident(s) for s in name.split(".")]
    rooms = [s for s in segments if s in places]
    others = [s for s in segments if s not in places]
    if len(others) >= 2:
        thing, attr = " ".join(rooms + others[:-1]), others[-1]
    else:
        thing, attr = " ".join(rooms + others), ""
    return thing, attr


def _readings(tokens: list[_Tok], places: frozenset[str]) -> list[str]:
    out: list[str] = []
    head = tokens[0][1].lower() if tokens[0][0] == "name" else ""
    # A leading word that says what kind of request follows ("query: ...", "get x", "calc").
    if head in _HEADS and len(tokens) > 1:
        rest = tokens[2:] if tokens[1] == ("op", ":") else tokens[1:]
        inner = _readings(rest, places) if rest else []
        if not inner:
            return []
        if head in _HEADS_CALC:
            return [*(f"what is {r}" for r in inner), *(f"calculate {r}" for r in inner)]
        if head in _HEADS_ASK:
            # A thing asked for is "what is ..." ("query: next alarm"); a question or a
            # request after the head is itself ("status: how are you").
            asked = [f"what is {r}" for r in inner if re.split(r"[\s_]", r)[0] not in _NOT_A_THING]
            return [*asked, *inner]
        if head in _HEADS_READ:
            return [*(f"read {r}" for r in inner), *(f"what is {r}" for r in inner)]
        if head in _HEADS_DESCRIBE:
            return [*(f"check {r}" for r in inner), *(f"what is {r} doing" for r in inner)]
        return inner
    # A compound assignment: the way said ("music.volume += 10": "turn music volume up by 10").
    for op, way, verbs in (
        ("+=", "up", ("increase", "raise")),
        ("-=", "down", ("decrease", "lower")),
    ):
        parts = _split(tokens, op)
        if parts is not None:
            left, right = parts
            amount = _words(right)
            thing, attr = _subject(left, places)
            if not thing:
                return []
            by = f" by {amount}" if amount else ""
            full = f"{thing} {attr}".strip()
            for t in dict.fromkeys((full, thing)):
                out += [f"turn {t} {way}{by}", *(f"{v} {t}{by}" for v in verbs)]
            return out
    # An assignment, an arrow or a label: "x = v", "x -> v", "x: v".
    for op in ("=", "->", "=>", ":"):
        parts = _split(tokens, op)
        if parts is None:
            continue
        left, right = parts
        if not left or not right or any(t == ("op", "=") for t in right):
            # "calendar.add title=..." is a call with pairs, not an assignment.
            break
        if any(t[0] != "name" for t in left) or len(left) > 4:
            # Only a name is assigned to ("kitchen light: on", "thermostat -> 21"): "convert
            # 100F -> celsius" is words with an arrow, "price(fries, size=large)" a call.
            break
        if op == "=" and len(left) > 1 and "." not in left[-1][1]:
            # "set volume=30 on the den speaker": a pair inside a sentence.
            break
        if op in ("->", "=>") and len(left) > 1:
            # "distance sun->neptune": an arrow between words is "to".
            break
        thing, attr = _subject(left, places)
        value = _words(right)
        if not thing or not value:
            return []
        said = value.lower()
        if said in _TRUE or said in _FALSE:
            on = said in _TRUE
            if attr and attr not in _SWITCHES:
                if on:
                    out += [f"{attr} {thing}", f"turn {attr} on for {thing}", f"{thing} {attr} on"]
                else:
                    out += [
                        f"un{attr} {thing}",
                        f"turn {attr} off for {thing}",
                        f"{thing} {attr} off",
                        f"stop {attr} {thing}",
                    ]
            else:
                state = "on" if on else "off"
                out += [f"turn {state} {thing}", f"turn {thing} {state}", f"{thing} {state}"]
            return out
        full = f"{thing} {attr}".strip()
        if op == ":":
            out += [f"{value} {full}", f"{full} {value}", f"set {full} to {value}"]
        else:
            out += [f"set {full} to {value}", f"{full} is {value}", f"{full} {value}"]
            if attr and thing != "my":
                # The attribute alone ("weather.default_city": "default city"), then the
                # thing alone ("thermostat.target": "thermostat").
                out += [f"set {attr} to {value}", f"set {thing} to {value}"]
        return out
    # A call or a dotted name with pairs: "front_door.lock()", "capital(peru)",
    # "alarm.create time=07:30 day=saturday", "list.read name=camping".
    rest, pairs = _pairs(tokens)
    call = [i for i, t in enumerate(rest) if t == ("op", "(")]
    if call and call[0] > 0 and rest[call[0] - 1][0] == "name":
        i = call[0]
        close = next((j for j in range(i, len(rest)) if rest[j] == ("op", ")")), len(rest))
        before, args, after = rest[: i - 1], rest[i + 1 : close], rest[close + 1 :]
        args_said = _list_words(args)
        name = rest[i - 1][1]
        tail = _words(after)
        lead = _words(before)
        if "." in name:
            thing, method = name.rsplit(".", 1)
            verb = _ident(method)
            obj = " ".join(_ident(s) for s in thing.split("."))
            # Not the method alone: "stopwatch.start()" is no "start".
            for r in _phrase(verb, obj, pairs):
                out.append(" ".join(x for x in (lead, r, args_said, tail) if x))
        else:
            verb = _ident(name)
            heads = [f"{verb} of", verb] if args_said else [verb]
            for how in heads:
                for r in _phrase(how, args_said, pairs):
                    out.append(" ".join(x for x in (lead, r, tail) if x))
        return out
    words = [t for t in rest if t[0] != "op" or t[1] not in ("?", "(", ")", "[", "]")]
    if words and words[0][0] == "name" and "." in words[0][1] and len(words[0][1]) > 3:
        # "list.read name=camping", "news.categories", "order.status".
        thing, method = words[0][1].rsplit(".", 1)
        verb = _ident(method)
        obj = " ".join(_ident(s) for s in thing.split("."))
        tail = _words(words[1:])
        as_verb = [f"{r} {tail}".strip() for r in _phrase(verb, obj, pairs)]
        as_noun = [f"{r} {tail}".strip() for r in _phrase("", f"{obj} {verb}", pairs)]
        # "user.name" is the speaker's name, not a verb "name" said of "my".
        out += [*as_noun, *as_verb] if obj == "my" else [*as_verb, *as_noun]
        if pairs and not tail and all(k in _PLACE_KEYS | _WHEN_KEYS for k, _ in pairs):
            # A method that names a value ("weather.temp city=rome"): asked for, where and
            # when the pairs say, the object a namespace.
            out += [f"what is the {r}".strip() for r in _phrase("", verb, pairs)]
        return out
    said = _words(words)
    if pairs:
        out += _phrase("", said, pairs)
    elif said:
        out.append(said)
    return out


def _subject(tokens: list[_Tok], places: frozenset[str]) -> tuple[str, str]:
    """The left side of an assignment as (thing, attribute), a generic attribute dropped."""
    names = [t for t in tokens if t[0] == "name"]
    if len(names) == 1 and len(tokens) == 1:
        thing, attr = _path(names[0][1], places)
    else:
        thing, attr = _words(tokens), ""
    if attr in _GENERIC_ATTRS:
        attr = ""
    return thing, attr
