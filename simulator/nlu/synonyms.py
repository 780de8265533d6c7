"""Verb synonyms: a request started with an everyday verb no template starts with, read as a
verb of the same meaning that templates do start with.

People ask with the verbs they happen to use: "display temperatures in fahrenheit", "read out
my appointments", "erase my shopping list". Templates spell out a few verbs each ("show",
"read", "clear"), so :class:`VerbSynonyms` reads such an opening verb as each verb of the same
meaning, and the router keeps a reading when a template reads it firmly.

A small table of everyday English verb synonyms (:data:`EVERYDAY`: "display" is "show", "read
out" is "read") names the plain verbs; it is general English, not a list of sentences. The
skills lead on from there: the alternatives a template starts with are verbs of one meaning by
the skill author's own word ("(read|show|check|tell me) my calendar"), so "display" is read as
"show" and then as what a skill groups with "show". A verb some template starts with is the
skills' own and is not read as another ("begin" starts a list), and neither are the skills'
groups on their own: an opening alternative is not always a synonym.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from typing import Final

from simulator.nlu.template import Alt, Node, Seq, Word

__all__ = ["EVERYDAY", "VerbSynonyms"]

EVERYDAY: Final[Mapping[tuple[str, ...], tuple[tuple[str, ...], ...]]] = {
    tuple(verb.split()): tuple(tuple(s.split()) for s in synonyms)
    for verb, synonyms in {
        # Showing and telling.
        "display": ("show",),
        "reveal": ("show",),
        "pull up": ("show",),
        "bring up": ("show",),
        "read out": ("read", "tell me"),
        "read me": ("read", "tell me"),
        "show me": ("tell me", "show"),
        "inform me": ("tell me",),
        "look up": ("check",),
        # Starting and stopping.
        "begin": ("start",),
        "commence": ("start",),
        "launch": ("start",),
        "halt": ("stop",),
        "cease": ("stop",),
        "end": ("stop",),
        "abort": ("cancel",),
        "terminate": ("cancel",),
        # Taking away.
        "erase": ("delete", "remove"),
        "wipe": ("clear",),
        "scrap": ("cancel", "delete"),
        "drop": ("remove", "cancel"),
        # Getting.
        "fetch": ("get",),
        "obtain": ("get",),
        # Figurative and literary verbs (the playful and theatrical voice): their plain verbs.
        # Showing, telling and listing.
        "recite": ("read", "tell me", "list"),
        "enumerate": ("list", "read"),
        "itemise": ("list", "read"),
        "itemize": ("list", "read"),
        "unfurl": ("read", "show"),
        "unveil": ("show", "tell me"),
        "disclose": ("tell me", "show"),
        "divulge": ("tell me",),
        "declare": ("tell me", "say"),
        "proclaim": ("say", "tell me"),
        "narrate": ("read", "tell me"),
        "recount": ("tell me", "read"),
        "relate": ("tell me",),
        "impart": ("tell me",),
        "utter": ("say",),
        "speak": ("say", "tell me"),
        "speak of": ("tell me about",),
        "speak to me of": ("tell me about",),
        "regale me with": ("tell me",),
        "enlighten me about": ("tell me about",),
        "enlighten me on": ("tell me about",),
        "enlighten me": ("tell me",),
        "apprise me of": ("tell me",),
        "acquaint me with": ("tell me",),
        "educate me about": ("tell me about",),
        "pose me": ("tell me", "give me"),
        # Playing and music.
        "serenade me with": ("play",),
        "serenade me": ("play",),
        "regale me": ("tell me",),
        "jumble": ("shuffle",),
        "scramble": ("shuffle",),
        # Taking away.
        "banish": ("remove", "delete", "cancel"),
        "vanquish": ("cancel", "delete", "remove"),
        "obliterate": ("delete", "remove", "cancel"),
        "eradicate": ("delete", "remove"),
        "expunge": ("delete", "remove"),
        "efface": ("delete", "remove"),
        "purge": ("clear", "delete"),
        "eliminate": ("remove", "delete"),
        "annihilate": ("delete", "cancel"),
        "discard": ("remove", "delete"),
        "forsake": ("cancel",),
        "rescind": ("cancel",),
        "revoke": ("cancel",),
        "call off": ("cancel",),
        # Quieting, stopping, lighting, darkening.
        "hush": ("quiet", "turn down", "mute"),
        "muffle": ("turn down", "mute"),
        "quieten": ("quiet", "turn down"),
        "extinguish": ("turn off",),
        "douse": ("turn off",),
        "snuff out": ("turn off",),
        "kindle": ("turn on",),
        "ignite": ("turn on",),
        # Making, naming, moving, changing.
        "inscribe": ("add", "write"),
        "jot": ("add",),
        "pen": ("add", "write"),
        "fashion": ("create", "make"),
        "forge": ("create", "make"),
        "conjure": ("make", "create"),
        "conjure up": ("make", "create"),
        "christen": ("name", "rename"),
        "rechristen": ("rename",),
        "relocate": ("move",),
        "transport": ("move",),
        "transform": ("change", "convert"),
        "transmute": ("convert", "change"),
        "alter": ("change",),
        "amend": ("change",),
        "summon": ("call", "open"),
        # Opening and closing.
        "part": ("open",),
        "seal": ("lock", "close"),
        "unseal": ("unlock", "open"),
        "unbolt": ("unlock",),
        "bolt": ("lock",),
        "draw back": ("open",),
        # Uncommon everyday synonyms of the skills' verbs (a thesaurus's first entries).
        # Adding and taking away.
        "append": ("add",),
        "insert": ("add",),
        "tack on": ("add",),
        "omit": ("remove",),
        "exclude": ("remove",),
        "strike off": ("remove",),
        "trash": ("delete",),
        "bin": ("delete", "remove"),
        "dump": ("delete", "remove"),
        "withdraw": ("cancel",),
        "retract": ("cancel",),
        "scrub": ("cancel",),
        "flush": ("clear",),
        # Naming, moving, setting (not making: "build", "set up" take any thing, and the
        # learned stage read "build a house" as a new list).
        "retitle": ("rename",),
        "relabel": ("rename",),
        "transfer": ("move",),
        "configure": ("set",),
        "program": ("set",),
        "programme": ("set",),
        # Reading, listing, checking.
        "go through": ("read", "list"),
        "run through": ("read", "list"),
        "go over": ("read", "list"),
        "rattle off": ("read", "list"),
        "reel off": ("read", "list"),
        "list off": ("read", "list"),
        "summarise": ("read", "tell me"),
        "summarize": ("read", "tell me"),
        "recap": ("read", "tell me"),
        "verify": ("check",),
        "inspect": ("check",),
        "examine": ("check",),
        "ascertain": ("check",),
        "notify me": ("tell me",),
        "present": ("show",),
        "exhibit": ("show",),
        "work out": ("calculate",),
        "tally": ("calculate",),
        # Playing, pausing, stopping.
        "stream": ("play",),
        "queue up": ("play",),
        "blast": ("play",),
        "quit": ("stop",),
        "suspend": ("pause",),
        "freeze": ("pause",),
        "randomise": ("shuffle",),
        "randomize": ("shuffle",),
        # Powering, lighting, locking.
        "fire up": ("turn on", "start"),
        "boot up": ("turn on", "start"),
        "start up": ("turn on", "start"),
        "power up": ("turn on",),
        "engage": ("turn on", "start"),
        "energise": ("turn on",),
        "energize": ("turn on",),
        "shut down": ("turn off",),
        "shut off": ("turn off",),
        "power down": ("turn off",),
        "disengage": ("turn off",),
        "darken": ("dim",),
        "secure": ("lock",),
        "latch": ("lock",),
        "unlatch": ("unlock",),
        "unfasten": ("unlock",),
        # Raising and lowering.
        "boost": ("increase", "turn up"),
        "amplify": ("increase", "turn up"),
        "heighten": ("increase", "raise"),
        "elevate": ("raise", "increase"),
        "diminish": ("decrease", "lower"),
        "lessen": ("decrease", "lower"),
        "bring down": ("lower", "decrease"),
        # Ordering, paying, reminding.
        "purchase": ("order",),
        "buy": ("order",),
        "procure": ("order", "get"),
        "finalise": ("complete", "checkout"),
        "finalize": ("complete", "checkout"),
        "defer": ("snooze",),
        # Not "let me know" (it was a two-word table: the learned stage read "let me know where
        # jim is" as a question for it), "find out", "alert me": each lost a sentence of
        # `eval clinc150` or `eval hwu64`.
    }.items()
}
"""Everyday English verbs no bundled template starts with, and the plainer verbs they mean."""

# Words that open templates without being a verb: alternatives of these are no synonyms.
_NOT_VERBS: Final = frozenset(
    {"a", "an", "the", "my", "your", "our", "his", "her", "their", "this", "that"}
    | {"these", "those", "some", "any", "it", "its", "to"}
)


def _phrase(node: Node) -> tuple[str, ...] | None:
    """The words of an alternative made of one or two literal words, else None."""
    if isinstance(node, Word):
        return (node.text,)
    if isinstance(node, Seq) and 0 < len(node.items) <= 2:
        words = [item.text for item in node.items if isinstance(item, Word)]
        if len(words) == len(node.items):
            return tuple(words)
    return None


def _opening_group(node: Node) -> tuple[tuple[str, ...], ...]:
    """The alternatives a template must start with, when each is a word or two."""
    first = node.items[0] if isinstance(node, Seq) and node.items else node
    if not isinstance(first, Alt):
        return ()
    phrases = [_phrase(option) for option in first.options]
    if any(p is None for p in phrases):
        return ()
    group = tuple(p for p in phrases if p is not None and p[0] not in _NOT_VERBS)
    return group if len(group) >= 2 else ()


@dataclass(frozen=True)
class VerbSynonyms:
    """For each everyday verb (one or two words) no template starts with, the verbs of the same
    meaning templates do start with: the table's plain verbs first, then what the skills'
    opening alternatives group with them."""

    synonyms: Mapping[tuple[str, ...], tuple[tuple[str, ...], ...]] = field(default_factory=dict)
    everyday: Mapping[tuple[str, ...], tuple[tuple[str, ...], ...]] = field(default_factory=dict)
    """The everyday table's verbs kept (those no template starts with), with their plain verbs."""

    @classmethod
    def derive(
        cls,
        nodes: Iterable[Node],
        starts: Iterable[str] = (),
        everyday: Mapping[tuple[str, ...], tuple[tuple[str, ...], ...]] = EVERYDAY,
    ) -> VerbSynonyms:
        """The synonyms of ``everyday``'s verbs, led on through the groups the templates'
        opening alternatives make. A one-word verb some template starts with (``starts``) is
        left out: a skill that says it gives it its own meaning ("begin a list"), and a
        reading as another verb would pre-empt the stages that read it as said. So are the
        skills' groups for the verbs they hold: an opening alternative is not always a
        synonym ("(lock|lock up) ..." beside "(open|close) ..." in one template is no
        telling "lock up" from "open")."""
        starting = frozenset(starts)
        grouped: dict[tuple[str, ...], dict[tuple[str, ...], None]] = {}
        for node in nodes:
            group = _opening_group(node)
            for verb in group:
                others = grouped.setdefault(verb, {})
                others.update(dict.fromkeys(v for v in group if v != verb))
        kept = {
            verb: plain
            for verb, plain in everyday.items()
            if not (len(verb) == 1 and verb[0] in starting)
        }
        synonyms: dict[tuple[str, ...], tuple[tuple[str, ...], ...]] = {}
        for verb, plain in kept.items():
            # The table's plain verbs first, then what the skills group with them.
            found = dict.fromkeys(plain)
            for p in plain:
                found.update(dict.fromkeys(grouped.get(p, {})))
            found.pop(verb, None)
            synonyms[verb] = tuple(found)
        return cls(synonyms, kept)

    def readings(
        self, words: Sequence[str]
    ) -> list[tuple[list[str], tuple[str, ...], tuple[str, ...]]]:
        """The sentence with its opening verb read as each synonym, the two-word verb's first
        ("read out" before "read"), each with the verb as said and the synonym."""
        out: list[tuple[list[str], tuple[str, ...], tuple[str, ...]]] = []
        for size in (4, 3, 2, 1):
            verb = tuple(words[:size])
            if len(verb) < size or len(words) <= size:
                continue
            rest = list(words[size:])
            out.extend(
                ([*synonym, *rest], verb, synonym) for synonym in self.synonyms.get(verb, ())
            )
        return out

    def plain(self, words: Sequence[str]) -> list[str] | None:
        """The sentence with its opening verb read as the everyday table's first plain verb
        ("read out my appointments" -> "read my appointments"), None when the table has no
        verb it starts with: the one reading the learned stage is given besides the words as
        said (its samples say the plain verbs)."""
        for size in (4, 3, 2, 1):
            verb = tuple(words[:size])
            plain = self.everyday.get(verb) if len(words) > size else None
            if plain:
                return [*plain[0], *words[size:]]
        return None
