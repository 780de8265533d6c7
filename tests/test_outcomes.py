"""Requests said as the outcome wanted, as a suggestion in the first person plural, or with a
courtesy word of another language (issue #9): "i want no timers left", "the porch light has to
be on", "i need to be reminded to ...", "let's get the fan going", "two lattes, por favor". The
readings (`simulator.nlu.wishes`, `simulator.nlu.jussive`, `simulator.nlu.fillers`) and what the
router makes of them, on sentences written for these tests.
"""

from __future__ import annotations

import pytest

from simulator.engine import Simulator
from simulator.nlu.fillers import strip_fillers
from simulator.nlu.jussive import finding_frame, suggestion_readings
from simulator.nlu.wishes import WishVerbs, terse_readings, wish_readings


@pytest.fixture(scope="module")
def speaker() -> Simulator:
    """The bundled skills."""
    return Simulator.create(seed=0)


def _intent(speaker: Simulator, text: str) -> str | None:
    result = speaker.route(text)
    return f"{result.skill}.{result.intent}" if result.intent else None


_SAMPLES = [
    "cancel the alarm",
    "cancel my timer",
    "remind me to feed the cat",
    "remind me about the bins",
    "rename the party to the bash",
    "rename my trip to the holiday",
    "resume the song",
    "resume the radio",
    "start the mower",
    "start the dryer",
    "move the meeting to 5",
    "move my lunch to 2",
    "set the oven to 180",
    "set the fan to 3",
    "take eggs off the list",
    "take milk off my list",
    "call me sam",
    "call me later",
]


def _w(text: str) -> list[str]:
    return text.split()


def _verbs() -> WishVerbs:
    return WishVerbs.derive(
        {"cancel", "remind", "rename", "resume", "start", "move", "set", "take", "call"},
        _SAMPLES,
    )


def _read(text: str) -> list[str]:
    return [" ".join(w.words) for w in wish_readings(_w(text), _verbs())]


def test_nothing_of_a_thing_left_is_every_one_gone() -> None:
    assert _read("i want no reminders left at all")[0] == "cancel all reminders"
    assert _read("i would like zero alarms running whatsoever")[0] == "cancel all alarms"
    assert _read("there should be no timers left")[0] == "cancel all timers"
    # Something else after the thing: no wish for nothing of it.
    assert not any(r.startswith("cancel") for r in _read("i want no part of this"))


def test_a_state_the_thing_should_be_in() -> None:
    assert "start the mower" in _read("the mower needs to be going")
    assert "move my lunch to 3" in _read("my lunch should be at 3 instead of 2")
    assert "set the oven to 200" in _read("the oven has to be at 200")
    # A thing named without a determiner, or a state no verb makes: nothing.
    assert _read("it should be fine") == []
    assert _read("the children should be asleep by now") == []


def test_a_thing_in_motion_again_is_resumed() -> None:
    assert _read("i want the radio playing again")[0] == "resume the radio"
    assert _read("i want the dryer running")[0] == "start the dryer"


def test_a_thing_off_a_list_is_taken_off_it() -> None:
    readings = _read("i need the eggs off my list")
    assert readings[0] == "take the eggs off my list"
    assert "cancel the eggs from my list" in readings


def test_a_thing_called_a_name_is_renamed_or_given() -> None:
    assert _read("i want the party called the gala")[0] == "rename the party to the gala"
    # "a ... called" is a new thing, given, not a rename.
    assert not any(r.startswith("rename") for r in _read("i want a folder called taxes"))


def test_to_be_done_to_the_speaker() -> None:
    assert _read("i need to be reminded to feed the cat") == ["remind me to feed the cat"]
    # "to be at the station" is no verb done to the speaker: a frame, read elsewhere.
    assert _read("i need to be at the station by six") == []


def test_what_the_listener_should_do() -> None:
    assert _read("you should know me as sam") == ["call me sam"]
    assert _read("you can address me as the boss") == ["call me the boss"]
    assert _read("you should start the mower") == ["start the mower"]
    assert _read("you should see a doctor") == []


