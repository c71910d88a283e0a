"""Every amount, percentage and count in the sources, and the curated groups that set figures side by side."""
from __future__ import annotations

import re
from dataclasses import dataclass, field

from build_tools.errors import Problems
from build_tools.index.citations import GapsOfSources, check_citation
from build_tools.index.analysis import AnyAnalysis, ArticleAnalysis, find_article_figures
from build_tools.index.figures import FigureMention, find_figures
from build_tools.index.numbers import NumberToken, numbers_in
from build_tools.index.provenance import stated_texts
from build_tools.model import Article, Briefing, FigureGroup


@dataclass(frozen=True)
class FigureRecord:
    source_id: str
    paragraph: int
    figure: FigureMention
    sentence: str


@dataclass
class FigureIndex:
    """The figures found in the sources (read from each article's analysis when a page lists them: the
    figures page shows the newest few hundred of 150,000 at 10,000 sources) and the curated groups."""

    analyses: dict[str, AnyAnalysis] = field(default_factory=dict)  # source id -> analysis, newest source first
    groups: dict[str, FigureGroup] = field(default_factory=dict)

    @property
    def count(self) -> int:
        return sum(analysis.figure_count for analysis in self.analyses.values())

    @property
    def sources_with_figures(self) -> int:
        return sum(1 for analysis in self.analyses.values() if analysis.figure_count)

    def of_source(self, source_id: str) -> list[FigureRecord]:
        """One source's figures, in text order."""
        analysis = self.analyses.get(source_id)
        if analysis is None or not analysis.figure_count:
            return []
        found = [FigureRecord(source_id, number, figure, sentence) for number, figure, sentence in analysis.figures]
        found.sort(key=lambda record: (record.paragraph, record.figure.start))
        return found

    def newest(self, limit: int | None = None) -> list[FigureRecord]:
        """The figures of the newest sources first, each source's in text order; the first ``limit``."""
        records: list[FigureRecord] = []
        for source_id in self.analyses:
            if limit is not None and len(records) >= limit:
                break
            records += self.of_source(source_id)
        return records if limit is None else records[:limit]

    @property
    def records(self) -> list[FigureRecord]:
        return self.newest()


# Numbers a briefing states that are never a figure of the figures index.
_NOT_FIGURES = frozenset({"year", "fiscal year", "date", "ordinal"})


def _states(token: NumberToken, figure: FigureMention) -> bool:
    """Whether a number a briefing writes is this figure: the same value (and upper end of a range) in
    the same unit; a number written without a unit ("12", "seven million") is a count."""
    same_unit = token.unit == figure.unit or (token.unit is None and figure.kind == "count")
    return same_unit and (token.value, token.high) == (figure.value, figure.high)


def figures_stated_in(briefing: Briefing, figures: FigureIndex) -> list[FigureRecord]:
    """The figures of the paragraphs a briefing cites that the briefing states where it cites them (its
    "$1.2bn" is the source's "$1.2 billion"), each once, in the order the briefing first states them."""
    found: dict[tuple[str, int, int], FigureRecord] = {}
    of_source: dict[str, list[FigureRecord]] = {}
    for piece in stated_texts(briefing):
        tokens = [token for token in numbers_in(piece.text) if token.unit not in _NOT_FIGURES]
        for token in tokens:
            for citation in piece.citations:
                if citation.source_id not in of_source:
                    of_source[citation.source_id] = figures.of_source(citation.source_id)
                for record in of_source[citation.source_id]:
                    cited = not citation.paragraphs or record.paragraph in citation.paragraphs
                    if cited and _states(token, record.figure):
                        found.setdefault((record.source_id, record.paragraph, record.figure.start), record)
    return list(found.values())


def groups_comparing(briefing: Briefing, figures: FigureIndex) -> list[str]:
    """The curated groups (their ids, in the registry's order) with a figure from a paragraph the
    briefing cites: where the figures it relies on are set beside other sources'."""
    cited = {(c.source_id, n) for c in briefing.citations() for n in c.paragraphs}
    whole = {c.source_id for c in briefing.citations() if not c.paragraphs}
    return [group_id for group_id, group in figures.groups.items()
            if any(item.citation.source_id in whole
                   or any((item.citation.source_id, n) in cited for n in item.citation.paragraphs)
                   for item in group.items)]


