"""The examples in CONTRIBUTING.md are valid: contributors copy them."""
from __future__ import annotations

import re
import shutil
from pathlib import Path

from build_tools.model.frontmatter import BriefingFrontMatter, SidecarFields
from build_tools.parse.citations import CITATION_MARK, parse_citation_text
from build_tools.parse.registry import load_registry
from build_tools.parse.yaml_lines import load_yaml, split_front_matter
from conftest import REPO

GUIDE = (REPO / "CONTRIBUTING.md").read_text("utf-8")
BLOCKS = re.findall(r"```(\w*)\n(.*?)```", GUIDE, re.S)


def yaml_blocks(containing: str) -> list[str]:
    found = [text for kind, text in BLOCKS if kind == "yaml" and containing in text]
    assert found, containing
    return found


def test_sidecar_example() -> None:
    [text] = yaml_blocks("publisher: Arab News")
    SidecarFields.model_validate(load_yaml(text).data)


def test_briefing_front_matter_claims_and_events_examples() -> None:
    [front] = yaml_blocks("why_it_matters:")
    meta = split_front_matter(front + "---\n").meta.data
    BriefingFrontMatter.model_validate(meta)
    [claims] = yaml_blocks("claims:\n  - claimant:")
    [events] = yaml_blocks("events:\n  - date:")
    BriefingFrontMatter.model_validate({**meta, **load_yaml(claims).data, **load_yaml(events).data})


def test_entity_example(tmp_path: Path) -> None:
    [text] = yaml_blocks("- id: moitt")
    registry = tmp_path / "registry"
    shutil.copytree(REPO / "content/registry", registry)
    (registry / "entities.yml").write_text(text, "utf-8")
    loaded, problems = load_registry(registry)
    assert not problems, [str(p) for p in problems]
    assert {"moitt", "sajjad-mustafa-syed"} <= set(loaded.entities)


def test_citation_examples_parse() -> None:
    table = GUIDE[GUIDE.index("### Citations"):GUIDE.index("### Numbers")]
    marks = CITATION_MARK.findall(table)
    assert len(marks) >= 6
    for inner in marks:
        assert parse_citation_text(inner, "CONTRIBUTING.md", 1)


def test_problem_examples_have_the_check_format() -> None:
    section = GUIDE[GUIDE.index("## Problems and how to fix them"):]
    lines = [line for text in re.findall(r"```text\n(.*?)```", section, re.S) for line in text.splitlines()]
    assert len(lines) >= 10
    assert all(re.match(r"^([^:\s][^:]*)(?::(\d+))?:\s+(.+)$", line) for line in lines)  # a line where there is one
