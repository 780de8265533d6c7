"""Qualifiers and report frames: the over-specified voice read as the plain request.

A careful speaker says more than a request needs: "please tell me the current time, in hours
and minutes", "cancel every single running timer", "stop the music entirely, not just pause
it", "please confirm whether the bedroom lamp is currently switched on or off", "delete the
list named books to read". The extra words are of a few kinds, each a closed class or a shape:

* adverbs of exactness and degree ("exactly", "precisely", "currently", "entirely") and
  adjectives of the same ("the exact time", "the very next alarm", "every single timer"), and
  the words that say a thing exists, which every thing asked about does ("every running
  timer", "the alarm currently set", "the paused vacuum");
* clarifying phrases at the end: set off by a typed mark and opening with a word that only
  qualifies (", not repeating", ", including the repeating ones"), a setting kept (", at the
  current volume") or a whole span (", from morning to evening"), or one of a few closed
  shapes, typed marks or not (a unit restated, "in degrees celsius", "out of one hundred";
  an order, "soonest first", "in order"; from now on, "for all future answers", "starting
  now"; a place to go on from, "where it stopped"). A place (", in the hall") is no
  qualifier;
* a contrast with a neighbouring request ("not just pause it", "not only its contents"): it
  chooses between neighbours by naming the one NOT meant, so it is cut with all after it;
* a report frame around what is asked ("tell me", "state", "confirm whether", "describe",
  "name", "calculate"): a question inside is the question ("confirm whether the lamp is on" ->
  "is the lamp on"), a thing inside is asked about ("tell me the time" -> "what is the time",
  "the number of items on my list" -> "how many items are on my list", "name every skill
  that is loaded" -> "which skills are loaded"), "everything you are capable of doing" is
  "what you can do";
* a slot value named by a naming noun ("the list named holiday packing" -> "the holiday
  packing list", "the event titled piano lesson" -> "the event called piano lesson", "the
  item toothpaste" -> "toothpaste"), and the parts of a whole said for the whole ("every item
  on my camping list" -> "my camping list").

:func:`plain_readings` offers the readings, plainest first; like the fillers, none decides on
its own: the router keeps one only when a template reads it firmly. A qualifier that IS the
request keeps its value ("set it to exactly 21" read without "exactly" is "set it to 21").
All of this is English grammar, not any skill's vocabulary, so it serves user skills too.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import Final

from simulator.nlu.closed_class import UNIVERSAL_QUANTIFIERS
from simulator.nlu.fillers import COURTESIES, strip_fillers
from simulator.nlu.numbers import parse_number_words

__all__ = ["Plain", "plain_readings", "trimmed"]

# Adverbs of exactness and degree: they colour a request without changing it.
_ADVERBS: Final = frozenset(
    {
        "exactly",
        "precisely",
        "currently",
        "presently",
        "entirely",
        "completely",
        "totally",
        "specifically",
        "accurately",
        "altogether",
        "previously",
    }
)
# Adjectives of exactness before a noun ("the exact time", "the precise number").
_ADJECTIVES: Final = frozenset({"exact", "precise", "current", "present", "total"})
# "very" of an order word ("the very next alarm", "the very last song").
_VERY_OF: Final = frozenset(
    {"next", "last", "first", "previous", "latest", "soonest", "earliest", "same"}
)
# Quantifiers that "single" emphasises ("every single timer", "a single alarm").
_SINGLED: Final = frozenset({"every", "each", "a", "one", "any"})
# Words that say a thing exists or is in use, which every thing asked about is: before a
# noun after a determiner ("every running timer", "the paused vacuum") or after the noun
# ("every alarm currently set", "every skill that is loaded").
_EXISTING: Final = frozenset(
    {
        "running",
        "active",
        "set",
        "scheduled",
        "pending",
        "remaining",
        "existing",
        "saved",
        "stored",
        "loaded",
        "installed",
        "available",
        "upcoming",
        "paused",
        "playing",
        "going",
        "on",
    }
)
_DETERMINERS: Final = frozenset(
    {"the", "my", "our", "your", "every", "each", "all", "any", "a", "an", "this", "that"}
)
# Opening words of a clause set off by a typed mark that only ever qualify what came before.
_ALWAYS_QUALIFY: Final = frozenset({"including", "excluding", "not"})
# The ends of a span that is the whole of a thing ("from morning to evening").
_SPAN_ENDS: Final = frozenset(
    {"morning", "afternoon", "evening", "night", "start", "finish", "beginning", "end", "top"}
    | {"bottom", "first", "last", "dawn", "dusk"}
)
# Measures a superlative is said by ("the biggest by diameter").
_MEASURES: Final = frozenset(
    {"diameter", "size", "mass", "distance", "weight", "area", "radius", "volume", "length"}
)
# A setting kept as it is ("at the current volume", "at the usual brightness").
_KEPT_SETTINGS: Final = frozenset({"current", "same", "usual", "present", "normal", "existing"})
# Units a value is said in ("in degrees celsius", "in hours and minutes", "in percent").
_UNITS: Final = frozenset(
    {
        "degrees",
        "degree",
        "celsius",
        "centigrade",
        "fahrenheit",
        "hours",
        "minutes",
        "seconds",
        "percent",
        "per",
        "cent",
        "kilometres",
        "kilometers",
        "miles",
        "metres",
        "meters",
        "numbers",
        "digits",
        "words",
        "figures",
        "full",
        "total",
        "detail",
        "and",
    }
)
# Superlatives of order ("soonest first", "latest first").
_ORDERS: Final = frozenset(
    {"soonest", "earliest", "latest", "newest", "oldest", "first", "last", "nearest", "next"}
)
# Words of a contrast with a neighbouring request: "not just pause it".
_CONTRASTS: Final = (
    ("not", "just"),
    ("not", "only"),
    ("not", "merely"),
    ("not", "simply"),
    ("rather", "than", "just"),
    ("as", "opposed", "to"),
)
# A report frame: the request is what it frames. Longest first.
_REPORT_FRAMES: Final = tuple(
    sorted(
        (
            tuple(f.split())
            for f in (
                "tell me",
                "tell us",
                "let me know",
                "inform me",
                "state",
                "confirm",
                "confirm to me",
                "verify",
                "check",
                "describe",
                "describe to me",
                "name",
                "specify",
                "indicate",
                "identify",
                "calculate",
                "compute",
                "work out",
                "figure out",
                "determine",
                "give me",
                "provide",
                "report",
                "explain",
                "say",
                "read out",
                "read me",
                "list",
            )
        ),
        key=len,
        reverse=True,
    )
)
# Frames that read out what they frame rather than ask about it: their object is no question.
_READING: Final = frozenset({("list",), ("read", "out"), ("read", "me")})
_WH: Final = frozenset({"what", "which", "how", "when", "where", "who", "whose", "why"})
_PREPOSITIONS: Final = frozenset({"at", "in", "on", "by", "for", "from", "to", "of"})
# A part of a whole said for the whole ("every item on my list" is my list).
_PARTS: Final = frozenset(
    {"item", "items", "entry", "entries", "thing", "things", "event", "events", "appointment"}
)
_NAMING: Final = frozenset({"named", "called", "titled", "entitled", "labelled", "labeled"})
# Where a name said after a naming noun ends: a preposition of place or time.
_NAME_ENDS: Final = frozenset(
    {"on", "at", "for", "from", "in", "with", "by", "until", "till", "off", "and", "so"}
)
# Words after "the item" that are no name ("the item on my list", "the item that ...").
_NOT_A_NAME: Final = _DETERMINERS | _PREPOSITIONS | _NAMING | {"is", "are", "that", "which"}
# Verbs of being found on a list or in a place, read as "is".
_PRESENCE: Final = frozenset({"appears", "features", "exists", "figures", "shows"})
# Generic names of a setting ("the level of the fan"): the thing is what is set.
_ATTRIBUTES: Final = frozenset({"level", "setting", "value"})
# The kinds of a name ("my first name") said for the name.
_NAME_KINDS: Final = frozenset({"first", "given", "full", "christian"})
# Noun phrases that stand for a question's "what" ("everything you can do").
_EVERYTHING: Final = frozenset({"everything", "all"})
_SUBJECTS: Final = frozenset({"you", "i", "it", "we", "they", "there"})


@dataclass(frozen=True)
class Plain:
    """One plain reading: the words, and what was done to them (for the explanation)."""

    words: list[str]
    how: str
    own: bool = True
    """Whether the words are the speaker's own, set aside or reordered at most (not a
    question made of a thing: "what is ..."), so a free-text reading of them is judged as
    one of the sentence as said would be."""
    value: list[str] | None = None
    """The value the speaker gave outright ("..., which is margaret"), if any: a free-text
    slot that holds exactly it is the speaker's own words, not a guess."""


