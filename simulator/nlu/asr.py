"""A simulated speech recogniser: what the speaker "heard" when you typed something.

Typed text is perfect; speech recognition is not. With ``--asr-noise LEVEL`` every utterance
passes through :class:`SimulatedRecogniser` before normalising, so a learner can watch
recognition errors reach the understanding stage. It makes the mistakes real recognisers make:

* **homophones**: "two" / "to" / "too", "for" / "four", "right" / "write", "weather" / "whether";
* **short words dropped or merged**: "set a timer" heard as "set timer", "in to" as "into";
* **number forms**: "fifteen" / "fifty", "thirteen" / "thirty", digits and words swapped;
* **a misheard device name**: one word of a name from the home turned into a sound-alike
  ("kitchen" → "kitten", "lamp" → "lamb"), or a consonant voiced or unvoiced ("d" → "t").

``level`` (0-1) is the chance that a given word is misrecognised (short function words a bit
more, as in real systems). Everything is seeded: the same seed, text and turn number give the
same result. Each result has an n-best list with confidences, like a recogniser's lattice:
the heard text first, the other readings (often including what was said) after it.
"""

from __future__ import annotations

import random
import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field

from simulator.nlu.numbers import number_to_words

__all__ = ["Hypothesis", "Recognition", "SimulatedRecogniser"]

_HOMOPHONE_SETS: tuple[tuple[str, ...], ...] = (
    ("to", "two", "too"),
    ("for", "four"),
    ("right", "write"),
    ("there", "their"),
    ("one", "won"),
    ("eight", "ate"),
    ("by", "buy", "bye"),
    ("hour", "our"),
    ("no", "know"),
    ("weather", "whether"),
    ("red", "read"),
    ("blue", "blew"),
    ("see", "sea"),
    ("new", "knew"),
    ("son", "sun"),
    ("night", "knight"),
    ("whole", "hole"),
    ("some", "sum"),
    ("tea", "tee"),
    ("pause", "paws"),
    ("higher", "hire"),
    ("lower", "lore"),
    ("off", "of"),
    ("on", "an"),
    ("what's", "watts"),
    ("mute", "moot"),
    ("alarm", "a lamb"),
    ("timer", "time her"),
)
_HOMOPHONES: dict[str, tuple[str, ...]] = {
    word: tuple(w for w in group if w != word) for group in _HOMOPHONE_SETS for word in group
}

# Numbers whose spoken forms recognisers confuse, and the word forms of small numbers.
_NUMBER_CONFUSIONS: dict[str, str] = {}
for _teen, _ty in (
    ("thirteen", "thirty"),
    ("fourteen", "forty"),
    ("fifteen", "fifty"),
    ("sixteen", "sixty"),
    ("seventeen", "seventy"),
    ("eighteen", "eighty"),
    ("nineteen", "ninety"),
):
    _NUMBER_CONFUSIONS[_teen] = _ty
    _NUMBER_CONFUSIONS[_ty] = _teen


def _number_words(n: int) -> str | None:
    """``22`` → ``twenty two`` (up to 99: the numbers a recogniser hears either way)."""
    return number_to_words(n) if 0 <= n <= 99 else None


# The one-word numbers ("seven", "fifteen", "forty"), which a recogniser may write as digits.
_WORD_NUMBERS = {number_to_words(n): n for n in (*range(20), *range(20, 100, 10))}

