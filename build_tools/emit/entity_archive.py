"""An entity's sources by year: every source naming the entity, one line each, on the page of the year
its date falls in (undated sources on a page of their own). The entity page quotes the newest
(:data:`build_tools.emit.entity_page.NEWEST_SOURCES_QUOTED`) and links these pages.

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
from dataclasses import dataclass
from typing import Mapping

from build_tools.emit import paths
from build_tools.emit.citations import paragraph_reference
from build_tools.emit.linking import AbbreviationDefinitions
from build_tools.emit.markdown import UNSEARCHED_CLOSE, UNSEARCHED_OPEN, escape, front_matter, link
from build_tools.emit.page_memo import PageMemo, Section, inputs_digest
from build_tools.emit.writer import FileBytes
from build_tools.index.analysis import BYLINE, DATELINE, TITLE
from build_tools.index.site import SiteIndex
from build_tools.model import Entity

SOURCES_PART = "+sources"  # the memo path of a year page's list (``PAGE#+sources``: no id holds "+")
PLACE_NAMES = {TITLE: "title", BYLINE: "byline", DATELINE: "dateline"}


@dataclass
class EntityYear:
    """The sources naming an entity dated one year (``year`` None: undated), newest first."""

    year: int | None
    source_ids: list[str]

    @property
    def name(self) -> str:
        return "Undated" if self.year is None else str(self.year)

    def page(self, entity_id: str) -> str:
        return paths.entity_year(entity_id, self.year)


def year_of_sources(index: SiteIndex) -> dict[str, int | None]:
    """Source id -> the year of its date (None: undated)."""
    return {source_id: article.date.year if article.date else None for source_id, article in index.articles.items()}


def years_of(source_ids: list[str], year_of: dict[str, int | None]) -> list[EntityYear]:
    """``source_ids`` by year, newest first. They must come as the index orders sources (newest first,
    undated last), so that each year is one run of them; the runs' ends are found by bisection, not by
    looking at every source (this runs for every entity on every build)."""
    def rank(source_id: str) -> int:  # ascending along the list
        year = year_of[source_id]
        return 1 if year is None else -year

    years = []
    start = 0
    while start < len(source_ids):
        end = bisect.bisect_right(source_ids, rank(source_ids[start]), lo=start, key=rank)
        years.append(EntityYear(year_of[source_ids[start]], source_ids[start:end]))
        start = end
    return years


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
    for at, year in enumerate(years):
        page = year.page(entity.id)
        listed = year.source_ids
        section = memo.section_of(f"{page}#{SOURCES_PART}", listed, list(map(source_inputs.__getitem__, listed)),
                                  lambda number, listed=listed, page=page: source_line(entity, listed[number], index, page).encode("utf-8"),
                                  lambda part: tooltips.used_in(part.decode("utf-8")))
        # what the text above the list reads besides the registry (in the memo's site key)
        head_inputs = (year.name, len(listed), years[at - 1].name if at > 0 else None,
                       years[at + 1].name if at + 1 < len(years) else None)

        def make(at: int = at, page: str = page, section: Section = section) -> bytes:
            return tooltips.append_pieces([_year_head(entity, years, at, page), section, "\n" + UNSEARCHED_CLOSE.lstrip("\n")])

        pages[page] = memo.page(page, inputs_digest(head_inputs, section.inputs), make, keep_bytes=False)
    return pages


def _year_head(entity: Entity, years: list[EntityYear], at: int, page: str) -> str:
    """A year page's text above its list: title, the way back to the entity page and to the years either
    side, and what the list holds."""
    year = years[at]
    title = entity.name + (f" ({entity.abbreviation})" if entity.abbreviation else "")
    around = []
    if at > 0:
        around.append(f"← Newer: {link(years[at - 1].name, page, years[at - 1].page(entity.id))}")
    if at + 1 < len(years):
        around.append(f"Older: {link(years[at + 1].name, page, years[at + 1].page(entity.id))} →")
    count = len(year.source_ids)
    dated = "undated" if year.year is None else f"dated {year.year}"
    heading = f"{title}: {'undated sources' if year.year is None else f'sources of {year.year}'}"
    return (front_matter({"title": heading, "search": {"exclude": True}}) + f"# {escape(heading)}\n\n" + UNSEARCHED_OPEN
            + " · ".join([link(escape(entity.name), page, paths.entity(entity.id)) + " › Sources by year", *around])
            + f"\n\n{count} source{'' if count == 1 else 's'} {dated} name{'s' if count == 1 else ''} "
            f"{escape(entity.name)}, newest first, each with the places that name it (a paragraph is linked where the "
            "source page quotes it).\n\n")
