"""Records shared by every stage. Parsers create them; the index and emitters only read them."""
from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Callable, Literal, overload

from build_tools.model.dates import PartialDate

ParagraphKind = Literal["text", "heading", "item"]
EntityType = Literal["organisation", "person", "place", "measure"]
ClaimantType = Literal["government", "regulator", "industry", "civil-society", "international-body", "other"]
MeasureStatus = Literal["announced", "adopted", "in-force", "suspended", "revoked"]


@dataclass(frozen=True)
class Paragraph:
    """One body block of an article; ``number`` (1-based) is what citations point at."""

    number: int
    text: str
    line: int
    kind: ParagraphKind = "text"


class StoredParagraphs(Sequence[Paragraph]):
    """An article's paragraphs as the per-file cache keeps them (:mod:`build_tools.file_cache`): their
    number at once, the paragraphs themselves read (``load``) when first used. A build after one added
    source reads back 10,000 articles; most of their 85,000 paragraphs are only shown by pages it does not
    make again, and checked through digests kept elsewhere. Equal to any sequence of the same paragraphs;
    pickled as a list."""

    __slots__ = ("_count", "_load", "_items")

    def __init__(self, count: int, load: Callable[[], list[Paragraph]]):
        self._count = count
        self._load: Callable[[], list[Paragraph]] | None = load
        self._items: list[Paragraph] | None = None

    def _all(self) -> list[Paragraph]:
        if self._items is None:
            assert self._load is not None
            items = self._load()
            if len(items) != self._count:
                raise ValueError(f"{len(items)} paragraphs were read back where {self._count} were stored")
            self._items, self._load = items, None
        return self._items

    def __len__(self) -> int:
        return self._count

    @overload
    def __getitem__(self, position: int) -> Paragraph: ...

    @overload
    def __getitem__(self, position: slice) -> list[Paragraph]: ...

    def __getitem__(self, position: int | slice) -> Paragraph | list[Paragraph]:
        return self._all()[position]

    def __iter__(self):  # type: ignore[no-untyped-def]
        return iter(self._all())

    def __eq__(self, other: object) -> bool:
        if not isinstance(other, Sequence) or isinstance(other, (str, bytes)):
            return NotImplemented
        return len(other) == self._count and list(other) == self._all()

    __hash__ = None  # type: ignore[assignment]  # equal to a list, which is unhashable

    def __repr__(self) -> str:
        return repr(self._all())

    def __reduce__(self) -> tuple:
        return list, (self._all(),)


@dataclass
class Article:
    """One article. A source file holds one or more; each becomes one source page."""

    id: str
    path: str
    line: int
    title: str | None
    date: PartialDate | None
    publisher: str | None
    author: str | None
    dateline: str | None
    key_points: list[str]
    paragraphs: Sequence[Paragraph]  # a list, or StoredParagraphs when read back from the per-file cache
    url: str | None = None
    licence: str | None = None
    full_text: bool = False
    language: str = "en"
    summary: str | None = None
    topics: list[str] = field(default_factory=list)
    # field name -> (path, line) of the line that set it (in the sidecar, or the front matter of a .md
    # source), so a problem with the value is reported there
    set_at: dict[str, tuple[str, int]] = field(default_factory=dict)
    # a digest of what the parser made it from (the file's bytes, its sidecar's, its display path) and
    # its place in the file: with the code, it decides every field, so later stages can tell an unchanged
    # article without comparing its fields; empty when unknown (an article made outside a source file)
    made_from: str = ""

    def where(self, field_name: str) -> tuple[str, int]:
        """The file and line a problem with ``field_name`` is reported at: the line that set it, else the
        article's start in its source file."""
        return self.set_at.get(field_name, (self.path, self.line))

    def fix_in(self, field_name: str) -> str:
        """Where a contributor corrects ``field_name``, in words: where it was set, else where it can be."""
        path = self.where(field_name)[0]
        return "the front matter" if path.endswith(".md") else "the sidecar"

    def paragraph(self, number: int) -> Paragraph | None:
        if 1 <= number <= len(self.paragraphs):
            return self.paragraphs[number - 1]
        return None

    @property
    def label(self) -> str:
        """A short reader-facing name: ``Arab News, 13 November 2025``."""
        parts = [self.publisher or "Unknown publisher"]
        if self.date:
            parts.append(self.date.display())
        return ", ".join(parts)


@dataclass(frozen=True)
class Citation:
    """``[@source-id:3-4]`` in a briefing: a source and some of its paragraphs (none = whole source)."""

    source_id: str
    paragraphs: tuple[int, ...]
    path: str
    line: int


