"""The key-figures page: curated comparisons first (table plus bar chart, contested figures marked),
then the figures of the newest sources with their sentences, and an archive by month that lists every
amount, percentage, count and quantity found in the sources, by source and paragraph (as the sources
archive lists every source: :mod:`build_tools.emit.archive`), so an added source changes this page and
its own month's.

A link lands on a source paragraph (``#pN``) only when that paragraph is anchored on the source page,
i.e. when some briefing cites it (``index.citations.cited_paragraphs``); otherwise it opens the page.
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Sequence

from build_tools.emit import paths
from build_tools.emit.archive import Archive, Shelf, archive_lines, emit_archive, shelves_of
from build_tools.emit.citations import paragraph_reference
from build_tools.emit.linking import AbbreviationDefinitions
from build_tools.emit.markdown import escape, front_matter, link, table, table_of_lines, table_row, unsearched_section
from build_tools.emit.page_memo import PageMemo, inputs_digest
from build_tools.emit.writer import FileBytes
from build_tools.emit.svg import Bar, bar_chart_svg, figure_block
from build_tools.emit.timeline_page import date_label
from build_tools.index.figures import UNIT_KINDS
from build_tools.index.key_figures import FigureRecord
from build_tools.index.site import SiteIndex
from build_tools.model import Article, CuratedFigure, FigureGroup

ROW_LIMIT = 100        # rows in "Figures in the newest sources" (the newest sources first)
CONTEXT_WORDS = 35     # words of the surrounding sentence shown, figure included
COMPARED_ANCHOR = "compared"
ALL_ANCHOR = "all-figures"
ARCHIVE_ANCHOR = "archive-by-month"
ROW_HEADERS = ["Figure", "In context", "Source", "Date"]
FIGURES = Archive(paths.FIGURES_ARCHIVE, paths.FIGURES, "Key figures", "source with figures", "sources with figures")
ROWS_PART = "figure-rows"  # the memo's paths of one source's rows: figure-rows#source-id

_SCALES = ((1e12, "trillion"), (1e9, "billion"), (1e6, "million"))
_WORD = re.compile(r"\S+")


@dataclass(frozen=True)
class KindSection:
    key: str
    title: str
    units: frozenset[str]


SECTIONS = (
    KindSection("usd", "Amounts in US dollars", frozenset({"USD"})),
    KindSection("pkr", "Amounts in Pakistani rupees", frozenset({"PKR"})),
    KindSection("other-currencies", "Amounts in other currencies",
                frozenset(u for u, k in UNIT_KINDS.items() if k == "amount") - {"USD", "PKR"}),
    KindSection("percentages", "Percentages", frozenset(u for u, k in UNIT_KINDS.items() if k == "percentage")),
    KindSection("counts", "Counts", frozenset(u for u, k in UNIT_KINDS.items() if k == "count")),
    KindSection("quantities", "Quantities (power, bandwidth, durations)",
                frozenset(u for u, k in UNIT_KINDS.items() if k == "quantity")),
)


def group_anchor(group_id: str) -> str:
    """The id of a curated group's section: link to ``figures.md#group-<id>``."""
    return f"group-{group_id}"


def kind_anchor(key: str) -> str:
    return f"figures-{key}"


def _number(value: float) -> str:
    for scale, word in _SCALES:
        if abs(value) >= scale:
            return f"{value / scale:,.2f}".rstrip("0").rstrip(".") + f" {word}"
    return f"{value:,.2f}".rstrip("0").rstrip(".")


def format_value(value: float, unit: str) -> str:
    """``US$3 billion``, ``Rs 60 trillion``, ``30%``, ``200 million``, ``2,000 MW``."""
    number = _number(value)
    prefixes = {"USD": "US$", "PKR": "Rs ", "EUR": "€", "GBP": "£"}
    if unit in prefixes:
        return prefixes[unit] + number
    if unit == "percent":
        return number + "%"
    if unit in ("count", "people"):
        return number
    return f"{number} {unit}"


def _fragment(text: str) -> str:
    """``escape()`` for a piece in the middle of a line: keeps its edge spaces, and the rules for the
    start of a line (``-``, ``#``, ``1.``) do not apply mid-line."""
    return escape("." + text + ".")[1:-1]


def _anchor(index: SiteIndex, source_id: str, paragraphs: tuple[int, ...] | list[int]) -> str | None:
    return next((paths.paragraph_anchor(n) for n in paragraphs if index.paragraph_shown(source_id, n)), None)


