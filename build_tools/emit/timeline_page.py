"""The timeline page (every dated event and source publication, newest first, with a drawn axis),
and the "Timeline" section of a topic page.

Lists run newest first: readers come for what changed lately, and when a list is capped the newest
entries are the ones kept. The drawing runs left to right, oldest to newest, like any time axis.
Filtering by topic needs no script: one section per topic, reached from a "Filter by topic" line.
"""
from __future__ import annotations

from build_tools.emit import paths
from build_tools.emit.markdown import escape, front_matter, link, status_label, unsearched_section
from build_tools.emit.page_memo import PageMemo, inputs_digest
from build_tools.emit.svg import TimelineMark, figure_block, shorten, timeline_svg
from build_tools.index.events import TimelineEntry
from build_tools.index.site import SiteIndex
from build_tools.model import Citation, PartialDate

ALL_LIMIT = 500      # entries listed under "All entries" (the newest)
TOPIC_LIMIT = 100    # entries listed per topic section, here and on topic pages
SVG_LIMIT = 80       # markers drawn (the newest)
LABEL_CHARS = 34
ALL_ANCHOR = "all-entries"
FILTER_ANCHOR = "filter-by-topic"
DRAWINGS_PART = "timeline-drawings"  # the memo's paths of the drawings: DRAWINGS_PART#svg-id

PRECISION_LABELS = {"year": "year only", "month": "month", "day": "day"}
KIND_LABELS = {"event": "Event", "publication": "Source published"}


def topic_anchor(topic_id: str) -> str:
    """The id of a topic's section on the timeline page: link to ``timeline.md#topic-<id>``."""
    return f"topic-{topic_id}"


def date_label(date: PartialDate) -> str:
    """``2024 (year only)``, ``November 2025 (month)``, ``13 November 2025 (day)``."""
    return f"{date.display()} ({PRECISION_LABELS[date.precision]})"


def _citation_links(citation: Citation, index: SiteIndex, page: str) -> list[str]:
    article = index.articles.get(citation.source_id)
    name = escape(article.publisher or article.title or citation.source_id) if article else escape(citation.source_id)
    title = article.label if article else None
    target = paths.source(citation.source_id)
    if not citation.paragraphs:
        return [link(name, page, target, title=title)]
    links = []
    for position, number in enumerate(citation.paragraphs):
        label = f"{name} ¶{number}" if position == 0 else f"¶{number}"
        anchor = paths.paragraph_anchor(number) if index.paragraph_shown(citation.source_id, number) else None
        links.append(link(label, page, target, anchor, title=f"{title}, paragraph {number}" if title else None))
    return links


def entry_line(entry: TimelineEntry, index: SiteIndex, page: str) -> str:
    """One list item: date with its precision, kind, what happened, measure status, where it comes from."""
    parts = [f"**{escape(date_label(entry.date))}**", KIND_LABELS[entry.kind]]
    if entry.kind == "publication" and entry.source_id in index.articles:
        parts.append(link(escape(entry.title), page, paths.source(entry.source_id)))
    else:
        parts.append(escape(entry.title))
    if entry.measure:
        measure = index.registry.entities.get(entry.measure)
        name = link(escape(measure.name), page, paths.entity(measure.id)) if measure else escape(entry.measure)
        parts.append(f"Measure: {name}" + (f" → *{status_label(entry.status)}*" if entry.status else ""))
    if entry.briefing_id and entry.briefing_id in index.briefings:
        briefing = index.briefings[entry.briefing_id]
        parts.append("Briefing: " + link(escape(briefing.title), page, paths.briefing(briefing.id)))
    sources = [piece for citation in entry.citations for piece in _citation_links(citation, index, page)]
    if sources:
        parts.append("Sources: " + ", ".join(sources))
    return "- " + " · ".join(parts)


class TimelineParts:
    """The parts of the timeline page and of topic pages' timelines, made once per build: each entry's
    list item once per folder of the pages listing it (its links are relative, so alike from one folder:
    the timeline page lists an entry under "All entries" and under each of its topics, and the topic
    pages, all in one folder, under each of its topics); each drawing once, and reused from the memo
    when its marks are as in the last build (a drawing is made from its arguments alone)."""

    def __init__(self, index: SiteIndex, memo: PageMemo | None = None):
        self.index, self.memo = index, memo or PageMemo()
        self.lines: dict[tuple[int, str], tuple[TimelineEntry, str]] = {}  # the entry held, so its id stays its own

    def line(self, entry: TimelineEntry, page: str) -> str:
        key = (id(entry), page.rpartition("/")[0])
        found = self.lines.get(key)
        if found is None:
            found = self.lines[key] = (entry, entry_line(entry, self.index, page))
        return found[1]

    def drawing(self, drawn: list[TimelineEntry], svg_id: str, title: str, description: str) -> str:
        """The drawing of ``drawn`` (oldest first). Its key is what the marks are made of (:func:`_mark`), as
        plain values: the marks themselves are made only for a drawing made again."""
        inputs = inputs_digest([(e.date.year, e.date.month, e.date.day, e.title, e.kind) for e in drawn],
                               svg_id, title, description)
        return self.memo.reuse_or_make(
            f"{DRAWINGS_PART}#{svg_id}", inputs,
            lambda: timeline_svg([_mark(e) for e in drawn], svg_id, title, description).encode("utf-8")).decode("utf-8")


def entry_list(entries: list[TimelineEntry], parts: TimelineParts, page: str) -> str:
    return "\n".join(parts.line(e, page) for e in entries) + "\n" if entries else ""


