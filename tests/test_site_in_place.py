"""The site folder updated in place (build_tools/render/site_in_place.py) and Pagefind's bundle pruned
(build_tools/render/search_index.py): the tree is the one a clean build makes, without emptying it first."""
from __future__ import annotations

import gzip
import os
import shutil
import subprocess
import sys
import time
import types
from pathlib import Path

import mkdocs.utils
import pytest

from build_tools.render import search_index
from build_tools.render.search_index import BUNDLE_DIR, build_search_index, decode_cbor, live_bundle_files, prune_bundle
from build_tools.render.site_in_place import SiteInPlace
from conftest import UNCITED_SOURCE, copy_project, snapshot, with_search_filter_order_ignored

def build(project: Path) -> str:
    env = dict(os.environ, SOURCE_DATE_EPOCH="1700000000", NO_MKDOCS_2_WARNING="1")
    result = subprocess.run([sys.executable, "-m", "mkdocs", "build", "--strict"], cwd=project, env=env,
                            capture_output=True, text=True, timeout=600)
    assert result.returncode == 0, result.stdout + result.stderr
    return result.stdout + result.stderr


def test_a_site_updated_in_place_is_the_site_a_clean_build_makes(tmp_path: Path) -> None:
    project = copy_project(tmp_path / "project")
    build(project)
    site = project / "site"
    # a page the next build writes again: overwritten where it is, not deleted and made anew
    os.link(site / "glossary" / "index.html", tmp_path / "glossary-link")
    # what the next build no longer makes: a page in a folder of its own, a file, a search fragment
    (site / "gone").mkdir()
    (site / "gone" / "index.html").write_text("<html><body><article>Old page</article></body></html>", "utf-8")
    (site / "sources" / "old.json").write_text("{}", "utf-8")
    (site / BUNDLE_DIR / "fragment" / "en_0123456789ab.pf_fragment").write_bytes(b"old fragment")
    for planted in [site / "gone" / "index.html", site / "sources" / "old.json"]:
        os.utime(planted, (time.time() - 3600, time.time() - 3600))  # as if from an earlier build
    (project / "content" / "sources" / "999_extra.txt").write_text(UNCITED_SOURCE, "utf-8")
    said = build(project)
    in_place = snapshot(site)
    # the planted page and file, not the feed, which the hook writes after pruning
    assert "Updated the site folder in place; removed 2 files the build no longer makes" in said
    assert (tmp_path / "glossary-link").stat().st_nlink == 2
    assert (tmp_path / "glossary-link").read_bytes() == in_place["glossary/index.html"]
    assert not (site / "gone").exists() and "sources/old.json" not in in_place
    assert f"{BUNDLE_DIR}/fragment/en_0123456789ab.pf_fragment" not in in_place
    assert b'<h1><span id="pta-publishes-a-list-of-licensed-vpn-providers"></span>' in in_place["sources/999-extra/index.html"]
    assert "No page changed" not in said
    # nothing changed: no page written, and Pagefind's bundle of the build before is kept as it is
    said = build(project)
    assert "No page changed: the search index of the last build is kept (Pagefind not run)" in said
    assert snapshot(site) == in_place
    shutil.rmtree(site)
    build(project)
    assert with_search_filter_order_ignored(in_place) == with_search_filter_order_ignored(snapshot(site))


class Config(dict):
    """What SiteInPlace reads of an MkDocs config: its plugins and site folder."""

    def __getattr__(self, name: str) -> object:
        return self[name]


@pytest.fixture
def site(tmp_path: Path) -> Path:
    folder = tmp_path / "site"
    (folder / "page").mkdir(parents=True)
    (folder / "page" / "index.html").write_text("page", "utf-8")
    return folder


def test_a_config_with_a_plugin_not_known_to_write_through_mkdocs_is_emptied_as_mkdocs_does(site: Path) -> None:
    real = mkdocs.utils.clean_directory
    hook = types.ModuleType("hook")
    assert SiteInPlace.install(Config(plugins={"hook.py": hook, "blog": object()}, site_dir=str(site))) is None
    assert mkdocs.utils.clean_directory is real
    keeper = SiteInPlace.install(Config(plugins={"hook.py": hook, "material/search": object()}, site_dir=str(site)))
    assert keeper is not None
    try:
        mkdocs.utils.clean_directory(str(site))
        assert (site / "page" / "index.html").read_text("utf-8") == "page"  # marked, not emptied
        assert mkdocs.utils.clean_directory is real  # once: the next build installs its own
        assert keeper.started_ns is not None and not (site / ".build-started").exists()
    finally:
        keeper.uninstall()
    assert mkdocs.utils.clean_directory is real


def test_another_folder_is_emptied_and_an_unmarked_folder_is_not_pruned(site: Path, tmp_path: Path) -> None:
    other = tmp_path / "other"
    other.mkdir()
    (other / "file").write_text("x", "utf-8")
    keeper = SiteInPlace.install(Config(plugins={}, site_dir=str(site)))
    assert keeper is not None
    mkdocs.utils.clean_directory(str(other))  # a build into another folder than the config's
    assert list(other.iterdir()) == []
    assert keeper.prune([]) == [] and (site / "page" / "index.html").is_file()  # a --dirty build: no mark
    assert keeper.pages_changed()  # which pages it wrote is not known