# Short words recognisers drop (they are unstressed) and pairs they run together.
_DROPPABLE = frozenset(
    ["a", "an", "the", "to", "of", "on", "in", "at", "for", "me", "my", "it", "is", "please", "and"]
)
_MERGES: dict[tuple[str, str], str] = {
    ("in", "to"): "into",
    ("on", "to"): "onto",
    ("some", "thing"): "something",
    ("every", "day"): "everyday",
    ("may", "be"): "maybe",
    ("a", "lot"): "alot",
    ("good", "night"): "goodnight",
    ("bed", "room"): "bedroom",
    ("living", "room"): "livingroom",
}
# Sound-alikes for words of device and room names.
_SOUND_ALIKES: dict[str, tuple[str, ...]] = {
    "kitchen": ("kitten", "chicken"),
    "lamp": ("lamb", "lump"),
    "light": ("like", "bite", "white"),
    "lights": ("likes", "bites"),
    "fan": ("van", "fun"),
    "blinds": ("blends", "binds"),
    "blind": ("blend", "bind"),
    "living": ("leaving", "giving"),
    "hall": ("hole", "haul"),
    "heater": ("eater", "heeder"),
    "speaker": ("sneaker", "beaker"),
    "door": ("dour", "floor"),
    "lock": ("luck", "rock"),
    "bedroom": ("bad room", "bedrum"),
    "office": ("orifice", "offers"),
    "garage": ("garbage", "mirage"),
    "porch": ("torch", "perch"),
    "plug": ("plot", "plum"),
    "curtains": ("certains", "cartons"),
    "thermostat": ("thermos tat", "hermostat"),
    "radio": ("rodeo", "radial"),
    "vacuum": ("vacuole", "back vroom"),
    "purifier": ("pure fire", "putrefier"),
    "desk": ("disk", "dusk"),
    "ceiling": ("sealing", "selling"),
    "floor": ("flour", "flaw"),
    "tv": ("teevee", "tea"),
    "lounge": ("lunge", "lunch"),
    "den": ("then", "ten"),
    "study": ("steady", "sturdy"),
}
# Consonants that recognisers confuse (voiced / unvoiced, nasal / nasal).
_CONSONANT_SWAPS = {
    "b": "p",
    "p": "b",
    "d": "t",
    "t": "d",
    "g": "k",
    "k": "g",
    "v": "f",
    "f": "v",
    "m": "n",
    "n": "m",
    "s": "z",
    "z": "s",
}

# Times and decimals ("6:30", "2.5") are one word; so are contractions ("what's").
_WORD = re.compile(r"\d+(?:[:.]\d+)+|[\w']+|[^\w\s]", re.UNICODE)


@dataclass(frozen=True)
class Hypothesis:
    """One reading of the audio, with the recogniser's confidence in it (0-1)."""

    text: str
    confidence: float


@dataclass(frozen=True)
class Recognition:
    """What was typed, what was heard (the best hypothesis), the n-best list and the changes."""

    typed: str
    heard: str
    n_best: list[Hypothesis] = field(default_factory=list)
    changes: list[str] = field(default_factory=list)
    """What the recogniser got wrong, e.g. ``homophone: two → to``."""


