"""The paraphrase sets: everyday rewordings must be understood, out-of-scope requests fall back.

* ``tests/data/paraphrases.yaml``: the first set, over hello, clock, help, timer, smart_home and a
  skill written for it (``paraphrase_skills/``), written before the learned stage was tuned.
* ``tests/data/paraphrases_heldout.yaml``: a second set over every bundled skill, written before
  the second round of tuning and never tuned on.
* ``tests/data/paraphrases_heldout_oos.yaml``: 80 more out-of-scope requests (the held-out set has
  60, the issue asks for at least 100), written before the third round of tuning and never tuned
  on.
* ``tests/data/paraphrases_heldout3.yaml``: a third set over all 14 bundled skills (392 in scope,
  144 out of scope), written before the fourth round of tuning and never tuned on.
* ``tests/data/paraphrases_heldout4.yaml``: a fourth set over all 14 bundled skills (432 in scope,
  159 out of scope) in five speakers' voices, written before the fifth round of tuning and never
  tuned on.
* ``tests/data/paraphrases_heldout5.yaml``: a fifth set over all 14 bundled skills (409 in scope,
  169 out of scope) in five new speakers' voices (cook, grandparent, regional English,
  tech-minded, half-asleep), written before the sixth round of tuning and never tuned on.
* ``tests/data/paraphrases_heldout6.yaml``: a sixth set over all 14 bundled skills (470 in scope,
  153 out of scope) in the same five voices, written from the intents' descriptions and the demo
  home's devices only, before the seventh round of tuning and never tuned on.
* ``tests/data/paraphrases_heldout7.yaml``: a seventh set over all 14 bundled skills (459 in scope,
  163 out of scope) in five new voices (child, host for guests, speech-recogniser transcript,
  rushed commuter, slang), written from the intents' descriptions and the demo home's devices
  only, before the eighth round of tuning and never tuned on.
* ``tests/data/paraphrases_heldout8.yaml``: an eighth set over all 14 bundled skills (720 in scope,
  159 out of scope) in five new voices (texter typing as in a chat app, formal office worker,
  wisher stating a need, hesitant speaker with self-repairs, teacher demoing to a class), written
  from the intents' descriptions and the demo home's devices only, before the ninth round of
  tuning and never tuned on.
* ``tests/data/paraphrases_heldout9.yaml``: a ninth set over all 14 bundled skills (751 in scope,
  154 out of scope) in five new voices (terse keywords, explainer giving a reason, wonderer asking
  tentatively, frustrated complainer, proxy asking for someone else), written from the intents'
  descriptions and the demo home's devices only, before the tenth round of tuning and never tuned
  on.
* ``tests/data/paraphrases_heldout10.yaml``: a tenth set over all 14 bundled skills (660 in scope,
  129 out of scope) in five new voices (sidetalker talking to someone else in the room, negator
  saying what not to do, time-first, literal programmer's phrasing, apologetic), written from the
  intents' descriptions and the demo home's devices only, before the eleventh round of tuning
  (session 24, second round) and never tuned on.
* ``tests/data/paraphrases_heldout11.yaml``: an eleventh set over all 14 bundled skills (701 in
  scope, 124 out of scope) in five new voices (veteran of other voice assistants invoking skills
  by name, questioner, rambler burying the request mid-sentence, playful, emphatic), written from
  the intents' descriptions and the demo home's devices only, before session 25's tuning: the
  honest measure of issue #9, never tuned on.
* ``tests/data/paraphrases_heldout12.yaml``: a twelfth set over all 14 bundled skills (691 in
  scope, 125 out of scope) in five new voices (outcome stating the result wanted, thesaurus using
  uncommon synonyms, lets suggesting in the first person plural, codeswitch mixing in another
  language's courtesy words and fillers, pedant over-specifying), written from the intents'
  descriptions and the demo home's devices only, before session 26's tuning: the honest measure
  of issue #9, never tuned on.
* ``tests/data/paraphrases_heldout13.yaml``: a thirteenth set over all 14 bundled skills (506 in
  scope, 125 out of scope) in five new voices (passive and impersonal, topic named first,
  approximator with vague amounts and hedges, tagger with question tags and softening tails,
  conditional wrapping the request in a condition or purpose), written from the intents'
  descriptions and the demo home's devices only, before session 27's tuning: the honest measure
  of issue #9, never tuned on.
* ``tests/data/paraphrases_heldout14.yaml``: a fourteenth set over all 14 bundled skills (654 in
  scope, 125 out of scope) in five new voices (suggester proposing the request, nominal naming
  the action by a noun, numberer saying numbers, times and dates in varied forms, deontic telling
  the speaker what it should do, phrasal verbs and idioms), written from the intents'
  descriptions and the demo home's devices only, before session 28's tuning: the honest measure
  of issue #9, never tuned on.
* ``tests/data/paraphrases_zh_heldout.yaml``: Chinese, over the skills that speak it, written
  before the learned stage was tuned for Chinese.

Each test holds the floor its set reached, so that a change that makes the speaker understand less
fails here. Run with ``-s`` to see the figures and every miss; ``run_paraphrases`` is also used by
``speaker-sim bench --nlu``-style reports.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
import yaml

from simulator.engine import Simulator
from simulator.loader import load_skills

DATA = Path(__file__).parent / "data"
FIRST_SKILLS = ("hello", "clock", "help", "timer", "smart_home")
"""The bundled skills the first set was written for (others may be added to the catalogue later)."""

FLOORS: dict[str, tuple[float, float]] = {
    # set name: (accuracy floor, false-accept ceiling), at what was measured. History: the first
    # set 87.9 % / 2.7 %, then 86.5 % / 3.6 % with temperature scaling and squared coverage (the
    # held-out one 88.6 % / 18.3 % before those two, 88.6 % / 3.3 % after).
    # Since issue #9's third round (free-text readings judged on their own evidence, the
    # learned stage reading the words as said too): 88.4 % / 3.6 %. Since its fourth round
    # (out-of-domain samples, their verdict on unanchored free-text readings, their words not
    # mended as typos): 88.7 % / 0.9 % (1 of 110, not a decline). Since its fifth round (a
    # learned reading without any value its intent's samples need is not firm; templates for
    # quantifiers, particle verbs, British "put ... on", telegraphic timers): 91.2 % / 0 %.
    # Since its sixth round (chat spellings, wordy wrappers and vague amounts set aside, short
    # and real-word typos mended, idiom and synonym templates; tuned on heldout3/4, not on
    # this set): 93.4 % / 0 %; with the restaurant's name in the ordering templates and games
    # among the out-of-domain samples: 93.1 % / 0 %.
    # With everyday verbs read as the skills' ("wipe my shopping list"): 93.7 % (340 of 363) /
    # 0 %; the floor one sentence below (339 of 363).
    # With fixed-date occasions read as dates too ("what day of the week is christmas"): 341 of
    # 363; the floor one sentence below (340).
    # With one unknown word of a near-certain learned reading (p >= 0.99, out of domain < 0.001)
    # counted half, as a name (`Router._name_forgiven`): 343 of 363; the floor one below (342).
    "paraphrases": (0.942, 0.0),
    # The held-out set's false accepts rose to 26.7 % (16 of 60) once the catalogue's knowledge,
    # news and ordering skills landed. After the third round: 87.8 % / 23.3 % (14 of 60). Six
    # of the 14 are no longer out of scope, as the set was written before these skills existed:
    # the knowledge and news skills answer them ("what's the capital of spain", "spell
    # necessary", "convert ten miles to kilometres", "what's the square root of 144", "read me
    # the news headlines", and "how far is the moon", which knowledge declines as no planet).
    # Seven are taken by catch-all intents that decline on purpose (knowledge.UnknownFact,
    # ordering.OrderUnknown, calendar.AddEvent's free-text title). The file is not edited (it
    # is held out); the figure counts them all as accepts. After the fourth round: 87.8 % /
    # 21.7 % (13 of 60), 5 of them declines (13.3 % with declines counted as fallbacks).
    # With issue #10's list and calendar templates (their samples shift the learned stage):
    # 88.6 % / 23.3 % (14 of 60); the one more is a decline, "how tall is mount everest" ->
    # knowledge.UnknownFact ("I don't know ..."), so 13.3 % with declines as fallbacks still.
    # After issue #9's fifth round (see the first set): 91.1 % / 23.3 % (13.3 %). Its misses
    # were read while writing that round's templates, so this is no longer held-out evidence.
    # After the sixth round (see the first set): 92.6 % / 20.0 % (11.7 %).
    # After the seventh round (word forms, complaints, other verbs; tuned on heldout5): 94.1 % /
    # 20.0 % (11.7 %).
    # After the eighth round (asides, regional words, sibling intents told apart by their own
    # words; tuned on heldout5/6): 95.6 % / 20.0 % (11.7 %).
    # With one unknown word of a near-certain learned reading (p >= 0.99, out of domain < 0.001)
    # counted half, as a name (`Router._name_forgiven`): 261 of 271; the floor one below (260).
    # Session 27, "siblings" (the right intent among neighbours): 263 of 271; the floor one
    # sentence below (262).
    "paraphrases_heldout": (0.966, 0.2),
    # Out-of-scope only: 6 of 80 (7.5 %) accepted when first run, after the third round; 7 of 80
    # (8.75 %) once the Chinese catalogue samples joined the training set (merge of #12, not
    # investigated yet: open). The ceiling holds that measured figure. After the fourth round
    # still 7 of 80, one of them a decline ("who painted ...": knowledge.UnknownFact): 7.5 %
    # with declines counted as fallbacks. After the fifth round (smart_home.UnknownDevice
    # declines, "book" reaches the calendar only with a calendar word): 6 of 80 (7.5 %), 3 of
    # them declines (3.75 % with declines counted as fallbacks).
    # After the seventh round (a word only other skills use counts a quarter unknown): 4 of 80
    # (5.0 %), 1 of them not a decline (1.25 %).
    "paraphrases_heldout_oos": (0.0, 0.05),
    # Written on 2026-11-30 before that session's tuning. Untuned, measured at c22d4c9 (main at
    # 1f537a4 plus the set): 89.8 % (352 of 392) / 22.2 % (32 of 144). Of the 32 false accepts,
    # 19 are catch-all intents that decline on purpose (smart_home.UnknownDevice 6,
    # calendar.AddEvent's free-text title 5, knowledge.UnknownFact 4, ordering.OrderUnknown 4);
    # the file is not edited (it is held out), so the figure counts them all as accepts.
    # After that session's tuning (out-of-domain samples, declines, the catalogue's list and
    # calendar templates), measured once at 52f2c66 by totals only, its misses unread:
    # 90.6 % (355 of 392) / 10.4 % (15 of 144), 5.6 % (8 of 144) with declines as fallbacks.
    # After the next session's tuning (firm readings need their values, UnknownDevice declines,
    # quantifiers and particle verbs), measured once at 6c2e2d8 by totals only: 92.6 % (363 of
    # 392) / 9.7 % (14 of 144), 4.9 % (7 of 144) with declines as fallbacks.
    # Since 2026-11-30's second session a DEVELOPMENT set: its misses and false accepts were
    # read and tuned on (the fifth set is the held-out measure now). After that tuning: 97.7 %
    # (387 of 392) / 9.0 % (13 of 144), 3.5 % (5 of 144) with declines as fallbacks.
    # A development set (see above). After the seventh round: 98.7 % (387 of 392) / 8.3 % (12 of
    # 144), 2.1 % (3 of 144) with declines as fallbacks; with the out-of-domain samples for
    # contacts 7.6 % (11 of 144), 1.4 % (2 of 144).
    # After the eighth round (a development set; tuned on heldout5/6 and this one's games):
    # 98.7 % (387 of 392) / 6.9 % (10 of 144), 1.4 % (2 of 144) with declines as fallbacks.
    # Session 24: 6.3 % (9 of 144) at a28a896; with a declining catch-all giving way when the
    # learned stage reads the sentence as another skill's or no skill's ("order more
    # firewood"): 4.2 % (6 of 144); with its anchored readings judged so too ("search the web
    # for ..."): 3.5 % (5 of 144); the ceiling one sentence above (6 of 144).
    # With "what can you do" the help skill's WhatCanYouDo, not the built-in Help (session 25,
    # "wording"; main 57e5c1e): 389 of 392; the floor one sentence below (388).
    "paraphrases_heldout3": (0.989, 0.042),
    # A fourth set, written on 2026-11-30 before that session's tuning landed, in five speakers'
    # voices (child, older and wordy, non-native, busy parent, teenager). Untuned, measured at
    # 1ced905 (main at 79c220e plus the set): 82.4 % (356 of 432) / 6.3 % (10 of 159), no
    # declines among the false accepts. After that session's tuning (which never read it; one
    # helper checked two feature settings against this floor, pass/fail, and kept neither),
    # measured once at 6c2e2d8 by totals only: 83.8 % (362 of 432) / 5.7 % (9 of 159).
    # Since 2026-11-30's second session a DEVELOPMENT set, as the third: tuned on its misses,
    # 94.4 % (408 of 432) / 3.1 % (5 of 159), none a decline.
    # A development set. After the seventh round: 95.1 % (411 of 432) / 3.1 % (5 of 159); with
    # its out-of-domain samples for contacts 3.8 % (6 of 159): the one more is a decline ("lock
    # my car" -> smart_home.UnknownDevice, "I couldn't find a device called car"), so 3.1 %
    # with declines as fallbacks still.
    # After the eighth round (a development set): 95.4 % (412 of 432) / 2.5 % (4 of 159), all
    # four not declines.
    # After the ninth round (tuned on heldout7): 95.4 % (412 of 432) / 2.5 % (4 of 159). The
    # floor is one sentence below that (411 of 432): training is not bit-repeatable, and a
    # development floor on the exact total could fail on a one-sentence flip.
    # With wishes read as the commands they amount to (`nlu/wishes.py`, session 24): 95.6 %
    # (413 of 432) / 2.5 % (4 of 159); the floor one sentence below (412 of 432).
    # With the skills' own wordings (session 24, "kinds": a riddle to solve, a name forgotten as
    # what one is called): 415 of 432; the floor one sentence below (414).
    # With "what can you do" the help skill's WhatCanYouDo, not the built-in Help (session 25,
    # "wording"; main 57e5c1e): 416 of 432; the floor one sentence below (415).
    # Session 27, "siblings" (the right intent among neighbours): 417 of 432; the floor one
    # sentence below (416).
    # Session 28, "siblings" (a vacuum or a speaker told to carry on resumes): 418 of 432; the
    # floor one sentence below (417).
    "paraphrases_heldout4": (0.965, 0.026),
    # A fifth set, written on 2026-11-30 before the next round of tuning landed, in five new
    # speakers' voices (cook with busy hands, grandparent new to the technology, Indian, Scottish,
    # Irish or Australian English, precise tech-minded adult, half-asleep at night). Untuned,
    # measured at 9ff1349 (main at 62bda37 plus the set): 82.6 % (338 of 409) / 5.3 % (9 of 169),
    # 5 of the 9 declines (2.4 % with declines counted as fallbacks). The held-out measure of
    # issue #9's sixth round (tuned on the third and fourth sets, never on this one), measured
    # once at 39dff60 by totals only: 88.0 % (360 of 409) / 5.3 % (9 of 169), 2.4 % (4 of 169)
    # with declines counted as fallbacks.
    # Since the seventh round a DEVELOPMENT set (its misses and false accepts were read and
    # tuned on; the sixth set is the held-out measure now): 90.0 % (368 of 409) / 5.3 % (9 of
    # 169), 2.4 % (4 of 169) with declines as fallbacks; with "my tablet" read as a device the
    # home lacks and the out-of-domain samples for contacts, 4.1 % (7 of 169), 1.2 % (2 of 169).
    # After the eighth round (a development set; its asides, regional words and sibling
    # intents were read and tuned on): 93.4 % (382 of 409) / 3.6 % (6 of 169), 1.2 % (2 of 169).
    # After the ninth round (tuned on heldout7; a particle verb said apart, "chuck an alarm on",
    # is the one more): 93.9 % (384 of 409) / 3.6 % (6 of 169). The floor is one sentence below
    # (383 of 409): training is not bit-repeatable, and a development floor on the exact total
    # could fail on a one-sentence flip.
    # With the skills' own wordings (session 24, "kinds": a riddle to solve, a name forgotten as
    # what one is called): 385 of 409; the floor one sentence below (384).
    # With a closed-class word no sample says no tie to another skill's topic ("what are you
    # exactly" is not capped as read by function words only): 386 of 409;
    # the floor one sentence below (385).
    # With questions about the speaker said insistently ("what are you exactly", "are you an
    # actual person") and "... status" (session 25, "wording"; main 2136b77): 387 of 409;
    # the floor one sentence below (386).
    # Session 26 ("frames": "are all ..." read as QueryDevices' question): 388 of 409; the
    # floor one sentence below (387).
    # With the unknown words of a sure reading that two of its intent's own words anchor
    # counted half (session 26, "learned"; `Router._anchored_forgiven`): 388 of 409; the floor
    # one sentence below (387).
    # Both merged (main 2173804 with frames): 389 of 409; the floor one sentence below (388).
    "paraphrases_heldout5": (0.948, 0.036),
    # A sixth set, written on 2026-11-30 before the seventh round of tuning landed, from the
    # intents' one-line descriptions and the demo home's device list only, in the five voices of
    # the fifth set. Untuned, measured at 8bfa868 (main at 21d8f6d plus the set): 88.5 % (416 of
    # 470) / 7.2 % (11 of 153), 3 of the 11 declines (5.2 % with declines counted as fallbacks).
    # After the seventh round (tuned on the third to fifth sets, never on this one), measured
    # once by the lead at b05618a by totals only: 89.8 % (422 of 470) / 5.9 % (9 of 153), 3.9 %
    # (6 of 153) with declines counted as fallbacks.
    # Since the eighth round a DEVELOPMENT set (its misses and false accepts were read and tuned
    # on, disclosed by the lead; the seventh set is the held-out measure now): 94.7 % (445 of
    # 470) / 3.3 % (5 of 153), 1.3 % (2 of 153) with declines counted as fallbacks; 94.3 % (443
    # of 470) once the learned stage stopped reading the request parts beside an aside.
    # After the ninth round (typed clauses read one by one, sure mends, a group's request read
    # as one speaker's, a beneficiary set aside last; tuned on heldout7): 94.9 % (446 of
    # 470) / 3.3 % (5 of 153). The floor is one sentence below the measured total (445 of 470):
    # training is not bit-repeatable, and a development floor on the exact total could fail
    # on a one-sentence flip.
    # With wishes read as commands (session 24): 95.1 % (447 of 470) / 3.3 % (5 of 153); the
    # floor one sentence below (446 of 470).
    # With the skills' own wordings (session 24, "kinds": a riddle to solve, a name forgotten as
    # what one is called): 449 of 470; the floor one sentence below (448).
    # With closed-class words ("them", "exactly", "anyone") no word about something else in
    # the learned stage's coverage (`nlu/closed_class.py`): 450 of 470; the floor one below (449).
    # With one unknown word of a near-certain learned reading (p >= 0.99, out of domain < 0.001)
    # counted half, as a name (`Router._name_forgiven`): 453 of 470; the floor one below (452).
    # With a closed-class word no sample says no tie to another skill's topic ("what are you
    # exactly" is not capped as read by function words only): 454 of 470;
    # With questions about the speaker said insistently ("what are you exactly", "are you an
    # actual person") and "... status" (session 25, "wording"; main 2136b77): 454 of 470;
    # the floor one sentence below (453).
    # Session 26 ("frames": "are all ..." read as QueryDevices' question): 455 of 470; the
    # floor one sentence below (454).
    # A determiner alone is no free-text value (session 26, the lead): "start a list for the
    # party" no longer makes a list called "a" ("I made a a list"); it falls back instead, a
    # wrong answer counted as a hit before: 454 of 470 (main 73d3591 + the change).
    "paraphrases_heldout6": (0.972, 0.033),
    # A seventh set, written on 2026-11-30 before the eighth round of tuning landed, from the
    # intents' one-line descriptions and the demo home's device list only, in five new voices
    # (child, host for guests, speech-recogniser transcript, rushed commuter, slang). Untuned,
    # measured at c27f034 (main at c93af14 plus the set): 79.7 % (366 of 459) / 7.4 % (12 of
    # 163), 2 of the 12 declines (6.1 % with declines counted as fallbacks).
    # Since the ninth round a DEVELOPMENT set (its misses and false accepts were read and tuned
    # on, disclosed by the lead; the eighth set is the held-out measure now). Before it, on main
    # 5584dc6: 81.9 % (376 of 459) / 5.5 % (9 of 163), 4.9 % (8 of 163) with declines as
    # fallbacks. After it: 89.8 % (412 of 459) / 4.3 % (7 of 163), 3.7 % (6 of 163). Floors and
    # ceilings one sentence short of the measured totals (411 of 459, 8 and 7 of 163): training
    # is not bit-repeatable, and a development floor on the exact total could fail on a flip.
    # After the tenth round (frames for an audience, self-repairs, restarts, chat words; tuned on
    # heldout8): 90.0 % (413 of 459) / 4.3 % (7 of 163); floor one sentence below (412 of 459).
    # With the second round of wishes ("we don't need the reminder ... anymore, could you
    # cancel it"): 90.2 % (414 of 459) / 4.3 % (7 of 163); floor one sentence below (413).
    # With a typed fragment beside a request the templates read as said set aside ("alarm for
    # 5:45 tomorrow, early train"): 90.6 % (416 of 459) / 4.3 % (7 of 163); floor one sentence
    # below (415 of 459).
    # With the skills' own wordings (session 24, "kinds": a riddle to solve, a name forgotten as
    # what one is called): 417 of 459; the floor one sentence below (416).
    # With closed-class words ("them", "exactly", "anyone") no word about something else in
    # the learned stage's coverage (`nlu/closed_class.py`): 419 of 459; the floor one below (418).
    # With one unknown word of a near-certain learned reading (p >= 0.99, out of domain < 0.001)
    # counted half, as a name (`Router._name_forgiven`): 424 of 459; the floor one below (423).
    # With a closed-class word no sample says no tie to another skill's topic ("what are you
    # exactly" is not capped as read by function words only): 425 of 459;
    # the floor one sentence below (424).
    # With "what can you do" the help skill's WhatCanYouDo, not the built-in Help (session 25,
    # "wording"; main 57e5c1e): 426 of 459; the floor one sentence below (425).
    # With requests said through what not to do read as the request after the negated clause
    # (`nlu/negation.py`: "don't remember my name anymore, ..." as "forget my name"), on main
    # b91a36b: 425 of 459 / 7 of 163; the floor one sentence below (424).
    # Both, merged (main 8a89960 with negation): 427 of 459 / 7 of 163; the floor one below (426).
    # Merged with learned (main a94a917): 429 of 459 / 7 of 163; the floor one below (428).
    # With questions about the speaker said insistently ("what are you exactly", "are you an
    # actual person") and "... status" (session 25, "wording"; main 2136b77): 427 of 459;
    # the floor one sentence below (426).
    # All of the above merged (main a94a917 with wording): 428 of 459; the floor one below (427).
    # With mistyped courtesies mended and set aside (session 26, "slots"; "speeker" read as
    # "speaker" and set aside at the end; main 2173804): 429 of 459; the floor one below (428).
    # With the request buried in a run-on or emphatic line read on its own (session 26,
    # "clauses"; main be020ee merged): 430 of 459 / 7 of 163; the floor one sentence below (429).
    # All of session 26 landed (main f078df7): 431 of 459 / 7 of 163; the floor one below (430).
    # Session 27, "siblings" (the right intent among neighbours): 432 of 459; the floor one
    # sentence below (431).
    # With "we'd like ..." read as a wish (session 27, "outcome"): 432 of 459 / 7 of 163; the
    # floor one sentence below (431).
    # With learned readings backed by their intent's own values read (session 28, "learned2"):
    # 435 of 459; the floor one sentence below (434).
    "paraphrases_heldout7": (0.945, 0.05),
    # An eighth set, written on 2026-11-30 (session 23) before the ninth round of tuning landed,
    # from the intents' one-line descriptions and the demo home's device list only, in five new
    # voices (texter, formal, wisher, hesitant with self-repairs, teacher). Untuned, measured at
    # 8f7be4b (main at 25105da, code as 5584dc6, plus the set less three sentences whose label
    # was not the only right answer): 82.2 % (592 of 720) / 4.4 % (7 of 159), 3 of the 7
    # declines (2.5 % with declines counted as fallbacks).
    # Since session 24 a DEVELOPMENT set (the ninth set is the held-out measure now). Before
    # its tuning, on main 0c1c0f9: 82.8 % (596 of 720) / 4.4 % (7 of 159). With wishes and needs
    # read as the commands they amount to (`nlu/wishes.py`: "i need the front door locked",
    # "i'd like to hear the news", "i don't need the timer any more, cancel it"): 86.4 % (622 of
    # 720) / 4.4 % (7 of 159); the floor one sentence below (621 of 720).
    # With frames for an audience, self-repairs, restarts and chat words too (`nlu/framing.py`:
    # "ok class, watch: speaker, ...", "six, no, six thirty"; 635 of 720 on their own): 91.8 %
    # (661 of 720) / 3.8 % (6 of 159), 2 of the 6 declines; the floor one sentence below (660
    # of 720), the ceiling one sentence above (7 of 159).
    # With the second round of wishes too (indirect questions asked directly, things wanted by
    # amount, purpose or verb, "... any more, <verb> it"): 93.8 % (675 of 720) / 3.8 % (6 of
    # 159), 2 of the 6 declines; the floor one sentence below (674 of 720).
    # With curiosity and learning frames, formal requests and indirect questions with a named
    # subject: 94.0 % (677 of 720) / 3.8 % (6 of 159); the floor one sentence below (676).
    # With questions asked to be told read as questions beside them (`framing.questions`:
    # "tell the kids what time it is in ...", "let's ask it if ..."): 94.3 % (679 of 720) /
    # 3.8 % (6 of 159); the floor one sentence below (678 of 720).
    # Both together: 94.6 % (681 of 720) / 3.8 % (6 of 159); the floor one sentence below (680).
    # With a hearing frame no anchor ("i'd like to hear the drinks menu" is no song) and what
    # is to be heard read as told by the learned stage: 94.9 % (683 of 720) / 3.8 % (6 of 159);
    # the floor one sentence below (682 of 720).
    # With everyday verbs read as the skills' ("display ..." as "show ...", "read out ..." as
    # "read ..."): 95.1 % (685 of 720) / 3.8 % (6 of 159); the floor one below (684 of 720).
    # With an anchored catch-all reading that declines judged by the learned stage ("i'd like
    # to order a new mattress online" is no skill's): 3.1 % (5 of 159); the ceiling one
    # sentence above (6 of 159).
    # With fixed-date occasions read as dates ("what day is christmas this yr"): 686 of 720 / 5
    # of 159; the floor one sentence below (685).
    # With closed-class words ("them", "exactly", "anyone") no word about something else in
    # the learned stage's coverage (`nlu/closed_class.py`): 688 of 720; the floor one below (687).
    # With one unknown word of a near-certain learned reading (p >= 0.99, out of domain < 0.001)
    # counted half, as a name (`Router._name_forgiven`): 689 of 720; the floor one below (688).
    # With a thing no longer wanted "after all" removed (`nlu/negation.py`: "i don't want the
    # milkshake after all, take it off"), on main 57e5c1e: 690 of 720 / 5 of 159; the floor one
    # sentence below (689).
    # With questions about the speaker said insistently ("what are you exactly", "are you an
    # actual person") and "... status" (session 25, "wording"; main 2136b77): 691 of 720;
    # the floor one sentence below (690).
    # All of the above merged (main a94a917 with wording): 692 of 720; the floor one below (691).
    # Session 26 ("frames": "are all ..." read as QueryDevices' question): 693 of 720; the
    # floor one sentence below (692).
    # With the request buried in a run-on or emphatic line read on its own (session 26,
    # "clauses"; main be020ee merged): 694 of 720 / 5 of 159; the floor one sentence below (693).
    # Session 27, "siblings" (the right intent among neighbours): 696 of 720; the floor one
    # sentence below (695).
    # With the outcome wanted read ("i'd like the dentist appointment called check up instead";
    # session 27, "outcome"; 464f40e): 695 of 720; the floor one sentence below (694).
    # With the over-specified voice read (qualifiers of exactness set aside, report frames'
    # objects read as what they ask, naming nouns; session 27, "qualifiers"; main 86c0625
    # merged): 698 of 720; the floor one sentence below (697).
    # With a mode after "on" used ("i'd like my clock on madrid time"; "outcome", second
    # piece): 696 of 720 alone; merged with "qualifiers" (main 9a00bfe): 699 of 720 / 5 of
    # 159; the floor one sentence below (698).
    # With learned readings backed by their intent's own values read (session 28, "learned2"):
    # 704 of 720; the floor one sentence below (703).
    "paraphrases_heldout8": (0.976, 0.038),
    # A ninth set, written on 2026-11-30 (session 24) before the tenth round of tuning landed,
    # from the intents' one-line descriptions and the demo home's device list only, in five new
    # voices (terse, explainer, wonderer, frustrated, proxy). Untuned, measured at 6e3f9dd (main
    # 0c1c0f9 plus the set, no sentence removed): 71.5 % (537 of 751) / 4.5 % (7 of 154), none of
    # the 7 a decline (4.5 % with declines counted as fallbacks).
    # A development set since the tenth round. With complaints and exclamations around the
    # request set aside ("for heaven's sake, ...", "the baby's asleep, ...", "why did the music
    # stop? ..."): 77.4 % (581 of 751) / 4.5 % (7 of 154); the floor one sentence below (580).
    # With tentative requests read as the command ("would you mind adding ...", "how about
    # locking ...", "is there any way to ..."): 78.7 % (591 of 751) / 4.5 % (7 of 154); the
    # floor one sentence below (590).
    # With terse requests without a verb read as the command for their thing and state
    # ("heating 21", "tv louder", "air conditioner cool mode"): 79.4 % (596 of 751) / 4.5 % (7
    # of 154); the floor one sentence below (595).
    # With requests made for someone else read as the speaker's own (`proxies.for_self`: "my
    # wife wants ...", "grandma's asking ..."), alone on main d66595b: 77.9 % (585 of
    # 751) / 4.5 % (7 of 154); with the above (main 8df86fb): 83.1 % (624 of 751) / 4.5 % (7 of
    # 154); the floor one sentence below (623).
    # Both with terse requests too and a leading aside that no longer cuts a command from its
    # object ("..., read | it out"), measured at this commit's parent plus the change: 83.8 %
    # (629 of 751) / 3.9 % (6 of 154); the floor one sentence below (628).
    # With a request after a clause said first not left for a shorter one at its end ("i
    # forgot the butter, put butter on the shopping list" is no "shopping list") and "everyone's
    # gone to bed" a remark: 83.9 % (630 of 751) / 4.5 % (7 of 154); the floor one below (629).
    # With commands for someone else said for the speaker (`proxies.to_self`: "tell her ...",
    # "... for him"): 84.0 % (631 of 751) / 4.5 % (7 of 154); the floor one below (630).
    # All of the above together (main 1d32657 merged with complaints 1c1000e): 84.7 % (636 of
    # 751) / 3.9 % (6 of 154); the floor one sentence below (635).
    # With closed-class words ("them", "exactly", "anyone") no word about something else in
    # the learned stage's coverage (`nlu/closed_class.py`): 645 of 751 / 6 of 154;
    # the floor one sentence below (644).
    # With one unknown word of a near-certain learned reading (p >= 0.99, out of domain < 0.001)
    # counted half, as a name (`Router._name_forgiven`): 655 of 751 / 6 of 154;
    # the floor one sentence below (654).
    # With a closed-class word no sample says no tie to another skill's topic ("what are you
    # exactly" is not capped as read by function words only): 657 of 751;
    # the floor one sentence below (656).
    # With "what can you do" the help skill's WhatCanYouDo, not the built-in Help (session 25,
    # "wording"; main 57e5c1e): 658 of 751; the floor one sentence below (657).
    # With what a remark said first names read for the request's "it" or "them" (`nlu/leads.py`:
    # "the kids set loads of alarms on you, remove all of them"): 659 of 751 / 6 of 154; the
    # floor one sentence below (658). Merged with the above (main 2136b77): 662 of 751 / 5 of
    # 154; the floor one sentence below (661).
    # With a thing named without a determiner read for the request's pronoun (`nlu/negation.py`:
    # "i never asked for onion rings! remove them ..."), on main 57e5c1e: 656 of 751 / 6 of 154;
    # the floor one sentence below (655).
    # Both, merged (main 8a89960 with negation): 663 of 751 / 5 of 154; the floor one below (662).
    # Merged with learned (main a94a917): 665 of 751 / 5 of 154; the floor one below (664).
    # With questions about the speaker said insistently ("what are you exactly", "are you an
    # actual person") and "... status" (session 25, "wording"; main 2136b77): 662 of 751;
    # the floor one sentence below (661). Both together (main 8a89960 merged): 666 of 751 / 5 of
    # 154; the floor one sentence below (665).
    # All of the above merged (main a94a917 with wording): 667 of 751; the floor one below (666).
    # With the uncommon verbs of the everyday synonym table ("retitle"; session 26, "lexicon"):
    # 668 of 751; the floor one sentence below (667). With a thing wiped clean ("could you
    # wipe my to-do list clean?", `jussive.gone_readings`): 669; the floor one below (668).
    # With a learned reading's time said after "to" given to the slot the templates put after
    # "to" (MoveEvent's `when`, not `on`; session 26, "slots"; main 1a3181d merged): 670 of
    # 751; the floor one sentence below (669).
    # With the request buried in a run-on or emphatic line read on its own (session 26,
    # "clauses"; main be020ee merged): 675 of 751 / 5 of 154; the floor one sentence below (674).
    # All of session 26 landed (main f078df7): 676 of 751; the floor one sentence below (675).
    # Session 27, "siblings" (the right intent among neighbours): 678 of 751; the floor one
    # sentence below (677).
    # With the over-specified voice read (qualifiers of exactness set aside, report frames'
    # objects read as what they ask, naming nouns; session 27, "qualifiers"; main 86c0625
    # merged): 678 of 751; the floor one sentence below (677).
    # Session 28, "siblings" (an amount is no input's name, dishes, asides end before a noun
    # phrase): 681 of 751; the floor one sentence below (680).
    # With a skill's own word standing against the learned stage's guess at another skill
    # (session 28, "siblings", second piece): 683 of 751; the floor one sentence below (682).
    # With frames around a request (session 28, "frames"; main 5a81ed7 merged): 684 of 751;
    # the floor one sentence below (683).
    "paraphrases_heldout9": (0.909, 0.046),
    # A tenth set, written on 2026-11-30 (session 24, second round) before the eleventh round of
    # tuning landed, from the intents' one-line descriptions and the demo home's device list
    # only, in five new voices (sidetalker, negator, time-first, literal, apologetic). Untuned,
    # measured at 42f1517 (main d66595b plus the set less three sentences whose label was not the
    # only right answer): 79.5 % (525 of 660) / 2.3 % (3 of 129), 1 of the 3 a decline (1.6 %
    # with declines counted as fallbacks). Floor and ceilings at those figures (rounded down to
    # 0.005 and up to 0.001): any regression fails.
    # With closed-class words ("them", "exactly", "anyone") no word about something else in
    # the learned stage's coverage (`nlu/closed_class.py`): 533 of 660 / 3 of 129;
    # the floor one sentence below (532).
    # With one unknown word of a near-certain learned reading (p >= 0.99, out of domain < 0.001)
    # counted half, as a name (`Router._name_forgiven`): 542 of 660 / 3 of 129;
    # the floor one sentence below (541).
    # With a closed-class word no sample says no tie to another skill's topic ("what are you
    # exactly" is not capped as read by function words only): 543 of 660;
    # the floor one sentence below (542).
    # With the request after a lead read on its own (`nlu/leads.py`: "for the match, ...",
    # "sorry to ask, but ...", "wait, sara - speaker, ..."): 528 -> 559 of 660 on main e0adc18;
    # merged with the above (main b91a36b): 568 of 660 / 3 of 129; the floor one sentence below
    # (567).
    # Merged with a closed-class word tying no other topic (learned 5e0aa1f): 569 of 660 / 3 of
    # 129; the floor one sentence below (568).
    # With requests said through what not to do read as the request after the negated clause,
    # its pronoun read as the thing the clause names, not knowing as asking to be told and a
    # thing no longer wanted as removed (`nlu/negation.py`: "don't skip, go back a track", "i
    # don't want any timers running, cancel every one"): 528 -> 551 of 660 / 3 -> 2 of 129 on
    # main e0adc18; merged with the above (main 57e5c1e): 590 of 660 / 2 of 129; with a request
    # not started by a subject's own verb ("what medicine should i | put on it"): 1 of 129. The
    # floor one sentence below (589 of 660), the ceiling one above (2 of 129).
    # With lines typed as code read as the words they stand for (`nlu/literal.py`:
    # "front_door.lock()", "tv.volume -= 10"): 528 -> 558 of 660 on main e0adc18; merged with
    # the above (main 57e5c1e): 90.2 % (595 of 660) / 2.3 % (3 of 129); the floor one
    # sentence below (594).
    # Merged with learned f8c169e (main 2438576): 596 of 660 / 3 of 129; the floor one sentence
    # below (595).
    # With "what can you do" the help skill's WhatCanYouDo, not the built-in Help (session 25,
    # "wording"; main 2438576 merged): 596 of 660; the floor one sentence below (595).
    # With a name naming a thing kept in the object, tasks, "drop", values asked for, and a
    # template's reading of a line as code before a learned guess: 595 -> 601 of 660 on main
    # 57e5c1e; merged with the above (main 2136b77): 91.2 % (602 of 660) / 2.3 % (3 of 129);
    # the floor one sentence below (601).
    # With negation too (main 8a89960 merged with negation): 93.6 % (618 of 660) / 0.8 % (1 of
    # 129); the floor one sentence below (617), the ceiling one above (2 of 129).
    # Merged with learned (main a94a917): 619 of 660 / 1 of 129; the floor one below (618).
    # With this round's shapes of lines typed as code too (main a94a917 merged with syntax):
    # 94.5 % (624 of 660) / 0.8 % (1 of 129); the floor one sentence below (623).
    # With questions about the speaker said insistently ("what are you exactly", "are you an
    # actual person") and "... status" (session 25, "wording"; main 2136b77): 598 of 660;
    # the floor one sentence below (597).
    # All of the above merged (main a94a917 with wording): 619 of 660; the floor one below (618).
    # With wording too (main b8d3438 merged): 625 of 660; the floor one below (624).
    # Session 26 ("frames": "are all ..." read as QueryDevices' question): 626 of 660; the
    # floor one sentence below (625).
    # Session 27, "siblings" (the right intent among neighbours): 627 of 660; the floor one
    # sentence below (626).
    # With the over-specified voice read (qualifiers of exactness set aside, report frames'
    # objects read as what they ask, naming nouns; session 27, "qualifiers"; main 86c0625
    # merged): 627 of 660; the floor one sentence below (626).
    # Session 28, "siblings" (dishes the menu lacks): 632 of 660; the floor one sentence below
    # (631).
    # With "carry on" read as Resume (session 28, second piece): 633 of 660; the floor one
    # sentence below (632).
    "paraphrases_heldout10": (0.957, 0.016),
    # An eleventh set, written on 2026-12-01 (session 25) before that session's tuning landed,
    # from the intents' one-line descriptions and the demo home's device list only, in five new
    # voices (veteran, questioner, rambler, playful, emphatic): the honest measure of issue #9.
    # Untuned, measured at 892aaac (main e0adc18 plus the set, no sentence removed): 66.8 % (468
    # of 701) / 0.8 % (1 of 124), the 1 a decline (0.0 % with declines counted as fallbacks).
    # Floor and ceilings at those figures (rounded down to 0.005 and up to 0.001): any
    # regression fails.
    # With stage English read (`nlu/archaic.py`: "thy", "doth", "on the morrow", the speaker
    # addressed by a title, a simile at the end) and figurative verbs ("recite", "banish",
    # "transmute"; session 26, "lexicon"; main 2fd99da): 72.9 % (511 of 701) / 0.0 % (0 of
    # 124); the floor one sentence below (510). With "let" requests read as their commands
    # (`nlu/jussive.py`) and more uncommon verbs: 515 of 701; the floor one below (514). With
    # a thing sent to be gone ("... into oblivion") or wiped clean: 518; the floor one below (517).
    # With requests asked as questions (`wishes`), "for tomorrow morning" as a "when" and "are
    # all ..." as QueryDevices' question (session 26, "frames", merged with the above): 516 of
    # 701; the floor one sentence below (515).
    # With the unknown words of a sure reading that two of its intent's own words anchor
    # counted half too (session 26, "learned"; `Router._anchored_forgiven`; main d91a7d3
    # merged): 74.2 % (520 of 701) / 0.0 % (0 of 124); the floor one sentence below (519).
    # Both together (main 2173804 merged with lexicon's "let" and "gone" readings): 74.9 % (525
    # of 701) / 0.0 %; the floor one sentence below (524).
    # With mistyped courtesies mended by a changed letter too and set aside ("pleese"; session
    # 26, "slots"; main 1a3181d merged): 526 of 701 / 0 of 124; the floor one below (525).
    # With frames as well (main 1a3181d merged with frames): 530 of 701; the floor one
    # sentence below (529).
    # With a skill invoked by name too (session 26, "invocation": "tell calendar to ...",
    # "computer, ask weather if ..."; 492 -> 507 on main 2fd99da, 525 -> 540 on main 1a3181d).
    # All of the above (main f9adbae): 78.0 % (547 of 701) / 0.0 % (0 of 124); the floor one
    # sentence below (546).
    # With the request buried in a run-on or emphatic line read on its own (session 26,
    # "clauses"; main be020ee merged): 80.2 % (562 of 701) / 0.0 % (0 of 124); the floor one
    # sentence below (561).
    # All of session 26 landed (main f078df7): 82.5 % (578 of 701) / 0.0 %; the floor one
    # sentence below (577).
    # Session 27, "siblings" (the right intent among neighbours): 580 of 701; the floor one
    # sentence below (579).
    # With the over-specified voice read (qualifiers of exactness set aside, report frames'
    # objects read as what they ask, naming nouns; session 27, "qualifiers"; main 86c0625
    # merged): 579 of 701; the floor one sentence below (578).
    # With the lexicon by sense (session 27, "lexicon"; see docs/architecture.md; main c58fb40
    # merged): 587 of 701 / 0 of 124; the floor one sentence below (586).
    # With learned readings backed by their intent's own values read (session 28, "learned2"):
    # 591 of 701; the floor one sentence below (590).
    "paraphrases_heldout11": (0.841, 0.009),
    # A twelfth set, written on 2026-12-01 (session 26) before that session's tuning landed,
    # from the intents' one-line descriptions and the demo home's device list only, in five new
    # voices (outcome, thesaurus, lets, codeswitch, pedant): the honest measure of issue #9.
    # Untuned, measured at 8160308 (main 2fd99da plus the set, no sentence removed): 74.8 % (517
    # of 691) / 0.8 % (1 of 125), none of them a decline (0.8 % with declines counted as
    # fallbacks). Floor and ceilings at those figures (rounded down to 0.005 and up to 0.001):
    # any regression fails.
    # After session 26's tuning (main f078df7), measured once: 81.3 % (562 of 691) / 0.8 % (1 of
    # 125, the same sentence); the floor one sentence below (561), the ceilings unchanged.
    # Session 27, "siblings" (the right intent among neighbours): 563 of 691; the floor one
    # sentence below (562).
    # With the outcome wanted, "let's" suggestions and foreign courtesy words read (session
    # 27, "outcome"; 464f40e): 84.7 % (585 of 691) / 0.8 %; the floor one sentence below (584).
    # With the over-specified voice read (qualifiers of exactness set aside, report frames'
    # objects read as what they ask, naming nouns; session 27, "qualifiers"; main 86c0625
    # merged): 607 of 691; the floor one sentence below (606).
    # Its second piece (a mode after "on" used, indirect questions with a third-person verb
    # asked directly, a one-word quality a thing should have given by "make"): 588 of 691 /
    # 0.8 %, alone; merged with "qualifiers" (main 9a00bfe): 88.3 % (610 of 691) / 0.8 %; the
    # floor one sentence below (609).
    # With the speaker's own words' free text judged as said, a setting's generic name and the
    # title of a thing playing (session 27, "qualifiers", second piece; main c58fb40 merged):
    # 611 of 691; the floor one sentence below (610).
    # With the lexicon by sense too (session 27, "lexicon"; main b27adca merged): 93.6 % (648
    # of 691) / 0.8 % (1 of 125); the floor one sentence below (647).
    "paraphrases_heldout12": (0.94, 0.008),
    # A thirteenth set, written on 2026-12-01 (session 27) before that session's tuning landed,
    # from the intents' one-line descriptions and the demo home's device list only, in five new
    # voices (passive, topicfirst, approximator, tagger, conditional): the honest measure of
    # issue #9. Three sentences removed after the first run (see the set's header: each had a
    # second right answer by the descriptions). Untuned, measured at 8b8be7f (main 4d11b5d plus
    # the set): 82.5 % (415 of 503) / 1.6 % (2 of 125), none of them a decline (1.6 % with
    # declines counted as fallbacks). After session 27's tuning (on the development sets only),
    # measured once at de8ffb8: 83.1 % (418 of 503) / 1.6 % (2 of 125); the floor is one
    # sentence below that, the ceilings at the measured false accepts: any regression fails.
    # Since session 28 a development set. Session 28, "siblings" (an amount is no input's name,
    # dishes, asides end before a noun phrase or "be"): 423 of 503; the floor one below (422).
    # Session 28, "vague" (values said approximately read by the slot parsers, hedges set
    # aside; main 97b9cff merged): 87.5 % (440 of 503) / 1.6 % (2 of 125); the floor one
    # below (439).
    # With learned readings backed by their intent's own values read (session 28, "learned2";
    # main 67cad41 merged): 441 of 503; the floor one sentence below (440).
    # With frames around a request (session 28, "frames": a topic set apart, a question tag, a
    # condition; main 5a81ed7 merged): 461 of 503 / 0.0 % (0 of 125); the floor one below (460).
    # Passive and impersonal requests read as the active ones (session 28, "passive"; main
    # a1913d0 merged): 95.4 % (480 of 503) / 0.0 % (0 of 125); the floor one below (479), the
    # false-accept ceiling one above (1 of 125), measured on main a5b01e1.
    "paraphrases_heldout13": (0.952, 0.008),
    # A fourteenth set, written on 2026-12-01 (session 28) before any of that session's tuning
    # landed, from the intents' one-line descriptions and the demo home's device list only, in
    # five new voices (suggester, nominal, numberer, deontic, phrasal): the honest measure of
    # issue #9. No sentence removed after the first run. Untuned, measured at 668fc37 (main
    # 984c4de plus the set): 79.2 % (518 of 654) / 1.6 % (2 of 125), none of them a decline
    # (1.6 % with declines counted as fallbacks). The floor is the accuracy rounded down to the
    # next 0.005 (517 of 654), the ceilings at the measured false accepts: any regression fails.
    # After session 28's tuning (passive, frames, vague, siblings2, learned2), measured once on
    # main a5b01e1: 79.7 % (521 of 654) / 1.6 % (2 of 125); the floor at that, rounded down.
    "paraphrases_heldout14": (0.796, 0.016),
    # Chinese, written before the learned stage was tuned for Chinese: 95.2 % / 13.6 % (3 of 22)
    # untuned; 91.6 % / 4.5 % (1 of 22) once a character counts as known only in a pair seen in
    # training and particles are not content (the misses: tests/data/paraphrases_zh_heldout.yaml).
    "paraphrases_zh_heldout": (0.927, 0.05),
}


DECLINES_AS_FALLBACK_CEILINGS: dict[str, float] = {
    # The false accepts with a decline (an intent declared ``declines=True``) counted as the
    # fallback it amounts to, as measured after issue #9's fourth round. Both figures are held.
    "paraphrases": 0.0,
    "paraphrases_heldout": 0.117,
    "paraphrases_heldout_oos": 0.0125,
    "paraphrases_heldout3": 0.014,
    # Untuned, measured at 1ced905: 6.3 % (10 of 159), none of them a decline; 5.7 % at 6c2e2d8;
    # 3.1 % (5 of 159) after the sixth round, tuned on it (a development set now).
    "paraphrases_heldout4": 0.026,
    # Untuned, measured at 9ff1349: 2.4 % (4 of 169).
    # 1.2 % (2 of 169) after the seventh round, tuned on it (a development set now).
    "paraphrases_heldout5": 0.012,
    # Untuned, measured at 8bfa868: 5.2 % (8 of 153); 3.9 % (6 of 153) after the seventh round;
    # 1.3 % (2 of 153) after the eighth, tuned on it (a development set now).
    "paraphrases_heldout6": 0.014,
    # Untuned, measured at c27f034: 6.1 % (10 of 163). A development set since the ninth
    # round: 3.7 % (6 of 163), the ceiling one sentence above (7 of 163).
    "paraphrases_heldout7": 0.043,
    # Untuned, measured at 8f7be4b: 2.5 % (4 of 159).
    "paraphrases_heldout8": 0.026,
    # Untuned, measured at 6e3f9dd: 4.5 % (7 of 154).
    "paraphrases_heldout9": 0.046,
    # Untuned, measured at 42f1517: 1.6 % (2 of 129).
    "paraphrases_heldout10": 0.016,
    # Untuned, measured at 892aaac: 0.0 % (0 of 124).
    "paraphrases_heldout11": 0.0,
    # Untuned, measured at 8160308: 0.8 % (1 of 125).
    "paraphrases_heldout12": 0.008,
    # Untuned, measured at 8b8be7f: 1.6 % (2 of 125); 0 of 125 on a5b01e1 (session 28), the
    # ceiling one above.
    "paraphrases_heldout13": 0.008,
    # Untuned, measured at 668fc37: 1.6 % (2 of 125).
    "paraphrases_heldout14": 0.016,
}


def run_paraphrases(name: str = "paraphrases", sim: Simulator | None = None) -> dict[str, Any]:
    """Route every sentence of one set; accuracy, false accepts and the misses."""
    spec = yaml.safe_load((DATA / f"{name}.yaml").read_text(encoding="utf-8"))
    own = sim is None
    if sim is None:
        if name == "paraphrases":
            bundled = [s for s in load_skills(None).skills if s.name in FIRST_SKILLS]
            extra = load_skills(DATA / "paraphrase_skills", bundled=False).skills
            sim = Simulator.create(extra_skills=[*bundled, *extra], bundled=False, seed=0)
        else:
            sim = Simulator.create(seed=0)
    counts: dict[str, set[str]] = {}
    for label, answers in (spec.get("equivalent") or {}).items():
        # Older set: "answer: [labels it counts for]"; held-out set: "label: [answers]".
        for other in answers:
            if name == "paraphrases":
                counts.setdefault(other, set()).add(label)
            else:
                counts.setdefault(label, set()).add(other)
    misses: list[tuple[str, str, str]] = []
    right = total = 0
    for label, sentences in (spec.get("in_scope") or {}).items():
        accepted = {label} | counts.get(label, set())
        skill, _, intent = label.partition(".")
        spec_ = sim.router.intent(skill, intent)
        # A context-only intent ("next song" while music plays) is said in its context.
        focus = skill if spec_ is not None and spec_.context_only else None
        for text in sentences:
            result = sim.route(text, focus_skill=focus)
            got = f"{result.skill}.{result.intent}" if result.intent else "fallback"
            total += 1
            if got in accepted:
                right += 1
            else:
                misses.append((text, label, got))
    accepts: list[tuple[str, str]] = []
    declined: list[tuple[str, str]] = []
    for text in spec["out_of_scope"]:
        result = sim.route(text)
        if result.intent is not None:
            accepts.append((text, f"{result.skill}.{result.intent}"))
            if result.outcome == "declined":
                declined.append(accepts[-1])
    if own:
        sim.close()
    return {
        "set": name,
        "in_scope": total,
        "accuracy": right / total if total else None,
        "out_of_scope": len(spec["out_of_scope"]),
        "false_accepts": len(accepts) / len(spec["out_of_scope"]),
        # The same with a decline (an intent declared ``declines=True`` saying "I can't look
        # that up") counted as the fallback it amounts to. Both figures are reported.
        "false_accepts_declines_as_fallback": (len(accepts) - len(declined))
        / len(spec["out_of_scope"]),
        "misses": misses,
        "accepts": accepts,
        "declined": declined,
    }


def _set_param(name: str) -> Any:
    """One set as a ``heavy`` test, its expected cost (for spreading heavy tests over the
    workers, see ``tests/conftest.py``) taken from its file's size: routing a set costs about a
    second of CPU per 4,000 bytes of it (heldout8: 61 kB, 15 s)."""
    size = (DATA / f"{name}.yaml").stat().st_size
    return pytest.param(name, marks=pytest.mark.heavy(seconds=max(1, size // 4000)), id=name)


# One test per set, not three over a module-scoped report: the report is what costs (a set is
# routed in 5 to 30 s), and xdist may hand the three tests of one set to two workers, each of
# which would then route the set again. Being one test, each set is also one `heavy` test that
# `conftest.py` can place on a worker of its own, so the sets run on both workers at once.
@pytest.mark.parametrize("name", [_set_param(name) for name in sorted(FLOORS)])
def test_paraphrase_set(name: str) -> None:
    """The set is big enough, its in-scope sentences reach their floor of accuracy, and its
    out-of-scope requests stay under their ceiling of false accepts."""
    report = run_paraphrases(name)
    _check_the_set_is_big_enough(report)
    _check_paraphrases_are_understood(report)
    _check_out_of_scope_falls_back(report)


def _check_the_set_is_big_enough(report: dict[str, Any]) -> None:
    if report["set"] == "paraphrases":
        assert report["in_scope"] >= 300 and report["out_of_scope"] >= 100
    elif report["set"] == "paraphrases_heldout_oos":
        assert report["in_scope"] == 0 and report["out_of_scope"] >= 50
    elif report["set"] in (
        "paraphrases_heldout3",
        "paraphrases_heldout4",
        "paraphrases_heldout5",
        "paraphrases_heldout6",
        "paraphrases_heldout7",
        "paraphrases_heldout8",
        "paraphrases_heldout9",
        "paraphrases_heldout10",
        "paraphrases_heldout11",
        "paraphrases_heldout12",
        "paraphrases_heldout13",
        "paraphrases_heldout14",
    ):
        assert report["in_scope"] >= 300 and report["out_of_scope"] >= 100
    elif report["set"] == "paraphrases_zh_heldout":
        assert report["in_scope"] >= 60 and report["out_of_scope"] >= 20
    else:
        assert report["in_scope"] >= 150 and report["out_of_scope"] >= 50


def _check_paraphrases_are_understood(report: dict[str, Any]) -> None:
    if report["accuracy"] is None:
        return  # a set of out-of-scope requests only (this check was a skipped test for it)
    print(f"\n{report['set']}: accuracy {report['accuracy']:.3f} of {report['in_scope']}")
    for text, label, got in report["misses"]:
        print(f"  MISS {text!r}: {label} -> {got}")
    assert report["accuracy"] >= FLOORS[report["set"]][0]


def _check_out_of_scope_falls_back(report: dict[str, Any]) -> None:
    print(
        f"\n{report['set']}: false accepts {report['false_accepts']:.3f} "
        f"({report['false_accepts_declines_as_fallback']:.3f} with declines counted as fallbacks)"
    )
    for text, got in report["accepts"]:
        declined = " (declined)" if (text, got) in report["declined"] else ""
        print(f"  ACCEPTED {text!r} -> {got}{declined}")
    assert report["false_accepts"] <= FLOORS[report["set"]][1]
    ceiling = DECLINES_AS_FALLBACK_CEILINGS.get(report["set"])
    if ceiling is not None:
        assert report["false_accepts_declines_as_fallback"] <= ceiling
