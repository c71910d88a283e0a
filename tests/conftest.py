"""Shared fixtures: a throwaway copy of the project to break things in."""
from __future__ import annotations

import os
import shutil
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[1]
os.environ.setdefault("NO_MKDOCS_2_WARNING", "1")


# The front matter of a smallest valid briefing (without its closing '---'), for tests that break one field.
BRIEFING_FRONT = """---
title: "T"
date: 2025-11-22
summary: "A summary."
topics: [vpn-regulation]
sources: [arabnews-vpn-licensing]
key_points:
  - "One point."
"""


# A source file no briefing cites, in the shape of the real page dumps: for tests that add and remove one.
UNCITED_SOURCE = ("PTA publishes a list of licensed VPN providers\n\nBy Staff Reporter\nUpdated 2 March 2025\n\n"
                  "ISLAMABAD: The Pakistan Telecommunication Authority published the list of licensed providers "
                  "on Monday, saying more companies would be added as applications are processed.\n")


def copy_project(target: Path) -> Path:
    """content/, briefings/, the MkDocs configs and an empty generated/ folder: what a build reads."""
    shutil.copytree(REPO / "content", target / "content")
    shutil.copytree(REPO / "briefings", target / "briefings")
    # mkdocs.yml names its hook by a relative path; point the copy at the repository's hook file
    # (a copied build_tools/ folder would shadow the installed package).
    hook = "build_tools/render/mkdocs_hook.py"
    config = (REPO / "mkdocs.yml").read_text("utf-8")
    assert f"  - {hook}\n" in config
    (target / "mkdocs.yml").write_text(config.replace(f"  - {hook}\n", f"  - {(REPO / hook).as_posix()}\n"), "utf-8")
    shutil.copy(REPO / "mkdocs.offline.yml", target / "mkdocs.offline.yml")
    (target / "generated").mkdir()
    return target


@pytest.fixture
def project(tmp_path: Path) -> Path:
    return copy_project(tmp_path / "project")


def snapshot(folder: Path) -> dict[str, bytes]:
    """Every file's bytes, except the generator's private cache (it records file times, not content)."""
    return {p.relative_to(folder).as_posix(): p.read_bytes() for p in sorted(folder.rglob("*"))
            if p.is_file() and not p.relative_to(folder).as_posix().startswith(".cache/")}


def cold_tree(root: Path, tmp_path: Path) -> dict[str, bytes]:
    """What a build of the project at ``root`` without any cache writes, in a fresh folder outside it."""
    from build_tools.pipeline import ProjectPaths, generate

    out = tmp_path / "cold"
    shutil.rmtree(out, ignore_errors=True)
    generate(ProjectPaths(root), out)
    return snapshot(out)


def with_search_filter_order_ignored(files: dict[str, bytes]) -> dict[str, bytes]:
    """A built site's files, comparable between two builds of the same site. Pagefind writes its filter index
    (the search dialog's "Show" filter) with the values in arbitrary order (a Rust HashMap: Pagefind issue
    #638), so the filter file, and the hashes that name it in the pf_meta file and in pagefind-entry.json,
    differ from build to build. Here the filter file's bytes are compared as a multiset and those names
    are blanked; every other file stays as it is, byte for byte."""
    import gzip
    import re

    renamed: dict[str, str] = {}
    for name in files:
        found = re.fullmatch(r"(.*pagefind/)(?:filter/(en_[0-9a-f]+)\.pf_filter|pagefind\.(en_[0-9a-f]+)\.pf_meta)", name)
        if found:
            renamed[found.group(2) or found.group(3)] = "FILTER" if found.group(2) else "META"
    result = {}
    for name, data in files.items():
        if name.endswith((".pf_filter", ".pf_meta", "pagefind-entry.json")):
            if name.endswith((".pf_filter", ".pf_meta")):
                data = gzip.decompress(data)
            for old, new in renamed.items():
                name, data = name.replace(old, new), data.replace(old.encode(), new.encode())
            if name.endswith(".pf_filter"):
                data = bytes(sorted(data))
        result[name] = data
    return result