def test_a_build_that_wrote_no_page_and_removed_none_changed_no_page(site: Path) -> None:
    (site / "gone.css").write_text("old", "utf-8")
    for old in site.rglob("*"):
        os.utime(old, ns=(1_000_000_000, 1_000_000_000))
    keeper = SiteInPlace.install(Config(plugins={}, site_dir=str(site)))
    assert keeper is not None
    mkdocs.utils.clean_directory(str(site))
    mkdocs.utils.write_file(b"page", str(site / "page" / "index.html"))  # the bytes it holds: left
    mkdocs.utils.write_file(b"body {}", str(site / "style.css"))
    assert keeper.prune([]) == ["gone.css"]
    assert keeper.written == ["style.css"] and not keeper.pages_changed()
    keeper.removed.append("old/index.html")
    assert keeper.pages_changed()


def test_pruning_keeps_what_the_build_wrote_or_lists_and_removes_emptied_folders(site: Path) -> None:
    (site / "listed.css").write_text("old but listed", "utf-8")
    (site / "deep" / "er").mkdir(parents=True)
    (site / "deep" / "er" / "stale.html").write_text("stale", "utf-8")
    (site / "deep" / ".hidden-below").write_text("removed with its folder by MkDocs too", "utf-8")
    (site / BUNDLE_DIR).mkdir()
    (site / BUNDLE_DIR / "kept-apart").write_text("pruned elsewhere", "utf-8")
    (site / ".git" / "objects").mkdir(parents=True)  # a checkout published from site/: MkDocs keeps it
    (site / ".git" / "objects" / "pack").write_text("history", "utf-8")
    (site / ".nojekyll").write_text("", "utf-8")
    for old in site.rglob("*"):  # all of it from the build before, not from the same tick of the disk's clock
        os.utime(old, (time.time() - 3600, time.time() - 3600))
    keeper = SiteInPlace.install(Config(plugins={}, site_dir=str(site)), kept_apart=[BUNDLE_DIR])
    assert keeper is not None
    mkdocs.utils.clean_directory(str(site))
    (site / "page" / "index.html").write_text("written again", "utf-8")
    (site / "new.html").write_text("new", "utf-8")
    assert sorted(keeper.prune([str(site / "listed.css")])) == ["deep/.hidden-below", "deep/er/stale.html"]
    assert sorted(p.relative_to(site).as_posix() for p in site.rglob("*") if p.is_file()) == [
        ".git/objects/pack", ".nojekyll", "listed.css", "new.html", "page/index.html", f"{BUNDLE_DIR}/kept-apart"]
    assert not (site / "deep").exists()


def test_a_file_that_holds_what_mkdocs_writes_is_left_as_it_is_and_kept(site: Path) -> None:
    for name, text in [("same.html", "same bytes"), ("same-size.html", "old bytes!"), ("longer.html", "old"),
                       ("unlisted.html", "not written by the build")]:
        (site / name).write_text(text, "utf-8")
        os.utime(site / name, ns=(1_000_000_000, 1_000_000_000))  # from the build before
    keeper = SiteInPlace.install(Config(plugins={}, site_dir=str(site)))
    assert keeper is not None
    real_write = mkdocs.utils.write_file
    mkdocs.utils.clean_directory(str(site))
    assert mkdocs.utils.write_file is not real_write
    for name, text in [("same.html", "same bytes"), ("same-size.html", "new bytes!"), ("longer.html", "longer now"),
                       ("new/index.html", "new")]:
        mkdocs.utils.write_file(text.encode("utf-8"), str(site / name))
    assert (site / "same.html").stat().st_mtime_ns == 1_000_000_000  # not written
    assert [(site / name).read_text("utf-8") for name in ("same-size.html", "longer.html", "new/index.html")] == [
        "new bytes!", "longer now", "new"]
    assert keeper.left == {str(site / "same.html")}
    # the file left as it was stays, as if written; the fixture's page, not written, goes
    assert sorted(keeper.prune([])) == ["page/index.html", "unlisted.html"]
    assert sorted(keeper.written) == ["longer.html", "new/index.html", "same-size.html"]
    assert keeper.pages_changed()
    assert mkdocs.utils.write_file is real_write  # MkDocs' own again once the pages are written
    assert sorted(p.relative_to(site).as_posix() for p in site.rglob("*") if p.is_file()) == [
        "longer.html", "new/index.html", "same-size.html", "same.html"]


@pytest.mark.parametrize("hex_data, value", [
    ("83010203", [1, 2, 3]),
    ("9f018202039f0405ffff", [1, [2, 3], [4, 5]]),
    ("a26161016162820203", [("a", 1), ("b", [2, 3])]),
    ("6449455446", "IETF"),
    ("7f657374726561646d696e67ff", "streaming"),
    ("1903e8", 1000),
    ("3863", -100),
    ("c074323031332d30332d32315432303a30343a30305a", "2013-03-21T20:04:00Z"),
    ("82f4fb3ff199999999999a", [False, None]),  # floats are never names: read as None
])
def test_cbor_is_read_as_rfc_8949_writes_it(hex_data: str, value: object) -> None:
    assert decode_cbor(bytes.fromhex(hex_data)) == value


