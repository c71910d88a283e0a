"""Small Markdown writers shared by the page emitters. Text from sources is always escaped here."""
from __future__ import annotations

import functools
import html
import re

_INLINE_SPECIAL = re.compile(r"([\\`*_{}\[\]!|])")
# Run after html.escape, so '>' (a quote) is already '&gt;'; '#', '+', '-' and '1.' remain.
_LINE_START_SPECIAL = re.compile(r"^([#+\-]|\d+[.)])")


UNSEARCHED_OPEN = '<div class="dpb-unsearched" data-pagefind-ignore="all" markdown>\n\n'
UNSEARCHED_CLOSE = "\n\n</div>\n\n"


def unsearched_block(body: str) -> str:
    """Markdown kept out of Pagefind's index (the published site's search): wrapped in an element with
    ``data-pagefind-ignore``; ``md_in_html`` renders the Markdown inside the wrapper."""
    return UNSEARCHED_OPEN + body.strip("\n") + UNSEARCHED_CLOSE


def unsearched_section(heading: str, body: str, *, anchor: str | None = None) -> str:
    """A section kept out of search: a ``##`` heading (Markdown, already escaped) and ``body``.

    Sections whose size grows with the corpus (mention lists, cited paragraphs, listings) stay out of
    the index, so search stays small at 10,000 sources while titles, summaries and entity names remain
    searchable. The wrapper keeps the whole block out of Pagefind's index; the heading's
    ``data-search-exclude`` keeps its section out of Material's (the offline copy)."""
    return unsearched_block(f"{unsearched_heading(heading, anchor=anchor)}\n\n{body}")


def unsearched_heading(heading: str, *, anchor: str | None = None) -> str:
    attributes = (f"#{anchor} " if anchor else "") + "data-search-exclude"
    return f"## {heading} {{ {attributes} }}"


# The same entity names and titles are escaped on thousands of pages (each source page links every
# entity it names): remembering them took emitting 10,000 sources from 5.0 s to 3.9 s.
@functools.lru_cache(maxsize=1 << 16)
def escape(text: str) -> str:
    """Makes any text inert Markdown: no HTML, no emphasis, links, attributes or block syntax."""
    text = " ".join(text.split())
    text = html.escape(text, quote=False)
    text = _INLINE_SPECIAL.sub(r"\\\1", text)
    return _LINE_START_SPECIAL.sub(_escape_line_start, text)


def _escape_line_start(match: re.Match[str]) -> str:
    """``# x`` -> ``\\# x``; ``1. x`` -> ``1\\. x`` (the dot, not the digit, makes a list)."""
    marker = match.group(0)
    return marker[:-1] + "\\" + marker[-1] if marker[0].isdigit() else "\\" + marker


_NESTED_QUOTES = str.maketrans("“”", "‘’")


def quoted(markdown: str) -> str:
    """``markdown`` (escaped already) in double quotes, the quotation marks it holds made single, as
    quotes within a quote are: “‘I encourage ...,’ the minister said.”"""
    return f"“{markdown.translate(_NESTED_QUOTES)}”"


def escape_attr(text: str) -> str:
    """Text for a link title in double quotes; a ``|`` is encoded so a link in a table cell cannot split it."""
    return " ".join(html.escape(text, quote=True).split()).replace("\\", "&#92;").replace("|", "&#124;")


def relative(from_page: str, to_page: str, anchor: str | None = None) -> str:
    """A plain relative link from one generated page to another (both paths relative to the docs root)."""
    target = _relative_path(from_page.rpartition("/")[0], to_page)  # posixpath.dirname, at a third of the cost
    return f"{target}#{anchor}" if anchor else target


@functools.lru_cache(maxsize=65536)
def _relative_path(from_folder: str, to_page: str) -> str:
    # Pure string work on docs-relative POSIX paths: posixpath.relpath would consult the working
    # directory twice per link, which dominated emitting at 10,000 sources.
    source = [part for part in from_folder.split("/") if part]
    target = to_page.split("/")
    common = 0
    while common < len(source) and common < len(target) - 1 and source[common] == target[common]:
        common += 1
    return "/".join([".."] * (len(source) - common) + target[common:])


def link(label_markdown: str, from_page: str, to_page: str, anchor: str | None = None, title: str | None = None) -> str:
    """``[label](target "title")``; ``label_markdown`` must already be escaped."""
    target = relative(from_page, to_page, anchor)
    title_part = f' "{escape_attr(title)}"' if title else ""
    return f"[{label_markdown}]({target}{title_part})"


# A page's kind for the search dialog's filter (its front matter's `search_type`, which the theme writes as
# Pagefind's `type` filter): a reader searching 10,000 sources can ask for briefings only.
SEARCH_TYPES = {"briefing": "Briefings", "source": "Sources", "entity": "Entities", "topic": "Topics"}


def front_matter(fields: dict[str, object]) -> str:
    """Front matter for a generated page (title, description, search hints). Values are JSON-safe YAML."""
    import json

    lines = ["---"]
    for key, value in fields.items():
        if value is None:
            continue
        if isinstance(value, str):
            text = json.dumps(_template_safe(value), ensure_ascii=False)
        else:
            # data for our own templates and hooks (e.g. the feed's raw title): the characters stay as
            # they are once YAML reads them, but no raw '<', '>' or '&' is in the page's front matter
            text = json.dumps(value, ensure_ascii=False).replace("<", "\\u003c").replace(">", "\\u003e").replace("&", "\\u0026")
        lines.append(f"{key}: {text}")
    lines.append("---")
    return "\n".join(lines) + "\n\n"


def _template_safe(text: str) -> str:
    """A front-matter value the theme inserts unescaped (``<meta content="...">``, the header title).

    Material prints ``page.title`` as HTML and ``page.title | striptags`` in ``<title>``; striptags
    unescapes entities, so ``&lt;`` would come back as a live ``<``. Angle brackets therefore become
    look-alike quotation marks, and ``&`` and ``"`` become entities.
    """
    text = " ".join(text.split()).replace("<", "\u2039").replace(">", "\u203a")
    return html.escape(text, quote=False).replace('"', "&quot;")


def bullet_list(items: list[str]) -> str:
    return "\n".join(f"- {item}" for item in items) + "\n" if items else ""


def table(headers: list[str], rows: list[list[str]]) -> str:
    return table_of_lines(headers, [table_row(row) for row in rows])


def table_row(cells: list[str]) -> str:
    """One row of a table, as one line."""
    return "| " + " | ".join(cell.replace("\n", " ") for cell in cells) + " |"


def table_of_lines(headers: list[str], lines: list[str]) -> str:
    """A table of rows already made by :func:`table_row`; "" without rows."""
    if not lines:
        return ""
    return "\n".join(["| " + " | ".join(headers) + " |", "|" + "---|" * len(headers), *lines]) + "\n"


def status_label(status: str) -> str:
    """A measure's status as readers read it: 'in-force' (as written in front matter) is 'in force'."""
    return status.replace("-", " ")
