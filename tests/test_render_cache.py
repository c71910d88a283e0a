"""The render cache (build_tools/render/render_cache.py): MkDocs converts only pages whose Markdown changed,
the site is the same as without it, and links and anchors of reused pages are still checked."""
from __future__ import annotations

import logging
import os
import sys
from pathlib import Path

import pytest
from mkdocs.commands.build import build
from mkdocs.config import load_config
from mkdocs.exceptions import Abort

from build_tools.render.render_cache import RenderCache, linked_paths

# The wiring of build_tools/render/mkdocs_hook.py, without the generator (these projects are plain MkDocs).
HOOK = """
from build_tools.render.render_cache import RenderCache
caches = []
def on_pre_build(config):
    caches.append(RenderCache.for_build(config))
def on_pre_page(page, config, files):
    caches[-1].attach(page)
    return page
def on_post_build(config):
    caches[-1].save()
"""

CONFIG = """site_name: Render cache test
docs_dir: docs
site_dir: site
use_directory_urls: true
theme:
  name: mkdocs
hooks:
  - hook.py
markdown_extensions:
  - toc:
      permalink: {permalink}
validation:
  unrecognized_links: warn
  anchors: warn
"""

PAGES = {
    "index.md": "# Home\n\nSee [page B](b.md), [its section](b.md#sec) and [C](sub/c.md).\n",
    "b.md": "# Page B\n\nIntro.\n\n## Sec\n\nText with ![a picture](pic.png).\n",
    "sub/c.md": "# Page C\n\nBack [home](../index.md).\n",
}


@pytest.fixture
def project(tmp_path: Path, monkeypatch: pytest.MonkeyPatch, caplog: pytest.LogCaptureFixture) -> Path:
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1700000000")
    caplog.set_level(logging.INFO, logger="mkdocs")  # as `mkdocs build` runs (neither -q nor -v)
    root = tmp_path / "project"
    (root / "docs" / "sub").mkdir(parents=True)
    for name, text in PAGES.items():
        (root / "docs" / name).write_text(text, "utf-8")
    (root / "docs" / "pic.png").write_bytes(b"\x89PNG\r\n\x1a\n")
    (root / "hook.py").write_text(HOOK, "utf-8")
    write_config(root)
    return root


def write_config(root: Path, permalink: bool = True) -> None:
    (root / "mkdocs.yml").write_text(CONFIG.format(permalink=str(permalink).lower()), "utf-8")


def run(root: Path, *, strict: bool = False, dirty: bool = False) -> RenderCache:
    config = load_config(str(root / "mkdocs.yml"), strict=strict)
    build(config, dirty=dirty)
    return config["hooks"]["hook.py"].caches[-1]


def site(root: Path) -> dict[str, bytes]:
    return {p.relative_to(root / "site").as_posix(): p.read_bytes() for p in sorted((root / "site").rglob("*"))
            if p.is_file() and p.name != "sitemap.xml.gz"}


def cache_file(root: Path) -> Path:
    found = sorted((root / "docs" / ".cache").glob("render-*.pickle"))
    assert len(found) == 1, found
    return found[0]


def warnings(caplog: pytest.LogCaptureFixture) -> list[str]:
    return [r.getMessage() for r in caplog.records if r.levelno >= logging.WARNING]


def test_a_second_build_converts_nothing_and_writes_the_same_site(project: Path) -> None:
    first = run(project)
    assert (first.converted, first.reused) == (3, 0)
    built = site(project)
    second = run(project, strict=True)
    assert (second.converted, second.reused) == (0, 3)
    assert site(project) == built


def test_only_the_edited_page_is_converted_and_the_site_matches_a_build_without_the_cache(project: Path) -> None:
    run(project)
    (project / "docs" / "sub" / "c.md").write_text("# Page C, edited\n\n## New part\n\nBack [home](../index.md).\n",
                                                  "utf-8")
    again = run(project, strict=True)
    assert (again.converted, again.reused) == (1, 2)
    with_cache = site(project)
    assert "Page C, edited" in with_cache["sub/c/index.html"].decode()
    cache_file(project).unlink()
    cold = run(project)
    assert (cold.converted, cold.reused) == (3, 0)
    assert site(project) == with_cache


def test_a_reused_page_whose_link_target_is_gone_is_converted_again_and_warns(
        project: Path, caplog: pytest.LogCaptureFixture) -> None:
    run(project)
    (project / "docs" / "sub" / "c.md").unlink()
    with pytest.raises(Abort, match="Aborted with 1 warnings in strict mode!"):
        run(project, strict=True)
    assert warnings(caplog) == [
        "Doc file 'index.md' contains a link 'sub/c.md', but the target is not found among documentation files."]


def test_a_reused_page_still_has_its_links_to_anchors_checked(project: Path, caplog: pytest.LogCaptureFixture) -> None:
    run(project)
    (project / "docs" / "b.md").write_text("# Page B\n\nIntro.\n\n## Renamed\n\nText.\n", "utf-8")
    with pytest.raises(Abort):
        run(project, strict=True)
    cache = RenderCache.for_build(load_config(str(project / "mkdocs.yml")))
    assert len(cache.entries) == 3  # index.md was reused (its entry kept), b.md converted again
    assert warnings(caplog) == [
        "Doc file 'index.md' contains a link 'b.md#sec', but the doc 'b.md' does not contain an anchor '#sec'."]


