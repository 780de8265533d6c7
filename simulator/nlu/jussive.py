"""A request said as "let" with a thing and what it should do: read as the command.

Theatrical and formal speech asks with "let" and a third person ("let the music stop", "let
the hall light be switched off", "let all my timers be cancelled", "let the fan spin at full
speed", "let this song repeat"). Templates say the command ("stop the music", "switch off the
hall light", "cancel all my timers", "set the fan to full speed", "repeat this song"), so
:func:`jussive_readings` reads the sentence by its shape into the commands it amounts to:

* "let NP be X" (the thing and the state it should be in) as the wish "i want NP X", which the
  wishes' readings make a command of (`wishes.wish_readings`: "i want the timers cancelled" ->
  "cancel the timers"); "let NP be known as / called / named X" as "rename NP to X";
* "let NP V ..." where V is a verb some template starts with ("let this song repeat", "let the
  den speaker play on") as "V NP ...";
* "let NP V at/to VALUE" (a level: "let the fan whirl at full speed") as "set NP to VALUE"
  and the wish "i want NP at VALUE";
* "let NP fall silent / die / end / stop / be silent" as "stop NP", "turn off NP".

NP starts with a determiner or a possessive ("the", "my", "all", "every", "this"): "let me"
and "let us" are the speaker's own frames, read elsewhere. Each reading is only a reading:
the router keeps one a template reads firmly.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Final, NamedTuple

__all__ = ["Jussive", "finding_frame", "gone_readings", "jussive_readings", "suggestion_readings"]

_THING_STARTS: Final = frozenset(
    {"the", "my", "our", "your", "all", "every", "each", "this", "that", "these", "those"}
)
_LEVEL: Final = frozenset({"at", "to"})
_NAMING: Final = (("known", "as"), ("called",), ("named",), ("renamed",), ("renamed", "to"))
# Predicates that end what the thing does: "let the music die", "let every timer fall silent".
_ENDINGS: Final = frozenset(
    {
        ("die",),
        ("end",),
        ("stop",),
        ("cease",),
        ("rest",),
        ("sleep",),
        ("fall", "silent"),
        ("fall", "quiet"),
        ("go", "quiet"),
        ("go", "silent"),
        ("be", "silent"),
        ("be", "quiet"),
        ("be", "still"),
        ("be", "no", "more"),
        ("be", "gone"),
    }
)
# Predicates that take up what the thing did before: "let the speaker sing once more".
_AGAIN: Final = frozenset({("once", "more"), ("again",), ("on",)})
_SOUNDING: Final = frozenset({"sing", "play", "sound", "speak", "resume", "continue"})
# Adverbs of manner at the end that colour the predicate ("loop eternally", "rest now").
_COLOURING: Final = frozenset(
    {"now", "eternally", "forever", "evermore", "henceforth", "at", "once", "immediately"}
)
_MAX_THING: Final = 8


class Jussive(NamedTuple):
    """A command read from a "let" request: its words, how it was read, and whether the words
    are a wish ("i want ...") for the wishes' readings rather than a command."""

    words: list[str]
    how: str
    wish: bool


def _trimmed(words: Sequence[str]) -> list[str]:
    out = list(words)
    while out and out[-1] in _COLOURING:
        out.pop()
    return out


def jussive_readings(words: Sequence[str], starts: frozenset[str]) -> list[Jussive]:
    """The commands a "let NP ..." request amounts to, most direct first; [] when ``words``
    is no such request. ``starts`` are the words templates start with."""
    if len(words) < 3 or words[0] != "let" or words[1] not in _THING_STARTS:
        return []
    out: list[Jussive] = []
    for k in range(2, min(len(words), 2 + _MAX_THING)):
        thing = list(words[1:k])
        rest = list(words[k:])
        if not rest:
            break
        said = f'read "let {" ".join(thing)} {rest[0]} ..." as '
        ending = tuple(_trimmed(rest))
        if ending in _ENDINGS:
            out.append(Jussive(["stop", *thing], said + "a command to stop it", False))
            out.append(Jussive(["turn", "off", *thing], said + "a command to turn it off", False))
            continue
        if rest[0] in _SOUNDING and tuple(rest[1:]) in _AGAIN:
            out.append(Jussive(["resume", *thing], said + "a command to resume it", False))
            continue
        if rest[0] == "be" and len(rest) > 1:
            state = rest[1:]
            for naming in _NAMING:
                n = len(naming)
                if tuple(state[:n]) == naming and len(state) > n:
                    name = _trimmed(state[n:])
                    out.append(Jussive(["rename", *thing, "to", *name], said + "renaming", False))
            out.append(Jussive(["i", "want", *thing, *state], said + "a state wanted", True))
            continue
        if rest[0] in starts:
            out.append(Jussive([rest[0], *thing, *rest[1:]], said + "a command", False))
        if len(rest) > 2 and rest[1] in _LEVEL:
            value = rest[2:]
            out.append(Jussive(["set", *thing, "to", *value], said + "a setting", False))
            out.append(Jussive(["i", "want", *thing, "at", *value], said + "a state wanted", True))
    return out


