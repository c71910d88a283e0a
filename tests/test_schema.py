"""The committed JSON Schemas (schemas/) equal the ones generated from the front-matter models, and
they agree with the build: whatever `briefing check` accepts, the schema accepts (so an editor never
flags a valid file), and the structural mistakes it refuses, the schema refuses too.

jsonschema is not a dependency; the schemas use a small set of keywords, which ``validate`` below
implements, and a test fails if a schema ever uses a keyword it does not know.
"""
from __future__ import annotations

import json
import re
from pathlib import Path

import pytest
from click.testing import CliRunner
from pydantic import ValidationError

from build_tools.cli import main
from build_tools.model.frontmatter import BriefingFrontMatter, SidecarFields, SourceFrontMatter
from build_tools.parse.yaml_lines import load_yaml, split_front_matter
from build_tools.schema import SCHEMAS, schema_files
from conftest import REPO

SCHEMA_DIR = REPO / "schemas"
KNOWN = {"$schema", "$defs", "$ref", "title", "description", "default", "type", "properties", "required",
         "additionalProperties", "items", "minItems", "maxItems", "minLength", "maxLength", "pattern", "enum",
         "const", "anyOf", "allOf", "oneOf", "minimum", "maximum"}
TYPES = {"string": str, "integer": int, "number": (int, float), "boolean": bool, "array": list, "object": dict,
         "null": type(None)}


def validate(value, schema: dict, root: dict, at: str = "") -> list[str]:
    """Errors of ``value`` against ``schema`` (a subset of JSON Schema 2020-12, enough for ours)."""
    unknown = set(schema) - KNOWN
    assert not unknown, f"the test's validator does not know {unknown}; extend it"
    if "$ref" in schema:
        target = root
        for part in schema["$ref"].removeprefix("#/").split("/"):
            target = target[part]
        return validate(value, target, root, at)
    errors: list[str] = []
    if "type" in schema:
        wanted = TYPES[schema["type"]]
        ok = isinstance(value, wanted) and not (schema["type"] in ("integer", "number") and isinstance(value, bool))
        if not ok:
            return [f"{at}: {value!r} is not of type {schema['type']}"]
    if "enum" in schema and value not in schema["enum"]:
        errors.append(f"{at}: {value!r} not in {schema['enum']}")
    if "const" in schema and value != schema["const"]:
        errors.append(f"{at}: {value!r} != {schema['const']!r}")
    if isinstance(value, str):
        if "pattern" in schema and not re.search(schema["pattern"], value):
            errors.append(f"{at}: {value!r} does not match {schema['pattern']}")
        if len(value) < schema.get("minLength", 0) or len(value) > schema.get("maxLength", len(value)):
            errors.append(f"{at}: {value!r} has the wrong length")
    if isinstance(value, (int, float)) and not isinstance(value, bool):
        if value < schema.get("minimum", value) or value > schema.get("maximum", value):
            errors.append(f"{at}: {value!r} out of range")
    if isinstance(value, list):
        if len(value) < schema.get("minItems", 0) or len(value) > schema.get("maxItems", len(value)):
            errors.append(f"{at}: wrong number of items")
        for index, item in enumerate(value):
            errors += validate(item, schema.get("items", {}), root, f"{at}[{index}]")
    if isinstance(value, dict):
        properties = schema.get("properties", {})
        errors += [f"{at}: '{name}' is required" for name in schema.get("required", []) if name not in value]
        for name, item in value.items():
            if name in properties:
                errors += validate(item, properties[name], root, f"{at}.{name}")
            elif schema.get("additionalProperties") is False:
                errors.append(f"{at}: '{name}' is not allowed")
            elif isinstance(schema.get("additionalProperties"), dict):
                errors += validate(item, schema["additionalProperties"], root, f"{at}.{name}")
    for sub in schema.get("allOf", []):
        errors += validate(value, sub, root, at)
    if "anyOf" in schema and not any(not validate(value, sub, root, at) for sub in schema["anyOf"]):
        errors.append(f"{at}: matches none of anyOf")
    if "oneOf" in schema and sum(not validate(value, sub, root, at) for sub in schema["oneOf"]) != 1:
        errors.append(f"{at}: does not match exactly one of oneOf")
    return errors


def schema(name: str) -> dict:
    return json.loads((SCHEMA_DIR / name).read_text("utf-8"))


def pydantic_accepts(model, data) -> bool:
    try:
        model.model_validate(data)
        return True
    except ValidationError:
        return False


def test_committed_schemas_equal_generated_ones() -> None:
    generated = schema_files()
    assert sorted(generated) == sorted(SCHEMAS) == ["briefing.schema.json", "sidecar.schema.json", "source.schema.json"]
    for name, data in generated.items():
        assert (SCHEMA_DIR / name).read_bytes() == data, f"schemas/{name} is out of date: run `briefing schema`"


