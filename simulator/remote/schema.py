"""JSON Schema files for the envelope, generated from the pydantic models.

``python -m simulator.remote.schema`` writes ``docs/schema/request.schema.json`` and
``docs/schema/response.schema.json``; a test regenerates them and fails if the files in the
repository differ, so the published contract cannot drift from the code. A service written in
another language can validate against these files.
"""

from __future__ import annotations

import json
import sys
from pathlib import Path
from typing import Any

from pydantic import BaseModel

from simulator.remote.envelope import ENVELOPE_VERSION, RequestEnvelope, ResponseEnvelope

__all__ = ["SCHEMAS", "render", "write"]

SCHEMAS: dict[str, type[BaseModel]] = {
    "request.schema.json": RequestEnvelope,
    "response.schema.json": ResponseEnvelope,
}
"""File name -> the model it is generated from."""


def render(model: type[BaseModel]) -> str:
    """The schema of ``model`` as stable, pretty JSON text (ending in a newline)."""
    schema: dict[str, Any] = model.model_json_schema(mode="validation")
    schema = {
        "$schema": "https://json-schema.org/draft/2020-12/schema",
        "$id": f"speaker-sim/remote/{ENVELOPE_VERSION}/{model.__name__}",
        **schema,
    }
    schema["description"] = (
        f"speaker-sim remote-skill envelope {ENVELOPE_VERSION} (speaker-sim's own format, no "
        f"vendor's). {schema.get('description', '')}".strip()
    )
    return json.dumps(schema, indent=2, sort_keys=True, ensure_ascii=False) + "\n"


def write(directory: Path) -> list[Path]:
    """Write every schema file into ``directory``; returns the paths written."""
    directory.mkdir(parents=True, exist_ok=True)
    written = []
    for name, model in SCHEMAS.items():
        path = directory / name
        path.write_text(render(model), encoding="utf-8")
        written.append(path)
    return written


if __name__ == "__main__":  # pragma: no cover
    target = Path(sys.argv[1]) if len(sys.argv) > 1 else Path("docs/schema")
    for path in write(target):
        print(path)
