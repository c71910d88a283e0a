"""Related briefings and sources, scored from shared entities and topics and closeness in time.

Like Hugo's related content: an inverted index from each feature (entity, topic) to the items that
have it; an item's candidates are only the items sharing a feature, found through the postings, so
the cost grows with postings, not with the square of the corpus. Features carried by a large share
of the corpus (e.g. "Pakistan") say little and are skipped, which also bounds the postings walked.
"""
from __future__ import annotations

import math
from collections import defaultdict
from dataclasses import dataclass

from build_tools.model import PartialDate

TOPIC_WEIGHT = 2.0
ENTITY_WEIGHT = 1.0
TIME_WEIGHT = 1.5
TIME_SCALE_DAYS = 180.0
MAX_POSTINGS = 200
COMMON_SHARE = 0.5


@dataclass(frozen=True)
class RelatedItem:
    key: str
    features: frozenset[tuple[str, str]]   # ("topic", id) / ("entity", id)
    date: PartialDate | None


def _days_apart(a: PartialDate | None, b: PartialDate | None) -> float | None:
    if a is None or b is None:
        return None
    return abs((a.first_day() - b.first_day()).days)


def related_items(items: list[RelatedItem], limit: int = 5) -> dict[str, list[tuple[str, float]]]:
    """For each item key, up to ``limit`` (key, score) pairs, best first; ties broken by key (stable)."""
    postings: dict[tuple[str, str], list[int]] = defaultdict(list)
    for position, item in enumerate(items):
        for feature in sorted(item.features):
            postings[feature].append(position)
    total = max(len(items), 1)
    weights = {}
    for feature, posting in postings.items():
        if len(posting) < 2 or len(posting) > MAX_POSTINGS or (total >= 20 and len(posting) / total > COMMON_SHARE):
            continue
        base = TOPIC_WEIGHT if feature[0] == "topic" else ENTITY_WEIGHT
        weights[feature] = base * (1.0 + math.log(total / len(posting)))
    result: dict[str, list[tuple[str, float]]] = {}
    for position, item in enumerate(items):
        scores: dict[int, float] = defaultdict(float)
        for feature in item.features:
            weight = weights.get(feature)
            if weight is None:
                continue
            for other in postings[feature]:
                if other != position:
                    scores[other] += weight
        ranked = []
        for other, score in scores.items():
            days = _days_apart(item.date, items[other].date)
            if days is not None:
                score += TIME_WEIGHT * math.exp(-days / TIME_SCALE_DAYS)
            ranked.append((items[other].key, round(score, 6)))
        ranked.sort(key=lambda pair: (-pair[1], pair[0]))
        result[item.key] = ranked[:limit]
    return result
