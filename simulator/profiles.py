"""Device profiles: the same speaker as a plain speaker, a speaker with a screen, or a kids' speaker.

``speaker``
    today's behaviour: voice only; cards show only in the inspector.
``screen``
    a speaker with a display: the TUI shows a screen pane drawing the cards, and a skill's
    shorter screen speech (``Response.for_profile("screen", ...)``) is said instead.
``kids``
    an allow-list of skills (no ordering or payment, no unlocking, no news by default), a skill's
    gentler kids' speech where it offers one, and a bedtime after which music and games stop
    with a kind message.

The rules live in a YAML file a parent can edit: the bundled ``profiles.yaml`` (next to this
module) by default, ``profiles.yaml`` in the state directory if there is one, or the file given
with ``--profile-rules``. A malformed file raises `ProfileError` naming the file, line and cause.
The profile is in every `Turn` (``profile``) and its trace, and skills read it as ``ctx.profile``.
"""

from __future__ import annotations

import re
from datetime import datetime, time
from pathlib import Path
from typing import Literal, get_args

from pydantic import BaseModel, ConfigDict, Field, field_validator

from simulator.yamlfile import YamlFileError, read_yaml, validate_yaml

__all__ = [
    "BUNDLED_RULES",
    "PROFILES",
    "KidsRules",
    "Profile",
    "ProfileError",
    "ProfileName",
    "ProfileRules",
    "ScreenRules",
    "load_profile",
]

ProfileName = Literal["speaker", "screen", "kids"]
"""The device profiles."""

PROFILES: tuple[str, ...] = get_args(ProfileName)
"""Their names, in the order the TUI offers them."""

BUNDLED_RULES = Path(__file__).with_name("profiles.yaml")
"""The default rules, the file to copy and edit."""

RULES_FILE_NAME = "profiles.yaml"
"""The name looked for in the state directory."""

_TIME = re.compile(r"^([01]?\d|2[0-3]):([0-5]\d)$")


class ProfileError(YamlFileError):
    """A profile rules file that is missing or invalid: ``FILE:LINE: field: message``."""


class _Rules(BaseModel):
    model_config = ConfigDict(extra="forbid")


class KidsMessages(_Rules):
    """What the kids' speaker says when it refuses."""

    not_allowed: str = "That's one for a grown-up, so I can't do it here."
    bedtime: str = "It's past bedtime, so no more {what} tonight. Sleep well!"
    """``{what}`` becomes the skill's spoken name ("music")."""
    bedtime_stop: str = "It's bedtime now, so the music is stopping. Sweet dreams!"


class KidsRules(_Rules):
    """The kids profile: which skills answer, and the bedtime."""

    allowed_skills: list[str] = Field(default_factory=list)
    blocked_intents: list[str] = Field(default_factory=list)
    bedtime: str = "19:30"
    wake_up: str = "07:00"
    bedtime_skills: list[str] = Field(default_factory=list)
    messages: KidsMessages = Field(default_factory=KidsMessages)
    model_note: str = ""

    @field_validator("bedtime", "wake_up")
    @classmethod
    def _clock_time(cls, value: str) -> str:
        if not _TIME.match(str(value).strip()):
            raise ValueError(f"{value!r} is not a time of day like 19:30")
        return str(value).strip()

    @field_validator("blocked_intents")
    @classmethod
    def _qualified(cls, value: list[str]) -> list[str]:
        for name in value:
            if name.count(".") != 1:
                raise ValueError(f"{name!r} is not skill.Intent (e.g. smart_home.Unlock)")
        return value

    def clock(self, which: Literal["bedtime", "wake_up"]) -> time:
        """``bedtime`` or ``wake_up`` as a time of day."""
        hours, minutes = getattr(self, which).split(":")
        return time(int(hours), int(minutes))


class ScreenRules(_Rules):
    """The screen profile."""

    short_speech: bool = True
    """Say a skill's shorter screen speech when it gives one."""


class ProfileRules(_Rules):
    """The whole rules file."""

    kids: KidsRules = Field(default_factory=KidsRules)
    screen: ScreenRules = Field(default_factory=ScreenRules)


