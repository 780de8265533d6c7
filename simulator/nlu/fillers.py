"""Fillers and politeness: the words people wrap around a request.

"please turn on the kitchen light", "can you set a timer for 5 minutes please", "um, hey, what time
is it": the request inside is what a skill's templates spell out. :func:`strip_fillers` sets the
wrapping aside once, for every skill, so no template has to list "please" or "could you".

It never decides on its own that a word is noise. The router first tries the utterance as said;
only when no template matches it does it try again without the fillers. So a skill whose template
really says "please" or "thanks" (a manners skill, a "thank you" intent) still gets those words,
and the built-in "please do" / "no thanks" answers keep working.

Three kinds of filler are told apart, because where they may stand differs:

* *request frames* ("could you", "i want you to", "i would like to") only at the start, where they
  frame the request; inside a sentence "can you" may be the request itself ("what can you do");
* *edge fillers* ("please", "thanks", "for me", "right now") at the start or the end;
* *hesitations and softeners* ("um", "uh", "please", "just", "kindly") anywhere.

Before any of that, :func:`plain_words` reads chat spellings as the words they stand for ("pls",
"u", "r", "wot", "gimme", "rn") and squeezes letters stretched for emphasis ("pleeease"), again
only for words no template uses: people type to a speaker's app the way they text.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Final

__all__ = ["FILLER_WORDS", "SHORTHAND", "plain_words", "strip_fillers"]


def _phrases(*texts: str) -> tuple[tuple[str, ...], ...]:
    # Longest first, so "could you please" is taken whole before "could you".
    return tuple(sorted((tuple(t.split()) for t in texts), key=len, reverse=True))


# Forms are normalised already: the normaliser has turned "i'd" into "i would", "wanna" is not
# expanded, so it is listed as said.
_FRAMES: Final = _phrases(
    "could you",
    "could you please",
    "would you",
    "would you please",
    "can you",
    "can you please",
    "will you",
    "will you please",
    "would you mind",
    "do you mind",
    "i want you to",
    "i would like you to",
    "i need you to",
    "i would like to",
    "i would love to",
    "i want to",
    "i wanna",
    "i would like",
    "i want",
    "i need",
    "i am asking you to",
    "could i ask you to",
    "is it possible to",
    "are you able to",
    "go ahead and",
    "do me a favour and",
    "do me a favor and",
    "let us",
    # Wordy politeness: the whole wrapper goes, however many words it takes.
    "would you be so kind as to",
    "would you be so kind and",
    "be so kind as to",
    "could you be a dear and",
    "be a dear and",
    "i was wondering if you could",
    "i wonder if you could",
    "do you think you could",
    "would it be possible to",
    "is there any chance you could",
    "i would be grateful if you could",
    "if you would be so kind",
    # A busy speaker's run-up: "ok so add nappies ...".
    "ok so",
    "okay so",
    "right so",
    "so um",
)
_EDGES: Final = _phrases(
    "please",
    "pretty please",
    "thanks",
    "thank you",
    "thank you very much",
    "thanks a lot",
    "cheers",
    "hey",
    "hey there",
    "hi",
    "hello",
    "ok",
    "okay",
    "so",
    "well",
    "oh",
    "and",
    "now",
    "for me",
    "for me please",
    "right now",
    "right away",
    "if you can",
    "if you could",
    "if you would",
    "if possible",
    "if you do not mind",
    "when you can",
    "speaker",
    "computer",
    # Forms of address and attention-getters: "excuse me, could you ...", "... my dear".
    "excuse me",
    "sorry",
    "yo",
    "dear",
    "my dear",
    "mate",
    "buddy",
    # A hurried tail: "order two burgers, quick".
    "quick",
    "quickly",
    "real quick",
    "asap",
    "thanks in advance",
)
_ANYWHERE: Final = frozenset(
    {"um", "umm", "uh", "uhm", "uhh", "er", "erm", "ehm", "hmm", "please", "kindly", "just"}
)

SHORTHAND: Final[dict[str, str]] = {
    # Chat spellings that stand for one or two words. Only forms that are not themselves words a
    # request would use are listed ("n", "y", "k" are too ambiguous), and a router applies them
    # only to words no template of its skills uses.
    "pls": "please",
    "plz": "please",
    "plis": "please",
    "pleez": "please",
    "u": "you",
    "ya": "you",
    "r": "are",
    "ur": "your",
    "wot": "what",
    "wat": "what",
    "wut": "what",
    "whut": "what",
    "gimme": "give me",
    "lemme": "let me",
    "gonna": "going to",
    "wanna": "want to",
    "gotta": "got to",
    "dunno": "do not know",
    "rn": "right now",
    "thx": "thanks",
    "thanx": "thanks",
    "ty": "thanks",
    "tmrw": "tomorrow",
    "tmr": "tomorrow",
    "tmw": "tomorrow",
    "2day": "today",
    "2nite": "tonight",
    "2morrow": "tomorrow",
    "b4": "before",
    "abt": "about",
    "cuz": "because",
    "coz": "because",
    "msg": "message",
    "ppl": "people",
    "smth": "something",
    "sth": "something",
}
"""Chat spellings and what they stand for (see :func:`plain_words`)."""

FILLER_WORDS: Final = frozenset({w for p in (*_FRAMES, *_EDGES) for w in p} | _ANYWHERE)
"""Every word that can be part of a filler (for explanations and tests)."""


def _squeezed(token: str, known: frozenset[str]) -> str | None:
    """A word stretched for emphasis ("pleeease", "sooo") as the known word it stretches."""
    if len(token) < 4 or not token.isalpha():
        return None
    runs: list[tuple[str, int]] = []
    for ch in token:
        if runs and runs[-1][0] == ch:
            runs[-1] = (ch, runs[-1][1] + 1)
        else:
            runs.append((ch, 1))
    if all(n < 3 for _, n in runs):
        return None  # nobody stretches a letter to two: "cool", "three" are words as they are
    # Each stretched run stands for one letter or two ("pleeease" is "please", "sooon" "soon"):
    # the shorter reading is tried first, then the doubled one.
    for keep in (1, 2):
        word = "".join(ch * (min(n, keep) if n >= 3 else n) for ch, n in runs)
        if word in known:
            return word
    return None


def plain_words(tokens: Sequence[str], known: frozenset[str]) -> tuple[list[str], dict[str, str]]:
    """``tokens`` with chat spellings read as words, and ``{as typed: as read}``.

    "pls", "u", "r", "wot", "gimme" (:data:`SHORTHAND`) and letters stretched for emphasis
    ("pleeease" -> "please", when the squeezed form is in ``known``) are read as the words they
    stand for. A word in ``known`` (the skills' own words) is left alone, so a skill whose
    template really says "u" (a spelling game) still gets it.
    """
    out: list[str] = []
    read: dict[str, str] = {}
    for token in tokens:
        if token in known:
            out.append(token)
            continue
        plain = SHORTHAND.get(token) or _squeezed(token, known | FILLER_WORDS)
        if plain is None:
            out.append(token)
            continue
        read[token] = plain
        out.extend(plain.split())
    return out, read


def _take_prefix(tokens: list[str], phrases: tuple[tuple[str, ...], ...]) -> int:
    for phrase in phrases:
        if tuple(tokens[: len(phrase)]) == phrase and len(tokens) > len(phrase):
            return len(phrase)
    return 0


def _take_suffix(tokens: list[str], phrases: tuple[tuple[str, ...], ...]) -> int:
    for phrase in phrases:
        n = len(phrase)
        if len(tokens) > n and tuple(tokens[-n:]) == phrase:
            return n
    return 0


def strip_fillers(
    tokens: Sequence[str], keep: frozenset[str] = frozenset(), *, trailing: bool = True
) -> tuple[list[str], list[str]]:
    """The request inside ``tokens`` and the filler words set aside, in order of removal.

    ``keep`` are words left in place inside the sentence (a skill's template uses them: "say
    please"); at its edges they still go. With ``trailing`` false only the start is stripped
    ("please say please" -> "say please"). Never removes everything: a sentence made only of
    fillers ("please", "thank you") is returned as it was, since then the fillers are all there
    is to understand. Each pass removes at least one token or stops, so 300 repeated fillers
    cost little.
    """
    inner = _ANYWHERE - keep
    words = [t for t in tokens if t not in inner]
    removed = [t for t in tokens if t in inner]
    if not words:
        return list(tokens), []
    changed = True
    while changed and words:
        changed = False
        n = _take_prefix(words, _EDGES) or _take_prefix(words, _FRAMES)
        if n:
            removed.extend(words[:n])
            words = words[n:]
            changed = True
        n = _take_suffix(words, _EDGES) if trailing else 0
        if n:
            removed.extend(words[-n:])
            words = words[:-n]
            changed = True
    return words, removed
