"""Text clean-up and normalisation for utterances and template literals.

Two levels are offered:

* :func:`clean_display` makes arbitrary user input safe to *show*: terminal
  escape sequences and control characters are removed, whitespace is
  collapsed, but case and punctuation are kept.
* :func:`normalize` produces the canonical form that templates and utterances
  are compared in: NFKC, case-folded, common contractions expanded,
  punctuation reduced to token boundaries, CJK split per character.

Both functions are total: they never raise for any ``str`` (lone surrogates,
emoji, right-to-left text, very long input).
"""

from __future__ import annotations

import re
import unicodedata
from typing import Final

from simulator.nlu.zh import to_simplified

__all__ = [
    "BARE_CONTRACTIONS",
    "MAX_UTTERANCE_CHARS",
    "clause_breaks",
    "clean_display",
    "expand_contractions",
    "normalize",
    "tokenize",
]

MAX_UTTERANCE_CHARS: Final = 1000
"""Longest utterance the engine accepts; longer input is rejected before routing."""

# --- clean_display ---------------------------------------------------------

# Terminal escape sequences, 7-bit and 8-bit forms. String-type sequences
# (OSC, DCS, SOS, PM, APC) run until BEL or ST; if unterminated they run to the
# end of the text, which is what a terminal would swallow as well.
_ANSI_RE: Final = re.compile(
    "|".join(
        [
            r"(?:\x1b\[|\x9b)[\x30-\x3f]*[\x20-\x2f]*[\x40-\x7e]?",  # CSI
            r"(?:\x1b\]|\x9d)[^\x07\x1b\x9c]*(?:\x07|\x1b\\|\x9c)?",  # OSC
            r"(?:\x1b[PX^_]|[\x90\x98\x9e\x9f])[^\x1b\x9c]*(?:\x1b\\|\x9c)?",  # DCS/SOS/PM/APC
            r"\x1b[\x20-\x2f]*[\x30-\x7e]",  # other ESC sequences (nF, Fp, Fe, Fs)
        ]
    )
)
# Characters that separate words visually: turn into a space rather than
# vanishing so "a\tb" stays two words.
_SPACE_CONTROLS_RE: Final = re.compile(r"[\t\n\v\f\r\x85\u2028\u2029]")
# Remaining C0/C1 controls and DEL, plus bidi embedding/override/isolate
# characters, which can reorder what is displayed ("Trojan source").
_DROP_CONTROLS_RE: Final = re.compile(r"[\x00-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069]")
# Lone surrogates cannot be encoded for output; show them as U+FFFD.
_SURROGATE_RE: Final = re.compile(r"[\ud800-\udfff]")


def clean_display(text: str) -> str:
    """Return *text* made safe for display.

    Removes ANSI/VT escape sequences and control characters (tabs and line
    breaks become spaces), replaces lone surrogates with U+FFFD, collapses
    runs of whitespace to one space and strips the ends. Case and punctuation
    are preserved.
    """
    if text.isascii() and text.isprintable():
        # Printable ASCII has no escape sequence, control or surrogate to remove: the common
        # case, on every turn, skips the four regular expressions.
        return " ".join(text.split())
    text = _SURROGATE_RE.sub("\ufffd", text)
    text = _ANSI_RE.sub("", text)
    text = _SPACE_CONTROLS_RE.sub(" ", text)
    text = _DROP_CONTROLS_RE.sub("", text)
    return " ".join(text.split())


# --- normalize -------------------------------------------------------------

# Apostrophe look-alikes that people (and phone keyboards) type.
_APOSTROPHES: Final = str.maketrans(
    dict.fromkeys("\u2018\u2019\u201b\u02bc\u2032\u0060\u00b4", "'")
)

