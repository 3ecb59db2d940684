"""JSON Schema of the content files, generated from the models (one source of truth).

Editors with yaml-language-server check a file while it is typed when the file
starts with ``# yaml-language-server: $schema=…``. A schema cannot pick a shape by
folder, so there is one schema per kind (exact errors, for editors) and a
combined ``anyOf`` schema (``docs/content.schema.json``) that accepts any kind.
Cross-file rules (references, duplicate ids, rendered sizes) exist only in
``python -m bot validate``.
"""

from __future__ import annotations

import json
from typing import Any

from pydantic.json_schema import models_json_schema

from bot.content.models import MODEL_BY_KIND

DIALECT = "https://json-schema.org/draft/2020-12/schema"
KINDS = tuple(MODEL_BY_KIND)
"""``article``, ``routine``, ``resource``, ``safety``, ``synonyms``."""


def content_schema(kind: str | None = None) -> dict[str, Any]:
    """The schema of one kind, or (``None``) the combined schema of every kind.

    Raises ValueError for an unknown kind.
    """
    if kind is None:
        _, defs = models_json_schema(
            [(model, "validation") for model in MODEL_BY_KIND.values()],
            ref_template="#/$defs/{model}",
        )
        return {
            "$schema": DIALECT,
            "title": "Lupus Companion content file",
            "description": (
                "Any content file: an article, a routine, a resource topic, safety.yaml or synonyms.yaml."
            ),
            "anyOf": [{"$ref": f"#/$defs/{model.__name__}"} for model in MODEL_BY_KIND.values()],
            **defs,
        }
    if kind not in MODEL_BY_KIND:
        raise ValueError(f"unknown content kind {kind!r}; choose one of: {', '.join(KINDS)}")
    schema = MODEL_BY_KIND[kind].model_json_schema(ref_template="#/$defs/{model}")
    return {"$schema": DIALECT, **schema}


def schema_json(kind: str | None = None) -> str:
    """:func:`content_schema` as stable, indented JSON text (ends with a newline)."""
    return json.dumps(content_schema(kind), indent=2, ensure_ascii=False, sort_keys=False) + "\n"
