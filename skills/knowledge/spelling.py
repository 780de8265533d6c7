"""Spelling: "how do you spell necessary"."""

from __future__ import annotations

from typing import Annotated

from pydantic import BaseModel

from simulator.sdk import FreeText, Response, SkillContext

from .core import skill

__all__: list[str] = []

# Any word or two; the speaker spells whatever it heard, letter by letter.
Word = Annotated[str, FreeText(max_tokens=3, examples=("necessary", "rhythm", "definitely"))]


class SpellSlots(BaseModel):
    """The slots of Spell."""

    word: Word


@skill.intent(
    "Spell",
    samples=[
        "how do (you|i|we) spell {word}",
        "how do (you|i|we) spell",
        "how (is|do you write) {word} spelled",
        "how is {word} spelt",
        "spell [the word] {word} [for me]",
        "(what is|whats) the spelling of {word}",
        "can you spell {word} [for me]",
        "how do you write the word {word}",
    ],
    prompts={"word": "Which word?"},
)
def spell(ctx: SkillContext, slots: SpellSlots) -> Response:
    """Spell a word letter by letter."""
    word = slots.word.strip()
    letters = [c.upper() for c in word if c.isalnum()]
    if not letters:
        return Response.speak("I didn't catch a word to spell.")
    spelled = ", ".join("space" if c == " " else c for c in letters)
    return Response.speak(f"{word.capitalize()} is spelled {spelled}.").card(
        word, "-".join(letters)
    )
