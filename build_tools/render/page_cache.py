"""Page cache: Material's templates render a page again only when its HTML would differ from the last
build's.

With the render cache (render_cache.py) skipping Markdown conversion, the theme's templates are the largest
cost left in a warm ``mkdocs build``: about 11,000 pages at 10,000 sources, nearly all byte-identical to the
last build's. MkDocs renders a page as ``template.render(context)``; the hook puts a proxy in front of the
environment's templates (:meth:`PageCache.install`) and names the context of the page being built
(:meth:`PageCache.expect`, from ``on_page_context``), and the proxy returns the stored HTML when the key
matches. ``on_post_page`` and everything after it run as before on every page.

What a page's HTML depends on, and so the key:

- the *fingerprint*, which keys the whole file: the versions of Python, MkDocs, Material, Jinja and
  MarkupSafe; every template file of the theme's folders (our overrides and any other folder in full,
  Material's and MkDocs' own ``.html`` and ``.yml`` files, their icons and assets by version); the config
  as templates read it (all of it but the paths and the settings that only decide which pages exist and
  are in the navigation, which the key has from the pages); each plugin's and hook's settings and code
  (:mod:`build_tools.render.nav_cache` too); the environment's globals (data by value, functions by
  their module's source) and the names of its filters and tests;
- the navigation as templates show it from a page outside it: every item's kind, title, address, whether
  it is a section's index, its front matter, and the home page's address;
- every value in the page's context (``base_url``, ``extra_css``, ``extra_javascript``,
  ``mkdocs_version``...), and every attribute of the page: its HTML content, Markdown, table of contents,
  front matter, title, addresses (``url``, ``abs_url``, ``canonical_url``, ``edit_url``), file,
  previous and next page.

Two context values are left out unless a template in the theme's folders reads them: ``pages``, the list
of every page (one source added would change every key), and the build date (``build_date_utc``, a
page's ``update_date``: today's date unless ``SOURCE_DATE_EPOCH`` is set); Material reads neither. The
folders' paths (``docs_dir``, a file's ``abs_src_path``...) are left out too, as the offline copy is built
from a new temporary folder each time: a template that reads one turns the cache off.

Not cached, so rendered on every build: a page in the navigation or with a parent (its item is marked
active and the footer links its neighbours; ten pages here), a page of another class than MkDocs' ``Page``
(a blog post) or with an attribute MkDocs does not set (a plugin's), a page whose context holds a value
that cannot be written down reliably (an object), and any page whose context a later plugin replaced.
A rendering that logged anything is not stored; nor is any page of a build run with ``-q`` (a message
could go unseen). Hits are used either way.

The stored HTML leaves out the page's content, which the key holds and which is put back on a hit (the
render cache keeps it already), and is compressed against one page's HTML kept in the file (pages share
their header, sidebar and footer): about 1 kB a page. The file is ``page-<fingerprint>.pickle`` in
``generated/.cache/``, checked and written like the other caches (:mod:`build_tools.checked_store`),
holding the pages of the last build (a ``--dirty`` build keeps the others too); of other fingerprints'
files only the newest is kept. Deleting them is always safe.
"""
from __future__ import annotations

import datetime
import hashlib
import logging
import os
import sys
import types
import zlib
from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Iterable

import jinja2
import jinja2.nodes
from mkdocs.structure.nav import Link, Section
from mkdocs.structure.pages import Page

from build_tools import checked_store
from build_tools.cache import CACHE_DIR, library_versions
from build_tools.render.render_cache import LogWatch, module_source, stable_repr

FORMAT = 1
MAGIC = b"dpb-page-cache\n"
LIBRARIES = ("mkdocs", "mkdocs-material", "Jinja2", "MarkupSafe")
_LIBRARY_DIRS = tuple(os.path.dirname(os.path.realpath(__import__(name).__file__)) for name in ("material", "mkdocs"))
_LOG = logging.getLogger("mkdocs.hooks.briefings")
_WATCHED_LOG = "mkdocs"
# Context values and a page attribute keyed only when a template reads them (see the module's docstring).
_UNLESS_READ_VARIABLES = ("pages", "build_date_utc")
_UNLESS_READ_ATTRIBUTES = ("update_date",)
# Paths the key leaves out (the offline copy is built from a new temporary folder each time): a template
# that reads one turns the cache off.
_PATH_ATTRIBUTES = ("docs_dir", "site_dir", "config_file_path", "abs_src_path", "abs_dest_path", "src_dir", "dest_dir")
_UNLESS_NAMED = _UNLESS_READ_VARIABLES + _UNLESS_READ_ATTRIBUTES + _PATH_ATTRIBUTES
# The config's paths, and what decides which pages exist and are in the navigation (the key has the pages).
_CONFIG_UNKEYED = frozenset({"config_file_path", "docs_dir", "site_dir", "watch", "dev_addr", "remote_branch",
                             "remote_name", "strict", "hooks", "not_in_nav", "exclude_docs", "draft_docs"})