# A deliberately small table: only unambiguous, common forms. Possessives
# ("john's") are not in it and therefore left alone.
_CONTRACTIONS: Final[dict[str, str]] = {
    "what's": "what is",
    "what're": "what are",
    "it's": "it is",
    "i'm": "i am",
    "i'd": "i would",
    "i'll": "i will",
    "i've": "i have",
    "you're": "you are",
    "you've": "you have",
    "you'll": "you will",
    "you'd": "you would",
    "we're": "we are",
    "we've": "we have",
    "we'll": "we will",
    "they're": "they are",
    "they've": "they have",
    "they'll": "they will",
    "he's": "he is",
    "she's": "she is",
    "that's": "that is",
    "there's": "there is",
    "here's": "here is",
    "who's": "who is",
    "how's": "how is",
    "where's": "where is",
    "when's": "when is",
    "why's": "why is",
    "let's": "let us",
    "don't": "do not",
    "doesn't": "does not",
    "didn't": "did not",
    "isn't": "is not",
    "aren't": "are not",
    "wasn't": "was not",
    "weren't": "were not",
    "haven't": "have not",
    "hasn't": "has not",
    "hadn't": "had not",
    "can't": "can not",
    "cannot": "can not",
    "couldn't": "could not",
    "won't": "will not",
    "wouldn't": "would not",
    "shouldn't": "should not",
}
# The same contractions typed without the apostrophe, as people do in chat and as speech
# recognisers sometimes write them. Only forms that are not also English words are listed:
# "its", "lets", "wont", "were", "ill", "id", "hell", "shell" stay as they are.
_BARE_CONTRACTIONS: Final[dict[str, str]] = {
    k.replace("'", ""): v
    for k, v in _CONTRACTIONS.items()
    if "'" in k
    and k.replace("'", "")
    not in {
        "its",
        "lets",
        "wont",
        "were",
        "ill",
        "id",
        "hell",
        "shell",
        "well",
        "wed",
        "hes",
        "shes",
    }
}
_CONTRACTION_RE: Final = re.compile(
    r"(?<![\w'])(" + "|".join(re.escape(k) for k in _CONTRACTIONS) + r")(?![\w'])"
)

# Private-use characters are used below as placeholders for punctuation that
# must survive the "punctuation -> space" step, so input PUA characters are
# removed first.
_PUA_RE: Final = re.compile(r"[\ue000-\uf8ff]")
_KEEP_DOT: Final = "\ue000"  # decimal point: 7.5
_KEEP_COLON: Final = "\ue001"  # time separator: 6:30
_KEEP_APOS: Final = "\ue002"  # word-internal apostrophe: john's, o'clock
_KEEP_MINUS: Final = "\ue003"  # sign of a number: -5
# Each pattern with the characters one of which every text it changes holds (to skip it cheaply).
_PROTECT: Final[list[tuple[re.Pattern[str], str, str]]] = [
    (re.compile(r"(?<=\d),(?=\d{3}(?!\d))"), "", ","),  # thousands separator: 1,000 -> 1000
    (re.compile(r"(?<=\d)\.(?=\d)"), _KEEP_DOT, "."),
    (re.compile(r"(?<=\d):(?=\d)"), _KEEP_COLON, ":"),
    (re.compile(r"(?<=\w)'(?=\w)"), _KEEP_APOS, "'"),
    (re.compile(r"(?<![\w.\-])[-\u2212](?=\d)"), _KEEP_MINUS, "-\u2212"),
]
_DIGIT_RE: Final = re.compile(r"\d")
_RESTORE: Final[dict[str, str]] = {
    _KEEP_DOT: ".",
    _KEEP_COLON: ":",
    _KEEP_APOS: "'",
    _KEEP_MINUS: "-",
}
# Symbols that carry meaning in utterances ("50%", "20°") become own tokens.
_SYMBOL_TOKENS: Final = frozenset("%°")


def _is_cjk(cp: int) -> bool:
    """Return True for ideographs, kana and hangul (tokenised per character)."""
    return (
        0x4E00 <= cp <= 0x9FFF  # CJK unified ideographs
        or 0x3400 <= cp <= 0x4DBF  # extension A
        or 0x20000 <= cp <= 0x3FFFF  # extensions B+ (planes 2-3)
        or 0xF900 <= cp <= 0xFAFF  # compatibility ideographs
        or 0x3040 <= cp <= 0x30FF  # hiragana, katakana
        or 0x31F0 <= cp <= 0x31FF  # katakana phonetic extensions
        or 0xAC00 <= cp <= 0xD7AF  # hangul syllables
        or 0x1100 <= cp <= 0x11FF  # hangul jamo
        or 0x3130 <= cp <= 0x318F  # hangul compatibility jamo
        or cp == 0x3005  # ideographic iteration mark
    )


class _CharMap(dict[int, str]):
    """Lazily computed, cached ``str.translate`` table for the final pass.

    ``str.translate`` runs in C and only calls ``__missing__`` once per
    distinct character, so classifying by Unicode category stays cheap even
    for very long input.
    """

    def __missing__(self, cp: int) -> str:
        ch = chr(cp)
        if ch in _RESTORE:
            out = _RESTORE[ch]
        elif ch in _SYMBOL_TOKENS or _is_cjk(cp):
            out = f" {ch} "
        else:
            cat = unicodedata.category(ch)
            if cat[0] in "LMN":
                out = ch
            elif cat == "Cf":
                # Zero-width joiners, soft hyphens, BOM: invisible, drop without
                # splitting the word they sit in.
                out = ""
            else:
                # Punctuation, symbols (incl. emoji), separators, other controls.
                out = " "
        self[cp] = out
        return out


