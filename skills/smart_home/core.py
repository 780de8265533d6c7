"""The smart-home skill object, its shared template rules, and its `DeviceControl`.

Every command goes the same way: find the devices the request means, ask "which one?" when it
is unclear, run the command and say what happened. That sequence is the SDK's
(`simulator.sdk.control`); ``control`` here adds the skill's Chinese wording (:mod:`.chinese`).
"""

from __future__ import annotations

from simulator.sdk import Skill
from simulator.sdk.control import DeviceControl

from .chinese import ChinesePhrasing

__all__ = ["control", "skill"]

skill = Skill(
    "smart_home",
    description="Controls the lights, heating, blinds, locks, media and more in the mock home",
    invocation="smart home",
    rules={
        # "50", "50 percent", "50 %" ("%" is a token of its own after normalisation).
        "pct": "[percent|%|per cent]",
        # "in here" means the speaker's room, which is what an unqualified request means anyway.
        "here": "([in] here|[in] (this|the|my|our) (room|area|space))",
        # Word sets from Home Assistant's English templates (CC BY 4.0), so their phrasings
        # work here too: "bring the lights on", "the fans throughout the nursery".
        "the": "(the|my|our)",
        "in": "(in|on|at|of|across|around|throughout)",
        "turn": "(turn|switch|change|bring)",
        "turn_on": "<turn> on",
        "turn_off": "<turn> (off|out)",
        "set": "(set|change|make|put|adjust|move|turn [(up|down)]|increase|decrease)",
        "track": "(track|song|item)",
        "how_is": "(how is|how's|hows)",
        "open": "(open|raise|lift|roll up|pull up|draw back|pull back|draw open) [up]",
        # Not "shut down": that switches things off (<deactivate>).
        "close": "(close [(up|down)]|shut [up]|lower [(up|down)]|draw|pull down|roll down)",
        "all": "(all [[of] <the>]|every [single]|each [and every])",
        "back": "((go|skip) back [to the (previous|last) [<track>]]|(play|replay) [the] (previous|last) [<track>] [again])",
        # Verbs that switch something on or off, beyond the shared "turn on" / "switch on".
        "activate": "(activate|enable|power on|start up)",
        "deactivate": "(deactivate|disable|power off|shut off|shut down)",
        # A level: "50 percent", "50%", "max", "the lowest", "halfway" (needs {level}, {extreme}).
        "amount": "({level} <pct>|{extreme})",
        # A colour temperature: "2700 kelvin", "warm white"; after "colour temperature" a bare
        # "2700" will do (needs {kelvin}, {white}).
        "ctv": "({kelvin} (kelvin|k)|{white})",
        "cctv": "({kelvin} [kelvin|k]|{white})",
    },
)
"""The smart-home skill; every module of this package adds intents to it."""

control = DeviceControl(phrasings={"zh": ChinesePhrasing()})
"""Find → ask which → run → report for every intent of the skill, in English and Chinese."""
