"""The router: from words to ranked intents with typed slots, and why.

Stages, in order of priority:

1. **context**: an open question comes first. If the speaker just asked for a slot ("For how
   long?"), an answer like "ten minutes" fills it.
2. **builtin**: help, stop, cancel, repeat, yes, no, and "open <skill>".
3. **template**: every sample template of every skill, found through an inverted index on the
   words a template cannot match without, so route time does not grow with the number of intents.
   The skill holding the conversation wins ties.
4. **classifier**: an optional learned stage for paraphrases (`Classifier`), consulted when no
   template matched.
5. **fallback**: when nothing clears the threshold. It never picks an arbitrary intent.

Near misses (templates that share words with the utterance but do not match) are kept as
alternatives with an explanation of where they diverged.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Literal, Protocol

from simulator.models import RouteSource
from simulator.nlu.index import TemplateIndex
from simulator.nlu.matcher import NO_VALUE, Match, NearMiss, match, precompile
from simulator.nlu.template import SHARED_RULES
from simulator.sdk.skill import IntentSpec, Skill
from simulator.sdk.slots import SlotEnv, SlotList, SlotType

__all__ = [
    "BUILTIN_SKILL",
    "Builtin",
    "Candidate",
    "Classifier",
    "OpenQuestion",
    "RouteDecision",
    "Router",
    "SlotFill",
]

BUILTIN_SKILL = "builtin"
"""The skill name reported for built-in intents."""

Builtin = Literal["Help", "Stop", "Cancel", "Repeat", "Yes", "No", "Launch"]
"""The built-in intents every skill gets."""

_BUILTIN_TEMPLATES: dict[str, list[str]] = {
    "Help": ["help [me] [please]", "what can (you do|i say)", "how does this work", "i need help"],
    "Stop": [
        "stop",
        "(quit|exit|shut up|be quiet|goodbye|bye|good bye)",
        "(stop|quit) [it|that|talking]",
        "that is (all|it)",
        "i am done",
    ],
    "Cancel": ["cancel [that|it]", "never mind", "forget (it|that)", "nevermind"],
    "Repeat": [
        "repeat [that|it] [please]",
        "(say|tell me) that again",
        "what did you (say|just say)",
        "(pardon|sorry|come again|excuse me) [me]",
    ],
    "Yes": [
        "(yes|yeah|yep|yup|sure|ok|okay|correct|right|affirmative) [please|thanks|thank you]",
        "(please do|do it|go ahead|of course|that is right|that is correct|sounds good)",
        "yes (do it|go ahead|that is right)",
    ],
    "No": [
        "(no|nope|nah|negative) [thanks|thank you|way]",
        "(do not|please do not|no do not) [do (it|that)]",
        "not (now|really)",
        "that is (wrong|not right)",
    ],
    "Launch": [
        "(open|launch|start|run|use|load) [the] {skill_name} [skill|app]",
        "(talk to|ask) {skill_name}",
    ],
}

# Fillers around a bare answer to an elicitation question: "for ten minutes", "make it 5".
_ANSWER_TEMPLATE = (
    "[(for|to|at|in|on|about|it is|make it|set it to|change it to|um|uh|the|a|an)] "
    "{answer} [please]"
)


class Classifier(Protocol):
    """The learned stage's seam: a model that scores intents for an utterance."""

    def predict(self, text: str, tokens: Sequence[str]) -> list[tuple[str, str, float]]:
        """Ranked ``(skill, intent, confidence)`` for the utterance, best first."""
        ...


@dataclass(frozen=True)
class SlotFill:
    """A parsed slot: its typed value and the words it came from."""

    value: object
    raw: str


@dataclass
class OpenQuestion:
    """What the speaker is waiting for, as the router needs to know it."""

    kind: Literal["elicit", "confirm", "disambiguate"]
    skill: str
    intent: str
    slot: str | None = None


