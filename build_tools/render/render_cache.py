"""Render cache: MkDocs converts a page's Markdown to HTML only when that Markdown (or what it links to)
changed since the last build.

Converting Markdown is most of what ``mkdocs build`` spends on our pages (about four times the cost per
byte of plain prose: links, tables, anchors). After a few sources are added, almost every generated
page's Markdown is byte-identical to the last build's (adding one source to 1,000 changes about 80 of
1,200 pages), so their HTML is too. The MkDocs hook puts a :class:`RenderCache` in front of
``Page.render`` (:meth:`RenderCache.attach`); everything after conversion (``on_page_content``, the
theme's templates, link and anchor checks, the search index) runs as before on every page.

What a page's HTML depends on, and so the key and the checks:

- the page's final Markdown (after every ``on_page_markdown`` event), its path and its address;
- the Markdown extensions and their settings (a function given as a setting by its arguments and its
  module's source), Python's version, the versions of MkDocs, Python-Markdown, Material and
  pymdown-extensions, the source of any other extension's module (every file of a package), and the
  settings that decide addresses and link checks (``use_directory_urls``, ``validation``): the
  *fingerprint*, which keys the whole file;
- the files its links and images point to: MkDocs rewrites a link to the address of the file it names,
  and only if that file exists, so an entry records every address its HTML links to with the file that
  was behind it, and is used only while each is still the same file (moved from ``a.md`` to
  ``a/index.md``, say, it is not; an address two files claim is no one's, and a page linking there is
  not stored). Anchors are checked as always: the entry keeps the page's anchors and
  its links to anchors elsewhere, and MkDocs checks them against the other pages after all pages are
  rendered.

A page whose conversion logged anything (a broken link, say) or whose HTML points to an address MkDocs
does not know is not stored, so it is converted, and says so again, on every build; nor is any page of a
build run with ``-q`` (messages are not logged, so a warning could go unseen) or ``-v`` (MkDocs then
records no links to anchors). Hits are used either way.

The file lives in ``generated/.cache/`` beside the generator's caches, one per fingerprint
(``render-<fingerprint>.pickle``: ``mkdocs.yml`` and the publish workflow's copy of it share one; the
offline copy, which ``briefing offline`` builds from a temporary docs folder, gets its own there
too). It is checked and written like the generator's caches (:mod:`build_tools.checked_store`) and
holds the pages of the last build (a ``--dirty`` build keeps the entries of the pages it did not render);
of other fingerprints' files only the newest is kept. Deleting them is always safe.
"""
from __future__ import annotations

import functools
import hashlib
import html
import importlib.util
import logging
import posixpath
import re
import sys
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Iterable
from urllib.parse import unquote, urlsplit

from mkdocs.structure.pages import Page
from mkdocs.structure.toc import get_toc

from build_tools import checked_store
from build_tools.cache import CACHE_DIR, library_versions

FORMAT = 2
MAGIC = b"dpb-render-cache\n"
LIBRARIES = ("mkdocs", "Markdown", "mkdocs-material", "pymdown-extensions")
_PAGES_LOG = logging.getLogger("mkdocs.structure.pages")  # the logger whose level decides links_to_anchors
_WATCHED_LOGS = ("mkdocs", "MARKDOWN")
_CACHE_LOG = logging.getLogger("mkdocs.hooks.briefings")
_LINK_ATTRIBUTE = re.compile(r"""\s(?:href|src)=(?:"([^"]*)"|'([^']*)')""")

# (content, table of contents, title from the first heading, anchor ids on the page,
#  links to anchors elsewhere as (target src_uri, ((anchor, original link), ...)),
#  every address the HTML links to with the file that was behind it)
Entry = tuple[str, tuple, "str | None", tuple[str, ...], tuple[tuple[str, tuple[tuple[str, str], ...]], ...],
              tuple[tuple[str, str], ...]]


def cache_path(generated: Path, fingerprint: str) -> Path:
    """One file per fingerprint: configs that convert alike (mkdocs.yml and the publish workflow's copy
    of it with a site_url) share it, the offline copy's has its own."""
    return generated / CACHE_DIR / f"render-{fingerprint[:16]}.pickle"


def render_fingerprint(config: Any) -> str:
    """Everything besides a page's own Markdown that its converted HTML depends on."""
    digest = hashlib.sha256(f"dpb-render-cache {FORMAT}\0".encode())
    digest.update(f"python {sys.version}\0{library_versions(LIBRARIES)}".encode())
    for extension in config["markdown_extensions"]:
        name = extension if isinstance(extension, str) else f"{type(extension).__module__}.{type(extension).__qualname__}"
        digest.update(f"extension {name}\0".encode())
        digest.update(_extension_source(extension))
    digest.update(stable_repr(config["mdx_configs"] or {}).encode())
    digest.update(f"\0use_directory_urls={config['use_directory_urls']}\0".encode())
    digest.update(repr(config["validation"]).encode())
    return digest.hexdigest()