def _plural(noun: str) -> str:
    if noun.endswith("s"):
        return noun
    if noun.endswith("y") and noun[-2:-1] not in ("a", "e", "o", "u"):
        return noun[:-1] + "ies"
    if noun.endswith(("x", "ch", "sh")):
        return noun + "es"
    return noun + "s"


def _tail_clause(words: list[str]) -> bool:
    """Whether a clause said after a typed mark at the end clarifies rather than asks: it
    opens with a word that only ever qualifies ("including", "not", "starting"), or it is one
    of the closed shapes of `_trailing_phrase`, a setting kept ("at the current volume") or a
    span ("from morning to evening"). A place ("in the hall") or a second thing ("and
    bread") is no qualifier."""
    if not words or len(words) > 8:
        return False
    first = words[0]
    if first in _ALWAYS_QUALIFY:
        return True
    if first == "and" and len(words) > 1 and words[1] in ("not", "including"):
        return True
    if _trailing_phrase(words, whole=True) == 0:
        return True
    if first == "at" and len(words) >= 3 and words[1] in ("the", "its", "my"):
        return words[2] in _KEPT_SETTINGS
    if first == "from" and len(words) <= 5:
        # "from morning to evening", "from start to finish": the whole of it, not days.
        return words[1] in _SPAN_ENDS and words[-1] in _SPAN_ENDS
    return first == "in" and words[1:2] == ["order"]