@dataclass
class Candidate:
    """One possible reading of the utterance."""

    skill: str
    intent: str
    confidence: float
    source: RouteSource
    slots: dict[str, SlotFill] = field(default_factory=dict)
    template: str | None = None
    explanation: str = ""
    missing: list[str] = field(default_factory=list)
    literal_tokens: int = 0
    near_miss: bool = False


@dataclass
class RouteDecision:
    """The router's answer: the winner (None means fallback) and the ranked candidates."""

    best: Candidate | None
    candidates: list[Candidate]
    tokens: list[str]

    @property
    def source(self) -> RouteSource:
        """Where the winner came from (``fallback`` when there is none)."""
        return self.best.source if self.best else "fallback"


@dataclass(frozen=True)
class _Entry:
    skill: str
    intent: str
    text: str
    slot_types: dict[str, SlotType]
    order: int


class Router:
    """Routes utterances to the intents of a fixed set of skills.

    ``threshold`` is the confidence below which the fallback answers instead.
    """

    def __init__(
        self,
        skills: Sequence[Skill],
        *,
        threshold: float = 0.5,
        classifier: Classifier | None = None,
    ) -> None:
        """Index every template of every skill, plus the built-in intents."""
        self.threshold = threshold
        self.classifier = classifier
        self.skills = {s.name: s for s in skills}
        self._index: TemplateIndex[_Entry] = TemplateIndex()
        self._builtins: TemplateIndex[_Entry] = TemplateIndex()
        # Follow-up intents answer an open "which one?" question and are matched only then.
        self._follow_ups: TemplateIndex[_Entry] = TemplateIndex()
        order = 0
        for skill in skills:
            for intent in skill.intents.values():
                slot_types = {name: spec.type for name, spec in intent.slots.items()}
                index = self._follow_ups if intent.follow_up else self._index
                for template in intent.templates:
                    entry = _Entry(skill.name, intent.name, template.text, slot_types, order)
                    index.add(template.node, entry)
                    order += 1
        invocations = {s.name: [s.invocation or s.name] for s in skills}
        self._skill_names = SlotList("skill_name", invocations)
        builtin_types: dict[str, SlotType] = {"skill_name": self._skill_names}
        for name, texts in _BUILTIN_TEMPLATES.items():
            for text in texts:
                node = SHARED_RULES.parse(text)
                self._builtins.add(node, _Entry(BUILTIN_SKILL, name, text, builtin_types, order))
                order += 1
        self._answer_node = SHARED_RULES.parse(_ANSWER_TEMPLATE)

    def intent(self, skill: str, intent: str) -> IntentSpec | None:
        """Look up an intent of a routed skill."""
        owner = self.skills.get(skill)
        return owner.intents.get(intent) if owner else None

    def warm(self) -> None:
        """Compile every template now, so the first utterances route as fast as later ones.

        Compiling is otherwise done on first use; an app can call this in the background
        after it has drawn its first screen.
        """
        for node in (
            *self._index.nodes(),
            *self._builtins.nodes(),
            *self._follow_ups.nodes(),
            self._answer_node,
        ):
            precompile(node)

    def __len__(self) -> int:
        """How many templates are indexed (built-ins excluded)."""
        return len(self._index)

    # -- routing ---------------------------------------------------------------------------

    def route(
        self,
        tokens: Sequence[str],
        *,
        env: SlotEnv,
        question: OpenQuestion | None = None,
        active_skill: str | None = None,
        focus_skill: str | None = None,
    ) -> RouteDecision:
        """Rank the readings of ``tokens`` (normalised words) in this dialog context.

        ``focus_skill`` is the skill playing media in the foreground (its music plays even though
        the conversation has ended): like the skill holding the conversation, it wins ties and
        its context-only intents are routed.
        """
        tokens = list(tokens)
        candidates: list[Candidate] = []
        if not tokens:
            return RouteDecision(None, [], tokens)
        if question is not None and question.kind == "elicit" and question.slot:
            answer = self._answer(tokens, question, env)
            if answer is not None:
                candidates.append(answer)
        if question is not None and question.kind == "disambiguate":
            candidates.extend(
                c
                for c in self._matches(self._follow_ups, tokens, env, "context")
                if c.skill == question.skill
            )
        candidates.extend(self._matches(self._builtins, tokens, env, "builtin"))
        in_context = {s for s in (active_skill, focus_skill) if s is not None}
        template_hits = [
            c
            for c in self._matches(self._index, tokens, env, "template")
            if c.skill in in_context or not self._context_only(c)
        ]
        candidates.extend(template_hits)
        if not template_hits and self.classifier is not None:
            candidates.extend(self._classify(tokens))

        def rank(c: Candidate) -> tuple[int, float, int]:
            # An answer to the open question beats everything; with a yes/no question open,
            # yes/no beat other readings; otherwise confidence decides, and the skill holding
            # the conversation wins ties.
            priority = 0
            if c.source == "context":
                priority = 3
            elif question is not None and question.kind == "confirm" and c.intent in ("Yes", "No"):
                priority = 2
            elif c.source == "builtin" and c.intent != "Launch":
                priority = 1 if c.confidence >= 1.0 else 0
            boost = 0.01 if active_skill is not None and c.skill == active_skill else 0.0
            if focus_skill is not None and c.skill == focus_skill:
                boost += 0.005
            return (priority, c.confidence + boost, c.literal_tokens)

        candidates.sort(key=rank, reverse=True)
        best = candidates[0] if candidates and candidates[0].confidence >= self.threshold else None
        # Near misses explain a fallback ("where did it diverge?"); when something matched they
        # would only cost time on every turn, so they are looked for only when nothing did.
        near: list[Candidate] = []
        if best is None:
            near = self._near_misses(tokens, env, {(c.skill, c.intent) for c in candidates})
        return RouteDecision(best, candidates + near, tokens)

    def _context_only(self, candidate: Candidate) -> bool:
        spec = self.intent(candidate.skill, candidate.intent)
        return spec is not None and spec.context_only

    def _acceptor(
        self,
        tokens: Sequence[str],
        types: dict[str, SlotType],
        env: SlotEnv,
        cache: dict[tuple[object, int, int], object],
    ) -> object:
        def accept(name: str, words: Sequence[str], start: int, end: int) -> object:
            slot_type = types.get(name)
            if slot_type is None or end - start > slot_type.max_tokens:
                return NO_VALUE
            key = (slot_type.parse_key, start, end)
            if key not in cache:
                try:
                    cache[key] = slot_type.parse(words[start:end], env)
                except Exception:
                    # A parser (possibly a skill's own list or a runtime parser) must not be
                    # able to break routing for everyone: a failure is a non-match.
                    cache[key] = NO_VALUE
            return cache[key]

        return accept

    def _score(self, tokens: Sequence[str], m: Match, types: dict[str, SlotType]) -> float:
        typed = m.literal_tokens + sum(
            span.end - span.start
            for span in m.slots.values()
            if (t := types.get(span.name)) is not None and t.kind != "text"
        )
        return round(0.6 + 0.4 * typed / len(tokens), 4)

    def _matches(
        self,
        index: TemplateIndex[_Entry],
        tokens: list[str],
        env: SlotEnv,
        source: RouteSource,
    ) -> list[Candidate]:
        cache: dict[tuple[object, int, int], object] = {}
        best: dict[tuple[str, str], Candidate] = {}
        for node, entry in index.candidates(tokens):
            accept = self._acceptor(tokens, entry.slot_types, env, cache)
            result = match(node, tokens, accept)  # type: ignore[arg-type]
            if not isinstance(result, Match):
                continue
            confidence = self._score(tokens, result, entry.slot_types)
            key = (entry.skill, entry.intent)
            previous = best.get(key)
            if previous is not None and (previous.confidence, previous.literal_tokens) >= (
                confidence,
                result.literal_tokens,
            ):
                continue
            slots = {
                name: SlotFill(span.value, " ".join(tokens[span.start : span.end]))
                for name, span in result.slots.items()
            }
            spec = self.intent(entry.skill, entry.intent)
            missing = [s for s in spec.required_slots if s not in slots] if spec else []
            best[key] = Candidate(
                skill=entry.skill,
                intent=entry.intent,
                confidence=confidence,
                source=source,
                slots=slots,
                template=entry.text,
                explanation=f'matched the template "{entry.text}"',
                missing=missing,
                literal_tokens=result.literal_tokens,
            )
        return list(best.values())

    def _answer(self, tokens: list[str], question: OpenQuestion, env: SlotEnv) -> Candidate | None:
        spec = self.intent(question.skill, question.intent)
        if spec is None or question.slot not in spec.slots:
            return None
        slot_type = spec.slots[question.slot].type
        cache: dict[tuple[object, int, int], object] = {}
        accept = self._acceptor(tokens, {"answer": slot_type}, env, cache)
        result = match(self._answer_node, tokens, accept)  # type: ignore[arg-type]
        if not isinstance(result, Match) or "answer" not in result.slots:
            return None
        span = result.slots["answer"]
        return Candidate(
            skill=question.skill,
            intent=question.intent,
            confidence=0.95 if slot_type.kind != "text" else 0.8,
            source="context",
            slots={question.slot: SlotFill(span.value, " ".join(tokens[span.start : span.end]))},
            explanation=f"answered the open question for {{{question.slot}}} ({slot_type.kind})",
            literal_tokens=result.literal_tokens,
        )

    def _classify(self, tokens: list[str]) -> list[Candidate]:
        assert self.classifier is not None
        out: list[Candidate] = []
        try:
            predictions = self.classifier.predict(" ".join(tokens), tokens)
        except Exception:
            return out
        for skill, intent, confidence in predictions[:5]:
            if self.intent(skill, intent) is None:
                continue
            out.append(
                Candidate(
                    skill=skill,
                    intent=intent,
                    confidence=max(0.0, min(1.0, confidence)),
                    source="classifier",
                    explanation="the learned classifier's guess",
                )
            )
        return out

    def _near_misses(
        self, tokens: list[str], env: SlotEnv, seen: set[tuple[str, str]], limit: int = 3
    ) -> list[Candidate]:
        out: list[Candidate] = []
        cache: dict[tuple[object, int, int], object] = {}
        for node, entry, overlap in self._index.near(tokens, limit=limit * 3):
            if (entry.skill, entry.intent) in seen:
                continue
            accept = self._acceptor(tokens, entry.slot_types, env, cache)
            result = match(node, tokens, accept)  # type: ignore[arg-type]
            if not isinstance(result, NearMiss):
                continue
            seen.add((entry.skill, entry.intent))
            progress = result.furthest / len(tokens)
            out.append(
                Candidate(
                    skill=entry.skill,
                    intent=entry.intent,
                    confidence=round(min(0.45, 0.45 * max(progress, overlap)), 4),
                    source="template",
                    template=entry.text,
                    explanation=explain_near_miss(entry.text, tokens, result),
                    near_miss=True,
                )
            )
            if len(out) >= limit:
                break
        out.sort(key=lambda c: c.confidence, reverse=True)
        return out


def explain_near_miss(template: str, tokens: Sequence[str], miss: NearMiss) -> str:
    """Say in words where ``tokens`` left ``template``."""
    matched = " ".join(tokens[: miss.furthest])
    expected = " or ".join(f'"{e}"' for e in miss.expected[:4]) or "nothing more"
    if miss.furthest >= len(tokens):
        return f'"{template}": the utterance ended after "{matched}"; expected {expected}'
    heard = tokens[miss.furthest]
    if miss.furthest == 0:
        return f'"{template}": diverged at the first word: expected {expected}, heard "{heard}"'
    return f'"{template}": matched "{matched}", then expected {expected} but heard "{heard}"'
