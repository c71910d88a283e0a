"""An entity's sources by year (build_tools/emit/entity_archive.py): the entity page quotes the newest and
links a page per year listing every source naming it, with exact lines and links; an added source makes
again only the pages of its year that list it."""
from __future__ import annotations

from pathlib import Path

import pytest

from build_tools.emit import entity_archive, entity_page
from build_tools.emit.entity_archive import EntityMonth, EntityYear, years_of
from build_tools.emit.entity_page import emit_entities
from build_tools.emit.page_memo import PageMemo
from build_tools.emit.writer import Unloaded, output_digest
from build_tools.index.site import SiteIndex, build_site_index
from build_tools.model import Article, Corpus, Entity, Paragraph, PartialDate, Registry

WATCHDOG = Entity(id="watchdog", name="Wire Watchdog", type="organisation", description="A regulator.",
                  path="content/registry/entities.yml", line=1, abbreviation="WW")
OTHER = Entity(id="other", name="Harbour Board", type="organisation", description="A port.",
               path="content/registry/entities.yml", line=9)


def article(id_: str, date: PartialDate | None, paragraphs: list[str], title: str | None = None) -> Article:
    return Article(id=id_, path=f"content/sources/{id_}.txt", line=1, title=title or f"Story {id_}", date=date,
                   publisher="Wire", author=None, dateline=None, key_points=[],
                   paragraphs=[Paragraph(n, text, 2 + n) for n, text in enumerate(paragraphs, start=1)])


def index_of(articles: list[Article]) -> SiteIndex:
    registry = Registry(entities={WATCHDOG.id: WATCHDOG, OTHER.id: OTHER}, abbreviations={"WW": "Wire Watchdog"})
    index, problems = build_site_index(Corpus(articles=articles, briefings=[], registry=registry))
    assert not problems, list(problems)
    return index


def naming(id_: str, date: PartialDate | None) -> Article:
    return article(id_, date, ["Nothing here.", "The Wire Watchdog said so. It did.", "Later the WW agreed."])


CORPUS = [naming("a25", PartialDate(2025, 3, 2)), naming("b25", PartialDate(2025)), naming("c24", PartialDate(2024, 1, 5)),
          naming("d", None), article("harbour", PartialDate(2024, 6, 1), ["The Harbour Board met."])]


def test_sources_by_year_are_the_runs_of_the_index_order_newest_first_undated_last() -> None:
    year_of = {"a": 2025, "b": 2025, "c": 2023, "d": None, "e": None}
    assert years_of(["a", "b", "c", "d", "e"], year_of) == [
        EntityYear(2025, ["a", "b"]), EntityYear(2023, ["c"]), EntityYear(None, ["d", "e"])]
    assert years_of(["c"], year_of) == [EntityYear(2023, ["c"])]
    assert years_of([], year_of) == []


def test_a_year_of_more_sources_than_the_limit_is_split_into_its_months_runs() -> None:
    year_of = {"a": 2025, "b": 2025, "c": 2025, "d": 2025, "e": 2024, "f": 2024, "g": None}
    month_of = {"a": 3, "b": 3, "c": 1, "d": None, "e": 6, "f": None, "g": None}
    years = years_of(list(year_of), year_of, month_of, limit=2)
    assert years == [EntityYear(2025, ["a", "b", "c", "d"], [EntityMonth(2025, 3, ["a", "b"]), EntityMonth(2025, 1, ["c"])]),
                     EntityYear(2024, ["e", "f"]), EntityYear(None, ["g"])]
    assert [year.listed for year in years] == [["d"], ["e", "f"], ["g"]]  # the year's page: those dated only to it
    assert years_of(["a", "b", "c"], year_of, month_of, limit=2)[0].listed == []
    assert years_of(["a", "b", "c", "d"], year_of, month_of, limit=4) == [EntityYear(2025, ["a", "b", "c", "d"])]


SPLIT = [naming("m1", PartialDate(2025, 3, 20)), naming("m2", PartialDate(2025, 3, 2)), naming("j1", PartialDate(2025, 1, 9)),
         naming("y1", PartialDate(2025)), naming("o1", PartialDate(2024, 6, 1))]


