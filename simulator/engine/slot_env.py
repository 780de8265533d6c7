"""The slot environment: the runtime data slot parsers need (today's date, the home's names).

Built per route from the loaded skills and the home. The home's lists are computed once per home,
the skill names once per skill set, since ``env()`` runs on every route.

The learned stage trains in its own environment (`SlotEnvironment.training_env`): the skills'
lists with the bundled demo home's names, whatever home is loaded. Its model then depends on the
skill set alone, so one trained model (and one cache entry) serves every home file, and a test
run or a user switching homes does not retrain. The loaded home's own names still reach routing
at run time: the device-target parser fills slots with them, and the router counts them as
known words when it weighs a learned guess.

Device targets parsed for one route are remembered for the next ones (`SlotEnvironment.env`):
a route reads every span a template's ``{target}`` could take, about seventeen per sentence, and
the same spans come back in sentence after sentence ("the kitchen light"). The memory is keyed by
the words and kept per home revision (`simulator.devices.Home.revision`: a device renamed, added
or removed empties it), and it is bounded.
"""

from __future__ import annotations

import threading
from collections.abc import Callable, Sequence
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING, Any

from simulator.nlu.matcher import NO_VALUE
from simulator.nlu.normalize import normalize
from simulator.nlu.zh import has_han
from simulator.sdk.skill import Skill
from simulator.sdk.slots import SlotEnv

if TYPE_CHECKING:
    from simulator.devices import Home

__all__ = ["TARGET_MEMORY", "SlotEnvironment"]

Lists = dict[str, dict[str, list[str]]]

TARGET_MEMORY: int = 8192
"""How many parsed device targets a `SlotEnvironment` remembers (oldest forgotten first). The
smart-home sweep's 7,290 sentences hold about 30,000 distinct spans; the ones a sentence shares
with its neighbours, the same intent's other examples, are the ones that come back."""

_UNSEEN = object()

_DEMO_LISTS: list[Lists] = []
"""The demo home's lists, built once per process (they only depend on a bundled file)."""


def _is_demo(path: Path) -> bool:
    from simulator.devices import DEMO_HOME

    try:
        return Path(path).resolve() == DEMO_HOME.resolve()
    except OSError:
        return False


def _demo_home_lists() -> Lists:
    if not _DEMO_LISTS:
        from simulator.devices import load_home

        _DEMO_LISTS.append(SlotEnvironment(load_home(None), date.today).home_lists())
    return _DEMO_LISTS[0]


class SlotEnvironment:
    """Builds `SlotEnv` objects for the router, the dialog and example utterances."""

    def __init__(self, home: Home | None, today: Callable[[], date]) -> None:
        """``today`` gives the virtual date (the clock's, once there is one)."""
        self.home = home
        self.today = today
        self._skill_names: dict[str, list[str]] = {}
        self._home_lists: Lists | None = None
        # The home revision `_home_lists` and `_targets` were built for (`_check_revision`).
        self._revision = home.revision if home is not None else 0
        self._targets: dict[tuple[str, ...], object] = {}
        # Routes run on the engine's thread and in the TUI's workers; only a miss takes it.
        self._targets_lock = threading.Lock()

    def set_skills(self, skills: Sequence[Skill]) -> None:
        """Use these skills' names for the ``skill`` list ("open the timer")."""
        self._skill_names = {
            s.name: [
                normalize(s.invocation or s.name),
                normalize(s.name),
                *(normalize(name) for name in s.invocations.values()),  # 计时器, 智能家居
            ]
            for s in skills
        }

    def env(self) -> SlotEnv:
        """The environment for one route."""
        lists: Lists = {"skill": self._skill_names}
        if self.home is None:
            return SlotEnv(today=self.today(), lists=lists)
        # One look at the home's names per route, not one per span parsed.
        revision, index = self.home.target_index()
        self._check_revision(revision)
        lists.update(self._lists())
        targets = self._targets
        lock = self._targets_lock

        def device_target(tokens: Sequence[str]) -> object:
            key = tuple(tokens)
            value = targets.get(key, _UNSEEN)
            if value is _UNSEEN:
                # A `TargetQuery` is frozen, so every route can be handed the same one.
                value = index.parse(key) or NO_VALUE
                with lock:
                    if len(targets) >= TARGET_MEMORY:
                        del targets[next(iter(targets))]
                    targets[key] = value
            return value

        return SlotEnv(today=self.today(), lists=lists, parsers={"device_target": device_target})

    def _check_revision(self, revision: int) -> None:
        """Forget what was built from the home's names when they changed since."""
        if revision != self._revision:
            # A new dict, not a cleared one: an environment handed out before the change
            # keeps writing into the old one, never into this one.
            self._targets = {}
            self._home_lists = None
            self._revision = revision

    def training_env(self) -> SlotEnv:
        """The environment the learned stage trains in: the skill names and the bundled demo
        home's rooms, scenes and devices, whatever home is loaded (see the module's note)."""
        home = self.home
        if home is not None and home.path is not None and _is_demo(home.path):
            names = self.home_lists()  # the demo home itself: no need to read it again
        else:
            names = _demo_home_lists()
        lists: Lists = {"skill": self._skill_names, **names}
        return SlotEnv(today=self.today(), lists=lists)

    def home_lists(self) -> Lists:
        """Rooms, scenes and device names as runtime lists (normalised), built once per home
        revision."""
        if self.home is not None:
            self._check_revision(self.home.revision)
        return self._lists()

    def _lists(self) -> Lists:
        if self._home_lists is None and self.home is not None:
            rooms = {
                room.id: sorted({normalize(t) for t in (room.name, *room.aliases)})
                for room in self.home.rooms.values()
            }
            scenes = {
                scene.id: sorted({normalize(t) for t in (scene.name, *scene.aliases)})
                for scene in self.home.scenes.values()
            }
            # Floors are free labels in a home file ("ground", "Upper floor"): said with or
            # without "floor" and with the words that place things on one ("on the first
            # floor"). "Upstairs" and "downstairs" are always there; skills decide what they mean.
            floors: dict[str, list[str]] = {"upstairs": ["upstairs"], "downstairs": ["downstairs"]}
            for label in sorted({r.floor for r in self.home.rooms.values() if r.floor}):
                core = normalize(label).removesuffix(" floor").strip()
                forms = {core, f"{core} floor"}
                floors[label] = sorted(
                    f"{lead}{form}".strip()
                    for form in forms
                    for lead in ("", "the ", "my ", "our ", "on the ", "on ", "in the ", "in ")
                )
            # Device names are routed by the device_target parser; the list only supplies
            # real names for example utterances ("turn on the floor lamp").
            listing = self.home.to_json()["devices"]

            def names_of(device: dict[str, Any]) -> list[str]:
                # The name, and the Chinese names (aliases in Chinese) for Chinese examples.
                chinese = [normalize(a) for a in device.get("aliases", ()) if has_han(a)]
                return [normalize(device["name"]), *chinese[:2]]

            lists: Lists = {
                "room": rooms,
                "floor": floors,
                "scene": scenes,
                "device_target": {d["id"]: names_of(d) for d in listing},
            }
            # Per capability, for example utterances that make sense ("lock the back door").
            for device in listing:
                for capability in device["capabilities"]:
                    names = lists.setdefault(f"device_target:{capability}", {})
                    names[device["id"]] = names_of(device)
            self._home_lists = lists
        return self._home_lists or {}