def test_schema_command_writes_and_checks(tmp_path: Path) -> None:
    runner = CliRunner()
    out = tmp_path / "schemas"
    result = runner.invoke(main, ["schema", "--out", str(out), "--check", "--root", str(REPO)])
    assert result.exit_code == 1 and result.stdout.count("out of date") == 3
    result = runner.invoke(main, ["schema", "--out", str(out), "--root", str(REPO)])
    assert result.exit_code == 0, result.output
    assert {p.name: p.read_bytes() for p in out.iterdir()} == schema_files()
    assert runner.invoke(main, ["schema", "--out", str(out), "--check", "--root", str(REPO)]).exit_code == 0
    assert runner.invoke(main, ["schema", "--check", "--root", str(REPO)]).exit_code == 0  # the committed ones


def test_schemas_are_draft_2020_12_with_descriptions() -> None:
    briefing = schema("briefing.schema.json")
    assert briefing["$schema"] == "https://json-schema.org/draft/2020-12/schema"
    assert briefing["additionalProperties"] is False
    assert set(briefing["required"]) == {"title", "date", "summary", "topics", "sources", "key_points"}
    assert "Topic ids" in briefing["properties"]["topics"]["description"]
    date = briefing["properties"]["date"]
    assert validate("2025-11", date, briefing) == [] and validate(2025, date, briefing) == []
    assert validate("13 Nov 2025", date, briefing) != []


def real_front_matter() -> list[tuple[str, object, dict]]:
    cases = []
    for path in sorted((REPO / "briefings").glob("*.md")):
        cases.append((path.name, BriefingFrontMatter, split_front_matter(path.read_text("utf-8")).meta.data))
    for path in sorted((REPO / "content/sources").glob("*.md")):
        cases.append((path.name, SourceFrontMatter, split_front_matter(path.read_text("utf-8")).meta.data))
    for path in sorted((REPO / "content/sources").glob("*.meta.yml")):
        cases.append((path.name, SidecarFields, load_yaml(path.read_text("utf-8")).data))
    return cases


SCHEMA_OF = {BriefingFrontMatter: "briefing.schema.json", SourceFrontMatter: "source.schema.json",
             SidecarFields: "sidecar.schema.json"}


@pytest.mark.parametrize("name, model, data", real_front_matter(), ids=lambda v: v if isinstance(v, str) else "")
def test_real_files_valid_for_the_build_are_valid_for_the_schema(name: str, model, data: dict) -> None:
    root = schema(SCHEMA_OF[model])
    assert pydantic_accepts(model, data), f"{name} is not valid front matter"
    assert validate(data, root, root) == []


def test_there_are_real_briefings_and_sidecars() -> None:
    kinds = {model for _, model, _ in real_front_matter()}
    assert BriefingFrontMatter in kinds and SidecarFields in kinds


GOOD = {
    "title": "VPN licensing", "date": "2025-11-24", "summary": "PTA licenses VPN providers.",
    "topics": ["vpn-regulation"], "sources": ["arabnews-vpn-licensing"], "key_points": ["One."],
    "claims": [{"claimant": "pta", "claimant_type": "regulator", "point": "Why?", "statement": "Security.",
                "cite": "@arabnews-vpn-licensing:2"}],
    "events": [{"date": 2024, "title": "Registration ordered.", "cite": "@arabnews-vpn-licensing:3",
                "measure": "vpn-registration", "status": "in-force"}],
}


@pytest.mark.parametrize("change", [
    {"titel": "typo"},                                  # unknown field
    {"title": None},                                    # missing value
    {"date": "24 November 2025"},                       # not ISO
    {"topics": []},                                     # empty list
    {"topics": ["VPN Regulation"]},                     # not an id
    {"sources": "arabnews-vpn-licensing"},              # not a list
    {"claims": [{"claimant": "pta"}]},                  # claim without its fields
    {"events": [{"date": "2025", "title": "x", "cite": "@a:1", "status": "in force"}]},  # unknown status
])
def test_structural_mistakes_are_refused_by_both(change: dict) -> None:
    root = schema("briefing.schema.json")
    assert pydantic_accepts(BriefingFrontMatter, GOOD) and validate(GOOD, root, root) == []
    bad = {k: v for k, v in {**GOOD, **change}.items() if v is not None}
    assert not pydantic_accepts(BriefingFrontMatter, bad)
    assert validate(bad, root, root) != []


def test_vscode_maps_the_sidecar_schema() -> None:
    settings = json.loads((REPO / ".vscode/settings.json").read_text("utf-8"))
    mapping = settings["yaml.schemas"]
    assert mapping["./schemas/sidecar.schema.json"] == ["content/sources/*.meta.yml"]
    for schema_path in mapping:
        assert (REPO / schema_path).is_file()
