"""Where each registry entity is mentioned, who says what, and which entities appear together."""
from __future__ import annotations

import re
from collections import Counter, defaultdict
from dataclasses import dataclass, field
from itertools import permutations
from typing import Literal

from build_tools.errors import Problems
from build_tools.index.analysis import AnyAnalysis, ArticleAnalysis, find_page_mentions, searched_texts
from build_tools.index.mentions import Mention, MentionMatcher, one_line, sentence_bounds
from build_tools.index.suggest import likely_id
from build_tools.index.plain_text import markdown_as_text
from build_tools.model import Article, Briefing, BriefingBlock, CitationMark, Claim, Registry, remove_marks, without_line_markers
from build_tools.parse.citations import CODE_SPAN

PageKind = Literal["source", "briefing"]
# Markdown a mention must not be linked inside (besides the block's citation marks): code, links,
# images, HTML entities and tags, attribute lists.
_PROTECTED = re.compile(CODE_SPAN.pattern + r"|!?\[[^\]\n]*\]\([^)\n]*\)|&[#a-zA-Z0-9]+;|<[^>\n]*>|\{[^}\n]*\}")


@dataclass(frozen=True)
class MentionPlace:
    """An entity named in one paragraph of a source (from 1; the title is 0, the byline -1, the dateline -2,
    see :mod:`build_tools.index.analysis`) or in a block of a briefing (0-based position).

    Offsets, not the sentence: context sentences are cut only for the mentions a page shows, which at
    10,000 sources is a small share of all mentions.
    """

    entity_id: str
    page_kind: PageKind
    page_id: str
    paragraph: int
    start: int
    end: int


@dataclass
class EntityMentions:
    """Where one entity is named: each briefing's places (briefings by id; a briefing's places in text
    order) and the sources naming it, newest first as the site lists them. A source's places are looked
    up when a page shows them (:meth:`MentionIndex.places_in`): at 10,000 sources, making a record of
    each of the 500,000 mentions in sources cost more than everything that uses them."""

    briefings: dict[str, list[MentionPlace]] = field(default_factory=dict)
    sources: list[str] = field(default_factory=list)

    @property
    def page_count(self) -> int:
        return len(self.briefings) + len(self.sources)


@dataclass
class MentionIndex:
    by_entity: dict[str, EntityMentions] = field(default_factory=dict)
    # briefing id -> block -> mentions in that block's text
    in_briefings: dict[str, dict[int, list[Mention]]] = field(default_factory=dict)
    # source id -> its analysis, whose mentions are read when a page asks for them
    in_sources: dict[str, AnyAnalysis] = field(default_factory=dict)
    # (kind, id) -> entity ids in order of first appearance
    entities_on_page: dict[tuple[PageKind, str], list[str]] = field(default_factory=dict)
    co_mentions: dict[str, list[tuple[str, int]]] = field(default_factory=dict)
    claims_by_entity: dict[str, list[tuple[str, int, Claim]]] = field(default_factory=dict)  # briefing, claim's index, claim

    def on_page(self, kind: PageKind, page_id: str) -> dict[int, list[Mention]]:
        """Paragraph (or block) -> the mentions in its text, for linking on the page."""
        if kind == "briefing":
            return self.in_briefings.get(page_id, {})
        analysis = self.in_sources.get(page_id)
        return analysis.mentions if analysis is not None else {}

    def places_in(self, entity_id: str, kind: PageKind, page_id: str) -> list[MentionPlace]:
        """Where one page names the entity, in text order (its title, byline and dateline first)."""
        places = [MentionPlace(entity_id, kind, page_id, key, mention.start, mention.end)
                  for key, found in self.on_page(kind, page_id).items()
                  for mention in found if mention.entity_id == entity_id]
        places.sort(key=_text_order)
        return places


def briefing_search_text(block: BriefingBlock) -> str:
    """The block text with protected Markdown and its citation marks blanked out (same length), so
    offsets stay valid and no mention overlaps a mark (the page cuts the text at the marks)."""
    text = _PROTECTED.sub(lambda m: " " * len(m.group(0)), block.text)
    for mark in block.marks:
        text = text[:mark.start] + " " * (mark.end - mark.start) + text[mark.end:]
    return text


def _record(index: MentionIndex, kind: PageKind, page_id: str, order: list[str]) -> None:
    """Adds one page's entities (in order of first mention) to the index."""
    index.entities_on_page[(kind, page_id)] = order
    for entity_id in order:
        naming = index.by_entity.get(entity_id) or index.by_entity.setdefault(entity_id, EntityMentions())
        if kind == "source":
            naming.sources.append(page_id)
        else:
            naming.briefings[page_id] = index.places_in(entity_id, kind, page_id)


def context_sentence(text: str, place: MentionPlace, marks: tuple[CitationMark, ...] = (), markdown: bool = False) -> str:
    """The sentence around a mention, on one line, without the citation ``marks`` of ``text``; of a briefing
    block (``markdown``), also without its Markdown (line markers, emphasis, links, code)."""
    start, end = sentence_bounds(text, place.start, place.end)
    sentence = remove_marks(text, marks, start, end)
    return one_line(markdown_as_text(without_line_markers(sentence)) if markdown else sentence)


def find_briefing_mentions(briefing: Briefing, matcher: MentionMatcher) -> ArticleAnalysis:
    """The mentions in a briefing's blocks (tables and other blocks are not searched)."""
    texts = [(i, briefing_search_text(b)) for i, b in enumerate(briefing.blocks) if b.kind not in ("table", "other")]
    return ArticleAnalysis(find_page_mentions(texts, matcher))


