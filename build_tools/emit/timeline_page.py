"""The timeline page (the newest dated events and source publications, with a drawn axis, and the
archive by month that lists every one), and the "Timeline" section of a topic page.

Lists run newest first: readers come for what changed lately, and when a list is capped the newest
entries are the ones kept. The drawing runs left to right, oldest to newest, like any time axis.
Every entry is listed on the archive's page of the month its date falls in (as every source is in the
sources archive), so an added source changes the timeline page and its own month's page, not a list of
every entry; each topic's entries are on its topic page.
"""
from __future__ import annotations

from typing import Sequence

from build_tools.emit import paths
from build_tools.emit.citations import briefing_event_link
from build_tools.emit.archive import Archive, Shelf, archive_lines, emit_archive, shelves_of
from build_tools.emit.linking import AbbreviationDefinitions
from build_tools.emit.markdown import (UNSEARCHED_CLOSE, UNSEARCHED_OPEN, escape, front_matter, link, status_label,
                                       unsearched_heading, unsearched_section)
from build_tools.emit.page_memo import PageMemo, Section, inputs_digest, record_inputs
from build_tools.emit.svg import TimelineMark, figure_block, shorten, timeline_svg
from build_tools.emit.writer import FileBytes
from build_tools.index.events import TimelineEntry
from build_tools.index.site import SiteIndex
from build_tools.model import Citation, PartialDate

NEWEST_LIMIT = 100   # entries listed under "Newest entries"
TOPIC_LIMIT = 100    # entries listed in a topic page's timeline (the newest)
SVG_LIMIT = 80       # markers drawn (the newest)
LABEL_CHARS = 34
NEWEST_ANCHOR = "newest-entries"
ARCHIVE_ANCHOR = "archive-by-month"
TOPICS_ANCHOR = "by-topic"
TOPIC_TIMELINE_ANCHOR = "timeline"  # the "## Timeline" section of a topic page
TIMELINE = Archive(paths.TIMELINE_ARCHIVE, paths.TIMELINE, "Timeline", "entry", "entries")
DRAWINGS_PART = "timeline-drawings"  # the memo's paths of the drawings: DRAWINGS_PART#svg-id
LIST_PART = "+entries"  # the memo's paths of a page's lists of entries: PAGE#+entries-<list>

PRECISION_LABELS = {"year": "year only", "month": "month", "day": "day"}
KIND_LABELS = {"event": "Event", "publication": "Source published"}


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
        parts.append("Briefing: " + briefing_event_link(entry, index, page))
    sources = [piece for citation in entry.citations for piece in _citation_links(citation, index, page)]
    if sources:
        parts.append("Sources: " + ", ".join(sources))
    return "- " + " · ".join(parts)


