"""Related items updated from the last build's state (build_tools/index/related.py): after any sequence of
additions, removals and edits the results are exactly those of scoring every item again, while only the
items whose windows a change entered are scored."""
from __future__ import annotations

import random

import pytest

from build_tools.index import related
from build_tools.index.related import RelatedItem, RelatedState, feature_weights, related_items
from build_tools.model import PartialDate

TOPICS = [("topic", f"t{i}") for i in range(4)]
ENTITIES = [("entity", f"e{i}") for i in range(12)]


def random_item(rng: random.Random, key: str) -> RelatedItem:
    features = frozenset(rng.sample(TOPICS, rng.randint(0, 2)) + rng.sample(ENTITIES, rng.randint(0, 5)))
    return RelatedItem(key, features, random_date(rng))


def random_date(rng: random.Random) -> PartialDate | None:
    kind = rng.random()
    if kind < 0.1:
        return None
    if kind < 0.2:
        return PartialDate(rng.randint(2020, 2025))
    return PartialDate(rng.randint(2020, 2025), rng.randint(1, 12), rng.randint(1, 28))


def edited(rng: random.Random, items: list[RelatedItem], serial: int) -> list[RelatedItem]:
    items = list(items)
    choice = rng.random()
    if choice < 0.4 or len(items) < 3:
        items.insert(rng.randrange(len(items) + 1), random_item(rng, f"new-{serial}"))
    elif choice < 0.6:
        items.pop(rng.randrange(len(items)))
    elif choice < 0.8:
        position = rng.randrange(len(items))
        items[position] = random_item(rng, items[position].key)  # new features and date
    else:
        position = rng.randrange(len(items))
        items[position] = RelatedItem(items[position].key, items[position].features, random_date(rng))
    return items


@pytest.mark.parametrize("seed", range(12))
def test_updating_from_the_last_state_gives_the_results_of_scoring_every_item(monkeypatch: pytest.MonkeyPatch,
                                                                              seed: int) -> None:
    monkeypatch.setattr(related, "WINDOW", 6)  # long postings at a size a test can afford
    rng = random.Random(seed)
    items = [random_item(rng, f"item-{i}") for i in range(rng.randint(20, 90))]
    _, state = related_items(items)
    for serial in range(25):
        items = edited(rng, items, serial)
        stored = RelatedState.from_plain(state.to_plain())  # as the next build reads it back
        assert stored is not None
        updated, state = related_items(items, previous=stored)
        scratch, scratch_state = related_items(items)
        assert updated == scratch
        assert list(updated) == [item.key for item in items]
        assert state.to_plain() == scratch_state.to_plain()


def test_one_item_added_rescores_only_the_items_whose_windows_it_enters(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(related, "WINDOW", 10)
    # 400 items a day apart, each on one of four topics and one of 40 entities
    items = [RelatedItem(f"s{i:04d}", frozenset({("topic", f"t{i % 4}"), ("entity", f"e{i % 40}")}),
                         PartialDate(2020 + i // 336, i % 336 // 28 + 1, i % 28 + 1)) for i in range(400)]
    _, state = related_items(items)
    scored: list[str] = []
    real, real_candidates = related._shared_feature_scores, related._candidate_scores

    def counting(item, *args):
        scored.append(item.key)
        return real(item, *args)

    def counting_candidates(item, *args):
        scored.append(item.key)
        return real_candidates(item, *args)

    monkeypatch.setattr(related, "_shared_feature_scores", counting)
    monkeypatch.setattr(related, "_candidate_scores", counting_candidates)
    added = items + [RelatedItem("added", frozenset({("topic", "t1"), ("entity", "e5")}), PartialDate(2021, 6, 15))]
    updated, _ = related_items(added, previous=state)
    # scored in full or against the candidates that entered their windows: the windows of t1 and e5 near it
    assert "added" in scored and 1 < len(scored) <= 2 * (related.WINDOW + 2)
    monkeypatch.setattr(related, "_shared_feature_scores", real)
    monkeypatch.setattr(related, "_candidate_scores", real_candidates)
    assert updated == related_items(added)[0]


def test_items_whose_windows_only_gained_the_added_item_are_not_scored_again(monkeypatch: pytest.MonkeyPatch) -> None:
    # a small site: every posting shorter than a window, so the added item enters windows and pushes none out
    items = [RelatedItem(f"s{i:03d}", frozenset({("topic", f"t{i % 3}"), ("entity", f"e{i % 7}")}),
                         PartialDate(2024, i % 12 + 1, i % 28 + 1)) for i in range(60)]
    _, state = related_items(items)
    scored: list[str] = []
    real = related._shared_feature_scores

    def counting(item, *args):  # scored against every item in its windows, not only against the added one
        scored.append(item.key)
        return real(item, *args)

    monkeypatch.setattr(related, "_shared_feature_scores", counting)
    added = items + [RelatedItem("added", frozenset({("topic", "t1"), ("entity", "e2")}), PartialDate(2024, 3, 3))]
    updated, _ = related_items(added, previous=state)
    assert scored == ["added"]
    monkeypatch.setattr(related, "_shared_feature_scores", real)
    assert updated == related_items(added)[0]
    now_listing_it = sorted(key for key, found in updated.items() if "added" in dict(found))
    assert now_listing_it == ["s016", "s025", "s037", "s049", "s058"]  # s016, s037, s058 share both its features


def test_a_state_from_another_limit_or_size_is_not_used() -> None:
    rng = random.Random(5)
    items = [random_item(rng, f"item-{i}") for i in range(40)]
    _, state = related_items(items)
    assert related_items(items, limit=3, previous=state)[0] == related_items(items, limit=3)[0]
    bigger = items + [random_item(rng, f"more-{i}") for i in range(30)]  # 40 -> 70 items: another power of two
    assert related_items(bigger, previous=state)[0] == related_items(bigger)[0]


@pytest.mark.parametrize("damaged", [None, "garbage", (1, 5), (2, 5, 5, [], {}, [], {}),
                                     (1, 5, 5, [("topic", "t")], {"a": ((0,), 1, True)}, [], {})])
def test_a_damaged_state_reads_as_none(damaged: object) -> None:
    assert RelatedState.from_plain(damaged) is None


def test_weights_move_only_when_a_count_crosses_a_power_of_two() -> None:
    weights = [feature_weights({("entity", "e"): count}, 1000)[("entity", "e")] for count in range(4, 9)]
    assert weights[:4] == [weights[0]] * 4 and weights[4] < weights[0]  # 4..7 alike, 8 less
    assert feature_weights({("topic", "t"): 2}, 4) == {("topic", "t"): pytest.approx(2 * (1 + 0.6931471805599453))}
    assert feature_weights({("entity", "most"): 6}, 10) == {}  # on more than half of the items
