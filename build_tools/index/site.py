"""The site index: the parsed corpus plus every cross-reference the emitters need.

Built once per build from a :class:`Corpus`; emitters read only this.
"""
from __future__ import annotations

import hashlib
from collections import defaultdict
from dataclasses import dataclass, field
from functools import lru_cache, partial
from typing import TYPE_CHECKING

from build_tools.checked_store import canonical_pickle
from build_tools.errors import Problems
from build_tools.index.analysis import analyse_articles, analyse_briefings, matcher_fingerprint
from build_tools.index.citations import CitationIndex, GapsOfSources, build_citation_index
from build_tools.index.entities import MentionIndex, build_mention_index, check_entity_references, find_briefing_mentions
from build_tools.index.events import EventIndex, build_event_index
from build_tools.index.key_figures import FigureIndex, build_figure_index, check_figure_groups
from build_tools.index.mentions import MentionMatcher
from build_tools.index.pins import ParagraphDigests, PinRule, check_pinned_paragraphs
from build_tools.index.provenance import check_briefing_numbers
from build_tools.index.related import RelatedItem, RelatedState, related_items
from build_tools.index.suggest import likely_id
from build_tools.model import Article, Briefing, Corpus, PinnedParagraph, Registry, StaticPage
from build_tools.model.forms import is_reserved_id
from build_tools.parse.registry import glossary

if TYPE_CHECKING:
    from build_tools.file_cache import FileCache

PARAGRAPH_DIGESTS = "paragraph-digests"  # the per-file cache's index state of cited paragraphs' digests

@dataclass
class SiteIndex:
    articles: dict[str, Article]          # newest first
    briefings: dict[str, Briefing]        # newest first
    registry: Registry
    pages: list[StaticPage]
    citations: CitationIndex
    mentions: MentionIndex
    events: EventIndex
    figures: FigureIndex
    briefings_by_topic: dict[str, list[str]] = field(default_factory=dict)
    articles_by_topic: dict[str, list[str]] = field(default_factory=dict)
    topics_of_article: dict[str, list[str]] = field(default_factory=dict)
    related_briefings: dict[str, list[tuple[str, float]]] = field(default_factory=dict)
    related_sources: dict[str, list[tuple[str, float]]] = field(default_factory=dict)
    glossary: dict[str, str] = field(default_factory=dict)
    pinned: dict[tuple[str, str, int], PinnedParagraph] = field(default_factory=dict)

    def paragraph_shown(self, source_id: str, number: int) -> bool:
        """Whether the source page shows (and anchors) this paragraph: full text, or cited somewhere."""
        article = self.articles[source_id]
        return number > 0 and (article.full_text or number in self.citations.cited_paragraphs.get(source_id, set()))


def _newest_first_articles(articles: list[Article]) -> dict[str, Article]:
    ordered = sorted(articles, key=lambda a: (a.date.sort_key() if a.date else (0, 0, 0), a.id), reverse=True)
    return {a.id: a for a in ordered}


def _newest_first_briefings(briefings: list[Briefing]) -> dict[str, Briefing]:
    ordered = sorted(briefings, key=lambda b: (b.last_updated.sort_key(), b.id), reverse=True)
    return {b.id: b for b in ordered}


def check_ids(corpus: Corpus, problems: Problems) -> None:
    """Ids become page addresses: none may take a name the generator reserves for its own pages."""
    for article in corpus.articles:
        if is_reserved_id(article.id):
            problems.add(*article.where("id"), f"'{article.id}' is a reserved name and cannot be a source id; choose another in {article.fix_in('id')}")
    for entity in corpus.registry.entities.values():
        if is_reserved_id(entity.id):
            problems.add(entity.path, entity.line, f"'{entity.id}' is a reserved name and cannot be an entity id; choose another")
    for topic in corpus.registry.topics.values():
        if is_reserved_id(topic.id):
            problems.add(topic.path, topic.line, f"'{topic.id}' is a reserved name and cannot be a topic id; choose another")
    for briefing in [*corpus.briefings, *corpus.unfinished_briefings]:
        if is_reserved_id(briefing.id):
            problems.add(briefing.path, None, f"'{briefing.id}.md' is a reserved name for a briefing; rename the file")


def check_topics(corpus: Corpus, problems: Problems) -> None:
    registry = corpus.registry
    names = {topic.id: (topic.name,) for topic in registry.topics.values()}
    known = ", ".join(sorted(registry.topics)) or "none are defined yet"

    def check(topic: str, path: str, line: int | None) -> None:
        if registry.names_topic(topic):
            return
        guess = likely_id(topic, names)
        hint = (f"did you mean '{guess}' ({registry.topics[guess].name})? If not, add it there or fix the id" if guess
                else f"known topics: {known}")
        problems.add(path, line, f"topic '{topic}' is not in content/registry/topics.yml; {hint}")

    for briefing in [*corpus.briefings, *corpus.unfinished_briefings]:
        for topic in briefing.topics:
            check(topic, briefing.path, briefing.field_lines.get("topics"))
        for event in briefing.events:
            for topic in event.topics:
                check(topic, briefing.path, event.line)
    for article in corpus.articles:
        for topic in article.topics:
            check(topic, *article.where("topics"))