class TimelineParts:
    """The parts of the timeline page and of topic pages' timelines. Each list of entries is a memoized
    section (:meth:`PageMemo.section`) of one line per entry, so a build makes and scans for
    abbreviations only the lines of entries new or changed since the last (the timeline page lists the
    newest 100, every topic page 100 of its own); each entry's inputs are made once per build, and key
    the archive's pages too.
    Each drawing is made once, and reused from the memo when its marks are as in the last build (a
    drawing is made from its arguments alone)."""

    def __init__(self, index: SiteIndex, memo: PageMemo | None = None, tooltips: AbbreviationDefinitions | None = None):
        self.index, self.memo = index, memo or PageMemo()
        self.tooltips = tooltips or AbbreviationDefinitions(index.glossary)
        self._parts: dict[int, tuple[TimelineEntry, str, bytes]] = {}  # the entry held, so its id stays its own
        self._event_names: dict[int, str] | None = None

    def entries_section(self, entries: list[TimelineEntry], page: str, name: str) -> Section:
        """The list items of ``entries`` on ``page``, one line each, as the section ``name`` of the page."""
        return self.memo.section(f"{page}#{LIST_PART}-{name}", [self.part(entry) for entry in entries],
                                 lambda number: (entry_line(entries[number], self.index, page) + "\n").encode("utf-8"),
                                 lambda line: self.tooltips.used_in(line.decode("utf-8")))

    def part(self, entry: TimelineEntry) -> tuple[str, bytes]:
        """An entry's name in a list and the digest of what its line shows (:func:`entry_line`)."""
        found = self._parts.get(id(entry))
        if found is None:
            found = self._parts[id(entry)] = (entry, self._name(entry), self._inputs(entry))
        return found[1], found[2]

    def _name(self, entry: TimelineEntry) -> str:
        if entry.kind == "publication":
            return f"source:{entry.source_id}"
        if self._event_names is None:  # a briefing's events numbered in timeline order
            counts: dict[str | None, int] = {}
            self._event_names = {}
            for event in self.index.events.timeline:
                if event.kind == "event":
                    counts[event.briefing_id] = counts.get(event.briefing_id, 0) + 1
                    self._event_names[id(event)] = f"event:{event.briefing_id}:{counts[event.briefing_id]}"
        return self._event_names.get(id(entry)) or f"event:{entry.briefing_id}:{entry.title}"

    def _inputs(self, entry: TimelineEntry) -> bytes:
        index, memo = self.index, self.memo
        date = f"{entry.date.year}-{entry.date.month}-{entry.date.day}"
        article = index.articles.get(entry.source_id or "")
        if entry.kind == "publication" and article is not None and not entry.citations and not entry.measure:
            # made from the article alone (build_tools.index.events)
            return record_inputs(memo.digest_of(article), "\0".join(["publication", entry.title, date]))
        briefing = index.briefings.get(entry.briefing_id or "")
        citations = [(c.source_id, c.paragraphs, memo.digest_of(index.articles[c.source_id]),
                      [index.paragraph_shown(c.source_id, n) for n in c.paragraphs])
                     if c.source_id in index.articles else (c.source_id, c.paragraphs) for c in entry.citations]
        return inputs_digest(entry.kind, entry.title, date, entry.source_id, article is not None, entry.measure,
                             entry.status, memo.digest_of(briefing) if briefing is not None else None, citations)

    def drawing(self, drawn: list[TimelineEntry], svg_id: str, title: str, description: str, caption: str) -> str:
        """The figure drawing ``drawn`` (oldest first). Its key is what the marks are made of (:func:`_mark`),
        as plain values: the marks themselves are made only for a drawing made again."""
        inputs = inputs_digest([(e.date.year, e.date.month, e.date.day, e.title, e.kind) for e in drawn],
                               svg_id, title, description, caption)
        return self.memo.reuse_or_make(
            f"{DRAWINGS_PART}#{svg_id}", inputs,
            lambda: figure_block(timeline_svg([_mark(e) for e in drawn], svg_id, title, description), caption,
                                 "dpb-timeline-figure").encode("utf-8")).decode("utf-8")


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
    return parts.drawing(drawn, svg_id, f"Timeline of {what}", description, caption)


def _capped_list(ordered: list[TimelineEntry], limit: int, parts: TimelineParts, page: str,
                 name: str) -> list[str | Section]:
    """The first ``limit`` of ``ordered`` (newest first), and where the others are."""
    out: list[str | Section] = [parts.entries_section(ordered[:limit], page, name)]
    if len(ordered) > limit:
        out.append(f"\n…and {len(ordered) - limit} older entries, listed in the "
                   f"{link('archive by month', page, paths.TIMELINE, ARCHIVE_ANCHOR)}.\n")
    return out


def _unsearched_pieces(heading: str, body: list[str | Section], *, anchor: str | None = None) -> list[str | Section]:
    """:func:`build_tools.emit.markdown.unsearched_section` of a body in pieces, which starts and ends with
    text; a section in it ends with one line break (a list's last line), which a body ending there loses."""
    first, last = body[0], body[-1]
    assert isinstance(first, str) and isinstance(last, str) and len(body) > 1
    tail = last.rstrip("\n")
    return [UNSEARCHED_OPEN + f"{unsearched_heading(heading, anchor=anchor)}\n\n{first}", *body[1:-1],
            tail + UNSEARCHED_CLOSE if tail else UNSEARCHED_CLOSE[1:]]


def _topics_with_entries(index: SiteIndex) -> list[tuple[str, str, list[TimelineEntry]]]:
    """(id, name, entries newest first) of each topic with entries, by name."""
    found = [(t.id, t.name, index.events.newest_first(t.id)) for t in index.registry.topics.values()]
    return sorted([f for f in found if f[2]], key=lambda f: (f[1].lower(), f[0]))


