"""The sources index and its archive: every source on the page of the month its date falls in
(:mod:`build_tools.emit.archive`)."""
from __future__ import annotations

from typing import Sequence

from build_tools.emit import paths
from build_tools.emit.archive import Archive, Shelf, archive_lines, emit_archive, shelves_of
from build_tools.emit.linking import AbbreviationDefinitions
from build_tools.emit.listings import source_row
from build_tools.emit.markdown import front_matter, table, unsearched_section
from build_tools.emit.page_memo import PageMemo
from build_tools.emit.writer import FileBytes
from build_tools.index.site import SiteIndex
from build_tools.model import Article

NEWEST_LISTED = paths.LISTING_PAGE_SIZE
COLUMNS = ["Date", "Title", "Publisher", "Cited by"]
SOURCES = Archive(paths.SOURCES_ARCHIVE, paths.SOURCES_INDEX, "Sources", "source", "sources")


def emit_sources_index(index: SiteIndex, memo: PageMemo | None = None, tooltips: AbbreviationDefinitions | None = None
                       ) -> tuple[dict[str, str], dict[str, FileBytes]]:
    """The sources index (the newest sources and the archive's months), and every page of the archive,
    encoded, with the definitions of the abbreviations it uses. ``memo``: a shelf's pages are made again
    only when its inputs (:func:`shelf_rows` and the shelves around it) changed; otherwise they reach the
    writer unloaded."""
    memo = memo or PageMemo()
    tooltips = tooltips or AbbreviationDefinitions(index.glossary)
    articles = list(index.articles.values())
    shelves = shelves_of(articles, SOURCES)
    page = paths.SOURCES_INDEX
    out = [front_matter({"title": "Sources"}), "# Sources\n\n",
           f"{len(articles)} source article{'' if len(articles) == 1 else 's'}. Each page shows the article's "
           "metadata, its key points, an excerpt and the paragraphs our briefings cite. The newest are listed "
           "here; the archive lists every source under the month of its date.\n\n"]
    if articles:
        newest = table(COLUMNS, [source_row(a, page, index) for a in articles[:NEWEST_LISTED]])
        out.append(unsearched_section("Newest sources", newest))
        out.append(unsearched_section("Archive by month", archive_lines(shelves, page)))

    def render(chunk: Sequence[Article], page: str) -> str:
        return table(COLUMNS, [source_row(a, page, index) for a in chunk])

    def shelf_rows(shelf: Shelf[Article]) -> list:
        """What a listed source's row shows: its fields, and how many briefings cite it. Keep it complete
        when the rows show more."""
        return [(memo.digest_of(a), len(index.citations.citing_briefings(a.id))) for a in shelf.items]

    return {page: "".join(out)}, emit_archive(shelves, render, shelf_rows, memo, tooltips)
