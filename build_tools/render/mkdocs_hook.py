"""MkDocs hook: runs the generator before MkDocs reads its docs folder; after MkDocs has written the
site, writes the briefings' Atom feed and runs the search indexer.

The hook holds no logic of its own: it calls the stages, so `mkdocs build` and `mkdocs serve` from the
repository root do everything; the generator writes only changed files, so `serve` does not rebuild in
a loop. It puts
the package's template overrides (build_tools/theme/overrides) in front of Material's templates, as
``theme: custom_dir`` would, but wherever the config file lives. When the
config says ``extra: search: pagefind`` (mkdocs.yml does; the offline copy's config does not), the
built site gets its Pagefind index (build_tools/render/search_index.py), unless the build changed no page
and the index of the build before is whole, and each page's title keeps its id off the heading (so a
search result does not list the page's title as one of its sections). The feed
(build_tools/render/feed.py) is made from the front matter of the briefing pages MkDocs lists (all of
them, also in a --dirty build, which renders only the changed ones), since only MkDocs knows their
addresses. With ``extra: offline_copy: true`` (mkdocs.offline.yml) it leaves the hand-written
pages' published-only sections out (build_tools/render/offline.py). Pages whose Markdown did not change
since the last build are not converted again (build_tools/render/render_cache.py), the sidebar
navigation is rendered once per kind of page (build_tools/render/nav_cache.py), and a page whose HTML
would be the same as in the last build is not rendered again (build_tools/render/page_cache.py), and
the theme's templates are compiled once, kept in the generated folder's cache (Jinja's bytecode cache). The
site folder is updated in place rather than emptied first, and what the build no longer makes is then
removed (build_tools/render/site_in_place.py). A page's Markdown is let go once it is converted.
"""
from __future__ import annotations

import logging
from pathlib import Path

import jinja2

from mkdocs.exceptions import Abort
from mkdocs.utils.meta import get_data

from build_tools import progress
from build_tools.cache import CACHE_DIR
from build_tools.emit.paths import BRIEFINGS_DIR
from build_tools.errors import BuildFailed, Problem
from build_tools.pipeline import ProjectPaths, generate
from build_tools.render.feed import FEED_FILE, FeedEntry, atom_feed, feed_entry
from build_tools.render import nav_cache
from build_tools.render.offline import without_published_only
from build_tools.render.page_cache import PageCache
from build_tools.render.render_cache import RenderCache
from build_tools.render.search_index import (
    BUNDLE_DIR,
    build_search_index,
    claim_search_index,
    keep_search_index,
    title_without_anchor,
)
from build_tools.render.site_in_place import SiteInPlace

THEME_OVERRIDES = Path(__file__).resolve().parent.parent / "theme" / "overrides"
SEARCH_STAMP = "search-index.json"  # in generated/.cache/: how the site's Pagefind bundle was made
TEMPLATES_CACHE = "templates"  # in generated/.cache/: Jinja's compiled templates, checked against their source
_briefing_files: list = []  # the briefing pages of the build under way (MkDocs runs one at a time)
_render_cache: list[RenderCache] = []  # the build under way's, opened once the config is final
_nav: list[nav_cache.NavRenderer] = []
_page_cache: list[PageCache] = []
_site: list[SiteInPlace] = []
_listed: list[str] = []  # the files MkDocs builds or copies (absolute paths in the site folder)
_search_index_current: list[bool] = []  # whether the site's search index was current when the build began
log = logging.getLogger("mkdocs.hooks.briefings")


class _DirtyBuildNotice(logging.Filter):
    """With ``--dirty`` (asked for by name, for a fast preview), MkDocs' warning that such a build may
    leave navigation and links stale is shown as information, so ``strict: true`` does not abort every
    dirty build (``mkdocs serve --dirty`` could not run at all)."""

    def filter(self, record: logging.LogRecord) -> bool:
        if record.levelno == logging.WARNING and record.getMessage().startswith("A 'dirty' build is being performed"):
            record.levelno, record.levelname = logging.INFO, "INFO"
        return True


_DIRTY_NOTICE = _DirtyBuildNotice()


def _abort(exc: BuildFailed, outcome: str) -> Abort:
    count = len(exc.problems)
    return Abort(f"{exc}\n{count} problem{'s' if count != 1 else ''} found; {outcome}.")


def on_startup(command, dirty):
    if dirty:
        logging.getLogger("mkdocs.commands.build").addFilter(_DIRTY_NOTICE)


def on_config(config):
    if str(THEME_OVERRIDES) not in config.theme.dirs:
        config.theme.dirs.insert(0, str(THEME_OVERRIDES))
    paths = ProjectPaths(Path(config.config_file_path).resolve().parent)
    try:
        with progress.on_terminal():  # bars and timed steps when MkDocs runs on a terminal, silent in CI logs
            generate(paths, Path(config.docs_dir))
    except BuildFailed as exc:
        raise _abort(exc, "the site was not built") from None
    return config


def on_serve(server, config, builder):
    """``mkdocs serve`` watches the docs folder, but the generator writes it at the start of every build
    (from content/ and briefings/, which mkdocs.yml's ``watch:`` names): each save then built the site
    twice. The generator's own folder is not watched; a docs folder of another kind still is."""
    docs = Path(config.docs_dir).resolve()
    if docs == ProjectPaths(Path(config.config_file_path).resolve().parent).generated.resolve():
        server.unwatch(config.docs_dir)
    return server


def _generated(config) -> Path:
    # beside the generator's caches in generated/, also when the docs folder is elsewhere (the offline copy)
    return ProjectPaths(Path(config.config_file_path).resolve().parent).generated


def _templates_cache(config) -> Path:
    folder = _generated(config) / CACHE_DIR / TEMPLATES_CACHE
    folder.mkdir(parents=True, exist_ok=True)
    return folder


