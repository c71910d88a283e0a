"""Cited paragraphs against their pins (``content/pinned-paragraphs.yml``).

A citation names a paragraph by its number. In a ``.txt`` page dump or a saved ``.html`` page the numbers
come from how the parser splits the file, so a better parser (or a source file saved again) can renumber
them, and every citation after the change would point at other text without any check failing. A pin
keeps a digest of the text each cited paragraph had when it was pinned; a paragraph whose text no longer
matches stops the build at the citation, with the paragraph that text is now, when it is still there.
"""
from __future__ import annotations

import hashlib
from typing import Iterable, Iterator, Literal

from build_tools.errors import Problems
from build_tools.model import Article, Briefing, Citation, FigureGroup, PinnedParagraph
from build_tools.parse.pins import pin_line

# "check": a pinned paragraph must still have its text; "require": every cited paragraph must also be
# pinned (`briefing check --require-pins`, run by CI); "ignore": neither (`briefing pin` itself).
PinRule = Literal["check", "require", "ignore"]
OPENING_WORDS = 8
DIGEST_LENGTH = 12


def paragraph_digest(text: str) -> str:
    """The digest of a paragraph's words: a change of spacing or line breaks alone does not change it."""
    return hashlib.sha256(" ".join(text.split()).encode("utf-8")).hexdigest()[:DIGEST_LENGTH]


def opening_words(text: str) -> str:
    words = text.split()
    return " ".join(words[:OPENING_WORDS]) + ("…" if len(words) > OPENING_WORDS else "")


def all_citations(briefings: Iterable[Briefing], figure_groups: dict[str, FigureGroup]) -> Iterator[Citation]:
    """Every citation of the briefings (body, claims, events) and of the curated figures, in file order."""
    for briefing in briefings:
        yield from briefing.citations()
    for group in figure_groups.values():
        for item in group.items:
            yield item.citation


def cited_paragraph_numbers(citation: Citation, articles: dict[str, Article]) -> list[int]:
    """The paragraphs of ``citation`` its source has (a missing source or paragraph is reported elsewhere)."""
    article = articles.get(citation.source_id)
    if article is None:
        return []
    return [n for n in citation.paragraphs if 1 <= n <= len(article.paragraphs)]


def check_pinned_paragraphs(briefings: Iterable[Briefing], figure_groups: dict[str, FigureGroup],
                            articles: dict[str, Article], pinned: dict[tuple[str, int], PinnedParagraph],
                            problems: Problems, rule: PinRule = "check") -> None:
    if rule == "ignore":
        return
    digests: dict[str, list[str]] = {}  # source id -> its paragraphs' digests, made only for a mismatch
    for citation in all_citations(briefings, figure_groups):
        for number in cited_paragraph_numbers(citation, articles):
            text = articles[citation.source_id].paragraphs[number - 1].text
            pin = pinned.get((citation.source_id, number))
            if pin is None:
                if rule == "require":
                    problems.add(citation.path, citation.line, _not_pinned(pin_of(citation.source_id, number, text, "", 0)))
            elif paragraph_digest(text) != pin.digest:
                if citation.source_id not in digests:
                    digests[citation.source_id] = [paragraph_digest(p.text) for p in articles[citation.source_id].paragraphs]
                problems.add(citation.path, citation.line, _changed(pin, text, digests[citation.source_id]))


def _changed(pin: PinnedParagraph, text: str, digests: list[str]) -> str:
    moved_to = [n for n, digest in enumerate(digests, start=1) if digest == pin.digest]
    said = f"paragraph {pin.paragraph} of source '{pin.source_id}'"
    if moved_to:
        now = " or ".join(str(n) for n in moved_to)
        return (f"cites {said}, but the text pinned for it (“{pin.starts}”) is now paragraph {now}: the source "
                f"file, or the way it is read, changed. Cite {now} instead of {pin.paragraph} here; if paragraph "
                f"{pin.paragraph} is the one meant, run `briefing pin` to pin its new text")
    return (f"cites {said}, whose text changed since it was pinned: it began “{pin.starts}” and now begins "
            f"“{opening_words(text)}”. Check that the citation still fits, then run `briefing pin` to pin the new text")


def _not_pinned(pin: PinnedParagraph) -> str:
    # the line to add is given too: a contributor in GitHub's web editor cannot run `briefing pin`
    return (f"cites paragraph {pin.paragraph} of source '{pin.source_id}', which is not pinned; run `briefing pin`, "
            f"or add this line to content/pinned-paragraphs.yml: {pin_line(pin)}")


def pin_of(source_id: str, number: int, text: str, path: str, line: int) -> PinnedParagraph:
    return PinnedParagraph(source_id, number, paragraph_digest(text), opening_words(text), path, line)


def cited_paragraphs(briefings: Iterable[Briefing], figure_groups: dict[str, FigureGroup],
                     articles: dict[str, Article]) -> set[tuple[str, int]]:
    """(source id, paragraph) of every paragraph cited now."""
    return {(citation.source_id, number)
            for citation in all_citations(briefings, figure_groups)
            for number in cited_paragraph_numbers(citation, articles)}


def current_pins(briefings: Iterable[Briefing], figure_groups: dict[str, FigureGroup], articles: dict[str, Article],
                 path: str, first_line: int) -> list[PinnedParagraph]:
    """A pin of every paragraph cited now, with the text it has now, by source id and paragraph: the lines
    of ``path`` from ``first_line`` on."""
    pins = []
    for line, (source_id, number) in enumerate(sorted(cited_paragraphs(briefings, figure_groups, articles)), start=first_line):
        pins.append(pin_of(source_id, number, articles[source_id].paragraphs[number - 1].text, path, line))
    return pins