def build_mention_index(articles: list[Article], briefings: list[Briefing], registry: Registry,
                        analyses: dict[str, AnyAnalysis] | None = None,
                        matcher: MentionMatcher | None = None,
                        briefing_analyses: dict[str, AnyAnalysis] | None = None) -> MentionIndex:
    """``analyses``, ``briefing_analyses``: each article's and briefing's mentions, when already found (see
    :mod:`build_tools.index.analysis`). ``articles`` come in the site's order (newest first), which
    :class:`EntityMentions` keeps."""
    matcher = matcher or MentionMatcher(registry.entities.values())
    index = MentionIndex()
    for article in articles:
        if analyses is not None:
            analysis = analyses[article.id]
        else:
            analysis = ArticleAnalysis(find_page_mentions(searched_texts(article), matcher))
        index.in_sources[article.id] = analysis
        _record(index, "source", article.id, analysis.entities)
    for briefing in briefings:
        found = briefing_analyses[briefing.id] if briefing_analyses is not None else find_briefing_mentions(briefing, matcher)
        index.in_briefings[briefing.id] = found.mentions
        _record(index, "briefing", briefing.id, found.entities)
        order = index.entities_on_page[("briefing", briefing.id)]
        for extra in [*briefing.entities, *(c.claimant for c in briefing.claims),
                      *(e for ev in briefing.events for e in ev.entities)]:
            if extra not in order and extra in registry.entities:
                order.append(extra)
        for position, claim in enumerate(briefing.claims):
            index.claims_by_entity.setdefault(claim.claimant, []).append((briefing.id, position, claim))
    index.co_mentions = _co_mentions(index.entities_on_page)
    for naming in index.by_entity.values():
        naming.briefings = dict(sorted(naming.briefings.items()))
    return index


def _text_order(place: MentionPlace) -> tuple[int, int]:
    return place.paragraph, place.start


def _co_mentions(entities_on_page: dict[tuple[PageKind, str], list[str]], limit: int = 12) -> dict[str, list[tuple[str, int]]]:
    """For each entity, the entities named on the same pages most often (ties by id, so stable).

    Two ways to count the pages two entities share, the cheaper for the corpus: pair by pair on each page
    (the sum over pages of k^2 for k entities on a page), or with one bitmap of pages per entity and an
    AND of each two (entities^2 times pages/64 words; at 10,000 sources and 78 entities, 3,000 ANDs in
    place of 6.6 million pair counts). Both give the same counts."""
    pages = [set(order) for order in entities_on_page.values()]
    entities = sorted(set().union(*pages))
    pair_work = sum(len(page) ** 2 for page in pages)
    bitmap_work = len(entities) ** 2 // 2 * (len(pages) // 64 + 1)
    shared = _shared_pages_by_bitmap(pages, entities) if bitmap_work < pair_work else _shared_pages_by_pair(pages)
    counts: dict[str, list[tuple[str, int]]] = defaultdict(list)
    for (a, b), count in shared.items():
        counts[a].append((b, count))
    return {entity: sorted(counted, key=lambda kv: (-kv[1], kv[0]))[:limit] for entity, counted in counts.items()}


def _shared_pages_by_pair(pages: list[set[str]]) -> Counter[tuple[str, str]]:
    pairs: Counter[tuple[str, str]] = Counter()
    for page in pages:
        pairs.update(permutations(sorted(page), 2))  # counted in C
    return pairs


def _shared_pages_by_bitmap(pages: list[set[str]], entities: list[str]) -> dict[tuple[str, str], int]:
    bitmaps = {entity: bytearray((len(pages) + 7) // 8) for entity in entities}
    for position, page in enumerate(pages):
        byte, bit = divmod(position, 8)
        for entity in page:
            bitmaps[entity][byte] |= 1 << bit
    numbers = [(entity, int.from_bytes(bitmaps[entity], "little")) for entity in entities]
    shared: dict[tuple[str, str], int] = {}
    for i, (a, pages_a) in enumerate(numbers):
        for b, pages_b in numbers[i + 1:]:
            if count := (pages_a & pages_b).bit_count():
                shared[(a, b)] = shared[(b, a)] = count
    return shared


def likely_entity(entity_id: str, registry: Registry) -> str | None:
    """The registry id a mistaken entity id most likely meant (:func:`likely_id`), from each entity's name,
    aliases and abbreviation."""
    return likely_id(entity_id, {entity.id: (entity.name, *entity.aliases, entity.abbreviation or "")
                                 for entity in registry.entities.values()})


def check_entity_references(briefings: list[Briefing], registry: Registry, problems: Problems) -> None:
    """Every entity id a briefing names must exist; a measure id must name a measure."""
    def check(entity_id: str, path: str, line: int | None, role: str) -> None:
        if not registry.names_entity(entity_id):
            guess = likely_entity(entity_id, registry)
            meant = f"did you mean '{guess}' ({registry.entities[guess].name})? If not, " if guess else ""
            problems.add(path, line, f"{role} '{entity_id}' is not in content/registry/entities.yml; {meant}add it there "
                                     "or fix the id")

    for briefing in briefings:
        for entity_id in briefing.entities:
            check(entity_id, briefing.path, briefing.field_lines.get("entities"), "entity")
        for claim in briefing.claims:
            check(claim.claimant, claim.path, claim.line, "claimant")
        for event in briefing.events:
            for entity_id in event.entities:
                if entity_id != event.measure:
                    check(entity_id, event.path, event.line, "entity")
            if event.measure:
                check(event.measure, event.path, event.line, "measure")
                entity = registry.entities.get(event.measure)
                if entity is not None and entity.type != "measure":
                    problems.add(event.path, event.line,
                                 f"'{event.measure}' is {'an' if entity.type[0] in 'aeiou' else 'a'} {entity.type}, not a measure; only measures (laws, licence regimes, "
                                 "policies, programmes) have a status")
