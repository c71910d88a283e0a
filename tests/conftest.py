"""Shared fixtures: a throwaway copy of the project to break things in."""
from __future__ import annotations

import os
import shutil
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[1]
os.environ.setdefault("NO_MKDOCS_2_WARNING", "1")


def copy_project(target: Path) -> Path:
    """content/, briefings/, mkdocs.yml, its hook file and an empty generated/ folder: what a build reads."""
    shutil.copytree(REPO / "content", target / "content")
    shutil.copytree(REPO / "briefings", target / "briefings")
    shutil.copy(REPO / "mkdocs.yml", target / "mkdocs.yml")
    hook = target / "build_tools" / "render" / "mkdocs_hook.py"  # mkdocs.yml names the hook by path
    hook.parent.mkdir(parents=True)
    shutil.copy(REPO / "build_tools" / "render" / "mkdocs_hook.py", hook)
    (target / "generated").mkdir()
    return target


@pytest.fixture
def project(tmp_path: Path) -> Path:
    return copy_project(tmp_path / "project")


def snapshot(folder: Path) -> dict[str, bytes]:
    return {p.relative_to(folder).as_posix(): p.read_bytes() for p in sorted(folder.rglob("*")) if p.is_file()}