@pytest.mark.parametrize("hex_data", ["830102", "6449455", "1c", "830102030405", "9f01", "1f01ff", "df01ff"])
def test_cbor_that_is_cut_short_or_unknown_is_refused(hex_data: str) -> None:
    with pytest.raises(ValueError):
        decode_cbor(bytes.fromhex(hex_data))


@pytest.fixture
def small_site(tmp_path: Path) -> Path:
    folder = tmp_path / "small"
    for name in ["alpha", "beta", "gamma"]:
        (folder / name).mkdir(parents=True)
        (folder / name / "index.html").write_text(
            f"<html lang=en><body><article><h1>Page {name}</h1><p>Words about {name} and registration.</p>"
            "</article></body></html>", "utf-8")
    build_search_index(folder)
    return folder


def test_a_bundle_keeps_the_files_its_meta_names_and_loses_the_others(small_site: Path) -> None:
    bundle = small_site / BUNDLE_DIR
    live = live_bundle_files(bundle)
    assert live is not None
    assert sorted(path.split("/")[0] if "/" in path else "meta" for path in live) == ["fragment"] * 3 + ["index", "meta"]
    shutil.rmtree(small_site / "beta")
    removed = build_search_index(small_site)
    assert len(removed) == 3  # beta's fragment, the old word index and the old meta
    assert sum(1 for p in removed if p.startswith("fragment/")) == 1
    fresh = small_site.parent / "fresh"
    shutil.copytree(small_site, fresh, ignore=shutil.ignore_patterns(BUNDLE_DIR))
    build_search_index(fresh)
    assert sorted(snapshot(bundle)) == sorted(snapshot(fresh / BUNDLE_DIR))


def test_a_bundle_that_cannot_be_read_or_whose_indexing_did_not_finish_is_written_afresh(small_site: Path) -> None:
    bundle = small_site / BUNDLE_DIR
    before = snapshot(bundle)
    fragment = sorted(bundle.glob("fragment/*"))[0]
    fragment.write_bytes(fragment.read_bytes()[:5])  # cut short by an interrupted build: Pagefind keeps it
    (bundle / search_index.UNFINISHED).write_bytes(b"")
    build_search_index(small_site)
    assert snapshot(bundle) == before
    meta = next(bundle.glob("pagefind.*.pf_meta"))
    meta.write_bytes(gzip.compress(b"another format"))
    (bundle / "stale.txt").write_text("from an older Pagefind", "utf-8")
    assert prune_bundle(bundle) is None and (bundle / "stale.txt").exists()  # nothing removed on a guess
    build_search_index(small_site)
    assert snapshot(bundle) == before


def test_a_new_bundle_is_indexed_once_and_one_of_another_pagefind_version_afresh(small_site: Path,
                                                                               monkeypatch: pytest.MonkeyPatch) -> None:
    runs: list[Path] = []
    real = search_index._run_pagefind

    def counted(site_dir: Path, directory_urls: bool) -> None:
        runs.append(site_dir)
        real(site_dir, directory_urls)

    monkeypatch.setattr(search_index, "_run_pagefind", counted)
    fresh = small_site.parent / "fresh"
    shutil.copytree(small_site, fresh, ignore=shutil.ignore_patterns(BUNDLE_DIR))
    assert build_search_index(fresh) == [] and len(runs) == 1
    entry = fresh / BUNDLE_DIR / "pagefind-entry.json"
    entry.write_text(entry.read_text("utf-8").replace('"version":"', '"version":"0.0.1-'), "utf-8")
    (fresh / BUNDLE_DIR / "pagefind-old-ui.js").write_text("from another version", "utf-8")
    assert build_search_index(fresh) == [] and len(runs) == 3  # in place, then afresh
    assert not (fresh / BUNDLE_DIR / "pagefind-old-ui.js").exists()


def test_a_site_folder_reached_through_a_link_is_marked_and_pruned_by_the_paths_mkdocs_writes(tmp_path: Path) -> None:
    real = tmp_path / "real-site"
    real.mkdir()
    for name in ["listed.css", "stale.html"]:
        (real / name).write_text(name, "utf-8")
        os.utime(real / name, (time.time() - 3600, time.time() - 3600))
    linked = tmp_path / "site"
    linked.symlink_to(real, target_is_directory=True)
    keeper = SiteInPlace.install(Config(plugins={}, site_dir=str(linked)))
    assert keeper is not None
    mkdocs.utils.clean_directory(str(real))  # the same folder, named another way: marked, not emptied
    assert keeper.started_ns is not None
    assert keeper.prune([str(linked / "listed.css")]) == ["stale.html"]
    assert sorted(p.name for p in real.iterdir()) == ["listed.css"]
