"""A strict `mkdocs build` of a synthetic corpus (benchmarks/corpus.py): the page types that only a larger
site has (an entity's sources by year and by month, archives and listings of several pages) are built
without a warning, and every link between the built pages leads to a page and anchor that exist. The
repository's own seven sources make none of these pages, so its strict build in CI cannot check them."""
from __future__ import annotations

import logging
import sys
from pathlib import Path

import pytest
from mkdocs.commands.build import build
from mkdocs.config import load_config
from mkdocs.exceptions import Abort

from build_tools.emit import entity_archive, paths
from html_pages import broken_internal_links

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO / "benchmarks"))

from corpus import generate_corpus  # noqa: E402

SOURCES = 90
# an entity's year of more sources than this is listed by month (the site's limit, 500, needs thousands)
YEAR_PAGE_LIMIT = 10
# a listing of more items than this goes on to a second page (the site's limit is 50)
LISTING_PAGE_SIZE = 5


@pytest.fixture(scope="module")
def site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    info = generate_corpus(tmp_path_factory.mktemp("synthetic") / "project", SOURCES, seed=7)  # with generated/
    warnings: list[str] = []
    handler = logging.Handler(logging.WARNING)
    handler.emit = lambda record: warnings.append(record.getMessage())  # type: ignore[method-assign]
    logging.getLogger("mkdocs").addHandler(handler)
    stopped = None
    try:
        with pytest.MonkeyPatch.context() as patch:
            patch.setenv("NO_MKDOCS_2_WARNING", "1")
            patch.setattr(entity_archive, "YEAR_PAGE_LIMIT", YEAR_PAGE_LIMIT)
            patch.setattr(paths, "LISTING_PAGE_SIZE", LISTING_PAGE_SIZE)
            build(load_config(str(info.target / "mkdocs.yml"), strict=True))
    except Abort as exc:  # strict mode stops at the end of a build that warned: show the warnings
        stopped = str(exc)
    finally:
        logging.getLogger("mkdocs").removeHandler(handler)
    assert (warnings, stopped) == ([], None)
    return info.target / "site"


def built(site: Path, pattern: str) -> list[str]:
    return sorted(page.relative_to(site).as_posix() for page in site.glob(pattern))


def test_every_page_type_of_a_larger_site_is_built(site: Path) -> None:
    for pattern in ("entities/*/[0-9][0-9][0-9][0-9]/index.html",       # an entity's sources of a year
                    "entities/*/[0-9][0-9][0-9][0-9]/[0-9][0-9]/index.html",  # ... of a month
                    "sources/archive/[0-9][0-9][0-9][0-9]/[0-9][0-9]/index.html",
                    "timeline/[0-9][0-9][0-9][0-9]/[0-9][0-9]/index.html",
                    "figures/[0-9][0-9][0-9][0-9]/[0-9][0-9]/index.html",
                    "entities/page-2/index.html", "briefings/page-2/index.html"):  # listings of several pages
        assert built(site, pattern), pattern


def html_file(markdown_page: str) -> str:
    """Where MkDocs writes a Markdown page with directory URLs: ``a/b.md`` -> ``a/b/index.html``."""
    folder, _, name = markdown_page.rpartition("/")
    stem = name.removesuffix(".md")
    return "/".join(part for part in (folder, "" if stem == "index" else stem, "index.html") if part)


def test_every_generated_page_is_built(site: Path) -> None:
    generated = site.parent / "generated"
    pages = [page.relative_to(generated).as_posix() for page in generated.rglob("*.md") if ".cache" not in page.parts]
    assert len(pages) > 500
    missing = [page for page in pages if not (site / html_file(page)).is_file()]
    assert missing == []


def test_every_link_between_pages_leads_to_a_page_and_anchor_that_exist(site: Path) -> None:
    checked, broken = broken_internal_links(site)
    assert checked > 20_000
    assert broken == []
