"""Home, the briefings index, topic pages, and the pagination of listings that grow with the corpus (the
sources index and its archive by month are in ``source_archive``)."""
from __future__ import annotations

from typing import Callable, Sequence, TypeVar

from build_tools.emit import data_export, paths
from build_tools.emit.citations import briefing_event_link
from build_tools.emit.linking import AbbreviationDefinitions
from build_tools.emit.markdown import SEARCH_TYPES, escape, front_matter, link, table, unsearched_block, unsearched_section
from build_tools.emit.page_memo import PageMemo, Section
from build_tools.emit.writer import FileBytes
from build_tools.index.site import SiteIndex
from build_tools.model import Article, Briefing

T = TypeVar("T")
HOME_BRIEFINGS = 6
HOME_SOURCES = 8


def briefing_line(briefing: Briefing, page: str) -> str:
    return (f"- **{link(escape(briefing.title), page, paths.briefing(briefing.id))}** "
            f"({briefing.last_updated.display()}): {escape(briefing.summary)}")


def source_row(article: Article, page: str, index: SiteIndex) -> list[str]:
    title = escape(article.title or "Untitled article")
    cited = len(index.citations.citing_briefings(article.id))
    return [article.date.iso() if article.date else "undated", link(title, page, paths.source(article.id)),
            escape(article.publisher or "—"), str(cited)]


def paginate(items: Sequence[T], size: int) -> list[Sequence[T]]:
    return [items[i:i + size] for i in range(0, len(items), size)] or [[]]


def pager(first_page: str, number: int, total: int, newest_first: bool = True) -> str:
    """Links to the previous and next page; "Newer"/"Older" for a list in date order, else "Previous"/"Next"."""
    if total <= 1:
        return ""
    page = paths.listing(first_page, number)
    back, forward = ("← Newer", "Older →") if newest_first else ("← Previous", "Next →")
    parts = []
    if number > 1:
        parts.append(link(back, page, paths.listing(first_page, number - 1)))
    parts.append(f"Page {number} of {total}")
    if number < total:
        parts.append(link(forward, page, paths.listing(first_page, number + 1)))
    return " · ".join(parts) + "\n\n"


def emit_paginated(first_page: str, title: str, intro: str, items: Sequence[T],
                   render: Callable[[Sequence[T], str], str], newest_first: bool = True,
                   trail: Callable[[str], str] | None = None, searchable_first: bool = True) -> dict[str, str]:
    """The listing's pages; ``intro`` on the first only, ``trail(page)`` (links up and across) atop each.
    The listed items only repeat titles that are searchable on their own pages: the list stays out of
    Pagefind's index, and pages after the first (every page, unless ``searchable_first``) out of
    Material's (the offline copy)."""
    chunks = paginate(items, paths.LISTING_PAGE_SIZE)
    pages = {}
    for number, chunk in enumerate(chunks, start=1):
        page = paths.listing(first_page, number)
        heading = title if number == 1 else f"{title} (page {number})"
        searchable = number == 1 and searchable_first
        meta = {"title": heading} if searchable else {"title": heading, "search": {"exclude": True}}
        listed = render(chunk, page)
        body = [front_matter(meta), f"# {heading}\n\n", trail(page) if trail else "",
                intro + "\n\n" if number == 1 else "", pager(first_page, number, len(chunks), newest_first),
                unsearched_block(listed) if listed else "", pager(first_page, number, len(chunks), newest_first)]
        pages[page] = "".join(body)
    return pages


def emit_briefings_index(index: SiteIndex) -> dict[str, str]:
    def render(chunk: Sequence[Briefing], page: str) -> str:
        return "\n".join(briefing_line(b, page) for b in chunk) + "\n"

    intro = f"{len(index.briefings)} briefings, most recently updated first."
    return emit_paginated(paths.BRIEFINGS_INDEX, "Briefings", intro, list(index.briefings.values()), render)


