"""Entity pages (organisation, person, place, measure), the entities index and the glossary."""
from __future__ import annotations

from typing import Callable, Sequence

from build_tools.emit import paths
from build_tools.emit.citations import briefing_event_link, paragraph_label
from build_tools.emit.entity_archive import (EntityYear, emit_entity_years, month_of_sources, year_links, year_of_sources,
                                            years_of)
from build_tools.emit.listings import emit_paginated
from build_tools.emit.markdown import (SEARCH_TYPES, UNSEARCHED_CLOSE, UNSEARCHED_OPEN, escape, front_matter, link,
                                       quoted, status_label, table, unsearched_heading, unsearched_section)
from build_tools.emit.linking import AbbreviationDefinitions
from build_tools.emit.page_memo import PageMemo, Section, record_inputs
from build_tools.emit.writer import FileBytes
from build_tools.index.analysis import BYLINE, DATELINE, TITLE
from build_tools.index.entities import EntityMentions, MentionPlace, context_sentence
from build_tools.index.events import STATUS_ORDER, TimelineEntry
from build_tools.index.site import SiteIndex
from build_tools.model import Citation, Entity

TYPE_NAMES = {"organisation": "Organisation", "person": "Person", "place": "Place", "measure": "Measure"}
# the newest sources naming an entity its page quotes; its pages by year list them all (entity_archive)
NEWEST_SOURCES_QUOTED = 20
MAX_SENTENCES_PER_SOURCE = 3
# memo paths of an entity page's two lists of mentions (``PAGE#+...``: no id holds "+")
BRIEFINGS_PART = "+briefings"
SOURCES_PART = "+sources"


def source_citation_links(citations: Sequence[Citation], from_page: str, index: SiteIndex) -> str:
    """Links to cited source paragraphs from pages outside the citing briefing (timeline, entity pages)."""
    parts = []
    for citation in citations:
        article = index.articles[citation.source_id]
        label = escape(article.label) + (f" {paragraph_label(citation.paragraphs)}" if citation.paragraphs else "")
        anchor = paths.paragraph_anchor(citation.paragraphs[0]) if citation.paragraphs else None
        parts.append(link(label, from_page, paths.source(citation.source_id), anchor))
    return "; ".join(parts)


def source_paragraph_link(label: str, source_id: str, paragraph: int, from_page: str, index: SiteIndex) -> str:
    """Anchored where the source page shows the paragraph (cited paragraphs, or full text); else a link to
    the source page that says the paragraph is not quoted there in full (its excerpt may begin it)."""
    if paragraph <= 0 or index.paragraph_shown(source_id, paragraph):  # the title, byline or dateline: the page's top
        anchor = paths.paragraph_anchor(paragraph) if paragraph > 0 else None
        return link(label, from_page, paths.source(source_id), anchor)
    return link(label, from_page, paths.source(source_id)) + " (not quoted in full on the source page)"


def lifecycle_section(entity: Entity, index: SiteIndex, page: str) -> str:
    steps = index.events.lifecycles.get(entity.id, [])
    out = ["## Status\n\n"]
    if not steps:
        return "".join(out) + "No dated, cited status change is recorded yet.\n\n"
    current = steps[-1]
    out.append(f"**Current status: {status_label(current.status)}** (since {current.date.display()}).\n\n")
    out.append("Lifecycle: " + " → ".join(
        f"**{status_label(s)}**" if any(step.status == s for step in steps) else status_label(s) for s in STATUS_ORDER) + "\n\n")
    rows = [[step.date.display(), status_label(step.status), escape(step.title),
             source_citation_links(step.citations, page, index)] for step in steps]
    return "".join(out) + table(["Date", "Status", "What happened", "Source"], rows) + "\n"


def claims_section(entity: Entity, index: SiteIndex, page: str) -> str:
    claims = index.mentions.claims_by_entity.get(entity.id, [])
    if not claims:
        return ""
    rows = []
    for briefing_id, position, claim in claims:
        briefing = index.briefings[briefing_id]
        rows.append([escape(claim.point), escape(claim.statement),
                     link(escape(briefing.title), page, paths.briefing(briefing_id), paths.claim_anchor(position)),
                     source_citation_links(claim.citations, page, index)])
    return f"## What {escape(entity.name)} said\n\n" + table(["On", "Position", "Briefing", "Source"], rows) + "\n"


