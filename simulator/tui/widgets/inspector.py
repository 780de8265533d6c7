"""The inspector: everything the selected turn saw and decided, stage by stage.

Pipeline stages with their timings; ranked intents with confidence bars (the winner and the
alternatives); the slots and the words each came from; the template that matched or where the
best near miss diverged; the dialog state; the device changes; for a remote skill the request
and response envelopes; the error.
"""

from __future__ import annotations

import json
from typing import Any

from rich.console import Group
from rich.text import Text
from textual.containers import VerticalScroll
from textual.reactive import reactive
from textual.widgets import Static

from simulator.models import Turn
from simulator.tui.format import describe_change, describe_value

__all__ = ["Inspector", "confidence_bar", "render_turn", "turn_text"]

_BAR_WIDTH = 10


def confidence_bar(confidence: float, width: int = _BAR_WIDTH) -> str:
    """A bar of ``width`` cells, filled in eighths, for a confidence from 0 to 1."""
    eighths = round(max(0.0, min(1.0, confidence)) * width * 8)
    full, rest = divmod(eighths, 8)
    partial = " ▏▎▍▌▋▊▉"[rest] if rest else ""
    return ("█" * full + partial).ljust(width, "·")


def _detail(detail: dict[str, Any]) -> str:
    """A stage's detail in a few words (the inspector is narrow)."""
    parts = []
    for key, value in detail.items():
        if value in (None, False, [], {}, ""):
            continue
        if value is True:
            parts.append(key)
        elif key == "tokens" and isinstance(value, list):
            parts.append(" ".join(str(v) for v in value))
        elif key in ("speech",):
            continue  # the reply is shown in the conversation already
        elif key == "remote" and isinstance(value, dict):
            # The envelopes get their own section below; here only the call's outcome.
            parts.append(f"remote=HTTP {value.get('status') or '-'} in {value.get('ms', 0):.0f} ms")
        else:
            parts.append(f"{key}={describe_value(value)}")
    return ", ".join(parts)


class _Lines:
    """Builds the inspector's lines; long rows wrap (folding long words) so nothing is cut."""

    def __init__(self) -> None:
        self.lines: list[Text] = [Text()]

    def add(self, text: str, style: str = "") -> None:
        """Append ``text`` to the current line; ``\\n`` starts new lines."""
        first, *rest = text.split("\n")
        self.lines[-1].append(first, style=style)
        for part in rest:
            self.lines.append(Text(part, style=style))

    def row(self, *parts: tuple[str, str]) -> None:
        """A whole line; when the pane is narrow it wraps rather than losing its end."""
        line = Text.assemble(*parts, overflow="fold")
        if self.lines[-1].plain:
            self.lines.append(line)
        else:
            self.lines[-1] = line
        self.lines.append(Text())

    def render(self) -> Group:
        lines = self.lines[:-1] if not self.lines[-1].plain else self.lines
        return Group(*lines)

    def plain(self) -> str:
        return "\n".join(line.plain for line in self.lines)


def render_turn(turn: Turn | None, number: int = 0) -> Group:
    """The inspector's content for ``turn`` (None: a hint on how to start)."""
    return _build(turn, number).render()


def turn_text(turn: Turn | None, number: int = 0) -> str:
    """The inspector's content for ``turn`` as plain text."""
    return _build(turn, number).plain()


