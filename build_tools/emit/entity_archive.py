"""An entity's sources by year: every source naming the entity, one line each, on the page of the year
its date falls in (undated sources on a page of their own). The entity page quotes the newest
(:data:`build_tools.emit.entity_page.NEWEST_SOURCES_QUOTED`) and links these pages. A year with more than
``YEAR_PAGE_LIMIT`` sources naming the entity is listed by month: its page links a page per month and
lists the sources dated only to the year. At 10,000 synthetic sources the IMF's years held 900 sources
each, 170 kB of Markdown per page. A limit of 100 split 546 of the 550 years there into 6,552 month pages
(the synthetic corpus names each of its 80 entities in thousands of sources): the full build took 10 %
longer and its peak memory rose by 100 MB; 500 splits the 110 largest.

An entity page that quoted every source naming the entity would grow with the corpus, and each source
added would change it whole: at 1,000 sources, quoting the newest 200 made the 30 entity pages an added
source names 3 MB of Markdown for MkDocs to convert again, and left the older sources unlisted. A year's
page changes only when a source dated that year names the entity.

The lists on these pages hold every pair of an entity and a source naming it (70,000 at 1,000 synthetic
sources), and every build checks each list against the memo: its sources' ids and inputs go to
:meth:`PageMemo.section_of` as two lists, each source's inputs made once per build
(``source_inputs``), and a page's text above its list is made only when the page is.
"""
from __future__ import annotations

import bisect
from dataclasses import dataclass, field
from typing import Callable, Mapping, Sequence

from build_tools.emit import paths
from build_tools.emit.archive import newer_and_older
from build_tools.emit.citations import paragraph_reference
from build_tools.emit.linking import AbbreviationDefinitions
from build_tools.emit.markdown import UNSEARCHED_CLOSE, UNSEARCHED_OPEN, escape, front_matter, link
from build_tools.emit.page_memo import PageMemo, inputs_digest
from build_tools.emit.writer import FileBytes
from build_tools.index.analysis import BYLINE, DATELINE, TITLE
from build_tools.index.site import SiteIndex
from build_tools.model import Entity
from build_tools.model.dates import MONTH_NAMES

SOURCES_PART = "+sources"  # the memo path of a year page's list (``PAGE#+sources``: no id holds "+")
PLACE_NAMES = {TITLE: "title", BYLINE: "byline", DATELINE: "dateline"}
YEAR_PAGE_LIMIT = 500  # more sources than this in a year (about 75 kB of Markdown): listed by month


@dataclass
class EntityMonth:
    """The sources naming an entity dated one month, newest first."""

    year: int
    month: int
    source_ids: list[str]

    @property
    def name(self) -> str:
        return f"{MONTH_NAMES[self.month]} {self.year}"

    def page(self, entity_id: str) -> str:
        return paths.entity_month(entity_id, self.year, self.month)


@dataclass
class EntityYear:
    """The sources naming an entity dated one year (``year`` None: undated), newest first; ``months``: when
    the year is listed by month, the runs of them dated to a month, newest first (the sources dated only
    to the year follow them)."""

    year: int | None
    source_ids: list[str]
    months: list[EntityMonth] = field(default_factory=list)

    @property
    def name(self) -> str:
        return "Undated" if self.year is None else str(self.year)

    @property
    def listed(self) -> list[str]:
        """The sources the year's own page lists: all of them, or when listed by month those dated only to the year."""
        return self.source_ids[sum(len(month.source_ids) for month in self.months):]

    def page(self, entity_id: str) -> str:
        return paths.entity_year(entity_id, self.year)


def year_of_sources(index: SiteIndex) -> dict[str, int | None]:
    """Source id -> the year of its date (None: undated)."""
    return {source_id: article.date.year if article.date else None for source_id, article in index.articles.items()}


def month_of_sources(index: SiteIndex) -> dict[str, int | None]:
    """Source id -> the month of its date (None: dated only to a year, or undated)."""
    return {source_id: article.date.month if article.date else None for source_id, article in index.articles.items()}


def years_of(source_ids: list[str], year_of: Mapping[str, int | None],
             month_of: Mapping[str, int | None] | None = None, limit: int | None = None) -> list[EntityYear]:
    """``source_ids`` by year, newest first; a year of more than ``limit`` (default ``YEAR_PAGE_LIMIT``)
    by month too (``month_of`` must then be given). They must come as the index orders sources (newest
    first, those dated only to a year after its months, undated last), so that each year and each month
    is one run of them; the runs' ends are found by bisection, not by looking at every source (this runs
    for every entity on every build)."""
    limit = YEAR_PAGE_LIMIT if limit is None else limit
    years = [EntityYear(year_of[run[0]], run) for run in _runs(source_ids, lambda source_id: _descending(year_of[source_id]))]
    for year in years:
        if year.year is not None and len(year.source_ids) > limit:
            if month_of is None:
                raise ValueError("years_of needs month_of to list a large year by month")
            year.months = [EntityMonth(year.year, month, run) for run in _runs(
                year.source_ids, lambda source_id: _descending(month_of[source_id]))
                if (month := month_of[run[0]]) is not None]
    return years


def _descending(value: int | None) -> int:
    """A rank ascending along a list ordered newest first with the items lacking ``value`` last."""
    return 1 if value is None else -value


def _runs(items: list[str], rank: Callable[[str], int]) -> list[list[str]]:
    runs = []
    start = 0
    while start < len(items):
        end = bisect.bisect_right(items, rank(items[start]), lo=start, key=rank)
        runs.append(items[start:end])
        start = end
    return runs


