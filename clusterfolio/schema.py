"""JSON Schemas of the three profile file kinds, generated from the model (SPEC §2)."""
from __future__ import annotations

import json
from pathlib import Path

from .model import MODELS

SCHEMA_DIR = "schema"


def schemas() -> dict[str, str]:
    """File name -> JSON text of each schema."""
    out = {}
    for kind, model in MODELS.items():
        schema = {
            "$schema": "https://json-schema.org/draft/2020-12/schema",
            "$id": f"{kind}.schema.json",
            **model.model_json_schema(),
        }
        out[f"{kind}.schema.json"] = json.dumps(schema, indent=2, ensure_ascii=False, sort_keys=False) + "\n"
    return out


def write_schemas(root: Path) -> list[str]:
    """Write the schemas into schema/; return the paths written."""
    folder = root / SCHEMA_DIR
    folder.mkdir(exist_ok=True)
    written = []
    for name, text in schemas().items():
        (folder / name).write_text(text, encoding="utf-8")
        written.append(f"{SCHEMA_DIR}/{name}")
    return written
