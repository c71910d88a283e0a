"""Reading built HTML pages in tests: the URLs a page references and the anchors it offers."""
from __future__ import annotations

import functools
import posixpath
from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import urlsplit


class PageLinks(HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.refs: list[tuple[str, str]] = []  # ("a/href", url), ("script/src", url), ...
        self.ids: set[str] = set()

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        values = dict(attrs)
        if values.get("id"):
            self.ids.add(values["id"])  # type: ignore[arg-type]
        if tag == "a" and values.get("name"):
            self.ids.add(values["name"])  # type: ignore[arg-type]
        for attr in ("href", "src"):
            if values.get(attr):
                self.refs.append((f"{tag}/{attr}", values[attr]))  # type: ignore[arg-type]


def page_links(page: Path) -> PageLinks:
    parser = PageLinks()
    parser.feed(page.read_text("utf-8"))
    return parser


def resolve(site: Path, page: Path, url: str) -> tuple[Path, str]:
    """The file and anchor a relative ``url`` on ``page`` leads to in the built ``site``."""
    path, _, anchor = url.partition("#")
    if not path:
        return page, anchor
    target = site / posixpath.normpath(posixpath.join(posixpath.dirname(page.relative_to(site).as_posix()), path))
    return (target / "index.html" if target.is_dir() else target), anchor


def broken_internal_links(site: Path) -> tuple[int, list[tuple[str, str]]]:
    """How many links between the built site's pages were followed, and those (page, URL) that lead to no
    file or to an anchor the target page lacks. Left out: 404.html (Material links it from the site root,
    which only a server knows) and the offline copy's zip (``briefing offline`` adds it after the build)."""
    parsed: dict[Path, PageLinks] = {}

    def links_of(page: Path) -> PageLinks:
        if page not in parsed:
            parsed[page] = page_links(page)
        return parsed[page]

    broken = []
    checked = 0
    for page in sorted(site.rglob("*.html")):
        if page.name == "404.html":
            continue
        for kind, url in links_of(page).refs:
            if kind != "a/href" or urlsplit(url).scheme or url.startswith(("//", "mailto:")):
                continue
            if url.endswith("offline.zip"):
                continue
            target, anchor = resolve(site, page, url)
            checked += 1
            if not target.is_file() or (anchor and anchor not in links_of(target).ids):
                broken.append((page.relative_to(site).as_posix(), url))
    return checked, broken


@functools.lru_cache(maxsize=1)
def site_markdown_extensions() -> tuple[tuple[str, ...], dict[str, dict]]:
    """The extensions (and their settings) mkdocs.yml configures for the site, read once per test run."""
    import yaml

    configured = yaml.safe_load((Path(__file__).resolve().parent.parent / "mkdocs.yml").read_text("utf-8"))
    names: list[str] = []
    settings: dict[str, dict] = {}
    for entry in configured["markdown_extensions"]:
        if isinstance(entry, dict):
            (name, options), = entry.items()
            settings[name] = options or {}
        else:
            name = entry
        names.append(name)
    return tuple(names), settings


def render_markdown(text: str) -> str:
    """Markdown to HTML with the extensions (and their settings) mkdocs.yml configures for the site."""
    import markdown

    names, settings = site_markdown_extensions()
    return markdown.markdown(text, extensions=list(names), extension_configs=settings)