def check_briefing_titles(briefings: list[Briefing], problems: Problems) -> None:
    """Readers tell briefings apart by their titles (listings, search, the feed): briefings with the same
    title (often a copy meant as a start) are each reported at their title, naming the others."""
    by_title: dict[str, list[Briefing]] = defaultdict(list)
    for briefing in briefings:
        if "title" not in briefing.unchecked:
            by_title[" ".join(briefing.title.split()).casefold()].append(briefing)
    for same in by_title.values():
        for briefing in same:
            others = sorted(other.path for other in same if other is not briefing)
            if others:
                problems.add(briefing.path, briefing.field_lines.get("title"),
                             f"this title is also the title of {_and_list(others)}; give each briefing its own title")


def _and_list(items: list[str]) -> str:
    return items[0] if len(items) == 1 else ", ".join(items[:-1]) + " and " + items[-1]


def check_references(corpus: Corpus) -> Problems:
    """Checks of ids, topics and briefing titles that hold even when part of the corpus failed to parse."""
    problems = Problems()
    check_ids(corpus, problems)
    check_topics(corpus, problems)
    check_briefing_titles([*corpus.briefings, *corpus.unfinished_briefings], problems)
    check_entity_references([*corpus.briefings, *corpus.unfinished_briefings], corpus.registry, problems)
    return problems


def check_citations(corpus: Corpus, pins: PinRule = "check") -> Problems:
    """The checks of every briefing's citations and numbers and of the curated figures against the
    sources (and the pins of the paragraphs they cite), for a corpus that failed to parse elsewhere (a
    briefing, the registry, a source): they run on unfinished briefings too. What a source that failed
    to parse leaves unknown is not checked (:class:`GapsOfSources`), and a briefing citing an id two
    articles claim is not checked for numbers."""
    problems = Problems()
    gaps = GapsOfSources(corpus.source_gaps)
    duplicates = corpus.source_gaps.duplicate_ids
    articles = {article.id: article for article in corpus.articles if article.id not in duplicates}
    briefings = [*corpus.briefings, *corpus.unfinished_briefings]
    build_citation_index(briefings, articles, problems, gaps=gaps)
    unknown = {path for path, _ in gaps.missing}  # files citing an id that may be an unread file's
    checkable = [b for b in briefings
                 if b.path not in unknown and not any(c.source_id in duplicates for c in b.citations())]
    check_numbers_where_cited(checkable, articles, problems)
    check_figure_groups(corpus.registry.figure_groups, articles, problems, gaps)
    check_pinned_paragraphs(briefings, corpus.registry.figure_groups, articles, corpus.pinned, problems,
                            pin_rule(corpus, pins), every_file_read=False)
    gaps.report(problems)
    return problems


def pin_rule(corpus: Corpus, pins: PinRule) -> PinRule:
    """While the pins file cannot be read whole (reported), no pin is required: every citation would look
    unpinned."""
    return "check" if pins == "require" and not corpus.pins_complete else pins


def check_numbers_where_cited(briefings: list[Briefing], articles: dict[str, Article], problems: Problems,
                              cache: FileCache | None = None) -> None:
    """Each briefing's numbers against the paragraphs it cites, once every citation of its file resolves
    (``problems`` holds those of the citations) and its body was read whole. ``cache``: the briefings
    whose check found nothing in an earlier build, with the same text and the same cited sources, are
    not checked again."""
    unresolved = {problem.path for problem in problems}
    for briefing in briefings:
        if briefing.path in unresolved or "body" in briefing.unchecked:
            continue
        key = numbers_check_key(briefing, articles) if cache is not None else None
        if key is not None and cache.check_passed(key):  # type: ignore[union-attr]
            continue
        found = Problems()
        check_briefing_numbers(briefing, articles, found)
        problems.extend(found)
        if key is not None and not found:
            cache.keep_check_passed(key)  # type: ignore[union-attr]


def numbers_check_key(briefing: Briefing, articles: dict[str, Article]) -> str:
    """What a briefing's number check reads: the briefing (which :attr:`Briefing.made_from` decides), and the
    sources it cites (their paragraphs and dates, which :attr:`Article.made_from` decides)."""
    cited = sorted({citation.source_id for citation in briefing.citations()})
    sources = [(source_id, articles[source_id].made_from or canonical_pickle(articles[source_id])) for source_id in cited]
    return hashlib.sha256(canonical_pickle(("numbers", briefing.made_from or briefing, sources))).hexdigest()