def build_figure_index(articles: list[Article], groups: dict[str, FigureGroup], articles_by_id: dict[str, Article],
                       problems: Problems, analyses: dict[str, AnyAnalysis] | None = None) -> FigureIndex:
    """``articles``: newest first. ``analyses``: each article's figures, when already found (see
    :mod:`build_tools.index.analysis`)."""
    index = FigureIndex()
    for article in articles:
        index.analyses[article.id] = analyses[article.id] if analyses is not None else \
            ArticleAnalysis(figures=find_article_figures(article))
    check_figure_groups(groups, articles_by_id, problems)
    for group in groups.values():
        group.items.sort(key=lambda f: (f.date.sort_key(), f.citation.source_id))
    index.groups = groups
    return index


def check_figure_groups(groups: dict[str, FigureGroup], articles_by_id: dict[str, Article], problems: Problems,
                        gaps: GapsOfSources | None = None) -> None:
    """Each curated figure against the paragraph it cites: the text written there, the value that text
    states. ``gaps``: what cannot be checked while some sources were not read."""
    for group in groups.values():
        for item in group.items:
            if not check_citation(item.citation, articles_by_id, problems, gaps):
                continue
            if not item.citation.paragraphs:
                problems.add(item.citation.path, item.citation.line, "a curated figure must cite the paragraph that states it")
                continue
            texts = [articles_by_id[item.citation.source_id].paragraph(n).text for n in item.citation.paragraphs]  # type: ignore[union-attr]
            if not any(item.text in t for t in texts):
                problems.add(item.citation.path, item.citation.line,
                             f"'{item.text}' is not written in {item.citation.source_id} ¶"
                             f"{','.join(map(str, item.citation.paragraphs))}; copy the figure exactly as the source writes it")
                continue
            stated = _stated_figure(item.text, group.unit)
            if stated is not None and not _agrees(item.value, stated):
                problems.add(item.citation.path, item.citation.line,
                             f"'value' is {_digits(item.value)} but '{item.text}' is {_stated_range(stated)} {group.unit}; "
                             f"write the value in plain digits in the group's unit")


def _stated_figure(text: str, unit: str) -> tuple[float, float | None] | None:
    """The number (or range) a curated figure's text states in the group's unit, when the whole text is
    one figure the reader understands ('$5 billion', 'over $5bn', '$100-150 million'); None otherwise,
    so nothing is compared: another currency converted by hand, or a form read only in part ('Rs 1.5
    lakh crore' as 'Rs 1.5 lakh')."""
    figures = find_figures(text)
    if len(figures) != 1 or figures[0].unit.casefold() != unit.casefold():
        return None
    figure = figures[0]
    before = text[:figure.start].strip()
    after = text[figure.end:].strip(" .,;:")
    counted = figure.kind == "count" and _WORDS.fullmatch(after)  # "2.4 million freelancers"
    if (before and before.casefold() != figure.qualifier.casefold()) or (after and not counted):
        return None
    return figure.value, figure.high


_WORDS = re.compile(r"[^\W\d_]+(?:[\s-][^\W\d_]+)*")


def _agrees(value: float, stated: tuple[float, float | None]) -> bool:
    """The value is the stated number (up to the rounding of a figure written with a few significant
    digits) or within the stated range."""
    low, high = stated
    margin = 1e-6 * max(abs(value), abs(low), abs(high or 0))
    return low - margin <= value <= (high if high is not None else low) + margin


def _digits(value: float) -> str:
    return f"{value:,.0f}" if value == int(value) else f"{value:,}"


def _stated_range(stated: tuple[float, float | None]) -> str:
    low, high = stated
    return _digits(low) if high is None else f"{_digits(low)} to {_digits(high)}"
