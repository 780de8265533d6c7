"""Wishes and needs: a request said as what the speaker wants, read as the command it amounts to.

People often say what they want instead of asking for it: "i need the front door locked", "i'd
like the floor lamp at thirty percent", "i could do with some jazz", "i'd like to hear the
news", "please ensure the desk lamp is switched on", "i don't need the timer any more, cancel
it". Templates spell out commands ("lock {target}", "play {genre}", "tell me the news"), so
:func:`wish_readings` turns such a sentence into the commands it may amount to:

* a *state wanted* ("X locked", "X switched on", "X gone", "X dimmer", "X at 30 percent") is the
  verb that makes it so, said on X: "lock X", "switch X on", "cancel X", "dim X", "set X to 30
  percent";
* a *thing wanted* ("some jazz", "a large coffee") is what a giving verb provides: "play some
  jazz", "order a large coffee";
* something to *hear* or *know* ("the news", "what is on my list") is what a telling verb says:
  "tell me the news", "what is on my list";
* a thing *no longer needed* with a command on "it" ("i don't need the timer any more, cancel
  it") is the command on the thing: "cancel the timer".

The verbs come from the skills themselves (:class:`WishVerbs`): the words their templates start
with and the first words of the learned stage's samples, so a user skill's verbs ("water the
plants" -> "the plants watered") are read too. Each reading is only a candidate: the router
keeps it when a template reads it firmly.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from itertools import pairwise
from typing import Final

__all__ = ["WishVerbs", "wish_readings"]


def _phrases(*texts: str) -> tuple[tuple[str, ...], ...]:
    # Longest first, so "i would like to hear" is taken whole before "i would like".
    return tuple(sorted((tuple(t.split()) for t in texts), key=len, reverse=True))


# Words normalised already: "i'd" is "i would", "i'm" "i am", "let's" "let us".
# What the speaker wants: a state of a thing, or a thing.
_WANT: Final = _phrases(
    "i need",
    "i want",
    "i would like",
    "i would love",
    "i would prefer",
    "i would rather have",
    "i am after",
    "i could do with",
    "i could use",
    "i fancy",
    "i am in the mood for",
    "what i need is",
    "what i want is",
    "what i would like is",
    "all i need is",
    "i need to have",
    "i want to have",
    "i would like to have",
    "i would love to have",
    "i would like to get",
    "we need",
    "we want",
    "we would like",
)
# Asking that a state hold: "please ensure the lamp is switched on", "make sure that ...".
_ENSURE: Final = _phrases(
    "ensure",
    "ensure that",
    "make sure",
    "make sure that",
    "see to it that",
    "i need you to make sure",
    "i need you to make sure that",
    "could you make sure",
    "could you make sure that",
    "can you make sure",
    "can you make sure that",
    "would you make sure",
    "would you ensure",
    "could you ensure",
    "i would like you to ensure",
    "i would like you to make sure",
)
# Something to hear or to know: what follows is the request, said to a telling verb.
_HEAR: Final = _phrases(
    "i would like to hear",
    "i would love to hear",
    "i want to hear",
    "i need to hear",
    "i wanna hear",
    "let us hear",
    "let me hear",
    "can i hear",
    "could i hear",
    "may i hear",
    "i would like to know",
    "i would love to know",
    "i want to know",
    "i need to know",
    "i would like to find out",
    "i want to find out",
    "i need to find out",
    "i wonder",
    "i am wondering",
    "i was wondering",
)
# Words that may open the sentence before a frame: "ok", "um", "so".
_LEAD: Final = frozenset(
    {"um", "umm", "uh", "er", "erm", "hmm", "ok", "okay", "so", "well", "oh", "hey", "and", "now"}
)
# Softeners anywhere: "please", "kindly", "just".
_SOFT: Final = frozenset({"please", "kindly", "just", "really", "actually"})
# Words the thing wanted starts with: "some jazz", "a large coffee", "my saturday alarm".
_THING_STARTS: Final = frozenset({"a", "an", "some", "the", "my", "our", "more", "another"})
# Verbs of being between the thing and its state ("the lamp is switched on").
_BE: Final = frozenset({"is", "are", "be", "gets", "get", "stays", "stay", "was", "were"})
# A wanted state without a verb of its own: "the alarm gone", "the timers gone".
_GONE: Final = frozenset({"gone", "removed", "deleted", "cancelled", "canceled", "cleared", "away"})
_PARTICLES: Final = ("on", "off", "up", "down", "out")
# The end of "i don't need X any more": "any more", "anymore", "after all", "now".
_NO_LONGER: Final = _phrases("any more", "anymore", "after all", "now", "any longer", "no more")
# What a command's object starts with in a sample: "turn the heating up", "make it brighter".
_OBJECTS: Final = frozenset({"the", "a", "my", "it", "them", "all", "our", "this", "that"})
# Words that start samples but are not verbs a wish can be said with.
_NOT_VERBS: Final = frozenset(
    {"how", "what", "which", "who", "is", "are", "do", "can", "could", "i", "the", "my", "thanks"}
)
# Everyday verbs of giving, used when some template starts with them.
_GIVING: Final = ("play", "order", "get", "bring", "put")
_PRONOUNS: Final = frozenset({"it", "them", "that", "this", "those"})
_NEGATED: Final = _phrases("i do not need", "i do not want", "we do not need", "we do not want")
# Settings named by a value: "the lamp at 30 percent", "my clock on madrid time", "my city to be
# chicago".
_SETTING: Final = _phrases("at", "to", "on", "to be", "set to", "set at")


def _participles(verb: str) -> set[str]:
    """The past participles a regular verb may have ("lock" -> "locked", "dim" -> "dimmed",
    "move" -> "moved", "empty" -> "emptied")."""
    if not verb.isalpha() or len(verb) < 2:
        return set()
    forms = {verb + "ed"}
    if verb.endswith("e"):
        forms.add(verb + "d")
    if verb.endswith("y") and verb[-2] not in "aeiou":
        forms.add(verb[:-1] + "ied")
    if len(verb) >= 3 and verb[-1] not in "aeiouwxy" and verb[-2] in "aeiou":
        forms.add(verb + verb[-1] + "ed")  # "dim" -> "dimmed", "stop" -> "stopped"
    return forms


@dataclass(frozen=True)
class WishVerbs:
    """The verbs that turn a wish into a command, taken from the skills' own words.

    ``participles`` maps a participle to the verb that makes the state ("locked" -> "lock"),
    ``particle`` the verbs said with "on", "off", "up" or "down" ("turn"), ``makers`` the verbs
    that give a thing a quality ("make the lights dimmer"), ``givers`` the verbs that provide a
    thing ("play", "order"), ``setter`` the verbs of a setting said with "to" and a value,
    ``tellers`` the words that ask to be told ("tell me"), ``removers`` the verbs that make a
    thing gone ("cancel", "delete": those whose participles say so).
    """

    participles: dict[str, str] = field(default_factory=dict)
    particle: tuple[str, ...] = ()
    makers: tuple[str, ...] = ()
    givers: tuple[str, ...] = ()
    setter: tuple[str, ...] = ()
    tellers: tuple[tuple[str, ...], ...] = ()
    removers: tuple[str, ...] = ()

    @classmethod
    def derive(cls, starts: Iterable[str], samples: Iterable[str] = ()) -> WishVerbs:
        """The verbs of skills whose templates start with ``starts`` and whose learned stage
        was trained on ``samples`` (filled-in sample utterances; none when there is no model).

        Every verb here is one the skills' own requests start with; the samples add the
        words that follow it, which tell what kind of verb it is: a giver is followed by "a",
        "some" or "me a"; a particle verb is said with its particle at the end; a setter with
        "to" and a number; a teller with "me". The verbs a wish most often amounts to come
        first.
        """
        first: Counter[str] = Counter()
        giver: Counter[str] = Counter()
        particle: Counter[str] = Counter()
        setter: Counter[str] = Counter()
        teller: Counter[str] = Counter()
        for text in samples:
            words = text.split()
            if len(words) < 2 or not words[0].isalpha():
                continue
            verb, nxt = words[0], words[1]
            first[verb] += 1
            if nxt in ("a", "an", "some") or (nxt == "me" and words[2:3] in (["a"], ["some"])):
                giver[verb] += 1
            if len(words) >= 3 and nxt in _OBJECTS:
                if words[-1] in _PARTICLES:
                    particle[verb] += 1
                if any(w == "to" and any(c.isdigit() for c in v) for w, v in pairwise(words)):
                    setter[verb] += 1
            if nxt == "me" and len(words) >= 3 and words[2] not in ("a", "an", "some", "to"):
                teller[verb] += 1
        verbs = set(starts) | {v for v, n in first.items() if n >= 2}
        participles: dict[str, str] = {}
        for verb in sorted(verbs):
            for form in _participles(verb):
                if form not in verbs:
                    participles.setdefault(form, verb)
        for verb in ("set", "put", "shut", "cut"):
            if verb in verbs:
                participles.setdefault(verb, verb)  # irregular: the same form

        def top(counts: Counter[str], n: int, least: int = 2) -> tuple[str, ...]:
            return tuple(
                v
                for v, k in counts.most_common()
                if k >= least and v in verbs and v not in _NOT_VERBS
            )[:n]

        removers = tuple(dict.fromkeys(participles[g] for g in sorted(_GONE) if g in participles))
        # Verbs that give, from the samples ("set a timer", "give me a riddle"), then the
        # everyday verbs of giving that some template starts with ("play", "order"): a name
        # follows them in most samples ("play blue hour"), so the samples alone miss them.
        givers = [v for v in top(giver, 12) if v not in removers]
        givers += [v for v in _GIVING if v in set(starts) and v not in givers]

        return cls(
            participles=participles,
            particle=top(particle, 2, least=3),
            # A comparative cannot be told from a noun by its ending ("dimmer", "timer"): the
            # English verb that gives a quality, when some template starts with it.
            makers=("make",) if "make" in verbs else (),
            givers=tuple(givers),
            setter=top(setter, 2),
            tellers=tuple((v, "me") for v in top(teller, 2)),
            # The verbs whose participles say a thing is gone ("cancelled", "deleted").
            removers=removers,
        )


def _after(words: Sequence[str], frames: tuple[tuple[str, ...], ...]) -> list[str] | None:
    """``words`` after the first of ``frames`` they start with (something must follow)."""
    for frame in frames:
        if tuple(words[: len(frame)]) == frame and len(words) > len(frame):
            return list(words[len(frame) :])
    return None


def _opening(tokens: Sequence[str]) -> list[str]:
    """``tokens`` without softeners and without the words that open a sentence before a
    frame ("ok", "um", "so")."""
    words = [t for t in tokens if t not in _SOFT]
    while words and words[0] in _LEAD:
        words = words[1:]
    return words


def _trim(words: list[str]) -> list[str]:
    # Trailing courtesy and vague amounts: "... please", "... a bit", "... instead".
    tails = (("a", "bit"), ("a", "little"), ("for", "me"), ("please",), ("instead",), ("thanks",))
    changed = True
    while changed and words:
        changed = False
        for tail in tails:
            if len(words) > len(tail) and tuple(words[-len(tail) :]) == tail:
                words = words[: -len(tail)]
                changed = True
    return words


def _state(words: list[str], verbs: WishVerbs) -> list[list[str]]:
    """Commands that make the state ``words`` describe ("the front door locked", "the lamp in
    the study is switched on", "all the timers gone", "the lights dimmer", "the lamp at 30
    percent")."""
    out: list[list[str]] = []
    for k in range(1, len(words)):
        word = words[k]
        thing = words[:k]
        if thing and thing[-1] in _BE:
            thing = thing[:-1]
        rest = words[k + 1 :]
        if not thing:
            continue
        verb = verbs.participles.get(word)
        if verb is not None:
            if rest and rest[0] in _PARTICLES:
                # "switched on": "switch the lamp on" and "switch on the lamp".
                out.append([verb, *thing, *rest])
                out.append([verb, rest[0], *thing, *rest[1:]])
            else:
                out.append([verb, *thing, *rest])
            break
        if word in _GONE and not rest:
            out.extend([remover, *thing] for remover in verbs.removers)
            break
        if not rest and word.endswith("er") and len(word) > 4 and thing[0] in _THING_STARTS:
            out.extend([verb, *thing, word] for verb in verbs.makers)  # "the lights dimmer"
            break
        if word in _PARTICLES and (not rest or rest == ["again"]):
            out.extend([verb, *thing, word] for verb in verbs.particle)
            break
        if word == "back" and rest[:1] in (["on"], ["up"]) and len(rest) == 1:
            out.extend([verb, *thing, "back", rest[0]] for verb in verbs.particle)
            break
        setting = next(
            (s for s in _SETTING if tuple(words[k : k + len(s)]) == s and len(words) > k + len(s)),
            None,
        )
        if setting is not None and thing[0] in _THING_STARTS | {"all", "every"}:
            value = words[k + len(setting) :]
            out.extend([verb, *thing, "to", *value] for verb in verbs.setter)
            break
    return out


def _no_longer(words: list[str]) -> list[list[str]] | None:
    """ "i don't need the timer any more, cancel it" as "cancel the timer"; None when the
    sentence is not of that shape."""
    rest = _after(words, _NEGATED)
    if rest is None:
        return None
    for k in range(1, len(rest)):
        end = next((e for e in _NO_LONGER if tuple(rest[k : k + len(e)]) == e), None)
        if end is None:
            continue
        thing, command = rest[:k], rest[k + len(end) :]
        spots = [i for i, w in enumerate(command) if w in _PRONOUNS]
        if len(command) < 2 or len(spots) != 1:
            return None
        i = spots[0]
        return [[*command[:i], *thing, *command[i + 1 :]]]
    return None


def wish_readings(tokens: Sequence[str], verbs: WishVerbs) -> list[tuple[list[str], str]]:
    """The commands a wish in ``tokens`` (normalised words) may amount to, each with what was
    read (for the explanation), most likely first; ``[]`` when ``tokens`` are no wish.

    >>> verbs = WishVerbs(participles={"locked": "lock"})
    >>> wish_readings("i need the front door locked".split(), verbs)[0][0]
    ['lock', 'the', 'front', 'door']
    """
    words = _opening(tokens)
    found: list[tuple[list[str], str]] = []
    ended = _no_longer(words)
    if ended:
        return [(r, "read what is no longer needed as the command on it") for r in ended]
    heard = _after(words, _HEAR)
    if heard is not None:
        heard = _trim(heard)
        found.append((heard, "read what is to be heard as the request"))
        found.extend(([*teller, *heard], "read hearing as being told") for teller in verbs.tellers)
        return found
    ensured = _after(words, _ENSURE)
    if ensured is not None:
        return [
            (r, "read the state asked for as the command") for r in _state(_trim(ensured), verbs)
        ]
    wanted = _after(words, _WANT)
    if wanted is None:
        return []
    wanted = _trim(wanted)
    if wanted and wanted[0] == "to":
        return []  # "i want to ...": a frame of the request itself (`fillers.strip_fillers`)
    found.extend((r, "read the state wanted as the command") for r in _state(wanted, verbs))
    if wanted and wanted[0] in _THING_STARTS:
        found.append((wanted, "read the thing wanted as the request"))
        found.extend(([verb, *wanted], "read the thing wanted as given") for verb in verbs.givers)
    return found
