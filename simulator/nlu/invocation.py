"""Invocations: a skill named in the sentence, and the request meant for it.

People who know skill stores call a skill by its name and then say what they want of it: "tell
calendar to move the dentist to friday", "open alarms and set one for six", "ask weather if i
need a coat", "ask lists whether coffee is on the shopping list", "play some jazz using music".
The name says which skill; the rest is the request, to be routed within that skill. Said alone
("open alarms", "talk to the weather skill") the name only opens the skill: the built-in Launch.

:func:`invocations` finds the shape by grammar, not by any skill's words: an invoking verb ("ask",
"tell", "open", "use", "have" ...), a name from the loaded skills' own names (their invocation
names and names, bundled and user skills alike: the slot environment's ``skill`` list), optionally
"skill" or "app", then a word that joins a request ("to", "and", "if", "whether", a question word,
"for", "about"), or the request said after "with", "using", "via" or "through" and the name.
A name counts only in a position an invocation takes: "tell me a joke", "open the front door",
"run the vacuum" and "tell my wife to call me" name no skill, and "start the music" (no request
follows) is left to the music skill's own templates and to Launch.

A question to a skill ("ask weather if it will rain tomorrow", "ask clock which day ... falls
on") is offered as the question said directly too (`framing.questions`: "will it rain tomorrow").

:func:`greeting` reads a greeting said to the speaker by name ("hi computer", "hello there,
speaker") as the greeting: the name of the speaker is no word of the request ("computer" would
make it a question about robots).

None of this decides on its own: the router routes each request and takes a reading only when
the named skill reads it firmly.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import Final

from simulator.nlu.closed_class import AUXILIARIES
from simulator.nlu.framing import AUDIENCE, questions
from simulator.nlu.leads import ADDRESS

__all__ = ["Invocation", "address_end", "greeting", "invocations"]

# Verbs that call on a skill by name, each with the words that may follow it first ("talk to").
_VERBS: Final = {
    ("ask",): "ask",
    ("tell",): "tell",
    ("open",): "open",
    ("start",): "open",
    ("launch",): "open",
    ("run",): "open",
    ("load",): "open",
    ("use",): "use",
    ("get",): "get",
    ("have",): "have",
    ("let",): "have",
    ("talk", "to"): "ask",
    ("speak", "to"): "ask",
    ("go", "to"): "open",
    ("switch", "to"): "open",
}
# Politeness before the verb: "please tell calendar to ...", "can you ask weather if ...".
_BEFORE: Final = (
    ("please",),
    ("can", "you"),
    ("could", "you"),
    ("would", "you"),
    ("will", "you"),
    ("go", "and"),
    ("now",),
    ("just",),
)
# Words that join the request to the name: "tell lists TO ...", "open alarms AND ...".
_JOINS: Final = frozenset({"to", "and", "then"})
# Words that start a question put to the skill: "ask weather IF ...", "ask clock WHICH day ...".
_ASKING: Final = frozenset(
    {"if", "whether", "what", "which", "how", "when", "where", "who", "whose", "why"}
)
# A question asked directly after the name: "ask weather IS it going to rain".
# Not "had", "may", "might", "must": a question put to a skill by name opens with the everyday
# ones ("ask weather is it ...", "ask lists can you ...").
_AUXILIARIES: Final = AUXILIARIES - {"had", "may", "might", "must"}
# Prepositions that put the name after the request: "play some jazz USING music".
_TRAILING: Final = frozenset({"with", "using", "via", "through", "from"})
# "on" and "in" name a skill after the request only with "skill" or "app" ("... in the lists
# app"): "what is in the news" and "what is on the calendar" are requests of their own.
_TRAILING_NAMED: Final = frozenset({"on", "in"})
_KIND: Final = frozenset({"skill", "app", "application"})
_GREETINGS: Final = frozenset({"hi", "hello", "hey", "hiya", "howdy", "morning", "evening"})
# Words between a greeting and the speaker's name: "hello there speaker", "good morning speaker".
_GREETING_FILL: Final = frozenset({"there", "again", "good", "my", "friend", "dear"})


@dataclass(frozen=True)
class Invocation:
    """A skill invoked by name and the request said to it."""

    skill: str
    """The invoked skill's name (its id)."""
    name: tuple[str, ...]
    """The words that named it, as said ("the", "weather", "skill")."""
    request: tuple[str, ...]
    """The request's words, as said after (or before) the name."""
    readings: tuple[tuple[str, ...], ...]
    """The request as said, then as the question it asks said directly; best first."""


def _names(
    names: Mapping[str, Sequence[str]], *, chinese: bool = False
) -> list[tuple[tuple[str, ...], str]]:
    """Each spoken form of each skill's name as words (Chinese: characters), longest first (so
    "smart home" is not read as a skill called "smart")."""
    forms = {
        (tuple(form.split()), skill)
        for skill, said in names.items()
        for form in said
        if form and form.isascii() != chinese
    }
    return sorted(forms, key=lambda f: (-len(f[0]), f[0]))


