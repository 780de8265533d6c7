"""Frames and self-repairs: a request said for an audience, or corrected as it is said.

A teacher demoing the speaker to a class, or a parent showing it to a child, wraps the request in
words meant for the people in the room: "ok class, watch: speaker, what time is it", "let's ask it
to convert a hundred centimetres into inches", "now we'll cancel the homework reminder", "can you
tell the kids how many lights are on", "... delete the science project list, class". The request
inside decides the intent; the frame changes nothing a skill does. :func:`unframe` reads the frame
as a frame, and :func:`cuts` offers the places where a request may start after words meant for
someone else (the speaker addressed by name, or the audience: "..., class: what's my name").

A hesitant speaker corrects a value as they go: "set an alarm for six, no, six thirty", "the
kitchen, I mean the hallway light", "turn the, the hall light on". The LAST value is the one
meant: :func:`repairs` offers the sentence with the part replaced set aside, and
:func:`restarts` the sentence with a restarted run of words said once.

Like the fillers (:mod:`fillers`), none of this decides on its own: the router tries these
readings only when the sentence as said found nothing firm, keeps a reading only when a
template reads it firmly, and never lets a catch-all that declines answer a request cut out of a
longer one. Audience words and frame phrases are English grammar (vocatives, "let's", "we'll"),
not any skill's vocabulary, so they serve user skills as much as bundled ones.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Final

from simulator.nlu.closed_class import POSSESSIVES
from simulator.nlu.numbers import parse_number_words

__all__ = [
    "AUDIENCE",
    "HESITATIONS",
    "REPAIR_MARKERS",
    "cuts",
    "questions",
    "repairs",
    "restarts",
    "unframe",
]

AUDIENCE: Final = frozenset(
    {
        "class",
        "everyone",
        "everybody",
        "kids",
        "children",
        "guys",
        "folks",
        "team",
        "students",
        "pupils",
        "people",
        "gang",
        "lads",
        "girls",
        "boys",
        "son",
        "daughter",
        "mum",
        "mom",
        "dad",
        "grandma",
        "grandpa",
        "granny",
        "guests",
        "friends",
        "family",
        "darling",
        "honey",
        "sweetie",
    }
)
"""Words for the people in the room (vocatives, "tell the kids ..."), not the speaker."""

# The speaker addressed by name: what follows is said to it.
_ADDRESS: Final = frozenset({"speaker", "computer", "assistant"})
# Words that open a vocative or a demonstration: "ok class", "right everyone", "now kids".
_OPENERS: Final = frozenset({"ok", "okay", "right", "alright", "now", "so", "well", "and", "all"})
# "all" and "you" open a group addressed too: "all the kids", "you lot".
_OWNERS: Final = POSSESSIVES | {"the", "all", "you"}
# Words that make an audience word the request's own object ("tell everyone", "for the class").
_GOVERNS: Final = _OWNERS | {"tell", "for", "to", "remind", "show", "ask", "and", "of", "with"}
# The speaker spoken of in the third person: "ask it", "see if it can", "watch her".
_THIRD: Final = frozenset({"it", "she", "her", "he", "him", "the speaker", "this", "this thing"})
_THIRD_WORDS: Final = tuple(tuple(t.split()) for t in sorted(_THIRD, key=len, reverse=True))


def _phrases(*texts: str) -> tuple[tuple[str, ...], ...]:
    # Longest first, so "let us ask it to" is taken whole before "let us".
    return tuple(sorted((tuple(t.split()) for t in texts), key=len, reverse=True))


# Frames that open a demonstration or a plan, said to the room (forms are normalised: "let's" is
# "let us", "we'll" is "we will"). `{it}` stands for the speaker spoken of ("it", "her", "the
# speaker"); each frame is taken only where a request follows.
_LEADING: Final = _phrases(
    "watch",
    "watch this",
    "look",
    "look at this",
    "listen",
    "listen to this",
    "check this out",
    "see this",
    "now",
    "now we will",
    "we will",
    "we are going to",
    "we are gonna",
    "next we will",
    "first we will",
    "let us",
    "let us now",
    "let us just",
    "let us check",
    "let us see",
    "let us find out",
    "let us hear",
    "let us try",
    "let us ask {it} to",
    "let us ask {it}",
    "let us get {it} to",
    "let us have {it}",
    "let us see if {it} can",
    "let us see if {it} will",
    "let us see if {it} knows",
    "let us see whether {it} can",
    "see if {it} can",
    "ask {it} to",
    "ask {it}",
    "tell {it} to",
    "get {it} to",
    "watch {it}",
    "watch how {it}",
    "watch me ask {it} to",
    "show everyone how you",
    "show everyone how to",
    "show the class how you",
    "show the kids how you",
    "show us how you",
)


def _frame_forms() -> tuple[tuple[str, ...], ...]:
    forms: list[tuple[str, ...]] = []
    for phrase in _LEADING:
        if "{it}" not in phrase:
            forms.append(phrase)
            continue
        k = phrase.index("{it}")
        for third in _THIRD_WORDS:
            forms.append((*phrase[:k], *third, *phrase[k + 1 :]))
    return tuple(sorted(set(forms), key=len, reverse=True))


_FRAMES: Final = _frame_forms()

# What follows "tell the kids" when it is a request to the speaker: a question or a thing.
_TOLD: Final = frozenset(
    {"what", "which", "when", "where", "who", "whose", "how", "why", "if", "whether", "about"}
    | {"a", "an", "the", "your", "some"}
)

HESITATIONS: Final = frozenset({"um", "umm", "uh", "uhm", "uhh", "er", "erm", "ehm", "hmm"})
"""Sounds a speaker makes while finding the words; a run said again after one is a restart."""

REPAIR_MARKERS: Final = tuple(
    tuple(m.split())
    for m in (
        "no wait",
        "no sorry",
        "sorry i mean",
        "or rather",
        "i mean",
        "make that",
        "no",
        "sorry",
        "rather",
        "actually",
        "wait",
        "oops",
    )
)
"""Words that mark a self-repair: what follows replaces what came just before."""


def _vocative(words: Sequence[str]) -> int:
    """How many words at the start of ``words`` address the room ("ok class", "now everyone",
    "class", "boys and girls") or the speaker ("speaker"); 0 when none do."""
    k = 0
    while k < len(words) and words[k] in _OPENERS:
        k += 1
    if k < len(words) and words[k] in AUDIENCE:
        k += 1
        if words[k : k + 1] == ["and"] and k + 1 < len(words) and words[k + 1] in AUDIENCE:
            k += 2
        return k
    if k < len(words) and words[k] in _ADDRESS:
        return k + 1
    return 0


def unframe(tokens: Sequence[str]) -> tuple[list[str], list[str]]:
    """``tokens`` without the frame around the request, and the frame's words; ``(tokens, [])``
    when there is none.

    At the start: vocatives ("ok class", "everyone", "speaker") and frames said to the room
    ("watch", "let's ask it to", "now we'll", "let's see if it can", "show everyone how you"),
    one after another ("ok class, watch: speaker, ..."). At the end: a vocative ("..., class").
    "tell the kids ..." is "tell me ...": who hears the answer changes nothing the skill does.
    Never removes everything: a frame with no request after it is the sentence as said.
    """
    words = list(tokens)
    gone: list[str] = []
    changed = True
    while changed and words:
        changed = False
        n = _vocative(words)
        if not n:
            n = next((len(f) for f in _FRAMES if tuple(words[: len(f)]) == f), 0)
            if n and words[n - 1] == "us" and words[n : n + 1] == ["play"]:
                # "let's play snap" proposes a game the speaker joins (as `fillers` reads it).
                n = 0
        if n and n < len(words):
            gone.extend(words[:n])
            words = words[n:]
            changed = True
    # A vocative at the end: "..., class", "... everyone". The word before must not make it the
    # request's own ("tell everyone", "for the class"): an object needs its verb or owner.
    if len(words) > 2 and words[-1] in AUDIENCE and words[-2] not in _GOVERNS:
        gone.append(words[-1])
        words = words[:-1]
    told = _told(words)
    if told is not None:
        gone.extend(w for w in words if w not in told)
        words = told
    return words, gone


def _told(words: list[str]) -> list[str] | None:
    """ "can you tell the kids what time it is" as "can you tell me what time it is": the
    audience told ("the kids", "my son", "everyone") read as the speaker; else None."""
    for k, word in enumerate(words[:-2]):
        if word not in ("tell", "show"):
            continue
        n = 1 if words[k + 1] in AUDIENCE else 0
        if not n and words[k + 1] in _OWNERS and words[k + 2] in AUDIENCE:
            n = 2
        # What they are told is a question ("what time it is", "how many lights are on") or a
        # thing ("a joke"); "tell my son dinner is ready" is a message, not a request.
        if n and words[k + 1 + n : k + 2 + n] and words[k + 1 + n] in _TOLD:
            return [*words[: k + 1], "me", *words[k + 1 + n :]]
    return None


def cuts(tokens: Sequence[str], device_names: frozenset[str] = frozenset()) -> list[list[str]]:
    """Requests that may start after words said to someone else: the speaker addressed by
    name inside the sentence ("the kids at the back can't hear, speaker, louder please") or the
    room addressed ("let's see if it remembers, class: what's my name"); the longest first.

    ``device_names`` are the home's names: "den speaker" is a device, not an address, when a
    name of the home says so.
    """
    words = list(tokens)
    found: list[list[str]] = []
    for k in range(1, len(words) - 1):
        word = words[k]
        if word in _ADDRESS:
            if f"{words[k - 1]} {word}" in device_names or words[k - 1] in _OWNERS:
                continue
        elif word in AUDIENCE:
            if words[k - 1] in _GOVERNS:
                continue
        else:
            continue
        rest, _ = unframe(words[k + 1 :])
        if rest and rest not in found:
            found.append(rest)
    found.sort(key=len, reverse=True)
    return found


def restarts(tokens: Sequence[str]) -> list[str]:
    """``tokens`` with a run of one to three words said twice in a row said once ("how how
    large is mercury", "turn the the hall light on", "i want to i want to hear ...")."""
    words = list(tokens)
    for size in (3, 2, 1):
        k = 0
        while k + 2 * size <= len(words):
            if words[k : k + size] == words[k + size : k + 2 * size]:
                del words[k + size : k + 2 * size]
                continue
            k += 1
    return words


def _numeric(word: str) -> bool:
    return any(c.isdigit() for c in word) or parse_number_words([word]) is not None


def repairs(tokens: Sequence[str]) -> list[tuple[list[str], list[str]]]:
    """Readings of ``tokens`` with a self-repair made: ``(request, words set aside)`` pairs,
    the likeliest first.

    "cancel the alarm for seven, no, for eight": the repair ("for eight") starts with a word
    said before the marker, so what it replaces starts there ("for seven"). "make the burgers
    three, no, two burgers": a later word of the repair lines up ("burgers"). Otherwise the
    words replaced are the value before the marker (a run of number words: "nineteen, no,
    twenty") or the last one to three words. The last repair in a sentence is made first.
    """
    words = list(tokens)
    found: list[tuple[list[str], list[str]]] = []
    for k in range(len(words) - 1, 0, -1):
        marker = next((m for m in REPAIR_MARKERS if tuple(words[k : k + len(m)]) == m), None)
        if marker is None or k + len(marker) >= len(words):
            continue
        left, right = words[:k], words[k + len(marker) :]
        if marker == ("no",) and right[0] in ("more", "longer", "one", "thanks"):
            continue  # "no more", "no longer": the request's own words
        starts: list[int] = []
        for p, word in enumerate(right[:3]):
            i = next((i for i in range(len(left) - 1, -1, -1) if left[i] == word), None)
            if i is not None and i - p >= 0 and len(left) - i <= 4:
                starts.append(i - p)
                break
        run = 0
        while run < len(left) and _numeric(left[-1 - run]):
            run += 1
        if run and _numeric(right[0]):
            starts.append(len(left) - run)
        starts += [len(left) - j for j in (1, 2, 3) if len(left) - j >= 0]
        for start in dict.fromkeys(starts):
            request = [*left[:start], *right]
            if request and all(request != r for r, _ in found):
                found.append((request, [*left[start:], *marker]))
    return found


# Asking to be told or wondering aloud: "tell me what time it is in lima", "i'd like to know who
# you are", "tell me whether it is likely to rain", "let's ask it if the kids need coats". The
# question inside, said as a question, decides.
_KNOW_FRAMES: Final = _phrases(
    "tell me",
    "tell us",
    "know",
    "to know",
    "i want to know",
    "i need to know",
    "i would like to know",
    "i would love to know",
    "i wonder",
    "i am wondering",
    "do you know",
    "any idea",
    "ask it",
    "ask her",
    "ask the speaker",
    "let us ask it",
    "let us see",
    "let us check",
    "check",
    "find out",
    "see",
)
_WH: Final = frozenset({"what", "which", "how", "when", "where", "who", "whose", "why"})
_YES_NO: Final = frozenset({"if", "whether"})
# Verbs that go before their subject in a question: "what time is it", "are you a robot".
_INVERTS: Final = frozenset(
    {"is", "are", "was", "were", "will", "can", "could", "should", "would", "has", "have", "am"}
)
_SUBJECT_PRONOUNS: Final = frozenset({"you", "it", "i", "we", "they", "he", "she", "there"})
_THIRD_PERSON: Final = frozenset({"it", "he", "she"})


def _asked(clause: list[str], start: int) -> list[list[str]]:
    """``clause`` said as a question, its subject starting at ``start`` (the words before it
    ask: "what time", "how many lights", or none for a yes/no question): the verb before the
    subject ("it is" -> "is it"), or "do" before it when its verb cannot go first ("you have"
    -> "do you have"); [] when no subject is found."""
    head, rest = clause[:start], clause[start:]
    if len(rest) < 2:
        return []
    if rest[0] in _SUBJECT_PRONOUNS:
        found = []
        if rest[1] in _INVERTS:
            found.append([*head, rest[1], rest[0], *rest[2:]])
        if rest[1] not in _INVERTS or rest[1] in ("have", "has"):
            do = "does" if rest[0] in _THIRD_PERSON else "do"
            found.append([*head, do, *rest])
        return found
    verb = next((i for i, w in enumerate(rest) if w in _INVERTS), None)
    if verb is not None and verb > 0:
        return [[*head, rest[verb], *rest[:verb], *rest[verb + 1 :]]]
    if head or len(rest) < 3:
        return []
    # A yes/no question with a noun for subject and a plain verb: "the kids need coats".
    return [["do", *rest]]


def questions(tokens: Sequence[str]) -> list[list[str]]:
    """The question inside "tell me what time it is in lima", "i'd like to know who you are",
    "tell me whether it is likely to rain" said as a question ("what time is it in lima", "who
    are you", "is it likely to rain"), and as said after the frame ("how many lights are on");
    [] when ``tokens`` do not ask to be told a question's answer."""
    words = list(tokens)
    frame = next((f for f in _KNOW_FRAMES if tuple(words[: len(f)]) == f), ())
    if len(words) < len(frame) + 3:
        return []
    clause = words[len(frame) :]
    if clause[0] in _YES_NO:
        # "if the back door is locked" alone: its frame ("let's ask it") was read already.
        return _asked(clause[1:], 0)
    if clause[0] not in _WH:
        return []
    found = [clause] if frame else []
    # The subject starts at a pronoun ("what kinds of music | you have") or, failing one,
    # anywhere before the verb ("what time | it is", "which planet | the moon is ...").
    pronoun = next((i for i, w in enumerate(clause) if i > 0 and w in _SUBJECT_PRONOUNS), None)
    starts = [pronoun] if pronoun is not None else list(range(len(clause) - 1, 0, -1))
    for start in starts:
        found += [asked for asked in _asked(clause, start) if asked not in found]
    return found
