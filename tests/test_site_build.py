"""One full `mkdocs build --strict` of the repository, and what the built HTML must (not) contain."""
from __future__ import annotations

import os
import re
import subprocess
import sys
from pathlib import Path
from urllib.parse import urlsplit

import pytest

from conftest import copy_project, with_search_filter_order_ignored
from html_pages import broken_internal_links, page_links


@pytest.fixture(scope="module")
def site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    project = copy_project(tmp_path_factory.mktemp("build") / "project")
    env = dict(os.environ, NO_MKDOCS_2_WARNING="1")
    result = subprocess.run([sys.executable, "-m", "mkdocs", "build", "--strict", "-q"], cwd=project, env=env,
                            capture_output=True, text=True, timeout=600)
    assert result.returncode == 0, result.stdout + result.stderr
    return project / "site"


def test_every_page_type_is_built(site: Path) -> None:
    for page in ["assets/extra.css", "timeline/index.html", "timeline/2025/11/index.html", "timeline/2024/index.html", "figures/index.html", "index.html", "briefings/index.html", "briefings/vpn-regulation/index.html", "sources/index.html",
                 "sources/arabnews-vpn-licensing/index.html", "topics/vpn-regulation/index.html",
                 "entities/pta/index.html", "entities/index.html", "glossary/index.html", "about/index.html"]:
        assert (site / page).is_file(), page


def test_the_themes_templates_are_kept_compiled_for_the_next_build(site: Path) -> None:
    import jinja2
    from build_tools.render.mkdocs_hook import THEME_OVERRIDES

    kept = site.parent / "generated" / ".cache" / "templates"
    ours = kept / f"__jinja2_{jinja2.FileSystemBytecodeCache().get_cache_key('main.html', str(THEME_OVERRIDES / 'main.html'))}.cache"
    assert ours.read_bytes().startswith(jinja2.bccache.bc_magic)
    assert len(list(kept.glob("__jinja2_*.cache"))) > 10  # Material's templates and partials too


def test_no_request_to_any_third_party_host(site: Path) -> None:
    offenders = []
    for page in site.rglob("*.html"):
        for kind, url in page_links(page).refs:
            if kind in ("a/href",):
                continue  # links a reader may follow (the original article) are not requests
            if urlsplit(url).scheme in ("http", "https") or url.startswith("//"):
                offenders.append((page.relative_to(site).as_posix(), kind, url))
    assert offenders == []
    css = "".join(p.read_text("utf-8", "ignore") for p in site.rglob("*.css"))
    assert "fonts.googleapis" not in css and "fonts.gstatic" not in css
    assert not re.search(r"@import\s+url\(\s*['\"]?https?:", css)


def test_internal_links_and_anchors_resolve(site: Path) -> None:
    checked, broken = broken_internal_links(site)
    assert checked > 500
    assert broken == []


def test_citation_lands_on_the_quoted_paragraph(site: Path) -> None:
    html = (site / "briefings/vpn-regulation/index.html").read_text("utf-8")
    href = re.search(r'href="(\.\./\.\./sources/arabnews-vpn-licensing/#p(\d+))"', html)
    assert href
    source = (site / "sources/arabnews-vpn-licensing/index.html").read_text("utf-8")
    paragraph = re.search(rf'<p id="p{href.group(2)}"><strong>¶{href.group(2)}</strong>', source)
    assert paragraph


def test_source_pages_are_not_in_the_navigation(site: Path) -> None:
    html = (site / "index.html").read_text("utf-8")
    nav = html[html.index('<nav class="md-nav md-nav--primary"'):html.index('<div class="md-content"')]
    assert "sources/arabnews-vpn-licensing" not in nav and "entities/pta" not in nav
    assert 'href="sources/"' in nav and 'href="briefings/"' in nav


