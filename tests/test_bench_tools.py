"""The benchmark's helpers work on the bundled skills as they are (Chinese templates included)."""

from __future__ import annotations

from simulator.loader import load_skills
from simulator.tools.bench import copy_skills


def test_copy_skills_copies_the_bundled_skills_english_templates() -> None:
    # `speaker-sim bench` failed with "unknown rule <a>": a copied Chinese template lost the
    # rules of its language file.
    skills = load_skills(None).skills
    assert any(t.language != "en" for s in skills for i in s.intents.values() for t in i.templates)
    copies = copy_skills(skills, 1, decoy_word="zebra")
    assert [c.name for c in copies] == [f"{s.name}_c1" for s in skills]
    for original, copy in zip(skills, copies, strict=True):
        for name, intent in copy.intents.items():
            english = [t.text for t in original.intents[name].templates if t.language == "en"]
            assert [t.text for t in intent.templates] == [f"zebra {text}" for text in english]