def _trailing_phrase(words: list[str], *, whole: bool = False) -> int | None:
    """Where a clarifying phrase of a closed shape at the end starts, typed marks or not;
    None when there is none. With ``whole``, only one that is all of ``words``."""
    n = len(words)
    for i in [0] if whole else range(max(1, n - 6), n):
        tail = words[i:]
        first = tail[0]
        # "in degrees celsius", "in hours and minutes", "in full"; not "in the order".
        if (
            first == "in"
            and len(tail) >= 2
            and all(w in _UNITS for w in tail[1:])
            and "and" not in (tail[1], tail[-1])
        ):
            return i
        if tail == ["in", "order"]:
            return i
        if first == "out" and tail[1:2] == ["of"] and parse_number_words(tail[2:]) is not None:
            # "to 7 out of 10": the scale the value is said on.
            return i
        if tail in (["starting", "now"], ["starting", "today"], ["starting", "immediately"]):
            return i
        if first == "for" and "future" in tail[1:3]:
            return i
        if tail in (["going", "forward"], ["from", "here", "on"]):
            return i
        if (
            first == "where"
            and len(tail) in (3, 4)
            and tail[1] in ("it", "they", "we", "you")
            and tail[2] in ("stopped", "left", "paused", "was", "were")
        ):
            return i
        if len(tail) == 2 and tail[0] in _ORDERS and tail[1] == "first":
            return i
        if tail in (["not", "more"], ["no", "more"], ["not", "less"], ["no", "less"]):
            return i
        if tail in (["not", "repeating"], ["no", "repeat"], ["just", "once"], ["only", "once"]):
            return i
        # "with the time left on each": what to say of every one, a list's completeness.
        if (
            len(tail) >= 3
            and first == "with"
            and (tail[-1] == "each" or tail[-2] in UNIVERSAL_QUANTIFIERS)
        ):
            return i
        if first == "by" and len(tail) == 2 and tail[1] in _MEASURES:
            # "the smallest by diameter": the measure a superlative is said by.
            return i
        if tail[:3] == ["in", "order", "of"] and len(tail) <= 5:
            return i
    return None