def _uses_pagefind(config) -> bool:
    return config.extra.get("search") == "pagefind"


def _search_stamp(config) -> Path:
    return _generated(config) / CACHE_DIR / SEARCH_STAMP


def on_pre_build(config):
    _render_cache[:] = [RenderCache.for_build(config, _generated(config))]
    for previous in _site:
        previous.uninstall()
    keeper = SiteInPlace.install(config, kept_apart=[BUNDLE_DIR] if _uses_pagefind(config) else [])
    _site[:] = [keeper] if keeper is not None else []
    _search_index_current[:] = [claim_search_index(Path(config.site_dir), _search_stamp(config),
                                                   config.use_directory_urls)] \
        if keeper is not None and _uses_pagefind(config) else []


def on_build_error(error):
    for keeper in _site:
        keeper.uninstall()
    _site.clear()
    _search_index_current.clear()


def on_env(env, config, files):
    # Material's templates compiled once, not on every build (a fifth of a second each time)
    env.bytecode_cache = jinja2.FileSystemBytecodeCache(str(_templates_cache(config)))
    _nav[:] = [nav_cache.install(env, config.theme.dirs, str(THEME_OVERRIDES))]
    page_cache = PageCache.for_build(config, env, files, _generated(config))
    page_cache.install(env)
    _page_cache[:] = [page_cache]
    return env


def on_page_context(context, page, config, nav):
    for page_cache in _page_cache:
        page_cache.expect(context, page)
    return context


def on_pre_page(page, config, files):
    _render_cache[0].attach(page)
    return page


def on_page_content(html, page, config, files):
    # MkDocs converts every page before it renders the first one's templates, and keeps each page's
    # Markdown to the end of the build although nothing reads it after conversion: at 10,000 sources
    # about 190 MB of the build's peak memory. Emptied, not None, which Page.title (and _front_matter
    # below) take for "not read".
    page.markdown = ""
    return title_without_anchor(html) if _uses_pagefind(config) else html


def on_page_markdown(markdown, page, config, files):
    if not config.extra.get("offline_copy"):
        return markdown
    try:
        return without_published_only(markdown)
    except ValueError as exc:
        problem = Problem(f"content/pages/{page.file.src_uri}", None, str(exc))
        raise _abort(BuildFailed([problem]), "the offline copy was not built") from None


def on_files(files, config):
    # every briefing page, also those a --dirty build does not render again (the feed lists them all)
    _briefing_files[:] = [file for file in files.documentation_pages() if file.src_uri.startswith(BRIEFINGS_DIR)]
    _listed[:] = [file.abs_dest_path for file in files if not file.inclusion.is_excluded()]
    return files


def feed_entries(files: list, docs_dir: str) -> list[FeedEntry]:
    """The feed entries of the briefing pages, from each page's front matter ``feed:`` (the listing pages
    have none); raises Abort naming the page whose entry cannot be made."""
    entries = []
    for file in files:
        try:
            entry = feed_entry(_front_matter(file), file.url)
        except ValueError as exc:
            problem = Problem(str(Path(docs_dir) / file.src_uri), None, f"no feed entry: {exc}")
            raise _abort(BuildFailed([problem]), "the build stopped") from None
        if entry is not None:
            entries.append(entry)
    return entries


def _front_matter(file) -> dict:
    """A page's front matter: as MkDocs read it in this build, or read here for a page a ``--dirty``
    build did not read (at 10,000 sources, reading all the briefings' again cost half a second)."""
    page = getattr(file, "page", None)
    if page is not None and page.markdown is not None:
        return page.meta
    _, meta = get_data(file.content_string)
    return meta


def on_post_build(config):
    pages_changed = True  # unless the in-place update knows which files this build wrote
    for keeper in _site:  # first: the feed is written and Pagefind reads the pages after this
        removed = keeper.prune([*_listed, str(Path(config.site_dir) / FEED_FILE)])  # the feed: written below
        pages_changed = keeper.pages_changed()
        log.info(f"Updated the site folder in place; removed {len(removed)} file{'s' if len(removed) != 1 else ''} "
                 f"the build no longer makes; left {len(keeper.left)} that already held what the build made")
    _site.clear()
    _listed.clear()
    for cache in _render_cache:  # none when called outside a build (tests)
        unsaved = cache.save()
        log.info(cache.summary())
        if unsaved:
            log.info(unsaved)
    _render_cache.clear()
    for nav in _nav:
        log.info(nav.summary())
    _nav.clear()
    for page_cache in _page_cache:
        unsaved = page_cache.save()
        log.info(page_cache.summary())
        if unsaved:
            log.info(unsaved)
    _page_cache.clear()
    entries = feed_entries(_briefing_files, config.docs_dir)
    _briefing_files.clear()
    feed = atom_feed(entries, site_name=config.site_name, description=config.site_description, site_url=config.site_url)
    target = Path(config.site_dir) / FEED_FILE
    temporary = target.with_name(f".{FEED_FILE}.tmp")
    temporary.write_bytes(feed)
    temporary.replace(target)
    if not _uses_pagefind(config):
        return
    index_was_current = _search_index_current == [True]
    _search_index_current.clear()
    if not pages_changed and index_was_current:
        keep_search_index(Path(config.site_dir), _search_stamp(config), config.use_directory_urls)
        log.info("No page changed: the search index of the last build is kept (Pagefind not run)")
        return
    try:
        with progress.on_terminal(), progress.stage("Indexing the site for search (Pagefind)"):
            build_search_index(Path(config.site_dir), config.use_directory_urls, _search_stamp(config))
    except BuildFailed as exc:
        raise _abort(exc, "the pages were built but the site has no search index") from None
