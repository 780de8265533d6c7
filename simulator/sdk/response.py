"""The `Response` a handler returns: speech, an optional reprompt and card, and whether to listen on.

Build it by chaining::

    return Response.speak("Timer set.").card("Timer", "5 minutes").end_session()
    return Response.ask("For how long?")            # speaks and keeps listening

A response with a reprompt keeps the session open (the speaker listens for an answer); one
without ends it, unless ``keep_session()`` says otherwise.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from datetime import datetime
from typing import Any

from pydantic import BaseModel, ConfigDict, Field

__all__ = ["Response"]


class Response(BaseModel):
    """What the speaker says and does after a handler ran. Immutable: each method returns a copy."""

    model_config = ConfigDict(frozen=True)

    speech: str | None = None
    """The words the speaker says."""
    reprompt_text: str | None = None
    """Said again if the user says nothing; its presence keeps the session open."""
    card_title: str | None = None
    """Title of the display card, if any."""
    card_text: str = ""
    """Body of the display card."""
    should_end_session: bool | None = None
    """True or False to force; None to decide from the reprompt."""
    error_code: str | None = None
    """A machine-readable reason the request was not done as asked (e.g. ``VALUE_OUT_OF_RANGE``)."""
    error_message: str | None = None
    """A sentence for developers explaining ``error_code``."""
    elicit_slot: str | None = None
    """A slot of the current intent the speaker asks for (see :meth:`elicit`)."""
    elicit_intent: str | None = None
    """The intent the asked-for slot belongs to, when not the running one."""
    directives: tuple[dict[str, Any], ...] = Field(default_factory=tuple)
    """Extra instructions for the simulator (free-form, shown in the inspector)."""
    choices: tuple[str, ...] = ()
    """For a "which one?" question (:meth:`ask_which`): the ids the user can pick from."""
    choice_words: tuple[str, ...] = ()
    """How each choice is spoken or named (same order as :attr:`choices`): the words an
    answer is read against."""
    declined_text: str | None = None
    """For a "which one?" question: what to say when the user picks none ("never mind")."""
    card_kind: str | None = None
    """What the card shows (``timer``, ``now_playing``, ``weather``, ``list``, ``order``)."""
    card_items: tuple[str, ...] = ()
    """The card's list lines (items, forecast days, a cart)."""
    card_progress: float | None = None
    """How far along (0-1), drawn as a progress bar on a screen."""
    card_progress_label: str | None = None
    """Words for the progress ("1:12 / 3:40")."""
    card_ends_at: datetime | None = None
    """The virtual time a countdown ends; a screen counts down to it."""
    card_status: str | None = None
    """A status line for the card ("Out for delivery")."""
    card_image: str | None = None
    """An image's path or URL, shown where the terminal can."""
    profile_speech: tuple[tuple[str, str], ...] = ()
    """Speech said instead under a device profile (see :meth:`for_profile`)."""

    @classmethod
    def speak(cls, text: str) -> Response:
        """A response that says ``text`` and ends the session."""
        return cls(speech=text)

    @classmethod
    def ask(cls, question: str, reprompt: str | None = None) -> Response:
        """A response that asks ``question`` and keeps listening (the reprompt defaults to it)."""
        return cls(speech=question, reprompt_text=reprompt or question)

    @classmethod
    def ask_which(
        cls,
        question: str,
        choices: Mapping[str, str] | Sequence[str],
        reprompt: str | None = None,
        *,
        declined: str | None = None,
    ) -> Response:
        """Ask which of ``choices`` the user meant, and listen for the answer.

        ``choices`` maps an id the skill understands to the words that name it ("gym, 6 PM on
        Friday"; for a device its name, aliases and room), in the order the question lists
        them; a plain sequence of strings is both. The dialog reads the answer ("the first
        one", "the gym one", "both", "never mind"), routed with source ``context``: the intent
        that asked runs again with the slots it had and the picked ids in ``ctx.chosen``.
        When the user declines, the speaker says ``declined`` ("Okay, I'll leave it." by
        default) and the intent does not run; an answer that picks nothing is asked again.
        Without an open question such answers mean nothing.
        """
        if isinstance(choices, Mapping):
            ids, words = tuple(str(k) for k in choices), tuple(str(v) for v in choices.values())
        else:
            ids = words = tuple(str(c) for c in choices)
        return cls(
            speech=question,
            reprompt_text=reprompt or question,
            choices=ids,
            choice_words=words,
            declined_text=declined,
        )

    @classmethod
    def elicit(
        cls, slot: str, question: str, reprompt: str | None = None, *, intent: str | None = None
    ) -> Response:
        """Ask for ``slot`` and route the answer to an intent of this skill.

        Without ``intent``, the slot is one of the running intent: the handler is called again
        with the slots it had plus the answer, so it can ask for a slot it only turns out to need
        ("which one?" when a name fits several alarms) or one it wants checked after another
        ("remind me yesterday" is refused before asking what about).

        With ``intent``, the answer runs that other intent of the skill with just that slot:
        ``Response.elicit("name", "What's your name?", intent="MyNameIs")`` lets a bare "Ada"
        mean "my name is Ada". Either way the answer is routed as ``source="context"``, like
        built-in elicitation.
        """
        return cls(
            speech=question,
            reprompt_text=reprompt or question,
            elicit_slot=slot,
            elicit_intent=intent,
        )

    @classmethod
    def silent(cls) -> Response:
        """A response that says nothing."""
        return cls()

    def reprompt(self, text: str) -> Response:
        """Add a reprompt, said if the user stays silent; keeps the session open."""
        return self.model_copy(update={"reprompt_text": text})

    def card(
        self,
        title: str,
        text: str = "",
        *,
        kind: str | None = None,
        items: Sequence[str] = (),
        progress: float | None = None,
        progress_label: str | None = None,
        ends_at: datetime | None = None,
        status: str | None = None,
        image: str | None = None,
    ) -> Response:
        """Add a display card: a title and text, and for a screen optionally list ``items``, a
        ``progress`` value (0-1, clamped) with its label, the end of a countdown (``ends_at``, a
        virtual time), a ``status`` line and an ``image`` (path or URL).

        A speaker without a screen shows the card only in the inspector.
        """
        if progress is not None:
            progress = min(1.0, max(0.0, float(progress)))
        return self.model_copy(
            update={
                "card_title": title,
                "card_text": text,
                "card_kind": kind,
                "card_items": tuple(str(i) for i in items),
                "card_progress": progress,
                "card_progress_label": progress_label,
                "card_ends_at": ends_at,
                "card_status": status,
                "card_image": image,
            }
        )

    def for_profile(self, profile: str, speech: str) -> Response:
        """Say ``speech`` instead when the speaker runs under ``profile``.

        Use it for gentler, simpler words for ``kids``, or a shorter sentence for ``screen``
        when the card shows the detail ("Here's the forecast.")::

            Response.speak(long_forecast).card(...).for_profile("screen", "Here's the week.")
        """
        kept = tuple((p, s) for p, s in self.profile_speech if p != profile)
        return self.model_copy(update={"profile_speech": (*kept, (profile, speech))})

    def speech_for(self, profile: str) -> str | None:
        """The speech to say under ``profile``: its own version if the skill gave one."""
        for name, speech in self.profile_speech:
            if name == profile:
                return speech
        return self.speech

    def end_session(self) -> Response:
        """End the session after speaking, even with a reprompt."""
        return self.model_copy(update={"should_end_session": True})

    def keep_session(self) -> Response:
        """Keep listening after speaking, even without a reprompt."""
        return self.model_copy(update={"should_end_session": False})

    def with_error(self, code: str, message: str | None = None) -> Response:
        """Record why the request was not done as asked; it shows as the turn's ``error``."""
        return self.model_copy(update={"error_code": code, "error_message": message or code})

    def directive(self, kind: str, **data: Any) -> Response:
        """Attach a free-form directive (shown in the trace)."""
        return self.model_copy(update={"directives": (*self.directives, {"type": kind, **data})})

    @property
    def ends_session(self) -> bool:
        """Whether the session ends after this response."""
        if self.should_end_session is not None:
            return self.should_end_session
        return self.reprompt_text is None
