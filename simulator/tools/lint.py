"""``speaker-sim lint``: what makes skills misbehave, found before anyone speaks.

Each check reads the skills the way the speaker does (the same router, slot parsers and example
sentences), so a finding is something the speaker would really do:

* ``collision`` (error): an example sentence of one skill's intent goes to another skill's
  intent; (warning) another skill's template also accepts it, and only the ranking keeps it;
* ``overlap``: the same inside one skill (error when the example goes to the other intent);
* ``unreachable`` (error): a template whose sentences all go to some other intent;
* ``missing-prompt`` (error when some template leaves the slot out, so the speaker will ask
  with the generic "What <slot>?"; otherwise a warning): a required slot with no prompt;
* ``unused-slot`` (warning): a slot field that no sample mentions;
* ``load`` (error): a skill that does not load, such as a sample naming an unknown ``<rule>``
  or a YAML slot of an unknown list;
* ``few-samples`` (warning): an intent with too few distinct sentences for the learned stage;
* ``learned-collision`` (warning): the learned stage reads an intent's examples as another
  skill's intent, so paraphrases of them may go there.

Every finding names the file and line (the template's line when it can be found, else the
handler's or the skill's).
"""

from __future__ import annotations

import inspect
import random
from collections.abc import Sequence
from dataclasses import asdict, dataclass, field
from datetime import datetime
from pathlib import Path
from typing import Any, Literal

from simulator.engine import Simulator
from simulator.loader import SkillLoadError, load_skill_file, load_skills, skill_files
from simulator.nlu.expand import count_expansions, expand, sample, slot_names
from simulator.nlu.normalize import normalize
from simulator.nlu.template import SlotRef
from simulator.routing.router import RouteDecision
from simulator.routing.samples import example_utterances
from simulator.sdk.skill import IntentSpec, Skill, Template
from simulator.sdk.slots import SlotEnv

__all__ = ["MIN_SAMPLES", "Finding", "LintReport", "lint_skills"]

Severity = Literal["error", "warning"]

MIN_SAMPLES = 5
"""Fewer distinct example sentences than this and the learned stage has too little to learn
from: paraphrases of the intent are unlikely to be recognised."""

_NOW = datetime(2026, 6, 1, 9, 0)
_PER_TEMPLATE = 4
"""Sentences drawn from each template: enough to find what a template shares with another,
few enough that linting every bundled skill (about 2,000 routes) takes seconds."""


@dataclass
class Finding:
    """One problem: where, how bad, what, and an example sentence when there is one."""

    severity: Severity
    code: str
    message: str
    file: str
    line: int | None
    skill: str
    intent: str | None = None
    example: str | None = None

    def render(self) -> str:
        """``FILE:LINE: error[code] skill.intent: message (e.g. "...")``."""
        where = f"{self.file}:{self.line}" if self.line else self.file
        what = f"{self.skill}.{self.intent}" if self.intent else self.skill
        text = f"{where}: {self.severity}[{self.code}] {what}: {self.message}"
        if self.example:
            text += f' (e.g. "{self.example}")'
        return text


@dataclass
class LintReport:
    """Every finding, errors first, and how many skills and intents were checked."""

    findings: list[Finding] = field(default_factory=list)
    skills: int = 0
    intents: int = 0

    @property
    def errors(self) -> int:
        """How many findings are errors."""
        return sum(f.severity == "error" for f in self.findings)

    @property
    def warnings(self) -> int:
        """How many findings are warnings."""
        return sum(f.severity == "warning" for f in self.findings)

    def to_json(self) -> dict[str, Any]:
        """The report as JSON: counts and the findings."""
        return {
            "skills": self.skills,
            "intents": self.intents,
            "errors": self.errors,
            "warnings": self.warnings,
            "findings": [asdict(f) for f in self.findings],
        }


# -- where things are written ------------------------------------------------------------


