"""Reading built HTML pages in tests: the URLs a page references and the anchors it offers."""
from __future__ import annotations

import functools
from html.parser import HTMLParser
from pathlib import Path


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
