"""Passive and impersonal requests: read as the active command they amount to.

People ask for things without naming who should do them: "could the kitchen light be switched
off", "the alarm for six is to be deleted", "every reminder i have should be deleted", "i'd like
my name to be forgotten", "has the back door been locked", "which lights have been left on",
"what can be played". Templates spell out the active command or question ("switch off the
kitchen light", "delete the alarm for six", "forget my name", "is the back door locked",
"which lights are on", "what can you play"), so :func:`active_readings` reads such a sentence by
its shape, a form of "be" and a past participle, into the active sentences it amounts to:

* "[modal] NP be PARTICIPLE REST" (a modal before the thing asks: "could the fries be made
  large"; after it states: "NP should / must / is to / needs to / has to ... be PARTICIPLE"),
  "let NP be PARTICIPLE", "have / get NP PARTICIPLE" and "i'd like / i want NP to be
  PARTICIPLE" as the command "VERB NP REST" ("make the fries large"), a particle said either
  side of the thing ("switch the fan on", "switch on the fan");
* "has / have NP been PARTICIPLE REST" as the state asked about ("is NP PARTICIPLE REST") and
  as what was done ("have i PARTICIPLE NP REST", "did i VERB NP REST");
* "which / what NP have been PARTICIPLE REST" as "which NP are PARTICIPLE REST" (a thing "left"
  or "kept" in a state is in it: "which lights are on");
* "what [NP] can be PARTICIPLE" as "what [NP] can you VERB";
* "is NP found / located / situated ..." (a verb of place said of where a thing is) as "is NP".

The participles are closed data (:func:`participles`): the regular forms of the verbs the
skills' templates start with, and a closed table of English irregular participles whose verb
some template starts with; never a sentence's own words. The rest of the sentence is kept as
said (a value, "for me", "please"); a variant without a time adverb at the end ("now",
"immediately") follows. Each reading is only a reading: the router keeps one a template reads
firmly.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from typing import Final, NamedTuple

from simulator.nlu.closed_class import DETERMINERS, MODALS, UNIVERSAL_QUANTIFIERS

__all__ = ["IRREGULAR_PARTICIPLES", "Active", "active_readings", "participles"]

IRREGULAR_PARTICIPLES: Final[Mapping[str, str]] = {
    # English irregular past participles and their verbs: a closed table (the regular "-ed"
    # forms are made from the skills' own verbs by the caller).
    "arisen": "arise",
    "awoken": "awake",
    "been": "be",
    "beaten": "beat",
    "become": "become",
    "begun": "begin",
    "bent": "bend",
    "bitten": "bite",
    "blown": "blow",
    "broken": "break",
    "brought": "bring",
    "built": "build",
    "burnt": "burn",
    "bought": "buy",
    "caught": "catch",
    "chosen": "choose",
    "come": "come",
    "cut": "cut",
    "dealt": "deal",
    "dug": "dig",
    "done": "do",
    "drawn": "draw",
    "drunk": "drink",
    "driven": "drive",
    "eaten": "eat",
    "fallen": "fall",
    "fed": "feed",
    "felt": "feel",
    "fought": "fight",
    "found": "find",
    "flown": "fly",
    "forbidden": "forbid",
    "forgotten": "forget",
    "forgiven": "forgive",
    "frozen": "freeze",
    "got": "get",
    "gotten": "get",
    "given": "give",
    "gone": "go",
    "ground": "grind",
    "grown": "grow",
    "hung": "hang",
    "heard": "hear",
    "hidden": "hide",
    "hit": "hit",
    "held": "hold",
    "hurt": "hurt",
    "kept": "keep",
    "known": "know",
    "laid": "lay",
    "led": "lead",
    "left": "leave",
    "lent": "lend",
    "let": "let",
    "lit": "light",
    "lost": "lose",
    "made": "make",
    "meant": "mean",
    "met": "meet",
    "paid": "pay",
    "put": "put",
    "quit": "quit",
    "read": "read",
    "rewritten": "rewrite",
    "ridden": "ride",
    "rung": "ring",
    "risen": "rise",
    "run": "run",
    "said": "say",
    "seen": "see",
    "sought": "seek",
    "sold": "sell",
    "sent": "send",
    "set": "set",
    "shaken": "shake",
    "shed": "shed",
    "shone": "shine",
    "shot": "shoot",
    "shown": "show",
    "shrunk": "shrink",
    "shut": "shut",
    "sung": "sing",
    "sunk": "sink",
    "slept": "sleep",
    "slid": "slide",
    "spoken": "speak",
    "spent": "spend",
    "spun": "spin",
    "split": "split",
    "spread": "spread",
    "stood": "stand",
    "stolen": "steal",
    "stuck": "stick",
    "struck": "strike",
    "stricken": "strike",
    "swept": "sweep",
    "swung": "swing",
    "taken": "take",
    "taught": "teach",
    "torn": "tear",
    "told": "tell",
    "thought": "think",
    "thrown": "throw",
    "understood": "understand",
    "undone": "undo",
    "upset": "upset",
    "woken": "wake",
    "worn": "wear",
    "won": "win",
    "wound": "wind",
    "withdrawn": "withdraw",
    "written": "write",
}

# Modals and their periphrases that come between a thing and "be": "the alarm should be
# deleted", "the fries are to be taken off", "my list needs to be cleared". Longest first.
_STATING: Final = tuple(
    sorted(
        (
            tuple(p.split())
            for p in (
                *sorted(MODALS),
                "need to",
                "needs to",
                "has to",
                "have to",
                "has got to",
                "have got to",
                "got to",
                "ought to",
                "is to",
                "are to",
                "is going to",
                "are going to",
                "had better",
                "want to",
                "wants to",
                "is supposed to",
                "are supposed to",
                "would have to",
                "will have to",
                "can now",
                "could now",
            )
        ),
        key=len,
        reverse=True,
    )
)
# Modals that open a question asking for something: "could the lamp be switched off".
_ASKING: Final = frozenset(MODALS)
# Frames of a thing wanted done: "i'd like my name to be forgotten" (normalised: "i would").
_WANTING: Final = tuple(
    tuple(p.split())
    for p in (
        "i would like",
        "i would love",
        "i would prefer",
        "i want",
        "i need",
        "we would like",
        "we would love",
        "we want",
        "we need",
        # A thing said to be done, asked as possible: "is it possible for the lamp to be
        # dimmed", "could you arrange for my list to be cleared".
        "is it possible for",
        "would it be possible for",
        "is there a way for",
        "is there any way for",
        "could you arrange for",
        "can you arrange for",
        "please arrange for",
        "arrange for",
    )
)
# Frames that wrap a passive clause said as a statement: "it would be great if the fan could be
# switched off", "i was wondering whether the timer could be cancelled", "make sure the door is
# to be locked". The clause inside is read as the request. Longest first.
_WRAPPING: Final = tuple(
    sorted(
        (
            tuple(f"{lead} {p}".split())
            for lead, goods in (
                ("it would be", ("nice", "great", "good", "lovely", "helpful", "ideal", "best")),
                ("it'd be", ("nice", "great", "good", "lovely", "helpful", "ideal", "best")),
            )
            for good in goods
            for p in (f"{good} if",)
        ),
        key=len,
        reverse=True,
    )
) + tuple(
    sorted(
        (
            tuple(p.split())
            for p in (
                "i would appreciate it if",
                "i would like it if",
                "i would love it if",
                "i would prefer it if",
                "i wonder if",
                "i wonder whether",
                "i was wondering if",
                "i was wondering whether",
                "i am wondering if",
                "do you think",
                "do you reckon",
                "i think",
                "i reckon",
                "i guess",
                "i hope",
                "make sure",
                "make sure that",
                "please make sure",
                "please make sure that",
                "ensure",
                "ensure that",
                "please ensure",
                "please ensure that",
                "see to it that",
                "i believe",
                "maybe",
                "perhaps",
            )
        ),
        key=len,
        reverse=True,
    )
)
# Openings said before "have / get NP PARTICIPLE": "could i have the fan switched off".
_HAVING_OPENINGS: Final = (
    ("could", "i"),
    ("can", "i"),
    ("may", "i"),
    ("could", "you"),
    ("can", "you"),
    ("would", "you"),
    ("will", "you"),
    ("please",),
)
# Subject pronouns said as the object of the active command: "i should be reminded" -> "remind
# me"; "you" is left out ("could you be quiet" is no passive).
_OBJECTIVE: Final[Mapping[str, str]] = {
    "i": "me",
    "we": "us",
    "it": "it",
    "they": "them",
    "he": "him",
    "she": "her",
}
_PARTICLES: Final = frozenset({"on", "off", "up", "down", "out", "back", "over", "in"})
# Adverbs said between "be" and the participle, or floating after the modal: "should be
# immediately deleted", "can now be played", "could please be switched off".
_BETWEEN: Final = frozenset(
    {"please", "now", "also", "just", "then", "kindly", "quickly", "immediately", "already"}
)
# Floating quantifiers: "the timers should all be cancelled" -> "cancel all the timers".
_FLOATING: Final = frozenset({"all", "both"})
# Time adverbs at the end that colour a command without changing it: "... stopped now".
_TAILS: Final = (
    ("right", "now"),
    ("now",),
    ("immediately",),
    ("at", "once"),
    ("straight", "away"),
    ("right", "away"),
    ("asap",),
    ("already",),
    ("yet",),
    ("please",),
    ("by", "you"),
    ("by", "yourself"),
)
# Verbs that say a thing is kept in a state: "the lights have been left on" are on.
_KEEPING: Final = frozenset({"left", "kept"})
# Verbs of place said of where a thing is: "which planet is found sixth from the sun".
_PLACED: Final = frozenset({"found", "located", "situated", "positioned", "placed"})
_BE_FORMS: Final = frozenset({"is", "are", "was", "were"})
_NAMING: Final = (("known", "as"), ("called",), ("named",), ("renamed", "to"), ("renamed",))
_WH: Final = frozenset({"what", "which"})
_MAX_THING: Final = 10
_NEGATIONS: Final = frozenset({"not", "never", "no"})
# Words no thing is named with but a clause is: a modal, a subordinator, the listener.
_CLAUSE_WORDS: Final = MODALS | frozenset(
    {"if", "whether", "you", "do", "does", "did", "think", "reckon", "hope", "wonder", "guess"}
)


class Active(NamedTuple):
    """One active sentence a passive request may amount to, and how it was read."""

    words: list[str]
    """The active sentence, in normalised words ("switch off the kitchen light")."""
    how: str
    """What was read, for the explanation ("read the passive request as the command")."""


def participles(known: Iterable[str], regular: Mapping[str, str]) -> dict[str, str]:
    """The participles to read, each with its verb: the ``regular`` ones ("locked" -> "lock",
    made from the skills' own verbs) and the irregular ones (:data:`IRREGULAR_PARTICIPLES`)
    whose verb is one of ``known``, the verbs the skills' templates start with."""
    verbs = frozenset(known)
    out = dict(regular)
    for form, verb in IRREGULAR_PARTICIPLES.items():
        if verb in verbs:
            out.setdefault(form, verb)
    return out


def _starts_with(words: Sequence[str], phrase: tuple[str, ...]) -> bool:
    return tuple(words[: len(phrase)]) == phrase


def _ends_with(words: Sequence[str], phrase: tuple[str, ...]) -> bool:
    return len(words) >= len(phrase) and tuple(words[len(words) - len(phrase) :]) == phrase


def _thing(words: Sequence[str]) -> list[str] | None:
    """``words`` as the thing acted on (a subject pronoun as the object: "i" -> "me"), or None
    when they cannot be one (empty, too long, "you", a question word)."""
    thing = [w for w in words if w != "please"]
    if not thing or len(thing) > _MAX_THING or thing[0] in _WH | {"who", "you", "there"}:
        return None
    if not _CLAUSE_WORDS.isdisjoint(thing):
        return None  # a clause, not a thing: "i was wondering whether the timer"
    if len(thing) == 1 and thing[0] in _OBJECTIVE:
        return [_OBJECTIVE[thing[0]]]
    if len(thing) == 1 and thing[0] in {"me", "us", "you", "them", "him", "her"}:
        return None
    return thing


def _participle(
    words: Sequence[str], start: int, verbs: Mapping[str, str]
) -> tuple[str, int] | None:
    """The participle at or after ``start`` (past adverbs said before it) and its index."""
    k = start
    while k < len(words) and (words[k] in _BETWEEN or words[k].endswith("ly")):
        k += 1
    if k < len(words) and words[k] in verbs:
        return words[k], k
    return None


def _trimmed(rest: list[str]) -> list[str]:
    changed = True
    while changed:
        changed = False
        for tail in _TAILS:
            if len(rest) >= len(tail) and _ends_with(rest, tail):
                rest = rest[: len(rest) - len(tail)]
                changed = True
    return rest


def _commands(
    verb: str, form: str, thing: list[str], rest: list[str], verbs: Mapping[str, str]
) -> list[list[str]]:
    """The active commands "VERB THING REST": a particle said either side of the thing ("switch
    the fan on", "switch on the fan"), a name given as a rename ("known as X": "rename THING to
    X"); then each without a time adverb at the end ("... stopped now")."""
    out: list[list[str]] = []
    naming = next((n for n in _NAMING if _starts_with([form, *rest], n)), None)
    if naming is not None and len(rest) >= len(naming):
        out.append(["rename", *thing, "to", *rest[len(naming) - 1 :]])
        return out
    for tail in (rest, _trimmed(rest)):
        if tail and tail[0] in _PARTICLES:
            out.append([verb, *thing, *tail])
            if len(tail) == 1 or tail[1] not in DETERMINERS:
                out.append([verb, tail[0], *thing, *tail[1:]])
        else:
            out.append([verb, *thing, *tail])
    return [list(c) for c in dict.fromkeys(tuple(c) for c in out)]


def _floating(thing: list[str], before_be: list[str]) -> list[str]:
    """The thing with a floating quantifier said before "be" put back before it ("the timers
    can all be cancelled" -> "all the timers")."""
    if before_be and before_be[-1] in _FLOATING:
        return [before_be[-1], *thing]
    return thing


def active_readings(words: Sequence[str], verbs: Mapping[str, str]) -> list[Active]:
    """The active sentences a passive or impersonal request in ``words`` may amount to, the
    likeliest first; none when ``words`` have no passive shape. ``verbs`` maps each participle
    read to its verb (:func:`participles`).

    >>> verbs = {"switched": "switch", "deleted": "delete", "locked": "lock"}
    >>> [r.words for r in active_readings("could the fan be switched on".split(), verbs)]
    [['switch', 'the', 'fan', 'on'], ['switch', 'on', 'the', 'fan']]
    >>> active_readings("the alarm for six is to be deleted".split(), verbs)[0].words
    ['delete', 'the', 'alarm', 'for', 'six']
    >>> active_readings("has the back door been locked".split(), verbs)[0].words
    ['is', 'the', 'back', 'door', 'locked']
    """
    words = list(words)
    while words and words[0] in ("please", "so", "ok", "okay", "and"):
        words = words[1:]
    if len(words) < 3 or not _NEGATIONS.isdisjoint(words):
        return []
    out: list[Active] = []
    for clause in _clauses(words):
        out += _placed(clause)
        out += _been(clause, verbs)
        out += _by_whom(clause, verbs)
        for b, word in enumerate(clause):
            if word == "be" and b > 0:
                out += _be(clause, b, verbs)
        out += _had_done(clause, verbs)
    seen: set[tuple[str, ...]] = set()
    unique: list[Active] = []
    for reading in out:
        key = tuple(reading.words)
        if key not in seen and key != tuple(words):
            seen.add(key)
            unique.append(reading)
    return unique


def _clauses(words: list[str]) -> list[list[str]]:
    """``words``, then the clause inside a frame that wraps it ("it would be great if | the
    fan could be switched off"), when one does and the clause has at least three words."""
    out = [words]
    frame = next((f for f in _WRAPPING if _starts_with(words, f)), None)
    if frame is not None and len(words) - len(frame) >= 3:
        out.append(words[len(frame) :])
    return out


def _third_person(verb: str) -> str:
    """The verb's third person singular ("sing" -> "sings", "catch" -> "catches")."""
    if verb.endswith(("s", "sh", "ch", "x", "z", "o")):
        return verb + "es"
    if len(verb) > 2 and verb.endswith("y") and verb[-2] not in "aeiou":
        return verb[:-1] + "ies"
    return verb + "s"


def _progressive(verb: str) -> str:
    """The verb's "-ing" form ("speak" -> "speaking", "make" -> "making", "stop" ->
    "stopping")."""
    if verb.endswith("ie"):
        return verb[:-2] + "ying"
    if verb.endswith("e") and not verb.endswith(("ee", "ye", "oe")) and len(verb) > 2:
        return verb[:-1] + "ing"
    if (
        len(verb) >= 3
        and verb[-1] not in "aeiouwxy"
        and verb[-2] in "aeiou"
        and verb[-3] not in "aeiou"
        and len(verb) <= 4
    ):
        return verb + verb[-1] + "ing"
    return verb + "ing"


def _by_whom(words: list[str], verbs: Mapping[str, str]) -> list[Active]:
    """ "who is this song sung by", "who am i being spoken to by": who does it, asked in the
    active ("who sings this song", "who is speaking to me")."""
    if (
        words[0] != "who"
        or words[-1] != "by"
        or len(words) < 4
        or words[1] not in _BE_FORMS | {"am"}
    ):
        return []
    for k in range(2, len(words) - 1):
        verb = verbs.get(words[k])
        if verb is None:
            continue
        thing = words[2:k]
        progressive = bool(thing) and thing[-1] == "being"
        if progressive:
            thing = thing[:-1]
        if not thing:
            return []
        thing = [_OBJECTIVE.get(w, w) for w in thing] if len(thing) == 1 else thing
        rest = words[k + 1 : -1]
        how = "read the passive question as who does it"
        if progressive:
            return [Active(["who", "is", _progressive(verb), *rest, *thing], how)]
        return [Active(["who", _third_person(verb), *rest, *thing], how)]
    return []


def _be(words: list[str], b: int, verbs: Mapping[str, str]) -> list[Active]:
    """Readings of "... be PARTICIPLE REST" with "be" at ``b``."""
    found = _participle(words, b + 1, verbs)
    if found is None:
        return []
    form, k = found
    verb, rest = verbs[form], words[k + 1 :]
    before = words[:b]
    out: list[Active] = []
    how = "read the passive request as the command"
    # "what (kind of music) can be played": what can you play.
    if before[0] in _WH and before[-1] in ("can", "could") and len(before) <= 6:
        asked = [*before[:-1], before[-1], "you", verb, *_trimmed(rest)]
        return [Active(asked, "read the passive question as asked of me")]
    # "could the fries (please) be made large": the modal asks.
    if before[0] in _ASKING:
        thing = _thing(before[1:])
        if thing is not None:
            out += [Active(c, how) for c in _commands(verb, form, thing, rest, verbs)]
        return out
    # "let the alarm be deleted"
    if before[0] == "let":
        thing = _thing(before[1:])
        if thing is not None:
            out += [Active(c, how) for c in _commands(verb, form, thing, rest, verbs)]
        return out
    # "i'd like my name to be forgotten"
    if before[-1] == "to":
        frame = next((f for f in _WANTING if _starts_with(before, f)), None)
        if frame is not None:
            thing = _thing(before[len(frame) : -1])
            if thing is not None:
                out += [Active(c, how) for c in _commands(verb, form, thing, rest, verbs)]
                return out
    # "the alarm for six is to be deleted", "every reminder i have should be deleted"
    core = before[:-1] if before[-1] in _FLOATING else before
    modal = next((m for m in _STATING if _ends_with(core, m) and len(core) > len(m)), None)
    if modal is not None:
        thing = _thing(core[: len(core) - len(modal)])
        if thing is not None:
            thing = _floating(thing, before)
            out += [Active(c, how) for c in _commands(verb, form, thing, rest, verbs)]
    return out


def _been(words: list[str], verbs: Mapping[str, str]) -> list[Active]:
    """ "has the back door been locked" (the state, or what was done) and "which lights have
    been left on" (which are)."""
    if "been" not in words[1:]:
        return []
    b = words.index("been", 1)
    # A thing "left" or "kept" in a state is in it, whatever the skills' verbs.
    found = _participle(words, b + 1, {**verbs, **dict.fromkeys(_KEEPING, "")})
    if found is None:
        return []
    form, k = found
    verb, rest = verbs.get(form, ""), _trimmed(words[k + 1 :])
    first, between = words[0], words[1:b]
    if first in ("has", "have") and between:
        thing = _thing(between)
        if thing is None:
            return []
        be = "is" if first == "has" else "are"
        how = "read the passive question as the state asked about"
        out = [Active([be, *thing, form, *rest], how)]
        if form in _KEEPING and rest:
            out.append(Active([be, *thing, *rest], how))
        if verb:
            done = "read the passive question as what was done"
            out.append(Active(["have", "i", form, *thing, *rest], done))
            out.append(Active(["did", "i", verb, *thing, *rest], done))
        return out
    if first in _WH and between and between[-1] in ("have", "has") and len(between) <= 6:
        asked = between[:-1]
        be = "is" if between[-1] == "has" else "are"
        how = "read the passive question as the state asked about"
        out = [Active([first, *asked, be, form, *rest], how)]
        if form in _KEEPING and rest:
            out.insert(0, Active([first, *asked, be, *rest], how))
        if verb:
            # "what has been added to my list": what have i added to it.
            done = "read the passive question as what was done"
            out.append(Active([first, *asked, "have", "i", form, *rest], done))
        return out
    return []


def _had_done(words: list[str], verbs: Mapping[str, str]) -> list[Active]:
    """ "have the lights switched off", "get my order checked out": the thing and the state it
    is to be brought to, said with a determiner ("have i got" is a question)."""
    opening = next((o for o in _HAVING_OPENINGS if _starts_with(words, o)), ())
    words = words[len(opening) :]
    if len(words) < 3 or words[0] not in ("have", "get"):
        return []
    if words[1] not in DETERMINERS | UNIVERSAL_QUANTIFIERS:
        return []
    for k in range(2, min(len(words), _MAX_THING + 2)):
        form = words[k]
        if form in verbs and form not in _BE_FORMS:
            thing = words[1:k]
            how = "read the thing to be had done as the command"
            return [
                Active(c, how) for c in _commands(verbs[form], form, thing, words[k + 1 :], verbs)
            ]
    return []


def _placed(words: list[str]) -> list[Active]:
    """ "which planet is found sixth from the sun", "where is the lamp located": a verb of
    place said of where a thing is, read as "is"."""
    if words[0] not in _WH | {"where", "who"} | _BE_FORMS:
        return []
    for k in range(1, len(words)):
        if words[k] in _PLACED and not _BE_FORMS.isdisjoint(words[:k]):
            return [Active(words[:k] + words[k + 1 :], 'read the verb of place as "is"')]
    return []