class _Locator:
    """Finds the file and line where a template, a slot or a handler is written."""

    def __init__(self) -> None:
        self._lines: dict[str, list[str]] = {}
        self._definitions: dict[tuple[str, str], tuple[str, int | None]] = {}
        self._spans: dict[tuple[str, str], tuple[str, int, int] | None] = {}

    def _read(self, path: str) -> list[str]:
        if path not in self._lines:
            try:
                self._lines[path] = Path(path).read_text(encoding="utf-8").splitlines()
            except (OSError, UnicodeDecodeError):
                self._lines[path] = []
        return self._lines[path]

    def files(self, skill: Skill, spec: IntentSpec | None) -> list[str]:
        """The handler's file first, then the skill's file, then its package's other files."""
        out: list[str] = []
        if spec is not None:
            try:
                handler_file = inspect.getsourcefile(spec.handler)
            except TypeError:
                handler_file = None
            if handler_file:
                out.append(handler_file)
        if skill.source and Path(skill.source).is_file():
            out.append(skill.source)
            folder = Path(skill.source).parent
            if Path(skill.source).name == "__init__.py":
                out += [str(p) for p in sorted(folder.glob("*.py")) + sorted(folder.glob("*.yaml"))]
        return list(dict.fromkeys(out))

    def find(
        self, skill: Skill, spec: IntentSpec | None, needles: Sequence[str]
    ) -> tuple[str, int | None]:
        """The first line of the skill's files that contains one of ``needles``."""
        files = self.files(skill, spec)
        # First within the handler's own decorator and body (two intents may share a
        # sentence), then anywhere in the skill's files (samples kept in a constant).
        span = self._span(spec)
        if span is not None:
            path, first, last = span
            for needle in needles:
                for number in range(first, last + 1):
                    lines = self._read(path)
                    if needle and number <= len(lines) and needle in lines[number - 1]:
                        return path, number
        for needle in needles:
            for path in files:
                for number, line in enumerate(self._read(path), 1):
                    if needle and needle in line:
                        return path, number
        return self.definition(skill, spec)

    def _span(self, spec: IntentSpec | None) -> tuple[str, int, int] | None:
        """The handler's file and the lines of its decorators and body."""
        if spec is None:
            return None
        key = (spec.skill, spec.name)
        if key not in self._spans:
            self._spans[key] = self._handler_span(spec)
        return self._spans[key]

    @staticmethod
    def _handler_span(spec: IntentSpec) -> tuple[str, int, int] | None:
        try:
            path = inspect.getsourcefile(spec.handler)
            lines, start = inspect.getsourcelines(spec.handler)
        except (OSError, TypeError):
            return None
        return (path, start, start + len(lines) - 1) if path else None

    def definition(self, skill: Skill, spec: IntentSpec | None) -> tuple[str, int | None]:
        """The handler's ``def`` line, or the skill's file."""
        key = (skill.name, spec.name if spec else "")
        if key not in self._definitions:
            self._definitions[key] = self._definition(skill, spec)
        return self._definitions[key]

    def _definition(self, skill: Skill, spec: IntentSpec | None) -> tuple[str, int | None]:
        if spec is not None:
            try:
                path = inspect.getsourcefile(spec.handler)
                _, line = inspect.getsourcelines(spec.handler)
                if path:
                    return path, line
            except (OSError, TypeError):
                pass
        return skill.source or skill.name, None

    def template(
        self, skill: Skill, spec: IntentSpec, template: Template
    ) -> tuple[str, int | None]:
        """Where a sample template is written."""
        return self.find(skill, spec, [template.text, template.text.replace('"', '\\"')])

    def slot(self, skill: Skill, spec: IntentSpec, slot: str) -> tuple[str, int | None]:
        """Where a slot field is declared (``name:`` in the model or the YAML)."""
        model = spec.model
        if model is not None:
            try:
                path = inspect.getsourcefile(model)
                lines, start = inspect.getsourcelines(model)
            except (OSError, TypeError):
                path = None
            if path:
                for offset, line in enumerate(lines):
                    if line.strip().startswith(f"{slot}:"):
                        return path, start + offset
        return self.find(skill, spec, [f"{slot}:", f'"{slot}"'])


# -- sentences ---------------------------------------------------------------------------


def _fill(pieces: Sequence[str | SlotRef], spec: IntentSpec, env: SlotEnv, n: int) -> str | None:
    """Words for one expansion, slot examples rotating with ``n``; None if a slot has none."""
    words: list[str] = []
    for piece in pieces:
        if isinstance(piece, SlotRef):
            slot = spec.slots.get(piece.name)
            options = list(slot.type.examples(env)) if slot is not None else []
            if not options:
                return None
            words.append(options[n % len(options)])
        else:
            words.append(piece)
    return " ".join(words)


def _template_sentences(
    spec: IntentSpec, template: Template, env: SlotEnv, rng: random.Random
) -> list[str]:
    """A few sentences this template should accept: all of a small one, a sample of a big one."""
    found: dict[str, None] = {}
    if count_expansions(template.node) <= _PER_TEMPLATE:
        pieces_list = list(expand(template.node))
    else:
        pieces_list = [sample(template.node, rng) for _ in range(_PER_TEMPLATE * 2)]
    for n, pieces in enumerate(pieces_list):
        text = _fill(pieces, spec, env, n)
        if text:
            found[text] = None
        if len(found) >= _PER_TEMPLATE:
            break
    return list(found)


# -- the checks --------------------------------------------------------------------------


