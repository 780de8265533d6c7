"""Tests for the skill SDK (`simulator.sdk`): definition errors, slot type inference, the
`Response` builder, and the YAML conversation runner in `simulator.sdk.testing`."""

from __future__ import annotations

import datetime as dt
import enum
from pathlib import Path
from typing import Annotated, Literal, Optional

import pytest
from pydantic import BaseModel, SecretStr, ValidationError

from simulator.sdk import (
    Duration,
    DynamicList,
    FreeText,
    Response,
    Skill,
    SkillContext,
    SkillDefinitionError,
    SlotList,
    TimeOfDay,
)
from simulator.sdk.secret import PinCode
from simulator.sdk.slots import slot_type_for
from simulator.sdk.testing import (
    Conversation,
    ConversationFailure,
    run_conversation_file,
)

CONVERSATIONS = Path(__file__).parent.parent / "skills"


def _ok(ctx: SkillContext) -> Response:
    return Response.speak("ok")


class Amount(BaseModel):
    """One int slot."""

    amount: int


def _with_amount(ctx: SkillContext, slots: Amount) -> Response:
    return Response.speak(str(slots.amount))


# -- definition errors ----------------------------------------------------------------


@pytest.mark.parametrize(
    ("template", "column", "reason"),
    [
        ("(open|close the door", 1, 'unbalanced "("'),
        ("turn [on the light", 6, 'unbalanced "["'),
        ("turn on] the light", 8, 'stray "]"'),
    ],
)
def test_an_unbalanced_template_fails_at_decoration_naming_everything(
    template: str, column: int, reason: str
) -> None:
    skill = Skill("brackets")
    register = skill.intent("Broken", samples=["fine words", template])
    with pytest.raises(SkillDefinitionError) as info:
        register(_ok)
    message = str(info.value)
    assert "'brackets'" in message
    assert "'Broken'" in message
    assert repr(template) in message
    assert f"column {column}" in message
    assert reason in message
    assert "Broken" not in skill.intents


def test_a_slot_without_a_model_field_fails_with_its_column() -> None:
    skill = Skill("slots")
    with pytest.raises(SkillDefinitionError) as info:
        skill.intent("Give", samples=["give me {amount} of {thing}"])(_with_amount)
    message = str(info.value)
    assert "'slots'" in message and "'Give'" in message
    assert "{thing}" in message
    assert "column 21" in message
    assert "fields: amount" in message


def test_a_slot_in_a_template_of_a_handler_without_slots_fails() -> None:
    skill = Skill("noslots")
    with pytest.raises(SkillDefinitionError, match="the handler takes none"):
        skill.intent("Give", samples=["give me {amount}"])(_ok)


def test_a_handler_with_three_parameters_fails() -> None:
    def three(ctx: SkillContext, slots: Amount, extra: int) -> Response:
        return Response.speak("x")

    skill = Skill("params")
    with pytest.raises(SkillDefinitionError, match="not 3 parameters"):
        skill.intent("Three", samples=["three"])(three)


def test_a_handler_whose_slots_are_not_a_model_fails() -> None:
    def untyped(ctx: SkillContext, slots: dict) -> Response:  # type: ignore[type-arg]
        return Response.speak("x")

    skill = Skill("untyped")
    with pytest.raises(SkillDefinitionError, match="pydantic model"):
        skill.intent("Untyped", samples=["untyped"])(untyped)


def test_a_duplicate_intent_fails() -> None:
    skill = Skill("dupes")
    skill.intent("Same", samples=["one"])(_ok)
    with pytest.raises(SkillDefinitionError, match="'Same' is defined twice"):
        skill.intent("Same", samples=["two"])


def test_a_prompt_for_an_unknown_slot_fails() -> None:
    skill = Skill("prompts")
    with pytest.raises(SkillDefinitionError, match="unknown slot 'amout'"):
        skill.intent("Give", samples=["give {amount}"], prompts={"amout": "How many?"})(
            _with_amount
        )


@pytest.mark.parametrize("samples", [[], "a single string"])
def test_samples_must_be_a_non_empty_list(samples: list[str] | str) -> None:
    with pytest.raises(SkillDefinitionError, match="non-empty list"):
        Skill("samples").intent("X", samples=samples)


