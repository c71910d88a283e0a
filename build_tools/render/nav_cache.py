"""Navigation cache: Material's sidebar navigation is rendered once per kind of page, not on every page.

Material renders the whole navigation (``partials/nav.html``) into every page: at 10,000 sources that is
about 40 % of the time MkDocs spends in its templates, for 11,000 source, entity and topic pages that are
not in the navigation and all get the same sidebar. For such a page the sidebar depends only on the
navigation, the config and where the page sits: no item is active, and every link in it is made relative
to the page by MkDocs' ``url`` filter. So the key of a page's sidebar is the list of what every address
the sidebar can link to (each navigation item's, the home page's, the logo's) becomes relative to that
page; pages with the same key get the same HTML. A page in the navigation (its item is marked active)
is always rendered in full.

The hook installs it (:func:`install`): the template overrides hold a ``partials/nav.html`` that calls
:class:`NavRenderer`, which renders the template it shadows (Material's, reached under
:data:`SHADOWED`) on a miss.
"""
from __future__ import annotations

from typing import Any, Iterable

import jinja2
from markupsafe import Markup
from mkdocs.utils import normalize_url

SHADOWED = "shadowed-by-briefings"
TEMPLATE = "partials/nav.html"


def install(env: jinja2.Environment, theme_dirs: list[str], overrides: str) -> "NavRenderer":
    """Makes the templates our overrides shadow reachable as ``SHADOWED/<name>`` and registers the renderer
    as the ``briefings_nav`` global of ``env`` (one per build: MkDocs makes a new environment each time)."""
    shadowed = [folder for folder in theme_dirs if folder != overrides]
    env.loader = jinja2.ChoiceLoader([
        env.loader,  # type: ignore[list-item]
        jinja2.PrefixLoader({SHADOWED: jinja2.FileSystemLoader(shadowed)}),
    ])
    renderer = NavRenderer()
    env.globals["briefings_nav"] = renderer
    return renderer


class NavRenderer:
    """Called from the template with its context; returns the navigation's HTML for that page."""

    def __init__(self) -> None:
        self.html: dict[tuple[str, ...], Markup] = {}
        self.rendered = 0
        self.reused = 0
        self._targets: list[str] | None = None

    @jinja2.pass_context
    def __call__(self, context: jinja2.runtime.Context) -> Markup:
        key = self.key(context)
        if key is not None and key in self.html:
            self.reused += 1
            return self.html[key]
        self.rendered += 1
        template = context.environment.get_template(f"{SHADOWED}/{TEMPLATE}")
        html = Markup(template.render(context.get_all()))
        if key is not None:
            self.html[key] = html
        return html

    def summary(self) -> str:
        return f"Rendered the navigation {self.rendered} times for {self.rendered + self.reused} pages"

    def key(self, context: Any) -> tuple[str, ...] | None:
        page, nav, config = context.get("page"), context.get("nav"), context.get("config")
        if page is None or nav is None or config is None or page.parent is not None or page in nav.pages:
            return None
        if self._targets is None:
            self._targets = navigation_targets(nav, config)
        base = context.get("base_url", "")
        return (base, *(normalize_url(target, page=page, base=base) for target in self._targets))


def navigation_targets(nav: Any, config: Any) -> list[str]:
    """Every address Material's navigation passes through the ``url`` filter."""
    targets = [url for url in _item_urls(nav.items) if url is not None]
    if nav.homepage is not None:
        targets.append(nav.homepage.url)
    for extra in (config.extra.get("homepage"), config.theme.get("logo")):
        if extra:
            targets.append(str(extra))
    return targets


def _item_urls(items: Iterable[Any]) -> Iterable[str | None]:
    for item in items:
        yield getattr(item, "url", None)
        yield from _item_urls(getattr(item, "children", None) or ())