def trimmed(tokens: Sequence[str], breaks: Sequence[int] = ()) -> tuple[list[str], list[str]]:
    """``tokens`` without their qualifiers (adverbs and adjectives of exactness, the words
    that say a thing exists, clarifying phrases at the end, a contrast with a neighbouring
    request), and the words set aside, in order."""
    # Courtesies first (`fillers.COURTESIES`): ", in hours please" is a unit said politely.
    # A typed mark stays where it was among the words left.
    words = [w for w in tokens if w not in COURTESIES]
    breaks = [b - sum(1 for w in tokens[:b] if w in COURTESIES) for b in breaks]
    aside: list[str] = []
    # Typed clauses at the end that clarify, last first: ", in order, including the ...".
    cuts = sorted(b for b in breaks if 0 < b < len(words))
    while cuts:
        start = cuts.pop()
        tail = words[start:]
        if not _tail_clause(tail):
            break
        aside[:0] = tail
        words = words[:start]
    # A contrast, and all after it: "stop the music entirely not just pause it".
    for i in range(1, len(words)):
        if any(tuple(words[i : i + len(c)]) == c for c in _CONTRASTS):
            cut = i - 1 if words[i - 1] == "and" and i > 1 else i
            aside[:0] = words[cut:]
            words = words[:cut]
            break
    while True:
        at = _trailing_phrase(words)
        if at is None or at < 2:
            break
        aside[:0] = words[at:]
        words = words[:at]
    kept: list[str] = []
    n = len(words)
    i = 0
    while i < n:
        w = words[i]
        before = kept[-1] if kept else ""
        after = words[i + 1] if i + 1 < n else ""
        drop = False
        if w in _ADVERBS and n > 2:
            drop = True
        elif w in _ADJECTIVES and before in _DETERMINERS | {"what", "the"} and after:
            drop = after not in ("of",) or w == "total"
        elif (
            (w == "very" and after in _VERY_OF)
            or (w == "single" and before in _SINGLED and after)
            or (w in _NAME_KINDS and after == "name" and before in ("my", "your", "the"))
        ):
            drop = True
        elif (
            w in _ATTRIBUTES
            and before == "the"
            and after == "of"
            and i + 2 < n
            and words[i + 2] in _DETERMINERS
        ):
            # "set the level of the fan to 3": a setting's generic name, the thing set.
            kept.pop()
            aside += ["the", w, "of"]
            i += 2
            continue
        elif w in _EXISTING and before in _DETERMINERS - {"a", "an"} and after:
            # "every running timer", "the paused vacuum": not "the set menu" of a value, and
            # not the last word ("is the timer running").
            drop = after not in _PREPOSITIONS and after not in _DETERMINERS and w != "on"
        elif (
            w == "from"
            and after in ("now", "today")
            and i + 2 < n
            and words[i + 2] in ("until", "till", "to", "before")
        ):
            # "days from today until ...": counting from now is what a count does.
            aside += [w, after]
            i += 2
            continue
        if drop:
            aside.append(w)
        else:
            kept.append(w)
        i += 1
    # "a single alarm" -> "a alarm" -> "an alarm".
    for j in range(len(kept) - 1):
        if kept[j] == "a" and kept[j + 1][:1] in "aeiou" and "single" in aside:
            kept[j] = "an"
    if not kept:
        return list(tokens), []
    return kept, aside