@pytest.mark.parametrize("name", ["has space", "1starts_with_digit", "dash-ed", ""])
def test_bad_skill_and_intent_names_fail(name: str) -> None:
    with pytest.raises(SkillDefinitionError):
        Skill(name)
    with pytest.raises(SkillDefinitionError):
        Skill("good").intent(name, samples=["x"])


def test_a_non_positive_timeout_fails() -> None:
    with pytest.raises(SkillDefinitionError, match="timeout"):
        Skill("slow", timeout=0)


def test_a_slot_type_without_a_parser_fails_naming_the_slot() -> None:
    def handler(ctx: SkillContext, slots: Listy) -> Response:
        return Response.speak("x")

    with pytest.raises(SkillDefinitionError, match="slot 'items'"):
        Skill("listy").intent("L", samples=["list {items}"])(handler)


def test_an_unknown_rule_reference_fails() -> None:
    with pytest.raises(SkillDefinitionError, match="'Rules'"):
        Skill("rules").intent("Rules", samples=["<no_such_rule> now"])(_ok)


def test_skill_rules_expand_in_templates() -> None:
    skill = Skill("ruled", rules={"greet": "(hi|hello)"})
    skill.intent("Greet", samples=["<greet> there"])(_ok)
    conv = Conversation([skill])
    try:
        assert conv.say("hello there").intent == "Greet"
        assert conv.say("hi there").intent == "Greet"
    finally:
        conv.close()


# -- slot type inference ----------------------------------------------------------------


class Colour(enum.Enum):
    """An enum slot."""

    RED = "red"
    GREEN = "green"


SIZES = SlotList("size", {"small": ["tiny", "little"], "large": ["big", "huge"]})


@pytest.mark.parametrize(
    ("annotation", "kind", "optional"),
    [
        (int, "number", False),
        (float, "number", False),
        (str, "text", False),
        (Duration, "duration", False),
        (TimeOfDay, "time", False),
        (dt.date, "date", False),
        (Literal["a", "b"], "list", False),
        (Colour, "list", False),
        (Optional[int], "number", True),  # noqa: UP045 - the old spelling must work too
        (int | None, "number", True),
        (Duration | None, "duration", True),
        (Annotated[str, SIZES], "list", False),
        (Annotated[str, DynamicList("room")], "list", False),
        (Annotated[str, SIZES] | None, "list", True),
    ],
)
def test_slot_type_is_inferred_from_the_annotation(
    annotation: object, kind: str, optional: bool
) -> None:
    slot_type, is_optional = slot_type_for(annotation)
    assert slot_type.kind == kind
    assert is_optional is optional


@pytest.mark.parametrize("annotation", [list[int], dict, int | str, bytes])
def test_slot_types_without_a_parser_raise_type_error(annotation: object) -> None:
    with pytest.raises(TypeError):
        slot_type_for(annotation)


def test_literal_and_enum_slots_accept_only_their_words() -> None:
    literal, _ = slot_type_for(Literal["up", "down"])
    enum_type, _ = slot_type_for(Colour)
    from simulator.sdk.slots import SlotEnv

    env = SlotEnv()
    assert literal.parse(["up"], env) == "up"
    assert enum_type.parse(["green"], env) == "green"
    from simulator.nlu.matcher import NO_VALUE

    assert literal.parse(["sideways"], env) is NO_VALUE


def test_slot_list_maps_synonyms_to_values() -> None:
    from simulator.nlu.matcher import NO_VALUE
    from simulator.sdk.slots import SlotEnv

    env = SlotEnv()
    assert SIZES.parse(["tiny"], env) == "small"
    assert SIZES.parse(["huge"], env) == "large"
    assert SIZES.parse(["large"], env) == "large"
    assert SIZES.parse(["medium"], env) is NO_VALUE


def test_dynamic_list_reads_the_runtime_list() -> None:
    from simulator.nlu.matcher import NO_VALUE
    from simulator.sdk.slots import SlotEnv

    rooms = DynamicList("room")
    env = SlotEnv(lists={"room": {"kitchen": ["kitchen", "cooking area"]}})
    assert rooms.parse(["cooking", "area"], env) == "kitchen"
    assert rooms.parse(["attic"], env) is NO_VALUE
    assert list(rooms.examples(SlotEnv())) == ["room"]


