"""All pages of the site, as a mapping from docs-relative path to Markdown text."""
from __future__ import annotations

from importlib import resources

from build_tools import progress
from build_tools.emit import paths
from build_tools.emit.briefing_page import emit_briefing
from build_tools.emit.data_export import emit_data_export
from build_tools.emit.entity_page import emit_entities, emit_glossary
from build_tools.emit.figures_page import emit_figures, figure_group_section
from build_tools.emit.timeline_page import emit_timeline, topic_timeline_section
from build_tools.emit.linking import AbbreviationDefinitions
from build_tools.emit.listings import emit_briefings_index, emit_home, emit_sources_index, emit_topics
from build_tools.emit.source_page import emit_source
from build_tools.index.site import SiteIndex


def theme_assets() -> dict[str, bytes]:
    """Stylesheets and scripts shipped with the package, copied under ``assets/``."""
    root = resources.files("build_tools") / "theme" / "assets"
    files: dict[str, bytes] = {}

    def walk(folder, prefix: str) -> None:
        for item in sorted(folder.iterdir(), key=lambda i: i.name):
            if item.is_dir():
                walk(item, f"{prefix}{item.name}/")
            elif not item.name.startswith("."):
                files[f"assets/{prefix}{item.name}"] = item.read_bytes()

    if root.is_dir():
        walk(root, "")
    return files


HEADLINE_GROUPS = 1


def emit_site(index: SiteIndex) -> dict[str, bytes]:
    headline = [figure_group_section(index, group_id, paths.HOME, heading_level=3)
                for group_id in list(index.figures.groups)[:HEADLINE_GROUPS]]
    home_sections = ["## Headline figures\n\n" + "\n".join(headline)] if headline else []
    pages: dict[str, str] = {paths.HOME: emit_home(index, home_sections)}
    pages.update(emit_briefings_index(index))
    pages.update(emit_sources_index(index))
    timelines = {t: [topic_timeline_section(index, t, paths.topic(t))] for t in index.registry.topics}
    pages.update(emit_topics(index, timelines))
    pages.update(emit_timeline(index))
    pages.update(emit_figures(index))
    for briefing in index.briefings.values():
        pages[paths.briefing(briefing.id)] = emit_briefing(briefing, index)
    for article in progress.items(list(index.articles.values()), "Source pages"):
        pages[paths.source(article.id)] = emit_source(article, index)
    pages.update(emit_entities(index))
    pages[paths.GLOSSARY] = emit_glossary(index, index.glossary)
    for page in index.pages:
        pages[paths.static_page(page.name)] = page.text
    tooltips = AbbreviationDefinitions(index.glossary)
    pages = {path: tooltips.append(text) for path, text in pages.items()}
    files = {path: text.encode("utf-8") for path, text in pages.items()}
    files.update({path: text.encode("utf-8") for path, text in emit_data_export(index).items()})
    files.update(theme_assets())
    return files
