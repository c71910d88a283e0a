"""The small Markdown writers every emitter relies on."""
from __future__ import annotations

import pytest

from build_tools.emit.markdown import escape, link, relative, table
from html_pages import render_markdown



@pytest.mark.parametrize("source, target, expected", [
    ("briefings/vpn.md", "sources/a.md", "../sources/a.md"),
    ("index.md", "sources/a.md", "sources/a.md"),
    ("sources/a.md", "sources/b.md", "b.md"),
    ("entities/x.md", "index.md", "../index.md"),
    ("a/b/c.md", "a/d.md", "../d.md"),
    ("timeline.md", "timeline.md", "timeline.md"),
])
def test_relative_links(source: str, target: str, expected: str) -> None:
    assert relative(source, target) == expected
    assert relative(source, target, "p3") == expected + "#p3"


def test_a_pipe_in_text_or_title_does_not_split_a_table_cell() -> None:
    cell = link(escape("A | B"), "figures.md", "sources/x.md", "p1", "Title | with pipe")
    html = render_markdown(table(["Source", "Value"], [[cell, escape("1 | 2")]]))
    assert html.count("<td>") == 2
    assert 'title="Title &#124; with pipe"' in html and ">A | B</a>" in html and "<td>1 | 2</td>" in html


def test_escaped_text_renders_as_the_same_words() -> None:
    text = "1. *Not* a list # or [link](x) {#id} <b>bold</b> & P@SHA_x"
    html = render_markdown(escape(text))
    assert html == "<p>1. *Not* a list # or [link](x) {#id} &lt;b&gt;bold&lt;/b&gt; &amp; P@SHA_x</p>"