def _post_existing(words: list[str], start: int) -> int:
    """How many words after a noun at ``start`` only say it exists ("currently set", "that
    is loaded", "i have", "running right now"); 0 when none."""
    j = start
    if j < len(words) and words[j] in ("that", "which"):
        j += 1
    if j < len(words) and words[j] in ("is", "are"):
        j += 1
    if j < len(words) and words[j] in _EXISTING and words[j] != "on":
        j += 1
        if words[j : j + 2] == ["right", "now"]:
            j += 2
        return j - start
    if words[j : j + 2] in (["i", "have"], ["you", "have"], ["i", "own"]):
        j += 2
        if j < len(words) and words[j] == "got":
            j += 1
        return j - start
    return 0


def _everything(words: list[str]) -> list[str] | None:
    """ "every alarm currently set" -> "all alarms", the rest kept; None when ``words`` do
    not start with every/each/all and a noun."""
    if len(words) < 2 or words[0] not in ("every", "each", "all"):
        return None
    rest = words[1:]
    if rest[:2] == ["of", "the"] or rest[:2] == ["of", "my"]:
        rest = rest[2:]
    elif rest and rest[0] in ("the", "my", "your"):
        rest = rest[1:]
    if not rest or rest[0] in _PREPOSITIONS or rest[0] in _SUBJECTS:
        return None
    noun = _plural(rest[0]) if words[0] != "all" else rest[0]
    skip = _post_existing(rest, 1)
    return ["all", noun, *rest[1 + skip :]]


def _whole(words: list[str]) -> list[str] | None:
    """ "every item on my camping list" -> "my camping list": the parts said for the whole."""
    j = 0
    if j < len(words) and words[j] in ("every", "each", "all"):
        j += 1
        if words[j : j + 1] in (["of"],):
            j += 1
        if j < len(words) and words[j] in ("the", "my"):
            j += 1
    elif j < len(words) and words[j] in ("the",):
        j += 1
        if words[j : j + 1] not in (["items"], ["entries"], ["things"], ["events"]):
            return None
    else:
        return None
    if j >= len(words) or words[j] not in _PARTS:
        return None
    j += 1
    if j < len(words) and words[j] in ("on", "in", "of", "from"):
        rest = words[j + 1 :]
        return rest if len(rest) >= 2 else None
    return None


def _named(words: list[str]) -> list[Plain]:
    """A slot value named by a naming noun: "the list named holiday packing on ..." as "the
    holiday packing list on ..." and "the list called holiday packing"; "the item milk" as
    "milk"."""
    found: list[Plain] = []
    for i, w in enumerate(words):
        if w in _NAMING and i >= 1 and i + 1 < len(words) and words[i - 1] not in _DETERMINERS:
            end = next((k for k in range(i + 2, len(words)) if words[k] in _NAME_ENDS), len(words))
            name = words[i + 1 : end]
            noun = words[i - 1]
            det = i - 2
            while det >= 0 and words[det] not in _DETERMINERS:
                det -= 1
            if det < 0 or i - det > 3:
                continue
            head = words[:det]
            owner = words[det] if words[det] not in ("every", "each", "all", "a", "an") else "the"
            tail = words[end:]
            found.append(Plain([*head, owner, *name, noun, *tail], f'read "{w}" as naming'))
            if w != "called":
                called = [*words[:i], "called", *words[i + 1 :]]
                found.append(Plain(called, f'read "{w}" as "called"'))
            found.append(Plain([*head, *name, *tail], f'read "{w}" as naming'))
            break
    for i in range(len(words) - 2):
        if words[i] == "the" and words[i + 1] in ("item", "entry", "word") and i + 2 < len(words):
            nxt = words[i + 2]
            if nxt not in _NOT_A_NAME and nxt not in _PRESENCE:
                out = [*words[:i], *words[i + 2 :]]
                found.append(Plain(out, f'read "the {words[i + 1]}" as naming'))
                break
    return found


