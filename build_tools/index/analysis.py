"""What the index finds in one article on its own: registry mentions and figures.

Each depends only on the article's title and paragraphs (and, for mentions, on the registry's names),
so it can be cached per article (:mod:`build_tools.file_cache`); the site-wide indexes are then
assembled from these results in article order.
"""
from __future__ import annotations

import hashlib
import json
from dataclasses import dataclass, field
from functools import partial
from typing import TYPE_CHECKING, Any, Callable, Iterable

from build_tools import progress
from build_tools.index.figures import FigureMention, find_figures
from build_tools.index.mentions import Mention, MentionMatcher, sentence_around
from build_tools.model import Article, Briefing, Entity

if TYPE_CHECKING:
    from build_tools.file_cache import FileCache


@dataclass
class ArticleAnalysis:
    # paragraph number (0 = the title) -> its mentions, in text order; paragraphs without any are absent
    mentions: dict[int, list[Mention]] = field(default_factory=dict)
    # (paragraph number, figure, the sentence around it), in text order
    figures: list[tuple[int, FigureMention, str]] = field(default_factory=list)

    @property
    def entities(self) -> list[str]:
        """The entities named, in order of first mention."""
        return list(dict.fromkeys(mention.entity_id for found in self.mentions.values() for mention in found))

    @property
    def figure_count(self) -> int:
        return len(self.figures)


class StoredAnalysis:
    """An analysis read back from the per-file cache: what every build uses of every article (the entities
    it names, how many figures it has) at once; its mentions and figures, which only the pages made
    again show, when first asked for. At 10,000 sources reading every article's 500,000 mentions and
    figures back cost half a second of each build.

    ``read(part)`` reads a part ("mentions", "figures") back (None when it cannot); ``analyse()`` finds
    both parts again from the article, for a part that cannot be read."""

    def __init__(self, entities: list[str], figure_count: int, read: Callable[[str], Any],
                 analyse: Callable[[], ArticleAnalysis]):
        self.entities = entities
        self.figure_count = figure_count
        self._read = read
        self._analyse = analyse
        self._found: dict[str, Any] = {}

    @property
    def mentions(self) -> dict[int, list[Mention]]:
        return self._part("mentions", dict)

    @property
    def figures(self) -> list[tuple[int, FigureMention, str]]:
        return self._part("figures", list)

    def _part(self, name: str, kind: type) -> Any:
        if name not in self._found:
            value = self._read(name)
            if not isinstance(value, kind):
                value = getattr(self._analyse(), name)
            self._found[name] = value
        return self._found[name]


AnyAnalysis = ArticleAnalysis | StoredAnalysis


# The keys of an article's texts besides its paragraphs (numbered from 1): a writer in the byline, a
# city in the dateline are the article's mentions too (their entity pages were otherwise empty).
TITLE, BYLINE, DATELINE = 0, -1, -2


def searched_texts(article: Article) -> list[tuple[int, str]]:
    """(key, text) of what mentions are looked for in, in reading order: the title, the byline, the
    dateline, then the paragraphs by number."""
    texts = [(key, text) for key, text in ((TITLE, article.title), (BYLINE, article.author), (DATELINE, article.dateline))
             if text]
    return texts + [(p.number, p.text) for p in article.paragraphs]


def find_page_mentions(texts: list[tuple[int, str]], matcher: MentionMatcher) -> dict[int, list[Mention]]:
    """The mentions in each text of one page; a person's short name resolves across the page's texts."""
    page_mentions: dict[int, list[Mention]] = {}
    known: set[str] = set()
    for key, searchable in texts:
        found = matcher.find(searchable, known=known)
        if found:
            page_mentions[key] = found
            known.update(mention.entity_id for mention in found)
    return page_mentions


def find_article_figures(article: Article) -> list[tuple[int, FigureMention, str]]:
    return [(paragraph.number, figure, sentence_around(paragraph.text, figure.start, figure.end))
            for paragraph in article.paragraphs for figure in find_figures(paragraph.text)]


def analyse_article(article: Article, matcher: MentionMatcher) -> ArticleAnalysis:
    return ArticleAnalysis(find_page_mentions(searched_texts(article), matcher), find_article_figures(article))


def matcher_fingerprint(entities: Iterable[Entity]) -> str:
    """The SHA-256 (hex) of everything about the registry that decides what :class:`MentionMatcher` finds,
    in registry order (a digest: it is part of every article's cache key, and the names run to kilobytes)."""
    names = json.dumps([[e.id, e.name, list(e.aliases), e.abbreviation, list(e.short_names)] for e in entities],
                       ensure_ascii=False)
    return hashlib.sha256(names.encode("utf-8", "surrogatepass")).hexdigest()


def analyse_articles(articles: list[Article], matcher: MentionMatcher, fingerprint: str,
                     cache: FileCache | None = None) -> dict[str, AnyAnalysis]:
    """Article id -> its analysis; taken from ``cache`` where the article and registry are unchanged."""
    shown = progress.items(articles, "Finding names and figures in sources")
    if cache is None:
        return {article.id: analyse_article(article, matcher) for article in shown}
    from build_tools.file_cache import analysis_key, analysis_key_of_parsed

    analyses: dict[str, AnyAnalysis] = {}
    for article in shown:
        # what the parser made the article from decides its texts (hashing those of every article cost more)
        key = analysis_key_of_parsed(fingerprint, article.made_from) if article.made_from else \
            analysis_key(fingerprint, article.title, searched_texts(article))
        analyses[article.id] = _kept_analysis(cache, key, partial(analyse_article, article, matcher))
    return analyses


def analyse_briefings(briefings: list[Briefing], find: Callable[[Briefing], ArticleAnalysis], fingerprint: str,
                      cache: FileCache | None = None) -> dict[str, AnyAnalysis]:
    """Briefing id -> the mentions ``find`` finds in it; taken from ``cache`` where the briefing's file
    (:attr:`Briefing.made_from`) and the registry are unchanged."""
    if cache is None:
        return {briefing.id: find(briefing) for briefing in briefings}
    from build_tools.file_cache import briefing_analysis_key

    # kept whole in the cache's entries: every build reads every briefing's mentions
    return {briefing.id: _kept_analysis(cache, briefing_analysis_key(fingerprint, briefing.made_from), partial(find, briefing),
                                        parts_inline=True)
            if briefing.made_from else find(briefing) for briefing in briefings}


def _kept_analysis(cache: FileCache, key: str, analyse: Callable[[], ArticleAnalysis], *,
                   parts_inline: bool = False) -> AnyAnalysis:
    analysis = cache.article_analysis(key, analyse)
    if analysis is None:
        analysis = analyse()
        cache.keep_analysis(key, analysis, parts_inline=parts_inline)
    return analysis
