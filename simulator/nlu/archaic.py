"""Archaic and theatrical English, and the speaker addressed by a title: read as plain words.

People play with a speaker. They talk to it as to a herald or a minstrel ("recite my camping
list, herald!"), in stage English ("who art thou?", "what hour hath struck?", "pray tell,
what date doth it show?") and with mock titles ("good speaker", "oh keeper of days", "noble
device"). The skills' templates and samples are modern English, so two readings help:

* :func:`modernise`: the archaic *function words* read as the modern ones (:data:`ARCHAIC`:
  "thy" -> "your", "doth" -> "does", "hath" -> "has", "unto" -> "to", "henceforth" -> "from
  now on"; "art" only beside "thou"/"thee"/"ye", where it is a verb: "art deco lamp" keeps its
  word), and exclamations with no request of their own ("hark", "lo", "forsooth") set aside.
  The table is a closed class of words, the same for every skill, like the fillers; a word some
  skill's templates use (``known``) is left as said.
* :func:`addresses`: a *vocative*, the speaker addressed by a noun phrase set off by typed
  punctuation at the start, inside or at the end of the sentence ("..., maestro!", "minstrel,
  ...", ", oh sage", ", kind machine,"). It is found by its shape, not by a list of titles: a
  clause that opens with "o"/"oh" or a word of address ("good", "kind", "noble", "dear",
  "fair", "wise" ...; :data:`ADDRESS_OPENERS`) and holds no verb a template starts with, no
  number and no name of the home; or a clause of one or two words no skill uses, said to one
  hearer (not a plural: "..., eggs" may be a list's item), or the speaker's own name
  ("speaker", "device", "machine"). The address carries no slot value, so it is set aside as
  fillers are. A greeting ("good morning", "good night") is no address.

Both are second readings: the router tries them only when the words as said found nothing
firm, and every later second chance (typos, wishes, synonyms, asides, the learned stage) reads
the request so read.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from itertools import pairwise
from typing import Final

from simulator.nlu.fillers import FILLER_WORDS, REGIONAL, SHORTHAND
from simulator.nlu.framing import AUDIENCE, HESITATIONS, REPAIR_MARKERS

__all__ = ["ADDRESS_OPENERS", "ARCHAIC", "SELF_NAMES", "addresses", "modernise", "simile"]

ARCHAIC: Final[dict[str, str]] = {
    # pronouns
    "thy": "your",
    "thine": "your",
    "thee": "you",
    "thou": "you",
    "ye": "you",
    "thyself": "yourself",
    # auxiliaries and their second-person forms
    "doth": "does",
    "dost": "do",
    "didst": "did",
    "hath": "has",
    "hast": "have",
    "hadst": "had",
    "wilt": "will",
    "shalt": "will",
    "shall": "will",
    "canst": "can",
    "couldst": "could",
    "wouldst": "would",
    "shouldst": "should",
    "mayst": "may",
    "wast": "were",
    "wert": "were",
    # particles, adverbs, conjunctions
    "unto": "to",
    "ere": "before",
    "whilst": "while",
    "betwixt": "between",
    "amongst": "among",
    "hither": "here",
    "thither": "there",
    "whither": "where",
    "wherefore": "why",
    "oft": "often",
    "perchance": "perhaps",
    "mayhap": "perhaps",
    "methinks": "i think",
    "naught": "nothing",
    "aught": "anything",
    "forthwith": "now",
    "henceforth": "from now on",
    "hereafter": "from now on",
    "tis": "it is",
    "twas": "it was",
    "prithee": "please",
    # days and times
    "morrow": "tomorrow",
    "morn": "morning",
    "eventide": "evening",
}
"""Archaic and theatrical function words and the modern words they are (see :func:`modernise`)."""

# Phrases read before the words one by one, longest first.
_PHRASES: Final[tuple[tuple[tuple[str, ...], tuple[str, ...]], ...]] = tuple(
    sorted(
        (
            (tuple(k.split()), tuple(v.split()))
            for k, v in {
                "good morrow": "good morning",
                "on the morrow": "tomorrow",
                "the morrow": "tomorrow",
                "pray tell me": "tell me",
                "pray tell": "tell me",
                "i pray thee": "please",
                "i pray you": "please",
                "i beg of you": "please",
                "i beg you": "please",
                "i beg": "please",
                "mine own": "my own",
                "art thou": "are you",
                "art thee": "are you",
                "thou art": "you are",
                "ye are": "you are",
            }.items()
        ),
        key=lambda kv: len(kv[0]),
        reverse=True,
    )
)

# Exclamations that carry no request: set aside wherever they stand.
_EXCLAMATIONS: Final = frozenset({"hark", "lo", "forsooth", "verily", "alas", "huzzah", "prithee"})

# "pray" opens a request as "please" does ("pray, what time is it"), at the start only.
_LEADING: Final = {"pray": "please"}

ADDRESS_OPENERS: Final = frozenset(
    {
        "o",
        "oh",
        "good",
        "kind",
        "dear",
        "dearest",
        "noble",
        "fair",
        "wise",
        "gentle",
        "sweet",
        "humble",
        "mighty",
        "trusty",
        "faithful",
        "loyal",
        "brave",
        "most",
        "great",
        "beloved",
        "honoured",
        "honored",
        "esteemed",
        "thou",
    }
)
"""Words that open an address to the hearer ("oh sage", "good speaker", "noble device")."""

SELF_NAMES: Final = frozenset({"speaker", "device", "machine", "assistant", "computer", "box"})
"""What the speaker is called when addressed as itself."""

# "good morning", "good night", "good day": a greeting, not an address.
_GREETING_TIMES: Final = frozenset(
    {"morning", "afternoon", "evening", "night", "day", "morrow", "luck", "bye", "job"}
)
_MAX_ADDRESS: Final = 6
"""The most words of an address ("oh keeper of the hours of day")."""


# Words a clause before an address does not end with: what it says goes on past the mark ("my
# name is, um, jo", "add to the list, apples"), so what follows is a value, not a title.
_OPEN_ENDS: Final = frozenset(
    {"is", "are", "am", "was", "were", "be", "as", "called", "named", "call", "name"}
    | {"to", "for", "of", "the", "a", "an", "my", "your", "and", "or", "with", "at", "in"}
    | {"on", "from", "into", "about", "like", "than", "add", "play", "put", "remove"}
    # A repair marker: a value said again follows ("jo, no, joanna").
    | {marker[-1] for marker in REPAIR_MARKERS}
)
_NOT_TITLES: Final = FILLER_WORDS | frozenset(SHORTHAND) | frozenset(REGIONAL) | AUDIENCE
"""Words the fillers' pass reads ("please", "um", "pls") and the people in the room the frames
read ("class", "kids"): never a title of the speaker."""


def _is_address(
    clause: Sequence[str],
    known: Callable[[str], bool],
    named: Callable[[str], bool],
    starts: frozenset[str],
) -> bool:
    """Whether a clause set off by punctuation is the speaker addressed by a title."""
    if not clause or len(clause) > _MAX_ADDRESS or any(any(c.isdigit() for c in w) for w in clause):
        return False
    if any(w in _NOT_TITLES and w not in ADDRESS_OPENERS and w not in SELF_NAMES for w in clause):
        return False
    if clause[0] in ADDRESS_OPENERS:
        rest = clause[1:]
        if clause[0] == "good" and rest and rest[0] in _GREETING_TIMES:
            return False
        if not rest:
            return clause[0] in ("o", "oh")
        # A noun phrase: no verb a template starts with, no name of the home but the
        # speaker's own ("o speaker", "noble device").
        return not any(w in starts or (named(w) and w not in SELF_NAMES) for w in rest)
    if len(clause) <= 2 and all(w in SELF_NAMES for w in clause):
        return True
    # A title no skill uses ("herald", "maestro"), said to one hearer.
    last = clause[-1]
    plural = last.endswith("s") and not last.endswith("ss")
    return len(clause) <= 2 and not plural and not any(known(w) or named(w) for w in clause)


def addresses(
    tokens: Sequence[str],
    breaks: Sequence[int],
    known: Callable[[str], bool],
    named: Callable[[str], bool],
    starts: frozenset[str],
) -> tuple[list[str], list[list[str]]]:
    """``tokens`` without the clauses (between typed ``breaks``) that address the speaker by a
    title, and those clauses. ``known`` tells a word some skill uses, ``named`` a word of the
    home's names (devices, rooms, scenes), ``starts`` the words templates start with.

    Nothing is set aside when every clause would be (the sentence is all address)."""
    if not breaks:
        return list(tokens), []
    edges = [0, *sorted(b for b in breaks if 0 < b < len(tokens)), len(tokens)]
    kept: list[str] = []
    gone: list[list[str]] = []
    before = ""  # the last word before the clause, hesitations aside
    for start, end in pairwise(edges):
        clause = list(tokens[start:end])
        if before not in _OPEN_ENDS and _is_address(clause, known, named, starts):
            gone.append(clause)
        else:
            kept.extend(clause)
        said = [w for w in clause if w not in HESITATIONS]
        if said:
            before = said[-1]
    if not kept:
        return list(tokens), []
    return kept, gone


def modernise(tokens: Sequence[str], known: frozenset[str]) -> tuple[list[str], dict[str, str]]:
    """``tokens`` with archaic function words read as modern ones, and ``{as said: as read}``
    ("" for an exclamation set aside). A single word some template uses (``known``) is left."""
    out: list[str] = []
    read: dict[str, str] = {}
    i = 0
    while i < len(tokens):
        phrase = next(
            ((k, v) for k, v in _PHRASES if tuple(tokens[i : i + len(k)]) == k),
            None,
        )
        if phrase is not None:
            read[" ".join(phrase[0])] = " ".join(phrase[1])
            out.extend(phrase[1])
            i += len(phrase[0])
            continue
        token = tokens[i]
        i += 1
        if token in known:
            out.append(token)
        elif token in _EXCLAMATIONS:
            read[token] = ""
        elif i == 1 and token in _LEADING:
            read[token] = _LEADING[token]
            out.append(_LEADING[token])
        elif token in ARCHAIC:
            read[token] = ARCHAIC[token]
            out.extend(ARCHAIC[token].split())
        else:
            out.append(token)
    if not out:
        return list(tokens), {}
    return out, read


_SIMILE_MIN: Final = 3
"""The fewest words of a simile at the end ("like a deck of cards"): "like a" and a noun."""


# Words after which "like" is a verb or a likeness asked about, not a simile: "i would like a
# timer", "what does it look like", "something like a waltz".
_LIKERS: Final = frozenset(
    {"i", "you", "we", "they", "he", "she", "would", "really", "do", "does", "did", "not"}
    | {"feel", "feels", "look", "looks", "sound", "sounds", "seem", "seems", "is", "are"}
    | {"something", "anything", "just", "also", "to", "should", "could", "might", "will"}
    | {"more", "much", "less", "most"}
)


def simile(tokens: Sequence[str]) -> tuple[list[str], list[str]]:
    """``tokens`` without a simile said at the end ("shuffle the songs like a deck of cards",
    "dim the lights like a sunset"), and the simile; ``([...tokens], [])`` when there is none.

    A comparison with "like a/an" paints the request and names no slot value; "like the"
    and "like" before a name are left, since they may name what is wanted ("play something
    like the beatles")."""
    for i in range(len(tokens) - _SIMILE_MIN, _SIMILE_MIN - 1, -1):
        if tokens[i] == "like" and tokens[i + 1] in ("a", "an") and tokens[i - 1] not in _LIKERS:
            return list(tokens[:i]), list(tokens[i:])
    return list(tokens), []