def test_a_page_whose_conversion_warned_is_converted_and_warns_on_every_build(
        project: Path, caplog: pytest.LogCaptureFixture) -> None:
    (project / "docs" / "sub" / "c.md").write_text("# Page C\n\nSee [nothing](missing.md).\n", "utf-8")
    expected = ["Doc file 'sub/c.md' contains a link 'missing.md', but the target 'sub/missing.md' is not found "
                "among documentation files."]
    for converted, reused in ((3, 0), (1, 2)):
        caplog.clear()
        cache = run(project)
        assert (cache.converted, cache.reused) == (converted, reused)
        assert warnings(caplog) == expected


def test_a_page_pointing_outside_what_mkdocs_checks_is_converted_every_time(project: Path) -> None:
    (project / "docs" / "sub" / "c.md").write_text('# Page C\n\n<a href="../feed.xml">The feed</a>\n', "utf-8")
    run(project)
    again = run(project, strict=True)
    assert (again.converted, again.reused) == (1, 2)


def test_a_damaged_cache_file_is_ignored(project: Path) -> None:
    run(project)
    built = site(project)
    data = bytearray(cache_file(project).read_bytes())
    position = data.index(b"Page B", 40)
    data[position] ^= 0x20  # "page B": unpickles fine, so only the checksum can catch it
    cache_file(project).write_bytes(bytes(data))
    again = run(project, strict=True)
    assert (again.converted, again.reused) == (3, 0)
    assert site(project) == built


def test_other_markdown_settings_convert_every_page_again(project: Path) -> None:
    run(project)
    write_config(project, permalink=False)
    again = run(project, strict=True)
    assert (again.converted, again.reused) == (3, 0)
    assert 'class="headerlink"' not in site(project)["b/index.html"].decode()


def test_a_dirty_build_keeps_the_entries_of_the_pages_it_did_not_render(project: Path) -> None:
    run(project)
    c = project / "docs" / "sub" / "c.md"
    c.write_text(c.read_text("utf-8") + "\nMore.\n", "utf-8")
    dirty = run(project, dirty=True)
    assert (dirty.converted, dirty.reused) == (1, 0)
    full = run(project, strict=True)
    assert (full.converted, full.reused) == (0, 3)


def test_linked_paths_resolve_relative_links_and_images_from_the_page_address() -> None:
    content = ('<a href="../../entities/pafla/#x">P</a> <img src="../../assets/a%20b.png"> '
               '<a href="https://example.org/">e</a> <a href="#top">t</a> <a href="/abs/">a</a> '
               "<a href='../syn-2/?q=1&amp;r=2'>s</a>")
    assert linked_paths(content, "sources/syn-1/") == ["entities/pafla", "assets/a b.png", "sources/syn-2"]
    assert linked_paths('<a href="entities/x.html">x</a>', "index.html") == ["entities/x.html"]
    assert linked_paths('<a href="./">home</a>', "") == ["."]
    assert linked_paths('<a href="c/">c</a>', "my%20dir/s%C3%BCb/") == ["my dir/süb/c"]


def test_a_link_whose_address_now_belongs_to_another_file_is_converted_again(
        project: Path, caplog: pytest.LogCaptureFixture) -> None:
    """b.md and b/index.md have the same address (b/): the reused link would still resolve, but MkDocs
    no longer knows the b.md it names."""
    (project / "docs" / "sub" / "c.md").write_text("# Page C\n\nSee [B](../b.md).\n", "utf-8")
    run(project)
    b = project / "docs" / "b.md"
    (project / "docs" / "b").mkdir()
    b.rename(project / "docs" / "b" / "index.md")
    with pytest.raises(Abort):
        run(project, strict=True)
    assert ("Doc file 'sub/c.md' contains a link '../b.md', but the target 'b.md' is not found among documentation "
            "files.") in warnings(caplog)


def test_a_link_to_an_address_two_files_claim_is_not_stored(project: Path, caplog: pytest.LogCaptureFixture) -> None:
    """b.md and b/index.md both end up at b/: the HTML cannot tell which one a link there names, so
    removing one of them later must still bring MkDocs' warning if the link named it."""
    (project / "docs" / "sub" / "c.md").write_text("# Page C\n\nSee [B](../b.md).\n", "utf-8")
    (project / "docs" / "b").mkdir()
    (project / "docs" / "b" / "index.md").write_text("# Also B\n\n## Sec\n", "utf-8")
    run(project)
    (project / "docs" / "b.md").unlink()
    with pytest.raises(Abort):
        run(project, strict=True)
    assert ("Doc file 'sub/c.md' contains a link '../b.md', but the target 'b.md' is not found among documentation "
            "files.") in warnings(caplog)


