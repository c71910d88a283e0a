"""Citations become links to the cited paragraph of the source page."""
from __future__ import annotations

from build_tools.emit import paths
from build_tools.emit.markdown import escape, link
from build_tools.index.citations import CitingPlace
from build_tools.index.events import TimelineEntry
from build_tools.index.site import SiteIndex
from build_tools.model import Briefing, Citation, CitationMark


def source_numbers(briefing: Briefing) -> dict[str, int]:
    """Each source's number in the briefing's source list ([1], [2]...), in front-matter order."""
    return {source_id: i + 1 for i, source_id in enumerate(briefing.sources)}


def citing_anchor(place: CitingPlace, briefing: Briefing) -> str | None:
    """The id of the place in ``briefing`` that cites: its block, or its claim's or event's row."""
    if place.part == "claim":
        return paths.claim_anchor(place.position)
    if place.part == "event":
        return paths.event_anchor(place.position)
    return paths.anchor_of_block(briefing.blocks[place.position].kind, place.position)


def briefing_event_link(entry: TimelineEntry, index: SiteIndex, page: str) -> str:
    """A link to the briefing a dated event comes from, landing on the event's row in its "Key dates"."""
    assert entry.briefing_id is not None
    anchor = paths.event_anchor(entry.event_index) if entry.event_index is not None else None
    return link(escape(index.briefings[entry.briefing_id].title), page, paths.briefing(entry.briefing_id), anchor)


def paragraph_label(paragraphs: tuple[int, ...]) -> str:
    if not paragraphs:
        return ""
    runs: list[str] = []
    start = prev = paragraphs[0]
    for number in (*paragraphs[1:], None):
        if number is not None and number == prev + 1:
            prev = number
            continue
        runs.append(f"{start}" if start == prev else f"{start}–{prev}")
        if number is not None:
            start = prev = number
    return "¶" + ", ".join(runs)


def citation_link(citation: Citation, from_page: str, briefing: Briefing, index: SiteIndex) -> str:
    number = source_numbers(briefing).get(citation.source_id, 0)
    article = index.articles[citation.source_id]
    label = paragraph_label(citation.paragraphs)
    anchor = paths.paragraph_anchor(citation.paragraphs[0]) if citation.paragraphs else None
    title = article.label + (f", {label.replace('¶', 'paragraph ')}" if label else "")
    text = f"\\[{number}{' ' + label if label else ''}\\]"
    return link(text, from_page, paths.source(citation.source_id), anchor, title)


def paragraph_reference(index: SiteIndex, source_id: str, number: int, page: str) -> str:
    """``¶N``, linked to the paragraph on the source page when that page shows it (full text, or cited)."""
    if index.paragraph_shown(source_id, number):
        return link(f"¶{number}", page, paths.source(source_id), paths.paragraph_anchor(number))
    return f"¶{number}"


def render_mark(mark: CitationMark, from_page: str, briefing: Briefing, index: SiteIndex) -> str:
    """A mark as the parser read it: one link per cited source."""
    return "".join(citation_link(c, from_page, briefing, index) for c in mark.citations)