def test_a_large_year_links_its_months_and_lists_the_sources_dated_only_to_it(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(entity_page, "NEWEST_SOURCES_QUOTED", 1)
    monkeypatch.setattr(entity_archive, "YEAR_PAGE_LIMIT", 2)
    pages, _ = emit_entities(index_of(SPLIT))
    assert sorted(path for path in pages if path.startswith("entities/watchdog/")) == [
        "entities/watchdog/2024.md", "entities/watchdog/2025.md", "entities/watchdog/2025/01.md",
        "entities/watchdog/2025/03.md"]
    year = pages["entities/watchdog/2025.md"].decode("utf-8")
    assert ("[Wire Watchdog](../watchdog.md) › Sources by year · Older: [2024](2024.md) →\n\n"
            "The sources of 2025 naming Wire Watchdog, by month: [March](2025/03.md) · [January](2025/01.md)\n\n"
            "1 source dated only to 2025 names Wire Watchdog, newest first, each with the places that name it "
            "(a paragraph is linked where the source page quotes it).\n\n"
            "- [Story y1](../../sources/y1.md) · Wire, 2025 · ¶2, ¶3\n\n</div>\n") in year
    march = pages["entities/watchdog/2025/03.md"].decode("utf-8")
    assert march.startswith('---\ntitle: "Wire Watchdog (WW): sources of March 2025"\nsearch: {"exclude": true}\n---\n\n'
                            "# Wire Watchdog (WW): sources of March 2025\n\n"
                            '<div class="dpb-unsearched" data-pagefind-ignore="all" markdown>\n\n'
                            "[Wire Watchdog](../../watchdog.md) › Sources by year › [2025](../2025.md) · "
                            "Older: [January 2025](01.md) →\n\n"
                            "2 sources dated March 2025 name Wire Watchdog, newest first,")
    assert ("- [Story m1](../../../sources/m1.md) · Wire, 20 March 2025 · ¶2, ¶3\n"
            "- [Story m2](../../../sources/m2.md) · Wire, 2 March 2025 · ¶2, ¶3\n\n</div>\n") in march
    assert ("› [2025](../2025.md) · ← Newer: [March 2025](03.md)\n\n1 source dated January 2025 names Wire Watchdog"
            in pages["entities/watchdog/2025/01.md"].decode("utf-8"))
    assert "by month" not in pages["entities/watchdog/2024.md"].decode("utf-8")
    assert ("*The newest 1 of 5 are quoted above. Every source naming Wire Watchdog, by year:* "
            "[2025](watchdog/2025.md) (4) · [2024](watchdog/2024.md) (1)\n") in pages["entities/watchdog.md"].decode("utf-8")


def test_a_source_added_to_a_month_makes_again_that_month_and_not_its_year(monkeypatch: pytest.MonkeyPatch,
                                                                           tmp_path: Path) -> None:
    monkeypatch.setattr(entity_page, "NEWEST_SOURCES_QUOTED", 1)
    monkeypatch.setattr(entity_archive, "YEAR_PAGE_LIMIT", 2)
    first = PageMemo.open(tmp_path, "site")
    emit_entities(index_of(SPLIT), first)
    first.save()
    again = PageMemo.open(tmp_path, "site")
    grown = index_of([*SPLIT, naming("m3", PartialDate(2025, 3, 10))])
    after, _ = emit_entities(grown, again)
    assert sorted(path for path, data in after.items() if not isinstance(data, Unloaded)) == [
        "entities/watchdog.md", "entities/watchdog/2025/03.md"]
    fresh, _ = emit_entities(grown)
    assert after.keys() == fresh.keys()
    for path, data in after.items():
        assert (data.digest == output_digest(fresh[path])) if isinstance(data, Unloaded) else data == fresh[path], path


def test_the_entity_page_quotes_the_newest_and_links_every_year(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(entity_page, "NEWEST_SOURCES_QUOTED", 1)
    pages, _ = emit_entities(index_of(CORPUS))
    page = pages["entities/watchdog.md"].decode("utf-8")
    assert "## Mentioned in sources (4) { data-search-exclude }" in page
    assert page.count("\n### ") == 1 and "### [Story a25](../sources/a25.md) { data-search-exclude }" in page
    assert ("*The newest 1 of 4 are quoted above. Every source naming Wire Watchdog, by year:* "
            "[2025](watchdog/2025.md) (2) · [2024](watchdog/2024.md) (1) · [Undated](watchdog/undated.md) (1)\n") in page
    assert sorted(path for path in pages if path.startswith("entities/watchdog/")) == [
        "entities/watchdog/2024.md", "entities/watchdog/2025.md", "entities/watchdog/undated.md"]
    # an entity its page quotes whole has no pages by year
    assert not any(path.startswith("entities/other/") for path in pages)
    assert "by year" not in pages["entities/other.md"].decode("utf-8")


def test_a_year_page_lists_each_source_with_the_places_naming_the_entity(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(entity_page, "NEWEST_SOURCES_QUOTED", 1)
    pages, _ = emit_entities(index_of(CORPUS))
    page = pages["entities/watchdog/2025.md"].decode("utf-8")
    assert page.startswith('---\ntitle: "Wire Watchdog (WW): sources of 2025"\nsearch: {"exclude": true}\n---\n\n'
                           "# Wire Watchdog (WW): sources of 2025\n\n"
                           '<div class="dpb-unsearched" data-pagefind-ignore="all" markdown>\n\n'
                           "[Wire Watchdog](../watchdog.md) › Sources by year · Older: [2024](2024.md) →\n\n"
                           "2 sources dated 2025 name Wire Watchdog, newest first,")
    # newest first, each with the paragraphs naming the entity; none is quoted on its source page (none
    # is cited), so none is linked
    assert ("- [Story a25](../../sources/a25.md) · Wire, 2 March 2025 · ¶2, ¶3\n"
            "- [Story b25](../../sources/b25.md) · Wire, 2025 · ¶2, ¶3\n"
            "\n</div>\n") in page
    assert page.endswith("*[WW]: Wire Watchdog\n")
    undated = pages["entities/watchdog/undated.md"].decode("utf-8")
    assert "# Wire Watchdog (WW): undated sources\n" in undated
    assert "· ← Newer: [2024](2024.md)\n\n1 source undated names Wire Watchdog" in undated


def test_a_paragraph_its_source_page_quotes_is_linked_to_its_anchor(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(entity_page, "NEWEST_SOURCES_QUOTED", 1)
    full = naming("full", PartialDate(2024, 2, 1))
    full.full_text = True  # its page shows every paragraph
    titled = article("titled", PartialDate(2024, 3, 1), ["Nothing.", "The WW spoke."], title="Wire Watchdog acts")
    pages, _ = emit_entities(index_of([*CORPUS, full, titled]))
    assert "- [Wire Watchdog acts](../../sources/titled.md) · Wire, 1 March 2024 · title, ¶2\n" in pages[
        "entities/watchdog/2024.md"].decode("utf-8")
    assert ("- [Story full](../../sources/full.md) · Wire, 1 February 2024 · "
            "[¶2](../../sources/full.md#p2), [¶3](../../sources/full.md#p3)\n") in pages["entities/watchdog/2024.md"].decode("utf-8")


def test_an_added_source_makes_again_only_the_year_pages_that_list_it(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    monkeypatch.setattr(entity_page, "NEWEST_SOURCES_QUOTED", 1)
    corpus = [naming(f"s{year}-{day:02d}", PartialDate(year, 5, day)) for year in (2023, 2024) for day in range(1, 21)]
    corpus.append(article("harbour", PartialDate(2024, 6, 1), ["The Harbour Board met.", "The Harbour Board met again."]))
    corpus.append(article("harbour-old", PartialDate(2023, 6, 1), ["The Harbour Board met."]))
    first = PageMemo.open(tmp_path, "site")
    emit_entities(index_of(corpus), first)
    first.save()
    grown = index_of([*corpus, naming("added", PartialDate(2023, 12, 31))])
    again = PageMemo.open(tmp_path, "site")
    after, _ = emit_entities(grown, again)
    made = sorted(path for path, data in after.items() if not isinstance(data, Unloaded))
    # the entity page (its counts changed) and its 2023 page; not its 2024 page, nor the other entity's
    # 2023 page, whose key changed with the year's sources but whose list did not
    assert made == ["entities/watchdog.md", "entities/watchdog/2023.md"]
    assert sorted(again.made_sections) == ["entities/watchdog/2023.md#+sources"]  # the added source's line only
    fresh, _ = emit_entities(grown)
    assert after.keys() == fresh.keys()
    for path, data in after.items():
        assert (data.digest == output_digest(fresh[path])) if isinstance(data, Unloaded) else data == fresh[path], path


def test_a_source_edited_makes_again_the_year_pages_listing_it(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    monkeypatch.setattr(entity_page, "NEWEST_SOURCES_QUOTED", 1)
    corpus = [naming(f"s{day:02d}", PartialDate(2024, 5, day)) for day in range(1, 6)]
    first = PageMemo.open(tmp_path, "site")
    emit_entities(index_of(corpus), first)
    first.save()
    corpus[1] = article("s02", PartialDate(2024, 5, 2), ["The Wire Watchdog spoke."], title="Retitled")
    again = PageMemo.open(tmp_path, "site")
    after, _ = emit_entities(index_of(corpus), again)
    assert sorted(path for path, data in after.items() if not isinstance(data, Unloaded)) == ["entities/watchdog/2024.md"]
    assert ("- [Retitled](../../sources/s02.md) · Wire, 2 May 2024 · ¶1\n"
            "- [Story s01](../../sources/s01.md)") in after["entities/watchdog/2024.md"].decode("utf-8")


def test_a_source_of_a_new_year_changes_the_trail_of_the_year_beside_it(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    monkeypatch.setattr(entity_page, "NEWEST_SOURCES_QUOTED", 1)
    corpus = [naming("a", PartialDate(2024, 5, 1)), naming("b", PartialDate(2024, 5, 2))]
    first = PageMemo.open(tmp_path, "site")
    emit_entities(index_of(corpus), first)
    first.save()
    again = PageMemo.open(tmp_path, "site")
    after, _ = emit_entities(index_of([*corpus, naming("old", PartialDate(2021, 1, 1))]), again)
    assert sorted(path for path, data in after.items() if not isinstance(data, Unloaded)) == [
        "entities/watchdog.md", "entities/watchdog/2021.md", "entities/watchdog/2024.md"]
    assert "[Wire Watchdog](../watchdog.md) › Sources by year · Older: [2021](2021.md) →\n" in after["entities/watchdog/2024.md"].decode("utf-8")
