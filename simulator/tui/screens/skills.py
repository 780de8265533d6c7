"""The skills browser: skills, their intents and sample utterances; pick one to say it."""

from __future__ import annotations

from typing import Any, ClassVar

from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Vertical
from textual.screen import ModalScreen
from textual.widgets import Label, Tree

__all__ = ["SkillsScreen"]


class SkillsScreen(ModalScreen[str | None]):
    """A tree of skills → intents → example utterances; dismisses with the one chosen."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("escape,f2", "dismiss", "Close"),
    ]

    def __init__(self, listing: list[dict[str, Any]]) -> None:
        """Browse ``listing`` (``Simulator.skill_listing()``)."""
        super().__init__()
        self.listing = listing
        """The skills, intents and examples on show."""

    def compose(self) -> ComposeResult:
        """The tree and a hint."""
        with Vertical(id="skills-frame", classes="dialog"):
            yield Label(
                "Skills — enter on an utterance says it; enter on a skill or intent opens it; "
                "escape closes.",
                classes="dialog-title",
            )
            # Labels are Text, not str: "[a|the]" in a template must not be read as markup.
            tree: Tree[str | None] = Tree("Skills", id="skills-tree")
            tree.show_root = False
            for skill in self.listing:
                title = skill["name"]
                if skill.get("description"):
                    title += f" — {skill['description']}"
                node = tree.root.add(Text(title), data=None, expand=False)
                for intent in skill.get("intents", []):
                    slots = ", ".join(
                        f"{name}{'' if spec.get('required') else '?'}"
                        for name, spec in intent.get("slots", {}).items()
                    )
                    label = intent["name"] + (f" ({slots})" if slots else "")
                    branch = node.add(Text(label), data=None, expand=False)
                    for sample in intent.get("samples", []):
                        branch.add_leaf(Text(f"template: {sample}"), data=None)
                    for example in intent.get("examples", []):
                        branch.add_leaf(Text(f"say: {example}"), data=str(example))
            yield tree

    def on_mount(self) -> None:
        """Focus the tree so the arrow keys work at once."""
        self.query_one(Tree).focus()

    def on_tree_node_selected(self, event: Tree.NodeSelected[str | None]) -> None:
        """Saying an example closes the browser with it."""
        if event.node.data:
            event.stop()
            self.dismiss(event.node.data)
