"""All pages of the site, as a mapping from docs-relative path to Markdown text."""
from __future__ import annotations

from importlib import resources
from typing import Callable, TypeVar

from build_tools import progress
from build_tools.emit import paths
from build_tools.emit.briefing_page import briefing_page_inputs, emit_briefing
from build_tools.emit.data_export import BRIEFINGS as BRIEFINGS_EXPORT
from build_tools.emit.data_export import SOURCES as SOURCES_EXPORT
from build_tools.emit.data_export import (briefing_record, emit_data_export, record_json, source_record,
                                          source_record_inputs)
from build_tools.emit.entity_page import emit_entities, emit_glossary
from build_tools.emit.figures_page import emit_figures, figure_group_section
from build_tools.emit.timeline_page import TimelineParts, emit_timeline, topic_timeline_section
from build_tools.emit.linking import AbbreviationDefinitions
from build_tools.emit.listings import emit_briefings_index, emit_home, emit_topics
from build_tools.emit.source_archive import emit_sources_index
from build_tools.emit.page_memo import PageMemo, bytes_digest, inputs_digest
from build_tools.emit.writer import FileBytes
from build_tools.emit.source_page import emit_source, source_page_inputs
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
T = TypeVar("T")


def with_tooltips(path: str, text: str, tooltips: AbbreviationDefinitions, memo: PageMemo) -> bytes:
    """A page with the abbreviation definitions it needs; the scan for them (the aggregate pages are made
    whole on every build, some of them large) is remembered on the page's bytes, and the definitions are
    appended to the bytes: 15 MB of pages pass here."""
    data = text.encode("utf-8")
    definitions = memo.reuse_or_make(f"{path}#abbreviations", bytes_digest(data),
                                     lambda: tooltips.definitions(text).encode("utf-8"))
    return tooltips.append_encoded(data, definitions)


def emit_site(index: SiteIndex, memo: PageMemo | None = None) -> dict[str, FileBytes]:
    """Every page's bytes. ``memo``: the pages of the last build, reused where their inputs are unchanged
    (briefing and source pages, the sources' data records, the parts of entity pages: what grows with
    the corpus; a reused page is :class:`Unloaded` until the writer needs its bytes); each is made anew
    without one."""
    memo = memo or PageMemo()
    headline = [figure_group_section(index, group_id, paths.HOME, heading_level=3)
                for group_id in list(index.figures.groups)[:HEADLINE_GROUPS]]
    home_sections = ["## Headline figures\n\n" + "\n".join(headline)] if headline else []
    pages: dict[str, str] = {paths.HOME: emit_home(index, home_sections)}
    pages.update(emit_briefings_index(index))
    tooltips = AbbreviationDefinitions(index.glossary)
    sources_index, archive = emit_sources_index(index, memo, tooltips)  # the latter with their definitions
    pages.update(sources_index)
    timeline_parts = TimelineParts(index, memo, tooltips)
    timelines = {t: [topic_timeline_section(index, t, paths.topic(t), timeline_parts)] for t in index.registry.topics}
    topic_pages, topics_index = emit_topics(index, timelines, memo, tooltips)  # the former with their definitions
    pages.update(topics_index)
    timeline = emit_timeline(index, timeline_parts)
    figures_page, figures_archive = emit_figures(index, memo, tooltips)  # the latter with their definitions
    pages.update(figures_page)
    memoized: dict[str, FileBytes] = {}

    def maker(emit: Callable[[T, SiteIndex], str], record: T) -> Callable[[], bytes]:
        # bound to this record: the memo may call it after the loop has moved on (a page the writer needs)
        return lambda: tooltips.append(emit(record, index)).encode("utf-8")

    briefing_records = []
    for briefing in index.briefings.values():
        path = paths.briefing(briefing.id)
        inputs = inputs_digest(memo.digest_of(briefing), briefing_page_inputs(briefing, index))
        memoized[path] = memo.page(path, inputs, maker(emit_briefing, briefing))
        # its data record reads nothing the page does not (the entities follow from its text and the registry)
        briefing_records.append(memo.reuse_or_make(f"{BRIEFINGS_EXPORT}#{briefing.id}", inputs,
                                                   lambda: record_json(briefing_record(briefing, index)).encode("utf-8")))
    source_records = []
    for article in progress.items(list(index.articles.values()), "Source pages"):
        path = paths.source(article.id)
        # one digest keys both the page and the record: what either reads (a change to one's inputs the
        # other does not read, rare, makes both again)
        inputs = inputs_digest(memo.digest_of(article), source_page_inputs(article, index),
                               source_record_inputs(article, index))
        memoized[path] = memo.page(path, inputs, maker(emit_source, article))
        record = memo.reuse_or_make(f"{SOURCES_EXPORT}#{article.id}", inputs,
                                    lambda: record_json(source_record(article, index)).encode("utf-8"))
        source_records.append(record)
    entity_pages, entities_index = emit_entities(index, memo, tooltips)  # the former with their definitions
    pages.update(entities_index)
    pages[paths.GLOSSARY] = emit_glossary(index, index.glossary)
    for page in index.pages:
        pages[paths.static_page(page.name)] = page.text
    files = {path: with_tooltips(path, text, tooltips, memo) for path, text in pages.items()}
    files.update(entity_pages)
    files.update(topic_pages)
    files.update(archive)
    files.update(figures_archive)
    files.update(timeline)
    files.update(memoized)
    files.update(emit_data_export(index, source_records, briefing_records))
    files.update(theme_assets())
    return files
