"""A lexicon by sense: the uncommon but literal words for what the skills do and name, read as
the plain words their templates and samples use, wherever they stand in a request.

People who reach for a thesaurus word ask plainly all the same: "annul my alarm", "establish a
new list", "the luminosity of the desk lamp", "is precipitation expected", "the seat of
government of canada", "which lamps are illuminated". The skills spell out the common words
("cancel", "create", "brightness", "rain", "capital", "on"), so :class:`Lexicon` offers the
request again with such words read as the plain ones; the router keeps a reading only when a
template (or the learned stage) reads the result firmly, as for the opening verb synonyms
(`nlu/synonyms.py`).

:data:`SENSES` is general English, organised by the senses the skills use (start, stop, cancel,
create, add, remove, tell, count, raise, lower, set, open, close, resume, next, previous,
brightness, volume, colour, time, calendar, list, item, weather, rain, temperature, price,
menu, on and off ...), each with the plain words it is read as and the common and less common
synonyms a literate speaker uses, British and American. It is not a list of sentences: each
entry names a word's sense, whatever request it is said in.

A word a skill uses (a template's word, a list's value, a device or room's name) is the skill's
own and never read as another (:meth:`Lexicon.derive`): "reduce" is a value word, "shut" a
template's. A phrase is read whole ("seat of government"), and a phrasal verb may hold its
object between its two parts ("draw the curtains together" -> "close the curtains").
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from itertools import product
from typing import Final, Literal

__all__ = ["SENSES", "Lexicon", "Reading", "Sense"]

Kind = Literal["verb", "noun", "word"]


@dataclass(frozen=True)
class Sense:
    """One sense the skills use: the plain words it is read as (the skills' own, best first),
    and its other words. A noun's words are read in the plural too ("entries" -> "items")."""

    kind: Kind
    plain: tuple[str, ...]
    words: tuple[str, ...]


def _sense(kind: Kind, plain: str, words: str) -> Sense:
    """A sense from ``|``-separated plain words and ``,``-separated synonyms (a phrasal
    verb's object stands at ``...``: "draw ... together")."""
    return Sense(
        kind,
        tuple(p.strip() for p in plain.split("|")),
        tuple(w.strip() for w in words.split(",") if w.strip()),
    )


SENSES: Final[Mapping[str, Sense]] = {
    # -- Verbs: what the skills do. ----------------------------------------------------------
    "start": _sense(
        "verb",
        "start|begin",
        "initiate, commence, instigate, institute, inaugurate, kick off, kickstart, "
        "set in motion, get going, trigger, activate, actuate, launch, embark on",
    ),
    "stop": _sense(
        "verb",
        "stop",
        "cease, halt, discontinue, desist, terminate, end, conclude, quit, knock off, "
        "put a stop to, bring to a halt, call a halt to",
    ),
    "cancel": _sense(
        "verb",
        "cancel|delete",
        "annul, nullify, void, invalidate, rescind, revoke, repeal, abolish, scrap, axe, ax, "
        "call off, scrub, countermand, retract, withdraw, abort, quash, undo",
    ),
    "delete": _sense(
        "verb",
        "delete|remove|clear",
        "discard, erase, expunge, efface, obliterate, eradicate, eliminate, purge, ditch, "
        "jettison, dispose of, do away with, throw out, throw away, "
        "toss out, chuck out, wipe out, scrub out, cross out, strike out, destroy",
    ),
    "create": _sense(
        "verb",
        "create|make|set",
        "establish, generate, produce, originate, devise, compose, construct, "
        "forge, draw up, put together, institute",
    ),
    "add": _sense(
        "verb",
        "add|put",
        "append, insert, include, attach, annex, affix, enter, enrol, enroll, register, "
        "jot down, write down, note down, pencil in, tack on, slot in",
    ),
    "remove": _sense(
        "verb",
        "remove|take",
        "omit, exclude, strike off, cross off, tick off, deduct, subtract, extract, "
        "withdraw, detach, excise, expel, drop",
    ),
    "tell": _sense(
        "verb",
        "tell me|read|list",
        "recite, enumerate, itemise, itemize, specify, state, relay, convey, "
        "outline, recount, relate, narrate, spell out, run through, go through, go over, "
        "rattle off, reel off, inform me of, apprise me of, acquaint me with, brief me on, "
        "fill me in on, update me on, notify me of",
    ),
    "show": _sense("verb", "show", "display, exhibit, reveal, unveil, pull up, bring up"),
    "check": _sense(
        "verb",
        "check",
        "verify, confirm, ascertain, inspect, examine, establish whether, look into, see",
    ),
    "count": _sense("verb", "count", "tally, total up, enumerate, reckon"),
    "have": _sense("verb", "have", "possess, contain, comprise, hold, boast, include, carry"),
    "need": _sense("verb", "need", "require, necessitate, want, call for, demand"),
    "play": _sense("verb", "play|put on", "stream, blast, queue up"),
    "resume": _sense(
        "verb",
        "resume|continue",
        "recommence, restart, reinstate, renew, carry on, carry on with, proceed with, "
        "pick up, take up again, go on with, keep going with, unpause",
    ),
    "pause": _sense("verb", "pause", "suspend, freeze, hold off, interrupt, put on hold"),
    "skip": _sense(
        "verb",
        "skip|go",
        "advance, progress, move on, move ahead, move forward, jump, jump ahead, leap, "
        "skip ahead, go forward, fast forward, proceed",
    ),
    "back": _sense(
        "verb",
        "go back|return",
        "revert, regress, retreat, go backwards, step back, move back, jump back, rewind, "
        "head back",
    ),
    "raise": _sense(
        "verb",
        "increase|turn up|raise",
        "augment, boost, amplify, intensify, heighten, elevate, enlarge, magnify, escalate, "
        "step up, ramp up, crank up, pump up, bump up, jack up, accelerate, speed up, "
        "strengthen, enhance",
    ),
    "lower": _sense(
        "verb",
        "decrease|turn down|lower",
        "lessen, diminish, reduce, curtail, cut back, tone down, dial down, dial back, "
        "scale back, soften, slacken, decelerate, slow down, moderate, abate, "
        "weaken, bring down, knock down",
    ),
    "set": _sense(
        "verb",
        "set|change|make",
        "adjust, put, place, designate, appoint, assign, nominate, specify, "
        "establish, configure, programme, program, regulate, tune, calibrate",
    ),
    "use": _sense(
        "verb",
        "use|switch to",
        "adopt, employ, utilise, utilize, opt for, go with, go over to, change over to, "
        "convert to, move to, shift to",
    ),
    "change": _sense("verb", "change", "alter, amend, modify, revise, vary, transform, switch"),
    "move": _sense("verb", "move", "shift, relocate, transfer, reschedule, postpone, defer"),
    "rename": _sense("verb", "rename", "retitle, relabel, redub, rechristen, christen, rebrand"),
    "paint": _sense("verb", "make|turn|set", "tint, tinge, dye, paint, shade, hue"),
    "open": _sense(
        "verb",
        "open",
        "unclose, unshut, part, draw back, draw apart, draw ... apart, draw ... back, "
        "draw ... open, pull ... open, pull ... apart, pull ... back, throw ... open, "
        "fling ... open, swing ... open",
    ),
    "close": _sense(
        "verb",
        "close|shut",
        "draw ... together, draw ... closed, draw ... shut, draw ... to, pull ... together, "
        "pull ... closed, pull ... shut, pull ... to, swing ... shut, seal, fasten",
    ),
    "lock": _sense("verb", "lock", "latch, padlock, deadbolt, fasten"),
    "unlock": _sense("verb", "unlock", "unbolt, unlatch, unfasten, unsecure"),
    "turn on": _sense(
        "verb",
        "turn on|switch on",
        "illuminate, light up, power up, power on, boot up, fire up, start up, energise, "
        "energize, kindle, ignite, activate",
    ),
    "turn off": _sense(
        "verb",
        "turn off|switch off",
        "extinguish, deactivate, power down, power off, shut down, shut off, douse, snuff out",
    ),
    "mute": _sense(
        "verb", "mute", "silence, hush, shush, quieten, muffle, cut the sound on, kill the sound on"
    ),
    "unmute": _sense(
        "verb",
        "unmute",
        "unsilence, unhush, restore the sound on, restore the sound of, restore the audio on, "
        "restore the sound to, bring back the sound on, bring the sound back on, "
        "reinstate the sound on, give back the sound on",
    ),
    "remind": _sense(
        "verb",
        "remind",
        "prompt, nudge, jog my memory, jog the memory of, put me in mind",
    ),
    "order": _sense("verb", "order", "purchase, buy, procure, acquire, obtain, requisition"),
    "call me": _sense(
        "word",
        "call me",
        "address me as, refer to me as, know me as, speak to me as, designate me as, style me, "
        "dub me, christen me, name me",
    ),
    "snooze": _sense("verb", "snooze", "put off, hold off, delay, postpone for"),
    "repeat": _sense("verb", "repeat", "replay, play again, play over, reprise"),
    "shuffle": _sense(
        "verb", "shuffle", "randomise, randomize, jumble, mix up, scramble, reorder at random"
    ),
    "calculate": _sense(
        "verb", "calculate|what is", "compute, work out, figure out, reckon up, determine"
    ),
    "convert": _sense("verb", "convert", "turn into, change into, express in"),
    "flip": _sense("verb", "flip", "toss, flick"),
    "roll": _sense("verb", "roll", "throw"),
    "pay": _sense(
        "verb",
        "checkout|pay",
        "settle, settle up, pay up, square up, complete my purchase, finalise my order, "
        "finalize my order, complete my order, finish my order",
    ),
    "dock": _sense(
        "verb", "dock|send home", "send back to base, return to base, return to its base"
    ),
    "describe": _sense("verb", "describe", "characterise, characterize, portray, sum up"),
    "greet": _sense(
        "word",
        "hello",
        "greetings, salutations, good day, good day to you, well met, how do you do, ahoy",
    ),
    "thank": _sense(
        "word",
        "thank you",
        "i am grateful, i am grateful to you, i am so grateful, i am most grateful, "
        "i am obliged, i am much obliged, much obliged, i am indebted to you, "
        "i appreciate it, i appreciate that, i appreciate you, i am thankful, "
        "many thanks, much appreciated, my gratitude",
    ),
    # -- Nouns: what the skills name. --------------------------------------------------------
    "brightness": _sense(
        "noun",
        "brightness",
        "luminosity, luminance, luminousness, brilliance, radiance, light level, "
        "lighting level, light intensity, intensity",
    ),
    "volume": _sense(
        "noun", "volume", "loudness, sound level, audio level, noise level, amplitude"
    ),
    "colour": _sense("noun", "colour|color", "tint, hue, shade, tinge, tincture, coloration"),
    "time": _sense(
        "word",
        "time",
        "present hour, current hour, local hour, hour of the day, time of day, clock time",
    ),
    "what time": _sense("word", "what time", "what hour, which hour, what o'clock"),
    "calendar": _sense(
        "noun",
        "calendar",
        "itinerary, timetable, planner, datebook, date book, appointment book, engagement "
        "book, engagement diary, organiser, organizer, daybook, programme",
    ),
    "event": _sense("noun", "event", "engagement, commitment, occasion, fixture, rendezvous"),
    "list": _sense("noun", "list", "checklist, inventory, roster, catalogue"),
    "item": _sense("noun", "item", "entry, article, line item"),
    "song": _sense("noun", "song|track", "tune, melody, ditty, recording, single"),
    "music": _sense("noun", "music", "tunes, melodies, songs"),
    "story": _sense(
        "noun", "story", "article, report, item, bulletin, dispatch, news item, write-up"
    ),
    "news": _sense(
        "noun",
        "news",
        "tidings, current affairs, current events, bulletin, newscast, news bulletin, "
        "the latest developments",
    ),
    "weather": _sense(
        "noun",
        "weather|forecast",
        "meteorological outlook, meteorological forecast, weather outlook, weather "
        "prospects, outlook, meteorological conditions, atmospheric conditions",
    ),
    "rain": _sense(
        "noun",
        "rain",
        "precipitation, rainfall, showers, a shower, drizzle, downpour, a downpour, deluge, "
        "wet weather, rainstorm",
    ),
    "snow": _sense("noun", "snow", "snowfall, flurries, snow flurries, sleet, blizzard"),
    "high": _sense(
        "word",
        "high",
        "maximum temperature, max temperature, highest temperature, peak temperature, "
        "top temperature, expected maximum temperature, expected high",
    ),
    "low": _sense(
        "word",
        "low",
        "minimum temperature, min temperature, lowest temperature, expected minimum temperature",
    ),
    "coat": _sense(
        "noun",
        "coat|jacket",
        "overcoat, topcoat, greatcoat, raincoat, parka, anorak, mac, mackintosh, trench coat, "
        "outer layer, outerwear, windbreaker, cagoule, cardigan",
    ),
    "price": _sense("noun", "price|cost", "charge, fee, rate, tariff, toll, asking price"),
    "menu": _sense(
        "noun",
        "menu|food",
        "bill of fare, carte, cuisine, offerings, food offerings, selection",
    ),
    "cart": _sense("noun", "cart|basket", "trolley, shopping bag"),
    "capital": _sense(
        "noun",
        "capital",
        "seat of government, capital city, seat of power, seat of administration, "
        "administrative capital, administrative centre, administrative center, "
        "governmental seat",
    ),
    "moon": _sense("noun", "moon", "natural satellite, satellite, natural moon"),
    "timer": _sense("noun", "timer", "countdown, kitchen timer, egg timer"),
    "alarm": _sense("noun", "alarm", "wake-up call, wakeup call, wake up call, alarm call"),
    "reminder": _sense("noun", "reminder", "memo, prompt, nudge, memory jogger, aide-memoire"),
    "joke": _sense("noun", "joke", "jest, quip, witticism, gag, wisecrack, one-liner, pun"),
    "riddle": _sense("noun", "riddle", "conundrum, brainteaser, brain teaser, puzzle, enigma"),
    "fact": _sense("noun", "fact", "trivia, tidbit, titbit, factoid, nugget"),
    "name": _sense("noun", "name", "moniker, appellation, designation"),
    "lights": _sense("noun", "light", "lighting, illumination, light fitting, light fixture"),
    "curtains": _sense("noun", "curtain", "drape, drapery"),
    "television": _sense("noun", "tv", "telly"),
    "heating": _sense("noun", "heating", "central heating"),
    "size": _sense("noun", "size", "dimensions, magnitude, bulk, proportions, extent"),
    "store": _sense("noun", "store|shop", "eatery, establishment, takeaway"),
    "status": _sense("noun", "status", "progress, whereabouts, standing"),
    "pin": _sense("noun", "pin", "passcode, pass code, pin number, pin code, personal code"),
    "vacuum": _sense("noun", "vacuum", "hoover, vacuum cleaner, robot hoover, robovac"),
    "source": _sense("noun", "source|input", "input source, signal source"),
    "robot": _sense("noun", "robot", "automaton, droid, cyborg"),
    "number": _sense("noun", "number", "figure, digit, numeral, integer"),
    "die": _sense("noun", "die|dice", "six sided die"),
    "city": _sense("noun", "city", "town, metropolis, municipality"),
    "position": _sense("noun", "position", "rank, ranking, placing"),
    # -- Adjectives and adverbs: the states and order the skills name. ----------------------
    "next": _sense(
        "word",
        "next",
        "following, subsequent, succeeding, ensuing, forthcoming, upcoming, "
        "impending, approaching, soonest",
    ),
    "previous": _sense(
        "word",
        "previous|last",
        "preceding, prior, foregoing, former, earlier, antecedent, prior, one before",
    ),
    "current": _sense("word", "current", "prevailing, existing, ongoing, present-day"),
    "on": _sense(
        "word",
        "on",
        "illuminated, alight, aglow, glowing, shining, lit up, burning, powered, powered on, "
        "powered up, switched on, turned on, operating, active",
    ),
    "off": _sense(
        "word",
        "off",
        "extinguished, unlit, unilluminated, powered off, powered down, switched off, "
        "turned off, inactive, dormant",
    ),
    "ajar": _sense("word", "open", "ajar, agape, unshut, unclosed, unfastened, wide open, gaping"),
    "closed": _sense("word", "closed|shut", "sealed, fastened, drawn, pulled to"),
    "locked": _sense("word", "locked", "bolted, secured, latched, padlocked, deadbolted"),
    "unlocked": _sense("word", "unlocked", "unbolted, unlatched, unsecured, unfastened"),
    "far": _sense("word", "far", "distant, far away, far off"),
    "farthest": _sense(
        "word",
        "farthest",
        "furthest, most remote, most distant, remotest, farthest away, furthest away, "
        "outermost, furthest out, farthest out",
    ),
    "nearest": _sense(
        "word", "closest|nearest", "most proximate, least distant, least remote, innermost"
    ),
    "biggest": _sense(
        "word", "biggest|largest", "most massive, hugest, most enormous, most sizeable"
    ),
    "smallest": _sense("word", "smallest", "tiniest, littlest, most diminutive, least massive"),
    "louder": _sense("word", "louder", "noisier, more audible, more loud, higher in volume"),
    "quieter": _sense(
        "word", "quieter", "softer, less loud, less noisy, more muted, more hushed, hushed"
    ),
    "brighter": _sense("word", "brighter", "more luminous, more brilliant, more radiant"),
    "dimmer": _sense("word", "dimmer|darker", "less bright, duller, more muted, gloomier"),
    "maximum": _sense(
        "word",
        "maximum|max",
        "full blast, full whack, top speed, full speed, highest setting, utmost",
    ),
    "minimum": _sense("word", "minimum", "lowest setting, bare minimum"),
    "random": _sense("word", "random|any", "assorted, miscellaneous, various, sundry, haphazard"),
    "cold": _sense("word", "cold", "chilly, nippy, frosty, freezing, icy, wintry, parky"),
    "hot": _sense("word", "hot", "scorching, sweltering, boiling, baking, roasting, sultry"),
    "windy": _sense("word", "windy", "breezy, gusty, blustery, blowy"),
    "sunny": _sense("word", "sunny", "bright, clear, cloudless"),
    "all": _sense("word", "all|every", "each and every, the entirety of, the whole of"),
    "how many": _sense("word", "how many", "what number of, what quantity of"),
}
"""The senses the skills use, each with its plain words and its other words (general English)."""

_MAX_PHRASE: Final = 4
"""The most words a phrase of the lexicon spans (phrasal verbs' two parts apart)."""

_MAX_READINGS: Final = 12
"""At most this many readings of one request: each is tried by every template."""


def _plurals(phrase: str) -> tuple[str, ...]:
    """A noun phrase's plural (its last word's): "entry" -> "entries", "match" ->
    "matches"; a phrase already plural gives nothing more."""
    *head, last = phrase.split()
    if last.endswith(("s", "x", "ch", "sh")):
        plural = last + "es" if not last.endswith("s") else ""
    elif last.endswith("y") and len(last) > 2 and last[-2] not in "aeiou":
        plural = last[:-1] + "ies"
    else:
        plural = last + "s"
    return (" ".join([*head, plural]),) if plural else ()


@dataclass(frozen=True)
class Reading:
    """A request with lexicon words read as plain ones, and what was read as what."""

    words: list[str]
    read: dict[str, str]

    def as_said(self, value: Sequence[str]) -> list[str]:
        """``value`` (words cut from this reading: a task, a name) with the words read so put
        back as said: "order stamps" of "prompt me to purchase stamps" is "purchase stamps".
        A phrasal verb's parts stood apart and are not put back."""
        undo = sorted(
            ((tuple(plain.split()), said.split()) for said, plain in self.read.items()),
            key=lambda pair: len(pair[0]),
            reverse=True,
        )
        out: list[str] = []
        i = 0
        while i < len(value):
            for plain, said in undo:
                if "..." not in said and tuple(value[i : i + len(plain)]) == plain:
                    out.extend(said)
                    i += len(plain)
                    break
            else:
                out.append(value[i])
                i += 1
        return out


@dataclass(frozen=True)
class _Entry:
    """One lexicon phrase: the words before its object, the words after it (a phrasal verb's
    particle, said last), and the plain words it is read as."""

    head: tuple[str, ...]
    tail: tuple[str, ...]
    plain: tuple[tuple[str, ...], ...]


@dataclass(frozen=True)
class Lexicon:
    """The lexicon's phrases the skills do not use themselves, each with its plain words."""

    entries: Mapping[tuple[str, ...], tuple[_Entry, ...]] = field(default_factory=dict)

    @classmethod
    def derive(
        cls,
        own: Iterable[str],
        spelled: Iterable[str],
        senses: Mapping[str, Sense] = SENSES,
    ) -> Lexicon:
        """The lexicon without the skills' own words: a one-word synonym some skill uses
        (``own``: template words, list values, device and room names) keeps its meaning
        there ("reduce", "shut", "agenda"), and so does a phrase made only of words the
        templates spell out (``spelled``: "switched on"). A noun's words and plain words are
        read in the plural too."""
        known = frozenset(own)
        template_words = frozenset(spelled)
        found: dict[tuple[str, ...], dict[_Entry, None]] = {}
        for sense in senses.values():
            pairs: list[tuple[str, str]] = [(w, p) for w in sense.words for p in sense.plain]
            if sense.kind == "noun":
                for w in sense.words:
                    for wp in _plurals(w):
                        pairs.extend((wp, pp) for p in sense.plain for pp in _plurals(p))
            for word, plain in pairs:
                head_text, _, tail_text = word.partition("...")
                head, tail = tuple(head_text.split()), tuple(tail_text.split())
                spoken = (*head, *tail)
                if not head or (len(spoken) == 1 and spoken[0] in known):
                    continue
                if len(spoken) > 1 and all(w in template_words for w in spoken):
                    continue
                if (*head, *tail) == tuple(plain.split()):
                    continue
                key = (head, tail)
                entries = found.setdefault(key[0], {})
                entry = next((e for e in entries if e.tail == tail), None)
                if entry is None:
                    entries[_Entry(head, tail, (tuple(plain.split()),))] = None
                elif tuple(plain.split()) not in entry.plain:
                    del entries[entry]
                    entries[_Entry(head, tail, (*entry.plain, tuple(plain.split())))] = None
        return cls({head: tuple(entries) for head, entries in found.items()})

    def _matches(self, words: Sequence[str], keep: frozenset[str]) -> list[tuple[int, int, _Entry]]:
        """Where the lexicon's phrases stand: (start, end of the head, entry), the longest
        phrase at each place first, none overlapping; a phrasal verb's particle must end
        the request. A word of ``keep`` (the home's names) is never read as another."""
        out: list[tuple[int, int, _Entry]] = []
        i, limit = 0, len(words)
        while i < limit:
            hit: tuple[int, int, _Entry] | None = None
            for size in range(min(_MAX_PHRASE, limit - i), 0, -1):
                if size == 1 and words[i] in keep:
                    break
                for entry in self.entries.get(tuple(words[i : i + size]), ()):
                    if entry.tail:
                        n = len(entry.tail)
                        # The object between the parts: at least one word; one particle only.
                        if limit != len(words) or limit - n <= i + size:
                            continue
                        if tuple(words[-n:]) != entry.tail:
                            continue
                    hit = (i, i + size, entry)
                    break
                if hit:
                    break
            if hit:
                out.append(hit)
                i = hit[1]
                if hit[2].tail:
                    limit = len(words) - len(hit[2].tail)
            else:
                i += 1
        return out

    def readings(self, words: Sequence[str], keep: frozenset[str] = frozenset()) -> list[Reading]:
        """The request with its lexicon words read as plain ones: every combination of their
        plain words, the first plain words first, at most `_MAX_READINGS`; the words of
        ``keep`` (the home's names) as said."""
        matches = self._matches(words, keep)
        if not matches:
            return []
        choices = [range(len(entry.plain)) for _, _, entry in matches]
        combos = sorted(product(*choices), key=sum)[:_MAX_READINGS]
        out: list[Reading] = []
        for combo in combos:
            result: list[str] = []
            read: dict[str, str] = {}
            cut = len(words)
            position = 0
            for (start, end, entry), pick in zip(matches, combo, strict=True):
                result.extend(words[position:start])
                plain = entry.plain[pick]
                result.extend(plain)
                position = end
                said = " ".join(words[start:end])
                if entry.tail:
                    cut = len(words) - len(entry.tail)
                    said = f"{said} ... {' '.join(entry.tail)}"
                read[said] = " ".join(plain)
            result.extend(words[position:cut])
            out.append(Reading(result, read))
        return out

    def plain(self, words: Sequence[str], keep: frozenset[str] = frozenset()) -> Reading | None:
        """The request with every lexicon word read as its first plain word, None when it has
        none: the reading the learned stage is given besides the words as said."""
        found = self.readings(words, keep)
        return found[0] if found else None
