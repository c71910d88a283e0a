"""Related briefings and sources, scored from shared entities and topics and closeness in time.

Like Hugo's related content: an inverted index from each feature (entity, topic) to the items that
have it, so an item's candidates are only the items sharing a feature. A feature's weight falls as
it gets commoner (inverse document frequency, on powers of two: see :func:`feature_weights`), and one
most items have counts for nothing. To keep the cost linear, an item never walks more than ``WINDOW``
postings of one feature: a feature's postings are kept in date order and the item takes the ones
nearest to it in time, which are also the ones closeness in time favours.

A build after a few items changed scores again only the items whose result can differ
(:func:`related_items` with the :class:`RelatedState` of the last build): adding one source to 10,000
changes the windows of a few hundred. Of those, most need only the candidates that entered their
windows scored again, against their last result (:func:`_may_differ`).
"""
from __future__ import annotations

import bisect
import heapq
import math
from collections import defaultdict
from dataclasses import dataclass, field
from functools import lru_cache

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
STATE_FORMAT = 1

Feature = tuple[str, str]  # ("topic", id) / ("entity", id)


@dataclass(frozen=True)
class RelatedItem:
    key: str
    features: frozenset[Feature]
    date: PartialDate | None


@dataclass
class RelatedState:
    """What one run of :func:`related_items` saw and found, for the next run to start from."""

    limit: int
    scale: int                                               # floor(log2 of the number of items)
    items: dict[str, tuple[frozenset[Feature], int, bool]]   # key -> (features, day, dated)
    weights: dict[Feature, float]
    results: dict[str, list[tuple[str, float]]]
    # every feature some item has, sorted (their numbers in the plain form); None: not known yet
    features: list[Feature] | None = field(default=None, compare=False)
    # the plain form (features, items) this state was read from (:meth:`from_plain`), if it was
    plain: tuple[list[Feature], dict[str, tuple]] | None = field(default=None, compare=False, repr=False)
    # that of the state this one was updated from, and the keys of the items that differ from it:
    # :meth:`to_plain` takes the others' plain entries as they were, when the numbering is the same
    plain_before: tuple[list[Feature], dict[str, tuple]] | None = field(default=None, compare=False, repr=False)
    changed: set[str] | None = field(default=None, compare=False, repr=False)

    def to_plain(self) -> tuple:
        """The state as plain containers (features numbered), to store."""
        features = self.features if self.features is not None else \
            sorted({feature for entry in self.items.values() for feature in entry[0]})
        number = {feature: n for n, feature in enumerate(features)}

        def plain(entry: tuple[frozenset[Feature], int, bool]) -> tuple:
            return tuple(sorted(number[f] for f in entry[0])), entry[1], entry[2]

        if self.plain_before is not None and self.changed is not None and self.plain_before[0] == features:
            before, changed = self.plain_before[1], self.changed
            items = {key: before[key] if key in before and key not in changed else plain(entry)
                     for key, entry in self.items.items()}
        else:
            items = {key: plain(entry) for key, entry in self.items.items()}
        return STATE_FORMAT, self.limit, self.scale, features, items, sorted(self.weights.items()), self.results

    @classmethod
    def from_plain(cls, plain: object) -> "RelatedState | None":
        """The state :meth:`to_plain` gave, or None when it is not one."""
        try:
            version, limit, scale, features, items, weights, results = plain  # type: ignore[misc]
            if version != STATE_FORMAT:
                return None
            named = [tuple(feature) for feature in features]
            state = cls(int(limit), int(scale),
                        {key: (frozenset(map(named.__getitem__, numbers)), int(day), bool(dated))
                         for key, (numbers, day, dated) in items.items()},
                        {tuple(feature): float(weight) for feature, weight in weights},  # type: ignore[misc]
                        {key: [(str(other), float(score)) for other, score in found] for key, found in results.items()},
                        named, (named, items))  # type: ignore[arg-type]
        except (TypeError, ValueError, IndexError, AttributeError):
            return None
        return state if state.results.keys() == state.items.keys() else None


@lru_cache(maxsize=4096)  # 10,000 sources have a few thousand distinct dates
def _day(date: PartialDate | None) -> int:
    return date.first_day().toordinal() if date else 0


def _nearest(posting: list, days: list[int], day: int) -> list:
    """All of a short posting list; of a long one, the ``WINDOW`` entries nearest to ``day``."""
    if len(posting) <= WINDOW:
        return posting
    start = _window_start(days, day)
    return posting[start:start + WINDOW]


