"""Requests typed in a programmer's syntax (issue #9): `simulator.nlu.literal` reads a line such
as ``garage_light.power = on`` or ``weather(paris)`` as the words it stands for, and the router
routes that reading (`Router._code_route`). On sentences written for these tests.
"""

from __future__ import annotations

import pytest

from simulator.engine import Simulator
from simulator.nlu.literal import read_code


@pytest.fixture(scope="module")
def speaker() -> Simulator:
    """The bundled skills on the demo home."""
    return Simulator.create(seed=0)


def _readings(text: str, names: dict[str, str] | None = None, **kw: object) -> list[str]:
    code = read_code(text, **kw)  # type: ignore[arg-type]
    assert code is not None, text
    return [" ".join(r) for r in code.readings(names or {})]


def _intent(speaker: Simulator, text: str) -> str | None:
    result = speaker.route(text)
    return f"{result.skill}.{result.intent}" if result.intent else None


# -- reading ---------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "text",
    [
        "turn on the desk lamp",
        "what's the weather like?",
        "remind me at 6:30 to call the plumber",
        "set a timer for 7.5 minutes",
        "add 1,000 points, please",
        "is it warm in the wi-fi room",
        "send it to jo.smith@example.com",
        "open bbc.co.uk",
        "把灯打开",
        "",
    ],
)
def test_an_ordinary_sentence_is_no_code(text: str) -> None:
    assert read_code(text) is None


@pytest.mark.parametrize(
    ("text", "plain"),
    [
        ("desk_lamp.toggle()", True),
        ("weather(paris)", True),
        ("speaker.volume += 4", True),
        ("timer.start minutes=3", True),
        ("time --city oslo", True),
        ("what is 9 * 7", True),
        ("note: buy stamps", False),
        ("get user.bedtime", True),
        ("garage_door?", True),
    ],
)
def test_what_marks_a_line_as_code(text: str, plain: bool) -> None:
    code = read_code(text)
    assert code is not None
    assert code.plain is plain


def test_a_method_call_is_said_verb_first() -> None:
    assert _readings("desk_lamp.lock()")[0] == "lock desk lamp"
    assert _readings("garageDoor.close()")[0] == "close garage door"


def test_a_function_call_is_said_with_of_then_without() -> None:
    assert _readings("weather(paris)")[:2] == ["weather of paris", "weather paris"]
    assert _readings("define(serendipity)")[1] == "define serendipity"


def test_true_and_false_are_the_verb_and_its_opposite() -> None:
    assert _readings("office_speaker.mute = true")[0] == "mute office speaker"
    assert _readings("office_speaker.mute = false")[0] == "unmute office speaker"
    assert _readings("porch_light.power = off")[0] == "turn off porch light"
    assert _readings("porch_light.power = on")[0] == "turn on porch light"


def test_a_compound_assignment_keeps_its_way() -> None:
    up = _readings("speaker.volume += 4")
    down = _readings("heater.target -= 2")
    assert up[0] == "turn speaker volume up by 4"
    assert down[0] == "turn heater down by 2"  # "target" names no more than the setting
    assert all("up" not in r and "raise" not in r for r in down)


def test_an_assignment_reads_as_setting_and_being() -> None:
    readings = _readings("user.nickname = Robbie")
    assert readings[:2] == ["set my nickname to robbie", "my nickname is robbie"]
    assert _readings("porch_light.colour_temp = 2700K")[0] == (
        "set porch light colour temperature to 2700 kelvin"
    )


def test_a_label_reads_the_action_first() -> None:
    assert _readings("garage_door: open")[0] == "open garage door"


def test_key_value_pairs_are_said_in_english_order() -> None:
    assert _readings("list.add name=groceries items='oat milk',bread")[0] == (
        "add oat milk and bread to groceries list"
    )
    assert _readings("list.remove name=chores item=hoover")[0] == ("remove hoover from chores list")
    assert _readings("timer.start minutes=3 label=eggs")[0] == "start eggs timer 3 minutes"
    assert _readings("forecast.get city=oslo day=monday")[0] == "get forecast in oslo monday"


def test_a_name_may_name_a_thing_kept_in_the_object() -> None:
    readings = _readings("diary.delete title='dentist visit'")
    assert readings[:3] == [
        "delete dentist visit diary",
        "delete dentist visit from diary",
        "delete dentist visit",
    ]
    assert "move yoga to 18:00" in _readings("diary.move title=yoga when=18:00")