def source_link(index: SiteIndex, source_id: str, paragraphs: tuple[int, ...] | list[int], page: str) -> str:
    """``[Publisher, date ¶N](sources/id.md#pN)``; the anchor only when the source page has it."""
    article = index.articles[source_id]
    label = escape(article.label) + (" ¶" + ", ".join(str(n) for n in paragraphs) if paragraphs else "")
    return link(label, page, paths.source(source_id), _anchor(index, source_id, paragraphs),
                title=article.title or None)


# ------------------------------------------------------------------------------- curated groups

def _same_period(a: CuratedFigure, b: CuratedFigure) -> bool:
    return " ".join(a.period.casefold().split()) == " ".join(b.period.casefold().split())


def differing(group: FigureGroup) -> dict[int, list[int]]:
    """For each figure (by position), the other figures of the group for the same period with another value."""
    found: dict[int, list[int]] = {}
    for i, a in enumerate(group.items):
        others = [j for j, b in enumerate(group.items) if j != i and _same_period(a, b) and a.value != b.value]
        if others:
            found[i] = others
    return found


def _publisher(index: SiteIndex, item: CuratedFigure) -> str:
    article = index.articles.get(item.citation.source_id)
    return (article.publisher or article.title or item.citation.source_id) if article else item.citation.source_id


def group_rows(index: SiteIndex, group: FigureGroup, page: str) -> list[list[str]]:
    contested = differing(group)
    rows = []
    for i, item in enumerate(group.items):
        notes = [escape(item.note)] if item.note else []
        for j in contested.get(i, []):
            other = group.items[j]
            notes.append(f"**Differs from** {escape('“' + other.text + '”')} ({escape(_publisher(index, other))})")
        rows.append([escape(item.text), format_value(item.value, group.unit), escape(item.period),
                     escape(date_label(item.date)),
                     source_link(index, item.citation.source_id, item.citation.paragraphs, page),
                     "; ".join(notes) or "—"])
    return rows


def group_chart(index: SiteIndex, group: FigureGroup) -> str:
    bars = []
    for item in group.items:
        publisher = _publisher(index, item)
        where = f"{item.citation.source_id} ¶" + ", ".join(str(n) for n in item.citation.paragraphs)
        bars.append(Bar(item.value, f"{item.text} · {item.period} · {publisher}", format_value(item.value, group.unit),
                        f"{item.text} ({item.period}, {date_label(item.date)}), {publisher}, {where}"
                        + (f". {item.note}" if item.note else "")))
    description = (f"{group.label}, in {group.unit}, one bar per figure, scaled from zero: "
                   + "; ".join(f"{b.value_label} ({g.period}, {_publisher(index, g)})" for b, g in zip(bars, group.items))
                   + ". The table above lists the same figures with their sources.")
    svg = bar_chart_svg(bars, f"chart-{group.id}", f"{group.label} ({group.unit})", description)
    return figure_block(svg, f"{group.label}: bar length is proportional to the value, in {group.unit}.",
                        "dpb-chart-figure")


def figure_group_section(index: SiteIndex, group_id: str, from_page: str, heading_level: int = 3) -> str:
    """A curated group: heading (id ``group-<id>``), description, side-by-side table, bar chart.
    "" when the group does not exist. On a page other than figures.md, ends with a link to it."""
    group = index.figures.groups.get(group_id)
    if group is None or not group.items:
        return ""
    out = [f"{'#' * heading_level} {escape(group.label)} {{#{group_anchor(group.id)}}}\n\n",
           f"{escape(group.description)}\n\n",
           table(["Figure as written", f"Value ({escape(group.unit)})", "Period", "Date", "Source", "Note"],
                 group_rows(index, group, from_page)),
           group_chart(index, group)]
    if from_page != paths.FIGURES:
        out.append(link("All key figures →", from_page, paths.FIGURES, group_anchor(group.id)) + "\n")
    return "".join(out)


# ----------------------------------------------------------------------- figures in the sources

