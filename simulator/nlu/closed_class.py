"""English words of the closed classes: the ones that name no request of their own, and the
determiners, auxiliaries and pronouns the readings of `simulator.nlu` and the router share.

Pronouns ("them", "anyone"), conjunctions ("but", "whether") and the adverbs that colour a
sentence without changing what is asked ("even", "exactly", "anyway", "again"). A request
said with them ("cancel all of them", "what are you exactly", "is it raining again") is the
same request; when no skill's samples happen to use such a word, the learned stage's coverage
(`Router._strangeness`) must not count it as a word about something else. The list is closed
on purpose: a noun or a verb, however common, may be what an out-of-scope request is about.

The smaller classes below are kept here once, by what they are: a reading that needs a
variant builds it from them (``DEFINITE_DETERMINERS - {"these", "those"}``) and says why.
"""

from __future__ import annotations

from typing import Final

__all__ = [
    "ARTICLES",
    "AUXILIARIES",
    "CLOSED_CLASS",
    "CONDITION_OPENERS",
    "DEFINITE_DETERMINERS",
    "DEMONSTRATIVES",
    "DETERMINERS",
    "MODALS",
    "NOUN_PHRASE_STARTS",
    "POINTING_PRONOUNS",
    "POSSESSIVES",
    "PREPOSITIONS",
    "QUESTION_OPENERS",
    "SUBJECT_PRONOUNS",
    "TAG_PHRASES",
    "TAG_SUBJECTS",
    "UNIVERSAL_QUANTIFIERS",
]

CLOSED_CLASS: Final = frozenset(
    {
        # pronouns and determiners
        "them",
        "they",
        "their",
        "theirs",
        "themselves",
        "its",
        "itself",
        "his",
        "her",
        "hers",
        "him",
        "she",
        "he",
        "myself",
        "yourself",
        "ourselves",
        "anyone",
        "anybody",
        "someone",
        "somebody",
        "both",
        "either",
        "neither",
        "each",
        "these",
        "those",
        "whatever",
        "whichever",
        "whoever",
        # conjunctions
        "but",
        "because",
        "though",
        "although",
        "whether",
        "than",
        "unless",
        "while",
        # adverbs that colour a sentence
        "even",
        "exactly",
        "actually",
        "anyway",
        "anyways",
        "again",
        "really",
        "still",
        "yet",
        "also",
        "too",
        "very",
        "maybe",
        "perhaps",
        "quite",
        "rather",
        "already",
        "ever",
        "instead",
        "else",
        "indeed",
        "simply",
        "basically",
        "literally",
        "truly",
        "certainly",
        "definitely",
        "probably",
        "possibly",
        "merely",
        "altogether",
        "otherwise",
    }
)

ARTICLES: Final = frozenset({"a", "an", "the"})
"""The articles."""

POSSESSIVES: Final = frozenset({"my", "your", "our", "his", "her", "their"})
"""The possessive determiners ("my alarm", "their lights"); not "its", which names no thing a
request is about."""

DEMONSTRATIVES: Final = frozenset({"this", "that", "these", "those"})
"""The demonstratives, as determiners ("this song") or pronouns ("cancel those")."""

DEFINITE_DETERMINERS: Final = frozenset({"the"}) | POSSESSIVES | DEMONSTRATIVES
"""Determiners of a thing already known ("the timer", "my alarm", "that song"): a thing named
with one can be pointed back to as it was said."""

DETERMINERS: Final = ARTICLES | POSSESSIVES | DEMONSTRATIVES | frozenset({"some", "any"})
"""Words that only point at a thing: a span of these alone names nothing (see
`simulator.sdk.slots.FreeText`)."""

UNIVERSAL_QUANTIFIERS: Final = frozenset({"every", "each"})
"""Determiners that take every thing of a kind: a span opening with one names no one thing
("cancel every single running timer" is no timer called "every single running"; see
`simulator.sdk.slots.FreeText`'s ``one_thing``). "all" is left out: it opens names ("the all
hands meeting")."""

NOUN_PHRASE_STARTS: Final = ARTICLES | frozenset({"my", "your", "our", "this", "that"})
"""The determiners a thing said to a speaker usually starts with: the articles, the speaker's
and the listener's possessives, the singular demonstratives ("the lights", "my list", "this
song"). A word after one of them is a noun, not a verb."""

MODALS: Final = frozenset(
    {"will", "would", "can", "could", "shall", "should", "may", "might", "must"}
)
"""The modal verbs."""

AUXILIARIES: Final = (
    frozenset({"do", "does", "did", "am", "is", "are", "was", "were", "have", "has", "had"})
    | MODALS
)
"""The auxiliaries and modals: one before a subject makes a question ("is it raining", "can
you"), one after "when" or a pronoun a clause of its own."""

POINTING_PRONOUNS: Final = frozenset({"it", "them"})
"""The object pronouns that point back at a thing named before ("cancel them", "move it")."""

QUESTION_OPENERS: Final = frozenset(
    {"what", "which", "who", "when", "where", "how", "whether", "if"}
)
"""Words that open a question said inside a sentence ("i don't know what date it is",
"tell me whether it rains")."""

SUBJECT_PRONOUNS: Final = frozenset({"i", "you", "we", "he", "she", "it", "they", "there"})
"""The pronouns that stand as a clause's subject, "there" of "there are" among them: the
subject of a question tag ("isn't it", "don't i", "aren't there")."""

TAG_SUBJECTS: Final = SUBJECT_PRONOUNS | frozenset({"that", "ya"})
"""The words a question tag's auxiliary is followed by ("is it", "isn't that", "will ya")."""

TAG_PHRASES: Final = frozenset(
    {
        ("right",),
        ("yeah",),
        ("yes",),
        ("eh",),
        ("innit",),
        ("correct",),
        ("no",),
        ("ok",),
        ("okay",),
        ("surely",),
        ("is", "that", "right"),
        ("is", "that", "correct"),
        ("am", "i", "right"),
        ("if", "you", "would"),
        ("if", "you", "could"),
        ("if", "you", "please"),
        ("if", "you", "can"),
        ("if", "you", "do", "not", "mind"),
        ("if", "you", "would", "not", "mind"),
    }
)
"""Question and request tags that are no auxiliary and pronoun ("..., right?", "..., if you
would"), as normalised words; the auxiliary ones ("isn't it" -> "is not it", "would you") are
read by their shape with `AUXILIARIES` and `TAG_SUBJECTS`."""

CONDITION_OPENERS: Final = (
    ("if",),
    ("when",),
    ("whenever",),
    ("once",),
    ("unless",),
    ("since",),
    ("as",),
    ("because",),
    ("cos",),
    ("cause",),
    ("in", "case"),
    ("just", "in", "case"),
    ("so", "that"),
    ("so",),
    ("seeing", "as"),
    ("seeing", "that"),
    ("given", "that"),
    ("provided", "that"),
    ("provided",),
    ("assuming",),
    ("as", "long", "as"),
)
"""The subordinators that open a condition, a reason or a purpose said before a request ("if
milk is on the list, ...", "in case i forgot, ...", "so i get it right, ..."), longest first
where one opens another ("as long as" is tried before "as" by the reader)."""

PREPOSITIONS: Final = frozenset(
    {
        "at",
        "in",
        "on",
        "by",
        "for",
        "from",
        "to",
        "of",
        "off",
        "with",
        "about",
        "into",
        "onto",
        "out",
        "up",
        "down",
        "back",
        "over",
        "under",
        "before",
        "after",
    }
)
"""Prepositions and the particles a verb takes ("turn it off", "go back to it"): after one, a
demonstrative stands on its own ("what is that in celsius")."""