class SimulatedRecogniser:
    """Turns typed text into what a noisy recogniser would have heard.

    ``level`` is 0 (perfect) to 1; ``seed`` fixes the mistakes; ``n_best`` is how many
    hypotheses a result lists.
    """

    def __init__(self, level: float, *, seed: int = 0, n_best: int = 3) -> None:
        """Check the level (0-1) and keep the seed."""
        if not 0.0 <= level <= 1.0:
            raise ValueError(f"the noise level must be between 0 and 1, not {level}")
        self.level = level
        self.seed = seed
        self.n_best = max(1, n_best)
        self._turn = 0

    def recognise(self, text: str, *, names: Iterable[str] = ()) -> Recognition:
        """Hear ``text`` (one utterance). ``names`` are device and room names of the home,
        whose words may be misheard as sound-alikes."""
        self._turn += 1
        return self.recognise_at(text, self._turn, names=names)

    def recognise_at(self, text: str, turn: int, *, names: Iterable[str] = ()) -> Recognition:
        """`recognise` for a given turn number (the same number gives the same result)."""
        if self.level <= 0.0 or not text.strip():
            return Recognition(text, text, [Hypothesis(text, 1.0)])
        name_words = {w for name in names for w in name.lower().split()}
        rng = random.Random(f"{self.seed}:{turn}:{text}")
        words = _WORD.findall(text)
        readings: list[tuple[list[str], list[str]]] = []
        for _ in range(self.n_best * 3):
            heard, changes = self._mishear(words, name_words, rng)
            if all(" ".join(heard) != " ".join(r[0]) for r in readings):
                readings.append((heard, changes))
            if len(readings) >= self.n_best:
                break
        if all(" ".join(words) != " ".join(r[0]) for r in readings):
            readings.append((list(words), []))  # what was said is among the candidates
        scored = []
        for heard, changes in readings:
            # Fewer changes read as more confident, with noise: a recogniser's best guess is
            # not always the truth, and its confidence drops as the audio gets noisier.
            error_share = len(changes) / max(1, len(words))
            score = (1.0 - 0.5 * self.level) * (1.0 - 0.6 * error_share)
            score *= 1.0 - rng.uniform(0.0, 0.35 * self.level)
            scored.append((round(max(0.01, min(score, 0.99)), 2), heard, changes))
        # The reading the noise produced first is what was heard (a confident mistake is what
        # makes recognition errors hard): it leads the list.
        first = scored[0]
        rest = sorted(scored[1:], key=lambda s: s[0], reverse=True)
        top = max(first[0], rest[0][0] + 0.01 if rest else first[0])
        ordered = [(min(top, 0.99), first[1], first[2]), *rest][: self.n_best]
        heard_text = _join(ordered[0][1])
        return Recognition(
            text,
            heard_text,
            [Hypothesis(_join(h), c) for c, h, _ in ordered],
            list(ordered[0][2]),
        )

    def _mishear(
        self, words: Sequence[str], name_words: set[str], rng: random.Random
    ) -> tuple[list[str], list[str]]:
        out: list[str] = []
        changes: list[str] = []
        i = 0
        while i < len(words):
            word = words[i]
            low = word.lower()
            nxt = words[i + 1].lower() if i + 1 < len(words) else None
            short = len(low) <= 3
            if rng.random() >= self.level * (1.3 if short else 1.0):
                out.append(word)
                i += 1
                continue
            # One mistake for this word, of a kind that fits it.
            if nxt is not None and (low, nxt) in _MERGES and rng.random() < 0.7:
                merged = _MERGES[(low, nxt)]
                out.append(merged)
                changes.append(f"merged: {low} {nxt} → {merged}")
                i += 2
                continue
            if low in _HOMOPHONES:
                choice = rng.choice(_HOMOPHONES[low])
                out.append(choice)
                changes.append(f"homophone: {low} → {choice}")
            elif low in _NUMBER_CONFUSIONS:
                out.append(_NUMBER_CONFUSIONS[low])
                changes.append(f"number: {low} → {_NUMBER_CONFUSIONS[low]}")
            elif low.isdigit() and _number_words(int(low)) is not None:
                spoken = _number_words(int(low)) or low
                out.append(spoken)
                changes.append(f"number form: {low} → {spoken}")
            elif low in _WORD_NUMBERS and rng.random() < 0.5:
                out.append(str(_WORD_NUMBERS[low]))
                changes.append(f"number form: {low} → {_WORD_NUMBERS[low]}")
            elif low in _DROPPABLE:
                changes.append(f"dropped: {low}")
            elif low in name_words or low in _SOUND_ALIKES:
                alike = _sound_alike(low, rng)
                out.append(alike)
                changes.append(f"misheard name: {low} → {alike}")
            else:
                out.append(word)  # nothing plausible to confuse this word with
            i += 1
        return out, changes


def _sound_alike(word: str, rng: random.Random) -> str:
    """A word that sounds like ``word``: a known sound-alike, or one consonant swapped."""
    if word in _SOUND_ALIKES:
        return rng.choice(_SOUND_ALIKES[word])
    positions = [i for i, ch in enumerate(word) if ch in _CONSONANT_SWAPS]
    if not positions:
        return word
    i = rng.choice(positions)
    return word[:i] + _CONSONANT_SWAPS[word[i]] + word[i + 1 :]


def _join(words: Sequence[str]) -> str:
    text = " ".join(words)
    return re.sub(r" ([^\w\s])", r"\1", text)
