"""An extracted article as a normalised source: ``content/sources/<id>.md``.

The file is what :func:`build_tools.parse.sources.parse_markdown_source` reads: front matter with the
fields of :class:`~build_tools.model.frontmatter.SourceFrontMatter`, then the paragraphs separated by
blank lines (``## `` starts a heading, ``- `` an item). :func:`render_source` writes it so that reading
it back gives the same article; :func:`round_trip_differences` checks exactly that.
"""
from __future__ import annotations

import re
import unicodedata

import yaml

from build_tools.model import Paragraph, PartialDate
from build_tools.model.frontmatter import SLUG_RE

MAX_SLUG = 60


def slugify(text: str, max_length: int = MAX_SLUG) -> str:
    """``"Pakistan's VPN rules: what changed"`` -> ``pakistans-vpn-rules-what-changed`` (ASCII, at most
    ``max_length`` characters, cut between words); ``""`` when nothing ASCII is left."""
    ascii_text = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode("ascii")
    ascii_text = re.sub(r"['’`]", "", ascii_text.lower())
    slug = re.sub(r"[^a-z0-9]+", "-", ascii_text).strip("-")
    if len(slug) > max_length:
        cut = slug[: max_length + 1]
        slug = cut[: cut.rfind("-")] if "-" in cut else slug[:max_length]
        slug = slug.strip("-")
    return slug


def is_slug(text: str) -> bool:
    return bool(SLUG_RE.match(text))


def yaml_scalar(value: object) -> str:
    """One YAML value on one line, quoted only when plain text would be read differently."""
    dumped = yaml.safe_dump(value, allow_unicode=True, width=1_000_000, default_flow_style=True, sort_keys=False)
    dumped = dumped.rstrip("\n")
    if dumped.endswith("\n..."):
        dumped = dumped[: -len("\n...")]
    return dumped


def render_body(paragraphs: list[Paragraph]) -> str:
    """Paragraphs separated by blank lines, each on one line."""
    lines = []
    for paragraph in paragraphs:
        text = " ".join(paragraph.text.split())
        if paragraph.kind == "heading":
            lines.append(f"## {text}")
        elif paragraph.kind == "item":
            lines.append(f"- {text}")
        elif text.startswith(("#", "\\#", "\\\\")):
            # Markdown's escape of a heading mark, and of a backslash that would read as that escape; see
            # parse/sources.py:markdown_paragraphs for how the reader treats it.
            lines.append("\\" + text)
        else:
            lines.append(text)
    return "\n\n".join(lines) + "\n"


def render_source(
    *,
    id: str,
    title: str,
    date: PartialDate | None,
    publisher: str | None,
    author: str | None,
    url: str | None,
    paragraphs: list[Paragraph],
    dateline: str | None = None,
    language: str | None = None,
    origin: str | None = None,
) -> str:
    """The text of ``content/sources/<id>.md``, with comments saying what to check and fill in."""
    def field(name: str, value: object, comment: str = "") -> str:
        line = f"{name}:" if value is None else f"{name}: {yaml_scalar(value)}"
        return f"{line}  # {comment}" if comment else line

    lines = ["---"]
    if origin:
        lines.append(f"# Added with `briefing add` from {origin}.")
    lines += [
        "# Check every field against the page and correct it; fill in what is empty. See CONTRIBUTING.md.",
        field("id", id, "used in citations, e.g. [@" + id + ":3]; never change it once cited"),
        field("title", title),
        field("date", date.iso() if date else None,
              "YYYY-MM-DD, YYYY-MM or YYYY: only what the article states" if date else
              "the page's metadata states no date; write the article's date as YYYY-MM-DD, YYYY-MM or YYYY"),
        field("publisher", publisher, "" if publisher else "who published the article, e.g. Arab News"),
        field("author", author, "" if author else "the byline, if the article has one"),
    ]
    if dateline:
        lines.append(field("dateline", dateline))
    if language:
        lines.append(field("language", language))
    lines += [
        field("url", url, "" if url else "the article's address, https://..."),
        field("licence", None, "the publisher's terms as stated, e.g. All rights reserved by the publisher"),
        field("full_text", False, "true only if the licence allows republishing the whole text"),
        field("topics", [], "topic ids from content/registry/topics.yml, e.g. [vpn-regulation, it-exports]"),
        "---",
        "",
    ]
    return "\n".join(lines) + render_body(paragraphs)


def round_trip_differences(expected: dict, read_back: dict) -> list[str]:
    """Field names whose values differ between what was extracted and what the written file gives."""
    return [name for name in expected if expected[name] != read_back.get(name)]


def comparable(fields) -> dict:
    """The parts of an ``ExtractedFields`` that a written source must reproduce."""
    return {
        "title": fields.title,
        "date": fields.date,
        "publisher": fields.publisher,
        "author": fields.author,
        "dateline": fields.dateline,
        "key_points": list(fields.key_points),
        "paragraphs": [(p.number, p.text, p.kind) for p in fields.paragraphs],
        "url": fields.extra.get("url"),
    }
