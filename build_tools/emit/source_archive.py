"""The sources index and its archive: every source on the page of the month its date falls in.

A listing paginated from the newest source shifts every one of its pages by one row when a source is
added, so each added source rewrote (and MkDocs rendered again) all of them: 200 pages at 10,000
sources. Pages by month change only for the month a source is dated in, however large the corpus.
"""
from __future__ import annotations

from dataclasses import dataclass, field
from functools import partial
from typing import Sequence

from build_tools.emit import paths
from build_tools.emit.linking import AbbreviationDefinitions
from build_tools.emit.listings import emit_paginated, paginate, source_row
from build_tools.emit.markdown import front_matter, link, table, unsearched_section
from build_tools.emit.page_memo import PageMemo, inputs_digest
from build_tools.emit.writer import FileBytes
from build_tools.index.site import SiteIndex
from build_tools.model import Article
from build_tools.model.dates import MONTH_NAMES

NEWEST_LISTED = paths.LISTING_PAGE_SIZE
COLUMNS = ["Date", "Title", "Publisher", "Cited by"]


@dataclass
class Shelf:
    """The sources of one month; of one year, dated to the year only; or with no date at all."""

    year: int | None          # None: undated
    month: int | None         # None: the whole year's page, which lists the sources dated to the year only
    articles: list[Article] = field(default_factory=list)

    @property
    def page(self) -> str:
        if self.year is None:
            return paths.SOURCES_UNDATED
        return paths.source_month(self.year, self.month) if self.month else paths.source_year(self.year)

    @property
    def name(self) -> str:
        if self.year is None:
            return "Undated"
        return f"{MONTH_NAMES[self.month]} {self.year}" if self.month else str(self.year)


def shelf_key(article: Article) -> tuple[int | None, int | None]:
    date = article.date
    return (date.year, date.month) if date else (None, None)


def shelves_of(articles: Sequence[Article]) -> list[Shelf]:
    """The shelves, newest first; each year has its own shelf, after its months, even when no source is
    dated to the year only (its page lists the year's months). ``articles`` come newest first, with
    sources dated only to a year after that year's months and undated sources last, as the index
    orders them, so every shelf is one run of them."""
    shelves: list[Shelf] = []
    for article in articles:
        year, month = shelf_key(article)
        if shelves and (shelves[-1].year, shelves[-1].month) == (year, month):
            shelves[-1].articles.append(article)
            continue
        if shelves and shelves[-1].year is not None and shelves[-1].month and shelves[-1].year != year:
            shelves.append(Shelf(shelves[-1].year, None))  # the year before this one ended with its months
        shelves.append(Shelf(year, month, [article]))
    if shelves and shelves[-1].year is not None and shelves[-1].month:
        shelves.append(Shelf(shelves[-1].year, None))
    return shelves


def count_of(number: int, noun: str) -> str:
    return f"{number} {noun}{'' if number == 1 else 's'}"


def archive_lines(shelves: list[Shelf], page: str) -> str:
    """One line per year: the year's page and each of its months', with the number of sources."""
    lines = []
    by_year: dict[int | None, list[Shelf]] = {}
    for shelf in shelves:
        by_year.setdefault(shelf.year, []).append(shelf)
    for year, group in by_year.items():
        year_shelf = group[-1]
        total = sum(len(s.articles) for s in group)
        months = " · ".join(f"{link(MONTH_NAMES[s.month], page, s.page)} ({len(s.articles)})"
                            for s in group if s.month)
        lines.append(f"- **{link(year_shelf.name, page, year_shelf.page)}** ({count_of(total, 'source')})"
                     + (f": {months}" if months else ""))
    return "\n".join(lines) + "\n"


