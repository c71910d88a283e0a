"""Citations become links to the cited paragraph of the source page."""
from __future__ import annotations

from build_tools.emit import paths
from build_tools.emit.markdown import link
from build_tools.index.site import SiteIndex
from build_tools.model import Briefing, Citation, CitationMark


def source_numbers(briefing: Briefing) -> dict[str, int]:
    """Each source's number in the briefing's source list ([1], [2]...), in front-matter order."""
    return {source_id: i + 1 for i, source_id in enumerate(briefing.sources)}


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