def test_abbreviation_tooltips(site: Path) -> None:
    html = (site / "sources/arabnews-vpn-licensing/index.html").read_text("utf-8")
    assert '<abbr title="Pakistan Telecommunication Authority">PTA</abbr>' in html
    glossary = (site / "glossary/index.html").read_text("utf-8")
    assert "<strong>CVAS</strong>" in glossary or ">CVAS<" in glossary


def test_light_dark_toggle_is_present(site: Path) -> None:
    html = (site / "index.html").read_text("utf-8")
    assert 'data-md-color-scheme="slate"' in html and 'data-md-color-scheme="default"' in html


def test_search_is_pagefind_loaded_from_the_site_itself(site: Path) -> None:
    """The published site ships Pagefind's chunked index, not Material's single JSON index; its search
    button names the site's own pagefind/ folder by a relative URL, and the page loads no search code."""
    assert (site / "pagefind" / "pagefind-entry.json").is_file()
    assert list((site / "pagefind" / "index").glob("*.pf_index"))
    assert not (site / "search" / "search_index.json").exists()
    page = (site / "sources" / "arabnews-vpn-licensing" / "index.html").read_text("utf-8")
    assert '<div class="md-header__option dpb-search" data-pagefind-bundle="../../pagefind/">' in page
    assert ('<button type="button" class="dpb-search__button" aria-haspopup="dialog" '
            'aria-keyshortcuts="Control+K Meta+K /">') in page
    assert '<pagefind-modal reset-on-close>' in page
    assert '<pagefind-filter-dropdown filter="type" label="Show" single-select show-empty></pagefind-filter-dropdown>' in page
    assert '<span hidden data-pagefind-filter="type:Sources"></span>' in page  # the page's kind, for that filter
    assert list((site / "pagefind" / "filter").glob("*.pf_filter"))
    assert '<script src="../../assets/search.js"></script>' in page
    assert "pagefind-component-ui" not in page  # fetched by search.js only when a reader opens search
    assert 'class="md-search"' not in page  # Material's own search box is gone


def test_bulk_sections_are_marked_for_both_search_engines(site: Path) -> None:
    page = (site / "sources" / "arabnews-vpn-licensing" / "index.html").read_text("utf-8")
    for heading in ("Details", "Excerpt", "Paragraphs our briefings cite", "Cited by", "Who and what it names"):
        slug = heading.lower().replace(" ", "-")
        wrapper = page.index(f'<h2 data-search-exclude id="{slug}">{heading}<a class="headerlink"')
        assert page.rfind('<div class="dpb-unsearched" data-pagefind-ignore="all">', 0, wrapper) > page.rfind("</div>", 0, wrapper)
    byline = page.index("<em>Arab News, 13 November 2025")
    assert "data-pagefind-ignore" not in page[page.index("<article"):byline]  # title and byline are searched


def test_briefings_feed_lists_every_briefing_with_its_page(site: Path) -> None:
    import xml.etree.ElementTree as ET

    atom = "{http://www.w3.org/2005/Atom}"
    feed = ET.parse(site / "feed.xml").getroot()
    entries = {e.find(f"{atom}link[@rel='alternate']").get("href"): e for e in feed.findall(f"{atom}entry")}
    assert sorted(entries) == sorted(f"briefings/{p.stem}/" for p in (site.parent / "briefings").glob("*.md"))
    vpn = entries["briefings/vpn-regulation/"]
    assert vpn.findtext(f"{atom}title") == "Pakistan moves from VPN registration to licensed VPN providers"
    assert vpn.findtext(f"{atom}published") == "2025-11-22T00:00:00Z"
    assert [c.get("term") for c in vpn.findall(f"{atom}category")] == ["vpn-regulation", "internet-controls", "it-exports"]
    for href in entries:
        assert (site / href / "index.html").is_file(), href
    page = (site / "briefings" / "vpn-regulation" / "index.html").read_text("utf-8")
    assert ('<link rel="alternate feed" type="application/atom+xml" title="Digital Pakistan Briefings: briefings" '
            'href="../../feed.xml">') in page
    home = (site / "index.html").read_text("utf-8")
    assert '<a href="feed.xml" type="application/atom+xml">Atom feed</a>' in home
    assert '<a href="data/sources.json">sources</a>' in home