class Listy(BaseModel):
    """A field type with no slot parser."""

    items: list[int]


class Pick(BaseModel):
    """An enum slot, required."""

    colour: Colour


class EverySlot(BaseModel):
    """A model with one field of each kind, to check what the Skill records."""

    count: int
    ratio: float | None = None
    wait: Duration
    at: TimeOfDay | None = None
    day: dt.date | None = None
    pick: Literal["a", "b"] | None = None
    colour: Colour | None = None
    size: Annotated[str, SIZES] | None = None
    room: Annotated[str, DynamicList("room")] | None = None
    note: Annotated[str, FreeText(max_tokens=2)] | None = None


def test_a_skill_records_each_slots_type_and_whether_it_is_required() -> None:
    def handler(ctx: SkillContext, slots: EverySlot) -> Response:
        return Response.speak("x")

    skill = Skill("every")
    skill.intent("Every", samples=["do {count} for {wait}"], prompts={"wait": "How long?"})(handler)
    spec = skill.intents["Every"]
    kinds = {name: s.type.kind for name, s in spec.slots.items()}
    assert kinds == {
        "count": "number",
        "ratio": "number",
        "wait": "duration",
        "at": "time",
        "day": "date",
        "pick": "list",
        "colour": "list",
        "size": "list",
        "room": "list",
        "note": "text",
    }
    assert spec.required_slots == ["count", "wait"]
    assert spec.slots["wait"].prompt == "How long?"
    assert spec.slots["count"].prompt == "What count?"
    assert spec.samples == ["do {count} for {wait}"]
    assert spec.slots["note"].type.max_tokens == 2


def test_an_enum_slot_reaches_the_handler_as_the_enum() -> None:
    seen: list[object] = []

    def handler(ctx: SkillContext, slots: Pick) -> Response:
        seen.append(slots.colour)
        return Response.speak("ok")

    skill = Skill("enumerated")
    skill.intent("Paint", samples=["paint it {colour}"])(handler)
    conv = Conversation([skill])
    try:
        turn = conv.say("paint it green")
    finally:
        conv.close()
    assert seen == [Colour.GREEN]
    assert turn.slots["colour"].value == "green"


def test_the_handler_docstring_is_the_intent_description() -> None:
    def documented(ctx: SkillContext) -> Response:
        """First line.

        More text."""
        return Response.speak("x")

    skill = Skill("docs")
    skill.intent("Doc", samples=["doc"])(documented)
    assert skill.intents["Doc"].description == "First line."


# -- Response ------------------------------------------------------------------------


def test_speak_ends_the_session() -> None:
    r = Response.speak("Hi.")
    assert r.speech == "Hi."
    assert r.reprompt_text is None
    assert r.ends_session is True


def test_ask_keeps_the_session_and_defaults_the_reprompt_to_the_question() -> None:
    r = Response.ask("How long?")
    assert r.reprompt_text == "How long?"
    assert r.ends_session is False
    assert Response.ask("How long?", "Say a duration.").reprompt_text == "Say a duration."


def test_a_reprompt_keeps_the_session_open() -> None:
    assert Response.speak("Hi.").reprompt("Anything else?").ends_session is False


def test_end_session_wins_over_a_reprompt() -> None:
    assert Response.ask("Q?").end_session().ends_session is True


def test_keep_session_wins_without_a_reprompt() -> None:
    r = Response.speak("Hi.").keep_session()
    assert r.ends_session is False
    assert r.reprompt_text is None


def test_silent_says_nothing_and_ends() -> None:
    r = Response.silent()
    assert r.speech is None
    assert r.ends_session is True