def events_section(entries: list[TimelineEntry], index: SiteIndex, page: str) -> str:
    if not entries:
        return ""
    rows = [[e.date.display(), escape(e.title), briefing_event_link(e, index, page) if e.briefing_id else "",
             source_citation_links(e.citations, page, index)] for e in entries]
    return "## Events\n\n" + table(["Date", "Event", "Briefing", "Source"], rows) + "\n"


def mention_sentence(place: MentionPlace, index: SiteIndex) -> str:
    if place.page_kind == "briefing":
        block = index.briefings[place.page_id].blocks[place.paragraph]
        return context_sentence(block.text, place, block.marks, markdown=True)
    article = index.articles[place.page_id]
    outside_paragraphs = {TITLE: article.title, BYLINE: article.author, DATELINE: article.dateline}
    if place.paragraph in outside_paragraphs:
        return context_sentence(outside_paragraphs[place.paragraph] or "", place)
    return context_sentence(article.paragraphs[place.paragraph - 1].text, place)


def distinct_sentences(places: list[MentionPlace], index: SiteIndex) -> list[tuple[MentionPlace, str]]:
    """One backlink per sentence: a name and its abbreviation in one sentence ("Authority (PTA)") are one."""
    seen: set[tuple[str, int, str]] = set()
    result = []
    for place in places:
        sentence = mention_sentence(place, index)
        key = (place.page_id, place.paragraph, sentence)
        if key not in seen:
            seen.add(key)
            result.append((place, sentence))
    return result


class PartInputs:
    """The inputs digest of a source's or a briefing's part in an entity page's list of mentions, made once
    per build: a source is listed on many entity pages. Where a record names the entity follows from its
    text and the registry (in the memo's site key); a source's part also shows which of its paragraphs
    its page quotes."""

    def __init__(self, index: SiteIndex, memo: PageMemo):
        self.index, self.memo = index, memo
        self.found: dict[tuple[str, str], bytes] = {}

    def source(self, source_id: str) -> bytes:
        found = self.found.get(("source", source_id))
        if found is None:
            cited = self.index.citations.cited_paragraphs.get(source_id)
            found = self.found["source", source_id] = record_inputs(
                self.memo.digest_of(self.index.articles[source_id]), ",".join(map(str, sorted(cited))) if cited else "")
        return found

    def briefing(self, briefing_id: str) -> bytes:
        found = self.found.get(("briefing", briefing_id))
        if found is None:
            found = self.found["briefing", briefing_id] = record_inputs(self.memo.digest_of(self.index.briefings[briefing_id]))
        return found


def mentions_section(entity: Entity, index: SiteIndex, page: str, memo: PageMemo, part_inputs: PartInputs,
                     tooltips: AbbreviationDefinitions, years: list[EntityYear]) -> list[str | Section]:
    """The lists of the briefings and the sources naming the entity, as pieces of the page: each list a
    memoized section whose abbreviations are known (:meth:`AbbreviationDefinitions.append_pieces`);
    ``years``: the sources by year (:func:`years_of`), linked when the page does not quote them all."""
    naming = index.mentions.by_entity.get(entity.id, EntityMentions())
    out: list[str | Section] = []
    if naming.briefings:
        out.append(f"## Mentioned in briefings ({len(naming.briefings)})\n\n")
        naming_briefings = list(naming.briefings.items())
        parts = [(briefing_id, part_inputs.briefing(briefing_id)) for briefing_id, _ in naming_briefings]
        out.append(memo.section(f"{page}#{BRIEFINGS_PART}", parts, lambda number: _briefing_mentioning(
            *naming_briefings[number], index, page).encode("utf-8"), _scanner(tooltips)))
        out.append("\n")
    if naming.sources:
        out.extend(sources_mentioning(entity, naming.sources, index, page, memo, part_inputs, tooltips, years))
    if not out:
        out.append("## Mentions\n\nNo source or briefing names this entity yet.\n\n")
    return out


def _scanner(tooltips: AbbreviationDefinitions) -> Callable[[bytes], list[str]]:
    return lambda part: tooltips.used_in(part.decode("utf-8"))


def _briefing_mentioning(briefing_id: str, places: list[MentionPlace], index: SiteIndex, page: str) -> str:
    briefing = index.briefings[briefing_id]
    out = []
    for place, sentence in distinct_sentences(places, index):
        block = briefing.blocks[place.paragraph]
        anchor = paths.anchor_of_block(block.kind, place.paragraph)
        out.append(f"- {link(escape(briefing.title), page, paths.briefing(briefing.id), anchor)}: {quoted(escape(sentence))}\n")
    return "".join(out)