@pytest.mark.parametrize("level", [logging.ERROR, logging.DEBUG])  # mkdocs build -q, mkdocs build -v
def test_a_quiet_or_verbose_build_stores_no_page(project: Path, caplog: pytest.LogCaptureFixture, level: int) -> None:
    """-q hides the warnings that keep a page out of the cache; -v makes MkDocs record no links to anchors.
    A later normal build must still see both: the bad link's warning and the broken anchor."""
    (project / "docs" / "sub" / "c.md").write_text("# Page C\n\nSee [B](../../b/).\n", "utf-8")  # MkDocs warns
    caplog.set_level(level, logger="mkdocs")
    assert run(project).converted == 3
    caplog.set_level(logging.INFO, logger="mkdocs")
    (project / "docs" / "b.md").write_text("# Page B\n\n## Renamed\n\n![a picture](pic.png)\n", "utf-8")
    caplog.clear()
    with pytest.raises(Abort):
        run(project, strict=True)
    assert sorted(warnings(caplog)) == [
        "Doc file 'index.md' contains a link 'b.md#sec', but the doc 'b.md' does not contain an anchor '#sec'.",
        "Doc file 'sub/c.md' contains an unrecognized relative link '../../b/', it was left as is. Did you mean "
        "'../b.md'?"]


def test_a_dirty_build_that_renders_nothing_keeps_the_cache(project: Path) -> None:
    run(project)
    saved = cache_file(project).read_bytes()
    nothing = run(project, dirty=True)
    assert (nothing.converted, nothing.reused) == (0, 0)
    assert cache_file(project).read_bytes() == saved
    assert run(project).reused == 3


def test_a_cache_that_cannot_be_written_does_not_fail_the_build(project: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    from build_tools import checked_store

    def full_disk(*args: object) -> None:
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(checked_store, "write_checked", full_disk)
    config = load_config(str(project / "mkdocs.yml"), strict=True)
    build(config)
    cache = config["hooks"]["hook.py"].caches[-1]
    assert cache.save() == ("the render cache was not saved ([Errno 28] No space left on device); "
                            "the next build converts every page")
    assert (project / "site" / "b" / "index.html").is_file()


def test_each_config_has_its_own_file_and_only_the_newest_other_is_kept(project: Path) -> None:
    run(project)
    site_file = cache_file(project)
    old = [site_file.with_name(f"render-{name}.pickle") for name in ("0000000000000001", "0000000000000002")]
    for number, path in enumerate(old):
        path.write_bytes(b"from another config")
        os.utime(path, ns=(number, number))
    write_config(project, permalink=False)
    run(project)
    new_file = RenderCache.for_build(load_config(str(project / "mkdocs.yml"))).path
    assert new_file != site_file
    # the newest other file is the first config's (just written); the two older ones are gone
    assert sorted(p.name for p in site_file.parent.glob("render-*.pickle")) == sorted([site_file.name, new_file.name])


def test_a_configured_slugify_or_an_extension_packages_module_changing_converts_every_page_again(
        project: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """Both reused stale pages: a function given as a setting was fingerprinted by name only (its
    'case' ignored), and of an extension package only __init__.py was read."""
    config = (project / "mkdocs.yml").read_text("utf-8")
    slugify = "      slugify: !!python/object/apply:pymdownx.slugs.slugify {{kwds: {{case: {case}}}}}\n"
    (project / "mkdocs.yml").write_text(config.replace("  - toc:\n", "  - myext\n  - toc:\n").replace(
        "      permalink: true\n", "      permalink: true\n" + slugify.format(case="lower")), "utf-8")
    package = project / "myext"
    package.mkdir()
    (package / "__init__.py").write_text("from .core import makeExtension\n", "utf-8")
    core = ("from markdown.extensions import Extension\nfrom markdown.treeprocessors import Treeprocessor\n"
            "class Mark(Treeprocessor):\n    def run(self, root):\n        for p in root.iter('p'):\n"
            "            p.set('class', '{mark}')\n"
            "class MarkExtension(Extension):\n    def extendMarkdown(self, md):\n"
            "        md.treeprocessors.register(Mark(md), 'mark', 0)\n"
            "def makeExtension(**kwargs):\n    return MarkExtension(**kwargs)\n")
    (package / "core.py").write_text(core.format(mark="v1"), "utf-8")
    monkeypatch.syspath_prepend(str(project))
    assert run(project).converted == 3
    (project / "mkdocs.yml").write_text((project / "mkdocs.yml").read_text("utf-8").replace("case: lower", "case: none"), "utf-8")
    again = run(project)  # not strict: index.md's link to 'b.md#sec' now misses 'Sec', as it should
    assert (again.converted, again.reused) == (3, 0)
    assert 'id="Sec"' in site(project)["b/index.html"].decode()
    (package / "core.py").write_text(core.format(mark="v2"), "utf-8")
    for name in [n for n in list(sys.modules) if n == "myext" or n.startswith("myext.")]:
        monkeypatch.delitem(sys.modules, name)  # the next build imports the edited package
    again = run(project)
    assert (again.converted, again.reused) == (3, 0)
    assert 'class="v2"' in site(project)["b/index.html"].decode()