def test_builder_methods_return_copies_and_leave_the_original_alone() -> None:
    base = Response.speak("Hi.")
    carded = base.card("Title", "Body")
    errored = base.with_error("VALUE_OUT_OF_RANGE")
    directed = base.directive("play", url="x").directive("stop")
    assert base.card_title is None and base.error_code is None and base.directives == ()
    assert (carded.card_title, carded.card_text) == ("Title", "Body")
    assert (errored.error_code, errored.error_message) == (
        "VALUE_OUT_OF_RANGE",
        "VALUE_OUT_OF_RANGE",
    )
    assert directed.directives == ({"type": "play", "url": "x"}, {"type": "stop"})
    with pytest.raises(ValidationError):
        base.speech = "changed"  # type: ignore[misc]


def test_a_response_error_shows_as_the_turns_error() -> None:
    skill = Skill("erring")
    skill.intent("Err", samples=["fail politely"])(
        lambda ctx: Response.speak("Can't.").with_error("NOT_SUPPORTED", "no way")
    )
    conv = Conversation([skill])
    try:
        turn = conv.say("fail politely")
    finally:
        conv.close()
    assert turn.error is not None
    assert (turn.error.code, turn.error.message) == ("NOT_SUPPORTED", "no way")


# -- conversation files ---------------------------------------------------------------


def test_run_conversation_file_replays_the_bundled_yaml() -> None:
    turns = run_conversation_file(CONVERSATIONS / "test_timer.yaml")
    assert len(turns) == 8  # 7 said + the tea timer; nothing is left for the final hour
    assert turns[0].speech == "For how long?"
    fired = [t for t in turns if t.text is None]
    assert [t.speech for t in fired] == ["Your tea timer is done."]


def test_run_conversation_file_reports_a_wrong_expectation(tmp_path: Path) -> None:
    path = tmp_path / "wrong.yaml"
    path.write_text(
        "skills: [hello]\nturns:\n  - say: hello\n    expect: {speech: Goodbye.}\n",
        encoding="utf-8",
    )
    with pytest.raises(ConversationFailure) as info:
        run_conversation_file(path)
    message = str(info.value)
    assert str(path) in message
    assert "turn 1" in message
    assert "Goodbye." in message


def test_run_conversation_file_reports_nothing_fired(tmp_path: Path) -> None:
    path = tmp_path / "quiet.yaml"
    path.write_text(
        "skills: [timer]\nturns:\n  - advance: 10m\n    expect: {speech: Your timer is done.}\n",
        encoding="utf-8",
    )
    with pytest.raises(ConversationFailure, match="nothing fired"):
        run_conversation_file(path)


def test_run_conversation_file_rejects_a_file_without_turns(tmp_path: Path) -> None:
    path = tmp_path / "empty.yaml"
    path.write_text("skills: [timer]\n", encoding="utf-8")
    with pytest.raises(ConversationFailure, match="'turns' list"):
        run_conversation_file(path)


def test_conversation_say_checks_expectations() -> None:
    conv = Conversation(now=dt.datetime(2026, 6, 1, 9, 0))
    try:
        conv.say("what time is it", expect_speech="It's 9 AM.", expect_intent="GetTime")
        with pytest.raises(ConversationFailure, match="expected 'SayHello'"):
            conv.say("what time is it", expect_intent="SayHello")
        with pytest.raises(ConversationFailure, match="does not contain"):
            conv.say("what time is it", expect_contains="midnight")
    finally:
        conv.close()


def test_capability_targets_draw_examples_from_capable_devices() -> None:
    from datetime import datetime

    from simulator.engine import Simulator

    sim = Simulator.create(now=datetime(2026, 6, 1, 20, 0), seed=0)
    try:
        listing = {s["name"]: s for s in sim.skill_listing(examples=20)}
        lock = next(i for i in listing["smart_home"]["intents"] if i["name"] == "Lock")
        devices = sim.home.to_json()["devices"]
        lockable = {d["name"].lower() for d in devices if "lock" in d["capabilities"]}
        names = {d["name"].lower() for d in devices}
        named = 0
        for example in lock["examples"]:
            found = {n for n in names if n in example}
            # "front door sensor" also contains "front door": keep the longest names only.
            found = {n for n in found if not any(n != m and n in m for m in found)}
            named += bool(found)
            assert found <= lockable, example
        assert named > 0
    finally:
        sim.close()


# -- Response.elicit, data files, PIN slots and redaction ------------------------------


