"""The sources index and its archive by month: shelves, exact pages and links, and what one added source changes."""
from __future__ import annotations

from build_tools.emit import paths, source_archive
from build_tools.emit.archive import shelves_of
from build_tools.emit.writer import Unloaded
from build_tools.index.site import SiteIndex, build_site_index
from build_tools.model import Article, Corpus, Paragraph, PartialDate, Registry


def article(id_: str, date: PartialDate | None, title: str | None = None) -> Article:
    return Article(id=id_, path=f"content/sources/{id_}.md", line=1, title=title or f"Story {id_}", date=date,
                   publisher="Wire", author=None, dateline=None, key_points=[],
                   paragraphs=[Paragraph(1, "Text.", 3)])


SPREAD = [article("dec-11", PartialDate(2025, 12, 11)), article("dec-05", PartialDate(2025, 12, 5)),
          article("nov", PartialDate(2025, 11)), article("sep-15", PartialDate(2025, 9, 15)),
          article("y2025", PartialDate(2025)), article("mar-01", PartialDate(2024, 3, 1)),
          article("y2023", PartialDate(2023)), article("nodate", None)]


def index_of(articles: list[Article]) -> SiteIndex:
    index, problems = build_site_index(Corpus(articles=articles, briefings=[], registry=Registry(entities={}, topics={})))
    assert not problems, list(problems)
    return index


def test_shelves_are_months_then_their_year_newest_first_and_undated_last() -> None:
    shelves = shelves_of(list(index_of(SPREAD).articles.values()), source_archive.SOURCES)
    assert [(s.year, s.month, [a.id for a in s.items]) for s in shelves] == [
        (2025, 12, ["dec-11", "dec-05"]), (2025, 11, ["nov"]), (2025, 9, ["sep-15"]), (2025, None, ["y2025"]),
        (2024, 3, ["mar-01"]), (2024, None, []), (2023, None, ["y2023"]), (None, None, ["nodate"])]
    assert [s.page for s in shelves[:2]] + [shelves[3].page, shelves[-1].page] == [
        "sources/archive/2025/12/index.md", "sources/archive/2025/11/index.md", "sources/archive/2025/index.md",
        "sources/archive/undated/index.md"]
    assert [s.name for s in shelves] == ["December 2025", "November 2025", "September 2025", "2025", "March 2024",
                                         "2024", "2023", "Undated"]


def emit_sources_index(index, memo=None) -> dict[str, str]:
    """The sources index and the archive's pages, as text (the latter made, whether or not the memo held them)."""
    pages, archive = source_archive.emit_sources_index(index, memo)
    return {**pages, **{path: (data.load() if isinstance(data, Unloaded) else data).decode("utf-8") for path, data in archive.items()}}


def test_the_index_lists_the_newest_and_every_year_and_month_with_counts() -> None:
    page = emit_sources_index(index_of(SPREAD))[paths.SOURCES_INDEX]
    assert page.startswith('---\ntitle: "Sources"\n---\n\n# Sources\n\n8 source articles. ')
    assert "| 2025-12-11 | [Story dec-11](dec-11.md) | Wire | 0 |\n| 2025-12-05 | [Story dec-05](dec-05.md) | Wire | 0 |" in page
    assert ("## Archive by month { data-search-exclude }\n\n"
            "- **[2025](archive/2025/index.md)** (5 sources): [December](archive/2025/12/index.md) (2) · "
            "[November](archive/2025/11/index.md) (1) · [September](archive/2025/09/index.md) (1)\n"
            "- **[2024](archive/2024/index.md)** (1 source): [March](archive/2024/03/index.md) (1)\n"
            "- **[2023](archive/2023/index.md)** (1 source)\n"
            "- **[Undated](archive/undated/index.md)** (1 source)\n") in page


def test_a_month_page_leads_up_to_its_year_and_across_to_the_months_either_side() -> None:
    pages = emit_sources_index(index_of(SPREAD))
    november = pages["sources/archive/2025/11/index.md"]
    assert november == (
        '---\ntitle: "Sources: November 2025"\nsearch: {"exclude": true}\n---\n\n# Sources: November 2025\n\n'
        "[Sources](../../../index.md) › [2025](../index.md) · ← Newer: [December 2025](../12/index.md) · "
        "Older: [September 2025](../09/index.md) →\n\n"
        "1 source dated November 2025, newest first.\n\n"
        '<div class="dpb-unsearched" data-pagefind-ignore="all" markdown>\n\n'
        "| Date | Title | Publisher | Cited by |\n|---|---|---|---|\n"
        "| 2025-11 | [Story nov](../../../nov.md) | Wire | 0 |\n\n</div>\n\n")
    march = pages["sources/archive/2024/03/index.md"]
    assert "· ← Newer: [September 2025](../../2025/09/index.md) · Older: [Undated](../../undated/index.md) →" in march
    undated = pages[paths.SOURCES_UNDATED]
    assert "[Sources](../../index.md) · ← Newer: [March 2024](../2024/03/index.md)\n\n1 source whose date we do not know." in undated


