"""Typo mending: unknown words read as the nearest word the skills use.

"trun on the ktichen light": neither "trun" nor "ktichen" is a word any template or device name
uses, but "turn" and "kitchen" are one edit away. :class:`Speller` looks each unknown word up in a
vocabulary (the words of every template, the slot lists' spoken forms, the home's device and room
names) with rapidfuzz's optimal-string-alignment distance, in which swapping two neighbouring
letters counts as one edit. Known words, numbers and words under three letters are never changed.

Short words are where one edit most often makes another real word, so they get only the two
typos that rarely do: two neighbouring letters swapped ("teh", "trun") and one letter dropped
("tmer", "alrm", "opn", "dor"). A dropped letter leaves the word's skeleton in order, which a
changed letter does not ("sing" is not "song").
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable, Mapping, Sequence
from itertools import pairwise
from string import ascii_lowercase
from typing import Final

from simulator.nlu.normalize import expand_contractions

__all__ = [
    "MIN_LENGTH",
    "SHORTEST",
    "SURE_LENGTH",
    "Speller",
    "as_said",
    "keeps_mend",
    "sure_mend",
    "word_bases",
]

MIN_LENGTH: Final = 4
"""Shorter words are never a target, and are mended only by a swap or a dropped letter."""

SHORTEST: Final = 3
"""Shorter words are left alone: "ot" may be "to", "of", "or" or "on"."""


SURE_LENGTH: Final = 7
"""From this many letters on, a word one or two edits from a known word is taken for a typo of
it with confidence (see `sure_mend`): long words have few neighbours."""


def sure_mend(typo: str, word: str) -> bool:
    """Whether mending ``typo`` into ``word`` is a near-certain reading, not a guess.

    Two neighbouring letters swapped ("alram", "artsit") rarely make another real word, nor
    does a slip in a long word ("calandar", "shoppping"); a word run together ("livingroom" as
    "living room") is known in both halves. A change to a short word ("ounces" read as
    "bounces", "wether" as "weather") may as well be another word the skills never use.
    """
    if " " in word:
        return True
    if len(typo) == len(word) and sorted(typo) == sorted(word):
        return True
    from rapidfuzz.distance import OSA  # see `Speller._closest`

    # One slip, not two: two edits reach other words even from long ones ("remaining" is two
    # letters from "raining", "building" from "boiling").
    return len(typo) >= SURE_LENGTH and OSA.distance(typo, word) <= 1


def keeps_mend(typo: str, word: str) -> bool:
    """Whether a free-text value keeps ``typo`` mended into ``word`` (see `as_said`).

    Only the mends that do not make one real word of another: two neighbouring letters swapped
    ("mlik", "teh") and two words run together ("livingroom"). Every other mend may have read a
    real word the skills never use as one they do ("feeding" as "feeling", "plants" as "plans",
    "tent" as "tenth"), and a free-text value is exactly where such words are said.
    """
    return " " in word or (len(typo) == len(word) and sorted(typo) == sorted(word))


def as_said(words: Sequence[str], fixes: Mapping[str, str], said: Sequence[str]) -> list[str]:
    """``words`` (a free-text value cut from a mended reading) with the mends undone.

    The mended words may choose the intent ("remind me to wter the plants" is a reminder
    either way), but a name, a task or an item is the speaker's own: "water the plants" must
    not become "water the plans". ``fixes`` is the speller's ``{typo: word}`` and ``said`` the
    words as typed; a mend `keeps_mend` keeps stays, and so does a word the speaker also typed
    as such (which of the two was meant where cannot be told), or one several typos were
    mended into. A word mended into a contraction is looked for expanded ("wats" -> "what is").
    """
    typed = tuple(said)
    undo: dict[tuple[str, ...], list[str]] = {}
    for typo, word in fixes.items():
        if keeps_mend(typo, word):
            continue
        mended = tuple(expand_contractions(word.split()))
        if not mended or _contains(typed, mended):
            continue
        undo.setdefault(mended, []).append(typo)
    # Longest first, so a mend into two words is undone before a one-word mend inside it.
    runs = sorted(
        ((m, typos[0]) for m, typos in undo.items() if len(typos) == 1),
        key=lambda item: len(item[0]),
        reverse=True,
    )
    if not runs:
        return list(words)
    out: list[str] = []
    i = 0
    while i < len(words):
        for mended, typo in runs:
            if tuple(words[i : i + len(mended)]) == mended:
                out.append(typo)
                i += len(mended)
                break
        else:
            out.append(words[i])
            i += 1
    return out


def _contains(words: tuple[str, ...], run: tuple[str, ...]) -> bool:
    """Whether ``run`` occurs in ``words`` as consecutive words."""
    n = len(run)
    return any(words[i : i + n] == run for i in range(len(words) - n + 1))


# Digits texted for the words they sound like ("2 high", "4 ten minutes"); read so only where
# the phrases say the word between the same neighbours (`Speller.correct`).
_HOMOPHONES: Final = {"2": "to", "4": "for"}


class Speller:
    """Mends typos against a fixed vocabulary plus per-call extra words (the home's names)."""

    def __init__(self, vocabulary: Iterable[str], *, not_targets: Iterable[str] = ()) -> None:
        """Index the vocabulary: words or phrases (split into words), repeats counting as use.

        How often a word is used breaks ties between equally near words: "trun" is one edit
        from both "turn" and "true", and templates say "turn" far more often. ``not_targets``
        are known words an unknown word is never mended into (function words: "frog" is not a
        typo of "from").
        """
        # Each distinct phrase is split once (a router's vocabulary repeats most of its
        # phrases, four times over for the bundled skills: a quarter of the work).
        self._counts: Counter[str] = Counter()
        # Which word follows which in the phrases (sample sentences): a known word that no
        # phrase puts after the word before it may be a typo of one that does ("turn of" for
        # "turn off"), see `_real_word_typo`.
        pairs: set[tuple[str, str]] = set()
        for phrase, times in Counter(vocabulary).items():
            words = phrase.split()
            if times == 1:
                self._counts.update(words)
            else:
                for word in words:
                    self._counts[word] += times
            pairs.update(pairwise(words))
        self._pairs = frozenset(pairs)
        self.vocabulary = frozenset(self._counts)
        excluded = frozenset(not_targets)
        self._function_words = excluded
        self._choices = sorted(
            w for w in self.vocabulary if len(w) >= MIN_LENGTH and w not in excluded
        )
        # Function words are a target only of the two safe typos, a swap or a dropped letter
        # ("waht" -> "what", "ths" -> "this", "wiht" -> "with"): "frog" is not "from".
        self._safe_only = frozenset(
            w for w in self.vocabulary if len(w) >= MIN_LENGTH and w in excluded
        )
        self._choices = sorted([*self._choices, *self._safe_only])
        # Three-letter words are a target only of a swap ("teh" -> "the", "nad" -> "and"),
        # function words included: a swap keeps every letter, so it rarely makes another word.
        self._short = frozenset(w for w in self.vocabulary if len(w) == SHORTEST)
        self._memo: dict[tuple[str, int], str | None] = {}
        self._extra_choices: dict[int, tuple[frozenset[str], list[str]]] = {}

    def correct(
        self, tokens: Sequence[str], extra: frozenset[str] = frozenset()
    ) -> tuple[list[str], dict[str, str]]:
        """``(tokens with typos mended, {typo: word})``.

        A word of three or four letters may only have two neighbouring letters swapped ("trun",
        "teh") or one letter dropped ("tmer", "dor"): any other single edit turns too many real
        words into others ("sing" is not "song"). Longer words may be one edit away, and from
        eight letters on two.
        """
        out: list[str] = []
        fixes: dict[str, str] = {}
        extra_key = id(extra)
        cached = self._extra_choices.get(extra_key)
        if cached is None or cached[0] is not extra:
            if len(self._extra_choices) > 16:
                self._extra_choices.clear()
            cached = (extra, sorted(w for w in extra - self.vocabulary if len(w) >= MIN_LENGTH))
            self._extra_choices[extra_key] = cached
        extra_choices = cached[1]
        for k, token in enumerate(tokens):
            homophone = _HOMOPHONES.get(token)
            if homophone is not None and 0 < k < len(tokens) - 1:
                # Texted "fan 2 high", "a timer 4 ten minutes": a digit standing for the word
                # that sounds like it, when the phrases pair that word with both neighbours
                # and never the digit ("order 2 burgers" keeps its number).
                before, after = out[-1], tokens[k + 1]
                if (
                    (before, homophone) in self._pairs
                    and (homophone, after) in self._pairs
                    and (before, token) not in self._pairs
                ):
                    fixes[token] = homophone
                    out.append(homophone)
                    continue
            if token in self._function_words and k > 0:
                # A function word is known, so the rest of this loop leaves it; but one letter
                # short of the word the phrases say after the previous one, it is a typo of it.
                word = self._real_word_typo(out[-1], token, tokens[k + 1 : k + 2])
                if word is not None:
                    fixes[token] = word
                    out.append(word)
                    continue
            if (
                len(token) < SHORTEST
                or not token.isalpha()
                or token in self.vocabulary
                or token in extra
            ):
                out.append(token)
                continue
            key = (token, extra_key)
            if key in self._memo:
                fixed = self._memo[key]
            else:
                fixed = self._closest(token, extra_choices)
                if len(self._memo) > 50_000:
                    self._memo.clear()
                self._memo[key] = fixed
            if fixed:
                fixes[token] = fixed
                out.extend(fixed.split())  # two words run together come apart
            else:
                out.append(token)
        return out, fixes

    def _real_word_typo(self, before: str, token: str, after: Sequence[str]) -> str | None:
        """The word ``token`` is a typo of, judged by its neighbours, or None.

        "turn of the light": "of" is a real word, but no phrase says "turn of", while "turn off"
        and "off the" are said. Only a function word one letter short of another known word
        (a dropped letter, the commonest typo) is read so, and only when the phrases pair the
        other word with both neighbours and never ``token`` with the one before.
        """
        if len(token) < 2 or (before, token) in self._pairs:
            return None
        found = [
            word
            for word in {
                token[:i] + c + token[i:] for i in range(len(token) + 1) for c in ascii_lowercase
            }
            if (before, word) in self._pairs and (not after or (word, after[0]) in self._pairs)
        ]
        return max(found, key=lambda w: (self._counts[w], w)) if found else None

    def _joined(self, token: str) -> str | None:
        """Two known words typed as one ("livingroom", "frontdoor"), when some phrase says
        them together; else None."""
        for i in range(SHORTEST, len(token) - SHORTEST + 1):
            pair = (token[:i], token[i:])
            if pair in self._pairs:
                return f"{pair[0]} {pair[1]}"
        return None

    def _closest(self, token: str, extra_choices: list[str]) -> str | None:
        # Imported here: a sentence whose words are all known (most of them) never needs
        # rapidfuzz, and importing it was ~2 % of a warm `speaker-sim say`.
        from rapidfuzz import process
        from rapidfuzz.distance import OSA

        joined = self._joined(token)
        if joined is not None:
            return joined
        # A form of a known word ("looking" of "look") is a word as said, not a typo, unless
        # the two safe typos make it another known word ("stoped" -> "stopped"): a changed
        # letter would read "looking" as "booking".
        bases = word_bases(token) - {token}
        inflected = any(b in self.vocabulary for b in bases)
        limit = 1 if len(token) < 8 else 2
        found: list[tuple[int, bool, int, str]] = []
        if len(token) == SHORTEST:
            found.extend(
                (1, word[0] != token[0], -self._counts[word], word)
                for word in _swaps(token)
                if word in self._short
            )
        for choices in (self._choices, extra_choices):
            if not choices:
                continue
            for word, distance, _ in process.extract(
                token, choices, scorer=OSA.distance, score_cutoff=limit, limit=20
            ):
                if (
                    (len(token) <= MIN_LENGTH or word in self._safe_only or inflected)
                    and word not in bases
                    and sorted(word) != sorted(token)
                    and not (len(word) == len(token) + 1 and _dropped(token, word))
                ):
                    continue  # three or four letters: a swap or a dropped letter only
                # Nearest first; then a word with the same first letter (people rarely get
                # the first letter wrong); then the more used word; then alphabetical.
                found.append((int(distance), word[0] != token[0], -self._counts[word], word))
        return min(found)[3] if found else None


def _swaps(token: str) -> list[str]:
    """``token`` with each pair of neighbouring (different) letters swapped."""
    return [
        token[:i] + token[i + 1] + token[i] + token[i + 2 :]
        for i in range(len(token) - 1)
        if token[i] != token[i + 1]
    ]


def _dropped(token: str, word: str) -> bool:
    """Whether ``token`` is ``word`` with one letter left out."""
    return any(word[:i] + word[i + 1 :] == token for i in range(len(word)))


# Endings English adds to a word it already has: the possessive, plurals and third persons,
# past forms, "-ing", comparatives, "-ly". Longest first, so "-ies" is tried before "-s".
_ENDINGS: Final = ("'s", "s'", "ies", "ied", "ing", "est", "es", "ed", "er", "ly", "s")


def word_bases(word: str) -> frozenset[str]:
    """The forms ``word`` may be an inflection of, itself included.

    "remembering" -> "remember", "supported" -> "support", "tomorrow's" -> "tomorrow",
    "keeping" -> "keep", "stopped" -> "stop", "cities" -> "city", "warmer" -> "warm". Crude on
    purpose (no dictionary): the forms are only compared with words the skills use, so a wrong
    guess ("news" -> "new") costs nothing unless the skills use that word too. Words under four
    letters and bases under three are left alone: "is" is no form of "i".
    """
    forms = {word}
    if len(word) < MIN_LENGTH or not word.replace("'", "").isalpha():
        return frozenset(forms)
    for ending in _ENDINGS:
        if not word.endswith(ending) or len(word) - len(ending) < SHORTEST:
            continue
        stem = word[: -len(ending)]
        if ending == "s" and stem.endswith(("s", "u", "i")):
            continue  # "glass", "status", "this": no plural
        forms.add(stem)
        if ending in ("ies", "ied"):
            forms.add(stem + "y")
        elif ending in ("ing", "ed", "er", "est", "es"):
            forms.add(stem + "e")  # "closing" -> "close", "saved" -> "save"
            if len(stem) >= 2 and stem[-1] == stem[-2] and stem[-1] not in "aeiouls":
                forms.add(stem[:-1])  # "stopped" -> "stop", "hotter" -> "hot"
        break
    return frozenset(f for f in forms if len(f) >= SHORTEST)
