"""Contributor Markdown as the words a reader sees, for quoting a briefing's text on other pages.

A source page's "cited by" and an entity page's "mentioned in briefings" quote the citing text. The quote
is escaped, so Markdown in it would show as written: ``**PTA**``, ``[licences](https://...)``, a table's
pipes. Python-Markdown, with the site's extensions, converts the block; its text is the quote.
"""
from __future__ import annotations

import re
from functools import lru_cache

import lxml.html
import markdown

# Text without any of these has no inline Markdown, HTML or table: the common case, not converted.
_MARKDOWN_SIGNS = re.compile(r"[*_`\[\]<>|&\\]")
CELL_SEPARATOR = " · "
ROW_SEPARATOR = "; "


# The site's Markdown extensions that change what text a block shows (mkdocs.yml; toc only adds anchors)
EXTENSIONS = ["abbr", "attr_list", "md_in_html", "tables", "admonition"]


@lru_cache(maxsize=1)
def _converter() -> markdown.Markdown:
    return markdown.Markdown(extensions=EXTENSIONS)


def markdown_as_text(text: str) -> str:
    """``text`` (one block of a briefing, its line markers already removed) without its Markdown: emphasis,
    code, links and images give their words, HTML tags and comments nothing, and a table its cells set
    apart by " · " and its rows by "; "."""
    if not _MARKDOWN_SIGNS.search(text):
        return text
    html = _converter().reset().convert(text)
    if not html.strip():
        return ""
    root = lxml.html.fragment_fromstring(html, create_parent="div")
    for element in list(root.iter("script", "style")):
        element.drop_tree()
    for row in root.iter("tr"):
        cells = [cell for cell in row if cell.tag in ("td", "th")]
        for cell in cells[:-1]:
            cell.tail = CELL_SEPARATOR
        if cells:
            cells[-1].tail = ROW_SEPARATOR
    for element in root.iter("p", "li", "h1", "h2", "h3", "h4", "h5", "h6", "blockquote"):
        element.tail = " " + (element.tail or "")
    words = " ".join(root.text_content().split())
    return words[:-1].rstrip() if words.endswith(ROW_SEPARATOR.strip()) else words