def stable_repr(value: Any) -> str:
    """``repr`` of extension settings, with functions (a slugify, a fence formatter) named rather than
    shown with their memory address, which would change the fingerprint on every run: a configured one
    (``pymdownx.slugs.slugify(case=...)``, a ``functools.partial``) with its arguments, and one from
    outside the libraries in the fingerprint with a digest of its module's source."""
    if isinstance(value, dict):
        return "{" + ", ".join(f"{stable_repr(k)}: {stable_repr(v)}" for k, v in sorted(value.items(), key=lambda i: str(i[0]))) + "}"
    if isinstance(value, (list, tuple)):
        return "[" + ", ".join(map(stable_repr, value)) + "]"
    if isinstance(value, functools.partial):
        return f"partial({stable_repr(value.func)}, {stable_repr(value.args)}, {stable_repr(value.keywords)})"
    if callable(value):
        module = getattr(value, "__module__", None) or type(value).__module__
        source = hashlib.sha256(module_source(module)).hexdigest()[:16]
        return f"<{module}.{getattr(value, '__qualname__', type(value).__qualname__)} {source}>"
    return repr(value)


def _extension_source(extension: Any) -> bytes:
    """The source of an extension from outside the libraries in the fingerprint (their versions cover
    their own extensions)."""
    module = extension.split(":")[0] if isinstance(extension, str) else type(extension).__module__
    return module_source(module) or module_source(f"markdown.extensions.{module}")


def module_source(module: str) -> bytes:
    """The source of a module from outside the libraries in the fingerprint: its file, or for a package
    every ``.py`` file in it (an extension package's ``__init__`` may only import its parts); empty
    for a library's module or one that cannot be found."""
    if module.split(".")[0] in ("markdown", "pymdownx", "material", "mkdocs"):
        return b""
    try:
        spec = importlib.util.find_spec(module)
    except (ImportError, ValueError):
        return b""
    if spec is None or not spec.origin or not spec.origin.endswith(".py"):
        return b""
    origin = Path(spec.origin)
    files = sorted(origin.parent.rglob("*.py")) if origin.name == "__init__.py" else [origin]
    return b"".join(f"{file.relative_to(origin.parent)}\0".encode() + file.read_bytes() for file in files)


def page_key(page: Page) -> str:
    return checked_store.digest_of_parts(page.file.src_uri, page.file.url, page.markdown or "")


def _normal(path: str) -> str:
    return posixpath.normpath(path or ".")


def linked_paths(content: str, page_url: str) -> list[str]:
    """The site paths the relative links and images of ``content`` point to, from the page at
    ``page_url`` (links to other sites, absolute paths and anchors on the same page are left out)."""
    page_url = unquote(page_url)  # percent-encoded, like hrefs; compared unquoted
    base = page_url if page_url.endswith("/") or not page_url else posixpath.dirname(page_url)
    found: list[str] = []
    for match in _LINK_ATTRIBUTE.finditer(content):
        value = html.unescape(match.group(1) if match.group(1) is not None else match.group(2))
        parts = urlsplit(value)
        if parts.scheme or parts.netloc or not parts.path or parts.path.startswith("/"):
            continue  # another site, a link within the page, or an absolute path MkDocs leaves alone
        found.append(_normal(posixpath.join(base, unquote(parts.path))))
    return found


class LogWatch(logging.Handler):
    """Notices whether anything was logged while one page was converted."""

    def __init__(self) -> None:
        super().__init__(logging.INFO)
        self.seen = False

    def emit(self, record: logging.LogRecord) -> None:
        self.seen = True