def emit_sources_index(index: SiteIndex, memo: PageMemo | None = None, tooltips: AbbreviationDefinitions | None = None
                       ) -> tuple[dict[str, str], dict[str, FileBytes]]:
    """The sources index (the newest sources and the archive's months), and every page of the archive,
    encoded, with the definitions of the abbreviations it uses. ``memo``: a shelf's pages are made again
    only when :func:`shelf_inputs` changed; otherwise they reach the writer unloaded."""
    memo = memo or PageMemo()
    tooltips = tooltips or AbbreviationDefinitions(index.glossary)
    articles = list(index.articles.values())
    shelves = shelves_of(articles)
    page = paths.SOURCES_INDEX
    out = [front_matter({"title": "Sources"}), "# Sources\n\n",
           f"{count_of(len(articles), 'source article')}. Each page shows the article's metadata, its key points, "
           "an excerpt and the paragraphs our briefings cite. The newest are listed here; the archive lists "
           "every source under the month of its date.\n\n"]
    if articles:
        newest = table(COLUMNS, [source_row(a, page, index) for a in articles[:NEWEST_LISTED]])
        out.append(unsearched_section("Newest sources", newest))
        out.append(unsearched_section("Archive by month", archive_lines(shelves, page)))
    # the undated shelf is in both chains: the months' wins
    sides = neighbours([s for s in shelves if not s.month]) | neighbours([s for s in shelves if s.month or s.year is None])
    months_of: dict[int | None, list[Shelf]] = {}
    for shelf in shelves:
        if shelf.month:
            months_of.setdefault(shelf.year, []).append(shelf)
    archive: dict[str, FileBytes] = {}
    for shelf in shelves:
        newer, older = sides[id(shelf)]
        months = months_of.get(shelf.year, []) if not shelf.month else []
        inputs = shelf_inputs(shelf, newer, older, months, index, memo)
        made: dict[str, bytes] = {}  # the shelf's pages, made at most once, when one of them is needed

        def make(path: str, shelf: Shelf = shelf, newer: Shelf | None = newer, older: Shelf | None = older,
                 months: list[Shelf] = months, made: dict[str, bytes] = made) -> bytes:
            if not made:
                made.update({listed: tooltips.append(text).encode("utf-8")
                             for listed, text in emit_shelf(shelf, newer, older, months, index).items()})
            return made[path]

        for number in range(1, len(paginate(shelf.articles, paths.LISTING_PAGE_SIZE)) + 1):
            listed = paths.listing(shelf.page, number)  # the pages emit_shelf makes
            archive[listed] = memo.page(listed, inputs, partial(make, listed))
    return {page: "".join(out)}, archive


def shelf_inputs(shelf: Shelf, newer: Shelf | None, older: Shelf | None, months: list[Shelf], index: SiteIndex,
                 memo: PageMemo) -> bytes:
    """Everything :func:`emit_shelf` reads: each listed source (its fields, and how many briefings cite it),
    the shelves either side, and for a year its months' counts. Keep it complete when the pages show more."""
    rows = [(memo.digest_of(article), len(index.citations.citing_briefings(article.id))) for article in shelf.articles]
    sides = [(other.name, other.page) if other else None for other in (newer, older)]
    return inputs_digest(shelf.year, shelf.month, rows, sides, [(other.month, len(other.articles)) for other in months])


def neighbours(chain: list[Shelf]) -> dict[int, tuple[Shelf | None, Shelf | None]]:
    """id of each shelf of ``chain`` -> the shelves before and after it there. Months lead to the months
    either side, years to the years either side; the undated sources come after the oldest of both."""
    return {id(shelf): (chain[at - 1] if at > 0 else None, chain[at + 1] if at + 1 < len(chain) else None)
            for at, shelf in enumerate(chain)}


def emit_shelf(shelf: Shelf, newer: Shelf | None, older: Shelf | None, months: list[Shelf],
               index: SiteIndex) -> dict[str, str]:
    """A shelf's pages, newest first, each with the way up to the index and to the shelves either side."""
    if shelf.year is None:
        title, intro = "Undated sources", f"{count_of(len(shelf.articles), 'source')} whose date we do not know."
    elif shelf.month:
        title = f"Sources: {shelf.name}"
        intro = f"{count_of(len(shelf.articles), 'source')} dated {shelf.name}, newest first."
    else:
        title = f"Sources: {shelf.year}"
        intro = year_intro(shelf, months)

    def trail(page: str) -> str:
        steps = [link("Sources", page, paths.SOURCES_INDEX)]
        if shelf.year is not None and shelf.month:
            steps.append(link(str(shelf.year), page, paths.source_year(shelf.year)))
        around = []
        if newer:
            around.append(f"← Newer: {link(newer.name, page, newer.page)}")
        if older:
            around.append(f"Older: {link(older.name, page, older.page)} →")
        return " › ".join(steps) + (" · " + " · ".join(around) if around else "") + "\n\n"

    def render(chunk: Sequence[Article], page: str) -> str:
        return table(COLUMNS, [source_row(a, page, index) for a in chunk]) if chunk else ""

    return emit_paginated(shelf.page, title, intro, shelf.articles, render, trail=trail, searchable_first=False)


def year_intro(shelf: Shelf, months: list[Shelf]) -> str:
    """A year's page: its ``months``, then the sources dated only to the year (listed below the intro)."""
    lines = [f"- {link(s.name, shelf.page, s.page)} ({count_of(len(s.articles), 'source')})" for s in months]
    total = sum(len(s.articles) for s in months) + len(shelf.articles)
    parts = [f"{count_of(total, 'source')} dated {shelf.year}."]
    if lines:
        parts.append("## By month\n\n" + "\n".join(lines))
    if shelf.articles:
        parts.append(f"## Dated only to the year\n\n{count_of(len(shelf.articles), 'source')} whose date gives "
                     "the year but not the month.")
    return "\n\n".join(parts)

