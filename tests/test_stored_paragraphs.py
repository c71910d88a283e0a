"""StoredParagraphs (build_tools/model/records.py): an article's paragraphs as the per-file cache keeps
them, read on first use, and otherwise a sequence like the list the parser made."""
from __future__ import annotations

import pickle

import pytest

from build_tools.model import Paragraph, StoredParagraphs

PARAGRAPHS = [Paragraph(1, "The first paragraph.", 3), Paragraph(2, "A heading", 5, "heading")]


def stored(paragraphs: list[Paragraph], reads: list[int] | None = None, count: int | None = None) -> StoredParagraphs:
    def load() -> list[Paragraph]:
        if reads is not None:
            reads.append(1)
        return list(paragraphs)

    return StoredParagraphs(len(paragraphs) if count is None else count, load)


def test_its_length_is_known_without_reading_it() -> None:
    reads: list[int] = []
    assert len(stored(PARAGRAPHS, reads)) == 2
    assert reads == []


def test_it_is_read_once_on_first_use() -> None:
    reads: list[int] = []
    paragraphs = stored(PARAGRAPHS, reads)
    assert paragraphs[1] == PARAGRAPHS[1]
    assert [p.text for p in paragraphs] == ["The first paragraph.", "A heading"]
    assert paragraphs[:1] == PARAGRAPHS[:1]
    assert reads == [1]


def test_it_equals_the_same_paragraphs_in_either_order_of_comparison() -> None:
    assert stored(PARAGRAPHS) == PARAGRAPHS and PARAGRAPHS == stored(PARAGRAPHS)
    assert stored(PARAGRAPHS) == stored(PARAGRAPHS)
    assert stored(PARAGRAPHS) != PARAGRAPHS[:1] and PARAGRAPHS[:1] != stored(PARAGRAPHS)
    assert stored(PARAGRAPHS) != [PARAGRAPHS[1], PARAGRAPHS[0]]
    assert stored(PARAGRAPHS) != "not paragraphs"


def test_it_pickles_as_the_list_it_stands_for() -> None:
    again = pickle.loads(pickle.dumps(stored(PARAGRAPHS)))
    assert type(again) is list and again == PARAGRAPHS


def test_a_read_that_gives_another_number_of_paragraphs_fails_loudly() -> None:
    with pytest.raises(ValueError, match="^1 paragraphs were read back where 2 were stored$"):
        list(stored(PARAGRAPHS[:1], count=2))
