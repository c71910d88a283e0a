"""The published site's search index: Pagefind runs on the built site, and its failure stops the build
with a message naming the site folder."""
from __future__ import annotations

import sys
from pathlib import Path
from types import SimpleNamespace

import pytest
from mkdocs.exceptions import Abort

from build_tools.errors import BuildFailed, Problem
from build_tools.render import mkdocs_hook, search_index

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


def test_only_directory_url_pages_are_indexed(tmp_path: Path) -> None:
    """With directory URLs every page is a .../index.html; Material's 404.html at the root is left out."""
    site = _site(tmp_path)
    (site / "404.html").write_text(PAGE.replace("Licensing VPN providers", "404 - Not found"), "utf-8")
    search_index.build_search_index(site)
    assert len(list((site / "pagefind" / "fragment").glob("*.pf_fragment"))) == 1
    assert "--glob" not in search_index.pagefind_command(site, directory_urls=False)


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
                           site_url=None, use_directory_urls=True)


def test_hook_indexes_only_when_the_config_asks_for_pagefind(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    calls: list[Path] = []
    monkeypatch.setattr(mkdocs_hook, "build_search_index", lambda site, directory_urls: calls.append(site))
    mkdocs_hook.on_post_build(_config(tmp_path, search="material"))
    mkdocs_hook.on_post_build(_config(tmp_path))
    assert calls == []
    mkdocs_hook.on_post_build(_config(tmp_path, search="pagefind"))
    assert calls == [tmp_path]
    assert (tmp_path / "feed.xml").is_file()  # the feed is written whichever search the site has


def test_hook_turns_an_indexer_failure_into_a_clear_abort(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    def fail(site: Path, directory_urls: bool) -> None:
        raise BuildFailed([Problem(str(site), None, "Pagefind could not build the search index: boom")])

    monkeypatch.setattr(mkdocs_hook, "build_search_index", fail)
    with pytest.raises(Abort) as aborted:
        mkdocs_hook.on_post_build(_config(tmp_path, search="pagefind"))
    assert str(aborted.value).endswith("Pagefind could not build the search index: boom\n"
                                       "1 problem found; the pages were built but the site has no search index.")