def _present(words: list[str]) -> list[str]:
    """Verbs of being found read as "is": "toothpaste appears on my list" -> "is on"."""
    out: list[str] = []
    i = 0
    while i < len(words):
        w = words[i]
        if w in _PRESENCE and i + 1 < len(words):
            nxt = words[i + 1]
            if w == "shows" and nxt == "up":
                i += 1
                nxt = words[i + 1] if i + 1 < len(words) else ""
            if nxt in ("on", "in"):
                out.append("is")
                i += 1
                continue
        if w == "is" and words[i + 1 : i + 2] in (["listed"], ["included"], ["present"]):
            out.append("is")
            i += 2
            continue
        out.append(w)
        i += 1
    return out


def _capable(words: list[str]) -> list[str]:
    """ "you are capable of doing" / "you are able to do" -> "you can do"."""
    for i in range(len(words) - 2):
        if words[i] in ("am", "are", "is") and (
            words[i + 1 : i + 3] == ["capable", "of"] or words[i + 1 : i + 3] == ["able", "to"]
        ):
            rest = words[i + 3 :]
            if rest and rest[0].endswith("ing") and len(rest[0]) > 4:
                verb = rest[0][:-3]
                rest = [verb, *rest[1:]]
            return [*words[:i], "can", *rest]
    return words


def _question_frame(clause: list[str], *, asks: bool = True) -> list[list[str]]:
    """What a report frame's object asks: a question inside (said after "tell me", for the
    frames' own reading), the number of a thing, a thing by its description, a thing."""
    out: list[list[str]] = []
    if not clause:
        return out
    first = clause[0]
    if first in ("if", "whether"):
        inner = _present(clause)
        # "whether the lamp is on or off": the alternative adds nothing to the question.
        if inner[-2:] in (["or", "not"], ["or", "off"], ["or", "on"], ["or", "closed"]):
            inner = inner[:-2]
        if inner[-2:] in (["or", "open"], ["or", "unlocked"], ["or", "locked"]):
            inner = inner[:-2]
        out.append(["tell", "me", *inner])
        return out
    if first in _PREPOSITIONS and len(clause) > 2 and clause[1] in _WH:
        out.append(["tell", "me", *clause[1:]])
        out.append(clause[1:])
        return out
    if first in _WH:
        out.append(["tell", "me", *_capable(clause)])
        return out
    if first in _EVERYTHING and len(clause) > 2:
        rest = clause[1:]
        if rest[0] == "that":
            rest = rest[1:]
        if rest and rest[0] in _SUBJECTS:
            out.append(["tell", "me", "what", *_capable(rest)])
            return out
    if clause[:1] == ["the"] and clause[1:3] in (["name", "of"], ["title", "of"]):
        # "the title of the track playing" -> "what track is playing".
        rest = clause[3:]
        if len(rest) >= 3 and rest[0] in ("the", "this", "that"):
            out.append(["what", rest[1], "is", *rest[2:]])
    if clause[:3] == ["the", "number", "of"] and len(clause) > 4:
        noun, rest = clause[3], clause[4:]
        skip = _post_existing(rest, 0)
        rest = rest[skip:]
        out.append(["how", "many", noun, "are", *rest])
        out.append(["how", "many", noun, *rest])
        return out
    listed = _everything(clause)
    if listed is not None:
        noun, rest = listed[1], listed[2:]
        state = _post_state(clause)
        if state:
            out.append(["which", noun, "are", *state])
            out.append(["what", noun, "are", *state])
        out.append(["list", "all", noun, *rest])
        out.append(["what", "are", "all", "the", noun, *rest])
    whole = _whole(clause)
    if whole is not None:
        out.append(["read", *whole])
        out.append(["what", "is", "on", *whole])
    if first == "the" and len(clause) >= 4 and clause[2] in ("that", "which", "who"):
        # "the planet that is fifth from the sun" -> "which planet is fifth from the sun".
        out.append(["which", clause[1], *clause[3:]])
    if asks and (
        first in ("the", "my", "your") or (first.endswith("s") and first not in _SUBJECTS)
    ):
        out.append(["what", "is", *clause])
        if any(w.endswith("s") for w in clause[1:3]):
            out.append(["what", "are", *clause])
    return out


