"""The MkDocs hook's own handling of pages (build_tools/render/mkdocs_hook.py): once a page is converted its
Markdown is let go (MkDocs would hold every page's to the end of the build), and its title stays."""
from __future__ import annotations

from pathlib import Path
from types import SimpleNamespace

from mkdocs.config import load_config
from mkdocs.structure.files import File, Files
from mkdocs.structure.pages import Page

from build_tools.render import mkdocs_hook

PAGES = {
    "titled.md": '---\ntitle: "From the front matter"\n---\n\n# A heading\n\nSome *text*.\n',
    "untitled.md": "# The first heading\n\nMore text.\n",
}


def converted_pages(root: Path) -> list[Page]:
    (root / "docs").mkdir(parents=True)
    for name, text in PAGES.items():
        (root / "docs" / name).write_text(text, "utf-8")
    (root / "mkdocs.yml").write_text("site_name: Test\n", "utf-8")
    config = load_config(str(root / "mkdocs.yml"))
    files = Files([File(name, str(root / "docs"), str(root / "site"), True) for name in PAGES])
    pages = []
    for file in files:
        page = Page(None, file, config)
        page.read_source(config)
        page.render(config, files)
        pages.append(page)
    return pages


def test_a_converted_page_lets_go_of_its_markdown_and_keeps_its_title_and_html(tmp_path: Path) -> None:
    titled, untitled = converted_pages(tmp_path)
    for page in (titled, untitled):
        html = page.content
        assert mkdocs_hook.on_page_content(html, page=page, config=SimpleNamespace(extra={}), files=None) is html
        assert page.markdown == ""
    assert titled.title == "From the front matter" and titled.meta == {"title": "From the front matter"}
    assert untitled.title == "The first heading"
    assert titled.content == ('<h1 id="a-heading">A heading</h1>\n<p>Some <em>text</em>.</p>')


def test_with_pagefind_the_page_title_keeps_its_id_off_the_heading(tmp_path: Path) -> None:
    """Pagefind lists each heading with an id as a section of the result: the title is not one."""
    titled, _ = converted_pages(tmp_path)
    pagefind = SimpleNamespace(extra={"search": "pagefind"})
    assert mkdocs_hook.on_page_content(titled.content, page=titled, config=pagefind, files=None) == (
        '<h1><span id="a-heading"></span>A heading</h1>\n<p>Some <em>text</em>.</p>')
