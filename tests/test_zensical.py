"""The engine exit: Zensical builds the generated tree from the same mkdocs.yml.

Zensical reads mkdocs.yml but not MkDocs hooks, so `briefing generate` runs first (README, "Switching
to Zensical"). The site must have a page for every generated Markdown file, and every internal link
and anchor must resolve.
"""
from __future__ import annotations

import posixpath
import shutil
import subprocess
import sys
from pathlib import Path
from urllib.parse import unquote, urlsplit

import pytest

from build_tools.pipeline import ProjectPaths, generate
from conftest import copy_project
from html_pages import PageLinks

ZENSICAL = shutil.which("zensical", path=str(Path(sys.executable).parent)) or shutil.which("zensical")


@pytest.fixture(scope="module")
def zensical_site(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, Path]:
    if ZENSICAL is None:
        pytest.fail("zensical is not installed: pip install -e '.[test]'")
    project = copy_project(tmp_path_factory.mktemp("zensical") / "project")
    generate(ProjectPaths(project), project / "generated")
    result = subprocess.run([ZENSICAL, "build", "--strict", "--config-file", "mkdocs.yml"], cwd=project,
                            capture_output=True, text=True, timeout=600)
    assert result.returncode == 0, result.stdout + result.stderr
    assert "Error" not in result.stdout + result.stderr, result.stdout + result.stderr
    return project / "generated", project / "site"


def html_for(markdown: str) -> str:
    """generated/x/y.md -> site/x/y/index.html (use_directory_urls: true)."""
    stem = markdown[: -len(".md")]
    if stem == "index" or stem.endswith("/index"):
        return f"{stem}.html"
    return f"{stem}/index.html"


def test_every_generated_page_is_built(zensical_site: tuple[Path, Path]) -> None:
    generated, site = zensical_site
    pages = sorted(p.relative_to(generated).as_posix() for p in generated.rglob("*.md")
                   if not any(part.startswith(".") for part in p.relative_to(generated).parts))
    assert len(pages) > 20
    missing = [page for page in pages if not (site / html_for(page)).is_file()]
    assert missing == []
    assets = sorted(p.relative_to(generated).as_posix() for p in generated.rglob("*")
                    if p.is_file() and p.suffix != ".md"
                    and not any(part.startswith(".") for part in p.relative_to(generated).parts))
    assert [a for a in assets if not (site / a).is_file()] == []


def test_internal_links_and_anchors_resolve(zensical_site: tuple[Path, Path]) -> None:
    _, site = zensical_site
    cache: dict[Path, PageLinks] = {}

    def parsed(page: Path) -> PageLinks:
        if page not in cache:
            cache[page] = PageLinks()
            cache[page].feed(page.read_text("utf-8"))
        return cache[page]

    broken, checked = [], 0
    for page in sorted(site.rglob("*.html")):
        if page.name == "404.html":
            continue  # its links are absolute from the site root, which only a web server knows
        for kind, url in parsed(page).refs:
            parts = urlsplit(url)
            if parts.scheme or url.startswith("//"):
                continue
            if url.endswith("offline.zip"):
                continue  # added by `briefing offline` after the build; tests/browser checks it in place
            if url == "feed.xml":
                continue  # written by the MkDocs hook after the build, which Zensical does not run
            path, anchor = unquote(parts.path), unquote(parts.fragment)
            if path:
                target = site / posixpath.normpath(posixpath.join(posixpath.dirname(page.relative_to(site).as_posix()), path))
                target = target / "index.html" if target.is_dir() else target
            else:
                target = page
            checked += 1
            if not target.is_file():
                broken.append((page.relative_to(site).as_posix(), url))
            elif anchor and target.suffix == ".html" and anchor not in parsed(target).ids:
                broken.append((page.relative_to(site).as_posix(), url))
    assert checked > 500
    assert broken == []


def test_no_request_to_a_third_party_host(zensical_site: tuple[Path, Path]) -> None:
    _, site = zensical_site
    offenders = []
    for page in site.rglob("*.html"):
        parser = PageLinks()
        parser.feed(page.read_text("utf-8"))
        for kind, url in parser.refs:
            if kind != "a/href" and (urlsplit(url).scheme in ("http", "https") or url.startswith("//")):
                offenders.append((page.relative_to(site).as_posix(), url))
    assert offenders == []