def emit_topics(index: SiteIndex, sections: dict[str, list[list[str | Section]]] | None = None,
                memo: PageMemo | None = None, tooltips: AbbreviationDefinitions | None = None
                ) -> tuple[dict[str, FileBytes], dict[str, str]]:
    """The topic pages, encoded, with the definitions of the abbreviations they use (made from their pieces
    only when those differ from the last build's: :meth:`PageMemo.page`), and the topics index, without.
    ``sections``: per topic, more sections of its page, each in pieces ending with text."""
    memo = memo or PageMemo()
    tooltips = tooltips or AbbreviationDefinitions(index.glossary)
    pages: dict[str, FileBytes] = {}
    lines = []
    for topic in sorted(index.registry.topics.values(), key=lambda t: t.name.lower()):
        page = paths.topic(topic.id)
        briefing_ids = index.briefings_by_topic.get(topic.id, [])
        source_ids = index.articles_by_topic.get(topic.id, [])
        lines.append(f"- {link(escape(topic.name), paths.TOPICS_INDEX, page)}: {escape(topic.description)} "
                     f"({len(briefing_ids)} briefing{'s' if len(briefing_ids) != 1 else ''})")
        out: list[str | Section] = [
            front_matter({"title": topic.name, "description": topic.description, "search_type": SEARCH_TYPES["topic"]}),
            f"# {escape(topic.name)}\n\n", f"{escape(topic.description)}\n\n", "## Briefings\n\n"]
        out.append("\n".join(briefing_line(index.briefings[b], page) for b in briefing_ids) + "\n\n"
                   if briefing_ids else "No briefing on this topic yet.\n\n")
        if source_ids:
            listed = table(["Date", "Title", "Publisher", "Cited by"],
                           [source_row(index.articles[s], page, index) for s in source_ids[:paths.LISTING_PAGE_SIZE]])
            if len(source_ids) > paths.LISTING_PAGE_SIZE:
                listed += (f"\n…and {len(source_ids) - paths.LISTING_PAGE_SIZE} older sources in the "
                           f"{link('sources index', page, paths.SOURCES_INDEX)}.\n")
            out.append(unsearched_section("Sources", listed))
        for pieces in (sections or {}).get(topic.id, []):
            *head, last = pieces or [""]
            assert isinstance(last, str)
            out += [*head, last.rstrip("\n") + "\n\n"]
        pages[page] = tooltips.memo_page(memo, page, out)
    index_page = {paths.TOPICS_INDEX: "".join([front_matter({"title": "Topics"}), "# Topics\n\n", "\n".join(lines) + "\n"])}
    return pages, index_page


HOME_CHANGES = 8


def recent_changes(index: SiteIndex, page: str) -> str:
    """The newest dated events and publications, and briefings by their last update."""
    lines = []
    for entry in reversed(index.events.timeline[-HOME_CHANGES:]):
        target = (briefing_event_link(entry, index, page) if entry.briefing_id
                  else link("source", page, paths.source(entry.source_id or "")))
        lines.append(f"- **{entry.date.display()}**: {escape(entry.title)} ({target})")
    if not lines:
        return ""
    return ("## What changed recently\n\n" + "\n".join(lines) + "\n\n"
            + link("Full timeline →", page, paths.TIMELINE) + "\n\n")


def follow_line(page: str) -> str:
    """The feed (written at the site root by the render stage, so a raw link from the home page, which is
    at the root in every URL style) and the JSON data files (in the docs folder, so Markdown links)."""
    data = " · ".join(link(name, page, path) for name, path in (
        ("sources", data_export.SOURCES), ("briefings", data_export.BRIEFINGS),
        ("entities", data_export.ENTITIES), ("topics", data_export.TOPICS)))
    return (f'New briefings by feed: <a href="{paths.FEED}" type="application/atom+xml">Atom feed</a>. '
            f"The data behind the site, as JSON: {data}.\n\n")


def emit_home(index: SiteIndex, sections: list[str] | None = None) -> str:
    page = paths.HOME
    out = [front_matter({"title": "Home", "description": "Sourced briefings on Pakistan's digital economy and internet governance."}),
           "# Digital Pakistan Briefings\n\n",
           "Sourced briefings on Pakistan's digital economy and internet governance: VPN licensing and blocking, "
           "the national firewall, IT exports, the Central Asia digital corridor, AI policy, crypto regulation and "
           "the macro context. Every claim links to the paragraph of the source it comes from.\n\n"]
    latest = list(index.briefings.values())[:HOME_BRIEFINGS]
    out.append("## Latest briefings\n\n" + ("\n".join(briefing_line(b, page) for b in latest) + "\n\n" if latest
                                           else "No briefings yet.\n\n"))
    out.append(f"{link('All briefings →', page, paths.BRIEFINGS_INDEX)}\n\n")
    out.append(follow_line(page))
    recent = list(index.articles.values())[:HOME_SOURCES]
    if recent:
        out.append("## Newest sources\n\n")
        out.append(table(["Date", "Title", "Publisher", "Cited by"], [source_row(a, page, index) for a in recent]))
        out.append(f"\n{link('All sources →', page, paths.SOURCES_INDEX)}\n\n")
    out.append(recent_changes(index, page))
    topics = sorted(index.registry.topics.values(), key=lambda t: t.name.lower())
    if topics:
        out.append("## Topics\n\n" + " · ".join(link(escape(t.name), page, paths.topic(t.id)) for t in topics) + "\n\n")
    for section in sections or []:
        out.append(section.rstrip("\n") + "\n\n")
    return "".join(out)
