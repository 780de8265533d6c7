"""Scenes: several commands from the home file run as one ("good night", "movie time").

Try: "good night", "run movie time", "activate the cosy evening scene".
"""

from __future__ import annotations

from pydantic import BaseModel

from simulator.sdk import Response, SkillContext
from simulator.sdk.control import no_home, report
from simulator.sdk.home import SceneName

from .core import skill

__all__ = ["SceneSlots", "run_scene", "run_scene_named"]


class SceneSlots(BaseModel):
    """The scene to run (its id)."""

    scene: SceneName


@skill.intent(
    "RunScene",
    samples=[
        # A bare scene name works too ("good night"); a bundled skill's template with the same
        # words ("good morning" greets) wins the tie because it has more literal words.
        "{scene}",
        # The verbs that switch a device on start a scene too ("enable party mode"), so a
        # scene's name does not reach UnknownDevice, which declines.
        "(run|start|trigger|play|set|turn on|switch on|<activate>) [the] [scene] {scene} "
        "[scene|mode|routine]",
        "(turn|switch) [the] {scene} [scene] on",
        "{scene} [scene] on",
        "(change|switch|transition|go) to [the] [scene] {scene} [scene]",
        "it is {scene}",
    ],
)
def run_scene(ctx: SkillContext, slots: SceneSlots) -> Response:
    """Run every action of a scene and say how it went."""
    return run_scene_named(ctx, slots.scene)


def run_scene_named(ctx: SkillContext, scene: str) -> Response:
    """Run a scene given by id or name (shared with the unknown-device fallback)."""
    home = ctx.home
    if home is None:
        return no_home()
    found = home.scenes.get(scene) or home.parse_scene(scene.split())
    name = found.name if found is not None else scene
    results = home.run_scene(found or scene)
    if all(r.error is not None and not r.failed for r in results) and results:
        # Every device was already how the scene wants it: that's a success, not an error.
        return Response.speak(f"{name} is already set.")
    return report(home, results, lambda devices: f"Okay, {name.lower()}.")
