"""The source page: metadata, key points as published, an excerpt, the cited paragraphs (anchored),
and who cites it. Full text only when the source's licence allows it (``full_text: true``)."""
from __future__ import annotations

from build_tools.emit import paths
from build_tools.emit.citations import citing_anchor
from build_tools.emit.linking import link_mentions_in_plain_text, named_entities_section
from build_tools.emit.markdown import (
    SEARCH_TYPES,
    bullet_list,
    escape,
    escape_attr,
    front_matter,
    link,
    quoted,
    unsearched_section,
)
from build_tools.emit.page_memo import record_digest
from build_tools.index.site import SiteIndex
from build_tools.model import Article, Paragraph

EXCERPT_WORDS = 60


def excerpt(article: Article) -> str:
    first = next((p for p in article.paragraphs if p.kind == "text"), None)
    if first is None:
        return ""
    words = first.text.split()
    text = " ".join(words[:EXCERPT_WORDS]) + (" …" if len(words) > EXCERPT_WORDS else "")
    return text


def shortened(text: str, limit: int) -> str:
    """``text`` cut to at most ``limit`` characters at a word boundary, with an ellipsis if cut."""
    if len(text) <= limit:
        return text
    cut = text[:limit - 1].rsplit(" ", 1)[0].rstrip(" ,;:–—-")
    return cut + "…"


def metadata_table(article: Article) -> str:
    rows = [("Publisher", escape(article.publisher) if article.publisher else "*not stated*")]
    if article.date:
        rows.append(("Date", f"{article.date.display()} (known to the {article.date.precision})"))
    else:
        rows.append(("Date", "*not recorded*"))  # the source may state none, or nobody wrote it in yet
    rows.append(("Author", escape(article.author) if article.author else "*not stated*"))
    if article.dateline:
        rows.append(("Dateline", escape(article.dateline)))
    if article.url:
        rows.append(("Original", f"[{escape(article.url)}](<{escape_attr(article.url)}>)"))
    rows.append(("Source id", f"`{article.id}` (cite as `[@{article.id}:N]`)"))
    rows.append(("Source file", f"`{article.path}`"))
    return "| Detail | Value |\n|---|---|\n" + "\n".join(f"| {k} | {v} |" for k, v in rows) + "\n"


def anchored_paragraph(paragraph: Paragraph, body: str | None = None) -> str:
    """A quoted paragraph with its number and an anchor that citations land on."""
    text = body if body is not None else escape(paragraph.text)
    marker = {"heading": "Heading", "item": "List item"}.get(paragraph.kind)
    label = f"**¶{paragraph.number}**" + (f" *({marker})*" if marker else "")
    return f"> {label} {text}\n> {{: #{paths.paragraph_anchor(paragraph.number)} }}\n"


def source_page_inputs(article: Article, index: SiteIndex) -> tuple:
    """What :func:`emit_source` reads of the index besides ``article`` itself and the registry, for the
    page memo (:mod:`build_tools.emit.page_memo`): the paragraphs cited, the places citing it with their
    briefings' titles, and the related sources' titles and labels. The mentions and entities it links
    are found in the article with the registry's names, so the article and the registry decide them."""
    cited_by = []
    for place in index.citations.cited_by.get(article.id, []):
        briefing = index.briefings[place.briefing_id]
        kind = briefing.blocks[place.position].kind if place.part == "block" else None
        cited_by.append((place, briefing.title, kind))
    articles = index.articles
    related = [(other_id, articles[other_id].made_from or record_digest(articles[other_id]))  # its title and label
               for other_id, _ in index.related_sources.get(article.id, [])]
    return sorted(index.citations.cited_paragraphs.get(article.id, ())), cited_by, related


def emit_source(article: Article, index: SiteIndex) -> str:
    page = paths.source(article.id)
    title = article.title or f"Untitled article from {article.publisher or 'an unknown publisher'}"
    description = article.summary or shortened(excerpt(article), 200)
    out = [front_matter({"title": title, "description": description, "search_type": SEARCH_TYPES["source"]})]
    out.append(f"# {escape(title)}\n\n")
    out.append(f"*{escape(article.label)}" + (f" · by {escape(article.author)}" if article.author else "") + "*\n\n")
    if article.summary:
        out.append(f"**Our summary.** {escape(article.summary)}\n\n")
    if article.key_points:
        out.append("## Key points as published\n\n" + bullet_list([escape(p) for p in article.key_points]) + "\n")
    out.append(unsearched_section("Details", metadata_table(article)))
    out.append(text_sections(article, index, page))
    out.append(cited_by_section(article, index, page))
    out.append(named_entities_section("Who and what it names", "source", article.id, page, index))
    out.append(related_section(article, index, page))
    return "".join(out)


def text_sections(article: Article, index: SiteIndex, page: str) -> str:
    """The full text where the licence allows it; else an excerpt and the paragraphs briefings cite."""
    mentions = index.mentions.on_page("source", article.id)
    linked: set[str] = set()

    def paragraphs(shown: list[Paragraph]) -> str:
        return "".join(anchored_paragraph(p, link_mentions_in_plain_text(p.text, mentions.get(p.number, []), linked, page))
                       + "\n" for p in shown)

    if article.full_text:
        return unsearched_section("Full text", "*Published here under the source's licence: "
                                  f"{escape(article.licence or 'stated in its front matter')}.*\n\n"
                                  + paragraphs(article.paragraphs))
    cited = index.citations.cited_paragraphs.get(article.id, set())
    original = (f"read the whole article [at the original](<{escape_attr(article.url)}>)" if article.url else
                f"the whole article is in the original ({escape(article.label)}), whose address we have not recorded")
    out = unsearched_section("Excerpt", f"> {escape(excerpt(article))}\n\n*We publish an excerpt and the paragraphs "
                             f"our briefings cite; {original}.*")
    shown = [p for p in article.paragraphs if p.number in cited]
    if shown:
        out += unsearched_section("Paragraphs our briefings cite", paragraphs(shown))
    return out


def related_section(article: Article, index: SiteIndex, page: str) -> str:
    related = index.related_sources.get(article.id, [])
    if not related:
        return ""
    lines = []
    for other_id, _ in related:
        other = index.articles[other_id]
        lines.append(f"- {link(escape(other.title or 'Untitled article'), page, paths.source(other_id))} ({escape(other.label)})")
    return unsearched_section("Related sources", "\n".join(lines))


def cited_by_section(article: Article, index: SiteIndex, page: str) -> str:
    places = index.citations.cited_by.get(article.id, [])
    if not places:
        return unsearched_section("Cited by", "No briefing cites this source yet.")
    lines = []
    for place in places:
        briefing = index.briefings[place.briefing_id]
        anchor = citing_anchor(place, briefing)
        where = ", ".join(f"¶{n}" for n in place.paragraphs) or "the whole source"
        lines.append(f"- {link(escape(briefing.title), page, paths.briefing(briefing.id), anchor)} (cites {where}): "
                     + quoted(escape(_shorten(place.context, 40))))
    return unsearched_section("Cited by", "\n".join(lines))


def _shorten(text: str, words: int) -> str:
    parts = text.split()
    return " ".join(parts[:words]) + (" …" if len(parts) > words else "")