def _name_at(
    words: Sequence[str], start: int, forms: list[tuple[tuple[str, ...], str]]
) -> tuple[str, int] | None:
    """The skill named at ``start`` ("[the] NAME [skill|app]") and where the name ends."""
    k = start + 1 if words[start : start + 1] == ["the"] else start
    for form, skill in forms:
        if tuple(words[k : k + len(form)]) == form:
            end = k + len(form)
            if words[end : end + 1] and words[end] in _KIND:
                end += 1
            return skill, end
    return None


# Words before "one" that make it a noun's stand-in already ("a new one", "the next one").
_BEFORE_ONE: Final = frozenset(
    {"a", "an", "the", "new", "another", "this", "that", "next", "last", "first", "my", "each"}
)


def _one_as_named(request: list[str], name: tuple[str, ...]) -> list[str] | None:
    """ "open alarms and set one for six": "one" stands for what the skill is named after, said
    once ("set an alarm for six", "start a timer ..."); None when the request has no such
    "one" or the name is not one word. A number ("set one for 1 minute") is the same word: the reading
    is only offered, and taken when the named skill reads it firmly."""
    words = [w for w in name if w not in ("the", *_KIND)]
    if len(words) != 1 or len(words[0]) < 4:
        return None
    noun = words[0][:-1] if words[0].endswith("s") else words[0]
    if "one" not in request[1:]:
        return None
    k = request.index("one", 1)
    if request[k - 1] in _BEFORE_ONE:
        return [*request[:k], noun, *request[k + 1 :]]
    article = "an" if noun[0] in "aeiou" else "a"
    return [*request[:k], article, noun, *request[k + 1 :]]


def _readings(
    request: list[str], join: str | None, name: tuple[str, ...] = ()
) -> tuple[tuple[str, ...], ...]:
    """The request as said, as the question it asks said directly, and with "one" read as the
    thing the skill is named after."""
    found: list[tuple[str, ...]] = []
    named = _one_as_named(request, name)
    if named is not None:
        found.append(tuple(named))
    if join in ("if", "whether") or join in _ASKING:
        # "if it will rain tomorrow" is "will it rain tomorrow"; "which day ... falls on" is
        # tried as said too ("which day ..."), since not every question inverts cleanly.
        asked = [*([join] if join else []), *request]
        direct = join not in ("if", "whether") and not _AUXILIARIES.isdisjoint(asked[1:3])
        if direct:
            # Asked directly already ("what do i have tomorrow", "which is the fourth planet"):
            # as said first, since turned round again it would be no question.
            found.append(tuple(asked))
        found += [tuple(q) for q in questions(asked) if q]
        if join not in ("if", "whether"):
            found.append(tuple(asked))
    elif join == "about":
        found.append(("tell", "me", "about", *request))
        found.append(tuple(request))
    else:
        found.append(tuple(request))
    return tuple(dict.fromkeys(r for r in found if r))


def _leading(
    words: list[str], forms: list[tuple[tuple[str, ...], str]], breaks: Sequence[int]
) -> list[Invocation]:
    """ "tell calendar to ...", "open alarms and ...", "ask weather if ...", "have music play
    ..." (the verb first, after politeness words); "open calendar, add ..." (a typed break
    joins the request)."""
    start = 0
    for before in _BEFORE:
        if tuple(words[: len(before)]) == before:
            start = len(before)
            break
    found: list[Invocation] = []
    for verb, kind in _VERBS.items():
        if tuple(words[start : start + len(verb)]) != verb:
            continue
        named = _name_at(words, start + len(verb), forms)
        if named is None:
            continue
        skill, end = named
        rest = words[end:]
        if not rest:
            continue  # "open alarms": Launch
        first = rest[0]
        join: str | None = None
        if first in _JOINS:
            request, join = rest[1:], None
        elif first in _ASKING:
            request, join = rest[1:], first
        elif first == "about" and kind in ("ask", "tell"):
            request, join = rest[1:], "about"
        elif first == "for" and kind in ("ask", "get"):
            request, join = rest[1:], None
        elif first in _AUXILIARIES and kind == "ask":
            request = rest  # "ask weather is it going to rain"
        elif kind == "have" or end in breaks:
            # "have music play some jazz", "let alarms wake me at six", "open calendar, add
            # lunch on friday".
            request = rest
        else:
            continue
        if request:
            name = tuple(words[start + len(verb) : end])
            readings = _readings(request, join, name)
            found.append(Invocation(skill, name, tuple(request), readings))
    return found


