"""The briefing page: summary, key points, why it matters, cited body, sources, related."""
from __future__ import annotations

import html
import re
from dataclasses import replace

from build_tools.emit import paths
from build_tools.emit.citations import citation_link, paragraph_label, render_mark
from build_tools.emit.figures_page import ROW_HEADERS, group_anchor, record_row
from build_tools.emit.linking import link_mentions_in_markdown, named_entities_section
from build_tools.emit.markdown import (SEARCH_TYPES, bullet_list, escape, front_matter, link, status_label, table,
                                       unsearched_section)
from build_tools.index.key_figures import figures_stated_in, groups_comparing
from build_tools.index.mentions import Mention
from build_tools.emit.page_memo import record_digest
from build_tools.index.site import SiteIndex
from build_tools.model import Briefing, BriefingBlock, CitationMark, Claim

_RAW_HTML = re.compile(r"<(?=[A-Za-z!/?])")
# A link destination: after ``](`` (inline link or image) or after ``[label]:`` (reference definition).
# An inline link's target, or a reference definition's as Python-Markdown reads one: the label may span
# lines and the target may stand on the line after "[label]:".
_LINK_TARGET = re.compile(r"(\]\(\s*<?|^[ \t]{0,3}\[[^\[\]]*\]:[ \t]*\n?[ \t]*<?)([^\s)>]*)", re.MULTILINE)
_SCHEME = re.compile(r"^([a-z][a-z0-9+.\-]*):")
_SAFE_SCHEMES = {"http", "https", "mailto"}
_ATTR_LIST = re.compile(r"(?<!\\)\{")
_IMAGE = re.compile(r"(?<!\\)!(?=\[)")
_IMAGE_BEFORE_MARK = re.compile(r"(?<!\\)!\Z")
_LINE_INDENT = re.compile(r"[ \t]{0,3}")


def _safe_target(match: re.Match) -> str:
    target = match.group(2)
    # Browsers decode entities and drop control characters and whitespace before reading a scheme.
    plain = re.sub(r"[\x00-\x20\\]", "", html.unescape(target)).lower().lstrip("<")
    scheme = _SCHEME.match(plain)
    if scheme and scheme.group(1) not in _SAFE_SCHEMES:
        target = "#"
    return match.group(1) + target


def neutralise_markdown(text: str, *, before: str = "", mark_after: bool = False) -> str:
    """Contributor Markdown keeps its formatting but can carry no raw HTML, script links, images or
    attribute lists (``{: onclick=... }``).

    For a piece of a block between citation marks (which the caller renders as links), ``before`` is
    what the rules must see of the mark before it (see ``_mark_context``) and ``mark_after`` says
    whether a mark follows it. So the rules apply as they did to the marks as written:
    ``[@a:1](javascript:...)`` still loses its target, and ``!`` before a mark is escaped (it would
    turn the citation's link into an image)."""
    text = before + text
    text = _RAW_HTML.sub("&lt;", text)
    text = _ATTR_LIST.sub(r"\\{", text)
    text = _IMAGE.sub(r"\\!", text)
    text = _LINK_TARGET.sub(_safe_target, text)
    if mark_after:
        text = _IMAGE_BEFORE_MARK.sub(r"\\!", text)
    # no rule changes a mark: it holds none of < { ! ( and ] only at its end
    assert text.startswith(before)
    return text[len(before):]


def _mark_context(text: str, mark: CitationMark) -> str:
    """What the neutralising rules look at of a mark, for the piece after it: its closing ``]`` (an
    inline link's ``](``), or, when the mark opens its line, the line so far (a reference definition's
    ``[label]:``)."""
    line_start = text.rfind("\n", 0, mark.start) + 1
    if _LINE_INDENT.fullmatch(text, line_start, mark.start):
        return text[line_start:mark.end]
    return "]"


def dates_line(briefing: Briefing) -> str:
    parts = [f"Published {briefing.date.display()}"]
    parts.append(f"last updated {briefing.updated.display()}" if briefing.updated else "not updated since")
    if briefing.verified:
        parts.append(f"facts last verified {briefing.verified.display()}")
    return " · ".join(parts)


