"""Issue #9, neighbouring intents: an amount is no input's name, a dish is the café's business.

Sentences of our own, not taken from any paraphrase set:

* SetSource's free text ("switch the TV to {source}") took amounts: "set the speaker to 45
  percent" is a level, "set the fan to its lowest speed" a speed. An input is named by a word
  (its number after it: "hdmi 2"), so a span opening with a number or a hedge, or holding a
  level word, is refused (`skills.smart_home.media._SourceName`).
* OrderUnknown takes an order for food the menu lacks and says so; the learned stage read
  dishes ("lasagne", "curry") as out of domain, as its recipe samples are. A free text ending
  with a dish (`skills.ordering.dishes.DISHES`, `FreeText(heads=...)`) is the café's kind of
  thing; words naming another seller or no dish are judged as before.
* A clause said before a request ends before a noun phrase, not inside one: "is X on the |
  shopping list" is no aside followed by "shopping list" (`fillers.split_asides`).
"""

from __future__ import annotations

from collections.abc import Iterator

import pytest

from simulator.engine import Simulator
from simulator.nlu.fillers import split_asides
from simulator.nlu.matcher import NO_VALUE
from simulator.sdk import FreeText
from simulator.sdk.slots import SlotEnv
from simulator.sdk.testing import Conversation
from skills.ordering import skill as ordering
from skills.ordering.dishes import DISHES
from skills.smart_home.media import _SourceName


@pytest.fixture(scope="module")
def speaker() -> Iterator[Simulator]:
    """The bundled skills."""
    sim = Simulator.create(seed=0)
    yield sim
    sim.close()


def _intent(speaker: Simulator, text: str) -> str | None:
    result = speaker.route(text)
    return f"{result.skill}.{result.intent}" if result.intent else None


# -- FreeText(heads=...) --------------------------------------------------------------------


def test_a_free_text_names_its_kind_when_it_ends_with_a_head() -> None:
    text = FreeText(heads=("stew", "spring roll"))
    assert text.names_kind(["a", "hearty", "beef", "stew"])
    assert text.names_kind(["two", "spring", "roll"])
    # The head of a noun phrase is its last word: something else named after it is no dish.
    assert not text.names_kind(["a", "stew", "pot", "from", "the", "market"])
    assert not text.names_kind(["a", "roll"])
    assert not FreeText().names_kind(["a", "stew"])


def test_the_dishes_are_lowercase_phrases_without_duplicates() -> None:
    assert len(DISHES) == len(set(DISHES))
    assert all(d == d.lower().strip() and "  " not in d for d in DISHES)
    # Goods a shop sells and things another service brings are no dishes.
    assert not {"taxi", "ink", "charger", "wine", "olive oil", "flowers"} & set(DISHES)


# -- SetSource's input name -----------------------------------------------------------------


@pytest.mark.parametrize(
    "span",
    [["45"], ["forty", "five"], ["about", "half"], ["its", "lowest", "speed"], ["20", "percent"]],
)
def test_an_amount_is_no_input_name(span: list[str]) -> None:
    assert _SourceName().parse(span, SlotEnv()) is NO_VALUE


@pytest.mark.parametrize("span", [["hdmi", "2"], ["bluetooth"], ["the", "radio"], ["aux"]])
def test_an_input_is_named_by_a_word(span: list[str]) -> None:
    assert _SourceName().parse(span, SlotEnv()) == " ".join(span)


@pytest.mark.parametrize(
    ("text", "intent"),
    [
        ("switch the bedroom fan to its lowest speed", "smart_home.SetFanSpeed"),
        ("change the living room tv over to hdmi 2", "smart_home.SetSource"),
        ("switch the den speaker to bluetooth", "smart_home.SetSource"),
        ("set the kitchen speaker to 35", "smart_home.SetLevel"),
    ],
)
def test_amounts_and_inputs_reach_their_own_intents(
    speaker: Simulator, text: str, intent: str
) -> None:
    assert _intent(speaker, text) == intent


# -- dishes the menu lacks ------------------------------------------------------------------


@pytest.mark.parametrize(
    "text",
    [
        "order me a beef stew",
        "order two portions of fried rice",
        "i would like to order a vegetable biryani",
        "can i order some tikka masala",
        "order us a plate of gnocchi",
    ],
)
def test_a_dish_the_menu_lacks_is_an_order_the_cafe_declines(speaker: Simulator, text: str) -> None:
    assert _intent(speaker, text) == "ordering.OrderUnknown"


@pytest.mark.parametrize(
    "text",
    [
        # A dish word not at the head: a thing for cooking, a grocery from a shop.
        "order a lasagne dish from the kitchen shop",
        "order some curry powder from the supermarket",
        "order me a soup pot",
        "order a minicab to the hospital",
    ],
)
def test_no_dish_is_no_order_for_the_cafe(speaker: Simulator, text: str) -> None:
    assert _intent(speaker, text) != "ordering.OrderUnknown"


def test_the_decline_names_the_dish_not_who_it_is_for() -> None:
    conv = Conversation(skills=[ordering], seed=1)
    try:
        turn = conv.say("order me a beef stew", expect_intent="OrderUnknown")
        assert (turn.speech or "").startswith("Sorry, Byte Burger doesn't have beef stew.")
    finally:
        conv.close()


# -- asides end before a noun phrase --------------------------------------------------------


def test_a_leading_aside_does_not_end_inside_a_noun_phrase() -> None:
    words = ["we", "might", "be", "low", "is", "sugar", "on", "the", "grocery", "list"]
    asides = [aside for _, aside in split_asides(words, frozenset({"grocery", "the", "is"}))]
    assert asides, "the sentence opens with a clause, so some split is offered"
    assert all(aside[-1] not in ("the", "my") for aside in asides)


def test_a_question_after_a_remark_is_read_whole(speaker: Simulator) -> None:
    text = "we might be low, is sugar on the grocery list?"
    assert _intent(speaker, text) == "lists.HasItem"


# -- a skill's own word against the learned stage's guess at another skill ------------------


@pytest.mark.parametrize(
    ("text", "intent"),
    [
        # "the old mill" and "harbour street" are pickup stores; the reminder's verb decides.
        ("remind me to pick my wife up from the old mill at 6", "alarms.SetReminder"),
        ("remind me to pick up my son from harbour street at 3", "alarms.SetReminder"),
        ("the robot vacuum carry on cleaning please", "smart_home.Resume"),
    ],
)
def test_a_skills_own_words_decide(speaker: Simulator, text: str, intent: str) -> None:
    assert _intent(speaker, text) == intent