def year_links(entity_id: str, years: list[EntityYear], page: str) -> str:
    """``2025 (12) · 2024 (30) · Undated (1)``, each linked to its page."""
    return " · ".join(f"{link(year.name, page, year.page(entity_id))} ({len(year.source_ids)})" for year in years)


def source_line(entity: Entity, source_id: str, index: SiteIndex, page: str) -> str:
    """One source naming the entity: its title (linked), publisher and date, and the places naming the
    entity (its title, byline, dateline or paragraphs; each paragraph the source page quotes linked to it
    there). No sentence: at 10,000 sources the lines are 300,000 (the entity page quotes the newest)."""
    article = index.articles[source_id]
    source_page = paths.source(source_id)
    where: dict[int, str] = {}
    for place in index.mentions.places_in(entity.id, "source", source_id):
        number = place.paragraph
        if number in where:
            continue
        if number in PLACE_NAMES:
            where[number] = PLACE_NAMES[number]
        else:
            where[number] = paragraph_reference(index, source_id, number, page)
    title = link(escape(article.title or "Untitled article"), page, source_page)
    return f"- {title} · {escape(article.label)}" + (f" · {', '.join(where.values())}" if where else "") + "\n"


def emit_entity_years(entity: Entity, years: list[EntityYear], index: SiteIndex, memo: PageMemo,
                      source_inputs: Mapping[str, bytes], tooltips: AbbreviationDefinitions) -> dict[str, FileBytes]:
    """The pages of ``years``, encoded with the definitions of the abbreviations they use. Each source's
    line is a part of a memoized section whose inputs are ``source_inputs[source id]`` (everything
    :func:`source_line` reads of the source besides the registry)."""
    pages: dict[str, FileBytes] = {}

    def emit_list(page: str, listed: list[str], head_inputs: tuple, head: Callable[[], str]) -> None:
        section = memo.section_of(f"{page}#{SOURCES_PART}", listed, list(map(source_inputs.__getitem__, listed)),
                                  lambda number: source_line(entity, listed[number], index, page).encode("utf-8"),
                                  lambda part: tooltips.used_in(part.decode("utf-8")))
        pages[page] = memo.page(page, inputs_digest(head_inputs, section.inputs), lambda: tooltips.append_pieces(
            [head(), section, "\n" + UNSEARCHED_CLOSE.lstrip("\n")]), keep_bytes=False)

    for at, year in enumerate(years):
        # what the text above each list reads besides the registry (in the memo's site key)
        emit_list(year.page(entity.id), year.listed,
                  (year.name, len(year.listed), years[at - 1].name if at > 0 else None,
                   years[at + 1].name if at + 1 < len(years) else None, [month.month for month in year.months]),
                  lambda at=at: _year_head(entity, years, at))
        for place, month in enumerate(year.months):
            emit_list(month.page(entity.id), month.source_ids,
                      (month.name, len(month.source_ids), [other.month for other in year.months]),
                      lambda year=year, place=place: _month_head(entity, year, place))
    return pages


def _title(entity: Entity) -> str:
    return entity.name + (f" ({entity.abbreviation})" if entity.abbreviation else "")


def _head(heading: str, trail: str) -> str:
    return (front_matter({"title": heading, "search": {"exclude": True}}) + f"# {escape(heading)}\n\n" + UNSEARCHED_OPEN
            + trail + "\n\n")


def _listing(count: int, dated: str, entity: Entity) -> str:
    return (f"{count} source{'' if count == 1 else 's'} {dated} name{'s' if count == 1 else ''} {escape(entity.name)}, "
            "newest first, each with the places that name it (a paragraph is linked where the source page quotes it).\n\n")


def _year_head(entity: Entity, years: list[EntityYear], at: int) -> str:
    """A year page's text above its list: title, the way back to the entity page and to the years either
    side, the year's months when it is listed by month, and what the list holds. A year listed by month
    gives no count of its months' sources: with one, every source added to a month would change it."""
    year = years[at]
    page = year.page(entity.id)
    heading = f"{_title(entity)}: {'undated sources' if year.year is None else f'sources of {year.year}'}"
    text = _head(heading, " · ".join([link(escape(entity.name), page, paths.entity(entity.id)) + " › Sources by year",
                                      *_either_side(years, at, entity, page)]))
    if not year.months:
        return text + _listing(len(year.source_ids), "undated" if year.year is None else f"dated {year.year}", entity)
    text += (f"The sources of {year.year} naming {escape(entity.name)}, by month: "
             + " · ".join(link(MONTH_NAMES[month.month], page, month.page(entity.id)) for month in year.months) + "\n\n")
    return text + (_listing(len(year.listed), f"dated only to {year.year}", entity) if year.listed else "")


def _month_head(entity: Entity, year: EntityYear, place: int) -> str:
    """A month page's text above its list: title, the way back to the entity page, to its year's page and
    to the months of that year either side, and what the list holds."""
    month = year.months[place]
    page = month.page(entity.id)
    trail = " › ".join([link(escape(entity.name), page, paths.entity(entity.id)), "Sources by year",
                        link(year.name, page, year.page(entity.id))])
    return (_head(f"{_title(entity)}: sources of {month.name}", " · ".join([trail, *_either_side(year.months, place, entity, page)]))
            + _listing(len(month.source_ids), f"dated {month.name}", entity))


def _either_side(chain: Sequence[EntityYear] | Sequence[EntityMonth], at: int, entity: Entity, page: str) -> list[str]:
    """Links from ``page`` to the newer and the older of the years (or months) either side of ``chain[at]``."""
    newer = (chain[at - 1].name, chain[at - 1].page(entity.id)) if at > 0 else None
    older = (chain[at + 1].name, chain[at + 1].page(entity.id)) if at + 1 < len(chain) else None
    return newer_and_older(newer, older, page)