def build_site_index(corpus: Corpus, cache: FileCache | None = None, pins: PinRule = "check") -> tuple[SiteIndex, Problems]:
    """``cache``: per-article mentions and figures from earlier builds (see :mod:`build_tools.file_cache`);
    ``pins``: how cited paragraphs are checked against content/pinned-paragraphs.yml."""
    problems = check_references(corpus)
    articles = _newest_first_articles(corpus.articles)
    briefings = _newest_first_briefings(corpus.briefings)
    citation_problems = Problems()
    citations = build_citation_index(list(briefings.values()), articles, citation_problems, cache)
    check_numbers_where_cited(list(briefings.values()), articles, citation_problems, cache)
    known = ParagraphDigests.from_plain(cache.index_state(PARAGRAPH_DIGESTS)) if cache is not None else None
    check_pinned_paragraphs(briefings.values(), corpus.registry.figure_groups, articles, corpus.pinned,
                            citation_problems, pin_rule(corpus, pins), known=known)
    if cache is not None and known is not None:
        cache.keep_index_state(PARAGRAPH_DIGESTS, known.to_plain())
    problems.extend(citation_problems)
    by_topic: dict[str, list[str]] = defaultdict(list)
    for briefing in briefings.values():
        for topic in briefing.topics:
            by_topic[topic].append(briefing.id)
    articles_by_topic: dict[str, list[str]] = defaultdict(list)
    topics_of_article: dict[str, list[str]] = {}
    for article in articles.values():
        # its own topics (sidecar or front matter); a source without any takes those of the briefings citing
        # it (the briefings' topics are broader: a source on VPN blocking cited by an AI-policy briefing
        # is not about AI policy)
        topics = set(article.topics) or {t for b in citations.citing_briefings(article.id) for t in briefings[b].topics}
        topics_of_article[article.id] = sorted(topics)
        for topic in topics_of_article[article.id]:
            articles_by_topic[topic].append(article.id)
    matcher = MentionMatcher(corpus.registry.entities.values())
    fingerprint = matcher_fingerprint(corpus.registry.entities.values())
    analyses = analyse_articles(list(articles.values()), matcher, fingerprint, cache)
    briefing_analyses = analyse_briefings(list(briefings.values()), partial(find_briefing_mentions, matcher=matcher),
                                          fingerprint, cache)
    mentions = build_mention_index(list(articles.values()), list(briefings.values()), corpus.registry, analyses, matcher,
                                   briefing_analyses)
    article_entities = {a: mentions.entities_on_page.get(("source", a), []) for a in articles}
    events = build_event_index(list(articles.values()), list(briefings.values()), topics_of_article, article_entities)
    figures = build_figure_index(list(articles.values()), corpus.registry.figure_groups, articles, problems, analyses)
    for group in figures.groups.values():  # a curated figure's paragraph is shown on its source page too
        for item in group.items:
            if item.citation.source_id in articles:
                citations.cited_paragraphs.setdefault(item.citation.source_id, set()).update(
                    n for n in item.citation.paragraphs if n <= len(articles[item.citation.source_id].paragraphs))
    index = SiteIndex(
        articles=articles, briefings=briefings, registry=corpus.registry, pages=corpus.pages, citations=citations,
        mentions=mentions, events=events, figures=figures, glossary=glossary(corpus.registry),
        briefings_by_topic=dict(by_topic), articles_by_topic=dict(articles_by_topic), topics_of_article=topics_of_article,
        pinned=corpus.pinned,
    )
    index.related_briefings = _related("briefings", [
        RelatedItem(b.id, _features(b.topics, mentions.entities_on_page.get(("briefing", b.id), [])), b.date)
        for b in briefings.values()], cache)
    index.related_sources = _related("sources", [
        RelatedItem(a.id, _features(topics_of_article[a.id], article_entities[a.id]), a.date)
        for a in articles.values()], cache)
    return index, problems


def _related(kind: str, items: list[RelatedItem], cache: FileCache | None) -> dict[str, list[tuple[str, float]]]:
    """Related items, starting from the last build's (kept in the per-file cache) where they cannot differ."""
    previous = RelatedState.from_plain(cache.index_state(f"related-{kind}")) if cache is not None else None
    related, state = related_items(items, previous=previous)
    if cache is not None:
        cache.keep_index_state(f"related-{kind}", state.to_plain())
    return related


def _features(topics: list[str], entities: list[str]) -> frozenset[tuple[str, str]]:
    return frozenset([*map(_topic_feature, topics), *map(_entity_feature, entities)])


@lru_cache(maxsize=None)
def _topic_feature(topic_id: str) -> tuple[str, str]:
    return "topic", topic_id


@lru_cache(maxsize=None)
def _entity_feature(entity_id: str) -> tuple[str, str]:
    # one tuple per entity, not one per item naming it (300,000 at 10,000 sources)
    return "entity", entity_id
