"""Number provenance: every number a briefing states must appear in the paragraphs it cites."""
from __future__ import annotations

from build_tools.errors import Problems
from build_tools.index.numbers import unsupported_numbers
from build_tools.model import Article, Briefing, Citation


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


def _describe(citations: list[Citation]) -> str:
    parts = [f"{c.source_id} ¶{','.join(map(str, c.paragraphs))}" if c.paragraphs else c.source_id for c in citations]
    return "; ".join(parts)


def check_numbers(text: str, citations: list[Citation], articles: dict[str, Article], path: str, line: int,
                  problems: Problems) -> None:
    if not citations:
        return
    for token in unsupported_numbers(text, cited_texts(citations, articles)):
        problems.add(path, line, f"the number '{token.text}' does not appear in the paragraphs cited here "
                                 f"({_describe(citations)}); cite the paragraph that states it, or correct the number")


def check_briefing_numbers(briefing: Briefing, articles: dict[str, Article], problems: Problems) -> None:
    for block in briefing.blocks:
        if block.kind in ("paragraph", "list", "quote"):
            check_numbers(block.text, block.citations, articles, briefing.path, block.line, problems)
    for claim in briefing.claims:
        check_numbers(claim.statement, claim.citations, articles, claim.path, claim.line, problems)
    for event in briefing.events:
        check_numbers(event.title, event.citations, articles, event.path, event.line, problems)