def _build(turn: Turn | None, number: int) -> _Lines:
    out = _Lines()
    if turn is None:
        out.add("No turn yet.\n", style="bold")
        out.add("Type something in the input line below, e.g. 'what time is it', ")
        out.add("and press enter. This pane then shows how the speaker understood it.")
        return out

    def heading(title: str) -> None:
        out.add(f"\n{title}\n", style="bold underline")

    said = "(proactive: the clock)" if turn.text is None else repr(turn.text)
    at = f" at {turn.at:%H:%M:%S}" if turn.at else ""
    profile = f" · {turn.profile}" if turn.profile != "speaker" else ""
    out.add(f"Turn #{number}{at} · {said} · {turn.kind}{profile}\n", style="bold")

    if turn.heard is not None:
        # Simulated speech recognition (--asr-noise): what reached the understanding stage.
        heading("Speech recognition (simulated)")
        out.add("  typed  ", style="cyan")
        out.add(f"{turn.text!r}\n")
        out.add("  heard  ", style="cyan")
        out.add(f"{turn.heard!r}\n", style="bold" if turn.heard != turn.text else "")
        for mistake in turn.asr_changes:
            out.add(f"  · {mistake}\n", style="yellow")
        for hypothesis in turn.n_best:
            out.add(f"  {confidence_bar(hypothesis.confidence)} {hypothesis.confidence:4.2f} ")
            out.add(f"{hypothesis.text!r}\n", style="dim")

    heading("Pipeline")
    total = sum(step.ms for step in turn.trace)
    for step in turn.trace:
        out.row(
            (f"  {step.stage:<10}", "cyan"),
            (f"{step.ms:7.2f} ms  ", ""),
            (_detail(step.detail), "dim"),
        )
    out.row((f"  {'total':<10}{total:7.2f} ms", ""))

    heading("Intents")
    if turn.intent:
        out.row(
            (f"  {confidence_bar(turn.confidence)} {turn.confidence:4.2f} ", "green"),
            (f"{turn.intent} ({turn.skill}) ← winner, {turn.source or '?'}", "bold"),
        )
    else:
        out.add("  no intent (fallback)\n", style="yellow")
    for alt in turn.alternatives:
        out.row(
            (f"  {confidence_bar(alt.confidence)} {alt.confidence:4.2f} ", "dim"),
            (f"{alt.intent} ({alt.skill}) {alt.source}", ""),
        )

    heading("Slots")
    if turn.slots:
        for name, slot in turn.slots.items():
            out.add(f"  {name}", style="cyan")
            out.add(f" = {describe_value(slot.value)}")
            out.add(f"  ← from {slot.raw!r}\n", style="dim")
    else:
        out.add("  none\n", style="dim")

    heading("Match")
    if turn.template:
        out.add(f"  template: {turn.template}\n")
    out.add(f"  {turn.explanation or 'no explanation'}\n")
    for alt in turn.alternatives[:3]:
        if alt.explanation:
            out.add(f"  near miss {alt.intent}: {alt.explanation}\n", style="dim")

    if turn.why:
        heading("Why")
        _why_section(out, turn.why)

    heading("Dialog")
    dialog = turn.dialog
    if dialog.session_id:
        out.add(f"  session open, active skill: {dialog.active_skill or '-'}\n")
    else:
        out.add("  no session (the speaker is idle)\n")
    question = dialog.open_question
    if question:
        asked = f" for {{{question.get('slot')}}}" if question.get("slot") else ""
        out.add(f"  open question: {question.get('kind')}{asked}: ")
        out.add(f"{question.get('prompt')!r}\n")
    if dialog.session_attributes:
        for key, value in dialog.session_attributes.items():
            out.add(f"  attribute {key} = {describe_value(value)}\n")

    heading("Device changes")
    if turn.device_changes:
        for change in turn.device_changes:
            line = describe_change(
                change.device_id, change.attribute, change.old, change.new, change.cause
            )
            out.add(f"  {line}\n")
    else:
        out.add("  none\n", style="dim")

    remote = next(
        (s.detail["remote"] for s in turn.trace if isinstance(s.detail.get("remote"), dict)), None
    )
    if remote is not None:
        _remote_section(out, heading, remote)

    if turn.error is not None:
        heading("Error")
        out.add(f"  {turn.error.code}: {turn.error.message}\n", style="bold red")
        if turn.error.detail:
            # A skill's traceback, with file and line, for the skill's author.
            out.add(turn.error.detail.rstrip() + "\n", style="red")
    return out


def _why_section(out: _Lines, why: dict[str, Any]) -> None:
    """The evidence behind a routing decision: fillers, typos, the learned stage's reasons."""
    if why.get("fillers"):
        out.add(f"  set aside as fillers: {' '.join(why['fillers'])}\n")
    for typo, word in (why.get("typos") or {}).items():
        out.add(f"  read {typo!r} as {word!r}\n")
    if "probability" in why:
        calibrated = "calibrated" if why.get("calibrated", True) else "uncalibrated"
        out.add(
            f"  classifier probability {why['probability']:.2f} ({calibrated}), "
            f"vocabulary coverage {why.get('coverage', 1.0):.2f}\n"
        )
    if why.get("unknown_words"):
        out.add(f"  words no skill uses: {', '.join(why['unknown_words'])}\n", style="yellow")
    if why.get("top_words"):
        words = ", ".join(f"{w['feature']} {w['weight']:+.2f}" for w in why["top_words"])
        out.add(f"  words that weighed most: {words}\n")
    for sample in why.get("nearest_samples") or []:
        out.add(f"  like the sample {sample['sample']!r} ({sample['similarity']:.2f})\n", "dim")
    for slot, origin in (why.get("slots") or {}).items():
        out.add(f"  {slot}: {origin}\n")
    if why.get("missing"):
        out.add(f"  missing: {why['missing']}\n", style="yellow")
    llm = why.get("llm")
    if isinstance(llm, dict):
        _llm_lines(out, llm)
    for near in why.get("nearest_intents") or []:
        out.add(
            f"  nearest intent {near['intent']} ({near['skill']}): {near['sample']!r} "
            f"({near['similarity']:.2f})\n",
            style="dim",
        )


