"""Out-of-domain samples: requests that mean "not for me", trained as a label whose win falls back.

A tiny skill set keeps training to a fraction of a second; the bundled skills' model is the
session's shared one (see conftest).
"""

from __future__ import annotations

from pathlib import Path

import pytest

from simulator.engine import Simulator
from simulator.loader import load_skills
from simulator.routing.learned import LearnedStage, skill_set_key, train, training_set
from simulator.routing.out_of_domain import (
    OUT_OF_DOMAIN,
    bundled_out_of_domain,
    out_of_domain_texts,
    speaker_out_of_domain,
)
from simulator.sdk import Response, Skill, SkillContext, SkillDefinitionError
from simulator.sdk.skill import parse_out_of_domain
from simulator.sdk.slots import SlotEnv

TRAVEL_LIKE = [
    "book a flight to (rome|paris|lisbon)",
    "(find|search for) cheap flights",
    "(call|phone) (my sister|the office)",
    "send a text to (tom|my mum)",
    "pay my (phone|water) bill",
    "track my parcel",
]
"""Out-of-domain samples for the café below: requests near its words that it does not serve."""


def _cafe(out_of_domain: list[str] | tuple[str, ...] = ()) -> Skill:
    skill = Skill("cafe", description="A café's table bookings", out_of_domain=out_of_domain)

    @skill.intent(
        "BookTable",
        samples=[
            "book a table [for (two|four|six)]",
            "(reserve|get) (me|us) a table",
            "i (want|would like) to book a table [tonight]",
            "can we have a table for (two|four) [please]",
        ],
    )
    def book(ctx: SkillContext) -> Response:
        """Book a table."""
        return Response.speak("Booked.")

    @skill.intent(
        "OpeningHours",
        samples=[
            "when (are you|is the cafe) open",
            "what are (your|the) opening hours",
            "(are you|is the cafe) open (today|tomorrow|now)",
        ],
    )
    def hours(ctx: SkillContext) -> Response:
        """Say when the café is open."""
        return Response.speak("Eight to six.")

    return skill


def test_a_skill_declares_out_of_domain_samples_as_templates_without_slots() -> None:
    assert len(_cafe(TRAVEL_LIKE).out_of_domain_templates) == len(TRAVEL_LIKE)
    with pytest.raises(SkillDefinitionError, match="no slots"):
        Skill("a", out_of_domain=["book a flight to {city}"])
    with pytest.raises(SkillDefinitionError, match="not a str"):
        Skill("b", out_of_domain="book a flight")
    with pytest.raises(SkillDefinitionError, match=r"book \(a flight"):
        Skill("c", out_of_domain=["book (a flight"])


def test_a_skill_set_without_them_trains_as_before() -> None:
    plain = training_set([_cafe()], SlotEnv())
    assert OUT_OF_DOMAIN not in plain.labels
    with_ood = training_set([_cafe(TRAVEL_LIKE)], SlotEnv())
    ood_texts = [
        t
        for t, label in zip(with_ood.texts, with_ood.labels, strict=True)
        if label == OUT_OF_DOMAIN
    ]
    assert "book a flight to rome" in ood_texts and "track my parcel" in ood_texts
    # The intents' own examples are the same either way; the label is only added.
    assert [
        t
        for t, label in zip(with_ood.texts, with_ood.labels, strict=True)
        if label != OUT_OF_DOMAIN
    ] == (plain.texts)
    assert skill_set_key([_cafe()], SlotEnv()) != skill_set_key([_cafe(TRAVEL_LIKE)], SlotEnv())


def test_a_sentence_a_skill_serves_is_never_trained_as_out_of_domain() -> None:
    data = training_set([_cafe()], SlotEnv(), out_of_domain=["book a table", "track my parcel"])
    ood = [t for t, label in zip(data.texts, data.labels, strict=True) if label == OUT_OF_DOMAIN]
    assert ood == ["track my parcel"]


def test_out_of_domain_words_stay_unknown_to_the_router() -> None:
    model = train(training_set([_cafe(TRAVEL_LIKE)], SlotEnv()))
    # "flight" is only in the out-of-domain samples: the router must still count it as a word
    # no skill uses, and the typo mender must not mend towards it.
    assert "flight" not in model.vocabulary and "table" in model.vocabulary
    assert "book a flight to rome" in model.samples
    assert "book a flight to rome" not in model.domain_samples
    assert all(n["intent"] != OUT_OF_DOMAIN[1] for n in model.nearest_intents("flight"))