def test_a_group_that_had_better_have_a_thing() -> None:
    verbs = WishVerbs.derive({"set"}, ["set a timer", "set an alarm"])
    readings = [" ".join(w.words) for w in wish_readings(_w("we'd better have a timer"), verbs)]
    assert "set a timer" in readings


def test_terse_level_and_counted_things() -> None:
    verbs = WishVerbs.derive({"set", "order"}, ["set the fan to 3", "set the oven to 180"] * 2)
    level = [" ".join(w.words) for w in terse_readings(_w("oven at 200 degrees"), verbs)]
    assert "set oven to 200 degrees" in level
    givers = WishVerbs.derive({"order"}, ["order a pizza", "order some chips"])
    counted = [" ".join(w.words) for w in terse_readings(_w("two teas and a scone"), givers)]
    assert counted == ["order two teas and a scone"]


def test_suggestions_in_the_first_person_plural() -> None:
    [question] = suggestion_readings(_w("let us find out whether it snows"))
    assert question.words == _w("i want to know whether it snows") and question.wish
    [state] = suggestion_readings(_w("ok let us get the fan going"))
    assert state.words == _w("get the fan going")
    [done] = suggestion_readings(_w("let us do party mode"))
    assert done.words == ["party", "mode"] and not done.wish
    assert suggestion_readings(_w("let us get married"))[0].words == ["get", "married"]
    assert suggestion_readings(_w("let us go")) == []
    assert finding_frame(_w("see how far it is")) == 1
    assert finding_frame(_w("check the oven")) == 0


def test_foreign_courtesy_words_are_set_aside_at_the_edges() -> None:
    assert strip_fillers(_w("bitte turn the fan off"))[0] == _w("turn the fan off")
    assert strip_fillers(_w("two teas por favor"))[0] == ["two", "teas"]
    assert strip_fillers(_w("acha so what is on today"))[0] == _w("what is on today")
    # Inside the request they stay: only the edges are courtesy.
    assert strip_fillers(_w("play la bamba bas loud"))[0] == _w("play la bamba bas loud")
    # "let's see" frames the question after it; "let's play" proposes a game.
    assert strip_fillers(_w("let us see if it rains"))[0] == _w("if it rains")
    assert strip_fillers(_w("let us play snap"))[0] == _w("let us play snap")


@pytest.mark.parametrize(
    ("text", "intent"),
    [
        ("i'd like no timers left whatsoever", "timer.CancelAllTimers"),
        ("the hallway light needs to be on", "smart_home.TurnOn"),
        ("my six o'clock alarm should be at six fifteen instead", "alarms.ChangeAlarm"),
        ("i need to be reminded to ring the plumber at four", "alarms.SetReminder"),
        ("you may know me as Priya", "hello.MyNameIs"),
        ("i want the music going again", "smart_home.Resume"),
        ("i'd like milk off the shopping list", "lists.RemoveItems"),
        ("i need a new list called camping", "lists.CreateList"),
        ("let's get the bedroom lamp on", "smart_home.TurnOn"),
        ("let's find out if it snows on Sunday", "weather.WillItRain"),
        ("we'd better have a timer for ten minutes", "timer.StartTimer"),
        ("dai, delete the camping list", "lists.DeleteList"),
        ("bedroom fan at 40 percent, bitte", "smart_home.SetLevel"),
        ("it would be nice if the hall light were off", "smart_home.TurnOff"),
        ("all the timers have to go", "timer.CancelAllTimers"),
        ("I'd like my clock on Lisbon time", "knowledge.SetTimeZone"),
        ("we'd like two cheeseburgers", "ordering.OrderFood"),
        ("I want to know what a latte costs", "ordering.ItemPrice"),
    ],
)
def test_the_router_reads_the_outcome(speaker: Simulator, text: str, intent: str) -> None:
    assert _intent(speaker, text) == intent