def _llm_lines(out: _Lines, llm: dict[str, Any]) -> None:
    """What the large model was asked and did (large-model mode), and how long it took."""
    where = f"{llm.get('model')} at {llm.get('server')}, {llm.get('mode')} mode"
    out.add(f"  the model ({where}) took {float(llm.get('ms') or 0):.0f} ms", style="magenta")
    out.add(f"; {llm.get('tools', 0)} tools, {llm.get('context_turns', 0)} earlier turns\n")
    if llm.get("tool"):
        args = ", ".join(f"{k}={v!r}" for k, v in (llm.get("arguments") or {}).items())
        out.add(f"  it called {llm['tool']}({args})\n")
    for name, why in (llm.get("rejected") or {}).items():
        out.add(f"  argument {name} dropped: {why}\n", style="yellow")
    if llm.get("answer_chars"):
        out.add(f"  it answered in words ({llm['answer_chars']} characters): generated\n")
    error = llm.get("error")
    if isinstance(error, dict):
        out.add(f"  {error.get('code')}: {error.get('message')} → the normal fallback\n", "yellow")


_ENVELOPE_LINES = 60
"""Lines of each pretty-printed envelope shown before it is cut (the inspector scrolls)."""


def _remote_section(out: _Lines, heading: Any, remote: dict[str, Any]) -> None:
    """The envelopes a remote skill's call sent and got back (the signature redacted)."""
    heading("Remote skill")
    status = remote.get("status")
    out.add(f"  POST {remote.get('url')} → {f'HTTP {status}' if status else 'no answer'}")
    out.add(f" in {remote.get('ms', 0):.1f} ms\n")
    for name, value in (remote.get("headers") or {}).items():
        out.add(f"  {name}: {value}\n", style="dim")
    if remote.get("error"):
        error = remote["error"]
        out.add(f"  {error.get('code')}: {error.get('message')}\n", style="bold red")
    shown: list[tuple[str, Any]] = [("request", remote.get("request"))]
    if "response" in remote:
        shown.append(("response", remote["response"]))
    elif "response_raw" in remote:
        shown.append(("response (unusable)", remote["response_raw"]))
    for title, body in shown:
        out.add(f"  {title}:\n", style="cyan")
        text = body if isinstance(body, str) else json.dumps(body, indent=2, ensure_ascii=False)
        lines = text.splitlines() or [""]
        for line in lines[:_ENVELOPE_LINES]:
            out.add(f"    {line}\n")
        if len(lines) > _ENVELOPE_LINES:
            out.add(f"    ... {len(lines) - _ENVELOPE_LINES} more lines\n", style="dim")


class Inspector(VerticalScroll):
    """Shows the selected turn (by default the latest) in detail."""

    turn: reactive[Turn | None] = reactive(None, init=False)
    """The turn on show; None before the first turn."""

    number: reactive[int] = reactive(0, init=False)
    """The entry number of the turn in the conversation."""

    def compose(self) -> Any:
        """One static text, replaced whenever the turn changes."""
        yield Static(render_turn(None), id="inspector-body")

    def show(self, turn: Turn | None, number: int) -> None:
        """Show ``turn`` (entry ``number``)."""
        self.number = number
        self.turn = turn
        self._redraw()

    def _redraw(self) -> None:
        self.query_one("#inspector-body", Static).update(render_turn(self.turn, self.number))

    def watch_turn(self) -> None:
        """Redraw when the turn changes."""
        self._redraw()

    def plain_text(self) -> str:
        """What the inspector shows, as plain text (for tests)."""
        return turn_text(self.turn, self.number)
