"""MkDocs hook: runs the generator before MkDocs reads its docs folder.

It only calls the generator, so `mkdocs build` and `mkdocs serve` from the repository root do
everything; the generator writes only changed files, so `serve` does not rebuild in a loop.
"""
from __future__ import annotations

from pathlib import Path

from mkdocs.exceptions import Abort

from build_tools.errors import BuildFailed
from build_tools.pipeline import ProjectPaths, generate


def on_config(config):
    paths = ProjectPaths(Path(config.config_file_path).resolve().parent)
    try:
        generate(paths, Path(config.docs_dir))
    except BuildFailed as exc:
        count = len(exc.problems)
        raise Abort(f"{exc}\n{count} problem{'s' if count != 1 else ''} found; the site was not built.") from None
    return config
