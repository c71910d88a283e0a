"""Dates come from the content, never from git or file times: a copy without .git, with every file
time changed, generates byte-identical Markdown."""
from __future__ import annotations

import os
import re
from pathlib import Path

import yaml

from build_tools.pipeline import ProjectPaths, generate
from conftest import REPO, copy_project, snapshot

# What reading git or file times would look like in the package's source.
_GIT_OR_TIMES = re.compile(r"\bsubprocess\b|\bos\.(popen|system)\b|['\"/]\.git\b|\bgit\s+log\b|\bimport git\b|"
                           r"\bst_mtime\b|\bgetmtime\b|\bst_ctime\b")


# The one module allowed to start a program: it runs the Pagefind indexer on the built site.
_RUNS_PAGEFIND = "build_tools/render/search_index.py"


def test_no_module_reads_git_or_file_times() -> None:
    offenders = []
    for path in sorted((REPO / "build_tools").rglob("*.py")):
        name = path.relative_to(REPO).as_posix()
        for number, line in enumerate(path.read_text("utf-8").split("\n"), 1):
            found = _GIT_OR_TIMES.search(line)
            if found and not (name == _RUNS_PAGEFIND and found.group(0) == "subprocess"):
                offenders.append(f"{name}:{number}: {line.strip()}")
    assert offenders == []


def test_the_only_program_run_is_pagefind(tmp_path: Path) -> None:
    import sys

    from build_tools.render.search_index import pagefind_command

    command = pagefind_command(tmp_path)
    assert command[:3] == [sys.executable, "-m", "pagefind"]
    assert command[command.index("--site") + 1] == str(tmp_path)


def test_no_mkdocs_plugin_reads_git() -> None:
    config = yaml.load((REPO / "mkdocs.yml").read_text("utf-8"), Loader=yaml.BaseLoader)  # ignores !!python tags
    plugins = config.get("plugins") or []
    names = [p if isinstance(p, str) else next(iter(p)) for p in plugins]
    assert not [name for name in names if "git" in name], names


def test_copy_without_git_and_with_other_file_times_generates_identical_files(tmp_path: Path) -> None:
    assert (REPO / ".git").exists(), "the repository's own build reads a tree with .git"
    reference = tmp_path / "reference"
    generate(ProjectPaths(REPO), reference)

    copy = copy_project(tmp_path / "copy")
    assert not (copy / ".git").exists()
    for path in [copy, *copy.rglob("*")]:
        os.utime(path, (315532800, 315532800), follow_symlinks=False)  # 1 January 1980
    generate(ProjectPaths(copy), copy / "generated")

    assert pages(copy / "generated") == pages(reference)


def pages(folder: Path) -> dict[str, bytes]:
    """The generated files, without the generator's own bookkeeping (dot-files: manifest, cache)."""
    return {name: data for name, data in snapshot(folder).items()
            if not any(part.startswith(".") for part in name.split("/"))}