def test_a_task_is_what_to_do_and_drop_deletes() -> None:
    assert _readings("reminder.add task='feed the cat' when=noon")[0] == (
        "add reminder to feed the cat noon"
    )
    assert _readings("list.drop name=chores")[0] == "delete chores list"


def test_a_method_naming_a_value_is_asked_for_where_and_when() -> None:
    assert "what is the humidity in paris monday" in _readings(
        "weather.humidity city=paris day=monday"
    )
    # Not of a verb with a thing: "what is the add ..." is no question.
    assert not any(r.startswith("what is") for r in _readings("reminder.add task=x when=noon"))


def test_heads_flags_and_arithmetic() -> None:
    assert _readings("query: first meeting")[0] == "what is first meeting"
    assert _readings("status: are you awake")[0] == "are you awake"
    assert _readings("calc 81 / 9")[0] == "what is 81 divided by 9"
    assert _readings("time --city oslo")[0] == "time in oslo"
    assert _readings("convert 72F -> celsius")[0] == "convert 72 fahrenheit to celsius"


def test_ids_are_read_as_the_names_given() -> None:
    names = {"loft_plug": "fairy lights"}
    assert _readings("loft_plug.power = on", names)[0] == "turn on fairy lights"


def test_a_room_in_a_dotted_name_is_said_first() -> None:
    assert _readings("blinds.study: close", places=["study"])[0] == "close study blinds"


def test_the_wake_word_is_left_off() -> None:
    assert _readings("hey speaker desk_lamp.lock()", skip=2)[0] == "lock desk lamp"
    # A skip that ends inside a typed word gives no reading rather than a wrong one.
    assert read_code("hey desk_lamp.lock()", skip=2) is None


# -- routing ---------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "label"),
    [
        ("desk_lamp.power = off", "smart_home.TurnOff"),
        ("garage_light.power = on", "smart_home.TurnOn"),
        ("bedroom_lamp.brightness = 35", "smart_home.SetBrightness"),
        ("kitchen_speaker.mute = false", "smart_home.Unmute"),
        ("kitchen_speaker.mute = true", "smart_home.Mute"),
        ("back_door.unlock()", "smart_home.Unlock"),
        ("capital(france)", "knowledge.Capital"),
        ("calc 81 / 9", "knowledge.Calculate"),
        ("timer.start minutes=3 label=eggs", "timer.StartTimer"),
        ("list.add name=shopping items=bread,jam", "lists.AddItems"),
        ("list.drop name=shopping", "lists.DeleteList"),
        ("reminder.add task='call the vet' when='monday 10am'", "alarms.SetReminder"),
        ("weather.temp city=oslo day=sunday", "weather.GetTemperature"),
    ],
)
def test_lines_typed_as_code_are_understood(speaker: Simulator, text: str, label: str) -> None:
    result = speaker.route(text)
    assert f"{result.skill}.{result.intent}" == label
    assert "read the line as code" in (result.explanation or "")


def test_the_way_of_a_compound_assignment_reaches_the_slots(speaker: Simulator) -> None:
    down = speaker.route("den_speaker.volume -= 5")
    up = speaker.route("den_speaker.volume += 5")
    assert (down.intent, up.intent) == ("AdjustVolume", "AdjustVolume")
    assert down.slots["way"].value != up.slots["way"].value


def test_a_device_id_is_read_as_the_homes_name(speaker: Simulator) -> None:
    # "living_room_sensor" is the id of the device the home calls "living room thermometer".
    result = speaker.route("check living_room_sensor")
    assert result.intent is not None
    assert "living room thermometer" in (result.explanation or "")


@pytest.mark.parametrize(
    "text", ["camera.record()", "flight.book to=paris", "bank.transfer amount=50 to=joe"]
)
def test_code_for_something_no_skill_does_falls_back(speaker: Simulator, text: str) -> None:
    assert speaker.route(text).intent is None


def test_an_ordinary_sentence_is_routed_as_before(speaker: Simulator) -> None:
    result = speaker.route("turn off the desk lamp")
    assert result.intent == "TurnOff"
    assert "as code" not in (result.explanation or "")
