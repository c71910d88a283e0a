"""Every amount, percentage and count in the sources, and the curated groups that set figures side by side."""
from __future__ import annotations

from dataclasses import dataclass, field

from build_tools.errors import Problems
from build_tools.index.citations import check_citation
from build_tools.index.analysis import ArticleAnalysis, find_article_figures
from build_tools.index.figures import FigureMention, find_figures
from build_tools.model import Article, FigureGroup


@dataclass(frozen=True)
class FigureRecord:
    source_id: str
    paragraph: int
    figure: FigureMention
    sentence: str


@dataclass
class FigureIndex:
    records: list[FigureRecord] = field(default_factory=list)
    by_source: dict[str, list[FigureRecord]] = field(default_factory=dict)
    groups: dict[str, FigureGroup] = field(default_factory=dict)


def build_figure_index(articles: list[Article], groups: dict[str, FigureGroup], articles_by_id: dict[str, Article],
                       problems: Problems, analyses: dict[str, ArticleAnalysis] | None = None) -> FigureIndex:
    """``analyses``: each article's figures, when already found (see :mod:`build_tools.index.analysis`)."""
    index = FigureIndex()
    for article in articles:
        figures = analyses[article.id].figures if analyses is not None else find_article_figures(article)
        found = [FigureRecord(article.id, number, figure, sentence) for number, figure, sentence in figures]
        if found:
            index.by_source[article.id] = found
            index.records.extend(found)
    check_figure_groups(groups, articles_by_id, problems)
    for group in groups.values():
        group.items.sort(key=lambda f: (f.date.sort_key(), f.citation.source_id))
    index.groups = groups
    return index


def check_figure_groups(groups: dict[str, FigureGroup], articles_by_id: dict[str, Article], problems: Problems) -> None:
    """Each curated figure against the paragraph it cites: the text written there, the value that text states."""
    for group in groups.values():
        for item in group.items:
            if not check_citation(item.citation, articles_by_id, problems):
                continue
            if not item.citation.paragraphs:
                problems.add(item.citation.path, item.citation.line, "a curated figure must cite the paragraph that states it")
                continue
            texts = [articles_by_id[item.citation.source_id].paragraph(n).text for n in item.citation.paragraphs]  # type: ignore[union-attr]
            if not any(item.text in t for t in texts):
                problems.add(item.citation.path, item.citation.line,
                             f"'{item.text}' is not written in {item.citation.source_id} ¶"
                             f"{','.join(map(str, item.citation.paragraphs))}; copy the figure exactly as the source writes it")
            stated = _stated_value(item.text, group.unit)
            if stated is not None and not _close(item.value, stated):
                problems.add(item.citation.path, item.citation.line,
                             f"'value' is {item.value:,.10g} but '{item.text}' is {stated:,.10g} {group.unit}; write the "
                             f"value in plain digits in the group's unit ({item.text} -> {stated:.10g})")


def _stated_value(text: str, unit: str) -> float | None:
    """The number a curated figure's text states in the group's unit, when the text has one in that unit
    (a figure given in another currency, converted by hand, is not compared)."""
    for figure in find_figures(text):
        if figure.unit.casefold() == unit.casefold():
            return figure.value
    return None


def _close(value: float, stated: float) -> bool:
    """Equal up to the rounding of a figure written with a few significant digits."""
    return abs(value - stated) <= 1e-6 * max(abs(value), abs(stated))