def render_block(block: BriefingBlock, position: int, page: str, briefing: Briefing, index: SiteIndex,
                 linked: set[str]) -> str:
    """The block cut at the citation marks the parser found: the text between them gets its entity
    links and is neutralised; each mark becomes links from the citations the parser read."""
    mentions: list[Mention] = []
    if block.is_prose:
        mentions = index.mentions.on_page("briefing", briefing.id).get(position, [])
    pieces = []
    start, before = 0, ""
    for mark in block.marks:
        pieces.append(_between_marks(block.text, start, mark.start, mentions, linked, page, before, True))
        pieces.append(render_mark(mark, page, briefing, index))
        start, before = mark.end, _mark_context(block.text, mark)
    pieces.append(_between_marks(block.text, start, len(block.text), mentions, linked, page, before, False))
    text = "".join(pieces)
    anchor = paths.anchor_of_block(block.kind, position)
    if anchor is None:
        return text
    if block.kind == "paragraph":
        return text + "\n{: #" + anchor + " }"
    # a list, quote or table takes no attribute list of its own: a wrapper carries its id (md_in_html)
    return f'<div class="dpb-block" id="{anchor}" markdown>\n\n{text}\n\n</div>'


def _between_marks(text: str, start: int, end: int, mentions: list[Mention], linked: set[str], page: str,
                   before: str, mark_after: bool) -> str:
    """``text[start:end]``, which holds no mark, with its entity links and neutralised. The index finds
    mentions with the marks blanked out, so every mention lies between two marks."""
    inside = [replace(m, start=m.start - start, end=m.end - start) for m in mentions if start <= m.start and m.end <= end]
    piece = link_mentions_in_markdown(text[start:end], inside, linked, page)
    return neutralise_markdown(piece, before=before, mark_after=mark_after)


def sources_section(briefing: Briefing, page: str, index: SiteIndex) -> str:
    used: dict[str, set[int]] = {}
    for citation in briefing.citations():
        used.setdefault(citation.source_id, set()).update(citation.paragraphs)
    lines = []
    for number, source_id in enumerate(briefing.sources, start=1):
        article = index.articles[source_id]
        title = escape(article.title or "Untitled article")
        cited = paragraph_label(tuple(sorted(used.get(source_id, set()))))
        extra = f" — cited: {cited}" if cited else ""
        lines.append(f"{number}. {link(title, page, paths.source(source_id))} — {escape(article.label)}{extra}")
    return "## Sources\n\n" + "\n".join(lines) + "\n"


def briefing_page_inputs(briefing: Briefing, index: SiteIndex) -> tuple:
    """What :func:`emit_briefing` reads of the index besides ``briefing`` and the registry, for the page
    memo (:mod:`build_tools.emit.page_memo`): its sources (their titles and labels) and the related
    briefings' titles. Its mentions and entities follow from its text and the registry's names."""
    sources = [(source_id, record_digest(index.articles[source_id])) for source_id in briefing.sources]
    related = [(other_id, index.briefings[other_id].title) for other_id, _ in index.related_briefings.get(briefing.id, [])]
    return sources, related


def emit_briefing(briefing: Briefing, index: SiteIndex) -> str:
    page = paths.briefing(briefing.id)
    # what the render stage's Atom feed needs (build_tools/render/feed.py); the theme never prints these
    feed = {"title": briefing.title, "summary": briefing.summary, "published": briefing.date.iso(),
            "updated": briefing.last_updated.iso(), "topics": [[t, index.registry.topics[t].name] for t in briefing.topics]}
    out = [front_matter({"title": briefing.title, "description": briefing.summary, "feed": feed,
                         "search_type": SEARCH_TYPES["briefing"]})]
    out.append(f"# {escape(briefing.title)}\n\n")
    out.append(f"*{dates_line(briefing)}*\n\n")
    topics = [link(escape(index.registry.topics[t].name), page, paths.topic(t)) for t in briefing.topics]
    out.append(f"**Topics:** {', '.join(topics)}\n\n")
    out.append(f"**Summary.** {escape(briefing.summary)}\n\n")
    out.append("## Key points\n\n" + bullet_list([escape(p) for p in briefing.key_points]) + "\n")
    if briefing.why_it_matters:
        out.append(f"## Why it matters\n\n{escape(briefing.why_it_matters)}\n\n")
    out.append("## The briefing\n\n")
    linked: set[str] = set()
    for position, block in enumerate(briefing.blocks):
        out.append(render_block(block, position, page, briefing, index, linked) + "\n\n")
    out.append(claims_section(briefing, page, index))
    out.append(events_section(briefing, page, index))
    out.append(figures_section(briefing, page, index))
    out.append(sources_section(briefing, page, index))
    out.append("\n" + named_entities_section("Who and what is named", "briefing", briefing.id, page, index))
    out.append(related_section(briefing, page, index))
    return "".join(out)