def _route(sim: Simulator, text: str, spec: IntentSpec) -> RouteDecision:
    """Route as the speaker would when the intent can be reached: a context-only intent with
    its skill holding the conversation."""
    context = spec.skill if spec.context_only else None
    tokens = normalize(text).split()
    return sim.router.route(tokens, env=sim.slot_env(), active_skill=context, focus_skill=context)


def _accepted(sim: Simulator, decision: RouteDecision) -> dict[tuple[str, str], tuple[str, bool]]:
    """(skill, intent) -> (template, free text) for every template that accepts the words."""
    out: dict[tuple[str, str], tuple[str, bool]] = {}
    for c in decision.candidates:
        if c.source == "template" and not c.near_miss and c.confidence >= sim.router.threshold:
            out.setdefault((c.skill, c.intent), (c.template or "", c.free_text))
    return out


class _Linter:
    def __init__(self, sim: Simulator, checked: Sequence[Skill]) -> None:
        self.sim = sim
        self.checked = list(checked)
        self.skills = {s.name: s for s in sim.skills}
        self.env = sim.slot_env()
        self.locate = _Locator()
        self.findings: list[Finding] = []
        self._seen: set[tuple[str, ...]] = set()

    def add(
        self,
        severity: Severity,
        code: str,
        message: str,
        where: tuple[str, int | None],
        skill: str,
        intent: str | None = None,
        example: str | None = None,
        key: tuple[str, ...] | None = None,
    ) -> None:
        if key is not None:
            if key in self._seen:
                return
            self._seen.add(key)
        self.findings.append(
            Finding(severity, code, message, where[0], where[1], skill, intent, example)
        )

    def run(self) -> None:
        rng = random.Random(0)
        for skill in self.checked:
            for spec in skill.intents.values():
                self.check_slots(skill, spec)
                self.check_templates(skill, spec, rng)
                self.check_samples(skill, spec, rng)

    def check_slots(self, skill: Skill, spec: IntentSpec) -> None:
        mentioned = {name for t in spec.templates for name in slot_names(t.node)}
        for name, slot in spec.slots.items():
            if name not in mentioned:
                self.add(
                    "warning",
                    "unused-slot",
                    f"no sample mentions the slot {{{name}}}"
                    + (", so the speaker always asks for it" if slot.required else ""),
                    self.locate.slot(skill, spec, name),
                    skill.name,
                    spec.name,
                )
            if slot.required and not slot.prompt_given:
                # Only a sentence that leaves the slot out makes the speaker ask for it; when
                # every sample fills it, the generic question is (almost) never heard.
                left_out = [t for t in spec.templates if name not in slot_names(t.node)]
                if left_out or name not in mentioned:
                    said = f'"{left_out[0].text}"' if left_out else "every sentence"
                    self.add(
                        "error",
                        "missing-prompt",
                        f"the required slot {name!r} has no prompt: after {said} the speaker "
                        f'asks "{slot.prompt}"; give prompts={{"{name}": "..."}} or a default',
                        self.locate.slot(skill, spec, name),
                        skill.name,
                        spec.name,
                    )

    def check_templates(self, skill: Skill, spec: IntentSpec, rng: random.Random) -> None:
        own = (skill.name, spec.name)
        for template in spec.templates:
            where = self.locate.template(skill, spec, template)
            sentences = _template_sentences(spec, template, self.env, rng)
            won = 0
            lost_to: tuple[str, str, str] | None = None
            for text in sentences:
                decision = _route(self.sim, text, spec)
                accepted = _accepted(self.sim, decision)
                best = decision.best
                winner = (best.skill, best.intent) if best is not None else None
                if winner == own:
                    won += 1
                elif winner is not None and own in accepted:
                    lost_to = (*winner, text)
                if own not in accepted:
                    continue  # the slot examples do not fit this template: nothing to compare
                own_free = accepted[own][1]
                for other, (other_template, free) in accepted.items():
                    if other == own:
                        continue
                    self.collision(
                        skill,
                        spec,
                        where,
                        text,
                        other,
                        other_template,
                        free,
                        won=winner == own,
                        own_free=own_free,
                    )
            if sentences and won == 0 and lost_to is not None:
                self.add(
                    "error",
                    "unreachable",
                    f'the template "{template.text}" can never win: its sentences go to '
                    f"{lost_to[0]}.{lost_to[1]}",
                    where,
                    skill.name,
                    spec.name,
                    lost_to[2],
                )

    def collision(
        self,
        skill: Skill,
        spec: IntentSpec,
        where: tuple[str, int | None],
        text: str,
        other: tuple[str, str],
        other_template: str,
        free: bool,
        *,
        won: bool,
        own_free: bool,
    ) -> None:
        other_skill = self.skills.get(other[0])
        other_spec = other_skill.intents.get(other[1]) if other_skill else None
        if other_spec is not None and other_spec.context_only and not spec.context_only:
            return  # it routes only while its skill holds the conversation: no collision here
        same_skill = other[0] == skill.name
        code = "overlap" if same_skill else "collision"
        # Losing an example to another skill is an error; both accepting it, with the own
        # intent winning, is a warning (it rests on the ranking). Inside one skill the author
        # ranks their own intents (the first listed wins), so a lost sentence is a warning
        # there, and an error only when a whole template never wins ("unreachable"). A
        # free-text slot ("play {anything}") accepts everything on purpose and only counts
        # when it wins.
        if won:
            if free or own_free:
                return
            severity: Severity = "warning"
            how = f'is also accepted by {other[0]}.{other[1]} ("{other_template}"); ' + (
                "the ranking decides" if not same_skill else "the first one wins"
            )
        else:
            severity = "warning" if same_skill else "error"
            how = f'goes to {other[0]}.{other[1]} ("{other_template}") instead'
        self.add(
            severity,
            code,
            f"a sentence of this intent {how}",
            where,
            skill.name,
            spec.name,
            text,
            key=(code, skill.name, spec.name, *other),
        )

    def check_samples(self, skill: Skill, spec: IntentSpec, rng: random.Random) -> None:
        if spec.context_only:
            return  # never learned (only an open question or the skill's focus routes to them)
        examples = example_utterances(spec, self.env, rng, limit=MIN_SAMPLES * 4)
        where = self.locate.template(skill, spec, spec.templates[0])
        if len(examples) < MIN_SAMPLES:
            self.add(
                "warning",
                "few-samples",
                f"only {len(examples)} distinct sentence(s); the learned stage needs at least "
                f"{MIN_SAMPLES} to recognise paraphrases: add samples or alternatives",
                where,
                skill.name,
                spec.name,
            )
        classifier = self.sim.router.classifier
        if classifier is None:
            return
        for text in examples:
            predicted = classifier.predict(text, normalize(text).split())
            if not predicted:
                continue
            top_skill, top_intent, confidence = predicted[0]
            if top_skill != skill.name and confidence >= self.sim.router.threshold:
                self.add(
                    "warning",
                    "learned-collision",
                    f"the learned stage reads this intent's sentence as {top_skill}.{top_intent} "
                    f"({confidence:.2f}), so paraphrases of it may go there",
                    where,
                    skill.name,
                    spec.name,
                    text,
                    key=("learned", skill.name, spec.name, top_skill, top_intent),
                )