def context_snippet(record: FigureRecord, limit: int = CONTEXT_WORDS) -> str:
    """The sentence around the figure, cut to about ``limit`` words around it, escaped, figure in bold."""
    sentence = record.sentence                      # whitespace already collapsed by sentence_around
    figure = " ".join(record.figure.text.split())   # "US$\u00a09.4 billion" -> "US$ 9.4 billion", as in the sentence
    at = sentence.find(figure)
    if at < 0:
        words = sentence.split()
        return escape(" ".join(words[:limit]) + (" …" if len(words) > limit else ""))
    before, after = sentence[:at], sentence[at + len(figure):]
    before_words = list(_WORD.finditer(before))
    after_words = list(_WORD.finditer(after))
    budget = max(limit - len(figure.split()), 0)
    take_before = min(len(before_words), max(budget // 2, budget - len(after_words)))
    take_after = min(len(after_words), budget - take_before)
    head = before[before_words[-take_before].start():] if take_before else ""
    tail = after[:after_words[take_after - 1].end()] if take_after else ""
    if take_before < len(before_words):
        head = "… " + head
    if take_after < len(after_words):
        tail = tail + " …"
    return f"{_fragment(head)}**{_fragment(figure)}**{_fragment(tail)}".strip()


def figure_as_written(record: FigureRecord) -> str:
    text = f"{record.figure.qualifier} {record.figure.text}".strip()
    return escape(text)


def record_row(index: SiteIndex, record: FigureRecord, page: str) -> list[str]:
    article = index.articles[record.source_id]
    return [figure_as_written(record), context_snippet(record),
            source_link(index, record.source_id, [record.paragraph], page),
            article.date.iso() if article.date else "undated"]


def _section_of(unit: str) -> KindSection:
    return next((s for s in SECTIONS if unit in s.units), SECTIONS[-1])


def all_figures_section(index: SiteIndex, page: str, memo: PageMemo | None = None) -> str:
    return unsearched_section("Figures in the newest sources", all_figures_body(index, page, memo), anchor=ALL_ANCHOR)


def all_figures_body(index: SiteIndex, page: str, memo: PageMemo | None = None) -> str:
    """The figures of the newest sources, ROW_LIMIT in all, by kind (the archive by month lists every one).
    ``memo``: each source's rows of the last build, reused while the source and which of its paragraphs
    are cited are as they were."""
    count = index.figures.count
    if not count:
        return "No figures found in the sources yet."
    memo = memo or PageMemo()
    sources = index.figures.sources_with_figures
    out = [f"{count} figures found in {sources} source{'s' if sources != 1 else ''}, each with the sentence around "
           "it. Found by the build, not checked by an editor: read the sentence before you reuse a figure."]
    if count > ROW_LIMIT:
        out.append(f" Here the newest {ROW_LIMIT}, newest sources first; the "
                   f"[archive by month](#{ARCHIVE_ANCHOR}) lists every one.")
    out.append("\n\n")
    rows = [line for source_id, shown in _newest_sources_shown(index)
            for line in _source_rows(index, source_id, shown, page, memo).split("\n")]
    out.append(rows_by_kind(rows))
    return "".join(out)


def rows_by_kind(lines: list[str]) -> str:
    """A table per kind of figure (:data:`SECTIONS`) of rows made by :func:`_source_rows` (kind, tab, row),
    each under its heading, in their order; first the links to each."""
    by_section: dict[str, list[str]] = {}
    for line in lines:
        section, _, row = line.partition("\t")
        by_section.setdefault(section, []).append(row)
    present = [s for s in SECTIONS if s.key in by_section]
    out = ["Jump to: " + " · ".join(f"[{s.title}](#{kind_anchor(s.key)}) ({len(by_section[s.key])})"
                                    for s in present) + "\n\n"]
    for section in present:
        out.append(f"### {section.title} {{#{kind_anchor(section.key)} data-search-exclude}}\n\n")
        out.append(table_of_lines(ROW_HEADERS, by_section[section.key]) + "\n")
    return "".join(out)


def _newest_sources_shown(index: SiteIndex) -> list[tuple[str, int]]:
    """(source id, how many of its first figures are shown) of the sources whose figures fill the first
    ROW_LIMIT rows, newest first: :meth:`FigureIndex.newest`, counted without reading the figures."""
    shown, rows = [], 0
    for source_id, analysis in index.figures.analyses.items():
        if rows >= ROW_LIMIT:
            break
        if analysis.figure_count:
            shown.append((source_id, min(analysis.figure_count, ROW_LIMIT - rows)))
            rows += shown[-1][1]
    return shown


def _source_rows(index: SiteIndex, source_id: str, shown: int, page: str, memo: PageMemo) -> str:
    """The rows of a source's first ``shown`` figures, one line each: its kind's section key, a tab, the row.
    A row reads the source (its figures, label, date) and whether the figure's paragraph is anchored on
    the source page, which is its full text or the paragraphs cited (:func:`_rows_inputs`)."""
    inputs = inputs_digest(_rows_inputs(index, source_id, memo), shown, page)
    return memo.reuse_or_make(f"{ROWS_PART}#{source_id}", inputs,
                              lambda: source_rows(index, source_id, shown, page).encode("utf-8")).decode("utf-8")


def source_rows(index: SiteIndex, source_id: str, shown: int, page: str) -> str:
    return "\n".join(f"{_section_of(record.figure.unit).key}\t{table_row(record_row(index, record, page))}"
                     for record in index.figures.of_source(source_id)[:shown])


def _rows_inputs(index: SiteIndex, source_id: str, memo: PageMemo) -> tuple:
    return memo.digest_of(index.articles[source_id]), tuple(sorted(index.citations.cited_paragraphs.get(source_id, ())))


def archive_line(index: SiteIndex, source_id: str, page: str) -> str:
    """One source of the archive: its title (linked), publisher and date, and every figure found in it as
    written, by paragraph (each paragraph the source page shows linked to it there). No sentence: at
    10,000 sources the figures are 150,000 (the figures page shows the newest with theirs)."""
    article = index.articles[source_id]
    source_page = paths.source(source_id)
    by_paragraph: dict[int, list[str]] = {}
    for record in index.figures.of_source(source_id):
        by_paragraph.setdefault(record.paragraph, []).append(figure_as_written(record))
    places = [f"{', '.join(written)} ({paragraph_reference(index, source_id, number, page)})"
              for number, written in by_paragraph.items()]
    title = link(escape(article.title or "Untitled article"), page, source_page)
    return f"- {title} · {escape(article.label)}: {'; '.join(places)}\n"


def emit_figures_archive(index: SiteIndex, memo: PageMemo, tooltips: AbbreviationDefinitions
                         ) -> tuple[str, dict[str, FileBytes]]:
    """The figures page's "Archive by month" section, and the archive's pages: each source with figures on
    the page of the month of its date, with every figure found in it (:func:`archive_line`)."""
    with_figures = [article for article in index.articles.values()
                    if (analysis := index.figures.analyses.get(article.id)) is not None and analysis.figure_count]
    shelves = shelves_of(with_figures, FIGURES)
    if not shelves:
        return "", {}

    def render(chunk: Sequence[Article], page: str) -> str:
        return "".join(archive_line(index, article.id, page) for article in chunk)

    def shelf_rows(shelf: Shelf[Article]) -> list:
        """What a source's line reads: the source (its figures, title, label) and which of its paragraphs
        its page shows (:func:`_rows_inputs`)."""
        return [(article.id, _rows_inputs(index, article.id, memo)) for article in shelf.items]

    section = unsearched_section("Archive by month", "Every figure found in the sources, under the month of its "
                                 "source's date.\n\n" + archive_lines(shelves, paths.FIGURES), anchor=ARCHIVE_ANCHOR)
    return section, emit_archive(shelves, render, shelf_rows, memo, tooltips)


def emit_figures(index: SiteIndex, memo: PageMemo | None = None, tooltips: AbbreviationDefinitions | None = None
                 ) -> tuple[dict[str, str], dict[str, FileBytes]]:
    """The figures page, and the pages of its archive by month, encoded, with the definitions of the
    abbreviations they use (:func:`emit_figures_archive`)."""
    memo = memo or PageMemo()
    page = paths.FIGURES
    out = [front_matter({"title": "Key figures",
                         "description": "Amounts, percentages and counts from the sources, with their context and citation."}),
           "# Key figures\n\n",
           "Every figure links to the source it comes from. Curated comparisons set figures for the same "
           "measure side by side, as each source writes them, and flag figures for the same period that "
           "disagree; below them are the figures the build found in the newest sources, and an archive by "
           "month of every figure it found.\n\n",
           f"## Compared figures {{#{COMPARED_ANCHOR}}}\n\n"]
    groups = [g for g in index.figures.groups.values() if g.items]
    if groups:
        out.append(" · ".join(f"[{escape(g.label)}](#{group_anchor(g.id)})" for g in groups) + "\n\n")
        out += [figure_group_section(index, g.id, page) + "\n" for g in groups]
    else:
        out.append("No curated comparison yet; add one in `content/registry/figures.yml`.\n\n")
    out.append(all_figures_section(index, page, memo))
    archive_section, archive = emit_figures_archive(index, memo, tooltips or AbbreviationDefinitions(index.glossary))
    out.append(archive_section)
    return {page: "".join(out).rstrip("\n") + "\n"}, archive
