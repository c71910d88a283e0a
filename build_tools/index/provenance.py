"""Number provenance: every number a briefing states must appear in the paragraphs it cites."""
from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Callable, Iterator

from build_tools.errors import Problems
from build_tools.index.numbers import unsupported_numbers
from build_tools.model import Article, Briefing, BriefingBlock, Citation


def cited_texts(citations: list[Citation], articles: dict[str, Article]) -> list[str]:
    texts: list[str] = []
    for citation in citations:
        article = articles.get(citation.source_id)
        if article is None:
            continue
        numbers = citation.paragraphs or tuple(range(1, len(article.paragraphs) + 1))
        texts += [p.text for n in numbers if (p := article.paragraph(n))]
        if not citation.paragraphs and article.date:
            texts.append(article.date.display())
    return texts


_TABLE_SEPARATOR = re.compile(r"^\s*\|?\s*:?-+:?\s*(?:\|\s*:?-+:?\s*)*\|?\s*$")


def table_rows(block: BriefingBlock) -> Iterator[tuple[str, int, list[Citation]]]:
    """Each body row of a table block, its line, and what it cites: its own marks, or, for a row that
    has none, every citation in the table (a table may cite once, in its last row). The header row
    names columns and states no facts."""
    lines = block.text.split("\n")
    has_header = len(lines) > 1 and _TABLE_SEPARATOR.match(lines[1]) is not None
    row_start = 0
    for number, row in enumerate(lines):
        row_end = row_start + len(row)
        if not (number == 0 and has_header) and not _TABLE_SEPARATOR.match(row):
            own = [c for mark in block.marks if row_start <= mark.start < row_end for c in mark.citations]
            yield row, block.line_of(number), own or block.citations
        row_start = row_end + 1


def _describe(citations: list[Citation]) -> str:
    parts = [f"{c.source_id} ¶{','.join(map(str, c.paragraphs))}" if c.paragraphs else c.source_id for c in citations]
    return "; ".join(dict.fromkeys(parts))  # each once, in order


def check_numbers(text: str, citations: list[Citation], articles: dict[str, Article], path: str,
                  line: int | Callable[[int], int], problems: Problems) -> None:
    """``line``: the text's line, or the file line of a given line (from 0) of the text."""
    if not citations:
        return
    for token in unsupported_numbers(text, cited_texts(citations, articles)):
        where = line(text.count("\n", 0, token.start)) if callable(line) else line
        problems.add(path, where, f"the number '{token.text}' does not appear in the paragraphs cited here "
                                  f"({_describe(citations)}); cite the paragraph that states it, or correct the number")


@dataclass(frozen=True)
class StatedText:
    """A piece of a briefing that states facts and cites for them: a prose block, a table row, a claim's
    statement or an event's title. ``line``: its file line, or the file line of a given line (from 0) of
    ``text``."""

    text: str
    citations: list[Citation]
    path: str
    line: int | Callable[[int], int]


def stated_texts(briefing: Briefing) -> Iterator[StatedText]:
    """Every piece of ``briefing`` whose numbers its citations must state, in page order."""
    for block in briefing.blocks:
        if block.is_prose:  # a number is reported on its own line of the paragraph
            yield StatedText(block.text, block.citations, briefing.path, block.line_of)
        elif block.kind == "table":
            for row, line, citations in table_rows(block):
                yield StatedText(row, citations, briefing.path, line)
    for claim in briefing.claims:
        yield StatedText(claim.statement, claim.citations, claim.path, claim.statement_line or claim.line)
    for event in briefing.events:
        yield StatedText(event.title, event.citations, event.path, event.title_line or event.line)


def check_briefing_numbers(briefing: Briefing, articles: dict[str, Article], problems: Problems) -> None:
    for piece in stated_texts(briefing):
        check_numbers(piece.text, piece.citations, articles, piece.path, piece.line, problems)