def _post_state(clause: list[str]) -> list[str]:
    """The state said after "every N" ("that is currently loaded", "running"): ["loaded"]."""
    rest = clause[1:]
    if rest and rest[0] in ("the", "my"):
        rest = rest[1:]
    j = 1
    if j < len(rest) and rest[j] in ("that", "which"):
        j += 1
    if j < len(rest) and rest[j] in ("is", "are"):
        j += 1
    if j < len(rest) and rest[j] in _EXISTING and rest[j] != "on" and j + 1 == len(rest):
        return [rest[j]]
    return []


def _noted(words: list[str]) -> tuple[list[str], list[str]] | None:
    """ "note my name, which is margaret" -> "my name is margaret", "remember that my name is
    jo" -> "my name is jo": the statement noted and the value it gives; None when not so
    said."""
    if not words or words[0] not in ("note", "remember", "record", "store", "save", "log"):
        return None
    rest = words[1:]
    if rest[:1] == ["that"]:
        rest = rest[1:]
    if rest[:1] not in (["my"], ["the"]):
        return None
    for i in range(1, len(rest) - 2):
        if rest[i : i + 2] in (["which", "is"], ["that", "is"], ["it", "is"]):
            return [*rest[:i], "is", *rest[i + 2 :]], rest[i + 2 :]
    if "is" in rest[1:-1]:
        at = rest.index("is", 1)
        return rest, rest[at + 1 :]
    return None


def plain_readings(tokens: Sequence[str], breaks: Sequence[int] = ()) -> list[Plain]:
    """The plain readings of ``tokens`` (an over-specified request), plainest first: the words
    without their qualifiers, then a report frame's object as the question it asks, a naming
    noun's value and the parts said for a whole read as the plain phrases. [] when there is
    nothing to read so."""
    words, aside = trimmed(tokens, breaks)
    words = strip_fillers(words)[0]
    bases: list[tuple[list[str], str]] = []
    if aside:
        bases.append((words, "set aside the qualifiers " + ", ".join(f'"{w}"' for w in aside)))
    else:
        bases.append((words, ""))
    found: list[Plain] = []
    seen: set[tuple[str, ...]] = {tuple(tokens)}

    def add(out: list[str], how: str) -> None:
        if out and tuple(out) not in seen:
            seen.add(tuple(out))
            # A question inside a frame is said after "tell me": the speaker's own words.
            found.append(Plain(out, how, own=out[:2] == ["tell", "me"]))

    for base, base_how in bases:
        if base_how and tuple(base) not in seen:
            seen.add(tuple(base))
            found.append(Plain(base, base_how))
        prefix = f"{base_how} and " if base_how else ""
        for plain in _named(base):
            if tuple(plain.words) not in seen:
                seen.add(tuple(plain.words))
                found.append(Plain(plain.words, prefix + plain.how))
            for more in _reshaped(plain.words):
                add(more, prefix + plain.how + " and read the frame's object")
        noted = _noted(base)
        if noted is not None and tuple(noted[0]) not in seen:
            seen.add(tuple(noted[0]))
            found.append(Plain(noted[0], prefix + "read the thing noted as said", value=noted[1]))
        for more in _reshaped(base):
            add(more, prefix + "read the frame's object as what is asked")
    return found


def _reshaped(words: list[str]) -> list[list[str]]:
    """A report frame's object as what it asks; "every X" and the parts of a whole as the
    plain phrase, after any verb."""
    out: list[list[str]] = []
    frame = next((f for f in _REPORT_FRAMES if tuple(words[: len(f)]) == f), None)
    if frame is not None:
        clause = words[len(frame) :]
        out += _question_frame(clause, asks=frame not in _READING)
    elif words:
        # A command on every X ("cancel every timer", "read out every item on my list").
        start = next((i for i, w in enumerate(words) if i and w in ("every", "each", "all")), 0)
        if start:
            listed = _everything(words[start:])
            if listed is not None:
                out.append([*words[:start], *listed])
            whole = _whole(words[start:])
            if whole is not None:
                out.append([*words[:start], *whole])
    return out
