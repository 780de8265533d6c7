"""The JSON Schema files in docs/schema/ are exactly what the envelope models generate."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from simulator.remote.envelope import RequestEnvelope, ResponseEnvelope
from simulator.remote.schema import SCHEMAS, render

DOCS = Path(__file__).resolve().parent.parent / "docs" / "schema"


@pytest.mark.parametrize("name", sorted(SCHEMAS))
def test_the_schema_file_matches_the_model(name: str) -> None:
    path = DOCS / name
    assert path.exists(), f"{path} is missing: run python -m simulator.remote.schema"
    assert path.read_text(encoding="utf-8") == render(SCHEMAS[name]), (
        f"{path} is out of date with the envelope models: run python -m simulator.remote.schema"
    )


def test_the_schemas_forbid_unknown_fields_and_name_the_envelope() -> None:
    for name, model in (("request", RequestEnvelope), ("response", ResponseEnvelope)):
        schema = json.loads((DOCS / f"{name}.schema.json").read_text(encoding="utf-8"))
        assert schema["additionalProperties"] is False
        assert "no vendor's" in schema["description"]
        assert set(schema["required"]) == {
            n for n, f in model.model_fields.items() if f.is_required()
        }
