"""The navigation cache (build_tools/render/nav_cache.py): every page's sidebar is byte-for-byte what
Material renders without it, while pages outside the navigation share one rendering per place."""
from __future__ import annotations

from pathlib import Path

import pytest
from mkdocs.commands.build import build
from mkdocs.config import load_config

from build_tools.render.mkdocs_hook import THEME_OVERRIDES

HOOK = """
from build_tools.render import nav_cache
renderers = []
def on_config(config):
    config.theme.dirs.insert(0, OVERRIDES)
def on_env(env, config, files):
    renderers.append(nav_cache.install(env, config.theme.dirs, OVERRIDES))
"""

CONFIG = """site_name: Nav cache test
docs_dir: docs
site_dir: {site}
use_directory_urls: {directory_urls}
theme:
  name: material
  font: false
  logo: assets/logo.png
  features:
    - navigation.sections
{hooks}
nav:
  - Home: index.md
  - Guide:
      - guide/index.md
      - Setup: guide/setup.md
  - Sources: sources/index.md
  - Elsewhere: https://example.org/
not_in_nav: |
  /sources/*/*.md
  /sources/loose.md
  /guide/extra.md
  /top.md
"""

PAGES = ["index.md", "guide/index.md", "guide/setup.md", "guide/extra.md", "sources/index.md",
         "sources/loose.md", "sources/a/one.md", "sources/a/two.md", "sources/b/three.md", "top.md"]


@pytest.fixture
def project(tmp_path: Path) -> Path:
    root = tmp_path / "project"
    for name in PAGES:
        path = root / "docs" / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(f"# {name}\n\nText of {name}.\n", "utf-8")
    (root / "docs" / "assets").mkdir()
    (root / "docs" / "assets" / "logo.png").write_bytes(b"\x89PNG\r\n\x1a\n")
    # Only the override that calls the cache: the site must then be Material's, byte for byte.
    overrides = root / "overrides" / "partials"
    overrides.mkdir(parents=True)
    (overrides / "nav.html").write_bytes((THEME_OVERRIDES / "partials" / "nav.html").read_bytes())
    (root / "hook.py").write_text(f"OVERRIDES = {str(root / 'overrides')!r}\n" + HOOK, "utf-8")
    return root


def built(root: Path, *, cached: bool, directory_urls: bool) -> tuple[dict[str, bytes], object]:
    site = "site-cached" if cached else "site-plain"
    config_file = root / f"{site}.yml"
    config_file.write_text(CONFIG.format(site=site, directory_urls=str(directory_urls).lower(),
                                         hooks="hooks:\n  - hook.py" if cached else ""), "utf-8")
    config = load_config(str(config_file))
    build(config)
    renderer = config["hooks"]["hook.py"].renderers[-1] if cached else None
    folder = root / site
    return ({p.relative_to(folder).as_posix(): p.read_bytes() for p in sorted(folder.rglob("*.html"))}, renderer)


@pytest.mark.parametrize("directory_urls", [True, False])
def test_every_page_is_what_material_renders_without_the_cache(project: Path, directory_urls: bool) -> None:
    plain, _ = built(project, cached=False, directory_urls=directory_urls)
    cached, renderer = built(project, cached=True, directory_urls=directory_urls)
    assert cached.keys() == plain.keys() and len(cached) >= len(PAGES)
    for name in plain:
        assert cached[name] == plain[name], name
    # The four pages in the navigation and 404.html (no page) are rendered in full. Of the six outside
    # it, sources/a/one, sources/a/two and sources/b/three share a place (every address the sidebar links
    # to is the same relative to each); guide/extra, sources/loose and top each have their own.
    assert (renderer.rendered, renderer.reused) == (9, 2)