def test_an_out_of_domain_win_falls_back_and_says_why(tmp_path: Path) -> None:
    said = "could you book me a flight to paris"
    without = Simulator([_cafe()], learned=LearnedStage("sync", cache_dir=tmp_path))
    assert "out of domain" not in without.route(said).explanation
    sim = Simulator([_cafe(TRAVEL_LIKE)], learned=LearnedStage("sync", cache_dir=tmp_path))
    result = sim.route(said)
    assert result.intent is None and result.source == "fallback"
    assert 'out of domain (nearest: "book a flight to paris"' in result.explanation
    verdict = result.why["out_of_domain"]
    assert verdict["nearest_sample"] == "book a flight to paris"
    assert verdict["intents"][0]["intent"] == "BookTable"
    # The skill's own requests, paraphrased, still reach it.
    assert sim.route("could we get a table for four tonight please").intent == "BookTable"
    assert sim.route("what are your opening hours today").intent == "OpeningHours"


def test_the_speakers_own_list_comes_with_the_bundled_skills_only() -> None:
    samples = bundled_out_of_domain()
    assert len(samples) >= 100
    bundled = load_skills(None).skills
    assert speaker_out_of_domain(bundled) == samples
    assert speaker_out_of_domain([_cafe()]) == ()
    # Every sample is clear of the bundled skills: no template takes it as said, except through
    # a free-text slot (which takes any words: what the out-of-domain verdict is there to judge).
    sim = Simulator(bundled, learned="off")
    taken = []
    for text in out_of_domain_texts(parse_out_of_domain(samples)):
        best = sim.router.route(text.split(), env=sim.slot_env()).best
        if best is not None and best.source == "template" and not best.free_text:
            taken.append((text, f"{best.skill}.{best.intent}"))
    assert taken == []


# -- with the bundled skills -----------------------------------------------------------------


@pytest.fixture(scope="module")
def speaker() -> Simulator:
    """The bundled skills (the session's trained model, with the speaker's own list)."""
    return Simulator.create(seed=0)


def test_a_free_text_slot_holding_out_of_domain_words_falls_back(speaker: Simulator) -> None:
    result = speaker.route("order me a cab to the airport")
    assert result.intent is None and result.outcome == "fallback"
    assert "out of domain" in result.explanation


def test_unknown_words_in_the_slot_of_a_clear_request_are_a_name(speaker: Simulator) -> None:
    # (Not a dish the café knows of, "order a unicorn steak": a dish is read as one, not as a
    # name, see `skills.ordering.dishes`.)
    result = speaker.route("order a unicorn platter")
    assert (result.skill, result.intent) == ("ordering", "OrderUnknown")
    assert "read as a name" in result.explanation
    # A name no out-of-domain sample uses is no evidence against its template.
    assert speaker.route("call me bob").intent == "MyNameIs"


def test_a_turn_records_whether_it_was_understood_declined_or_not(speaker: Simulator) -> None:
    assert speaker.handle_sync("what time is it").outcome == "understood"
    declined = speaker.handle_sync("who wrote hamlet")
    assert (declined.intent, declined.outcome) == ("UnknownFact", "declined")
    assert speaker.route("who wrote hamlet").outcome == "declined"
    assert speaker.handle_sync("book me a flight to rome").outcome == "fallback"


def test_a_catch_all_does_not_decline_what_the_learned_stage_reads_as_another_skills(
    speaker: Simulator,
) -> None:
    # "order {thing}" declines what the menu lacks; coal is no dish, and the learned stage
    # reads the sentence as another skill's: no decline, a fallback that says why.
    result = speaker.route("order more coal")
    assert result.intent is None and result.outcome == "fallback"
    assert "not this skill's" in result.explanation
    # Food the menu lacks, read as the café's own business, is still declined by it.
    assert speaker.route("order a masala dosa").intent == "OrderUnknown"
    # A device the home lacks stays one, however near the model puts it to "play".
    assert speaker.route("switch on the kettle").intent == "UnknownDevice"
    assert speaker.route("who discovered gravity").intent == "UnknownFact"


def test_an_anchored_catch_all_reading_gives_way_too(speaker: Simulator) -> None:
    # "i want to order {thing}" names the café's business in its own words, but what is
    # wanted is read by the learned stage as no skill's: no decline.
    result = speaker.route("i want to order a new bed frame online")
    assert result.intent is None and result.outcome == "fallback"
    assert "not this skill's" in result.explanation
    assert speaker.route("i would like to order a kebab").intent == "OrderUnknown"
