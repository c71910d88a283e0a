"""The published site's search index: Pagefind runs on the built site, and its failure stops the build
with a message naming the site folder."""
from __future__ import annotations

import gzip
import json
import sys
from pathlib import Path
from types import SimpleNamespace

import pytest
from mkdocs.exceptions import Abort

from build_tools.errors import BuildFailed, Problem
from build_tools.render import mkdocs_hook, search_index
from build_tools.render.site_in_place import SiteInPlace

PAGE = ("<!doctype html><html lang='en'><head><title>T</title></head><body><nav>Menu words</nav>"
        "<article><h1>Licensing VPN providers</h1><p>Searchable summary.</p>"
        "<div data-pagefind-ignore='all'><p>Bulk list.</p></div></article></body></html>")


def _site(tmp_path: Path) -> Path:
    site = tmp_path / "site"
    (site / "sources" / "one").mkdir(parents=True)
    (site / "sources" / "one" / "index.html").write_text(PAGE, "utf-8")
    return site


def test_pagefind_writes_its_bundle_into_the_site(tmp_path: Path) -> None:
    site = _site(tmp_path)
    search_index.build_search_index(site)
    bundle = site / "pagefind"
    assert (bundle / "pagefind-entry.json").is_file()
    assert (bundle / "pagefind-component-ui.js").is_file()
    assert len(list((bundle / "fragment").glob("*.pf_fragment"))) == 1  # one page indexed


def test_the_page_title_keeps_its_id_on_an_empty_span_and_loses_its_permalink() -> None:
    html = ('<h1 id="pta-licenses-vpns">PTA <abbr title="x">licenses</abbr> VPNs<a class="headerlink" '
            'href="#pta-licenses-vpns" title="Permanent link">&para;</a></h1>\n<h2 id="key-points">Key points'
            '<a class="headerlink" href="#key-points" title="Permanent link">&para;</a></h2>')
    assert search_index.title_without_anchor(html) == (
        '<h1><span id="pta-licenses-vpns"></span>PTA <abbr title="x">licenses</abbr> VPNs</h1>\n<h2 id="key-points">'
        'Key points<a class="headerlink" href="#key-points" title="Permanent link">&para;</a></h2>')
    assert search_index.title_without_anchor("<p>No title</p>") == "<p>No title</p>"


def test_the_glob_names_the_searched_pages_as_written_with_directory_urls() -> None:
    assert search_index.searched_pages_glob(("*.md", "sources/*.md", "about.md", "topics/index.md")) == (
        "{index.html,*/index.html,sources/index.html,sources/*/index.html,about/index.html,topics/index.html}")
    assert search_index.searched_pages_glob() == (
        "{index.html,*/index.html,briefings/index.html,briefings/*/index.html,sources/index.html,"
        "sources/*/index.html,entities/index.html,entities/*/index.html,topics/index.html,topics/*/index.html}")


def _indexed_urls(site: Path) -> list[str]:
    fragments = (site / "pagefind" / "fragment").glob("*.pf_fragment")
    return sorted(json.loads(gzip.decompress(path.read_bytes()).removeprefix(b"pagefind_dcd"))["url"] for path in fragments)


def test_the_archives_and_the_404_page_are_not_searched(tmp_path: Path) -> None:
    """Every page but the archives by month and year and an entity's pages by year, whose lines lead to
    searched pages; Material's 404.html is left out too."""
    site = _site(tmp_path)
    for page in ["index.html", "about/index.html", "timeline/index.html", "sources/index.html",
                 "sources/archive/index.html", "sources/archive/2024/05/index.html", "timeline/2024/index.html",
                 "timeline/2024/05/index.html", "figures/2024/05/index.html", "entities/imf/index.html",
                 "entities/imf/2024/index.html", "entities/imf/undated/index.html", "topics/vpn/index.html",
                 "briefings/one/index.html", "404.html"]:
        (site / page).parent.mkdir(parents=True, exist_ok=True)
        (site / page).write_text(PAGE, "utf-8")
    search_index.build_search_index(site)
    assert _indexed_urls(site) == ["/", "/about/", "/briefings/one/", "/entities/imf/", "/sources/", "/sources/archive/",
                                   "/sources/one/", "/timeline/", "/topics/vpn/"]
    assert "--glob" not in search_index.pagefind_command(site, directory_urls=False)


def test_a_stamp_says_the_bundle_is_current_until_a_build_claims_it(tmp_path: Path) -> None:
    site, stamp = _site(tmp_path), tmp_path / "cache" / "search-index.json"
    assert not search_index.claim_search_index(site, stamp)  # no bundle yet
    search_index.build_search_index(site, stamp_file=stamp)
    assert json.loads(stamp.read_text("utf-8"))["command"] == search_index.pagefind_command(site)
    assert search_index.claim_search_index(site, stamp)
    assert not stamp.exists()
    # a build that stopped after writing pages, before Pagefind ran: the next one indexes again
    assert not search_index.claim_search_index(site, stamp)
    search_index.keep_search_index(site, stamp)  # a build that changed no page
    assert search_index.claim_search_index(site, stamp)
    search_index.keep_search_index(site, stamp)
    assert not search_index.claim_search_index(site, stamp, directory_urls=False)  # another command
    search_index.keep_search_index(site, stamp)
    entry = site / "pagefind" / "pagefind-entry.json"
    entry.write_text(entry.read_text("utf-8") + " ", "utf-8")  # another bundle than the one stamped
    assert not search_index.claim_search_index(site, stamp)
    search_index.keep_search_index(site, stamp)
    (site / "pagefind" / search_index.UNFINISHED).write_bytes(b"")
    assert not search_index.claim_search_index(site, stamp)


