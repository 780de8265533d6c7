"""Property-based fuzzing (hypothesis): utterances, skill outputs, home files and skill files.

Whatever a user types, a skill returns or stores, or a file contains, the simulator answers or
reports a clear error; it never raises, never stores what it cannot read back, and never prints
what a terminal would interpret. Sized to run in seconds.
"""

from __future__ import annotations

import datetime as dt
import json
import math
import threading
from collections.abc import Iterator
from typing import Any

import pytest
import yaml
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from simulator.devices import HomeFileError, load_home
from simulator.engine import Simulator
from simulator.engine.guards import MAX_CARD_CHARS, MAX_SPEECH_CHARS
from simulator.loader import SkillLoadError, load_skills
from simulator.sdk import Response, Skill, SkillContext

FAST = settings(
    max_examples=60,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)

# -- skill outputs --------------------------------------------------------------------------

echo = Skill("echo", description="Says and stores whatever the test hands it")
GIVEN: dict[str, Any] = {}


@echo.intent("Echo", samples=["echo please"])
def echo_handler(ctx: SkillContext) -> Response:
    ctx.persistent["value"] = GIVEN["persistent"]
    ctx.session.attributes["value"] = GIVEN["session"]
    return Response.ask(GIVEN["speech"]).card(GIVEN["speech"][:50], GIVEN["speech"])


json_leaves = st.none() | st.booleans() | st.integers() | st.floats() | st.text()
odd_leaves = (
    st.sets(st.integers(), max_size=3)
    | st.tuples(st.integers())
    | st.datetimes()
    | st.just(threading.Lock())
    | st.just(lambda: None)
    | st.integers(min_value=2**63, max_value=10**4000)
    | st.just(float("nan"))
)
values = st.recursive(
    json_leaves | odd_leaves,
    lambda children: (
        st.lists(children, max_size=4)
        | st.dictionaries(st.text(max_size=8) | st.integers(), children, max_size=4)
    ),
    max_leaves=12,
)
# Text as a skill might produce it: escape sequences, controls, surrogates, long runs.
nasty_text = st.text(
    alphabet=st.characters(codec=None, blacklist_categories=()), max_size=300
) | st.builds(
    lambda s, n: s * n, st.sampled_from(["\x1b[2J", "\x07", "\udc80", "ab "]), st.integers(1, 3000)
)


def _is_plain_json(value: Any) -> bool:
    try:
        text = json.dumps(value, allow_nan=False)
    except (TypeError, ValueError):
        return False
    return json.loads(text) == value and _only_plain_types(value)


def _only_plain_types(value: Any) -> bool:
    if isinstance(value, str):
        return _encodable(value)
    if value is None or isinstance(value, bool):
        return True
    if isinstance(value, int):
        return type(value) is int and abs(value) < 2**63
    if isinstance(value, float):
        return math.isfinite(value)
    if isinstance(value, list):
        return all(_only_plain_types(v) for v in value)
    if isinstance(value, dict):
        return all(
            isinstance(k, str) and _encodable(k) and _only_plain_types(v) for k, v in value.items()
        )
    return False


def _encodable(text: str) -> bool:
    try:
        text.encode("utf-8")
    except UnicodeEncodeError:
        return False
    return True


@pytest.fixture(scope="module")
def echo_sim() -> Iterator[Simulator]:
    sim = Simulator([echo], store=None, now=dt.datetime(2026, 6, 1, 9, 0))
    yield sim
    sim.close()


@FAST
@given(speech=nasty_text, persistent=values, session=values)
def test_any_skill_output_is_answered_cleaned_and_stored_or_refused(
    echo_sim: Simulator, speech: str, persistent: Any, session: Any
) -> None:
    GIVEN.update(speech=speech, persistent=persistent, session=session)
    before = json.dumps(echo_sim.store.skill_data().get("echo", {}))
    turn = echo_sim.handle_sync("echo please")
    echo_sim.dialog.end_session()
    printed = json.dumps(turn.model_dump(mode="json"), ensure_ascii=False)
    printed.encode("utf-8")  # no lone surrogates anywhere in the Turn
    spoken = [turn.speech or "", turn.reprompt or ""]
    if turn.card is not None:
        spoken.append(turn.card.title)
        assert len(turn.card.text) < MAX_CARD_CHARS + 100
        assert not any(ord(c) < 32 and c != "\n" for c in turn.card.text)
    for text in spoken:
        assert not any(ord(c) < 32 or 0x7F <= ord(c) < 0xA0 for c in text)
        assert len(text) < MAX_SPEECH_CHARS + 100
    stored = echo_sim.store.skill_data().get("echo", {})
    if _is_plain_json(persistent) and _is_plain_json(session):
        assert turn.error is None, turn.error
        assert stored == {"value": persistent}
    else:
        assert turn.error is not None and turn.error.code == "SKILL_ERROR"
        assert json.dumps(stored) == before


