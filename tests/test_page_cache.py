"""The page cache (build_tools/render/page_cache.py): a page outside the navigation whose HTML would be the
same as in the last build is not rendered again, and the site is byte for byte the one built without the
cache, whatever changed in between."""
from __future__ import annotations

import logging
import os
import shutil
import subprocess
import sys
from pathlib import Path
from typing import Callable

import pytest
from mkdocs.commands.build import build
from mkdocs.config import load_config

from build_tools import checked_store
from build_tools.render.mkdocs_hook import THEME_OVERRIDES
from build_tools.render.page_cache import MAGIC, PageCache

# The wiring of build_tools/render/mkdocs_hook.py, without the generator (these projects are plain MkDocs).
HOOK = """
import logging
from pathlib import Path
from build_tools.render import nav_cache
from build_tools.render.page_cache import PageCache
caches = []
def on_config(config):
    config.theme.dirs.insert(0, OVERRIDES)
def on_env(env, config, files):
    nav_cache.install(env, config.theme.dirs, OVERRIDES)
    caches.append(PageCache.for_build(config, env, files, Path(config.docs_dir)))
    caches[-1].install(env)
    return env
def on_page_context(context, page, config, nav):
    caches[-1].expect(context, page)
    return context
def on_post_build(config):
    caches[-1].save()
    logging.getLogger("mkdocs.hooks.test").info(caches[-1].summary())
"""

CONFIG = """site_name: Page cache test
docs_dir: docs
site_dir: site
use_directory_urls: true
theme:
  name: material
  font: false
  features:
    - navigation.sections
    - navigation.footer
hooks:
  - hook.py
extra:
  search: pagefind
nav:
  - Home: index.md
  - Guide:
      - guide/index.md
      - Setup: guide/setup.md
  - Sources: sources/index.md
not_in_nav: |
  /sources/*/*.md
  /top.md
"""

PAGES = {
    "index.md": "# Home\n\nWelcome. See [one](sources/a/one.md).\n",
    "guide/index.md": "# Guide\n\nThe guide.\n",
    "guide/setup.md": "# Setup\n\nSet up.\n",
    "sources/index.md": "# Sources\n\n- [one](a/one.md)\n- [two](a/two.md)\n- [three](b/three.md)\n",
    "sources/a/one.md": "---\nsearch_type: source\n---\n# One\n\nText of one.\n\n## Part\n\nMore.\n",
    "sources/a/two.md": "# Two\n\nText of two, linking [one](one.md#part).\n",
    "sources/b/three.md": "# Three\n\nText of three.\n",
    "top.md": "# Top\n\nA page at the top, outside the navigation.\n",
}
IN_NAV = 4
OUTSIDE = len(PAGES) - IN_NAV


@pytest.fixture
def project(tmp_path: Path, monkeypatch: pytest.MonkeyPatch, caplog: pytest.LogCaptureFixture) -> Path:
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1700000000")
    caplog.set_level(logging.INFO, logger="mkdocs")  # as `mkdocs build` runs (neither -q nor -v)
    root = tmp_path / "project"
    for name, text in PAGES.items():
        path = root / "docs" / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text, "utf-8")
    shutil.copytree(THEME_OVERRIDES, root / "overrides")  # the site's own overrides, to edit one
    (root / "hook.py").write_text(f"OVERRIDES = {str(root / 'overrides')!r}\n" + HOOK, "utf-8")
    (root / "mkdocs.yml").write_text(CONFIG, "utf-8")
    return root


def run(root: Path) -> PageCache:
    config = load_config(str(root / "mkdocs.yml"))
    build(config)
    return config["hooks"]["hook.py"].caches[-1]


def site(root: Path) -> dict[str, bytes]:
    return {p.relative_to(root / "site").as_posix(): p.read_bytes() for p in sorted((root / "site").rglob("*"))
            if p.is_file() and p.name != "sitemap.xml.gz"}


def stores(root: Path) -> list[Path]:
    return sorted((root / "docs" / ".cache").glob("page-*.pickle"))


def counts(cache: PageCache) -> tuple[int, int]:
    """(pages whose template was rendered, pages reused)"""
    return cache.rendered + cache.not_cached, cache.reused