def test_the_offline_copy_leaves_out_published_only_sections() -> None:
    from build_tools.render.offline import without_published_only

    page = ("# About\n\nKept.\n\n<div class=\"dpb-published-only\" markdown>\n\n## Read offline\n\n"
            "<a href=\"../offline.zip\" download>download</a>\n\n</div>\n\nAlso kept.\n\n"
            "<div class=\"dpb-published-only\" markdown>\nSecond.\n</div>\n")
    assert without_published_only(page) == "# About\n\nKept.\n\nAlso kept.\n\n"
    assert without_published_only("A\n\n<div class=\"dpb-published-only\" markdown>\nLast.\n</div>") == "A\n\n"


@pytest.mark.parametrize("page", [
    "Text <div class=\"dpb-published-only\" markdown>\nx\n</div>\n",             # not at the start of a line
    "<div class=\"dpb-published-only\" markdown>\n<div>inner</div>\nx\n</div>\n",  # a div inside
    "<div class=\"dpb-published-only\" markdown>\nnever closed\n",
])
def test_a_published_only_section_that_cannot_be_left_out_stops_the_offline_build(page: str) -> None:
    from build_tools.render.offline import without_published_only

    with pytest.raises(ValueError, match="could not be left out of the offline copy; write it as"):
        without_published_only(page)


def test_a_page_that_only_names_the_published_only_class_is_left_as_it_is() -> None:
    from build_tools.render.offline import without_published_only

    assert without_published_only("Source text naming dpb-published-only, escaped: &lt;div&gt;\n") == \
        "Source text naming dpb-published-only, escaped: &lt;div&gt;\n"


def test_the_published_about_page_links_the_offline_copy(site: Path) -> None:
    about = (site / "about" / "index.html").read_text("utf-8")
    assert '<div class="dpb-published-only">' in about
    assert '<a href="../offline.zip" download>download the offline copy (zip)</a>' in about


def test_the_offline_command_names_the_page_whose_published_only_section_is_malformed(tmp_path: Path) -> None:
    from click.testing import CliRunner

    from build_tools.cli import main

    project = copy_project(tmp_path / "project")
    about = project / "content" / "pages" / "about.md"
    about.write_text(about.read_text("utf-8").replace("\n</div>\n", "\n", 1), "utf-8")  # never closed
    shim = project / "tests" / "tools" / "node_modules" / "iframe-worker" / "shim" / "index.js"
    shim.parent.mkdir(parents=True)
    shim.write_text("// stands in for the shim\n", "utf-8")
    result = CliRunner().invoke(main, ["offline", "--root", str(project), "--out", str(tmp_path / "o.zip")])
    assert result.exit_code == 1
    assert ("content/pages/about.md: a section marked dpb-published-only could not be left out of the offline copy; "
            "write it as <div class=\"dpb-published-only\" markdown> on a line of its own") in result.output
    assert not (tmp_path / "o.zip").exists()


