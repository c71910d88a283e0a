"""Listings kept by month: the archives of the sources, of the timeline and of the key figures.

A listing paginated from its newest item shifts every one of its pages by one row when an item is
added, so each added source rewrote (and MkDocs rendered again) all of them: 200 pages at 10,000
sources. Pages by month change only for the month an item is dated in, however large the corpus.
"""
from __future__ import annotations

from dataclasses import dataclass, field
from functools import partial
from typing import Callable, Generic, Protocol, Sequence, TypeVar

from build_tools.emit import paths
from build_tools.emit.linking import AbbreviationDefinitions
from build_tools.emit.listings import emit_paginated, paginate
from build_tools.emit.markdown import link
from build_tools.emit.page_memo import PageMemo, inputs_digest
from build_tools.emit.writer import FileBytes
from build_tools.model import PartialDate
from build_tools.model.dates import MONTH_NAMES


class Dated(Protocol):
    @property
    def date(self) -> PartialDate | None: ...


T = TypeVar("T", bound=Dated)


@dataclass(frozen=True)
class Archive:
    """One listing kept by month: where its pages live, the page that leads to them, what it lists."""

    folder: str        # "sources/archive/": pages YEAR/index.md, YEAR/MONTH/index.md, undated/index.md
    index_page: str    # the page listing the newest items and every month
    index_name: str
    singular: str
    plural: str

    def count(self, number: int) -> str:
        return f"{number} {self.singular if number == 1 else self.plural}"

    def page(self, year: int | None, month: int | None) -> str:
        if year is None:
            return f"{self.folder}undated/index.md"
        return f"{self.folder}{year:04d}/{month:02d}/index.md" if month else f"{self.folder}{year:04d}/index.md"


@dataclass
class Shelf(Generic[T]):
    """The items of one month; of one year, dated to the year only; or with no date at all."""

    archive: Archive
    year: int | None          # None: undated
    month: int | None         # None: the whole year's page, which lists the items dated to the year only
    items: list[T] = field(default_factory=list)

    @property
    def page(self) -> str:
        return self.archive.page(self.year, self.month)

    @property
    def name(self) -> str:
        if self.year is None:
            return "Undated"
        return f"{MONTH_NAMES[self.month]} {self.year}" if self.month else str(self.year)


def shelf_key(item: Dated) -> tuple[int | None, int | None]:
    date = item.date
    return (date.year, date.month) if date else (None, None)


def shelves_of(items: Sequence[T], archive: Archive) -> list[Shelf[T]]:
    """The shelves, newest first; each year has its own shelf, after its months, even when no item is
    dated to the year only (its page lists the year's months). ``items`` come newest first, with items
    dated only to a year after that year's months and undated items last, as the index orders sources
    and the timeline its entries, so every shelf is one run of them."""
    shelves: list[Shelf[T]] = []
    for item in items:
        year, month = shelf_key(item)
        if shelves and (shelves[-1].year, shelves[-1].month) == (year, month):
            shelves[-1].items.append(item)
            continue
        if shelves and shelves[-1].year is not None and shelves[-1].month and shelves[-1].year != year:
            shelves.append(Shelf(archive, shelves[-1].year, None))  # the year before this one ended with its months
        shelves.append(Shelf(archive, year, month, [item]))
    if shelves and shelves[-1].year is not None and shelves[-1].month:
        shelves.append(Shelf(archive, shelves[-1].year, None))
    return shelves


def archive_lines(shelves: Sequence[Shelf], page: str) -> str:
    """One line per year: the year's page and each of its months', with the number of items."""
    lines = []
    by_year: dict[int | None, list[Shelf]] = {}
    for shelf in shelves:
        by_year.setdefault(shelf.year, []).append(shelf)
    for group in by_year.values():
        year_shelf = group[-1]
        total = sum(len(s.items) for s in group)
        months = " · ".join(f"{link(MONTH_NAMES[s.month], page, s.page)} ({len(s.items)})"
                            for s in group if s.month)
        lines.append(f"- **{link(year_shelf.name, page, year_shelf.page)}** ({year_shelf.archive.count(total)})"
                     + (f": {months}" if months else ""))
    return "\n".join(lines) + "\n"


def neighbours(chain: list[Shelf]) -> dict[int, tuple[Shelf | None, Shelf | None]]:
    """id of each shelf of ``chain`` -> the shelves before and after it there. Months lead to the months
    either side, years to the years either side; the undated items come after the oldest of both."""
    return {id(shelf): (chain[at - 1] if at > 0 else None, chain[at + 1] if at + 1 < len(chain) else None)
            for at, shelf in enumerate(chain)}