def cold(root: Path) -> dict[str, bytes]:
    """The site built without the cache."""
    for store in stores(root):
        store.unlink()
    assert counts(run(root)) == (len(list((root / "docs").rglob("*.md"))), 0)
    return site(root)


def edit(path: Path, old: str, new: str) -> None:
    text = path.read_text("utf-8")
    assert old in text, (path, old)
    path.write_text(text.replace(old, new, 1), "utf-8")


def test_a_second_build_renders_only_the_pages_in_the_navigation_and_writes_the_same_site(project: Path) -> None:
    first = run(project)
    assert counts(first) == (len(PAGES), 0) and first.not_cached == IN_NAV
    built = site(project)
    second = run(project)
    assert counts(second) == (IN_NAV, OUTSIDE)
    assert site(project) == built
    assert len(stores(project)) == 1


def move_home_last(root: Path) -> None:
    edit(root / "mkdocs.yml", "  - Home: index.md\n", "")
    edit(root / "mkdocs.yml", "  - Sources: sources/index.md\n", "  - Sources: sources/index.md\n  - Home: index.md\n")


# Each edit, and how many pages outside the navigation the build after it still reuses.
EDITS: dict[str, tuple[Callable[[Path], None], int]] = {
    "one page's text": (lambda root: edit(root / "docs/sources/b/three.md", "Text of three", "Edited text"), OUTSIDE - 1),
    # the content stays the same; what the templates make of the front matter changes
    "one page's front matter": (lambda root: edit(root / "docs/sources/a/two.md", "# Two", "---\nhide: [toc]\n---\n# Two"),
                                OUTSIDE - 1),
    "one page's title": (lambda root: edit(root / "docs/top.md", "# Top", "---\ntitle: Topmost\n---\n# Top"), OUTSIDE - 1),
    # the navigation's title for guide/index.md comes from its heading; mkdocs.yml stays as it is
    "a title in the navigation": (lambda root: edit(root / "docs/guide/index.md", "# Guide", "# The guide"), 0),
    "the order of the navigation (previous and next pages)": (lambda root: move_home_last(root), 0),
    "site_name": (lambda root: edit(root / "mkdocs.yml", "site_name: Page cache test", "site_name: Renamed"), 0),
    "a theme feature": (lambda root: edit(root / "mkdocs.yml", "    - navigation.footer\n",
                                          "    - navigation.footer\n    - navigation.top\n"), 0),
    "extra": (lambda root: edit(root / "mkdocs.yml", "  search: pagefind\n", "  search: pagefind\n  generator: false\n"), 0),
    "a template override": (lambda root: edit(root / "overrides/main.html", "{% block scripts %}",
                                              "{% block footer %}{{ super() }}<p>Edited</p>{% endblock %}\n{% block scripts %}"),
                            0),
    "a page added": (lambda root: (root / "docs/sources/b/four.md").write_text("# Four\n\nNew.\n", "utf-8"), OUTSIDE),
}


@pytest.mark.parametrize("change", list(EDITS))
def test_after_an_edit_the_site_is_the_one_built_without_the_cache(project: Path, change: str) -> None:
    apply, reused = EDITS[change]
    run(project)
    apply(project)
    warm = run(project)
    assert warm.reused == reused
    with_cache = site(project)
    assert with_cache == cold(project)


def test_the_edits_show_in_the_site(project: Path) -> None:
    """The edits above are seen by the templates (else the comparison with a cold build proves nothing)."""
    run(project)
    before = site(project)
    for change, (apply, _) in EDITS.items():
        if change != "a page added":
            apply(project)
    run(project)
    after = site(project)
    assert "Renamed" in after["sources/a/one/index.html"].decode()
    assert "The guide" in after["top/index.html"].decode() and "The guide" not in before["top/index.html"].decode()
    assert "<p>Edited</p>" in after["sources/b/three/index.html"].decode()
    assert "Topmost" in after["top/index.html"].decode()
    toc_hidden = b'data-md-type="toc" hidden>'
    assert toc_hidden in after["sources/a/two/index.html"] and toc_hidden not in before["sources/a/two/index.html"]