def test_a_dirty_build_renders_only_the_pages_whose_markdown_changed(tmp_path: Path) -> None:
    """`mkdocs build --dirty` / `mkdocs serve --dirty` under `strict: true`: MkDocs' dirty-build warning is a
    notice, and since the generator rewrites only changed Markdown, only those pages are rendered again."""
    import time

    project = copy_project(tmp_path / "project")
    env = dict(os.environ, NO_MKDOCS_2_WARNING="1")

    def build(*extra: str) -> subprocess.CompletedProcess[str]:
        return subprocess.run([sys.executable, "-m", "mkdocs", "build", *extra], cwd=project, env=env,
                              capture_output=True, text=True, timeout=600)

    assert build().returncode == 0
    site = project / "site"
    before = {p: p.stat().st_mtime_ns for p in site.rglob("*.html")}
    feed = (site / "feed.xml").read_text("utf-8")
    time.sleep(0.05)
    briefing = project / "briefings" / "vpn-regulation.md"
    briefing.write_text(briefing.read_text("utf-8").replace('\nsummary: "', '\nsummary: "Edited for the dirty build. ', 1),
                        "utf-8")
    dirty = build("--dirty")
    assert dirty.returncode == 0, dirty.stderr
    assert "INFO    -  A 'dirty' build is being performed" in dirty.stderr and "WARNING" not in dirty.stderr
    rendered = sorted(p.relative_to(site).as_posix() for p, mtime in before.items() if p.stat().st_mtime_ns != mtime)
    assert "briefings/vpn-regulation/index.html" in rendered and "index.html" in rendered
    assert "Edited for the dirty build." in (site / "briefings" / "vpn-regulation" / "index.html").read_text("utf-8")
    assert len(rendered) < len(before) / 4, rendered  # not the whole site
    # the feed still lists every briefing (it listed only those rendered again: none but the edited one)
    assert (site / "feed.xml").read_text("utf-8").count("<entry>") == feed.count("<entry>") == 5
    assert build("--strict").returncode == 0  # a clean strict build still passes


def test_a_second_build_reuses_every_page_mkdocs_could_check_and_writes_the_same_site(tmp_path: Path) -> None:
    """The render cache and the page cache, through the real hook: nothing changed, so no page is converted
    again except the two whose raw HTML links to files only the publish step makes (the feed, the offline
    copy), and no page's template is rendered again except those of the ten pages in the navigation."""
    project = copy_project(tmp_path / "project")
    env = dict(os.environ, NO_MKDOCS_2_WARNING="1", SOURCE_DATE_EPOCH="1700000000")

    def build() -> tuple[str, dict[str, bytes]]:
        result = subprocess.run([sys.executable, "-m", "mkdocs", "build", "--strict"], cwd=project, env=env,
                                capture_output=True, text=True, timeout=600)
        assert result.returncode == 0, result.stderr
        site = project / "site"
        return result.stderr, {p.relative_to(site).as_posix(): p.read_bytes() for p in sorted(site.rglob("*"))
                               if p.is_file()}

    first_log, first_site = build()
    pages = sum(1 for p in (project / "generated").rglob("*.md") if ".cache" not in p.parts)
    assert f"Converted {pages} pages from Markdown; reused 0 unchanged ones (render cache)" in first_log
    second_log, second_site = build()
    assert f"Converted 2 pages from Markdown; reused {pages - 2} unchanged ones (render cache)" in second_log
    assert f"Rendered 10 pages' templates; reused {pages - 10} unchanged ones (page cache)" in second_log
    assert with_search_filter_order_ignored(second_site) == with_search_filter_order_ignored(first_site)


def test_mkdocs_serve_does_not_watch_the_folder_the_generator_writes(tmp_path: Path) -> None:
    """Each save built the site two or three times: once for the edit, again for the generator's own writes."""
    from types import SimpleNamespace

    from build_tools.render import mkdocs_hook

    class Server:
        def __init__(self) -> None:
            self.unwatched: list[str] = []

        def unwatch(self, path: str) -> None:
            self.unwatched.append(path)

    project = tmp_path / "project"
    (project / "generated").mkdir(parents=True)
    ours = SimpleNamespace(docs_dir=str(project / "generated"), config_file_path=str(project / "mkdocs.yml"))
    server = Server()
    assert mkdocs_hook.on_serve(server, ours, None) is server
    assert server.unwatched == [str(project / "generated")]
    hand_written = SimpleNamespace(docs_dir=str(project / "docs"), config_file_path=str(project / "mkdocs.yml"))
    mkdocs_hook.on_serve(server, hand_written, None)
    assert server.unwatched == [str(project / "generated")]  # a docs folder of another kind is still watched
