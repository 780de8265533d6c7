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

A fourth kind is a whole clause beside the request: an aside ("..., i can never remember"), a reason
("it's freezing, turn the heating up") or a remark about the speaker ("i think you can do alarms,
can't you, could you ..."). :func:`split_asides` finds where such a clause may start or end, by the
shape of a clause (a subject and its verb, or "because", "if that's ..."), not by its words.

Before any of that, :func:`plain_words` reads chat spellings as the words they stand for ("pls",
"u", "r", "wot", "gimme", "rn") and squeezes letters stretched for emphasis ("pleeease"), again
only for words no template uses: people type to a speaker's app the way they text.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Final

from simulator.nlu.closed_class import (
    ARTICLES,
    DEMONSTRATIVES,
    POINTING_PRONOUNS,
    POSSESSIVES,
)
from simulator.nlu.jussive import finding_frame

__all__ = [
    "COURTESIES",
    "FILLER_WORDS",
    "REGIONAL",
    "SHORTHAND",
    "asks",
    "beneficiary",
    "for_one",
    "is_past",
    "is_remark",
    "plain_words",
    "split_asides",
    "strip_fillers",
]


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
    # Asking to be given a setting or a thing: "could i have the lights at 30 percent" is "the
    # lights at 30 percent" (a template that says "can i have {items}" matches as said first).
    "could i have",
    "can i have",
    "may i have",
    "could i get",
    "can i get",
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
# Chat reactions typed around a request ("tell me a joke lol", "omg stop the alarm"): they say how
# the speaker feels, not what they want. At the edges only, like "please".
_CHAT: Final = (
    "lol",
    "lolol",
    "lmao",
    "lmfao",
    "rofl",
    "omg",
    "omfg",
    "haha",
    "hahaha",
    "hehe",
    "xd",
    "tbh",
    "ngl",
    "btw",
    "smh",
    "ffs",
    "ugh",
    "argh",
)
# Exclamations of annoyance or relief around a request ("for heaven's sake, stop that alarm",
# "honestly, when is the next alarm"): like the chat reactions they say how the speaker feels,
# and the request decides. At the edges only.
_EXCLAMATIONS: Final = (
    "honestly",
    "seriously",
    "gosh",
    "jeez",
    "blimey",
    "finally",
    "oh no",
    "oh dear",
    "oh god",
    "come on",
    "for heaven's sake",
    "for goodness sake",
    "for pete's sake",
    "for god's sake",
    "for crying out loud",
)
# Courtesy words and discourse particles of other languages, said beside an English request by
# people who speak more than one ("bas, delete the shopping list", "two coffees, por favor",
# "acha, what's on today"): like "please" and "well" they say how the request is made, not what
# it asks, and no skill's request is made of them. A closed class of the commonest such words
# (courtesies, thanks, apologies, greetings, "well", "enough", "now", "come on", "ok", "friend"),
# not a vocabulary: none is an English word a request would start or end with. At the edges
# only, like the English ones.
_FOREIGN_COURTESY: Final = (
    # Spanish, Portuguese
    "por favor",
    "porfa",
    "gracias",
    "muchas gracias",
    "obrigado",
    "obrigada",
    "vale",
    "venga",
    "bueno",
    "pues",
    "oye",
    "ahora",
    "ay",
    "basta",
    "ay basta",
    "perdón",
    "perdon",
    "amigo",
    "amiga",
    "hola",
    # Italian
    "per favore",
    "grazie",
    "grazie mille",
    "allora",
    "dai",
    "ecco",
    "scusa",
    "scusi",
    "prego",
    "ciao",
    # French
    "s'il vous plaît",
    "s'il vous plait",
    "s'il te plaît",
    "s'il te plait",
    "merci",
    "merci beaucoup",
    "alors",
    "allez",
    "voilà",
    "voila",
    "pardon",
    "bonjour",
    "salut",
    # German, Dutch, Scandinavian
    "bitte",
    "bitte schön",
    "bitte schon",
    "danke",
    "danke schön",
    "danke schon",
    "ja",
    "na",
    "also gut",
    "genau",
    "hallo",
    "alsjeblieft",
    "dank je",
    "tack",
    "takk",
    # Hindi, Urdu, Punjabi
    "acha",
    "achha",
    "accha",
    "arre",
    "arrey",
    "bas",
    "yaar",
    "ji",
    "haan",
    "chalo",
    "jaldi",
    "bhai",
    "shukriya",
    "dhanyavaad",
    "namaste",
    # Arabic, Turkish, Japanese, others
    "yalla",
    "habibi",
    "khalas",
    "shukran",
    "lütfen",
    "lutfen",
    "tamam",
    "onegai",
    "onegaishimasu",
    "kudasai",
    "arigato",
    "arigatou",
    "arigatō",
    "spasibo",
    "pozhaluysta",
    "xiexie",
    "xie xie",
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
    # A vague amount at the end changes nothing a command can act on: "turn the heating up a
    # bit" is "turn the heating up" (the skill's own step); a template that names the amount
    # ("dim the lights a little") matches as said, before any filler is set aside.
    "a bit",
    "a little",
    "a little bit",
    "a touch",
    "a notch",
    "a tad",
    "slightly",
    # A hurried tail: "order two burgers, quick".
    "quick",
    "quickly",
    "real quick",
    "asap",
    "thanks in advance",
    *_CHAT,
    *_EXCLAMATIONS,
    *_FOREIGN_COURTESY,
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
    "yr": "year",
    "yrs": "years",
    "2moro": "tomorrow",
    "2morro": "tomorrow",
    "2mrw": "tomorrow",
    "2moz": "tomorrow",
    "2night": "tonight",
    "l8r": "later",
    "sth": "something",
}
"""Chat spellings and what they stand for (see :func:`plain_words`)."""

# Regional words and idioms people use with a speaker, read as the plain words the skills use.
# Written from general knowledge of British, Irish, Scottish, Australian, Indian and American
# English (not from any test set), for the speaker's everyday domains: weather, time and days,
# greetings and thanks, music, lights and heating, lists, orders, alarms and the calendar.
# Keys and values are normalised (lower case, contractions expanded: "g'day" stays one word).
# A one-word key is read only when no template uses it (see `plain_words`); a phrase of two
# or more words is read wherever it stands, since a phrase is an idiom, not a word of a template.
REGIONAL: Final[dict[str, str]] = {
    # weather
    "brolly": "umbrella",
    "gamp": "umbrella",
    "lashing": "raining",
    "lashing down": "raining",
    "pelting down": "raining",
    "bucketing down": "raining",
    "bucket down": "rain",
    "chucking it down": "raining",
    "tipping down": "raining",
    "pouring down": "raining",
    "teeming": "raining",
    "pissing down": "raining",
    "spitting": "raining",
    "mizzle": "drizzle",
    "dreich": "cloudy",
    "baltic": "cold",
    "parky": "cold",
    "nippy": "cold",
    "brass monkeys": "cold",
    "perishing": "cold",
    "freezing": "cold",
    "roasting": "hot",
    "boiling": "hot",
    "sweltering": "hot",
    "scorcher": "hot day",
    "mafting": "hot",
    # time and days
    "the morra": "tomorrow",
    "the morrow": "tomorrow",
    "tomoz": "tomorrow",
    "tomorra": "tomorrow",
    "arvo": "afternoon",
    "this arvo": "this afternoon",
    "s'arvo": "this afternoon",
    "the nite": "tonight",
    "fortnight": "two weeks",
    "a fortnight": "two weeks",
    "yesterday's": "yesterday",
    "wee hours": "early morning",
    "first thing": "in the morning",
    "first thing tomorrow": "tomorrow morning",
    "crack of dawn": "6 am",
    "prepone": "move",
    "bring forward": "move",
    "push back": "move",
    "put back": "move",
    "shift": "move",
    # greetings, thanks and farewells
    "g'day": "hello",
    "gday": "hello",
    "howdy": "hello",
    "hiya": "hi",
    "heya": "hi",
    "mornin": "morning",
    "mornin'": "morning",
    "evenin": "evening",
    "top of the morning": "good morning",
    "how are you keeping": "how are you",
    "how is it going": "how are you",
    "how are things": "how are you",
    "how are you going": "how are you",
    "how do you do": "how are you",
    "what is the craic": "how are you",
    "thanks a million": "thank you",
    "thanks a bunch": "thank you",
    "thanks a mil": "thank you",
    "many thanks": "thank you",
    "much obliged": "thank you",
    "ta": "thanks",
    "ta very much": "thank you",
    "cheerio": "goodbye",
    "ta ra": "goodbye",
    "see ya": "goodbye",
    "laters": "goodbye",
    # music and media
    "chuck on": "put on",
    "stick on": "put on",
    "bung on": "put on",
    "whack on": "put on",
    "pop on": "put on",
    "throw on": "put on",
    "crank up": "turn up",
    "crank it up": "turn it up",
    "choons": "music",
    "tunes": "music",
    "trad": "traditional",
    "telly": "tv",
    "kill the music": "stop the music",
    "cut the music": "stop the music",
    "knock off the music": "stop the music",
    # lights, heating and the home
    "the big light": "the ceiling light",
    "aircon": "air conditioning",
    "hoover": "vacuum",
    "hoovering": "vacuuming",
    "flick on": "turn on",
    "flick off": "turn off",
    "whack up": "turn up",
    "knock off": "turn off",
    # lists, orders and cancelling
    "scrap": "cancel",
    "ditch": "cancel",
    "nix": "cancel",
    "axe": "cancel",
    "chips": "fries",
    "fizzy drink": "soda",
    # alarms and sleep
    "give us": "give me",
    "lie in": "sleep in",
    "kip": "sleep",
    "forty winks": "a nap",
    # everyday verbs
    "telephone": "call",
    "ring up": "call",
    "jot down": "add",
    "note down": "add",
    "pop": "put",
}
"""Regional words and idioms and the plain words the skills use (see :func:`plain_words`)."""

# A day said as an owner ("tomorrow's high", "monday's meetings") is the day: templates say "the
# high tomorrow" or "tomorrow", and a possessive of a day is never a thing of the home.
_DAY_POSSESSIVES: Final = {
    f"{day}'s": day
    for day in (
        "today",
        "tomorrow",
        "tonight",
        "yesterday",
        "monday",
        "tuesday",
        "wednesday",
        "thursday",
        "friday",
        "saturday",
        "sunday",
        "weekend",
        "week",
    )
}

_REGIONAL_PHRASES: Final = tuple(
    sorted(
        ((tuple(k.split()), v) for k, v in REGIONAL.items() if " " in k),
        key=lambda kv: len(kv[0]),
        reverse=True,
    )
)
_REGIONAL_FIRST: Final = frozenset(k[0] for k, _ in _REGIONAL_PHRASES)

_PARTICLES: Final = frozenset({"on", "off", "up", "down", "out"})


def _particle_verbs() -> dict[str, dict[str, str]]:
    # The verbs of the regional particle verbs ("flick on" -> "turn on", "chuck on" -> "put
    # on"), by particle: said apart from their particle ("flick the garage light on", "knock
    # the heating down"), the verb alone is read as the plain one.
    verbs: dict[str, dict[str, str]] = {}
    for phrase, plain in REGIONAL.items():
        said, read = phrase.split(), plain.split()
        if len(said) == 2 == len(read) and said[1] in _PARTICLES and read[1] == said[1]:
            verbs.setdefault(said[0], {})[said[1]] = read[0]
    return verbs


_PARTICLE_VERBS: Final = _particle_verbs()
# Words after which a particle verb is a command on a thing: "flick the", "chuck an", "knock it".
_OBJECT_STARTS: Final = frozenset({"the", "a", "an", "my", "our", "some", "that", "this", "it"})

FILLER_WORDS: Final = frozenset({w for p in (*_FRAMES, *_EDGES) for w in p} | _ANYWHERE)
"""Every word that can be part of a filler (for explanations and tests)."""

COURTESIES: Final = frozenset({"please", "thanks", "thank", "cheers", "kindly"})
"""The courtesy words said at a request's edges, which a speaker types in haste as readily as
any other word ("pleese", "thnks", "cheerz"): typo targets with the ordinary rules of mending,
set aside as fillers once mended (see `Router._own_second_chance`). A closed class, each word
a filler of its own (asserted in the tests)."""


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
    """``tokens`` with chat spellings, regional words and idioms read as words, and
    ``{as typed: as read}``.

    Regional words and idioms (:data:`REGIONAL`: "brolly", "the morra", "chuck on", "thanks a
    million") are read as the plain words the skills use; a phrase wherever it stands, a
    single word only when ``known`` lacks it (a skill that spells out "scrap" keeps it).

    "pls", "u", "r", "wot", "gimme" (:data:`SHORTHAND`) and letters stretched for emphasis
    ("pleeease" -> "please", when the squeezed form is in ``known``) are read as the words they
    stand for. A word in ``known`` (the skills' own words) is left alone, so a skill whose
    template really says "u" (a spelling game) still gets it.
    """
    out: list[str] = []
    read: dict[str, str] = {}
    words = list(tokens)
    i = 0
    while i < len(words):
        token = words[i]
        if token in _REGIONAL_FIRST:
            phrase = next(
                ((k, v) for k, v in _REGIONAL_PHRASES if tuple(words[i : i + len(k)]) == k),
                None,
            )
            if phrase is not None:
                read[" ".join(phrase[0])] = phrase[1]
                out.extend(phrase[1].split())
                i += len(phrase[0])
                continue
        i += 1
        if token in known:
            out.append(token)
            continue
        verbs = _PARTICLE_VERBS.get(token)
        if verbs and i < len(words) and words[i] in _OBJECT_STARTS:
            # Its particle later in the sentence picks the reading ("whack the heating up"),
            # else the first the table gives.
            later = next((verbs[w] for w in words[i + 1 :] if w in verbs), None)
            plain_verb = later or next(iter(verbs.values()))
            read[token] = plain_verb
            out.append(plain_verb)
            continue
        plain = (
            SHORTHAND.get(token)
            or REGIONAL.get(token)
            or _DAY_POSSESSIVES.get(token)
            or _squeezed(token, known | FILLER_WORDS)
        )
        if plain is None:
            out.append(token)
            continue
        read[token] = plain
        out.extend(plain.split())
    return out, read


# A speaker talking for a group ("could we have the lights at 30 percent", "remind us to ...",
# "tell everyone what time it is") asks what one person asks; the skills' samples are said by
# one. The plural read as the singular, the verb after "i" agreeing.
_ONE_SPEAKER: Final = {"we": "i", "us": "me", "our": "my", "ours": "mine", "ourselves": "myself"}
_EVERYONE: Final = frozenset({"everyone", "everybody"})
_AGREE: Final = {"are": "am", "were": "was"}


def for_one(tokens: Sequence[str]) -> tuple[list[str], dict[str, str]]:
    """``tokens`` said for one speaker, and ``{as said: as read}``.

    "we", "us", "our" are read as "i", "me", "my" ("we are" as "i am"), and "everyone" or
    "everybody" after another word as "me" ("tell everyone the time"; not "everyone is
    asleep", where it is the subject). "let us" stays: it frames a suggestion, not a group.
    """
    out: list[str] = []
    read: dict[str, str] = {}
    for k, token in enumerate(tokens):
        word = _ONE_SPEAKER.get(token)
        if token == "us" and k > 0 and tokens[k - 1] == "let":
            word = None
        if token in _EVERYONE and k > 0 and tokens[k - 1] not in _SUBORDINATORS:
            nxt = tokens[k + 1] if k + 1 < len(tokens) else ""
            if nxt not in _CLAUSE_VERBS:
                word = "me"
        if word is None and out and out[-1] == "i" and token in _AGREE:
            word = _AGREE[token]
        if word is None:
            out.append(token)
            continue
        read[token] = word
        out.append(word)
    return out, read


_OWNERS: Final = POSSESSIVES | {"the"}


def beneficiary(tokens: Sequence[str]) -> tuple[list[str], list[str]]:
    """``tokens`` without who or what the request is for, when that ends it ("set the heating
    to 22 for my guests", "roll the dice for our game"), and the words set aside; else
    ``(tokens, [])``.

    "for me" is a filler already (`strip_fillers`); a group or an occasion named after "for"
    changes nothing a command does. A number ("for 10 minutes") is a value, not a beneficiary,
    and one or two words after the owner are all it takes ("for the kids", "for my cookies").
    """
    words = list(tokens)
    for n in (3, 4):
        tail = words[-n:]
        if (
            len(words) > n + 1
            and tail[0] == "for"
            and tail[1] in _OWNERS
            and not any(c.isdigit() for w in tail for c in w)
        ):
            return words[:-n], tail
    return words, []


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
        if n and tuple(words[n - 2 : n]) == ("let", "us") and words[n : n + 1] == ["play"]:
            # "let's play snap" proposes a game the speaker joins, not a request to play
            # something for them: the frame is the request's meaning, so it stays.
            n = 0
        elif n and tuple(words[n - 2 : n]) == ("let", "us"):
            # "let's see how big mars is", "let's find out if it rains": the suggestion to
            # find out frames the question, which is the request.
            n += finding_frame(words[n:])
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


# --- asides: a clause beside the request ------------------------------------------------------

# Words that open a subordinate clause: "..., if that's how it works", "because i'm cold, ...".
_SUBORDINATORS: Final = frozenset(
    {
        "because",
        "cos",
        "coz",
        "since",
        "as",
        "if",
        "though",
        "although",
        "otherwise",
        "unless",
        "while",
        "whilst",
    }
)
# Subjects of a statement about the speaker or the world ("i can never remember", "we've lost
# the one from the board game", "it's freezing", "that's how you do it").
_PERSONAL_SUBJECTS: Final = frozenset({"i", "we", "they", "he", "she"})
_THING_SUBJECTS: Final = frozenset({"it", "that", "this", "there"})
_WHEN_WORDS: Final = frozenset({"before", "after", "until", "till", "once"})
# What someone named wants, in a remark beside the request ("my friends want to know"); after
# "i" the same verbs frame the request itself ("i want ...": `_FRAMES`).
_WANT_VERBS: Final = frozenset({"want", "wants", "need", "needs"})
_PURPOSE_SUBJECTS: Final = frozenset({"that", "you", "everyone", "everybody", "the", "my", "our"})
# What follows a subject when the words make a clause: auxiliaries and the verbs of opinion,
# memory and report that asides are made of. A verb of the request itself ("i want ...", "i need
# ...") is no aside: those are frames (`strip_fillers`) or the request.
_CLAUSE_VERBS: Final = frozenset(
    {
        "am",
        "is",
        "are",
        "was",
        "were",
        "have",
        "has",
        "had",
        "do",
        "did",
        "does",
        "can",
        "cannot",
        "could",
        "will",
        "would",
        "should",
        "must",
        "might",
        "may",
        "think",
        "thought",
        "believe",
        "guess",
        "reckon",
        "suppose",
        "hope",
        "know",
        "knew",
        "forgot",
        "forget",
        "remember",
        "mean",
        "meant",
        "heard",
        "read",
        "saw",
        "seem",
        "seems",
        "looks",
        "sounds",
        "feel",
        "feels",
        "left",
        "lost",
        "got",
        "never",
        "always",
        "really",
        "still",
        "just",
        "already",
        "also",
        "keep",
        "keeps",
        "told",
        "said",
        "says",
    }
)
# Common irregular past forms: a remark about what happened ("the doorbell rang", "the kids spilt
# crisps", "i bought the bread") before the request it explains. Regular ones end in "-ed".
_IRREGULAR_PAST: Final = frozenset(
    {
        "rang",
        "spilt",
        "spilled",
        "bought",
        "got",
        "went",
        "came",
        "left",
        "broke",
        "fell",
        "forgot",
        "lost",
        "made",
        "took",
        "ran",
        "found",
        "gone",
        "done",
        "been",
        "sent",
        "set",
        "won't",
        "keeps",
    }
)
# What may follow "'s" (is) after a thing named, making a remark: "the baby's asleep", "the
# room's too bright", "the cat's gone" (an "-ing" form is one too: "the phone's ringing").
_STATE_AFTER_IS: Final = frozenset(
    {"too", "so", "very", "really", "asleep", "gone", "still", "not", "already", "been"}
)
# What a command's object may be when it refers back: "read | it out" cuts a command in two.
_OBJECT_PRONOUNS: Final = POINTING_PRONOUNS | DEMONSTRATIVES
# A complaint asked as a question before the request ("why is the light still on? turn it
# off", "who left the garage light on? switch it off"): the question is the aside.
_COMPLAINT_QUESTIONS: Final = frozenset({"why", "who"})
_QUESTION_WORDS: Final = frozenset(
    {"what", "which", "when", "where", "who", "how", "why", "whether"}
)
# Reported wishes and sayings of someone in the household open a leading aside: "my daughter
# says ...", "the kids want ...".
_REPORT_VERBS: Final = frozenset(
    {"says", "said", "told", "tells", "wants", "asked", "asks", "reckons", "thinks"}
)
# A question about the speaker's ability tagged on after the request: "..., can you do that",
# "..., is that possible", "..., can't you". Only these words may follow its first two.
_META_TAIL: Final = frozenset(
    {
        "do",
        "that",
        "it",
        "this",
        "for",
        "me",
        "please",
        "ok",
        "okay",
        "possible",
        "alright",
        "right",
        "not",
        "you",
        "manage",
        "one",
    }
)
_META_HEADS: Final = frozenset(
    {("can", "you"), ("could", "you"), ("will", "you"), ("would", "you"), ("is", "that")}
)
# Frames that start the request after a leading aside: "i think i left the light on, could you
# turn it off". Taken from the request frames above, the ones that ask.
_ASKING: Final = frozenset(
    p for p in _FRAMES if p[0] in ("could", "can", "would", "will") and len(p) > 1
)


def _is_past(word: str) -> bool:
    """Whether ``word`` reads as a verb's past form ("changed", "rang"): a remark's verb."""
    return word in _IRREGULAR_PAST or (word.endswith("ed") and len(word) > 4)


def is_past(word: str) -> bool:
    """Whether ``word`` reads as a verb's past form ("changed", "rang", "set"): a remark's verb
    ("the kids set loads of timers")."""
    return _is_past(word)


def _is_clause(words: Sequence[str], *, leading: bool = False) -> bool:
    """Whether ``words`` start with the shape of a clause of their own (see `split_asides`).

    A clause whose subject is a thing or someone named ("my daughter says", "the kids are
    asleep") counts only before the request (``leading``): after it, "my pin is 4815" or "my
    friend doris on facebook" are the request's own words more often than a remark.
    """
    if len(words) < 2 or _take_prefix(list(words), _FRAMES):
        # "i would like to ...", "i need ...": a frame of the request, not a remark beside it.
        return False
    first, second = words[0], words[1]
    if first in _SUBORDINATORS:
        return True
    if leading and first in _COMPLAINT_QUESTIONS and (second in _CLAUSE_VERBS or _is_past(second)):
        return True
    if (
        leading
        and first in ("my", "the", "our", "this", "that")
        and second.endswith("'s")
        and len(words) > 2
        and (words[2] in _STATE_AFTER_IS or (words[2].endswith("ing") and len(words[2]) > 4))
    ):
        # "the baby's asleep", "the room's too bright", "my mum's arriving".
        return True
    if first == "so" and (second in _PERSONAL_SUBJECTS or second in _PURPOSE_SUBJECTS):
        # A purpose: "open the curtains so everyone can see the garden", "so that ...".
        return True
    if first in _WHEN_WORDS and second in _PERSONAL_SUBJECTS:
        # A time of the speaker's own: "before i go", "until we get back" (not "before 7").
        return True
    if first.endswith("'s") and (
        (second.endswith("ing") and len(second) > 4) or (leading and second in _STATE_AFTER_IS)
    ):
        # A thing and what it is doing, its "is" run in: "phone's ringing"; before the
        # request, how someone is too: "everyone's gone to bed".
        return True
    if first in _PERSONAL_SUBJECTS:
        return second in _CLAUSE_VERBS or (leading and _is_past(second))
    if first in _THING_SUBJECTS:
        # A modal too: "..., there must be a dozen", "..., it might be too loud".
        return second in ("is", "was", "will", "would", "seems", "looks", "sounds", "feels") or (
            second in ("must", "might", "may", "should", "could")
        )
    # "my daughter says", "the kids want" (the possessive or article, one or two nouns, a verb).
    if first in ("my", "the", "our") and leading:
        if any(w in _REPORT_VERBS for w in words[1:4]):
            return True
        # "my sister lives there", "the kids are asleep", "my friend's family lives there",
        # "my friends want to know": a thing or someone in a word or two, then a verb.
        for k in (2, 3):
            if len(words) <= k or (k == 3 and not words[1].endswith("'s")):
                continue
            verb = words[k]
            if (
                verb in _CLAUSE_VERBS
                or verb in _WANT_VERBS
                or _is_past(verb)
                or (
                    first != "the"
                    and verb.endswith("s")
                    and not verb.endswith("ss")
                    and not words[k - 1].endswith("s")
                )
            ):
                return True
        return False
    return False


def is_remark(words: Sequence[str]) -> bool:
    """Whether ``words`` have the shape of a remark rather than a request: a subordinate
    clause ("before i go" is not one: "because we are late" is), or a subject and its verb
    ("we are hungry", "my friends want to know", "it is warm up there")."""
    return _is_clause(words, leading=True)


def asks(words: Sequence[str]) -> bool:
    """Whether ``words`` open with a frame that asks for something ("can you ...", "could you
    please ..."): a request, however its rest reads."""
    return any(tuple(words[: len(f)]) == f for f in _ASKING)


def _is_meta(words: Sequence[str]) -> bool:
    """A tag asking whether the speaker can do it: "can you do that for me", "is that ok"."""
    return (
        len(words) >= 2
        and (words[0], words[1]) in _META_HEADS
        and all(w in _META_TAIL for w in words[2:])
    )


_CUTS_A_PHRASE: Final = ARTICLES | (POSSESSIVES - {"his", "her"}) | frozenset({"be"})
"""Words a phrase opens with, never the last of a clause: an aside said first ends before them
("his" and "her" are pronouns too: "i told her"; a preposition may end one as a particle: "why
won't it come on"). Nor does it end at "be", which waits for what something is or has done to
it ("the eggs can be | taken off ..." is one clause)."""


def split_asides(
    tokens: Sequence[str], starts: frozenset[str] | None = None
) -> list[tuple[list[str], list[str]]]:
    """Ways to read ``tokens`` as a request with a clause beside it: ``(request, aside)`` pairs.

    People wrap a request in more than politeness: a remark after it ("is the front door
    locked, i can't remember"; "wipe the shopping list, i've done the shop"), a reason or a
    remark before it ("it's baltic, turn the heat up"; "i think you can do alarms, can't you,
    could you wake me at seven"), a question tagged on ("i'd like to order a burger, can you do
    that for me"). Speech has no commas, so the clause is found by its shape:

    * an aside *after* the request starts with a subordinator ("because", "if", "since"), a
      subject and its verb ("i can", "we have", "it is", "my daughter says") or is a question
      about the speaker's ability ("can you do that", "is that possible");
    * an aside *before* the request has that shape too, and the request after it starts with
      an asking frame ("could you ...") or, when ``starts`` is given, with a word some template
      starts with ("turn", "set").

    The pairs are candidates, longest request first; the caller routes each request and keeps
    a reading only when it is firm, so a split that makes no sense costs a lookup, not a
    wrong answer. The words set aside are returned so the explanation can show them.
    """
    words = list(tokens)
    n = len(words)
    found: list[tuple[list[str], list[str]]] = []
    # After the request: the first clause start counts (the aside runs to the end).
    for k in range(2, n - 1):
        rest = words[k:]
        if words[k - 1] in _CLAUSE_VERBS or words[k - 1] in _QUESTION_WORDS:
            # "what alarms do | i have", "when | i get home": the subject of the request's own
            # question or clause, not the start of another.
            continue
        if _is_clause(rest) or _is_meta(rest):
            found.append((words[:k], rest))
    # Before the request: the sentence opens with a clause; the request starts at an asking
    # frame or a word that can start a template.
    if _is_clause(words, leading=True):
        for k in range(2, n):
            rest = words[k:]
            asks = any(tuple(rest[: len(f)]) == f for f in _ASKING)
            if _is_meta(rest):
                continue
            if words[k - 1] in _CUTS_A_PHRASE:
                # "is toothpaste on the | shopping list": a clause ends after a noun phrase,
                # not inside one; the words after it are that phrase's, not a request.
                continue
            if (
                starts is not None
                and words[k - 1] in starts
                and rest[0] in _OBJECT_PRONOUNS
                and not asks
            ):
                # "the neighbours want the wifi password, read | it out": the aside would end
                # with a word a request starts with, so the request starts there, if anywhere.
                continue
            if asks or (starts is not None and rest[0] in starts and k + 1 < n):
                found.append((rest, words[:k]))
    found.sort(key=lambda pair: len(pair[0]), reverse=True)
    return found
