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
from typing import Final, NamedTuple

from simulator.nlu.closed_class import DEFINITE_DETERMINERS, MODALS, POINTING_PRONOUNS
from simulator.nlu.numbers import parse_number_words
from simulator.nlu.spelling import word_bases

__all__ = ["Wish", "WishVerbs", "hear_frame", "terse_readings", "wish_readings"]


class Wish(NamedTuple):
    """One command a wish may amount to."""

    words: list[str]
    """The command, in normalised words ("lock the front door")."""
    how: str
    """What was read, for the explanation ("read the state wanted as the command")."""
    own_verb: bool
    """Whether the command's verb is the speaker's own ("cancel it", "... locked"), not one
    supplied for a thing wanted or heard: such a command may be read through free text."""


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
    "we would love",
    # "we'd" is left as said by the normaliser ("we had" or "we would"); before "like" or
    # "love" it can only be a wish.
    "we'd like",
    "we'd love",
    # A state wished for: "i'd love it if the porch light was on", "it would be nice if the
    # hall light were off", "i'd rather the heating was lower".
    "i would love it if",
    "i would like it if",
    "i would prefer it if",
    "i would rather",
    "it would be nice if",
    "it would be great if",
    "it would be good if",
    "it would be lovely if",
    "it'd be nice if",
    "it'd be great if",
    "it'd be good if",
    # What a group had best have: "we'd better have an alarm for six", "let's have some jazz".
    "we'd better have",
    "we had better have",
    "we should have",
    "we ought to have",
    "we must have",
    "let us have",
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
    # Curiosity: "do you know what time it is", "any idea if it will rain".
    "do you know",
    "do you happen to know",
    "would you happen to know",
    "do you have any idea",
    "have you any idea",
    "have you got any idea",
    "any idea",
    "i am curious",
    "i am curious to know",
    "i would be curious to know",
    "i was curious",
    "out of curiosity",
    "may i ask",
    "can i ask",
    "could i ask",
    "i would like to ask",
    # Learning about a thing: "i'd love to learn a bit about saturn" is "tell me about saturn".
    "i would like to learn",
    "i would love to learn",
    "i want to learn",
    "i would like to hear about",
    "i would love to hear about",
    # What the speaker may be told: "what can you tell me about neptune" is "tell me about
    # neptune".
    "what can you tell me",
    "what could you tell me",
    "is there anything you can tell me",
)
# Formal ways of asking for a command: what follows is the command itself ("could i trouble you
# to dim the lights", "i would appreciate it if you could lock the door").
_FORMAL: Final = _phrases(
    "could i trouble you to",
    "might i trouble you to",
    "may i trouble you to",
    "i would appreciate it if you could",
    "i would appreciate it if you would",
    "i would be grateful if you would",
    "i would be obliged if you could",
    "i would be obliged if you would",
    "would you be able to",
    "could you possibly",
    "would you possibly",
    "might you",
    "i request that you",
    "may i request that you",
    "i must ask you to",
    "i must request that you",
    "please be so kind as to",
    "would you be good enough to",
    "be good enough to",
    "would it be at all possible to",
    "would it be possible for you to",
    "is it possible for you to",
    "i would like to request that you",
    "i would like to ask you to",
    # Tentative ways of asking: "is there any way to remove my alarm", "any chance you could
    # nudge the heating down".
    "is there any way to",
    "is there any way you could",
    "is there any way you can",
    "is there a way to",
    "is there a way you could",
    "any way you could",
    "any chance you could",
    "any chance you can",
    "is there any chance you could",
    "do you think you could",
    # Asking how to have the speaker do it: "how do i get you to dim the lights".
    "how do i get you to",
    "how can i get you to",
    "how would i get you to",
    "can i get you to",
    "could i get you to",
    # What is left of a formal request once its asking frame is set aside ("would you | be
    # able to ...", "could you | possibly ...").
    "be able to",
    "possibly",
    "be good enough to",
)
# Tentative frames said with the command's "-ing" form: "would you mind deleting the yoga class",
# "how about locking the back door" (after an asking frame is set aside: "would you | mind").
_GERUND: Final = _phrases(
    "mind",
    "do you mind",
    "how about",
    "what about",
    # "any chance of some jazz", "is there any chance of ordering a pizza".
    "any chance of",
    "is there any chance of",
    "is there a chance of",
)
# Proposals said with the command's past form: "what if you turned the heating down".
_SUPPOSE: Final = _phrases("what if you", "what if we", "suppose you", "supposing you")
# Asking whether a thing may do something, the thing as the subject: "could the heating go
# down", "can the music be louder", "would the lamp get any dimmer": the state asked for.
# Not "shall" or "must", which ask no favour of the thing ("must the music be this loud").
_MODALS: Final = MODALS - {"shall", "must"}
_BECOME: Final = frozenset({"go", "be", "get", "come", "turn", "stay", "become"})
# A causative verb before a thing and its state: "get the hallway light on".
_CAUSE: Final = _phrases("get")
# Asking frames before a frame or a command: "would you make sure ...", "could you tell me
# whether ...".
_ASKING: Final = _phrases(
    "would you",
    "would you please",
    "could you",
    "could you please",
    "can you",
    "can you please",
    "will you",
    "will you please",
    "would you kindly",
)
# Asking to be told whether or what: the question after it, said directly ("tell me whether it
# is going to rain" -> "is it going to rain").
_TELL: Final = _phrases(
    "tell me",
    "let me know",
    "check",
    "confirm",
    "find out",
    "see",
    "explain",
    "remind me",
)
_WH: Final = frozenset({"what", "which", "who", "when", "where", "how", "why"})
_YES_NO: Final = frozenset({"if", "whether"})
_SUBJECTS: Final = frozenset({"it", "you", "they", "there", "this", "that", "i", "we", "he", "she"})
_AUX: Final = frozenset(
    {
        "is",
        "are",
        "was",
        "were",
        "will",
        "can",
        "do",
        "does",
        "did",
        "would",
        "should",
        "has",
        "have",
    }
)
# Words ending in "s" that are no verb's third person.
_NOT_THIRD: Final = frozenset({"always", "perhaps", "sometimes", "towards", "afterwards", "else's"})
# What a subject named by a noun starts with: "when my next alarm is", "what the weather will be".
# Not "his", "her", "their": another person's thing ("when her flight lands") is nothing the
# skills answer; the reading was tuned without them (widening it is to be measured, not tidied).
_DETERMINERS: Final = DEFINITE_DETERMINERS - {"his", "her", "their"}
_PLURAL_SUBJECTS: Final = frozenset({"i", "you", "we", "they"})
# How much of a thing, before it: "a bit of rock", "a spot of jazz".
_AMOUNTS: Final = _phrases("a bit of", "a little bit of", "a spot of", "a little", "a touch of")
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
_PRONOUNS: Final = POINTING_PRONOUNS | {"this", "that", "those"}
_NEGATED: Final = _phrases("i do not need", "i do not want", "we do not need", "we do not want")
# Settings named by a value: "the lamp at 30 percent", "my clock on madrid time", "my city to be
# chicago".
_SETTING: Final = _phrases("at", "to", "on", "to be", "set to", "set at")
# A thing and the state it is obliged to be in: "the porch light needs to be on", "my alarm
# should be at seven instead", "all the timers have to be gone". Read as the state wanted.
_OBLIGED: Final = _phrases(
    "should be",
    "should all be",
    "needs to be",
    "need to be",
    "has to be",
    "have to be",
    "must be",
    "ought to be",
    "is to be",
    "are to be",
)
# A wish that something be so, said with "there": "there should be no alarms left".
_THERE: Final = _phrases("there should be", "there needs to be", "there must be")
# The same said negated, of any of the thing: "there shouldn't be any timers running".
_THERE_NONE: Final = _phrases("there should not be any", "there must not be any")
# Where a thing is, after it: "the fries in my order", "the milk on my list".
_WHERE: Final = frozenset({"in", "on", "from"})
# A thing and what it is obliged to do or have done to it: "the music has to stop", "my list
# needs clearing", "the hall light wants switching off": the command on the thing.
_OBLIGED_TO: Final = _phrases(
    "has to", "have to", "needs to", "need to", "must", "should", "ought to", "is to", "are to"
)
_OBLIGED_ING: Final = _phrases("needs", "need", "wants", "want")
# What may follow "no X" when nothing of it is wanted: "no alarms left at all", "no timers
# running whatsoever": the thing is gone, every one of it.
_NONE_WORDS: Final = frozenset({"no", "zero"})
_NONE_TAILS: Final = frozenset(
    {"left", "remaining", "running", "set", "going", "active", "scheduled", "pending", "on"}
    | {"at", "all", "whatsoever", "anymore", "any", "more", "of", "kind", "now"}
)
_MAX_NONE_THING: Final = 3
# A thing in motion: "the music going again", "the robot vacuum running". With "again" it is
# taken up where it stopped; without, started.
_IN_MOTION: Final = frozenset({"going", "running", "playing", "working", "started"})
_RESUMERS: Final = ("resume", "continue")
_STARTERS: Final = ("start", "play")
# A thing and the name it should go by: "the team meeting called project sync".
_NAMED: Final = (("called",), ("named",), ("known", "as"), ("renamed",), ("renamed", "to"))
# Verbs that change a thing's setting to a value without naming it a setting ("move the dentist
# to thursday", "change my alarm to seven"), used when some template starts with them.
_CHANGERS: Final = ("change", "move")
# How the speaker is to be addressed, said of what the listener should do: "you should know me
# as sam", "you may address me as sam": the naming the skills say "call me".
_ADDRESSED: Final = _phrases("know me as", "address me as", "refer to me as", "call me")
_YOU_MODAL: Final = _phrases(
    "you should",
    "you can",
    "you may",
    "you must",
    "you need to",
    "you have to",
    "you will",
    "you ought to",
)
# A preposition between a thing and its level in a terse request: "fan at 70 percent".
_LEVEL_PREPOSITIONS: Final = frozenset({"at", "to"})
# Words a thing counted starts with, besides a number: "a latte and two muffins".
_COUNTED: Final = frozenset({"a", "an", "another"})


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

    ``known`` are the words the skills' requests start with, ``participles`` maps a participle to the verb that makes the state ("locked" -> "lock"),
    ``particle`` the verbs said with "on", "off", "up" or "down" ("turn"), ``makers`` the verbs
    that give a thing a quality ("make the lights dimmer"), ``givers`` the verbs that provide a
    thing ("play", "order"), ``setter`` the verbs of a setting said with "to" and a value,
    ``tellers`` the words that ask to be told ("tell me"), ``removers`` the verbs that make a
    thing gone ("cancel", "delete": those whose participles say so).
    """

    known: frozenset[str] = frozenset()
    participles: dict[str, str] = field(default_factory=dict)
    particle: tuple[str, ...] = ()
    makers: tuple[str, ...] = ()
    givers: tuple[tuple[str, ...], ...] = ()
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
        to_me: Counter[str] = Counter()
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
                to_me[verb] += nxt == "me"
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
        given = [v for v in top(giver, 12) if v not in removers]
        given += [v for v in _GIVING if v in verbs and v not in given]
        # "give me a riddle", "set a timer": with "me" when most of the verb's samples say it.
        givers = [(v, "me") if 2 * to_me[v] > giver[v] else (v,) for v in given]

        return cls(
            known=frozenset(verbs),
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


def hear_frame(words: Sequence[str]) -> int:
    """How many of the first ``words`` are a frame asking to hear something ("i would like to
    hear", "let me hear", "can i hear"), 0 when they are none.

    Such a frame says nothing of what is to be heard: a template that starts with it ("i would
    like to hear {song}") names its request no more than the free text after it does ("... the
    drinks menu", "... every alarm i have set").
    """
    for frame in _HEAR:
        if frame[-1] == "hear" and tuple(words[: len(frame)]) == frame:
            return len(frame)
    return 0


def _after(words: Sequence[str], frames: tuple[tuple[str, ...], ...]) -> list[str] | None:
    """``words`` after the first of ``frames`` they start with (something must follow)."""
    for frame in frames:
        if tuple(words[: len(frame)]) == frame and len(words) > len(frame):
            return list(words[len(frame) :])
    return None


def _opening(tokens: Sequence[str]) -> list[str]:
    """``tokens`` without softeners and without the words that open a sentence before a
    frame ("ok", "um", "so", "would you")."""
    words = [t for t in tokens if t not in _SOFT]
    while words and words[0] in _LEAD:
        words = words[1:]
    asked = _after(words, _ASKING)
    return asked if asked is not None else words


def _direct(words: list[str]) -> list[str] | None:
    """An indirect question said directly: "whether the door is locked" -> "is the door
    locked", "what time it is in sydney" -> "what time is it in sydney", "who you are" ->
    "who are you"; None when ``words`` are no indirect question."""
    if len(words) < 3:
        return None
    if words[0] in _YES_NO:
        j = next((j for j in range(2, len(words)) if words[j] in _AUX), None)
        if j is not None:
            return [words[j], *words[1:j], *words[j + 1 :]]
        subject, verb = words[1], words[2]
        if subject in _PLURAL_SUBJECTS:
            return ["do", *words[1:]]  # "if i need an umbrella" -> "do i need an umbrella"
        if subject in ("it", "he", "she") and verb.endswith("s") and len(verb) > 3:
            # "if it snows tomorrow" -> "will it snow tomorrow"
            return ["will", subject, verb[:-1], *words[3:]]
        return None
    if words[0] in _WH:
        for j in range(1, len(words) - 1):
            if words[j] in _SUBJECTS and words[j + 1] in _AUX:
                return [*words[:j], words[j + 1], words[j], *words[j + 2 :]]
        # A subject named by a noun, right after the question word or its noun: "when my
        # next alarm is" -> "when is my next alarm", "what the weather will be like" -> "what
        # will the weather be like" (not "which planet is the biggest": already direct).
        for k in (1, 2):
            if k < len(words) and words[k] in _DETERMINERS | {"a", "an"}:
                j = next((j for j in range(k + 1, len(words)) if words[j] in _AUX), None)
                if j is not None and words[k] in _DETERMINERS:
                    return [*words[:k], words[j], *words[k:j], *words[j + 1 :]]
                # A verb of the third person after the subject: "what a latte costs" ->
                # "what does a latte cost".
                j = next((j for j in range(k + 2, len(words)) if _third_person(words[j])), None)
                if j is not None:
                    return [*words[:k], "does", *words[k:j], words[j][:-1], *words[j + 1 :]]
                break
    return None


def _third_person(word: str) -> bool:
    """Whether ``word`` may be a regular verb's third person ("costs", "falls", "opens"):
    not a word of its own ending in "s" ("is", "has", "always", "news", "glass")."""
    return (
        len(word) > 3
        and word.isalpha()
        and word.endswith("s")
        and not word.endswith(("ss", "us", "is", "ys", "ws", "ous"))
        and word not in _AUX
        and word not in _NOT_THIRD
    )


def _vague(words: list[str]) -> list[str]:
    """``words`` without the vague amounts inside them ("the speaker a bit louder", "make the
    tv a little quieter"): not one of a thing ("a bit of rock"), not at the end."""
    for k in range(len(words) - 3, -1, -1):
        if words[k : k + 2] in (["a", "bit"], ["a", "little"], ["a", "touch"]) and (
            k + 2 < len(words) and words[k + 2] != "of"
        ):
            words = words[:k] + words[k + 2 :]
    return words


def _trim(words: list[str]) -> list[str]:
    # Vague amounts anywhere before the end ("the speaker a bit louder"), then trailing
    # courtesy: "... please", "... instead".
    words = _vague(words)
    if "instead" in words[1:]:
        # "... at seven thirty instead of seven": what it was is no part of what is wanted.
        words = words[: words.index("instead", 1)]
    tails = (
        ("a", "bit"),
        ("a", "little"),
        ("for", "me"),
        ("please",),
        ("instead",),
        ("thanks",),
        ("by", "now"),
    )
    changed = True
    while changed and words:
        changed = False
        for tail in tails:
            if len(words) > len(tail) and tuple(words[-len(tail) :]) == tail:
                words = words[: -len(tail)]
                changed = True
    return words


def _state(words: list[str], verbs: WishVerbs) -> list[tuple[list[str], bool]]:
    """Commands that make the state ``words`` describe ("the front door locked", "the lamp in
    the study is switched on", "all the timers gone", "the lights dimmer", "the lamp at 30
    percent"), each with whether its verb is the speaker's own (said as its participle)."""
    out: list[tuple[list[str], bool]] = []
    for k in range(1, len(words)):
        word = words[k]
        thing = words[:k]
        if thing and thing[-1] in _BE:
            thing = thing[:-1]
        rest = words[k + 1 :]
        if not thing:
            continue
        named = next((n for n in _NAMED if tuple(words[k : k + len(n)]) == n), None)
        if named is not None and len(words) > k + len(named):
            # "the team meeting called project sync": renamed, when the thing is one already
            # ("a new list called gardening" is a thing wanted, given its name).
            if thing[0] in _DETERMINERS and "rename" in verbs.known:
                name = words[k + len(named) :]
                out.append((["rename", *thing, "to", *name], True))
            break
        if word in _IN_MOTION and (not rest or rest == ["again"]) and thing[0] in _THING_STARTS:
            # "the music going again" is taken up again; "the robot vacuum going" started.
            movers = _RESUMERS if rest else _STARTERS
            out.extend(([verb, *thing], False) for verb in movers if verb in verbs.known)
            break
        if word == "off" and rest and rest[0] in _DETERMINERS:
            # "bananas off the shopping list": taken off it, removed from it.
            if "take" in verbs.known:
                out.append((["take", *thing, "off", *rest], False))
            out.extend(([remover, *thing, "from", *rest], False) for remover in verbs.removers)
            break
        verb = verbs.participles.get(word)
        if verb is not None:
            if rest and rest[0] in _PARTICLES:
                # "switched on": "switch the lamp on" and "switch on the lamp".
                out.append(([verb, *thing, *rest], True))
                out.append(([verb, rest[0], *thing, *rest[1:]], True))
            else:
                out.append(([verb, *thing, *rest], True))
            break
        if word in _GONE and not rest:
            out.extend(([remover, *thing], False) for remover in verbs.removers)
            break
        if not rest and word.endswith("er") and len(word) > 4 and thing[0] in _THING_STARTS:
            # "the lights dimmer"
            out.extend(([verb, *thing, word], False) for verb in verbs.makers)
            break
        if word in _PARTICLES and (not rest or rest == ["again"]):
            out.extend(([verb, *thing, word], False) for verb in verbs.particle)
            break
        if word == "back" and rest[:1] in (["on"], ["up"]) and len(rest) == 1:
            out.extend(([verb, *thing, "back", rest[0]], False) for verb in verbs.particle)
            break
        setting = next(
            (s for s in _SETTING if tuple(words[k : k + len(s)]) == s and len(words) > k + len(s)),
            None,
        )
        if setting is not None and thing[0] in _THING_STARTS | {"all", "every"}:
            value = words[k + len(setting) :]
            out.extend(([verb, *thing, "to", *value], False) for verb in verbs.setter)
            # "my alarm at seven thirty", "the dentist on thursday": changed, moved to it.
            out.extend(
                ([verb, *thing, "to", *value], False)
                for verb in _CHANGERS
                if verb in verbs.known and verb not in verbs.setter
            )
            if setting == ("on",) and "use" in verbs.known:
                # "my clock on madrid time", "the tv on hdmi 2": a mode or a source, used.
                out.append((["use", *value], False))
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
        thing, command = rest[:k], _opening(rest[k + len(end) :])
        spots = [i for i, w in enumerate(command) if w in _PRONOUNS]
        if len(command) < 2 or len(spots) != 1:
            return None
        i = spots[0]
        return [[*command[:i], *thing, *command[i + 1 :]]]
    return None


def _none_left(wanted: list[str], verbs: WishVerbs) -> list[Wish]:
    """ "no alarms left at all", "zero timers running": every one of the thing gone, said with
    the verbs that make a thing gone ("cancel all alarms"); ``[]`` for any other words."""
    if len(wanted) < 2 or wanted[0] not in _NONE_WORDS:
        return []
    k = next((k for k in range(1, len(wanted)) if wanted[k] in _NONE_TAILS), len(wanted))
    thing, tail = wanted[1:k], wanted[k:]
    if not thing or len(thing) > _MAX_NONE_THING or not set(tail) <= _NONE_TAILS:
        return []
    how = "read no thing left as every one gone"
    return [Wish([remover, "all", *thing], how, False) for remover in verbs.removers]


def _obliged(words: list[str]) -> tuple[list[str], list[str]] | None:
    """The thing and its state in "the porch light needs to be on", "my alarm should be at
    seven instead" (``(["the", "porch", "light"], ["on"])``), or, with no thing, what "there
    should be" names ("there should be no alarms left": ``([], ["no", "alarms", "left"])``);
    None for other words. The thing is named with a determiner or a possessive: "it should
    be fine" is no request."""
    none = _after(words, _THERE_NONE)
    if none is not None:
        return [], ["no", *none]
    there = _after(words, _THERE)
    if there is not None:
        return [], there
    if not words or words[0] not in _DETERMINERS | {"all", "every", "both"}:
        return None
    for k in range(1, min(len(words), 8)):
        rest = _after(words[k:], _OBLIGED)
        if rest is not None:
            return words[:k], _trim(rest)
    return None


def _does(thing: list[str], rest: list[str], verbs: WishVerbs) -> list[Wish] | None:
    """What ``thing`` is to do, said by ``rest`` ("stop", "go off", "go", "start at six"), as
    the command on it ("stop the music", "turn the light off", "cancel the timers", "start
    the vacuum at six"); None when ``rest`` starts with no verb a request starts with."""
    if rest[0] in _BECOME and rest[0] != "turn":
        # "the hall light has to go off", "all the timers have to go": the state it is to
        # come to, or gone.
        state = _trim(rest[1:])
        if not state or state == ["away"]:
            how = "read the thing that has to go as gone"
            return [Wish([remover, *thing], how, False) for remover in verbs.removers]
        how = "read the state it has to come to as the command"
        return [Wish(r, how, own) for r, own in _state([*thing, *state], verbs)]
    if rest[0] in verbs.known and rest[0] not in _NOT_VERBS:
        command = _trim([rest[0], *thing, *rest[1:]])
        # Not the speaker's own verb for free text: words may follow it that are no part of
        # the command ("stop that alarm ringing").
        return [Wish(command, "read what the thing is to do as the command on it", False)]
    return None


def _wanted_to_do(wanted: list[str], verbs: WishVerbs) -> list[Wish] | None:
    """ "the music to stop", "the hall light to go off" (after "i want"): what the thing is
    wanted to do, as the command on it (`_does`); None for other words. The thing is named
    with a determiner or a possessive: "a riddle to solve" is a thing wanted for a purpose."""
    if not wanted or wanted[0] not in _DETERMINERS | {"all", "every", "both"}:
        return None
    for k in range(1, min(len(wanted) - 1, 8)):
        if wanted[k] == "to":
            return _does(wanted[:k], wanted[k + 1 :], verbs)
    return None


def _should_be(thing: list[str], state: list[str], verbs: WishVerbs) -> list[Wish]:
    """The commands that make ``state`` so of ``thing`` (`_obliged`: "the porch light" and
    "on", "the fries in my order" and "large"): the state's own readings (`_state`), and a
    quality of one word given by the verb that gives qualities ("make the fries large"); also
    for the thing without where it is ("the fries | in my order")."""
    how = "read the state it should be in as the command"
    things = [thing]
    for k in range(1, len(thing) - 2):
        if thing[k] in _WHERE and thing[k + 1] in _DETERMINERS:
            things.append(thing[:k])
            break
    found: list[Wish] = []
    for named in things:
        found += [Wish(r, how, own) for r, own in _state([*named, *state], verbs)]
    if not found and len(state) == 1 and state[0].isalpha():
        found += [Wish([v, *named, *state], how, False) for named in things for v in verbs.makers]
    return found


def _obliged_to(words: list[str], verbs: WishVerbs) -> list[Wish]:
    """A thing and what it has to do or have done ("the music has to stop", "my shopping list
    needs clearing", "the hall light wants switching off") as the command on it ("stop the
    music", "clear my shopping list", "switch the hall light off"), the verb one some request
    starts with; ``[]`` for any other words. The thing is named with a determiner or a
    possessive: "it has to stop" says no thing."""
    if not words or words[0] not in _DETERMINERS | {"all", "every", "both"}:
        return []
    for k in range(1, min(len(words) - 1, 8)):
        rest = _after(words[k:], _OBLIGED_TO)
        does = _does(words[:k], rest, verbs) if rest is not None else None
        if does is not None:
            return does
        ing = _after(words[k:], _OBLIGED_ING)
        done = _from_gerund(ing, verbs) if ing is not None else None
        if done is not None:
            done = _trim([done[0], *words[:k], *done[1:]])
            return [Wish(done, "read what the thing needs done as the command on it", False)]
    return []


def _addressed(words: list[str], verbs: WishVerbs) -> list[Wish]:
    """What the listener is told it should do ("you should know me as sam", "you can turn the
    lamp off now") as the command itself ("call me sam", "turn the lamp off now"); ``[]``
    for any other words."""
    rest = _after(words, _YOU_MODAL)
    if rest is None:
        return []
    naming = next((n for n in _ADDRESSED if tuple(rest[: len(n)]) == n), None)
    if naming is not None and len(rest) > len(naming):
        name = _trim(rest[len(naming) :])
        return [Wish(["call", "me", *name], "read how to be addressed as the naming", True)]
    if rest[0] in verbs.known and rest[0] not in _NOT_VERBS:
        return [Wish(_trim(rest), "read what the listener should do as the command", True)]
    return []


def _passive(wanted: list[str], verbs: WishVerbs) -> list[Wish]:
    """ "to be reminded to water the plants at six" (after "i need"): the speaker as the one the
    verb is done to, said as the command ("remind me to water the plants at six"); ``[]``
    for any other words."""
    if len(wanted) < 4 or wanted[:2] != ["to", "be"]:
        return []
    verb = verbs.participles.get(wanted[2])
    if verb is None:
        return []
    return [Wish([verb, "me", *wanted[3:]], "read what is to be done to the speaker", True)]


def _thing(wanted: list[str], verbs: WishVerbs) -> list[Wish]:
    """Requests for a thing wanted ("some jazz", "a riddle to solve", "a coin flip", "bread
    on the shopping list"): the thing itself, given by a giving verb, or named by its verb
    ("a coin flip" -> "flip a coin")."""
    amount = next((a for a in _AMOUNTS if tuple(wanted[: len(a)]) == a), None)
    if amount is not None and len(wanted) > len(amount):
        wanted = wanted[len(amount) :]  # "a bit of rock" is rock
    if len(wanted) >= 4 and wanted[-2] == "to" and wanted[0] in _THING_STARTS:
        wanted = wanted[:-2]  # a purpose: "a riddle to solve"
    found = [Wish(wanted, "read the thing wanted as the request", False)]
    found.extend(
        Wish([*verb, *wanted], "read the thing wanted as given", False) for verb in verbs.givers
    )
    last = wanted[-1]
    if len(wanted) >= 3 and wanted[0] in ("a", "an") and last in verbs.known:
        found.append(Wish([last, *wanted[:-1]], "read the thing wanted by its verb", False))
    return found


def _from_gerund(words: list[str], verbs: WishVerbs) -> list[str] | None:
    """The command said with its verb's "-ing" form ("deleting the yoga class" -> "delete the
    yoga class"), the verb one some request starts with (``verbs.known``); else None."""
    first = words[0] if words else ""
    if not first.endswith("ing"):
        return None
    forms = set(word_bases(first))
    if len(first) > 5 and first[-4] == first[-5]:
        forms.add(first[:-4])  # "cancelling" -> "cancel" (a doubled "l" `word_bases` keeps)
    bases = sorted(b for b in forms if b != first and b in verbs.known)
    if not bases:
        return None
    return [bases[0], *words[1:]]


def _from_past(words: list[str], verbs: WishVerbs) -> list[str] | None:
    """The command said with its verb's past form ("turned the heating down" -> "turn the
    heating down", "put on some jazz"), the verb one some request starts with; else None."""
    first = words[0] if words else ""
    if first in verbs.known:
        return list(words)
    if not first.endswith("ed"):
        return None
    bases = sorted(b for b in word_bases(first) if b != first and b in verbs.known)
    return [bases[0], *words[1:]] if bases else None


def _caused(words: list[str], verbs: WishVerbs) -> list[Wish]:
    """A state brought about ("get the hallway light on", "get the heating to 20"): the verb
    that makes it so (`_state`), said on the thing; ``[]`` for any other words."""
    rest = _after(words, _CAUSE)
    if rest is None or rest[0] not in _THING_STARTS | {"all", "every", "both"}:
        return []
    return [
        Wish(r, "read the state to be brought about as the command", own)
        for r, own in _state(_trim(rest), verbs)
    ]


def _subject_asked(words: list[str], verbs: WishVerbs) -> list[Wish]:
    """A request asked with the thing as the subject ("could the heating go down a bit", "can
    the music be louder", "would the bedroom lamp get any dimmer"): the state asked for, made
    so by the verb that makes it (`_state`); ``[]`` for any other words.

    A modal, a thing named with a determiner, a verb of becoming ("go", "be", "get") and the
    state; what may be meant as a question about the thing ("will the shops be open") makes
    no state a skill's verb makes, and the caller keeps only a firm template reading.
    """
    if len(words) < 4 or words[0] not in _MODALS:
        return []
    if words[1] not in (_THING_STARTS | {"all", "every", "both"}) - {"a", "an", "some", "more"}:
        return []
    k = next((k for k in range(2, len(words) - 1) if words[k] in _BECOME), None)
    if k is None:
        return []
    state = [w for w in words[k + 1 :] if w != "any"]  # "any dimmer": no amount to keep
    return [
        Wish(r, "read the state asked of the thing as the command", own)
        for r, own in _state(_trim([*words[1:k], *state]), verbs)
    ]


def _bare(words: list[str], verbs: WishVerbs) -> list[Wish]:
    """A command without any frame of a wish, still read (after an asking frame is set aside
    too): a state brought about ("get the lamp on"), a state asked of a thing ("could the
    heating go down"), or the command without a vague amount inside it ("make the tv a bit
    quieter")."""
    found = _caused(words, verbs) or _subject_asked(words, verbs)
    if found:
        return found
    plain = _vague(words)
    if plain != words:
        return [Wish(plain, "set the vague amount aside", True)]
    return []


def wish_readings(tokens: Sequence[str], verbs: WishVerbs) -> list[Wish]:
    """The commands a wish in ``tokens`` (normalised words) may amount to, most likely first;
    ``[]`` when ``tokens`` are no wish.

    >>> verbs = WishVerbs(participles={"locked": "lock"})
    >>> wish_readings("i need the front door locked".split(), verbs)[0].words
    ['lock', 'the', 'front', 'door']
    """
    words = _opening(tokens)
    ended = _no_longer(words)
    if ended:
        return [Wish(r, "read what is no longer needed as the command on it", True) for r in ended]
    heard = _after(words, _HEAR)
    told = _after(words, _TELL)
    if heard is None and told is not None and told[0] in _YES_NO | _WH:
        heard = told
    if heard is not None:
        heard = _trim(heard)
        direct = _direct(heard)
        found = [Wish(heard, "read what is to be heard as the request", False)]
        if direct is not None:
            found.append(Wish(direct, "read the question asked directly", False))
        found.extend(
            Wish([*teller, *heard], "read hearing as being told", False) for teller in verbs.tellers
        )
        return found
    gerund = _after(words, _GERUND)
    if gerund is not None:
        command = _from_gerund(gerund, verbs)
        if command is not None:
            return [Wish(command, "read the tentative request as the command", True)]
        if gerund[0] in _THING_STARTS and words[0] != "mind":
            # "how about a 15 minute timer": a thing proposed is a thing wanted.
            return _thing(_trim(gerund), verbs)
    supposed = _after(words, _SUPPOSE)
    if supposed is not None:
        command = _from_past(supposed, verbs)
        if command is not None:
            return [Wish(_trim(command), "read the proposal as the command", True)]
    formal = _after(words, _FORMAL)
    if formal is not None:
        command = _trim(formal)
        # The state brought about first: "get the hallway light on" as said is a riddle's
        # answer through free text.
        return [
            *_bare(command, verbs),
            Wish(command, "read the formal request as the command", True),
        ]
    ensured = _after(words, _ENSURE)
    if ensured is not None:
        return [
            Wish(r, "read the state asked for as the command", own)
            for r, own in _state(_trim(ensured), verbs)
        ]
    wanted = _after(words, _WANT)
    obliged = _obliged(words) if wanted is None else None
    if obliged is not None:
        # Only the state's own readings and every one gone: "the kids should be in bed"
        # names no thing to give.
        thing, state = obliged
        return _none_left(_trim(state), verbs) if not thing else _should_be(thing, state, verbs)
    if wanted is None:
        return _addressed(words, verbs) or _obliged_to(words, verbs) or _bare(words, verbs)
    wanted = _trim(wanted)
    passive = _passive(wanted, verbs)
    if passive:
        return passive
    if not wanted or wanted[0] == "to":
        return []  # "i want to ...": a frame of the request itself (`fillers.strip_fillers`)
    none = _none_left(wanted, verbs)
    if none:
        return none
    to_do = _wanted_to_do(wanted, verbs) or []
    found = to_do + [
        Wish(r, "read the state wanted as the command", own) for r, own in _state(wanted, verbs)
    ]
    if not any(w.own_verb for w in found) and (
        len(found) == len(to_do) or wanted[0] in _THING_STARTS
    ):
        # Not when a participle said the state: "the kitchen vacuumed" is no thing to give.
        found.extend(_thing(wanted, verbs))
    return found


def terse_readings(words: Sequence[str], verbs: WishVerbs) -> list[Wish]:
    """The commands a terse request without a verb may amount to ("heating 21", "tv hdmi 2",
    "dishwasher on", "tv louder"): the thing and the state wanted for it, said with the
    skills' own verbs ("set heating to 21", "turn dishwasher on", "make tv louder"); ``[]``
    when ``words`` are no such request.

    A thing and a value, a thing and a particle, a thing and a comparative, or a thing and a
    setting of a word or two; the caller keeps only a firm template reading.
    """
    out: list[Wish] = []
    if len(words) < 2:
        return out
    # A thing and a value: "heating 21", "tv hdmi 2", "bedroom air conditioner 19 degrees".
    value_at = next((k for k, w in enumerate(words) if any(c.isdigit() for c in w)), None)
    if value_at is not None and value_at >= 1:
        thing, value = list(words[:value_at]), list(words[value_at:])
        # "tv hdmi 2": the value may start with a word before its number.
        cuts = [(thing, value)]
        if len(thing) >= 2 and thing[-1] in _LEVEL_PREPOSITIONS:
            # "extractor fan at 70 percent": the preposition says the value is a level.
            cuts.append((thing[:-1], value))
        elif len(thing) >= 2:
            cuts.append((thing[:-1], [thing[-1], *value]))
        for head, val in cuts:
            out.extend(
                Wish([verb, *head, "to", *val], "read the thing and its value as a setting", False)
                for verb in verbs.setter
            )
        return out
    if words[0] in _COUNTED or parse_number_words(words[:1]) is not None:
        # A thing counted and nothing else: "two lattes and a muffin" is the thing wanted,
        # given by a giving verb ("order two lattes and a muffin").
        out.extend(
            Wish([*verb, *words], "read the things counted as wanted", False)
            for verb in verbs.givers
        )
        return out
    last = words[-1]
    thing = list(words[:-1])
    if last in _PARTICLES:
        # "dishwasher on", "heating up".
        out.extend(
            Wish([verb, *thing, last], "read the thing and its state as the command", False)
            for verb in verbs.particle
        )
    elif last.endswith("er") and len(last) > 4:
        # "tv louder": a comparative (not a noun: the caller needs a firm template reading).
        out.extend(
            Wish([verb, *thing, last], "read the thing and its quality as the command", False)
            for verb in verbs.makers
        )
    # A thing and a setting named by a word or two: "air conditioner cool mode". Not a number
    # said as a word: "the den one" may pick a device ("which one?"), not set a level.
    for k in range(len(words) - 1, max(0, len(words) - 3), -1):
        if parse_number_words(words[k:]) is not None:
            continue
        out.extend(
            Wish(
                [verb, *words[:k], "to", *words[k:]],
                "read the thing and its setting as a setting",
                False,
            )
            for verb in verbs.setter
        )
    return out