def _window_start(days: list[int], day: int) -> int:
    """Where the window of an item of ``day`` starts in a posting list with these (sorted) days."""
    if len(days) <= WINDOW:
        return 0
    return max(0, min(bisect.bisect_left(days, day) - WINDOW // 2, len(days) - WINDOW))


def _windows_holding(days: list[int], places: list[int]) -> set[int]:
    """The positions in a posting list (with these sorted days) whose window holds one of ``places``.
    Windows start in the order of the positions, so those holding a place are one run, found by halving."""
    def start(position: int) -> int:
        return _window_start(days, days[position])

    found: set[int] = set()
    every = range(len(days))
    for place in places:
        found.update(range(bisect.bisect_left(every, place - WINDOW + 1, key=start),
                           bisect.bisect_right(every, place, key=start)))
    return found


def feature_weights(lengths: dict[Feature, int], total: int) -> dict[Feature, float]:
    """Each feature's weight: its kind's, times 1 + ln(total / postings), with both counts taken down to
    a power of two. A feature on one item relates nothing; one on most items neither (no weight).

    Powers of two, so that a weight moves only when a count crosses one: adding a source then leaves the
    weights as they were, and with them the results of every item whose windows it does not enter."""
    common = max(total * COMMON_SHARE, COMMON_MIN)
    scale = _log2(total)
    return {feature: (TOPIC_WEIGHT if feature[0] == "topic" else ENTITY_WEIGHT) * (1.0 + math.log(2) * (scale - _log2(count)))
            for feature, count in lengths.items() if 1 < count <= common}


def _log2(count: int) -> int:
    return max(count, 1).bit_length() - 1


def related_items(items: list[RelatedItem], limit: int = 5,
                  previous: RelatedState | None = None) -> tuple[dict[str, list[tuple[str, float]]], RelatedState]:
    """For each item key, up to ``limit`` (key, score) pairs, best first; ties broken by key (stable); and
    the state for the next run. ``previous``: the last run's state: the items whose result cannot
    differ from it keep theirs (the same as scoring them again would give)."""
    days = [_day(item.date) for item in items]  # one date conversion per item, not per comparison
    order = sorted(range(len(items)), key=list(zip(days, [item.key for item in items])).__getitem__)
    rank = [0] * len(items)  # each position's place in date order: postings are in this order
    for place, position in enumerate(order):
        rank[position] = place
    postings: dict[Feature, list[int]] = defaultdict(list)
    for position in order:
        for feature in items[position].features:
            postings[feature].append(position)
    posting_days = {feature: list(map(days.__getitem__, posting)) for feature, posting in postings.items()}
    total = max(len(items), 1)
    weights = feature_weights({feature: len(posting) for feature, posting in postings.items()}, total)
    state = RelatedState(limit, _log2(total), {item.key: (item.features, days[p], item.date is not None)
                                               for p, item in enumerate(items)}, weights, {}, sorted(postings))
    rescore: dict[int, list[int]] = {}
    if previous is None or previous.limit != limit or previous.scale != state.scale:
        todo: set[int] | range = range(len(items))
    else:
        state.changed = _changed(state, previous)
        state.plain_before = previous.plain
        todo, rescore = _may_differ(items, postings, posting_days, state, previous, state.changed)
    for position, item in enumerate(items):
        if position in todo:
            shared = _shared_feature_scores(item, postings, posting_days, weights, days[position])
            shared.pop(position, None)
            state.results[item.key] = _best(shared, item.date is not None, days[position], items, days, limit)
        elif position in rescore:
            # the candidates whose scores may have risen, scored again, against the last result's others
            candidates = rescore[position]
            shared = _candidate_scores(item, candidates, items, postings, posting_days, weights, days[position], rank)
            shared.pop(position, None)
            again = {items[other].key for other in candidates}
            kept = [pair for pair in previous.results[item.key] if pair[0] not in again]  # type: ignore[union-attr]
            found = kept + _best(shared, item.date is not None, days[position], items, days, limit)
            state.results[item.key] = sorted(found, key=_rank)[:limit]
        else:
            state.results[item.key] = previous.results[item.key]  # type: ignore[union-attr]
    return state.results, state


def _changed(state: RelatedState, previous: RelatedState) -> set[str]:
    """The keys of the items added, removed or changed (features or date) since ``previous``."""
    changed = {key for key, entry in state.items.items() if previous.items.get(key) != entry}
    changed.update(key for key in previous.items if key not in state.items)
    return changed


def _may_differ(items: list[RelatedItem], postings: dict[Feature, list[int]], posting_days: dict[Feature, list[int]],
                state: RelatedState, previous: RelatedState, changed: set[str]) -> tuple[set[int], dict[int, list[int]]]:
    """The items whose result may differ from the last run's: the positions of those to score again, and
    for others, the candidates to score again (position -> candidate positions).

    An item's result is decided by its features and day, its features' weights, and for each weighted
    feature the items in its window with their days. So it may differ when the item itself changed, a
    weight of one of its features changed, or, for a feature some changed item has (or had), its window
    holds other items than before or holds a changed item.

    Of the last, most need not be scored again. A candidate's score can rise only if it entered one of
    the item's windows or changed; one that left a window or changed may have lost score. When none of
    those that may have lost is in the item's last result, every candidate not in it ranks below it
    still, so the new result is the best of the last one and of the candidates that may have risen,
    scored again. Adding a source to 1,000 touches the windows of a third of the items; nearly all of
    them take this way."""
    position_of = {item.key: position for position, item in enumerate(items)}
    if not changed and state.weights == previous.weights:
        return set(), {}
    todo = {position_of[key] for key in changed if key in position_of}
    weights_changed = {feature for feature in state.weights.keys() | previous.weights.keys()
                       if state.weights.get(feature) != previous.weights.get(feature)}
    for feature in weights_changed:
        todo.update(postings.get(feature, ()))
    touched: set[Feature] = set()
    for key in changed:
        touched.update(state.items[key][0] if key in state.items else ())
        touched.update(previous.items[key][0] if key in previous.items else ())
    scored = {feature for feature in touched - weights_changed if feature in state.weights}  # weightless: never scored on
    previous_postings: dict[Feature, list[tuple[int, str]]] = defaultdict(list)
    for key, entry in previous.items.items():  # one pass for all the features, not one per feature
        for feature in scored.intersection(entry[0]):
            previous_postings[feature].append((entry[1], key))
    risen: dict[int, set[str]] = defaultdict(set)
    fallen: dict[int, set[str]] = defaultdict(set)
    for feature in sorted(scored):
        posting = postings.get(feature, [])
        keys = [items[position].key for position in posting]
        before = sorted(previous_postings[feature])
        before_keys, before_days = [key for _, key in before], [day for day, _ in before]
        now, then = _Posting(keys, posting_days[feature], changed), _Posting(before_keys, before_days, changed)
        # A window holding no changed item in this list nor, as the item's window was, in the last one
        # is the same run of unchanged items in both: only the windows holding a changed item are compared.
        near = {posting[place] for place in _windows_holding(now.days, now.changed_places)}
        near.update(position_of[before_keys[place]] for place in _windows_holding(then.days, then.changed_places)
                    if before_keys[place] in position_of)
        for position in near:
            if position in todo:
                continue
            day = state.items[items[position].key][1]
            (start, end), (start_before, end_before) = now.window(day), then.window(day)
            entered, left = now.changed_in(start, end), then.changed_in(start_before, end_before)
            # the unchanged items are in the same order in both lists: each window holds a run of them
            first, last = now.unchanged_before[start], now.unchanged_before[end]
            first_before, last_before = then.unchanged_before[start_before], then.unchanged_before[end_before]
            if (first, last) == (first_before, last_before) and not entered and not left:
                continue
            risen[position].update(entered, now.unchanged_outside(first, last, first_before, last_before))
            fallen[position].update(left, now.unchanged_outside(first_before, last_before, first, last))
    rescore: dict[int, list[int]] = {}
    for position, lost in fallen.items():
        if position in todo:
            continue
        if any(key in lost for key, _ in previous.results[items[position].key]):
            todo.add(position)
        else:
            rescore[position] = sorted(position_of[key] for key in risen[position])
    return todo, rescore


def _shared_feature_scores(item: RelatedItem, postings: dict[Feature, list[int]],
                           posting_days: dict[Feature, list[int]], weights: dict[Feature, float],
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


def _candidate_scores(item: RelatedItem, candidates: list[int], items: list[RelatedItem], postings: dict[Feature, list[int]],
                      posting_days: dict[Feature, list[int]], weights: dict[Feature, float], day: int,
                      rank: list[int]) -> dict[int, float]:
    """:func:`_shared_feature_scores` of these candidates alone (the same sums, added in the same order):
    for each feature a candidate shares, whether it is in the item's window is told by its place in the
    posting list (found by halving, postings being in date order), not by walking the window."""
    scores: dict[int, float] = {}
    features = [(feature, weights[feature]) for feature in sorted(item.features) if feature in weights]
    for other in candidates:
        theirs = items[other].features
        for feature, weight in features:
            if feature not in theirs:
                continue
            posting = postings[feature]
            start = _window_start(posting_days[feature], day)
            place = bisect.bisect_left(posting, rank[other], key=rank.__getitem__)
            if start <= place < start + WINDOW and place < len(posting) and posting[place] == other:
                scores[other] = scores.get(other, 0.0) + weight
    return scores


class _Posting:
    """One feature's posting list as :func:`_may_differ` compares it with the last build's: its items' keys
    and days in date order, where its changed items are, and how many unchanged items come before each
    place (the unchanged items are the same, in the same order, in both builds' lists)."""

    def __init__(self, keys: list[str], days: list[int], changed: set[str]):
        self.keys, self.days = keys, days
        self.changed_places = [place for place, key in enumerate(keys) if key in changed]
        self.unchanged_before = [0] * (len(keys) + 1)
        count = 0
        for place, key in enumerate(keys):
            count += key not in changed
            self.unchanged_before[place + 1] = count
        self.unchanged = [key for key in keys if key not in changed]

    def window(self, day: int) -> tuple[int, int]:
        """The places of the window of an item of ``day``, as :func:`_nearest` takes it."""
        start = _window_start(self.days, day)
        return start, min(start + WINDOW, len(self.keys))

    def changed_in(self, start: int, end: int) -> list[str]:
        return [self.keys[place] for place in self.changed_places if start <= place < end]

    def unchanged_outside(self, first: int, last: int, other_first: int, other_last: int) -> list[str]:
        """The unchanged items of the run [first, last) not in the run [other_first, other_last)."""
        return self.unchanged[first:min(last, other_first)] + self.unchanged[max(first, other_last):last]


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