def _named_first(
    words: list[str], forms: list[tuple[tuple[str, ...], str]], breaks: Sequence[int]
) -> list[Invocation]:
    """ "calendar: add lunch with tom on friday", "weather, will it rain": the skill addressed
    by name as a typed clause of its own, the request after it."""
    named = _name_at(words, 0, forms)
    if named is None or named[1] not in breaks or named[1] >= len(words):
        return []
    skill, end = named
    request = words[end:]
    return [Invocation(skill, tuple(words[:end]), tuple(request), (tuple(request),))]


def _trailing(words: list[str], forms: list[tuple[tuple[str, ...], str]]) -> list[Invocation]:
    """ "play some jazz using music", "add milk in the lists app": the name said last."""
    found: list[Invocation] = []
    for k in range(1, len(words) - 1):
        word = words[k]
        if word not in _TRAILING and word not in _TRAILING_NAMED:
            continue
        named = _name_at(words, k + 1, forms)
        if named is None or named[1] != len(words):
            continue
        if word in _TRAILING_NAMED and words[-1] not in _KIND:
            continue
        request = words[:k]
        found.append(Invocation(named[0], tuple(words[k + 1 :]), tuple(request), (tuple(request),)))
    return found


# Chinese: "让闹钟明天七点叫醒我", "叫天气告诉我会不会下雨", "用清单把牛奶加上" (one token a character).
_VERBS_ZH: Final = (("让",), ("叫",), ("请",), ("用",), ("打", "开"))
_KIND_ZH: Final = ("技", "能")
# Words that join the request to the name: "让闹钟帮我 ...", "打开闹钟然后 ...".
_JOINS_ZH: Final = (("然", "后"), ("帮", "我"), ("给", "我"), ("来",), ("去",), ("再",))


def _leading_zh(words: list[str], forms: list[tuple[tuple[str, ...], str]]) -> list[Invocation]:
    """ "让闹钟明天七点叫醒我": a verb that calls on the skill, its Chinese name, the request."""
    for verb in _VERBS_ZH:
        if tuple(words[: len(verb)]) != verb:
            continue
        start = len(verb)
        for form, skill in forms:
            end = start + len(form)
            if tuple(words[start:end]) != form:
                continue
            if tuple(words[end : end + 2]) == _KIND_ZH:
                end += 2
            join = next((j for j in _JOINS_ZH if tuple(words[end : end + len(j)]) == j), ())
            request = words[end:]
            readings = [tuple(request)]
            if join and len(request) > len(join):
                readings.insert(0, tuple(request[len(join) :]))
            if request:
                return [Invocation(skill, tuple(words[start:end]), tuple(request), tuple(readings))]
    return []


def invocations(
    tokens: Sequence[str], names: Mapping[str, Sequence[str]], breaks: Sequence[int] = ()
) -> list[Invocation]:
    """The ways ``tokens`` (normalised words) invoke a skill by name with a request, first the
    name said first; ``names`` maps each skill to its spoken names (the slot environment's
    ``skill`` list) and ``breaks`` are the typed clause breaks (`normalize.clause_breaks`).
    [] when no skill is named where an invocation names one, or nothing is asked of it.
    """
    words = list(tokens)
    if len(words) < 3:
        return []
    if not words[0].isascii():
        return _leading_zh(words, _names(names, chinese=True))
    forms = _names(names)
    if not forms:
        return []
    return [
        *_leading(words, forms, breaks),
        *_named_first(words, forms, breaks),
        *_trailing(words, forms),
    ]


# Words that open a wake word or an address: "hey box, ...", "ok speaker, ...".
_OPENERS: Final = frozenset({"hey", "hi", "hello", "ok", "okay", "yo", "oi"})


def address_end(tokens: Sequence[str], breaks: Sequence[int] = ()) -> int:
    """How many words at the start of ``tokens`` address the speaker before the request: its
    name ("computer", "ok speaker") or a made-up wake word typed as a clause of its own ("hey
    box, ...", "ok jarvis, ..."; ``breaks`` are the typed clause breaks); 0 when none do. Not
    the people in the room ("hey mum, ...": `framing.AUDIENCE`), and never every word."""
    words = list(tokens)
    k = 1 if words[:1] and words[0] in _OPENERS else 0
    if words[k : k + 1] and words[k] in ADDRESS and k + 1 < len(words):
        return k + 1
    if k and breaks:
        end = min(breaks)
        named = words[k:end]
        if 0 < len(named) <= 2 and end < len(words) and not AUDIENCE.intersection(named):
            return end
    return 0


def greeting(tokens: Sequence[str]) -> list[str] | None:
    """A greeting said to the speaker by name ("hi computer", "hello there speaker", "good
    morning assistant") as the greeting alone; None for anything else."""
    words = list(tokens)
    if len(words) < 2 or words[-1] not in ADDRESS:
        return None
    said = words[:-1]
    if not any(w in _GREETINGS for w in said):
        return None
    if not all(w in _GREETINGS or w in _GREETING_FILL for w in said):
        return None
    return said
