"""MkDocs hook: runs the generator before MkDocs reads its docs folder, and the search indexer after
MkDocs has written the site.

It only calls the generator, so `mkdocs build` and `mkdocs serve` from the repository root do
everything; the generator writes only changed files, so `serve` does not rebuild in a loop. It puts
the package's template overrides (build_tools/theme/overrides) in front of Material's templates, as
``theme: custom_dir`` would, but wherever the config file lives. When the
config says ``extra: search: pagefind`` (mkdocs.yml does; the offline copy's config does not), the
built site gets its Pagefind index (build_tools/render/search_index.py).
"""
from __future__ import annotations

from pathlib import Path

from mkdocs.exceptions import Abort

from build_tools.errors import BuildFailed
from build_tools.pipeline import ProjectPaths, generate
from build_tools.render.search_index import build_search_index

THEME_OVERRIDES = Path(__file__).resolve().parent.parent / "theme" / "overrides"


def _abort(exc: BuildFailed, outcome: str) -> Abort:
    count = len(exc.problems)
    return Abort(f"{exc}\n{count} problem{'s' if count != 1 else ''} found; {outcome}.")


def on_config(config):
    if str(THEME_OVERRIDES) not in config.theme.dirs:
        config.theme.dirs.insert(0, str(THEME_OVERRIDES))
    paths = ProjectPaths(Path(config.config_file_path).resolve().parent)
    try:
        generate(paths, Path(config.docs_dir))
    except BuildFailed as exc:
        raise _abort(exc, "the site was not built") from None
    return config


def on_post_build(config):
    if config.extra.get("search") != "pagefind":
        return
    try:
        build_search_index(Path(config.site_dir))
    except BuildFailed as exc:
        raise _abort(exc, "the pages were built but the site has no search index") from None
