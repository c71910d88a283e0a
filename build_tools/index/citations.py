"""Which briefing cites which source paragraph, validated against the sources."""
from __future__ import annotations

import difflib
from collections import defaultdict
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Literal

from build_tools.errors import Problems
from build_tools.index.plain_text import markdown_as_text
from build_tools.model import Article, Briefing, Citation, SourceGaps, remove_marks, without_line_markers

if TYPE_CHECKING:
    from build_tools.file_cache import FileCache


CitingPart = Literal["block", "claim", "event"]


@dataclass(frozen=True)
class CitingPlace:
    """One place in a briefing that cites a source: where, which paragraphs, and the citing text."""

    briefing_id: str
    part: CitingPart  # a block of the body, or a claim or event of the front matter
    position: int  # the block's, claim's or event's index in the briefing
    paragraphs: tuple[int, ...]
    context: str  # a block's text without its citation marks, or a claim's statement, an event's title


@dataclass
class CitationIndex:
    cited_by: dict[str, list[CitingPlace]] = field(default_factory=dict)
    cited_paragraphs: dict[str, set[int]] = field(default_factory=dict)

    def citing_briefings(self, source_id: str) -> list[str]:
        return sorted({place.briefing_id for place in self.cited_by.get(source_id, [])})


@dataclass
class GapsOfSources:
    """The citation checks' view of :class:`SourceGaps`: a citation of an id two articles claim is not
    checked (the id is reported where it is set), and one of an id not found while some source files
    could not be read may be meant for one of their articles: :meth:`report` reports it once per citing
    file and id, at its first line, naming those files."""

    gaps: SourceGaps = field(default_factory=SourceGaps)
    missing: dict[tuple[str, str], tuple[Citation, str]] = field(default_factory=dict)  # (file, id) -> first, hint

    def unchecked(self, citation: Citation) -> bool:
        return citation.source_id in self.gaps.duplicate_ids

    def note_missing(self, citation: Citation, hint: str) -> None:
        key = (citation.path, citation.source_id)
        if key not in self.missing or citation.line < self.missing[key][0].line:
            self.missing[key] = (citation, hint)

    def report(self, problems: Problems) -> None:
        if not self.missing:
            return
        files = self.gaps.unread_files
        named = files[0] if len(files) == 1 else ", ".join(files[:-1]) + " or " + files[-1]
        for citation, hint in self.missing.values():
            problems.add(citation.path, citation.line,
                         f"cites source '{citation.source_id}', which was not found{hint}; it may be an article of "
                         f"{named}, whose problems are reported too: fix {'them' if len(files) > 1 else 'it'} first "
                         f"(other citations of '{citation.source_id}' in this file are not reported until then)")


def check_citation(citation: Citation, articles: dict[str, Article], problems: Problems,
                   gaps: GapsOfSources | None = None) -> bool:
    """Records a problem and returns False if the citation names a missing source or paragraph (or one
    that ``gaps`` says cannot be checked)."""
    if gaps is not None and gaps.unchecked(citation):
        return False
    article = articles.get(citation.source_id)
    if article is None:
        close = difflib.get_close_matches(citation.source_id, list(articles), n=1)
        if gaps is not None and gaps.gaps.unread_files:
            gaps.note_missing(citation, f" (did you mean '{close[0]}'?)" if close else "")
            return False
        hint = f"; did you mean '{close[0]}'?" if close else "; check the id on the source's page or in content/sources/"
        problems.add(citation.path, citation.line, f"cites source '{citation.source_id}', which does not exist{hint}")
        return False
    count = len(article.paragraphs)
    for number in citation.paragraphs:
        if number > count:
            problems.add(
                citation.path, citation.line,
                f"cites source '{citation.source_id}' paragraph {number}, but that source has {count} paragraph{'s' if count != 1 else ''}",
            )
            return False
    return True


def build_citation_index(briefings: list[Briefing], articles: dict[str, Article], problems: Problems,
                         cache: FileCache | None = None, gaps: GapsOfSources | None = None) -> CitationIndex:
    """``cache``: the citing texts of each briefing file as the last build found them; ``gaps``: what
    cannot be checked while some sources were not read (see :class:`GapsOfSources`)."""
    index = CitationIndex()
    cited_by: dict[str, list[CitingPlace]] = defaultdict(list)
    cited: dict[str, set[int]] = defaultdict(set)
    for briefing in briefings:
        places: list[tuple[CitingPart, int, list[Citation], str]] = [
            ("block", i, block.citations, text or "")
            for i, (block, text) in enumerate(zip(briefing.blocks, citing_texts(briefing, cache)))]
        places += [("claim", i, claim.citations, claim.statement) for i, claim in enumerate(briefing.claims)]
        places += [("event", i, event.citations, event.title) for i, event in enumerate(briefing.events)]
        declared = None if "sources" in briefing.unchecked else set(briefing.sources)
        for part, position, citations, context in places:
            for citation in citations:
                if not check_citation(citation, articles, problems, gaps):
                    continue
                if declared is not None and citation.source_id not in declared:
                    problems.add(citation.path, citation.line,
                                 f"cites source '{citation.source_id}', which is not in the front matter's 'sources:' list; add it there")
                cited_by[citation.source_id].append(CitingPlace(briefing.id, part, position, citation.paragraphs, context))
                cited[citation.source_id].update(citation.paragraphs)
        for source_id in briefing.sources:
            if source_id not in articles:
                check_citation(Citation(source_id, (), briefing.path, briefing.field_lines.get("sources", 1)), articles,
                               problems, gaps)
    index.cited_by = dict(cited_by)
    index.cited_paragraphs = dict(cited)
    return index


def citing_texts(briefing: Briefing, cache: FileCache | None = None) -> list[str | None]:
    """The text of each block of ``briefing`` as readers read it (:func:`markdown_as_text`), None for a block
    that cites nothing. Kept in ``cache`` per briefing file: converting Markdown is the costly part."""
    def make() -> list[str | None]:
        return [markdown_as_text(without_line_markers(remove_marks(block.text, block.marks))) if block.citations else None
                for block in briefing.blocks]

    if cache is None or not briefing.made_from:
        return make()
    return cache.derived_value(f"citing texts\0{briefing.made_from}", make, lambda value: (
        isinstance(value, list) and len(value) == len(briefing.blocks) and all(t is None or isinstance(t, str) for t in value)))
