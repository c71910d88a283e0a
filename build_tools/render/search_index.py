"""The published site's search: a Pagefind index built from the rendered HTML after `mkdocs build`.

Pagefind splits its index into chunks, so a reader's first search downloads a few hundred kilobytes
however large the site grows (Material's own search loads one JSON of every page). It needs
``fetch()``, which browsers refuse from file:// URLs, so the offline copy keeps Material's search
(``mkdocs.offline.yml``).

What is indexed: each page's ``<article>`` (Material's content column, without navigation, header or
footer). With directory URLs every page is a ``.../index.html``, so indexing only those leaves out
Material's ``404.html``. Sections the emitters wrap in ``data-pagefind-ignore`` (mention lists, cited paragraphs,
listings: the parts that grow with the corpus) and the headings' permalink signs are left out, so
titles, summaries, key points, briefing text and entity names are what a search finds.
"""
from __future__ import annotations

import subprocess
import sys
from pathlib import Path

from build_tools.errors import BuildFailed, Problem

BUNDLE_DIR = "pagefind"
ROOT_SELECTOR = "article"
EXCLUDE_SELECTORS = (".headerlink",)
LANGUAGE = "en"
_MISSING_MODULE = "No module named pagefind"


PAGES_GLOB = "**/index.html"


def pagefind_command(site_dir: Path, directory_urls: bool = True) -> list[str]:
    command = [sys.executable, "-m", "pagefind", "--site", str(site_dir), "--output-subdir", BUNDLE_DIR,
               "--root-selector", ROOT_SELECTOR, "--force-language", LANGUAGE, "--silent"]
    if directory_urls:
        command += ["--glob", PAGES_GLOB]
    for selector in EXCLUDE_SELECTORS:
        command += ["--exclude-selectors", selector]
    return command


def build_search_index(site_dir: Path, directory_urls: bool = True) -> None:
    """Writes ``site_dir/pagefind/``; raises BuildFailed naming the site folder when Pagefind fails."""
    try:
        result = subprocess.run(pagefind_command(site_dir, directory_urls), capture_output=True, text=True, check=False)
    except OSError as exc:
        raise BuildFailed([Problem(str(site_dir), None, f"could not run Pagefind to build the search index: {exc}")]) from None
    if result.returncode != 0:
        said = (result.stderr or result.stdout).strip()
        if _MISSING_MODULE in said:
            said = "Pagefind is not installed; run `pip install -e .` (it installs pagefind[bin])"
        raise BuildFailed([Problem(str(site_dir), None, f"Pagefind could not build the search index: {said}")])
    if not (site_dir / BUNDLE_DIR / "pagefind-entry.json").is_file():
        raise BuildFailed([Problem(str(site_dir), None, "Pagefind finished but wrote no search index "
                                                       f"({BUNDLE_DIR}/pagefind-entry.json is missing)")])