def sources_mentioning(entity: Entity, ordered: list[str], index: SiteIndex, page: str, memo: PageMemo,
                       part_inputs: PartInputs, tooltips: AbbreviationDefinitions, years: list[EntityYear]
                       ) -> list[str | Section]:
    """The newest ``NEWEST_SOURCES_QUOTED`` sources naming the entity, each with up to
    ``MAX_SENTENCES_PER_SOURCE`` sentences, and when there are more, links to the pages of ``years``, which
    list them all (kept out of search: it grows with the corpus). Each source's part is memoized
    (:class:`PartInputs`)."""
    listed = ordered[:NEWEST_SOURCES_QUOTED]
    parts = [(source_id, part_inputs.source(source_id)) for source_id in listed]
    out: list[str | Section] = [
        UNSEARCHED_OPEN + unsearched_heading(f"Mentioned in sources ({len(ordered)})") + "\n\n",
        memo.section(f"{page}#{SOURCES_PART}", parts, lambda number: _source_mentioning(
            entity, listed[number], index, page).encode("utf-8"), _scanner(tooltips))]
    if len(ordered) > NEWEST_SOURCES_QUOTED:
        out.append(f"*The newest {NEWEST_SOURCES_QUOTED} of {len(ordered)} are quoted above. Every source naming "
                   f"{escape(entity.name)}, by year:* {year_links(entity.id, years, page)}\n\n")
    out.append(UNSEARCHED_CLOSE.lstrip("\n"))  # each part ends with a blank line
    return out


def _source_mentioning(entity: Entity, source_id: str, index: SiteIndex, page: str) -> str:
    article = index.articles[source_id]
    places = index.mentions.places_in(entity.id, "source", source_id)
    title = link(escape(article.title or 'Untitled article'), page, paths.source(source_id))
    out = [f"### {title} {{ data-search-exclude }}\n\n", f"*{escape(article.label)}*\n\n"]
    sentences = distinct_sentences(places, index)
    for place, sentence in sentences[:MAX_SENTENCES_PER_SOURCE]:
        where = {TITLE: "title", BYLINE: "byline", DATELINE: "dateline"}.get(place.paragraph, f"¶{place.paragraph}")
        out.append(f"- {source_paragraph_link(where, source_id, place.paragraph, page, index)}: {quoted(escape(sentence))}\n")
    extra = len(sentences) - MAX_SENTENCES_PER_SOURCE
    if extra > 0:
        out.append(f"- …and {extra} more mention{'s' if extra != 1 else ''} in this source\n")
    out.append("\n")
    return "".join(out)


def source_years(entity: Entity, index: SiteIndex, year_of: dict[str, int | None] | None = None,
                 month_of: dict[str, int | None] | None = None) -> list[EntityYear]:
    """The sources naming the entity by year (a large year by month too), when its page does not quote
    them all; else none. ``year_of``, ``month_of``: :func:`year_of_sources`, :func:`month_of_sources`,
    found here without."""
    ordered = index.mentions.by_entity.get(entity.id, EntityMentions()).sources
    if len(ordered) <= NEWEST_SOURCES_QUOTED:
        return []
    return years_of(ordered, year_of if year_of is not None else year_of_sources(index),
                    month_of if month_of is not None else month_of_sources(index))


def co_mentions_section(entity: Entity, index: SiteIndex, page: str) -> str:
    others = index.mentions.co_mentions.get(entity.id, [])
    if not others:
        return ""
    items = [f"{link(escape(index.registry.entities[o].name), page, paths.entity(o))} ({n})" for o, n in others]
    return unsearched_section("Often named with", " · ".join(items))


