"""JSON Schema files for editors, generated from the front-matter models (the single definition).

``briefing schema`` writes them to ``schemas/`` at the repository root, where they are committed;
a test fails when they differ from freshly generated ones, so they cannot drift from the models.
"""
from __future__ import annotations

import json
from pathlib import Path

from pydantic import BaseModel
from pydantic.json_schema import GenerateJsonSchema

from build_tools.model import frontmatter
from build_tools.model.forms import DATE_PATTERN
from build_tools.model.frontmatter import BriefingFrontMatter, SidecarFields, SourceFrontMatter

DIALECT = "https://json-schema.org/draft/2020-12/schema"

SCHEMAS: dict[str, tuple[type[BaseModel], str]] = {
    "briefing.schema.json": (BriefingFrontMatter, "Front matter of a briefing (briefings/*.md)"),
    "source.schema.json": (SourceFrontMatter, "Front matter of a normalised source (content/sources/*.md)"),
    "sidecar.schema.json": (SidecarFields, "Sidecar of a source file (content/sources/NAME.meta.yml)"),
}


# What a date field accepts as written in YAML: text in the date pattern, or a bare year, which YAML
# reads as a number (`date: 2025`) and the model's before-validator turns into text.
DATE_INPUT = {"anyOf": [{"type": "string", "pattern": DATE_PATTERN}, {"type": "integer", "minimum": 1000, "maximum": 9999}]}


class EditorSchema(GenerateJsonSchema):
    """pydantic's generator, told what the front matter's date before-validator accepts.

    pydantic describes a before-validator by the type after it (``str``) and drops the pattern that a
    later step checks; an editor would then flag ``date: 2025``, which the build accepts, and accept
    ``date: 13 Nov``, which it refuses.
    """

    def function_before_schema(self, schema):
        function = schema.get("function", {}).get("function")
        if self.mode == "validation" and function is not None and function is getattr(frontmatter, "_date_as_text", None):
            return json.loads(json.dumps(DATE_INPUT))
        return super().function_before_schema(schema)


def schema_files() -> dict[str, bytes]:
    """File name -> bytes of every schema; the same bytes on every run."""
    files = {}
    for name, (model, title) in SCHEMAS.items():
        schema = model.model_json_schema(mode="validation", schema_generator=EditorSchema)
        document = {"$schema": DIALECT, "title": title, **{k: v for k, v in schema.items() if k != "title"}}
        files[name] = (json.dumps(document, indent=2, ensure_ascii=False) + "\n").encode("utf-8")
    return files


def stale_schemas(folder: Path) -> list[str]:
    """Names of schema files in ``folder`` that are missing or differ from the models."""
    return [name for name, data in schema_files().items()
            if not (folder / name).is_file() or (folder / name).read_bytes() != data]


def write_schemas(folder: Path) -> list[str]:
    """Writes the schema files that changed; returns their names."""
    folder.mkdir(parents=True, exist_ok=True)
    changed = stale_schemas(folder)
    files = schema_files()
    for name in changed:
        (folder / name).write_bytes(files[name])
    return changed