@dataclass
class RenderCache:
    path: Path
    fingerprint: str
    entries: dict[str, Entry] = field(default_factory=dict)
    kept: dict[str, Entry] = field(default_factory=dict)
    targets: dict[str, str] | None = None  # address -> the file behind it, computed at the first page
    pages_in_build: int = 0
    reused: int = 0
    converted: int = 0

    @classmethod
    def for_build(cls, config: Any, generated: Path | None = None) -> "RenderCache":
        """The cache of the build ``config`` describes (call once the config is final: ``on_pre_build``),
        kept in ``generated``'s cache folder (default: the docs folder's)."""
        fingerprint = render_fingerprint(config)
        return cls.open(cache_path(generated or Path(config["docs_dir"]), fingerprint), fingerprint)

    @classmethod
    def open(cls, path: Path, fingerprint: str) -> "RenderCache":
        """The entries saved at ``path`` under this fingerprint; none when missing, damaged or stale."""
        cache = cls(path, fingerprint)
        saved = checked_store.read_checked(path, MAGIC)
        if (isinstance(saved, dict) and saved.get("format") == FORMAT and saved.get("fingerprint") == fingerprint
                and isinstance(saved.get("pages"), dict)):
            cache.entries = saved["pages"]
        return cache

    def attach(self, page: Page) -> None:
        """Makes ``page.render`` go through this cache (MkDocs calls it after ``on_page_markdown``)."""
        page.render = lambda config, files: self.render(page, config, files)  # type: ignore[method-assign]

    def render(self, page: Page, config: Any, files: Any) -> None:
        if self.targets is None:
            self.targets = _targets(files)
            self.pages_in_build = len(files.documentation_pages())
        key = page_key(page)
        entry = self.entries.get(key)
        if entry is not None and self._restore(page, entry, files):
            self.kept[key] = entry
            self.reused += 1
            return
        self.converted += 1
        watch = LogWatch()
        loggers = [logging.getLogger(name) for name in _WATCHED_LOGS]
        for logger in loggers:
            logger.addHandler(watch)
        try:
            Page.render(page, config, files)
        finally:
            for logger in loggers:
                logger.removeHandler(watch)
        entry = None if watch.seen or not _everything_logged() else self._entry(page)
        if entry is None:
            _CACHE_LOG.debug(f"Render cache: '{page.file.src_uri}' is not stored (its conversion logged a message, it "
                             "points to a file MkDocs does not know, or MkDocs runs with -q or -v)")
        else:
            self.kept[key] = entry

    def _entry(self, page: Page) -> Entry | None:
        assert self.targets is not None and page.content is not None
        linked = sorted(set(linked_paths(page.content, page.url)))
        files_linked = tuple((path, self.targets.get(path)) for path in linked)
        if any(file is None for _, file in files_linked) or page.links_to_anchors is None:
            return None  # points somewhere MkDocs did not check (raw HTML, say): convert it every time
        links_to_anchors = tuple(
            (target.src_uri, tuple(sorted(anchors.items())))
            for target, anchors in sorted(page.links_to_anchors.items(), key=lambda item: item[0].src_uri))
        return (page.content, _toc_tokens(page.toc), page._title_from_render,
                tuple(sorted(page.present_anchor_ids or ())), links_to_anchors, files_linked)  # type: ignore[return-value]

    def _restore(self, page: Page, entry: Entry, files: Any) -> bool:
        """Sets what ``Page.render`` would have set, if every address the entry links to is still the same
        file's (a link is rewritten to the address of the file it names, so another file there, or none,
        means another page)."""
        try:
            content, toc, title, anchor_ids, links_to_anchors, files_linked = entry
            assert self.targets is not None
            if any(self.targets.get(path) != file for path, file in files_linked):
                return False
            anchored = {}
            for src_uri, anchors in links_to_anchors:
                target = files.get_file_from_path(src_uri)
                if target is None:
                    return False
                anchored[target] = dict(anchors)
            page.content = content
            page.toc = get_toc(_from_tokens(toc))
            page._title_from_render = title
            page.present_anchor_ids = set(anchor_ids)
            if _PAGES_LOG.getEffectiveLevel() > logging.DEBUG:  # as Page.render does
                page.links_to_anchors = anchored
            return True
        except (TypeError, ValueError, AttributeError):  # a damaged entry is a miss
            return False

    def summary(self) -> str:
        return f"Converted {self.converted} pages from Markdown; reused {self.reused} unchanged ones (render cache)"

    def save(self) -> str | None:
        """Keeps the pages of this build for the next one, if they differ from those read; a build that
        rendered only some pages (``--dirty``) keeps the others' entries too. Of the other configs'
        files (the offline copy's, an older library version's) only the newest is kept. Returns why the
        file could not be written, if it could not (a full disk must not fail a build that succeeded)."""
        every_page = self.targets is not None and self.converted + self.reused >= self.pages_in_build
        pages = self.kept if every_page else {**self.entries, **self.kept}
        try:
            if pages.keys() != self.entries.keys():
                checked_store.write_checked(self.path, MAGIC,
                                            {"format": FORMAT, "fingerprint": self.fingerprint, "pages": pages})
            checked_store.remove_older_siblings(self.path, "render-*.pickle")
        except OSError as exc:
            return f"the render cache was not saved ({exc}); the next build converts every page"
        return None


def _everything_logged() -> bool:
    """Whether a conversion's every message reaches the watch (not with -q) and MkDocs records links to
    anchors (not with -v): only then can an entry stand for the conversion."""
    level = _PAGES_LOG.getEffectiveLevel()
    return logging.DEBUG < level <= logging.INFO


def _targets(files: Iterable[Any]) -> dict[str, str]:
    """Every address a link in a page's HTML can resolve to (a page's URL or output file, a static file),
    and the file behind it (its source path and whether it is in the site)."""
    known: dict[str, str | None] = {}
    for file in files:
        identity = f"{file.src_uri}\0{file.inclusion.name}"
        for address in (_normal(unquote(file.url)), _normal(file.dest_uri)):
            # an address two files claim (b.md and b/index.md) is no one's: which one a link names
            # cannot be told from the HTML, so a page linking there is not stored
            known[address] = identity if known.get(address, identity) == identity else None
    return known  # type: ignore[return-value]


def _toc_tokens(toc: Iterable[Any]) -> tuple:
    return tuple((item.title, item.id, item.level, _toc_tokens(item.children)) for item in toc)


def _from_tokens(tokens: tuple) -> list[dict]:
    return [{"name": name, "id": anchor, "level": level, "children": _from_tokens(children)}
            for name, anchor, level, children in tokens]