def emit_entity(entity: Entity, index: SiteIndex, memo: PageMemo | None = None, part_inputs: PartInputs | None = None,
                tooltips: AbbreviationDefinitions | None = None, years: list[EntityYear] | None = None) -> FileBytes:
    """An entity page, encoded, with the definitions of the abbreviations it uses (``years``: the sources
    naming it by year, as :func:`source_years` gives them; found here without). Its inputs are its
    pieces: the text of those made here and the inputs of its memoized lists, so a page whose pieces are
    as the last build's is taken from the memo (:meth:`PageMemo.page`) without joining or reading its
    lists; it is made again, from them, only if the writer needs its bytes."""
    page = paths.entity(entity.id)
    memo = memo or PageMemo()
    tooltips = tooltips or AbbreviationDefinitions(index.glossary)
    title = entity.name + (f" ({entity.abbreviation})" if entity.abbreviation else "")
    out: list[str | Section] = [
        front_matter({"title": title, "description": entity.description, "search_type": SEARCH_TYPES["entity"]}),
        f"# {escape(title)}\n\n"]
    meta = [f"*{TYPE_NAMES[entity.type]}*"]
    if entity.topics:
        meta.append("Topics: " + ", ".join(link(escape(index.registry.topics[t].name), page, paths.topic(t))
                                          for t in entity.topics if t in index.registry.topics))
    out.append(" · ".join(meta) + "\n\n")
    out.append(escape(entity.description) + "\n\n")
    if entity.aliases:
        out.append("**Also written as:** " + ", ".join(escape(a) for a in entity.aliases) + "\n\n")
    if entity.type == "measure":
        out.append(lifecycle_section(entity, index, page))
    out.append(claims_section(entity, index, page))
    out.append(events_section(index.events.by_entity.get(entity.id, []), index, page))
    if years is None:
        years = source_years(entity, index)
    out.extend(mentions_section(entity, index, page, memo, part_inputs or PartInputs(index, memo), tooltips, years))
    out.append(co_mentions_section(entity, index, page))
    return tooltips.memo_page(memo, page, out)


def emit_entities(index: SiteIndex, memo: PageMemo | None = None,
                  tooltips: AbbreviationDefinitions | None = None) -> tuple[dict[str, FileBytes], dict[str, str]]:
    """The entity pages and the pages of their sources by year (:mod:`build_tools.emit.entity_archive`),
    encoded, with the definitions of the abbreviations they use, and the pages of the entities index,
    without; ``memo``: see :mod:`build_tools.emit.page_memo`."""
    memo = memo or PageMemo()
    tooltips = tooltips or AbbreviationDefinitions(index.glossary)
    part_inputs = PartInputs(index, memo)
    pages: dict[str, FileBytes] = {}
    year_of, month_of = year_of_sources(index), month_of_sources(index)
    source_inputs = {source_id: part_inputs.source(source_id) for source_id in index.articles}
    for entity in index.registry.entities.values():
        years = source_years(entity, index, year_of, month_of)
        pages[paths.entity(entity.id)] = emit_entity(entity, index, memo, part_inputs, tooltips, years)
        pages.update(emit_entity_years(entity, years, index, memo, source_inputs, tooltips))
    ordered = sorted(index.registry.entities.values(), key=lambda e: (e.type, e.name.lower()))

    def render(chunk: Sequence[Entity], page: str) -> str:
        rows = []
        for entity in chunk:
            mentions = index.mentions.by_entity.get(entity.id, EntityMentions()).page_count
            status = index.events.current_status(entity.id) if entity.type == "measure" else None
            rows.append([link(escape(entity.name), page, paths.entity(entity.id)), escape(entity.abbreviation or ""),
                         TYPE_NAMES[entity.type] + (f" ({status_label(status)})" if status else ""), str(mentions)])
        return table(["Name", "Abbreviation", "Type", "Pages naming it"], rows)

    intro = (f"{len(ordered)} organisations, people, places and measures (laws, licence regimes, policies, programmes). "
             "Each page quotes the briefings and the newest sources that name it (every source, when there are more, "
             "on a page per year), and gives the claims the actor made and dated events.")
    return pages, emit_paginated(paths.ENTITIES_INDEX, "Entities", intro, ordered, render, newest_first=False)


def emit_glossary(index: SiteIndex, glossary: dict[str, str]) -> str:
    page = paths.GLOSSARY
    owners = {e.abbreviation: e for e in index.registry.entities.values() if e.abbreviation}
    rows = []
    for abbr, expansion in glossary.items():
        entity = owners.get(abbr)
        rows.append([f"**{escape(abbr)}**", escape(expansion),
                     link(escape(entity.name), page, paths.entity(entity.id)) if entity else ""])
    return (front_matter({"title": "Glossary"}) + "# Glossary\n\n"
            "Abbreviations used on this site. On every page, hover over (or tap) an abbreviation to see what it stands for.\n\n"
            + table(["Abbreviation", "Stands for", "Entity page"], rows))