# Where a thing is sent to be gone: "cast the list into oblivion", "consign it to the void".
_GONE_TO: Final = frozenset(
    {"oblivion", "void", "abyss", "ether", "wind", "winds", "flames", "fire", "bin", "trash"}
    | {"rubbish", "garbage", "dustbin", "nothingness", "existence", "history"}
)
_SENDING: Final = frozenset({"into", "to", "from", "unto", "in"})
_REMOVERS: Final = (("delete",), ("remove",), ("cancel",), ("clear",))
_WIPERS: Final = frozenset({"wipe", "sweep", "scrub", "swab", "scour"})


def gone_readings(words: Sequence[str]) -> list[Jussive]:
    """A thing sent to be gone ("cast the birthday list into oblivion", "let my reminders be
    cast into the void", "strike the alarm from existence") or wiped clean ("wipe my list
    clean", "sweep clean my calendar"), read as the removing commands on it ("delete the
    birthday list", "clear my list"); [] when ``words`` says no such thing."""
    out: list[Jussive] = []
    for i in range(2, len(words) - 1):
        if words[i] not in _SENDING:
            continue
        rest = [w for w in words[i + 1 :] if w not in ("the", "a", "sweet", "endless", "great")]
        if not rest or rest[0] not in _GONE_TO:
            continue
        thing = list(words[1:i])
        if words[0] == "let" and len(thing) > 2 and thing[-2] == "be":
            thing = thing[:-2]  # "let my reminders be cast | into the void"
        if thing:
            how = f'read "{" ".join(words[i:])}" as the thing gone'
            out.extend(Jussive([*verb, *thing], how, False) for verb in _REMOVERS)
        return out
    if words and words[0] in _WIPERS and "clean" in words[1:]:
        at = words.index("clean", 1)
        thing = [*words[1:at], *words[at + 1 :]] if at == 1 else list(words[1:at])
        if thing:
            how = f'read "{words[0]} ... clean" as clearing'
            out.extend(Jussive([*verb, *thing], how, False) for verb in (("clear",), ("wipe",)))
    return out


# --- suggestions in the first person plural: "let's ..." ----------------------------------------

# Words said before a suggestion: "ok let's ...", "right, let's ...".
_BEFORE_SUGGESTION: Final = frozenset({"ok", "okay", "right", "so", "well", "now", "alright"})
# Suggesting to find something out: what follows is the question ("let's see how big mars is").
_FINDING: Final = (
    ("find", "out"),
    ("work", "out"),
    ("figure", "out"),
    ("look", "up"),
    ("check",),
    ("see",),
    ("ask",),
)
_QUESTION_STARTS: Final = frozenset(
    {"what", "which", "who", "when", "where", "how", "why", "if", "whether"}
)


def finding_frame(words: Sequence[str]) -> int:
    """How many of the first ``words`` (after "let us") suggest finding something out before
    the question itself ("see | how big mars is", "find out | whether it rains"); 0 when they
    do not, or when no question follows ("check | the pasta timer")."""
    for finding in _FINDING:
        n = len(finding)
        if tuple(words[:n]) == finding and words[n : n + 1] and words[n] in _QUESTION_STARTS:
            return n
    return 0


def suggestion_readings(words: Sequence[str]) -> list[Jussive]:
    """The requests a suggestion in the first person plural amounts to, most direct first; []
    when ``words`` (normalised: "let's" is "let us") make no such suggestion.

    * "let us find out / see / check / work out WH-or-if ..." as the question asked: the wish
      "i want to know ..." (the wishes' readings ask it directly);
    * "let us get NP going / on / started" as the state brought about ("get NP going": the
      wishes' readings make a command of it: "start the robot vacuum");
    * "let us do X" as X itself ("let's do movie time": "movie time").

    "let us play ..." proposes a game (`fillers.strip_fillers` keeps it), and other verbs after
    "let us" are the command as said, which the fillers' pass reads already.
    """
    start = 0
    while start < len(words) and words[start] in _BEFORE_SUGGESTION:
        start += 1
    if tuple(words[start : start + 2]) != ("let", "us") or len(words) < start + 4:
        return []
    rest = list(words[start + 2 :])
    n = finding_frame(rest)
    if n:
        said = f'read "let us {" ".join(rest[:n])} ..." as the question'
        return [Jussive(["i", "want", "to", "know", *rest[n:]], said, True)]
    if rest[0] == "get":
        return [Jussive(rest, 'read "let us get ..." as the state brought about', True)]
    if rest[0] == "do":
        return [Jussive(rest[1:], 'read "let us do ..." as what is to be done', False)]
    return []