_CHAR_MAP: Final = _CharMap()


def _expand_contraction(m: re.Match[str]) -> str:
    return _CONTRACTIONS[m.group(1)]


def normalize(text: str) -> str:
    """Return the canonical, space-separated token form of *text*.

    Steps: :func:`clean_display`, NFKC, case-folding, apostrophe unification,
    expansion of a small table of English contractions ("what's" -> "what
    is"; possessives are left alone), hyphens/underscores/slashes and other
    punctuation become spaces, ``%`` and ``°`` become separate tokens,
    decimals ("7.5"), times ("6:30"), signed numbers ("-5") and word-internal
    apostrophes ("o'clock") are kept, thousands separators are dropped
    ("1,000" -> "1000"), CJK characters are split into one token each, and
    whitespace is collapsed. Never raises.
    """
    text = clean_display(text)
    if text.isascii():
        # NFKC leaves ASCII as it is, ASCII case-folds as lower(), and it holds no private-use
        # or Chinese characters: the same result as below, without three passes.
        text = text.lower()
        if "`" in text:  # the one ASCII key of _APOSTROPHES (a translate costs ~2 µs)
            text = text.replace("`", "'")
    else:
        # casefold() can produce sequences that are no longer NFKC, hence twice.
        text = unicodedata.normalize("NFKC", unicodedata.normalize("NFKC", text).casefold())
        text = _PUA_RE.sub(" ", text).translate(_APOSTROPHES)
        text = to_simplified(text)  # traditional Chinese variants (simulator.nlu.zh)
    if "'" in text or "cannot" in text:  # cheap pre-check; the regex is the real test
        text = _CONTRACTION_RE.sub(_expand_contraction, text)
    # Every protected form holds a digit, or (o'clock) an apostrophe: most requests have
    # neither, and skip the five regular expressions.
    if "'" in text or _DIGIT_RE.search(text):
        for pattern, repl, marks in _PROTECT:
            # Each form holds one of its marks: most sentences skip every pattern.
            if any(c in text for c in marks):
                text = pattern.sub(repl, text)
    text = text.translate(_CHAR_MAP)
    return " ".join(expand_contractions(text.split()))


BARE_CONTRACTIONS: Final = frozenset(_BARE_CONTRACTIONS)
"""Contractions typed without the apostrophe that `normalize` expands ("whats", "dont")."""


def expand_contractions(words: list[str]) -> list[str]:
    """``words`` with each bare contraction expanded ("whats" -> "what", "is").

    For words made after normalising (a typo mended to "whats"); `normalize` does this itself.
    """
    if _BARE_CONTRACTIONS.keys().isdisjoint(words):
        return words
    return [part for w in words for part in _BARE_CONTRACTIONS.get(w, w).split()]


# A mark that ends a clause in typed text: a comma, semicolon, question or exclamation mark, a
# full stop or colon before the next word, or a dash between spaces. Followed by a space (or the
# end), so "1,000", "7.5", "6:30" and "wi-fi" are no breaks.
_CLAUSE_MARK_RE: Final = re.compile(r"(?:[,;?!…]+|[.:](?=\s)|\s[-–—]+)(?=\s|$)")


def clause_breaks(text: str, skip: int = 0) -> tuple[int, ...]:
    """Where typed punctuation split ``text`` into clauses, as indices into its normalised
    words: ``k`` means a mark stood between word ``k - 1`` and word ``k``.

    "pause the music, phone's ringing" gives ``(3,)``. With ``skip``, the indices are into the
    words after the first ``skip`` (a wake word taken off the front). A speaker's transcript has no marks, so
    this tells only what a typed sentence shows. The pieces between marks are normalised one
    by one; if their words do not add up to the whole's (a form the marks cut through), no
    breaks are given rather than wrong ones. Never raises.
    """
    pieces = _CLAUSE_MARK_RE.split(clean_display(text))
    if len(pieces) < 2:
        return ()
    breaks: list[int] = []
    words: list[str] = []
    for piece in pieces:
        part = normalize(piece).split()
        if part and words:
            breaks.append(len(words))
        words.extend(part)
    if words != normalize(text).split():
        return ()
    return tuple(dict.fromkeys(b - skip for b in breaks if b > skip))


def tokenize(text: str) -> list[str]:
    """Return ``normalize(text).split()``."""
    return normalize(text).split()