# What MkDocs 1.6 sets on a Page, a Section, a Link and a table of contents' entry (and the render cache's
# stand-in for Page.render, a method all the same); anything else is a plugin's, which a template may
# read, so such a page is not cached.
_PAGE_ATTRIBUTES = frozenset({"render", "_Page__active", "_title_from_render", "abs_url", "canonical_url", "children",
                              "content", "edit_url", "file", "links_to_anchors", "markdown", "meta", "next_page",
                              "present_anchor_ids", "previous_page", "title", "toc", "update_date", "parent"})
_SECTION_ATTRIBUTES = frozenset({"_Section__active", "children", "title", "parent"})
_LINK_ATTRIBUTES = frozenset({"title", "url", "parent"})
_ANCHOR_ATTRIBUTES = frozenset({"active", "children", "id", "level", "title"})
_ZDICT_SIZE = 32768  # zlib's window: a longer preset dictionary is not used

# (the page's HTML without its content, compressed; where the content goes in it, -1 when nowhere)
Entry = tuple[bytes, int]


class Unkeyable(Exception):
    """A value the key cannot stand for reliably: the page is rendered, not stored."""


def cache_path(generated: Path, fingerprint: str) -> Path:
    return generated / CACHE_DIR / f"page-{fingerprint[:16]}.pickle"


@dataclass(frozen=True)
class ThemeFiles:
    """What the theme's folders hold, as far as the key is concerned."""

    digest: str
    named: frozenset[str]  # of _UNLESS_NAMED, those some template reads


def theme_files(dirs: Iterable[str], env: jinja2.Environment) -> ThemeFiles:
    """A digest of the theme folders' templates (every file of a folder outside Material and MkDocs; their
    own ``.html`` and ``.yml`` files, the rest keyed by their versions), and which of the names in
    :data:`_UNLESS_NAMED` the ``.html`` templates read (parsed as Jinja, so a comment does not count)."""
    digest = hashlib.sha256()
    named: set[str] = set()
    for position, folder in enumerate(dirs):
        library = any(os.path.realpath(folder).startswith(root + os.sep) for root in _LIBRARY_DIRS)
        digest.update(f"\0folder {position} {'library' if library else 'own'}\0".encode())
        for relative, path in _files(folder, library):
            data = Path(path).read_bytes()
            digest.update(f"{relative}\0{len(data)}\0".encode())
            digest.update(data)
            if relative.endswith(".html"):
                named.update(_names_read(data.decode("utf-8", "replace"), env))
    return ThemeFiles(digest.hexdigest(), frozenset(named))


def _names_read(source: str, env: jinja2.Environment) -> set[str]:
    """Of :data:`_UNLESS_NAMED`, those the template reads: ``pages`` and ``build_date_utc`` as variables,
    the others as attributes (``page.update_date``, ``page["update_date"]``); all of them when the
    template cannot be parsed."""
    if not any(name in source for name in _UNLESS_NAMED):
        return set()  # parsing every template would take a tenth of a second
    try:
        tree = env.parse(source)
    except jinja2.TemplateSyntaxError:
        return set(_UNLESS_NAMED)
    found = {node.name for node in tree.find_all(jinja2.nodes.Name) if node.name in _UNLESS_READ_VARIABLES}
    attributes = _UNLESS_READ_ATTRIBUTES + _PATH_ATTRIBUTES
    found.update(node.attr for node in tree.find_all(jinja2.nodes.Getattr) if node.attr in attributes)
    found.update(node.arg.value for node in tree.find_all(jinja2.nodes.Getitem)
                 if isinstance(node.arg, jinja2.nodes.Const) and node.arg.value in attributes)
    return found