@FAST
@given(text=st.text(max_size=200))
def test_any_utterance_gets_a_turn(echo_sim: Simulator, text: str) -> None:
    GIVEN.update(speech="ok", persistent=1, session=1)
    turn = echo_sim.handle_sync(text)
    assert turn.kind in ("utterance", "silence")


# -- home files and skill files ---------------------------------------------------------------

HOME = {
    "name": "Fuzz",
    "rooms": [{"id": "lounge", "name": "Lounge"}],
    "devices": [
        {"id": "lamp", "name": "Lamp", "type": "light", "room": "lounge", "state": {"on": False}}
    ],
}

yaml_scalars = st.none() | st.booleans() | st.integers() | st.floats() | st.text(max_size=20)
yaml_values = st.recursive(
    yaml_scalars,
    lambda children: (
        st.lists(children, max_size=3) | st.dictionaries(st.text(max_size=10), children, max_size=3)
    ),
    max_leaves=8,
)


def _mutate(document: Any, path: list[int], value: Any) -> Any:
    """Replace one node of ``document`` (chosen by ``path``) with ``value``."""
    if not path or not isinstance(document, dict | list) or not document:
        return value
    if isinstance(document, dict):
        keys = sorted(document)
        key = keys[path[0] % len(keys)]
        return {**document, key: _mutate(document[key], path[1:], value)}
    index = path[0] % len(document)
    return [*document[:index], _mutate(document[index], path[1:], value), *document[index + 1 :]]


raw_yaml = st.text(max_size=300) | st.binary(max_size=200).map(lambda b: b.decode("latin-1"))


@FAST
@given(
    path=st.lists(st.integers(0, 10), max_size=5),
    value=yaml_values,
    raw=st.none() | raw_yaml,
)
def test_any_home_file_loads_or_is_refused_with_a_home_file_error(
    tmp_path_factory: pytest.TempPathFactory, path: list[int], value: Any, raw: str | None
) -> None:
    file = tmp_path_factory.mktemp("home") / "home.yaml"
    text = raw if raw is not None else yaml.safe_dump(_mutate(HOME, path, value))
    file.write_text(text, encoding="utf-8", errors="surrogatepass" if raw else "strict")
    try:
        load_home(file)
    except HomeFileError as exc:
        assert "home.yaml" in str(exc)


SKILL_FILES = [
    {
        "skill": "fuzz",
        "intents": {
            "Order": {
                "samples": ["order a {size} thing"],
                "slots": {"size": {"type": "size"}},
                "response": "A {size} one.",
            }
        },
        "lists": {"size": {"small": ["tiny"], "large": ["big"]}},
    },
    {
        "language": "en",
        "intents": {"Paint": {"data": [{"sentences": ["paint it {colour}"]}]}},
        "lists": {"colour": {"values": ["red", {"in": "blue", "out": "b"}]}},
    },
]


@FAST
@given(
    which=st.sampled_from(SKILL_FILES),
    path=st.lists(st.integers(0, 10), max_size=6),
    value=yaml_values,
    raw=st.none() | raw_yaml,
)
def test_any_skill_file_loads_or_is_refused_with_a_skill_load_error(
    tmp_path_factory: pytest.TempPathFactory,
    which: dict[str, Any],
    path: list[int],
    value: Any,
    raw: str | None,
) -> None:
    folder = tmp_path_factory.mktemp("skills")
    text = raw if raw is not None else yaml.safe_dump(_mutate(which, path, value))
    (folder / "fuzz.yaml").write_text(text, encoding="utf-8", errors="surrogatepass")
    try:
        loaded = load_skills(folder, bundled=False, entry_point_skills=False)
    except SkillLoadError as exc:
        assert "fuzz.yaml" in str(exc)
        return
    sim = Simulator(loaded.skills, now=dt.datetime(2026, 6, 1, 9, 0))
    try:
        for skill in sim.skill_listing(examples=2):
            for intent in skill["intents"]:
                for example in intent["examples"][:2]:
                    sim.handle_sync(example)
    finally:
        sim.close()
