"""Out-of-domain samples: requests that mean "not for me", trained as one label of their own.

A skill's sample utterances teach the learned stage what each intent sounds like; nothing taught
it what *no* intent sounds like, so a request outside every skill ("book a flight to rome") was
scored only against the intents there are, and had to lose on confidence alone. Voice assistants
give the model examples of that too (Alexa's ``AMAZON.FallbackIntent`` samples): here they are
one more label, `OUT_OF_DOMAIN`, trained beside the intents; when it wins, the router falls back
and says so ("out of domain (nearest: ...)").

The samples come from two places:

* each skill's ``Skill(..., out_of_domain=[...])`` (templates without slots), and
* the speaker's own list, `bundled_out_of_domain` (``out_of_domain.yaml`` beside this module):
  everyday requests people make of a smart speaker that no bundled skill serves (calls,
  messages, travel, payments, shopping for goods...). It was written against the bundled
  catalogue, so it comes with it: it is trained whenever a bundled skill is loaded
  (`speaker_out_of_domain`); a skill set of one's own (``--no-bundled-skills``, a data set in
  ``eval``) gets only its skills' samples.

A skill set without any out-of-domain sample trains exactly as before.
"""

from __future__ import annotations

import functools
import importlib.util
import random
from collections.abc import Iterable, Sequence
from pathlib import Path
from typing import Final

from simulator.nlu.expand import count_expansions, expand, sample
from simulator.nlu.normalize import normalize
from simulator.nlu.template import SlotRef
from simulator.sdk.skill import Skill, Template, parse_out_of_domain
from simulator.yamlfile import YamlFileError, read_yaml

__all__ = [
    "BUNDLED_FILE",
    "OUT_OF_DOMAIN",
    "bundled_out_of_domain",
    "out_of_domain_texts",
    "skills_out_of_domain",
    "speaker_out_of_domain",
]

OUT_OF_DOMAIN: Final = ("builtin", "OutOfDomain")
"""The learned stage's label for "no skill's business"; ``builtin`` is no skill's name."""

BUNDLED_FILE: Final = Path(__file__).with_name("out_of_domain.yaml")
"""The speaker's own out-of-domain samples."""

_PER_TEMPLATE: Final = 4
"""Expansions drawn from one template: enough to vary it, not so many that one template with
many alternatives outweighs a hundred plain sentences."""


@functools.cache
def bundled_out_of_domain() -> tuple[str, ...]:
    """The speaker's own out-of-domain sample templates (read once, checked when read)."""
    # Read as every YAML file of the speaker is: through the start-up cache when there is one
    # (a warm start that needs the learned stage then does not parse the file again).
    data = read_yaml(BUNDLED_FILE, YamlFileError, what="out-of-domain samples file").data
    samples = data.get("samples") if isinstance(data, dict) else None
    if not isinstance(samples, list) or not all(isinstance(s, str) for s in samples):
        raise ValueError(f"{BUNDLED_FILE}: 'samples' must be a list of templates")
    parse_out_of_domain(samples, where=str(BUNDLED_FILE))  # fails loudly on a typo
    return tuple(samples)


def _bundled_dir() -> Path | None:
    # Where the bundled ``skills`` package lies, found without importing it (this layer must
    # not depend on the skills).
    spec = importlib.util.find_spec("skills")
    locations = spec.submodule_search_locations if spec is not None else None
    return Path(next(iter(locations))).resolve() if locations else None


def speaker_out_of_domain(skills: Iterable[Skill]) -> tuple[str, ...]:
    """The speaker's own list when any of ``skills`` is a bundled one, else nothing."""
    home = _bundled_dir()
    if home is None:
        return ()
    for skill in skills:
        where = skill.defined_in
        if where and Path(where).resolve().is_relative_to(home):
            return bundled_out_of_domain()
    return ()


def skills_out_of_domain(skills: Iterable[Skill]) -> list[Template]:
    """Every skill's out-of-domain templates, in skill order."""
    return [t for skill in skills for t in skill.out_of_domain_templates]


def out_of_domain_texts(
    templates: Sequence[Template], *, seed: int = 0, limit: int = 1000
) -> list[str]:
    """Normalised, distinct sentences from out-of-domain templates, at most ``limit``.

    A small template is enumerated up to a few expansions, a big one sampled, so each template
    counts about the same however many alternatives it has.
    """
    rng = random.Random(f"{seed}:out-of-domain")
    found: dict[str, None] = {}
    for template in templates:
        if count_expansions(template.node) <= _PER_TEMPLATE:
            pieces = list(expand(template.node))
        else:
            pieces = [sample(template.node, rng) for _ in range(_PER_TEMPLATE)]
        for words in pieces:
            text = normalize(" ".join(w for w in words if not isinstance(w, SlotRef)))
            if text:
                found[text] = None
        if len(found) >= limit:
            break
    return list(found)[:limit]