def emit_archive(shelves: list[Shelf[T]], render: Callable[[Sequence[T], str], str],
                 items_inputs: Callable[[Shelf[T]], object], memo: PageMemo,
                 tooltips: AbbreviationDefinitions) -> dict[str, FileBytes]:
    """Every page of every shelf, encoded, with the definitions of the abbreviations it uses. ``render``:
    the listing of some of a shelf's items on a page; ``items_inputs``: everything it reads of a shelf's
    items. A shelf's pages are made again only when its inputs changed; otherwise they reach the writer
    unloaded."""
    # the undated shelf is in both chains: the months' wins
    sides = neighbours([s for s in shelves if not s.month]) | neighbours([s for s in shelves if s.month or s.year is None])
    months_of: dict[int | None, list[Shelf[T]]] = {}
    for shelf in shelves:
        if shelf.month:
            months_of.setdefault(shelf.year, []).append(shelf)
    pages: dict[str, FileBytes] = {}
    for shelf in shelves:
        newer, older = sides[id(shelf)]
        months = months_of.get(shelf.year, []) if not shelf.month else []
        around = [(other.name, other.page) if other else None for other in (newer, older)]
        inputs = inputs_digest(shelf.year, shelf.month, items_inputs(shelf), around, [other.month for other in months])
        made: dict[str, bytes] = {}  # the shelf's pages, made at most once, when one of them is needed

        def make(path: str, shelf: Shelf[T] = shelf, newer: Shelf | None = newer, older: Shelf | None = older,
                 months: list[Shelf[T]] = months, made: dict[str, bytes] = made) -> bytes:
            if not made:
                made.update({listed: tooltips.append(text).encode("utf-8")
                             for listed, text in emit_shelf(shelf, newer, older, months, render).items()})
            return made[path]

        for number in range(1, len(paginate(shelf.items, paths.LISTING_PAGE_SIZE)) + 1):
            listed = paths.listing(shelf.page, number)  # the pages emit_shelf makes
            pages[listed] = memo.page(listed, inputs, partial(make, listed))
    return pages


def emit_shelf(shelf: Shelf[T], newer: Shelf | None, older: Shelf | None, months: list[Shelf[T]],
               render: Callable[[Sequence[T], str], str]) -> dict[str, str]:
    """A shelf's pages, newest first, each with the way up to the archive's index and to the shelves either side."""
    archive = shelf.archive
    if shelf.year is None:
        title = f"Undated {archive.plural}"
        intro = f"{archive.count(len(shelf.items))} whose date we do not know."
    elif shelf.month:
        title = f"{archive.index_name}: {shelf.name}"
        intro = f"{archive.count(len(shelf.items))} dated {shelf.name}, newest first."
    else:
        title = f"{archive.index_name}: {shelf.year}"
        intro = year_intro(shelf, months)

    def trail(page: str) -> str:
        steps = [link(archive.index_name, page, archive.index_page)]
        if shelf.year is not None and shelf.month:
            steps.append(link(str(shelf.year), page, archive.page(shelf.year, None)))
        around = newer_and_older(*((other.name, other.page) if other else None for other in (newer, older)), page)
        return " › ".join(steps) + (" · " + " · ".join(around) if around else "") + "\n\n"

    def listed(chunk: Sequence[T], page: str) -> str:
        return render(chunk, page) if chunk else ""

    return emit_paginated(shelf.page, title, intro, shelf.items, listed, trail=trail, searchable_first=False)


def newer_and_older(newer: tuple[str, str] | None, older: tuple[str, str] | None, page: str) -> list[str]:
    """The links from ``page`` to the pages either side, each given as (name, page): ``← Newer: May 2024``
    and ``Older: March 2024 →``, as there are."""
    around = []
    if newer:
        around.append(f"← Newer: {link(newer[0], page, newer[1])}")
    if older:
        around.append(f"Older: {link(older[0], page, older[1])} →")
    return around


def year_intro(shelf: Shelf, months: list[Shelf]) -> str:
    """A year's page: links to its ``months``, then the items dated only to the year (listed below the
    intro). The months' counts are on the archive's index, not here: with them every item added to a
    month would change the year's page, which lists all the items dated only to the year."""
    count = shelf.archive.count
    parts = []
    if months:
        parts.append("## By month\n\n" + "\n".join(f"- {link(s.name, shelf.page, s.page)}" for s in months))
    if shelf.items:
        parts.append(f"## Dated only to the year\n\n{count(len(shelf.items))} whose date gives "
                     "the year but not the month.")
    return "\n\n".join(parts)