def _files(folder: str, library: bool) -> list[tuple[str, str]]:
    found = []
    for directory, subdirectories, names in os.walk(folder):
        # in Material's folder, .icons holds 14,000 SVG files (keyed by Material's version)
        subdirectories[:] = sorted(d for d in subdirectories if d != "__pycache__" and not (library and d.startswith(".")))
        for name in names:
            if library and not name.endswith((".html", ".yml")):
                continue
            path = os.path.join(directory, name)
            found.append((os.path.relpath(path, folder).replace(os.sep, "/"), path))
    return sorted(found)


def page_fingerprint(config: Any, env: jinja2.Environment, theme: ThemeFiles) -> str:
    """Everything besides the page, its context and the navigation that its HTML depends on; raises
    :class:`Unkeyable` when the config holds a value that cannot be written down reliably."""
    from build_tools.render import nav_cache

    paths = sorted(theme.named & set(_PATH_ATTRIBUTES))
    if paths:
        raise Unkeyable(f"a template that reads {', '.join(paths)}")
    parts = [f"dpb-page-cache {FORMAT}", f"python {sys.version}", library_versions(LIBRARIES), theme.digest,
             f"theme {config.theme.name} {_plain(dict(config.theme.items()))} {_plain(config.theme.static_templates)}"]
    for name in sorted(config.keys()):
        if name not in _CONFIG_UNKEYED and name not in ("plugins", "theme"):
            parts.append(f"config {name} {_plain(config[name])}")
    for name, plugin in config.plugins.items():
        if isinstance(plugin, types.ModuleType):  # a hook
            parts.append(f"hook {name} " + hashlib.sha256(Path(plugin.__file__).read_bytes()).hexdigest())
        else:
            module = type(plugin).__module__
            parts.append(f"plugin {name} {module}.{type(plugin).__qualname__} {_plain(getattr(plugin, 'config', None))} "
                         + hashlib.sha256(module_source(module)).hexdigest())
    parts.append(hashlib.sha256(module_source(nav_cache.__name__) + module_source(__name__)).hexdigest())
    parts.append(f"globals {_plain(env.globals)}")  # data, or functions named with their module's source
    for kind in ("filters", "tests"):
        parts.append(f"{kind} {sorted(getattr(env, kind))}")
    return checked_store.digest_of_parts(*parts)


def _plain(value: Any) -> str:
    """A text that stands for ``value`` in a key, the same in every run; raises :class:`Unkeyable` for an
    object it does not know (its ``repr`` may not show what a template reads from it)."""
    if value is None or isinstance(value, (bool, int, float, str, bytes, datetime.date)):
        return repr(value)
    if isinstance(value, Mapping):
        items = sorted((_plain(key), _plain(item)) for key, item in value.items())
        return "{" + ", ".join(f"{key}: {item}" for key, item in items) + "}"
    if isinstance(value, (list, tuple)):
        return "[" + ", ".join(map(_plain, value)) + "]"
    if isinstance(value, (set, frozenset)):
        return "{" + ", ".join(sorted(map(_plain, value))) + "}"
    if type(value).__module__ == "babel.core" and type(value).__name__ == "Locale":
        return f"Locale({value})"
    if callable(value):  # a slugify function in mdx_configs: named, with its module's source
        return stable_repr(value)
    raise Unkeyable(f"a value of type {type(value).__qualname__}")


def _toc(items: Iterable[Any]) -> str:
    parts = []
    for item in items:
        if not set(vars(item)) <= _ANCHOR_ATTRIBUTES:
            raise Unkeyable("a table of contents entry with attributes MkDocs does not set")
        parts.append(f"({item.title!r}, {item.id!r}, {item.level!r}, {getattr(item, 'active', None)!r}, "
                     f"{_toc(item.children)})")
    return "[" + ", ".join(parts) + "]"


def _neighbour(page: Any) -> str:
    return "None" if page is None else f"({page.title!r}, {page.url!r})"


def page_parts(page: Page, named: frozenset[str]) -> list[str]:
    """Every attribute of ``page`` a template can read (raises :class:`Unkeyable` if it has one MkDocs does
    not set); the anchors MkDocs checks after rendering are left out, as no template reads them."""
    attributes = vars(page)
    if not set(attributes) <= _PAGE_ATTRIBUTES:
        raise Unkeyable("a page with attributes MkDocs does not set")
    file = page.file
    parts = [f"file {file.src_uri!r} {file.dest_uri!r} {file.url!r} {file.inclusion.name} {file.name!r}",
             f"title {page.title!r}", f"url {page.url!r}", f"homepage {page.is_homepage!r}",
             f"active {page.active!r}", f"previous {_neighbour(page.previous_page)}",
             f"next {_neighbour(page.next_page)}", f"toc {_toc(page.toc)}", f"meta {_plain(page.meta)}"]
    for name in ("_title_from_render", "abs_url", "canonical_url", "edit_url", "children", "markdown", "content",
                 "update_date"):
        if name != "update_date" or name in named:
            value = attributes.get(name)
            # a text as it is: repr() of every page's content and Markdown took a tenth of a second
            parts += [name, type(value).__name__, value if isinstance(value, str) else _plain(value)]
    return parts