def _mark(entry: TimelineEntry) -> TimelineMark:
    """An entry's mark: made of its date, title and kind alone (:meth:`TimelineParts.drawing` keys on them)."""
    kind = KIND_LABELS[entry.kind]
    return TimelineMark(entry.date, shorten(entry.title, LABEL_CHARS),
                        f"{date_label(entry.date)} · {kind} · {entry.title}", entry.kind)


def timeline_figure(entries: list[TimelineEntry], svg_id: str, what: str, parts: TimelineParts) -> str:
    """The drawn axis for ``entries`` (newest first: :meth:`EventIndex.newest_first`), as a raw HTML block;
    the newest SVG_LIMIT are drawn."""
    if not entries:
        return ""
    drawn = sorted(entries[:SVG_LIMIT], key=TimelineEntry.sort_key)
    events = sum(1 for e in drawn if e.kind == "event")
    first, last = drawn[0].date.year, drawn[-1].date.year
    years = str(first) if first == last else f"{first} to {last}"
    shown = f"the newest {len(drawn)} of {len(entries)}" if len(drawn) < len(entries) else f"{len(drawn)}"
    description = (f"{shown} dated entries, {years}: {events} event{'s' if events != 1 else ''} from briefings "
                   f"and {len(drawn) - events} source publication{'s' if len(drawn) - events != 1 else ''}. "
                   "The same entries are listed with their sources below the drawing.")
    caption = ("Filled markers are events from briefings; outlined markers are source publications. "
               "A dot is a known day; a bar spans the month or the year when only that is known. "
               "Hover over a marker for its full title.")
    if len(drawn) < len(entries):
        caption += f" Showing the newest {len(drawn)} of {len(entries)} entries."
    svg = parts.drawing(drawn, svg_id, f"Timeline of {what}", description)
    return figure_block(svg, caption, "dpb-timeline-figure")


def _capped_list(ordered: list[TimelineEntry], limit: int, parts: TimelineParts, page: str) -> str:
    """The first ``limit`` of ``ordered`` (newest first), and how many are left out."""
    out = entry_list(ordered[:limit], parts, page)
    if len(ordered) > limit:
        out += f"\n…and {len(ordered) - limit} older entries, not listed here.\n"
    return out


def _topics_with_entries(index: SiteIndex) -> list[tuple[str, str, list[TimelineEntry]]]:
    """(id, name, entries newest first) of each topic with entries, by name."""
    found = [(t.id, t.name, index.events.newest_first(t.id)) for t in index.registry.topics.values()]
    return sorted([f for f in found if f[2]], key=lambda f: (f[1].lower(), f[0]))


def emit_timeline(index: SiteIndex, parts: TimelineParts | None = None) -> dict[str, str]:
    page = paths.TIMELINE
    parts = parts or TimelineParts(index)
    entries = index.events.newest_first()
    events = sum(1 for e in entries if e.kind == "event")
    out = [front_matter({"title": "Timeline",
                         "description": "Every dated event in our briefings and every source publication, newest first."}),
           "# Timeline\n\n",
           f"{len(entries)} dated entries, newest first: {events} event{'s' if events != 1 else ''} from our briefings, "
           f"each with the source paragraphs that report it, and {len(entries) - events} source publication"
           f"{'s' if len(entries) - events != 1 else ''}. Each date shows how precisely it is known: a day, a month, "
           "or only a year. We never invent a day the sources do not give.\n\n"]
    if not entries:
        out.append("No dated entries yet.\n")
        return {page: "".join(out)}
    out.append(timeline_figure(entries, "timeline-all", "all dated entries", parts))
    topics = _topics_with_entries(index)
    if topics:
        links = [f"[All entries](#{ALL_ANCHOR})"] + [f"[{escape(name)}](#{topic_anchor(tid)}) ({len(items)})"
                                                    for tid, name, items in topics]
        out.append("**Filter by topic:** " + " · ".join(links) + f"\n{{: #{FILTER_ANCHOR} }}\n\n")
    newest = ""
    if len(entries) > ALL_LIMIT:
        newest = (f"The newest {ALL_LIMIT} of {len(entries)} entries; the topic sections below and the "
                  f"{link('sources index', page, paths.SOURCES_INDEX)} reach older ones.\n\n")
    out.append(unsearched_section("All entries", newest + entry_list(entries[:ALL_LIMIT], parts, page),
                                  anchor=ALL_ANCHOR))
    for topic_id, name, items in topics:
        out.append(unsearched_section(escape(name), _capped_list(items, TOPIC_LIMIT, parts, page) + "\n\n"
                                      f"[Back to the topic filter](#{FILTER_ANCHOR}) · "
                                      f"{link('Topic page', page, paths.topic(topic_id))}", anchor=topic_anchor(topic_id)))
    return {page: "".join(out).rstrip("\n") + "\n"}


def topic_timeline_section(index: SiteIndex, topic_id: str, from_page: str, parts: TimelineParts | None = None) -> str:
    """A "## Timeline" section for a topic page: drawing plus newest-first list; "" when the topic has
    no dated entry (or is unknown)."""
    parts = parts or TimelineParts(index)
    entries = index.events.newest_first(topic_id)
    if not entries:
        return ""
    topic = index.registry.topics.get(topic_id)
    what = f"“{topic.name}”" if topic else topic_id
    body = [timeline_figure(entries, f"timeline-{topic_id}", f"entries on {what}", parts),
            _capped_list(entries, TOPIC_LIMIT, parts, from_page), "\n\n",
            link("This topic on the full timeline →", from_page, paths.TIMELINE, topic_anchor(topic_id))]
    return unsearched_section("Timeline", "".join(body))