def emit_timeline(index: SiteIndex, parts: TimelineParts | None = None) -> dict[str, FileBytes]:
    """The timeline page and its archive's pages, encoded, with the definitions of the abbreviations they
    use: the page made from its pieces only when they differ from the last build's (:meth:`PageMemo.page`,
    as an entity page is), an archive page only when its entries' inputs changed."""
    parts = parts or TimelineParts(index)
    entries = index.events.newest_first()
    shelves = shelves_of(entries, TIMELINE)
    pages = {paths.TIMELINE: parts.tooltips.memo_page(parts.memo, paths.TIMELINE, timeline_pieces(index, parts, shelves))}

    def render(chunk: Sequence[TimelineEntry], page: str) -> str:
        return "".join(entry_line(entry, index, page) + "\n" for entry in chunk)

    def shelf_entries(shelf: Shelf[TimelineEntry]) -> list[tuple[str, bytes]]:
        return [parts.part(entry) for entry in shelf.items]

    pages.update(emit_archive(shelves, render, shelf_entries, parts.memo, parts.tooltips))
    return pages


def timeline_pieces(index: SiteIndex, parts: TimelineParts, shelves: list[Shelf[TimelineEntry]]) -> list[str | Section]:
    page = paths.TIMELINE
    entries = index.events.newest_first()
    events = sum(1 for e in entries if e.kind == "event")
    newest = min(len(entries), NEWEST_LIMIT)
    out: list[str | Section] = [
        front_matter({"title": "Timeline",
                      "description": "Every dated event in our briefings and every source publication, newest first."}),
        "# Timeline\n\n",
        f"{len(entries)} dated entries: {events} event{'s' if events != 1 else ''} from our briefings, "
        f"each with the source paragraphs that report it, and {len(entries) - events} source publication"
        f"{'s' if len(entries) - events != 1 else ''}. Each date shows how precisely it is known: a day, a month, "
        "or only a year. We never invent a day the sources do not give.\n\n"]
    if not entries:
        out.append("No dated entries yet.\n")
        return out
    out.append(timeline_figure(entries, "timeline-all", "all dated entries", parts))
    jumps = [f"[Newest entries](#{NEWEST_ANCHOR})", f"[Archive by month](#{ARCHIVE_ANCHOR})"]
    topics = _topics_with_entries(index)
    out.append(" · ".join(jumps) + "\n\n")
    if topics:
        links = [f"{link(escape(name), page, paths.topic(tid), TOPIC_TIMELINE_ANCHOR)} ({len(items)})"
                 for tid, name, items in topics]
        out.append("**By topic** (each topic page's timeline): " + " · ".join(links) + f"\n{{: #{TOPICS_ANCHOR} }}\n\n")
    intro = (f"The newest {newest} of {len(entries)}, newest first; the archive by month lists every entry.\n\n"
             if newest < len(entries) else "")
    out += _unsearched_pieces("Newest entries", [intro, parts.entries_section(entries[:newest], page, "newest"), ""],
                              anchor=NEWEST_ANCHOR)
    out.append(unsearched_section("Archive by month", archive_lines(shelves, page), anchor=ARCHIVE_ANCHOR))
    return out


def topic_timeline_section(index: SiteIndex, topic_id: str, from_page: str, parts: TimelineParts | None = None) -> list[str | Section]:
    """A "## Timeline" section for a topic page, in pieces: drawing plus newest-first list; none when the
    topic has no dated entry (or is unknown)."""
    parts = parts or TimelineParts(index)
    entries = index.events.newest_first(topic_id)
    if not entries:
        return []
    topic = index.registry.topics.get(topic_id)
    what = f"“{topic.name}”" if topic else topic_id
    body = [timeline_figure(entries, f"timeline-{topic_id}", f"entries on {what}", parts),
            *_capped_list(entries, TOPIC_LIMIT, parts, from_page, "timeline"), "\n\n",
            link("Every dated entry, by month →", from_page, paths.TIMELINE, ARCHIVE_ANCHOR)]
    return _unsearched_pieces("Timeline", _join_text(body))


def _join_text(pieces: list[str | Section]) -> list[str | Section]:
    """``pieces`` with each run of texts joined into one."""
    out: list[str | Section] = []
    for piece in pieces:
        if isinstance(piece, str) and out and isinstance(out[-1], str):
            out[-1] += piece
        else:
            out.append(piece)
    return out
