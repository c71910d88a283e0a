"""Dated events for the timeline and measure lifecycles: briefing events plus source publication dates."""
from __future__ import annotations

from dataclasses import dataclass, field
from operator import attrgetter
from typing import Literal

from build_tools.model import Article, Briefing, Citation, PartialDate
from build_tools.model.records import MeasureStatus

STATUS_ORDER: tuple[MeasureStatus, ...] = ("announced", "adopted", "in-force", "suspended", "revoked")


@dataclass(frozen=True)
class TimelineEntry:
    date: PartialDate
    title: str
    kind: Literal["event", "publication"]
    topics: tuple[str, ...]
    entities: tuple[str, ...]
    citations: tuple[Citation, ...] = ()
    briefing_id: str | None = None
    source_id: str | None = None
    measure: str | None = None
    status: MeasureStatus | None = None
    event_index: int | None = None  # an event's place among its briefing's events (its row's anchor)

    # the keys below, made once: the timeline page sorts 80,000 entries several times at 10,000 sources
    order: tuple = field(init=False, repr=False, compare=False)
    date_order: tuple[int, int, int] = field(init=False, repr=False, compare=False)

    def __post_init__(self) -> None:
        date_order = self.date.sort_key()
        object.__setattr__(self, "date_order", date_order)
        object.__setattr__(self, "order", (date_order, 0 if self.kind == "event" else 1, self.title,
                                           self.briefing_id or "", self.source_id or ""))

    def sort_key(self) -> tuple:
        return self.order


def newest_first(entries: list[TimelineEntry]) -> list[TimelineEntry]:
    """Newest date first; on the same date, events before publications, then by title (stable sort)."""
    ordered = sorted(entries, key=_ORDER)
    return sorted(ordered, key=_DATE_ORDER, reverse=True)


_ORDER, _DATE_ORDER = attrgetter("order"), attrgetter("date_order")


@dataclass
class EventIndex:
    timeline: list[TimelineEntry] = field(default_factory=list)          # oldest first
    by_topic: dict[str, list[TimelineEntry]] = field(default_factory=dict)
    by_entity: dict[str, list[TimelineEntry]] = field(default_factory=dict)
    lifecycles: dict[str, list[TimelineEntry]] = field(default_factory=dict)  # measure -> status changes
    _newest: dict[str | None, list[TimelineEntry]] = field(default_factory=dict, repr=False, compare=False)

    def newest_first(self, topic_id: str | None = None) -> list[TimelineEntry]:
        """:func:`newest_first` of the whole timeline (``topic_id`` None) or of one topic's entries, sorted
        once per build (the timeline page and the topic pages each list and draw them)."""
        if topic_id not in self._newest:
            self._newest[topic_id] = newest_first(self.timeline if topic_id is None else self.by_topic.get(topic_id, []))
        return self._newest[topic_id]

    def current_status(self, measure_id: str) -> MeasureStatus | None:
        steps = self.lifecycles.get(measure_id)
        return steps[-1].status if steps else None


def build_event_index(articles: list[Article], briefings: list[Briefing],
                      article_topics: dict[str, list[str]], article_entities: dict[str, list[str]]) -> EventIndex:
    entries: list[TimelineEntry] = []
    for briefing in briefings:
        for position, event in enumerate(briefing.events):
            topics = tuple(event.topics or briefing.topics)
            entries.append(TimelineEntry(event.date, event.title, "event", topics, tuple(event.entities),
                                         tuple(event.citations), briefing_id=briefing.id,
                                         measure=event.measure, status=event.status, event_index=position))
    for article in articles:
        if article.date is None:
            continue
        title = f"{article.publisher or 'A source'} publishes “{article.title or 'an untitled article'}”"
        entries.append(TimelineEntry(article.date, title, "publication", tuple(article_topics.get(article.id, ())),
                                     tuple(article_entities.get(article.id, ())), source_id=article.id))
    entries.sort(key=TimelineEntry.sort_key)
    index = EventIndex(timeline=entries)
    for entry in entries:
        for topic in entry.topics:
            index.by_topic.setdefault(topic, []).append(entry)
        if entry.kind == "event":
            for entity in entry.entities:
                index.by_entity.setdefault(entity, []).append(entry)
        if entry.measure and entry.status:
            index.lifecycles.setdefault(entry.measure, []).append(entry)
    return index