def navigation_digest(nav: Any) -> str:
    """The navigation as templates show it on a page outside it (no item active)."""
    parts: list[str] = [f"home {nav.homepage.url if nav.homepage is not None else None!r}"]

    def walk(items: Iterable[Any], depth: int) -> None:
        for item in items:
            if type(item) is Page and set(vars(item)) <= _PAGE_ATTRIBUTES:
                parts.append(f"{depth} page {item.title!r} {item.url!r} {item.file.src_uri!r} {item.is_index!r} "
                             + _plain(item.meta))
            elif type(item) is Section and set(vars(item)) <= _SECTION_ATTRIBUTES:
                parts.append(f"{depth} section {item.title!r}")
                walk(item.children, depth + 1)
            elif type(item) is Link and set(vars(item)) <= _LINK_ATTRIBUTES:
                parts.append(f"{depth} link {item.title!r} {item.url!r}")
            else:
                raise Unkeyable(f"a navigation item of type {type(item).__qualname__}")

    walk(nav.items, 0)
    return checked_store.digest_of_parts(*parts)


class _Template:
    """Stands in for one of the environment's templates: the page MkDocs is building goes through the cache,
    anything else (an included template, the 404 page, the sidebar) straight to the template."""

    def __init__(self, template: jinja2.Template, cache: "PageCache") -> None:
        self._template = template
        self._cache = cache

    def render(self, *args: Any, **kwargs: Any) -> str:
        expected = self._cache.pending
        if expected is not None and len(args) == 1 and not kwargs and args[0] is expected[0]:
            self._cache.pending = None
            return self._cache.render(expected[1], args[0], self._template)
        return self._template.render(*args, **kwargs)

    def __getattr__(self, name: str) -> Any:
        return getattr(self._template, name)