@pytest.mark.parametrize(
    "text",
    [
        "i want a pony",
        "the kids should be in bed by now",
        "i need to be at the airport by six",
        "let's get married",
        "we'd better have a talk",
        "my car needs to be serviced",
        "you should see a doctor",
        "i want no trouble",
        "a new car, por favor",
        "the kids have to go to bed",
        "my mum needs to call me",
        "it would be nice if it stopped raining",
    ],
)
def test_what_no_skill_does_still_falls_back(speaker: Simulator, text: str) -> None:
    assert _intent(speaker, text) is None


def test_an_indirect_question_with_a_verb_of_the_third_person() -> None:
    verbs = WishVerbs.derive({"tell"}, ["tell me the score", "tell me a story"])
    readings = [
        " ".join(w.words) for w in wish_readings(_w("i want to know what a bagel costs"), verbs)
    ]
    assert "what does a bagel cost" in readings
    # No verb of its own ending in "s": nothing asked directly.
    news = [" ".join(w.words) for w in wish_readings(_w("i wonder what the news is"), verbs)]
    assert "what is the news" in news
    assert not any(r.startswith("what does") for r in news)


def test_what_a_thing_has_to_do_or_have_done() -> None:
    verbs = WishVerbs.derive(
        {"stop", "clear", "switch", "cancel"},
        ["stop the song", "stop the oven", "clear my inbox", "clear the board"],
    )

    def read(text: str) -> list[str]:
        return [" ".join(w.words) for w in wish_readings(_w(text), verbs)]

    assert read("the oven has to stop") == ["stop the oven"]
    assert read("my inbox needs clearing") == ["clear my inbox"]
    # A user skill's verb too: "the plants need watering" is "water the plants".
    watering = WishVerbs.derive({"water"}, ["water the plants", "water the lawn"])
    assert [w.words for w in wish_readings(_w("the plants need watering"), watering)] == [
        _w("water the plants")
    ]
    assert read("the old reminder has to go")[0] == "cancel the old reminder"
    # No thing named, or no verb a request starts with: nothing.
    assert read("it has to stop") == []
    assert read("the kids need feeding") == []


def test_a_state_wished_for_in_a_clause() -> None:
    verbs = WishVerbs.derive({"turn"}, ["turn the fan off", "turn the tv on", "turn it up"])
    for text in (
        "it would be nice if the fan was off",
        "i would love it if the fan were off",
        "i would rather the fan was off",
    ):
        first = wish_readings(_w(text), verbs)[0]
        assert " ".join(first.words) == "turn the fan off"


def test_none_of_a_thing_said_negated_with_there() -> None:
    assert _read("there should not be any timers running")[0] == "cancel all timers"


def test_a_mode_or_a_source_is_used() -> None:
    verbs = WishVerbs.derive({"use", "set"}, ["use metric units", "use the spare room"])
    readings = [" ".join(w.words) for w in wish_readings(_w("i want my clock on rome time"), verbs)]
    assert "use rome time" in readings


def test_what_a_thing_is_wanted_to_do() -> None:
    verbs = WishVerbs.derive({"stop", "start", "turn"}, ["stop the song", "start the mower"])

    def read(text: str) -> list[str]:
        return [" ".join(w.words) for w in wish_readings(_w(text), verbs)]

    assert read("i want the mower to start")[0] == "start the mower"
    assert read("i need the song to stop")[0] == "stop the song"
    # "a riddle to solve": a thing wanted for a purpose, not a thing doing something.
    assert not any(r.startswith("solve") for r in read("i want a riddle to solve"))


def test_a_quality_the_thing_should_have_where_it_is() -> None:
    verbs = WishVerbs.derive({"make"}, ["make the tea strong", "make the soup hot"])
    readings = [
        " ".join(w.words) for w in wish_readings(_w("the tea in my order should be strong"), verbs)
    ]
    assert readings == ["make the tea in my order strong", "make the tea strong"]
    # More than one word of state is no quality: "in bed by now".
    assert wish_readings(_w("the kids should be in bed by now"), verbs) == []