class NameSlots(BaseModel):
    """A short free-text name."""

    name: Annotated[str, FreeText(max_tokens=2)]


class PinSlots(BaseModel):
    """A secret PIN."""

    pin: Annotated[SecretStr, PinCode()]


def test_a_handler_can_ask_for_a_slot_of_another_intent_and_a_bare_answer_fills_it() -> None:
    skill = Skill("greeter")

    @skill.intent("Greet", samples=["greet me"])
    def greet(ctx: SkillContext) -> Response:
        return Response.elicit("name", "Who are you?", intent="Remember")

    @skill.intent("Remember", samples=["i am called {name}"])
    def remember(ctx: SkillContext, slots: NameSlots) -> Response:
        return Response.speak(f"Hi {slots.name}.")

    conv = Conversation(skills=[skill])
    try:
        asked = conv.say("greet me", expect_speech="Who are you?")
        assert asked.session_ended is False
        assert asked.dialog.open_question is not None
        assert asked.dialog.open_question["slot"] == "name"
        turn = conv.say("zoe", expect_speech="Hi zoe.", expect_intent="Remember")
        assert turn.source == "context"
    finally:
        conv.close()


def test_elicit_for_an_unknown_intent_opens_no_question() -> None:
    skill = Skill("asker")

    @skill.intent("Ask", samples=["ask me"])
    def ask(ctx: SkillContext) -> Response:
        return Response.elicit("x", "Which?", intent="Nope")

    conv = Conversation(skills=[skill])
    try:
        turn = conv.say("ask me", expect_speech="Which?")
        assert turn.dialog.open_question is None
    finally:
        conv.close()


def test_a_data_file_error_names_the_file_and_line(tmp_path: Path) -> None:
    from simulator.sdk.data import DataFileError, load_data

    class Menu(BaseModel):
        items: list[int]

    path = tmp_path / "menu.yaml"
    path.write_text("items:\n  - 1\n  - two\n", encoding="utf-8")
    with pytest.raises(DataFileError) as info:
        load_data(path, Menu)
    assert str(info.value).startswith(f"{path}:3: items[1]:")
    path.write_text("items: [1\n", encoding="utf-8")
    with pytest.raises(DataFileError, match=r"menu.yaml:2: invalid YAML"):
        load_data(path, Menu)


def test_a_skill_whose_data_file_is_broken_fails_to_load_with_that_file(tmp_path: Path) -> None:
    from simulator.loader import SkillLoadError, load_skills

    (tmp_path / "data.yaml").write_text("prices: [1, 2\n", encoding="utf-8")
    (tmp_path / "shop.py").write_text(
        "from pathlib import Path\n"
        "from pydantic import BaseModel\n"
        "from simulator.sdk import Skill\n"
        "from simulator.sdk.data import load_data\n"
        "class D(BaseModel):\n    prices: list[int]\n"
        "DATA = load_data(Path(__file__).with_name('data.yaml'), D)\n"
        "skill = Skill('shop')\n",
        encoding="utf-8",
    )
    with pytest.raises(SkillLoadError) as info:
        load_skills(tmp_path, bundled=False, entry_point_skills=False)
    assert info.value.path.endswith("data.yaml")
    assert info.value.line == 2


@pytest.mark.parametrize(
    ("words", "digits"),
    [("one two three four", "1234"), ("1234", "1234"), ("12 34", "1234"), ("oh four", "04")],
)
def test_pin_code_reads_digits_however_they_are_said(words: str, digits: str) -> None:
    from simulator.sdk.slots import SlotEnv

    assert PinCode().parse(words.split(), SlotEnv()) == digits


def test_pin_code_rejects_words_that_are_not_digits() -> None:
    from simulator.nlu.matcher import NO_VALUE
    from simulator.sdk.slots import SlotEnv

    assert PinCode().parse(["my", "pin"], SlotEnv()) is NO_VALUE
    assert PinCode(max_digits=4).parse(["12345"], SlotEnv()) is NO_VALUE


def test_hash_secret_is_salted_and_verifies() -> None:
    from simulator.sdk.secret import hash_secret, verify_secret

    first, second = hash_secret("1234"), hash_secret("1234")
    assert first["hash"] != second["hash"]  # a fresh salt each time
    assert "1234" not in str(first)
    assert verify_secret("1234", first) and not verify_secret("1235", first)
    assert not verify_secret("1234", {"salt": "zz"})