@dataclass(frozen=True)
class CitationMark:
    """One ``[@...]`` in a briefing block: its offsets in the block's text and the citations it holds."""

    start: int
    end: int
    citations: tuple[Citation, ...]


def remove_marks(text: str, marks: tuple[CitationMark, ...], start: int = 0, end: int | None = None) -> str:
    """``text[start:end]`` without the citation ``marks`` in it (``marks`` in text order)."""
    end = len(text) if end is None else end
    pieces = []
    position = start
    for mark in marks:
        if mark.end <= position or mark.start >= end:
            continue
        pieces.append(text[position:mark.start])
        position = mark.end
    pieces.append(text[position:end])
    return "".join(pieces)


_LINE_MARKER = re.compile(r"^[ \t]{0,3}(?:#{1,6}[ \t]+|>[ \t]?|(?P<item>(?:[-*+]|[0-9]{1,2}[.)])[ \t]+))")


_ITEM_ENDS = (";", ",", ".", ":", "!", "?", "؛", "۔")


def without_line_markers(text: str) -> str:
    """A block's words without the Markdown that starts its lines ('### ', '- ', '1. ', '> '), for quoting
    it as plain text (the quote is escaped, so the markers would show as written); list items after the
    first are set apart by '; ' unless the item before ends in punctuation of its own."""
    lines = []
    for line in text.split("\n"):
        marker = _LINE_MARKER.match(line)
        if marker is None:
            lines.append(line)
            continue
        rest = line[marker.end():]
        # "by 2030;" / "- 50,000 projects": an item that ends in its own punctuation needs no more
        set_apart = marker.group("item") and lines and lines[-1].strip() and not lines[-1].rstrip().endswith(_ITEM_ENDS)
        lines.append(f"; {rest}" if set_apart else rest)
    return "\n".join(lines).replace("\n; ", "; ")


PROSE_BLOCK_KINDS = ("paragraph", "list", "quote")  # blocks that state facts, so must cite


@dataclass
class BriefingBlock:
    """One block of a briefing body (paragraph, heading, list, quote, table) as written, with its citation
    marks in text order (the parser found and validated them; emitters render these, never the text's
    ``[@...]``)."""

    text: str
    line: int
    kind: Literal["paragraph", "heading", "list", "quote", "table", "other"]
    marks: tuple[CitationMark, ...] = ()
    # the file line of each line of ``text`` when they do not follow one another (the lines of a comment
    # left out mid-paragraph); empty when they do
    line_numbers: tuple[int, ...] = ()

    @property
    def citations(self) -> list[Citation]:
        return [citation for mark in self.marks for citation in mark.citations]

    @property
    def is_prose(self) -> bool:
        return self.kind in PROSE_BLOCK_KINDS

    def line_of(self, index: int) -> int:
        """The file line of line ``index`` (from 0) of ``text``."""
        return self.line_numbers[index] if self.line_numbers else self.line + index


@dataclass
class Claim:
    """Who said what on a contested point, with the source that reports it."""

    claimant: str
    claimant_type: ClaimantType
    point: str
    statement: str
    citations: list[Citation]
    path: str
    line: int
    statement_line: int | None = None  # where a problem in the statement's words is reported


@dataclass
class Event:
    """A dated happening; a measure's status change when ``status`` is set."""

    date: PartialDate
    title: str
    citations: list[Citation]
    path: str
    line: int
    entities: list[str] = field(default_factory=list)
    topics: list[str] = field(default_factory=list)
    status: MeasureStatus | None = None
    measure: str | None = None
    title_line: int | None = None  # where a problem in the title's words is reported


@dataclass
class Briefing:
    """A hand-written briefing: front matter plus a body whose paragraphs cite sources."""

    id: str
    path: str
    title: str
    date: PartialDate
    summary: str
    topics: list[str]
    sources: list[str]
    key_points: list[str]
    blocks: list[BriefingBlock]
    updated: PartialDate | None = None
    verified: PartialDate | None = None
    why_it_matters: str | None = None
    entities: list[str] = field(default_factory=list)
    claims: list[Claim] = field(default_factory=list)
    events: list[Event] = field(default_factory=list)
    field_lines: dict[str, int] = field(default_factory=dict)
    # Set only on a briefing with problems of its own (``Corpus.unfinished_briefings``): the front-matter
    # fields that could not be read (left empty here), and "body" when a citation mark in the body could
    # not be read, so the checks that would rely on them do not run and report follow-on mistakes.
    unchecked: frozenset[str] = frozenset()
    # a digest of what the parser made it from (its file's text and display path), as
    # :attr:`Article.made_from`; empty when unknown (a briefing made outside a briefing file)
    made_from: str = ""

    @property
    def last_updated(self) -> PartialDate:
        return self.updated or self.date

    def citations(self) -> list[Citation]:
        found = [c for block in self.blocks for c in block.citations]
        found += [c for claim in self.claims for c in claim.citations]
        found += [c for event in self.events for c in event.citations]
        return found