class Profile:
    """The device profile a simulator runs under, with its rules."""

    def __init__(
        self,
        name: ProfileName = "speaker",
        rules: ProfileRules | None = None,
        *,
        source: Path | None = None,
    ) -> None:
        """``name`` with ``rules`` (read from ``source``, for the trace)."""
        if name not in PROFILES:
            raise ValueError(f"unknown profile {name!r}; choose one of {', '.join(PROFILES)}")
        self.name: ProfileName = name
        self.rules = rules or ProfileRules()
        self.source = source

    def switch(self, name: str) -> Profile:
        """The profile ``name`` with the same rules (the TUI's palette switches this way)."""
        if name not in PROFILES:
            raise ValueError(f"unknown profile {name!r}; choose one of {', '.join(PROFILES)}")
        return Profile(name, self.rules, source=self.source)  # type: ignore[arg-type]

    @property
    def has_screen(self) -> bool:
        """Whether the speaker has a display that draws cards."""
        return self.name == "screen"

    def allows(self, skill: str, intent: str | None = None) -> bool:
        """Whether the profile lets ``skill`` (and ``intent``) answer at all (bedtime aside)."""
        if self.name != "kids":
            return True
        kids = self.rules.kids
        if skill not in kids.allowed_skills:
            return False
        return intent is None or f"{skill}.{intent}" not in kids.blocked_intents

    def bedtime(self, now: datetime) -> bool:
        """Whether it is bedtime at ``now`` (the kids profile only)."""
        if self.name != "kids":
            return False
        start, end = self.rules.kids.clock("bedtime"), self.rules.kids.clock("wake_up")
        t = now.time()
        if start <= end:
            return start <= t < end
        return t >= start or t < end  # bedtime runs past midnight

    def refusal(
        self, skill: str, intent: str | None, now: datetime, *, spoken: str | None = None
    ) -> tuple[str, str] | None:
        """``(speech, reason)`` when the profile refuses ``skill``'s ``intent`` at ``now``;
        None when it may answer. ``spoken`` is the skill's spoken name for the message."""
        if self.name != "kids":
            return None
        kids = self.rules.kids
        if not self.allows(skill, intent):
            what = f"{skill}.{intent}" if intent else skill
            return kids.messages.not_allowed, f"{what} is not allowed under the kids profile"
        if skill in kids.bedtime_skills and self.bedtime(now):
            what = spoken or skill.replace("_", " ")
            text = kids.messages.bedtime.replace("{what}", what)
            return text, f"{skill} stops at bedtime ({kids.bedtime}-{kids.wake_up})"
        return None

    def model_note(self) -> str:
        """A line for the large model's instructions (empty unless kids)."""
        return self.rules.kids.model_note if self.name == "kids" else ""

    def describe(self) -> dict[str, object]:
        """The profile for the trace."""
        out: dict[str, object] = {"profile": self.name}
        if self.name != "speaker":
            out["rules"] = str(self.source) if self.source else "built-in"
        return out


def load_profile(
    name: str, rules_file: Path | None = None, *, state_dir: Path | None = None
) -> Profile:
    """The profile ``name`` with its rules: from ``rules_file``, else ``state_dir/profiles.yaml``
    if it exists, else the bundled file. Raises `ProfileError` for a bad file, ``ValueError``
    for an unknown name."""
    if name not in PROFILES:
        raise ValueError(f"unknown profile {name!r}; choose one of {', '.join(PROFILES)}")
    path = rules_file
    if path is None and state_dir is not None and (state_dir / RULES_FILE_NAME).is_file():
        path = state_dir / RULES_FILE_NAME
    if path is None:
        path = BUNDLED_RULES
    if not path.exists():
        raise ProfileError(path, None, "", "no such file")
    doc = read_yaml(path, ProfileError, what="profile rules file")
    rules = validate_yaml(doc, ProfileRules, ProfileError)
    return Profile(name, rules, source=path)  # type: ignore[arg-type]