def _load_each(skills_dir: Path) -> tuple[list[Finding], list[Skill]]:
    """Load each skill file of ``skills_dir`` on its own, so that one broken file does not
    hide the others: those that fail become findings."""
    findings: list[Finding] = []
    loaded: list[Skill] = []
    for path in skill_files(skills_dir):
        try:
            found = load_skill_file(path)
        except SkillLoadError as exc:
            findings.append(Finding("error", "load", exc.cause, exc.path, exc.line, path.stem))
            continue
        for skill in found:
            skill.source = str(path)
            loaded.append(skill)
    return findings, loaded


def lint_skills(
    skills_dir: Path | None = None,
    *,
    bundled: bool = True,
    home_file: Path | None = None,
    learned: bool = True,
) -> LintReport:
    """Lint the skills of ``skills_dir`` (or the bundled ones when there is none).

    The skills checked are routed together with the bundled ones (unless ``bundled`` is
    False), so collisions with them are found too. Raises `SkillLoadError` only when the
    bundled skills themselves cannot load.
    """
    report = LintReport()
    checked_names: set[str] | None = None
    extra: list[Skill] = []
    if skills_dir is not None:
        if not skills_dir.is_dir():
            raise SkillLoadError(str(skills_dir), None, "no such directory")
        load_findings, extra = _load_each(skills_dir)
        report.findings += load_findings
        checked_names = {s.name for s in extra}
    bundled_skills = (
        load_skills(bundled=bundled, entry_point_skills=False).skills if bundled else []
    )
    sim = Simulator.create(
        home_file=home_file,
        now=_NOW,
        seed=0,
        extra_skills=[*bundled_skills, *extra],
        bundled=False,
        learned="sync" if learned else "off",
    )
    try:
        checked = [s for s in sim.skills if checked_names is None or s.name in checked_names]
        linter = _Linter(sim, checked)
        linter.run()
        report.findings += linter.findings
        report.skills = len(checked)
        report.intents = sum(len(s.intents) for s in checked)
    finally:
        sim.close()
    report.findings.sort(key=lambda f: (f.severity != "error", f.file, f.line or 0))
    return report