def test_a_spoken_pin_is_redacted_from_the_turn_trace_and_log(tmp_path: Path) -> None:
    from simulator.engine import Simulator

    skill = Skill("vault")
    seen: list[str] = []

    @skill.intent("Unlock", samples=["unlock with pin {pin}", "unlock the vault"])
    def unlock(ctx: SkillContext, slots: PinSlots) -> Response:
        seen.append(slots.pin.get_secret_value())
        ctx.log(f"got {slots.pin}")  # a careless log line: SecretStr prints as asterisks
        return Response.speak("Unlocked.")

    sim = Simulator.create(use_home=False, bundled=False, extra_skills=[skill], state_dir=tmp_path)
    try:
        turn = sim.handle_sync("Unlock with PIN 4 8 1 5")
        assert turn.speech == "Unlocked."
        sim.handle_sync("unlock the vault")
        answer = sim.handle_sync("nine two seven three")
        assert answer.intent == "Unlock"
        assert sim.route("unlock with pin 4 8 1 5").slots["pin"].raw == "[redacted]"
    finally:
        sim.close()
    assert seen == ["4815", "9273"]
    for shown in (turn.model_dump_json(), answer.model_dump_json()):
        assert "4 8 1 5" not in shown and "4815" not in shown
        assert "nine two seven three" not in shown and "9273" not in shown
    assert turn.slots["pin"].raw == "[redacted]"
    assert turn.text == "unlock with pin [redacted]"
    stored = (tmp_path / "state.db").read_bytes()
    for secret in (b"4 8 1 5", b"4815", b"nine two seven three", b"9273"):
        assert secret not in stored


@pytest.mark.parametrize("span", [["my"], ["the"], ["a"], ["our", "the"]])
def test_free_text_refuses_a_span_of_determiners_alone(span: list[str]) -> None:
    # A template's optional "[my|the]" skipped so that its wildcard takes the determiner would
    # name an event "my" or make a list called "a".
    from simulator.nlu.matcher import NO_VALUE
    from simulator.sdk.slots import SlotEnv

    assert FreeText().parse(span, SlotEnv()) is NO_VALUE


def test_free_text_keeps_a_determiner_inside_a_value() -> None:
    from simulator.sdk.slots import SlotEnv

    assert FreeText().parse(["the", "big", "game"], SlotEnv()) == "the big game"
    assert FreeText().parse(["lunch", "with", "my", "mum"], SlotEnv()) == "lunch with my mum"


def test_free_text_not_alone_words_describe_without_naming() -> None:
    # "a fresh list" has no name; "fresh herbs" does.
    from simulator.nlu.matcher import NO_VALUE
    from simulator.sdk.slots import SlotEnv

    kind = FreeText(not_alone=("fresh", "spare"))
    assert kind.parse(["fresh"], SlotEnv()) is NO_VALUE
    assert kind.parse(["a", "spare"], SlotEnv()) is NO_VALUE
    assert kind.parse(["fresh", "herbs"], SlotEnv()) == "fresh herbs"
    assert FreeText().parse(["fresh"], SlotEnv()) == "fresh"


@pytest.mark.parametrize("span", [["every", "single", "running"], ["each", "of", "my"]])
def test_the_name_of_one_thing_refuses_a_span_that_takes_every_thing(span: list[str]) -> None:
    # "cancel every single running timer" once cancelled a timer called "every single running".
    from simulator.nlu.matcher import NO_VALUE
    from simulator.sdk.slots import SlotEnv

    assert FreeText(one_thing=True).parse(span, SlotEnv()) is NO_VALUE
    assert FreeText().parse(span, SlotEnv()) == " ".join(span)


def test_the_name_of_one_thing_may_start_with_all() -> None:
    from simulator.sdk.slots import SlotEnv

    assert FreeText(one_thing=True).parse(["all", "hands"], SlotEnv()) == "all hands"
    assert FreeText(one_thing=True).parse(["everyday", "walk"], SlotEnv()) == "everyday walk"
