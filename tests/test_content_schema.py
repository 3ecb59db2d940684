"""The published JSON Schema: valid JSON, one per kind and combined, matching the models."""

from __future__ import annotations

import json
from typing import Any

import pytest

from bot.content.cli import schema_command
from bot.content.schema import KINDS, content_schema, schema_json


def refs(node: Any) -> list[str]:
    if isinstance(node, dict):
        own = [node["$ref"]] if "$ref" in node else []
        return own + [r for v in node.values() for r in refs(v)]
    if isinstance(node, list):
        return [r for v in node for r in refs(v)]
    return []


@pytest.mark.parametrize("kind", [*KINDS, None])
def test_every_schema_is_json_with_resolvable_refs(kind: str | None) -> None:
    schema = json.loads(schema_json(kind))
    assert schema["$schema"] == "https://json-schema.org/draft/2020-12/schema"
    assert "$defs" in schema
    for ref in refs(schema):
        assert ref.startswith("#/$defs/") and ref.removeprefix("#/$defs/") in schema["$defs"], ref


def test_the_combined_schema_accepts_any_kind() -> None:
    schema = content_schema(None)
    assert {r["$ref"] for r in schema["anyOf"]} == {
        "#/$defs/Article",
        "#/$defs/Routine",
        "#/$defs/ResourceTopic",
        "#/$defs/Safety",
        "#/$defs/Synonyms",
        "#/$defs/Tracking",
    }


def test_the_synonyms_schema_wants_lower_case_words() -> None:
    group = content_schema("synonyms")["$defs"]["SynonymGroup"]
    assert set(group["required"]) == {"words", "means"}
    assert group["properties"]["words"]["items"]["maxLength"] == 60


def test_the_schema_carries_the_contract() -> None:
    article = content_schema("article")
    assert article["additionalProperties"] is False
    assert set(article["required"]) == {"id", "title", "summary", "reviewed", "sources", "sections"}
    assert article["properties"]["id"]["pattern"] == "^[a-z0-9][a-z0-9-]{0,47}$"
    assert article["properties"]["sections"]["maxItems"] == 25
    section = article["$defs"]["Section"]
    assert section["properties"]["body"]["maxLength"] == 16000
    source = article["$defs"]["Source"]
    assert source["properties"]["url"]["pattern"] == "^https://"
    routine = content_schema("routine")
    assert routine["properties"]["level"]["enum"] == ["gentle", "easy", "moderate"]
    item = content_schema("resource")["$defs"]["ResourceItem"]
    assert item["anyOf"] == [{"required": ["url"]}, {"required": ["phone"]}]


def test_unknown_kind() -> None:
    with pytest.raises(ValueError, match="unknown content kind"):
        content_schema("video")
    assert schema_command("video") == 2


def test_schema_command_prints_the_schema(capsys: pytest.CaptureFixture[str]) -> None:
    assert schema_command() == 0
    assert json.loads(capsys.readouterr().out)["title"] == "Lupus Companion content file"
