"""Related briefings and sources, scored from shared entities and topics and closeness in time.

Like Hugo's related content: an inverted index from each feature (entity, topic) to the items that
have it, so an item's candidates are only the items sharing a feature. A feature's weight falls as
it gets commoner (inverse document frequency), and one most items have counts for nothing. To keep the
cost linear, an item never walks more than ``WINDOW`` postings of one feature: a feature's postings are
kept in date order and the item takes the ones nearest to it in time, which are also the ones closeness
in time favours.
"""
from __future__ import annotations

import bisect
import heapq
import math
from collections import defaultdict
from dataclasses import dataclass

from build_tools.model import PartialDate

TOPIC_WEIGHT = 2.0
ENTITY_WEIGHT = 1.0
TIME_WEIGHT = 1.5
TIME_SCALE_DAYS = 180.0
WINDOW = 100
PRUNE_MARGIN = 1e-4
# A feature most items have (Pakistan, Islamabad) says nothing about what an item is about: sharing it
# does not make two items related. "Most" is more than half, and more than a handful on a small site.
COMMON_SHARE = 0.5
COMMON_MIN = 3


@dataclass(frozen=True)
class RelatedItem:
    key: str
    features: frozenset[tuple[str, str]]   # ("topic", id) / ("entity", id)
    date: PartialDate | None


def _day(date: PartialDate | None) -> int:
    return date.first_day().toordinal() if date else 0


def _nearest(posting: list[int], days: list[int], day: int) -> list[int]:
    """All of a short posting list; of a long one, the ``WINDOW`` entries nearest to ``day``."""
    if len(posting) <= WINDOW:
        return posting
    middle = bisect.bisect_left(days, day)
    start = max(0, min(middle - WINDOW // 2, len(posting) - WINDOW))
    return posting[start:start + WINDOW]


def related_items(items: list[RelatedItem], limit: int = 5) -> dict[str, list[tuple[str, float]]]:
    """For each item key, up to ``limit`` (key, score) pairs, best first; ties broken by key (stable)."""
    days = [_day(item.date) for item in items]  # one date conversion per item, not per comparison
    order = sorted(range(len(items)), key=lambda i: (days[i], items[i].key))
    postings: dict[tuple[str, str], list[int]] = defaultdict(list)
    for position in order:
        for feature in items[position].features:
            postings[feature].append(position)
    posting_days = {feature: [days[p] for p in posting] for feature, posting in postings.items()}
    total = max(len(items), 1)
    common = max(total * COMMON_SHARE, COMMON_MIN)
    weights = {
        feature: (TOPIC_WEIGHT if feature[0] == "topic" else ENTITY_WEIGHT) * (1.0 + math.log(total / len(posting)))
        for feature, posting in postings.items() if 1 < len(posting) <= common
    }
    result: dict[str, list[tuple[str, float]]] = {}
    for position, item in enumerate(items):
        shared = _shared_feature_scores(item, postings, posting_days, weights, days[position])
        shared.pop(position, None)
        result[item.key] = _best(shared, item.date is not None, days[position], items, days, limit)
    return result


def _shared_feature_scores(item: RelatedItem, postings: dict[tuple[str, str], list[int]],
                           posting_days: dict[tuple[str, str], list[int]], weights: dict[tuple[str, str], float],
                           day: int) -> dict[int, float]:
    """Position -> summed weight of the features shared with ``item``, added up in feature order (so the
    floating-point sums, hence the rounded scores, are the same on every build)."""
    scores: dict[int, float] = {}
    get = scores.get
    for feature in sorted(item.features):
        weight = weights.get(feature)
        if weight is None:
            continue
        for other in _nearest(postings[feature], posting_days[feature], day):
            scores[other] = get(other, 0.0) + weight
    return scores


def _best(shared: dict[int, float], dated: bool, day: int, items: list[RelatedItem], days: list[int],
          limit: int) -> list[tuple[str, float]]:
    """The ``limit`` best (key, score) of the candidates: shared-feature score plus closeness in time.

    The time bonus is at most ``TIME_WEIGHT``, so a candidate whose shared score is more than that below
    the ``limit``-th best shared score cannot be among the best; it is dropped before its bonus is
    computed. ``PRUNE_MARGIN`` keeps that cut clear of the rounding of scores to 6 places.
    """
    candidates = shared.items()
    if len(shared) > limit:
        cut = heapq.nlargest(limit, shared.values())[-1] - TIME_WEIGHT - PRUNE_MARGIN
        candidates = [(other, score) for other, score in candidates if score >= cut]
    ranked = []
    for other, score in candidates:
        if dated and items[other].date is not None:
            score += TIME_WEIGHT * math.exp(-abs(day - days[other]) / TIME_SCALE_DAYS)
        ranked.append((items[other].key, round(score, 6)))
    ranked.sort(key=_rank)
    return ranked[:limit]


def _rank(pair: tuple[str, float]) -> tuple[float, str]:
    return -pair[1], pair[0]