def row_anchor(anchor: str) -> str:
    """An id for a table row, where a link to a claim or an event lands: a row takes no attribute list,
    so an empty element at the start of its first cell carries it (extra.css marks the row it lands in)."""
    return f'<span class="dpb-anchor" id="{anchor}"></span>'


def claims_section(briefing: Briefing, page: str, index: SiteIndex) -> str:
    """Positions on each contested point, side by side."""
    if not briefing.claims:
        return ""
    points: dict[str, list[tuple[int, Claim]]] = {}
    for position, claim in enumerate(briefing.claims):
        points.setdefault(claim.point, []).append((position, claim))
    out = ["## Who said what\n\n"]
    for point, claims in points.items():
        out.append(f"### {escape(point)}\n\n")
        rows = []
        for position, claim in claims:
            entity = index.registry.entities[claim.claimant]
            cites = "".join(citation_link(c, page, briefing, index) for c in claim.citations)
            speaking_as = "" if claim.claimant_type == "other" else claim.claimant_type.replace("-", " ")
            rows.append([row_anchor(paths.claim_anchor(position)) + link(escape(entity.name), page, paths.entity(entity.id)),
                         speaking_as,
                         f"{escape(claim.statement)} {cites}"])
        out.append(table(["Who", "Speaking as", "Position"], rows) + "\n")
    return "".join(out)


def events_section(briefing: Briefing, page: str, index: SiteIndex) -> str:
    if not briefing.events:
        return ""
    rows = []
    for position, event in sorted(enumerate(briefing.events), key=lambda e: e[1].date.sort_key()):
        what = escape(event.title)
        if event.measure and event.status:
            measure = index.registry.entities[event.measure]
            what += f" *({link(escape(measure.name), page, paths.entity(measure.id))}: {status_label(event.status)})*"
        cites = "".join(citation_link(c, page, briefing, index) for c in event.citations)
        rows.append([row_anchor(paths.event_anchor(position)) + event.date.display(), f"{what} {cites}"])
    return "## Key dates\n\n" + table(["When", "What happened"], rows) + "\n"


def figures_section(briefing: Briefing, page: str, index: SiteIndex) -> str:
    """The figures the briefing states, as its sources write them, with their sentences; and the curated
    comparisons that set figures from the paragraphs it cites beside other sources'."""
    records = figures_stated_in(briefing, index.figures)
    groups = groups_comparing(briefing, index.figures)
    if not records and not groups:
        return ""
    out = []
    if records:
        out.append("Each figure this briefing states, as the source it cites writes it, with the sentence around it.\n\n")
        out.append(table(ROW_HEADERS, [record_row(index, record, page) for record in records]) + "\n")
    if groups:
        compared = [link(escape(index.figures.groups[g].label), page, paths.FIGURES, group_anchor(g)) for g in groups]
        out.append(f"Compared with other sources' figures on the Key figures page: {', '.join(compared)}.\n")
    return unsearched_section("Figures", "".join(out).rstrip("\n"), anchor="figures")


def related_section(briefing: Briefing, page: str, index: SiteIndex) -> str:
    related = index.related_briefings.get(briefing.id, [])
    if not related:
        return ""
    lines = [f"- {link(escape(index.briefings[r].title), page, paths.briefing(r))}" for r, _ in related]
    return "\n## Related briefings\n\n" + "\n".join(lines) + "\n"