def test_a_failing_indexer_is_reported_with_what_it_said(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    site = _site(tmp_path)
    monkeypatch.setattr(search_index, "pagefind_command",
                        lambda folder, directory_urls=True: [sys.executable, "-c", "import sys; sys.stderr.write('Error: no pages\\n'); sys.exit(3)"])
    with pytest.raises(BuildFailed) as failure:
        search_index.build_search_index(site)
    assert failure.value.problems == [Problem(str(site), None, "Pagefind could not build the search index: Error: no pages")]


def test_a_missing_pagefind_says_how_to_install_it(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    site = _site(tmp_path)
    # what `python -m pagefind` prints when the package is missing
    said = f"{sys.executable}: No module named pagefind"
    monkeypatch.setattr(search_index, "pagefind_command",
                        lambda folder, directory_urls=True: [sys.executable, "-c", f"import sys; sys.exit({said!r})"])
    with pytest.raises(BuildFailed) as failure:
        search_index.build_search_index(site)
    assert failure.value.problems == [Problem(str(site), None, "Pagefind could not build the search index: Pagefind is "
                                              "not installed; run `pip install -e .` (it installs pagefind[bin])")]


def test_an_indexer_that_writes_nothing_fails_the_build(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    site = _site(tmp_path)
    monkeypatch.setattr(search_index, "pagefind_command", lambda folder, directory_urls=True: [sys.executable, "-c", "pass"])
    with pytest.raises(BuildFailed) as failure:
        search_index.build_search_index(site)
    assert failure.value.problems == [Problem(str(site), None, "Pagefind finished but wrote no search index "
                                              "(pagefind/pagefind-entry.json is missing)")]


def _config(site: Path, **extra: str) -> SimpleNamespace:
    return SimpleNamespace(extra=extra, site_dir=str(site), docs_dir=str(site), site_name="S", site_description=None,
                           site_url=None, use_directory_urls=True, config_file_path=str(site / "mkdocs.yml"))


def test_hook_indexes_only_when_the_config_asks_for_pagefind(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    calls: list[Path] = []
    monkeypatch.setattr(mkdocs_hook, "build_search_index", lambda site, directory_urls, stamp: calls.append(site))
    mkdocs_hook.on_post_build(_config(tmp_path, search="material"))
    mkdocs_hook.on_post_build(_config(tmp_path))
    assert calls == []
    mkdocs_hook.on_post_build(_config(tmp_path, search="pagefind"))
    assert calls == [tmp_path]
    assert (tmp_path / "feed.xml").is_file()  # the feed is written whichever search the site has


def test_hook_turns_an_indexer_failure_into_a_clear_abort(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    def fail(site: Path, directory_urls: bool, stamp: Path) -> None:
        raise BuildFailed([Problem(str(site), None, "Pagefind could not build the search index: boom")])

    monkeypatch.setattr(mkdocs_hook, "build_search_index", fail)
    with pytest.raises(Abort) as aborted:
        mkdocs_hook.on_post_build(_config(tmp_path, search="pagefind"))
    assert str(aborted.value).endswith("Pagefind could not build the search index: boom\n"
                                       "1 problem found; the pages were built but the site has no search index.")


@pytest.mark.parametrize("index_was_current, page_written, runs", [(True, False, 0), (True, True, 1), (False, False, 1)])
def test_hook_keeps_a_current_index_when_no_page_changed(tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
                                                        index_was_current: bool, page_written: bool, runs: int) -> None:
    calls: list[Path] = []
    kept: list[Path] = []
    monkeypatch.setattr(mkdocs_hook, "build_search_index", lambda site, directory_urls, stamp: calls.append(stamp))
    monkeypatch.setattr(mkdocs_hook, "keep_search_index", lambda site, stamp, directory_urls: kept.append(stamp))
    site = tmp_path / "site"
    (site / "page").mkdir(parents=True)
    (site / "style.css").write_text("written by this build: not a page", "utf-8")
    if page_written:
        (site / "page" / "index.html").write_text("written by this build", "utf-8")
    monkeypatch.setattr(mkdocs_hook, "_site", [SiteInPlace(site, started_ns=0)])
    monkeypatch.setattr(mkdocs_hook, "_search_index_current", [index_was_current])
    mkdocs_hook.on_post_build(_config(site, search="pagefind"))
    stamp = site / "generated" / ".cache" / "search-index.json"  # beside the config file
    assert (calls, kept) == ([stamp] * runs, [stamp] * (1 - runs))
    assert mkdocs_hook._search_index_current == []