def test_a_year_page_lists_its_months_and_the_sources_dated_only_to_the_year() -> None:
    pages = emit_sources_index(index_of(SPREAD))
    year = pages["sources/archive/2025/index.md"]
    assert ("# Sources: 2025\n\n[Sources](../../index.md) · Older: [2024](../2024/index.md) →\n\n"
            "## By month\n\n- [December 2025](12/index.md)\n- [November 2025](11/index.md)\n"
            "- [September 2025](09/index.md)\n\n"
            "## Dated only to the year\n\n1 source whose date gives the year but not the month.\n\n") in year
    assert "| 2025 | [Story y2025](../../y2025.md) | Wire | 0 |" in year
    empty = pages["sources/archive/2024/index.md"]
    assert empty.endswith("[Sources](../../index.md) · ← Newer: [2025](../2025/index.md) · Older: [2023](../2023/index.md) →\n\n"
                          "## By month\n\n- [March 2024](03/index.md)\n\n")


def test_a_large_month_is_paginated_inside_its_folder() -> None:
    busy = [article(f"s{day:02d}-{n}", PartialDate(2025, 10, day)) for day in range(1, 27) for n in range(2)]
    pages = emit_sources_index(index_of(busy))
    assert sorted(p for p in pages if p.startswith("sources/archive/2025/10/")) == [
        "sources/archive/2025/10/index.md", "sources/archive/2025/10/page-2.md"]
    second = pages["sources/archive/2025/10/page-2.md"]
    assert second.startswith('---\ntitle: "Sources: October 2025 (page 2)"\nsearch: {"exclude": true}\n---\n\n'
                             "# Sources: October 2025 (page 2)\n\n[Sources](../../../index.md) › [2025](../index.md)\n\n"
                             "[← Newer](index.md) · Page 2 of 2\n\n")
    assert second.count("| 2025-10-") == 2 and "[Story s01-1](../../../s01-1.md)" in second
    assert "Page 1 of 2 · [Older →](page-2.md)" in pages["sources/archive/2025/10/index.md"]


def test_an_added_source_changes_only_its_month_and_the_index() -> None:
    """Pages paginated from the newest source all shifted by a row per added source. The year's page
    names its months without their counts (the index has them), so it changes only when a month is
    added or with the sources dated only to the year, which it lists."""
    corpus = [article(f"m{month:02d}-d{day:02d}", PartialDate(2024, month, day)) for month in range(1, 13) for day in range(1, 29)]
    before = emit_sources_index(index_of(corpus))
    after = emit_sources_index(index_of(corpus + [article("added", PartialDate(2024, 6, 30))]))
    assert set(before) == set(after)
    assert sorted(p for p in after if before[p] != after[p]) == ["sources/archive/2024/06/index.md", "sources/index.md"]
    assert "| 2024-06-30 | [Story added](../../../added.md) | Wire | 0 |" in after["sources/archive/2024/06/index.md"]


def test_with_the_memo_an_added_source_makes_only_its_months_pages_again() -> None:
    from build_tools.emit.page_memo import PageMemo

    corpus = [article(f"m{month:02d}-d{day:02d}", PartialDate(2024, month, day)) for month in range(1, 13) for day in range(1, 29)]
    first = PageMemo()
    _, archive = source_archive.emit_sources_index(index_of(corpus), first)
    assert all(isinstance(data, bytes) for data in archive.values()) and len(archive) == 13
    again = PageMemo(stored=dict(first.kept))
    grown = index_of(corpus + [article("added", PartialDate(2024, 6, 30))])
    _, after = source_archive.emit_sources_index(grown, again)
    assert sorted(path for path, data in after.items() if isinstance(data, bytes)) == sorted(again.made_bodies) == [
        "sources/archive/2024/06/index.md"]
    assert all(isinstance(after[path], Unloaded) and after[path].digest == first.kept[path][1]
               for path in after if path not in again.made_bodies)
    assert emit_sources_index(grown, PageMemo(stored=dict(first.kept))) == emit_sources_index(grown)


def test_no_sources_gives_an_index_and_no_archive() -> None:
    pages = emit_sources_index(index_of([]))
    assert list(pages) == [paths.SOURCES_INDEX]
    assert "0 source articles." in pages[paths.SOURCES_INDEX] and "Archive" not in pages[paths.SOURCES_INDEX]
