"""The offline copy: unzipped and opened from file://, it navigates and searches with no server."""
from __future__ import annotations

import zipfile
from pathlib import Path

import pytest

from build_tools.pipeline import ProjectPaths
from build_tools.render.offline import ARCHIVE_ROOT, build_offline_archive
from conftest import REPO


@pytest.fixture(scope="module")
def offline_root(tmp_path_factory: pytest.TempPathFactory, node_tools: Path) -> Path:
    folder = tmp_path_factory.mktemp("offline")
    archive = build_offline_archive(ProjectPaths(REPO), folder / "offline.zip")
    with zipfile.ZipFile(archive) as opened:
        names = opened.namelist()
        assert all(name.startswith(f"{ARCHIVE_ROOT}/") for name in names)
        assert f"{ARCHIVE_ROOT}/briefings/vpn-regulation.html" in names
        assert f"{ARCHIVE_ROOT}/search/search_index.js" in names
        opened.extractall(folder)
    return folder / ARCHIVE_ROOT


def test_archive_is_reproducible(tmp_path: Path, monkeypatch: pytest.MonkeyPatch, node_tools: Path) -> None:
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1700000000")
    first = build_offline_archive(ProjectPaths(REPO), tmp_path / "a.zip").read_bytes()
    second = build_offline_archive(ProjectPaths(REPO), tmp_path / "b.zip").read_bytes()
    assert first == second


def test_offline_copy_navigates_from_file_urls(page, offline_root: Path) -> None:
    page.goto((offline_root / "index.html").as_uri())
    assert page.locator("h1").first.inner_text().startswith("Digital Pakistan Briefings")
    page.locator("article a[href='briefings/vpn-regulation.html']").first.click()
    page.wait_for_load_state("load")
    assert page.url.endswith("/briefings/vpn-regulation.html")
    citation = page.locator("article a[href*='../sources/'][href*='#p']").first
    citation.click()
    page.wait_for_load_state("load")
    assert "/sources/" in page.url and "#p" in page.url


def test_offline_copy_searches_without_a_server(page, offline_root: Path) -> None:
    page.goto((offline_root / "index.html").as_uri())
    page.locator("input.md-search__input").click()
    page.wait_for_function("""() => { const m = document.querySelector('.md-search-result__meta');
                                       return m && m.textContent.trim() && !/Initiali/i.test(m.textContent); }""")
    page.locator("input.md-search__input").press_sequentially("VPN", delay=50)
    results = page.locator(".md-search-result__item")
    results.first.wait_for(state="visible", timeout=10_000)
    assert results.count() > 0
    results.first.locator("a").first.click()
    page.wait_for_load_state("load")
    assert page.url.startswith("file://") and "VPN" in page.locator("article").inner_text()


def test_offline_index_keeps_titles_and_summaries_but_not_bulk_text(offline_root: Path) -> None:
    """The offline copy searches with Material's index: the bulk sections' headings carry
    data-search-exclude, and no Pagefind search button or bundle is shipped."""
    import json

    script = (offline_root / "search" / "search_index.js").read_text("utf-8")
    docs = json.loads(script[script.index("{"):script.rindex("}") + 1])["docs"]
    by_location: dict[str, list[dict]] = {}
    for doc in docs:
        by_location.setdefault(doc["location"].split("#")[0], []).append(doc)
    source = by_location["sources/arabnews-vpn-licensing.html"]
    assert source[0]["title"] == "Pakistan starts licensing VPN providers, says users can get services from approved firms"
    source_text = " ".join(d["text"] for d in source)
    assert "Arab News, 13 November 2025" in source_text
    assert "Class Licenses have been granted" not in source_text
    entity = " ".join(d["title"] + d["text"] for d in by_location["entities/pta.html"])
    assert "Pakistan Telecommunication Authority" in entity
    assert "Mentioned in sources" not in entity
    page = (offline_root / "index.html").read_text("utf-8")
    assert "dpb-search__button" not in page and not (offline_root / "pagefind").exists()


def test_offline_feed_links_to_the_offline_pages(offline_root: Path) -> None:
    """The feed is made from the pages MkDocs rendered, so its links follow the copy's .html addresses."""
    import xml.etree.ElementTree as ET

    atom = "{http://www.w3.org/2005/Atom}"
    feed = ET.parse(offline_root / "feed.xml").getroot()
    hrefs = [e.find(f"{atom}link").get("href") for e in feed.findall(f"{atom}entry")]
    assert "briefings/vpn-regulation.html" in hrefs
    assert all((offline_root / href).is_file() for href in hrefs)


def test_the_offline_copy_has_no_link_to_download_itself(offline_root: Path) -> None:
    about = (offline_root / "about.html").read_text("utf-8")
    assert "The site is built to be light and private" in about
    assert "offline.zip" not in about and "Read offline" not in about
