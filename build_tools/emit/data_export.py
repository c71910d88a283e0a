"""The data behind the site as JSON, for readers who want to reuse or check it: ``data/sources.json``,
``data/briefings.json``, ``data/entities.json`` and ``data/topics.json``.

Each holds metadata, our own summaries and the links between records (ids), in the site's order
(newest first for sources and briefings). Of a source's own words only its title and its key points
as published, as its page shows them; no paragraphs: the site publishes source text only as excerpts
and cited paragraphs, or in full where a source's licence allows, and its pages remain the place to
read it. Dates are ISO 8601 at their precision (``2025``, ``2025-09``, ``2025-09-15``), with
the precision named, never a day the sources do not give.
"""
from __future__ import annotations

import json

from build_tools.index.entities import EntityMentions
from build_tools.index.site import SiteIndex
from build_tools.model import Article, Briefing, Citation, Claim, Entity, Event, PartialDate, Topic

FORMAT = 1
DATA_DIR = "data"
SOURCES = f"{DATA_DIR}/sources.json"
BRIEFINGS = f"{DATA_DIR}/briefings.json"
ENTITIES = f"{DATA_DIR}/entities.json"
TOPICS = f"{DATA_DIR}/topics.json"


def _date(date: PartialDate | None) -> dict | None:
    return {"value": date.iso(), "precision": date.precision} if date else None


def _citations(citations: list[Citation]) -> list[dict]:
    return [{"source": c.source_id, "paragraphs": list(c.paragraphs)} for c in citations]


def source_record(article: Article, index: SiteIndex) -> dict:
    return {
        "id": article.id, "title": article.title, "publisher": article.publisher, "author": article.author,
        "date": _date(article.date), "url": article.url, "language": article.language,
        "licence": article.licence, "full_text_published": article.full_text,
        "summary": article.summary, "key_points": article.key_points,
        "topics": index.topics_of_article.get(article.id, []),
        "entities": index.mentions.entities_on_page.get(("source", article.id), []),
        "cited_by": index.citations.citing_briefings(article.id),
        "related_sources": [other for other, _ in index.related_sources.get(article.id, [])],
    }


def source_record_inputs(article: Article, index: SiteIndex) -> tuple:
    """What :func:`source_record` reads of the index besides ``article`` and the registry (the entities
    are found in the article with the registry's names), for the page memo."""
    return (index.topics_of_article.get(article.id, []), index.citations.citing_briefings(article.id),
            [other for other, _ in index.related_sources.get(article.id, [])])


def _claim(claim: Claim) -> dict:
    return {"claimant": claim.claimant, "claimant_type": claim.claimant_type, "point": claim.point,
            "statement": claim.statement, "citations": _citations(claim.citations)}


def _event(event: Event) -> dict:
    return {"date": _date(event.date), "title": event.title, "measure": event.measure, "status": event.status,
            "entities": event.entities, "topics": event.topics, "citations": _citations(event.citations)}


def briefing_record(briefing: Briefing, index: SiteIndex) -> dict:
    return {
        "id": briefing.id, "title": briefing.title, "date": _date(briefing.date),
        "updated": _date(briefing.updated), "verified": _date(briefing.verified),
        "summary": briefing.summary, "key_points": briefing.key_points, "why_it_matters": briefing.why_it_matters,
        "topics": briefing.topics, "sources": briefing.sources,
        "entities": index.mentions.entities_on_page.get(("briefing", briefing.id), []),
        "claims": [_claim(c) for c in briefing.claims], "events": [_event(e) for e in briefing.events],
        "related_briefings": [other for other, _ in index.related_briefings.get(briefing.id, [])],
    }


def entity_record(entity: Entity, index: SiteIndex) -> dict:
    naming = index.mentions.by_entity.get(entity.id, EntityMentions())
    return {
        "id": entity.id, "name": entity.name, "type": entity.type, "description": entity.description,
        "abbreviation": entity.abbreviation, "aliases": entity.aliases, "topics": entity.topics, "url": entity.url,
        "mentioned_in": {"briefings": len(naming.briefings), "sources": len(naming.sources)},
    }


def topic_record(topic: Topic, index: SiteIndex) -> dict:
    return {"id": topic.id, "name": topic.name, "description": topic.description,
            "briefings": index.briefings_by_topic.get(topic.id, []),
            "sources": len(index.articles_by_topic.get(topic.id, []))}


def _document(kind: str, records: list[dict]) -> str:
    return json.dumps({"format": FORMAT, kind: records}, ensure_ascii=False, separators=(",", ":")) + "\n"


def record_json(record: dict) -> str:
    """One record as it appears in its document (which :func:`_document_of` joins)."""
    return json.dumps(record, ensure_ascii=False, separators=(",", ":"))


def _document_of(kind: str, records: list[bytes]) -> bytes:
    """:func:`_document` (encoded) of records already written as JSON (:func:`record_json`, encoded), byte
    for byte."""
    return f'{{"format":{FORMAT},{json.dumps(kind)}:['.encode("utf-8") + b",".join(records) + b"]}\n"


def emit_data_export(index: SiteIndex, source_records: list[bytes] | None = None,
                     briefing_records: list[bytes] | None = None) -> dict[str, bytes]:
    """Each document's bytes. ``source_records``, ``briefing_records``: :func:`record_json` (encoded) of each
    source's and briefing's record, in the site's order, when the page memo already has them."""
    if source_records is None:
        source_records = [record_json(source_record(a, index)).encode("utf-8") for a in index.articles.values()]
    if briefing_records is None:
        briefing_records = [record_json(briefing_record(b, index)).encode("utf-8") for b in index.briefings.values()]
    return {
        SOURCES: _document_of("sources", source_records),
        BRIEFINGS: _document_of("briefings", briefing_records),
        ENTITIES: _document("entities", [entity_record(e, index) for e in sorted(
            index.registry.entities.values(), key=lambda e: e.id)]).encode("utf-8"),
        TOPICS: _document("topics", [topic_record(t, index) for t in sorted(
            index.registry.topics.values(), key=lambda t: t.id)]).encode("utf-8"),
    }