@dataclass
class PageCache:
    path: Path
    fingerprint: str | None  # None: this build's config cannot be keyed, and nothing is cached
    theme: ThemeFiles
    config: Any
    pages_in_build: int = 0
    entries: dict[str, Entry] = field(default_factory=dict)
    kept: dict[str, Entry] = field(default_factory=dict)
    zdict: bytes | None = None
    pending: tuple[dict, Page] | None = None
    navigation: tuple[Any, str | None] | None = None  # (the nav, its digest or None if it cannot be keyed)
    reused: int = 0
    rendered: int = 0
    not_cached: int = 0
    why_not: str | None = None

    @classmethod
    def for_build(cls, config: Any, env: jinja2.Environment, files: Any, generated: Path) -> "PageCache":
        """The cache of this build (call from ``on_env``, once the environment is final), kept in
        ``generated``'s cache folder."""
        theme = theme_files(config.theme.dirs, env)
        try:
            fingerprint: str | None = page_fingerprint(config, env, theme)
        except Unkeyable as exc:
            fingerprint = None
            why = f"the config or the theme has {exc}"
        cache = cls.open(cache_path(generated, fingerprint or "none"), fingerprint, theme, config)
        if fingerprint is None:
            cache.why_not = why
        cache.pages_in_build = len(files.documentation_pages())
        return cache

    @classmethod
    def open(cls, path: Path, fingerprint: str | None, theme: ThemeFiles, config: Any) -> "PageCache":
        cache = cls(path, fingerprint, theme, config)
        if fingerprint is None:
            return cache
        saved = checked_store.read_checked(path, MAGIC)
        if (isinstance(saved, dict) and saved.get("format") == FORMAT and saved.get("fingerprint") == fingerprint
                and isinstance(saved.get("pages"), dict) and isinstance(saved.get("zdict"), bytes)):
            cache.entries, cache.zdict = saved["pages"], saved["zdict"] or None
        return cache

    def install(self, env: jinja2.Environment) -> None:
        """Makes the templates ``env`` hands out by name alone (as MkDocs asks for a page's) go through
        this cache; those a template extends or includes are asked for with their parent, and stay as
        they are."""
        get_template = env.get_template

        def cached_get_template(name: Any, parent: str | None = None, globals: Any = None) -> Any:
            template = get_template(name, parent, globals)
            return _Template(template, self) if parent is None and globals is None else template

        env.get_template = cached_get_template  # type: ignore[method-assign]

    def expect(self, context: dict, page: Page) -> None:
        """Names the context MkDocs will render ``page`` with (call from ``on_page_context``)."""
        self.pending = (context, page)

    def render(self, page: Page, context: dict, template: jinja2.Template) -> str:
        try:
            key = self.key(page, context)
        except Unkeyable as exc:
            _LOG.debug(f"Page cache: '{page.file.src_uri}' is rendered every time: its context holds {exc}")
            key = None
        if key is None:
            self.not_cached += 1
            return template.render(context)
        entry = self.entries.get(key)
        if entry is not None:
            html = self._restore(entry, page.content or "")
            if html is not None:
                self.kept[key] = entry
                self.reused += 1
                return html
        self.rendered += 1
        watch = LogWatch()
        logger = logging.getLogger(_WATCHED_LOG)
        logger.addHandler(watch)
        try:
            html = template.render(context)
        finally:
            logger.removeHandler(watch)
        if watch.seen or logger.getEffectiveLevel() > logging.INFO:
            _LOG.debug(f"Page cache: '{page.file.src_uri}' is not stored (its rendering logged a message, or "
                       "MkDocs runs with -q)")
        else:
            self.kept[key] = self._entry(html, page.content or "")
        return html

    def key(self, page: Page, context: Mapping[str, Any]) -> str | None:
        """The page's key, or None for a page rendered every time (in the navigation, say)."""
        if self.fingerprint is None or type(page) is not Page or page.parent is not None:
            return None
        if context.get("page") is not page or context.get("config") is not self.config:
            return None
        nav = context.get("nav")
        if nav is None or any(item is page for item in nav.pages):
            return None
        if self.navigation is None or self.navigation[0] is not nav:
            try:
                self.navigation = (nav, navigation_digest(nav))
            except Unkeyable:
                self.navigation = (nav, None)
        if self.navigation[1] is None:
            return None
        parts = [self.fingerprint, self.navigation[1]]
        for name in sorted(context):
            if name in ("page", "nav", "config") or (name in _UNLESS_NAMED and name not in self.theme.named):
                continue
            parts.append(f"{name} {_plain(context[name])}")
        parts.extend(page_parts(page, self.theme.named))
        return checked_store.digest_of_parts(*parts)

    def _entry(self, html: str, content: str) -> Entry:
        at = html.find(content) if content else -1
        rest = html if at < 0 else html[:at] + html[at + len(content):]
        data = rest.encode("utf-8", "surrogatepass")
        if self.zdict is None:
            self.zdict = data[-_ZDICT_SIZE:]
        compressor = zlib.compressobj(6, zdict=self.zdict)
        return compressor.compress(data) + compressor.flush(), at

    def _restore(self, entry: Entry, content: str) -> str | None:
        try:
            data, at = entry
            decompressor = zlib.decompressobj(zdict=self.zdict or b"")
            rest = (decompressor.decompress(data) + decompressor.flush()).decode("utf-8", "surrogatepass")
            if not decompressor.eof or at > len(rest):
                return None
            return rest if at < 0 else rest[:at] + content + rest[at:]
        except (TypeError, ValueError, zlib.error):  # a damaged entry is a miss
            return None

    def summary(self) -> str:
        if self.fingerprint is None:
            return f"Rendered every page's template: {self.why_not} (page cache)"
        return (f"Rendered {self.rendered + self.not_cached} pages' templates; reused {self.reused} unchanged ones "
                "(page cache)")

    def save(self) -> str | None:
        """Keeps the pages of this build for the next one, as :meth:`RenderCache.save` does; returns why the
        file could not be written, if it could not."""
        if self.fingerprint is None:
            return None
        every_page = self.rendered + self.reused + self.not_cached >= self.pages_in_build
        pages = self.kept if every_page else {**self.entries, **self.kept}
        try:
            if pages.keys() != self.entries.keys():
                checked_store.write_checked(self.path, MAGIC, {"format": FORMAT, "fingerprint": self.fingerprint,
                                                               "zdict": self.zdict or b"", "pages": pages})
            checked_store.remove_older_siblings(self.path, "page-*.pickle")
        except OSError as exc:
            return f"the page cache was not saved ({exc}); the next build renders every page's template"
        return None