@dataclass
class Entity:
    """An organisation, person, place or measure from the registry."""

    id: str
    name: str
    type: EntityType
    description: str
    path: str
    line: int
    aliases: list[str] = field(default_factory=list)
    abbreviation: str | None = None
    topics: list[str] = field(default_factory=list)
    url: str | None = None
    short_names: list[str] = field(default_factory=list)


@dataclass
class Topic:
    id: str
    name: str
    description: str
    path: str
    line: int


@dataclass
class FigureGroup:
    """A curated metric (e.g. IT exports) whose figures from several sources sit side by side."""

    id: str
    label: str
    unit: str
    description: str
    path: str
    line: int
    items: list["CuratedFigure"] = field(default_factory=list)


@dataclass
class CuratedFigure:
    value: float
    text: str
    period: str
    date: PartialDate
    citation: Citation
    note: str | None = None


@dataclass
class Registry:
    entities: dict[str, Entity] = field(default_factory=dict)
    topics: dict[str, Topic] = field(default_factory=dict)
    abbreviations: dict[str, str] = field(default_factory=dict)
    figure_groups: dict[str, FigureGroup] = field(default_factory=dict)
    # Ids of entries that are in the registry files but were rejected (their problems already reported),
    # so references to them are not reported a second time as unknown ids.
    rejected_entities: set[str] = field(default_factory=set)
    rejected_topics: set[str] = field(default_factory=set)
    # Registry files that could not be read at all (missing, bad YAML, not a list; reported): no id in
    # them can be checked, so every reference to one is taken as valid rather than reported again.
    unread_files: set[str] = field(default_factory=set)

    def names_entity(self, entity_id: str) -> bool:
        return entity_id in self.entities or entity_id in self.rejected_entities or "entities.yml" in self.unread_files

    def names_topic(self, topic_id: str) -> bool:
        return topic_id in self.topics or topic_id in self.rejected_topics or "topics.yml" in self.unread_files


@dataclass(frozen=True)
class PinnedParagraph:
    """One entry of content/pinned-paragraphs.yml: the text a source paragraph had when it was pinned for a
    file citing it, so a change to the source file or to the way it is read cannot silently point a
    citation at other text."""

    cited_in: str  # the citing file, as problems name it: briefings/x.md, content/registry/figures.yml
    source_id: str
    paragraph: int
    digest: str   # of the paragraph's text, words joined by single spaces (index/pins.py:paragraph_digest)
    starts: str   # its first words, for messages and for reading the file
    path: str
    line: int


@dataclass
class StaticPage:
    """A hand-written page (about, methodology) copied into the site as it is."""

    path: str
    name: str
    text: str


@dataclass(frozen=True)
class SourceGaps:
    """What the citation checks cannot know when the sources were not all read (each gap is reported
    where it is): the articles of a file that failed to parse are missing, so a citation of an id not
    found may be meant for one of them; and a citation of an id two articles claim may be meant for
    either."""

    unread_files: tuple[str, ...] = ()  # as shown in problems
    duplicate_ids: frozenset[str] = frozenset()


@dataclass
class Corpus:
    """Everything the parsers produced, before any cross-referencing."""

    articles: list[Article] = field(default_factory=list)
    briefings: list[Briefing] = field(default_factory=list)
    registry: Registry = field(default_factory=Registry)
    pages: list[StaticPage] = field(default_factory=list)
    # Briefings with problems of their own, as far as they could be read: checked against the registry
    # and the sources too, so one pass reports all of a file's mistakes; never indexed or shown.
    unfinished_briefings: list[Briefing] = field(default_factory=list)
    # The source files that failed to parse and the ids two articles claim (both reported): what the
    # citation checks cannot know (see SourceGaps).
    source_gaps: SourceGaps = field(default_factory=SourceGaps)
    # (citing file, source id, paragraph) -> the text it had when pinned
    pinned: dict[tuple[str, str, int], PinnedParagraph] = field(default_factory=dict)
    pins_complete: bool = True  # False when the pins file could not be read whole (then none is required)