def test_a_damaged_store_is_ignored(project: Path) -> None:
    run(project)
    built = site(project)
    store = stores(project)[0]
    data = bytearray(store.read_bytes())
    data[-10] ^= 0x01
    store.write_bytes(bytes(data))
    assert counts(run(project)) == (len(PAGES), 0)
    assert site(project) == built
    assert counts(run(project)) == (IN_NAV, OUTSIDE)  # stored again


def test_an_entry_that_cannot_be_restored_is_rendered(project: Path) -> None:
    run(project)
    built = site(project)
    store = stores(project)[0]
    saved = checked_store.read_checked(store, MAGIC)
    key = sorted(saved["pages"])[0]
    saved["pages"][key] = (b"not zlib data", 3)
    checked_store.write_checked(store, MAGIC, saved)
    assert counts(run(project)) == (IN_NAV + 1, OUTSIDE - 1)
    assert site(project) == built


def test_nothing_is_stored_under_quiet_but_what_is_stored_is_used(project: Path) -> None:
    logger = logging.getLogger("mkdocs")
    level = logger.level
    logger.setLevel(logging.ERROR)  # what `mkdocs build -q` does
    try:
        run(project)
        assert stores(project) == []
    finally:
        logger.setLevel(level)
    run(project)
    built = site(project)
    logger.setLevel(logging.ERROR)
    try:
        assert counts(run(project)) == (IN_NAV, OUTSIDE)
    finally:
        logger.setLevel(level)
    assert site(project) == built


def test_the_build_date_is_keyed_only_where_a_template_reads_it(project: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    run(project)
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1800000000")
    assert run(project).reused == OUTSIDE  # Material does not show the date
    edit(project / "overrides/main.html", "{% block scripts %}",
         "{% block footer %}{{ super() }}<p>Built {{ build_date_utc }}</p>{% endblock %}\n{% block scripts %}")
    run(project)
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1900000000")
    assert run(project).reused == 0
    assert "Built 2030-03-17" in site(project)["top/index.html"].decode()


def test_a_page_with_an_attribute_mkdocs_does_not_set_is_rendered_every_time(project: Path) -> None:
    hook = project / "hook.py"
    hook.write_text(hook.read_text("utf-8") + "def on_page_markdown(markdown, page, config, files):\n"
                    "    if page.file.src_uri == 'top.md':\n        page.plugin_value = 'x'\n    return markdown\n", "utf-8")
    run(project)
    again = run(project)
    assert (again.not_cached, again.reused) == (IN_NAV + 1, OUTSIDE - 1)


def test_the_store_is_found_again_by_another_process(project: Path) -> None:
    """The fingerprint names the file: it must not depend on the process (set order, addresses)."""
    env = dict(os.environ, NO_MKDOCS_2_WARNING="1", PYTHONHASHSEED="1")
    command = [sys.executable, "-m", "mkdocs", "build", "--strict"]
    first = subprocess.run(command, cwd=project, env=env, capture_output=True, text=True, timeout=300)
    assert first.returncode == 0, first.stderr
    second = subprocess.run(command, cwd=project, env={**env, "PYTHONHASHSEED": "2"}, capture_output=True, text=True,
                            timeout=300)
    assert second.returncode == 0, second.stderr
    assert f"Rendered {IN_NAV} pages' templates; reused {OUTSIDE} unchanged ones (page cache)" in second.stderr
    assert len(stores(project)) == 1


def test_a_template_that_reads_a_path_turns_the_cache_off(project: Path) -> None:
    """The key leaves out the folders' paths (the offline copy is built from a new temporary folder each
    time), so a template showing one is rendered every time."""
    edit(project / "overrides/main.html", "{% block scripts %}",
         "{% block footer %}{{ super() }}{% if page %}<p>{{ page.file.abs_src_path }}</p>{% endif %}{% endblock %}\n"
         "{% block scripts %}")
    run(project)
    again = run(project)
    assert counts(again) == (len(PAGES), 0) and again.fingerprint is None
    assert again.summary() == ("Rendered every page's template: the config or the theme has a template that reads "
                               "abs_src_path (page cache)")
    assert stores(project) == []
