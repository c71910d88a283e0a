"""Saved web pages (``.html``) to one article each, with trafilatura.

trafilatura separates the two jobs we need: finding the main text among the page's chrome (menus,
teasers, share buttons, comments) and reading the page's metadata (title, author, site name,
canonical URL). We take both from it, with one exception: the **date**. trafilatura asks htmldate,
which falls back on heuristics (a masthead's "today", a photo caption, any date-shaped text, the
URL) when the page states no publication date. A site's header date or a caption's date is not the
article's date, and htmldate always answers with a full day, so we read the date ourselves from the
page's explicit publication metadata only (``article:published_time``, JSON-LD ``datePublished``,
``itemprop="datePublished"``, WordPress's ``<time class="published">``, Dublin Core ...), at the precision
it is written; else from a date printed above the text or a press release's dated dateline. No date
there, no date: the contributor adds it in the front matter or sidecar.

Before extraction the page is reshaped so trafilatura finds all of the article (``_prepare``): embedded
social-media posts out, layout tables into plain blocks, and the element holding the article's
paragraphs marked as ``<article>`` when the page has none.

What trafilatura keeps of a page's chrome inside the article ("Also read: ..." teasers, a print-edition
note, readers' comments) is dropped by the page-dump parser's line rules (``_without_chrome``).

Paragraphs are normalised to the shape a normalised source (``.md``) reads back identically:
whitespace collapsed to single spaces; ``<h2>`` and friends become headings, list items become items.
"""
from __future__ import annotations

import json
import logging
import re
import urllib.parse
from collections import Counter
from dataclasses import dataclass
from typing import Iterator

import lxml.html
from lxml import etree

from build_tools.errors import BuildFailed, Problem
from build_tools.model import Paragraph, PartialDate
from build_tools.parse.dates import MONTH_NAME, parse_date_text
from build_tools.parse.text_dump import (COMMENTS_LOOKAHEAD, LABEL_BOUNDARY, MAX_STANDFIRST_WORDS, MIN_HEADLINE_WORDS,
                                         RELATED_HEADINGS,
                                         Line, classify_line, comments_begin, is_known_city, is_promotion,
                                         read_copyright, read_lead_dateline)

# trafilatura and htmldate log "discarding data" and the like at WARNING; our messages say it better.
for _name in ("trafilatura", "htmldate", "courlan"):
    logging.getLogger(_name).setLevel(logging.CRITICAL)

NO_MAIN_TEXT = (
    "no article text found on the page: it holds only menus, links or very short text; "
    "save the article's own page, or paste its paragraphs into a .txt file"
)

# An article has at least one paragraph this long; menus, link lists and login forms do not.
MIN_PROSE_WORDS = 10

# Publication-date metadata, most specific first. Modification dates are not publication dates.
_META_DATE_KEYS = (
    "article:published_time",
    "og:article:published_time",
    "datepublished",
    "citation_publication_date",
    "citation_date",
    "dc.date.issued",
    "dcterms.issued",
    "dc.date.created",
    "dcterms.created",
    "dc.date",
    "dcterms.date",
    "pubdate",
    "publishdate",
    "publish-date",
    "publish_date",
    "publication_date",
    "article.published",
    "parsely-pub-date",
    "sailthru.date",
    "date",
)
_ISO_PREFIX = re.compile(r"^\s*(\d{4})(?:-(\d{2})(?:-(\d{2}))?)?(?:[T\s]\S.*)?\s*$")
_ARTICLE_TYPES = re.compile(r"article|posting|report", re.IGNORECASE)
_SPACE = re.compile(r"\s+")
_LIST_MARK = re.compile(r"^[-*]\s+")
_URL = re.compile(r"^https?://\S+$")
_LANG = re.compile(r"^[a-z]{2,3}(-[A-Za-z0-9]+)?$")


@dataclass(frozen=True)
class PageText:
    """What one web page yields before it becomes an article."""

    title: str | None
    date: PartialDate | None
    publisher: str | None
    author: str | None
    url: str | None
    language: str | None
    dateline: str | None
    paragraphs: list[Paragraph]


def parse_html_page(text: str, path: str) -> list:
    """The article of a saved web page; raises ``BuildFailed`` when the page has no main text."""
    from build_tools.parse.sources import ExtractedFields

    page = extract_page(text, path)
    extra = {"url": page.url} if page.url else {}
    if page.language and not page.language.startswith("en"):
        extra["language"] = page.language
    return [
        ExtractedFields(
            line=1, title=page.title, date=page.date, publisher=page.publisher, author=page.author,
            dateline=page.dateline, key_points=[], paragraphs=page.paragraphs, extra=extra,
        )
    ]


def extract_page(text: str, path: str, url: str | None = None) -> PageText:
    """Main text and metadata of one page; ``url`` is where it was fetched from, if known."""
    import trafilatura

    tree = _load(text)
    if tree is None:
        raise BuildFailed([Problem(path, None, NO_MAIN_TEXT)])
    _prepare(tree)
    document = trafilatura.bare_extraction(
        tree, url=url, with_metadata=True, include_comments=False, include_tables=True, include_images=False,
        include_links=False, include_formatting=False, deduplicate=False,
        # Only cheap date rules; we do not use the date trafilatura finds (see the module's docstring).
        date_extraction_params={"extensive_search": False, "original_date": True},
    )
    body = getattr(document, "body", None) if document is not None else None
    title = _headline_of_title_element(clean(getattr(document, "title", None)), tree)
    paragraphs, edition_owner = _without_chrome(_paragraphs(body, text, title) if body is not None else [])
    if not any(p.kind != "heading" and len(p.text.split()) >= MIN_PROSE_WORDS for p in paragraphs):
        raise BuildFailed([Problem(path, None, NO_MAIN_TEXT)])
    paragraphs, printed_date = _without_leading_date(paragraphs)
    if _title_is_no_headline(title, tree, clean(getattr(document, "sitename", None))):
        title, paragraphs, letterhead = _headline_above_text(title, paragraphs)
    else:
        paragraphs, letterhead = _letterhead_above_title(title, paragraphs)
    printed_date = printed_date or letterhead.date
    byline, paragraphs = _leading_byline(paragraphs)
    paragraphs, printed_date = _without_leading_date(paragraphs) if printed_date is None else (paragraphs, printed_date)
    metadata_date = publication_date(tree)
    dateline, dateline_date, paragraphs = _read_dateline(paragraphs, metadata_date)
    dateline = dateline or letterhead.place
    page_url = clean(getattr(document, "url", None))
    if page_url and not _URL.match(page_url):
        page_url = None
    return PageText(
        title=title,
        date=metadata_date or dateline_date or printed_date or date_printed_in_page(tree),
        publisher=_publisher(clean(getattr(document, "sitename", None)), page_url, url) or edition_owner
        or _footer_owner(tree),
        author=_page_author(tree, clean(getattr(document, "author", None))) or byline,
        url=page_url or url,
        language=_language(tree),
        dateline=dateline,
        paragraphs=paragraphs,
    )


_EMBEDDED_POST = re.compile(r"\b(?:twitter-tweet|twitter-video|instagram-media|tiktok-embed|fb-post|reddit-card)\b")
_BLOCK_TAGS = frozenset("p div ul ol h1 h2 h3 h4 h5 h6 table blockquote section article form".split())
MIN_CONTAINER_WORDS = 15  # a paragraph this long is the article's, not a menu's


def _prepare(tree) -> None:
    """Reshapes the page so trafilatura finds all of the article: embedded social-media posts out (their
    text and attribution would run into the paragraphs), tables used for layout into plain blocks (their
    cells hold whole paragraphs), and, on a page without an ``<article>``, the element holding most of the
    long paragraphs marked as the article (else trafilatura drops its lists and subheadings)."""
    _use_embedded_article(tree)
    for post in [e for e in tree.iter("blockquote", "div") if _EMBEDDED_POST.search(e.get("class") or "")]:
        post.drop_tree()
    for table in list(tree.iter("table")):
        if _is_layout_table(table):
            for element in [table, *_own_parts(table)]:
                element.tag = "div"
    if next(tree.iter("article"), None) is None:
        holders = Counter(p.getparent() for p in tree.iter("p") if len(p.text_content().split()) >= MIN_CONTAINER_WORDS)
        holder, count = holders.most_common(1)[0] if holders else (None, 0)
        if holder is not None and count >= 2 and holder.tag not in ("body", "html"):
            holder.tag = "article"


def _use_embedded_article(tree) -> None:
    """A page that renders its article with a script (Next.js) holds the text only in the JSON of its
    ``__NEXT_DATA__`` script, and the page shows "Loading..." where it goes: the longest HTML in that JSON,
    when it holds more words than the page's own text, becomes the page's article."""
    script = next((e for e in tree.iter("script") if e.get("id") == "__NEXT_DATA__"), None)
    body = next(tree.iter("body"), None)
    if script is None or body is None:
        return
    try:
        data = json.loads(script.text or "")
    except ValueError:
        return
    embedded = max(_html_strings(data), key=len, default=None)
    if embedded is None:
        return
    try:
        article = lxml.html.fragment_fromstring(embedded, create_parent="article")
    except (etree.ParserError, ValueError):
        return
    shown = " ".join(t for e in body.iter() if isinstance(e.tag, str) and e.tag not in ("script", "style")
                     for t in (e.text, e.tail) if t).split()
    if len(article.text_content().split()) > len(shown):
        body.append(article)


def _html_strings(data: object):
    """The strings in parsed JSON that hold HTML paragraphs."""
    if isinstance(data, str):
        if "<p" in data:
            yield data
    elif isinstance(data, dict):
        for value in data.values():
            yield from _html_strings(value)
    elif isinstance(data, list):
        for value in data:
            yield from _html_strings(value)


def _own_parts(table) -> list:
    """The table's sections, rows and cells, not those of a table nested in one of its cells."""
    return [element for element in table.iter("thead", "tbody", "tfoot", "tr", "td", "th")
            if next(element.iterancestors("table"), None) is table]


def _is_layout_table(table) -> bool:
    """A table used for page layout, not data: one cell a row, or a cell holding several blocks or a long
    one (a data table's cells may wrap each value in a ``<p>``)."""
    parts = _own_parts(table)
    rows = [part for part in parts if part.tag == "tr"]
    if rows and all(len([cell for cell in row if cell.tag in ("td", "th")]) <= 1 for row in rows):
        return True
    for cell in (part for part in parts if part.tag in ("td", "th")):
        blocks = [child for child in cell if child.tag in _BLOCK_TAGS]
        if len(blocks) > 1 or any(len(block.text_content().split()) >= MIN_CONTAINER_WORDS for block in blocks):
            return True
    return False


_TITLE_SEPARATOR = re.compile(r"\s[|\-–—]\s")
_SECTION_SEPARATOR = re.compile(r"\s\|\s")


def _headline_of_title_element(title: str | None, tree) -> str | None:
    """trafilatura's title, unless it is the site's part of the ``<title>`` ("Startup Pakistan Blog",
    "PTA - Press Release") and another part is longer: then that part, the headline."""
    element = next(tree.iter("title"), None)
    written = clean(element.text_content()) if element is not None else None
    if not title or not written:
        return title
    separators = list(_TITLE_SEPARATOR.finditer(written))
    parts = _TITLE_SEPARATOR.split(written)
    for count in range(1, len(parts)):
        head, tail = written[: separators[count - 1].start()], written[separators[-count].end():]
        for taken, rest in ((head, parts[count:]), (tail, parts[:-count])):
            longest = max(rest, key=lambda part: len(part.split()))
            if taken.casefold() == title.casefold() and len(longest.split()) > len(title.split()):
                return longest
    return title


_BYLINE_PARAGRAPH = re.compile(r"^By\s+(?P<name>[A-Z][\w.'’-]*(?:\s+[A-Z][\w.'’-]*){0,3})$")


def _leading_byline(paragraphs: list[Paragraph]) -> tuple[str | None, list[Paragraph]]:
    """A byline printed as the text's first paragraph ("By Khalid Mustafa") is no paragraph: it names the
    author (when the metadata does not)."""
    byline = _BYLINE_PARAGRAPH.match(paragraphs[0].text) if len(paragraphs) > 1 else None
    if byline is None:
        return None, paragraphs
    return byline.group("name"), _renumbered(paragraphs[1:])


_LABEL_TITLES = frozenset({"press release", "press releases", "news", "news detail", "news details", "latest news",
                           "home", "notification", "circular", "announcement", "media", "media centre", "media center"})


def _title_is_no_headline(title: str | None, tree, sitename: str | None) -> bool:
    """Whether the ``<title>`` is only the site's name or a label: a label ("Press Release"), the site's
    name, the start of the footer's copyright owner or of the page's masthead; and no heading of the page
    says it (a headline does)."""
    if not title:
        return True
    key = title.casefold()
    if any((clean(h.text_content()) or "").casefold() == key for h in tree.iter("h1", "h2", "h3", "h4")):
        return False
    if key in _LABEL_TITLES or key == (sitename or "").casefold():
        return True
    owner = _footer_owner(tree)
    if owner and owner.casefold().startswith(key):
        return True
    return any((clean(element.text_content()) or "").casefold().startswith(key) for element in tree.iter()
               if isinstance(element.tag, str) and (element.tag == "header" or _BRANDING.search(
                   f"{element.get('class') or ''} {element.get('id') or ''}")))


_BRANDING = re.compile(r"header|logo|brand|masthead", re.IGNORECASE)


@dataclass(frozen=True)
class Letterhead:
    """What a press release's letterhead prints: its date, and the place before it ("Islamabad: ...")."""

    date: PartialDate | None = None
    place: str | None = None


def _headline_above_text(title: str | None, paragraphs: list[Paragraph]) -> tuple[str | None, list[Paragraph], Letterhead]:
    """A government or agency page whose ``<title>`` is only the site's name or a label ("Press
    Information Department", "Press Release") prints its headline as the first heading of the text: that
    heading is the title when it is longer than the ``<title>`` and comes before any paragraph.

    A press release prints a letterhead above its headline: the issuer in capitals, a label ("PRESS
    RELEASE", "PR No. 214"), a date. After such lines the headline is the last short line above the text,
    a heading or not; the letterhead is no paragraph, and what it prints is returned."""
    lines = _letterhead_lines(paragraphs)
    if lines == len(paragraphs) or (paragraphs[lines].kind != "heading" and not (lines and _is_headline_line(paragraphs, lines))):
        return title, paragraphs, Letterhead()
    headline = paragraphs[lines].text
    words = headline.split()
    if len(words) < MIN_HEADLINE_WORDS or (title and len(title.split()) >= len(words)):
        return title, paragraphs, Letterhead()
    if title and set(title.casefold().split()) <= set(headline.casefold().split()):
        return title, paragraphs, Letterhead()  # the <title> is the headline shortened, not a label
    return headline, _renumbered(paragraphs[lines + 1:]), _read_letterhead(paragraphs[:lines])


def _letterhead_above_title(title: str | None, paragraphs: list[Paragraph]) -> tuple[list[Paragraph], Letterhead]:
    """Short lines above a heading that is the ``<title>`` again are no paragraphs: a press release's
    letterhead (whose date and place are kept), an opinion page's section label ("Opinion"). The heading
    goes too."""
    if title is None:
        return paragraphs, Letterhead()
    key = " ".join(title.split()).casefold()
    for position, paragraph in enumerate(paragraphs[:MAX_LETTERHEAD_LINES + 1]):
        if paragraph.kind != "item" and " ".join(paragraph.text.split()).casefold() == key:  # a heading, or bold text
            above = paragraphs[:position]
            if above and all(_is_short_line(p) for p in above):
                return _renumbered(paragraphs[position + 1:]), _read_letterhead(above)
            break
    return paragraphs, Letterhead()


def _is_short_line(paragraph: Paragraph) -> bool:
    return paragraph.kind != "item" and len(paragraph.text.split()) <= MAX_LETTERHEAD_WORDS \
        and not paragraph.text.rstrip().endswith((".", "!", "?"))


def _read_letterhead(lines: list[Paragraph]) -> Letterhead:
    for line in lines:
        date = _letterhead_date(line.text)
        if date is not None:
            place = _PLACE_BEFORE_DATE.match(line.text)
            name = place.group(0).strip(" :,") if place else None
            return Letterhead(date, name if name and is_known_city(name) else None)
    return Letterhead()


MAX_LETTERHEAD_LINES = 5
MAX_LETTERHEAD_WORDS = 16
MAX_HEADLINE_WORDS = 30
_RELEASE_LABEL = re.compile(r"^(?:press release|news release|handout|press note|(?:pr|press release) no\.?\s*[\w/-]*\d[\w/-]*)$",
                            re.IGNORECASE)
# "STATE BANK OF PAKISTAN", "FEDERAL BOARD OF REVENUE": three words in capitals at least ("PSEB IT Export
# Facilitation Centre opens" is a headline)
_CAPITALS_OPENING = re.compile(r"^[A-Z][A-Z&.'-]+(?:\s+(?:[A-Z][A-Z&.'-]*|OF|&)){2,}\b")
_PLACE_BEFORE_DATE = re.compile(r"^[A-Z][A-Za-z .'-]{1,30}[:,]\s+")  # "Islamabad: November 15, 2026"


def _letterhead_date(text: str) -> PartialDate | None:
    return parse_date_text(text) or parse_date_text(_PLACE_BEFORE_DATE.sub("", text, count=1))


def _is_letterhead_line(text: str) -> bool:
    if len(text.split()) > MAX_LETTERHEAD_WORDS:
        return False
    return bool(_RELEASE_LABEL.match(text) or _letterhead_date(text) or _CAPITALS_OPENING.match(text))


def _letterhead_lines(paragraphs: list[Paragraph]) -> int:
    """How many of the first paragraphs are letterhead lines (none unless a short line follows them that
    can be the headline: an issuer's name in capitals can also be a headline in capitals)."""
    count = 0
    while count < min(MAX_LETTERHEAD_LINES, len(paragraphs) - 2) and paragraphs[count].kind == "text" \
            and _is_letterhead_line(paragraphs[count].text):
        count += 1
    while count and not _is_headline_line(paragraphs, count) and paragraphs[count].kind != "heading":
        count -= 1  # the last letterhead line was the headline
    return count


def _is_headline_line(paragraphs: list[Paragraph], position: int) -> bool:
    """A short line that ends no sentence, with a paragraph of text after it."""
    text = paragraphs[position].text
    return (position + 1 < len(paragraphs) and paragraphs[position].kind != "item"
            and len(text.split()) <= MAX_HEADLINE_WORDS and not text.rstrip().endswith((".", ":", ";", ","))
            and not _RELEASE_LABEL.match(text) and _letterhead_date(text) is None)


_FOOTER = re.compile(r"foot(?:er)?\b|copyright", re.IGNORECASE)  # "footer", Xinhua's "foot"; not "footnote"


def _footer_owner(tree) -> str | None:
    """The owner a copyright line in the page's footer names, when nothing else names the publisher."""
    for element in tree.iter():
        if not isinstance(element.tag, str):
            continue
        if element.tag == "footer" or _FOOTER.search(f"{element.get('class') or ''} {element.get('id') or ''}"):
            for text in element.itertext():
                mark = _COPYRIGHT_WORD.search(text)  # "State Bank of Pakistan, Karachi. Copyright © 2025 ..."
                notice = clean(text[mark.start():]) or "" if mark else ""
                copyright = read_copyright(notice) if mark else None
                if copyright is not None and copyright.owner:
                    return _FOOTER_SEPARATOR.split(copyright.owner)[0]  # "... · Theme by Twenty Fifteen"
                yearless = _YEARLESS_NOTICE.match(notice)  # a text dump's copyright line needs a year; a footer's not
                if yearless and _is_owner_name(yearless.group("owner")):
                    return yearless.group("owner").strip()
    return None


_COPYRIGHT_WORD = re.compile(r"copyright|©", re.IGNORECASE)
# "© State Bank of Pakistan. All rights reserved."
_CREDIT = re.compile(r"\s*(?:designed|developed|powered|hosted|maintained|created|built|theme)\b", re.IGNORECASE)


def _is_owner_name(owner: str) -> bool:
    """A name, not a developer's or theme's credit, nor years ('Copyright 2025', '2024 - 2025')."""
    words = _YEAR.sub(" ", re.sub(r"(?i)\bcopyright\b", " ", owner))
    return bool(_NAME_LETTERS.search(words)) and not _CREDIT.match(owner)
_YEARLESS_NOTICE = re.compile(r"(?:copyright\s*)?(?:©|\(c\))\s*(?P<owner>[^|.©]{3,80}?)[.,]?\s+all rights reserved", re.IGNORECASE)
_FOOTER_SEPARATOR = re.compile(r"\s[|·•]\s")


def _page_author(tree, extracted: str | None) -> str | None:
    """The people JSON-LD names as the article's authors, when the page prints their names and trafilatura's
    byline holds them all and more (it joins a desk credit from a meta tag to them: "Dawn Report; Shahid
    Iqbal; Tahir Sherani") or none of them (the meta tag's "Dawn Report" alone); else trafilatura's byline;
    else the one name printed in an element named for a byline."""
    author = _author(extracted)
    people = json_ld_authors(tree)
    if people and author:
        named = set(author.split("; "))
        body = next(tree.iter("body"), None)
        printed = body.text_content().casefold() if body is not None else ""
        shown = all(name.casefold() in printed for name in people)  # Arab News prints bylines in capitals
        if shown and (set(people) < named or not set(people) & named):
            return "; ".join(people)
    return author or author_printed_in_page(tree)


_BYLINE_CLASS = re.compile(r"byline|author", re.IGNORECASE)
_NOT_THE_BYLINE = re.compile(r"comment|about|bio|description|avatar|photo|image", re.IGNORECASE)
_BY = re.compile(r"^by\s+", re.IGNORECASE)


def author_printed_in_page(tree) -> str | None:
    """The one name printed in elements named for a byline or author ('<div class="print-story__byline">Kalbe
    Ali</div>') outside the header, menus, sidebars, comments and footer. A box holding a name and more
    ('By <a>Shahab Omer</a> -', a name and a date) gives the name; a name found in an element and again,
    with more around it, in the one holding it counts once."""
    found: set[str] = set()
    for element in tree.iter():
        if not isinstance(element.tag, str) or not _is_byline_element(element) or _around_the_article(element):
            continue
        name = _author(_BY.sub("", clean(element.text_content()) or "").strip(" -–—|•·,:"))
        if name and _NAME_LETTERS.search(name) and name.casefold() != "by" and len(name.split()) <= MAX_AUTHOR_WORDS \
                and read_date_value(name) is None:
            found.add(name)
    names = {name for name in found if not any(other != name and other in name for other in found)}
    return names.pop() if len(names) == 1 else None


_YEAR = re.compile(r"\b(?:19|20)\d\d\b")
_NAME_LETTERS = re.compile(r"[^\W\d_]{2}")


def _is_byline_element(element) -> bool:
    names = _names(element)
    return bool(_BYLINE_CLASS.search(names)) and not _NOT_THE_BYLINE.search(names)


def _author(author: str | None) -> str | None:
    """trafilatura's byline without a date run into it: "Recorder Report Published September 4", "Web Desk
    Wednesday Nov", "News Desk November", "Zohaib Ahmed • Oct 8"."""
    if author is None:
        return None
    name = _BYLINE_SEPARATOR.split(LABEL_BOUNDARY.split(author)[0])[0]
    date = _DATE_AFTER_NAME.search(name)
    if date is not None and len(name[:date.start()].split()) >= 2:  # not "Theresa May"
        name = name[:date.start()]
    return clean(name)


_BYLINE_SEPARATOR = re.compile(r"\s[•|·]\s")
# a weekday, a full month name ending the byline, or a month followed by a day
_DATE_AFTER_NAME = re.compile(
    r"\s+(?:(?:mon|tues|wednes|thurs|fri|satur|sun)day\b.*"
    r"|(?:january|february|march|april|may|june|july|august|september|october|november|december)$"
    rf"|{MONTH_NAME}\s+\d.*)$", re.IGNORECASE)


def _without_leading_date(paragraphs: list[Paragraph]) -> tuple[list[Paragraph], PartialDate | None]:
    """A date printed on its own above the text ("Dated: 20-08-2025") is no paragraph; it is the page's
    date when the metadata gives none."""
    date = None
    while len(paragraphs) > 1 and paragraphs[0].kind != "item" and (found := parse_date_text(paragraphs[0].text)):
        date = date or found
        paragraphs = paragraphs[1:]
    return _renumbered(paragraphs), date


def _read_dateline(paragraphs: list[Paragraph], metadata_date: PartialDate | None
                   ) -> tuple[str | None, PartialDate | None, list[Paragraph]]:
    """The dateline opening the first paragraph, or the second when a summary comes first; its date too
    ("Islamabad, 13th November 2025: ...")."""
    year = metadata_date.year if metadata_date else None
    for position in range(min(2, len(paragraphs))):
        paragraph = paragraphs[position]
        if paragraph.kind != "text" or (position == 1 and len(paragraphs[0].text.split()) > MAX_STANDFIRST_WORDS):
            break
        lead = read_lead_dateline(paragraph.text, year)
        rest = clean(lead.rest)
        if position == 1 and lead.date is None and not is_known_city(lead.place):
            break  # "MUHAMMAD AURANGZEB: We will not ..." opens an interview's answer
        if rest and (lead.place is not None or (position == 0 and lead.date is not None)):
            changed = Paragraph(paragraph.number, rest, paragraph.line, "text")
            return lead.place, lead.date, [*paragraphs[:position], changed, *paragraphs[position + 1:]]
    return None, None, paragraphs


def _renumbered(paragraphs: list[Paragraph]) -> list[Paragraph]:
    return [Paragraph(number, p.text, p.line, p.kind) for number, p in enumerate(paragraphs, start=1)]


def clean(value: object) -> str | None:
    """Whitespace collapsed and trimmed; ``None`` for nothing."""
    if not isinstance(value, str):
        return None
    text = _SPACE.sub(" ", value).strip()
    return text or None


def _publisher(sitename: str | None, *urls: str | None) -> str | None:
    """The site's name as the page states it, without a section ("DAWN.COM | Business"); not the host name
    trafilatura falls back on."""
    if sitename is None:
        return None
    sitename = _SECTION_SEPARATOR.split(sitename)[0].strip() or sitename  # not at a dash: "PTA – Pakistan Telecom..."
    hosts = {urllib.parse.urlsplit(u).netloc.lower() for u in urls if u}
    hosts |= {h.removeprefix("www.") for h in hosts}
    return None if sitename.lower() in hosts else sitename


def _load(text: str):
    if not text.strip():
        return None
    try:
        # lxml refuses str input that declares an encoding; bytes let it honour the declaration.
        # Comments go: trafilatura, given a tree, drops a comment with the text after it in its paragraph
        # (a page saved "complete" has them mid-sentence).
        return lxml.html.document_fromstring(text.encode("utf-8"),
                                             parser=lxml.html.HTMLParser(encoding="utf-8", remove_comments=True))
    except (etree.ParserError, ValueError):
        return None


def _paragraphs(body, source: str, title: str | None) -> list[Paragraph]:
    """Headings, paragraphs, list items and table rows of trafilatura's main-text tree, in order."""
    blocks: list[tuple[str, str, str]] = []  # (kind, text, the words to look for in the source)
    for line_break in body.iter("lb"):  # "Director (Media)<br>MoITT" is two words, not "(Media)MoITT"
        line_break.tail = _LINE_BREAK + (line_break.tail or "")
    for element in _leaf_blocks(body):
        tag = element.tag if isinstance(element.tag, str) else ""
        if tag == "list":
            for item in element.iter("item"):
                # A nested list's items are their own items; take only this item's own text.
                own = "".join(_own_text(item))
                blocks.append(("item", own, own))
        elif tag == "table":
            blocks.extend(_table_rows(element))
        elif tag in ("graphic", "ref"):
            continue
        elif tag == "head":
            text = "".join(element.itertext())
            blocks.append(("heading", text, text))
        else:  # paragraphs, quotes, code and anything else as text; a blank line (<br><br>) ends a paragraph
            for text in _BLANK_LINE.split("".join(element.itertext())):
                blocks.append(("text", text, text))
    paragraphs: list[Paragraph] = []
    finder = _LineFinder(source)
    for kind, raw, words in blocks:
        kind, text = normalise_block(kind, raw)
        if not text:
            continue
        if not paragraphs and kind == "heading" and title and text.casefold() == title.casefold():
            continue  # the page's <h1> repeats the title
        paragraphs.append(Paragraph(len(paragraphs) + 1, text, finder.line_of(words), kind))  # type: ignore[arg-type]
    return paragraphs


def _table_rows(table) -> list[tuple[str, str, str]]:
    """A table, one list item per row, each cell named by its column's heading when the table has one:
    "Operator: Jazz; Subscribers (million): 73.1". A row of one cell that is not under such headings (a
    note, a table used for layout) is a paragraph. Each row is looked for in the source by its first cell."""
    blocks: list[tuple[str, str, str]] = []
    labels: list[str] | None = None
    for row in table.iter("row"):
        cells = [" ".join("".join(cell.itertext()).split()) for cell in row.iter("cell")]
        filled = [cell for cell in cells if cell]
        if not filled:
            continue
        if len(filled) > 1 and all(cell.get("role") == "head" for cell in row.iter("cell")):
            labels = cells
        elif labels is not None and len(labels) == len(cells) and not _is_note_row(cells):
            named = [f"{label}: {cell}" if label else cell for label, cell in zip(labels, cells) if cell]
            blocks.append(("item", "; ".join(named), filled[0]))
        elif len(filled) == 1:
            blocks.append(("text", filled[0], filled[0]))
        else:
            blocks.append(("item", "; ".join(filled), filled[0]))
    return blocks


def _is_note_row(cells: list[str]) -> bool:
    """Only the first cell filled, with a label of its own or a sentence ("Source: PTA"): a note spanning
    the table (trafilatura pads it to the table's width)."""
    first, rest = cells[0], cells[1:]
    return bool(first) and not any(rest) and (":" in first or len(first.split()) >= 8)


def _without_chrome(paragraphs: list[Paragraph]) -> tuple[list[Paragraph], str | None]:
    """The paragraphs without the chrome trafilatura leaves in the main text, judged as the page-dump
    parser judges a line: "Also read: ..." teasers (and the list under a "Related" heading), share and
    follow labels given as paragraphs, everything from the readers' comments on, and a print-edition
    or copyright note at the end (its owner is returned: the publisher when the page names no site;
    such a line before the end, "Published in World Development, March 2025.", is the article's).
    List items and headings are never taken for share labels ("X", "Telegram" in a list of platforms).
    Photo captions are not judged here: trafilatura already leaves out figures."""
    lines = [classify_line(index, paragraph.text) for index, paragraph in enumerate(paragraphs)]
    kept: list[tuple[Paragraph, Line]] = []
    skipping_related_list = False
    for position, (paragraph, line) in enumerate(zip(paragraphs, lines)):
        if comments_begin(line, lines[position + 1 : position + 1 + COMMENTS_LOOKAHEAD]) \
                and any(p.kind == "text" for p, _ in kept):
            break
        ends_related = paragraph.kind == "heading" and position + 1 < len(paragraphs) \
            and paragraphs[position + 1].kind == "text"  # a subhead over the story's next paragraph
        if skipping_related_list and paragraph.kind != "text" and not ends_related:
            continue
        skipping_related_list = False
        if line.kind == "related":
            skipping_related_list = line.key.rstrip(":").strip() in RELATED_HEADINGS
            continue
        if (paragraph.kind == "text" and line.kind in ("widget", "comments")) \
                or (paragraph.kind == "heading" and is_promotion(paragraph.text)):  # "Subscribe to our newsletter"
            continue
        kept.append((paragraph, line))
    while kept and _DESK_CODE.match(kept[-1][0].text):  # "APP/ahr/mos": the agency's desk initials
        kept.pop()
    if kept and _END_MARK.search(kept[-1][0].text):  # "... in 2027. Enditem"
        last, line = kept[-1]
        kept[-1] = (Paragraph(last.number, _END_MARK.sub("", last.text), last.line, last.kind), line)
    owner: str | None = None
    while kept and (kept[-1][1].copyright is not None or _YEARLESS_COPYRIGHT.match(kept[-1][0].text)):
        last = kept.pop()  # notes at the end only
        yearless = _YEARLESS_COPYRIGHT.match(last[0].text)
        owner = (last[1].copyright.owner if last[1].copyright else yearless.group("owner").strip()) or owner
    return _renumbered(_without_pull_quotes([p for p, _ in kept])), owner


_DESK_CODE = re.compile(r"^[A-Z]{2,6}(?:/[A-Za-z]{1,6}){1,4}$")
_END_MARK = re.compile(r"\s+(?:Enditem|ENDITEM)\s*$")
# "Copyright Mettis Link News" closing the text, without a year
_YEARLESS_COPYRIGHT = re.compile(r"^(?:copyright|©)\s+(?P<owner>[^\d©]{2,60}?)\.?$", re.IGNORECASE)
MIN_PULL_QUOTE_WORDS = 5


def _without_pull_quotes(paragraphs: list[Paragraph]) -> list[Paragraph]:
    """A pull quote repeats a sentence of a paragraph near it; the paragraph is kept, the copy is not."""
    def key(paragraph: Paragraph) -> str:
        return " ".join(paragraph.text.casefold().split()).rstrip(".!?\"”’")

    kept = []
    for position, paragraph in enumerate(paragraphs):
        near = paragraphs[max(position - 2, 0): position] + paragraphs[position + 1: position + 3]
        copied = paragraph.kind == "text" and len(paragraph.text.split()) >= MIN_PULL_QUOTE_WORDS and any(
            other.kind == "text" and len(other.text) > len(paragraph.text) and key(paragraph) in key(other)
            for other in near)
        if not copied:
            kept.append(paragraph)
    return kept


_TEXT_BLOCKS = frozenset({"p", "head", "list", "table", "quote", "code"})


def _leaf_blocks(container) -> list:
    """The blocks of trafilatura's main-text tree in order, looking into a <div> that holds blocks of its
    own (a page's article wrapped in two <div>s came out as one paragraph: headline, date and text)."""
    blocks = []
    for element in container:
        if element.tag == "div" and any(child.tag in _TEXT_BLOCKS or child.tag == "div" for child in element) \
                and not (element.text or "").strip() and not any((child.tail or "").strip() for child in element):
            blocks.extend(_leaf_blocks(element))
        else:
            blocks.append(element)
    return blocks


_LINE_BREAK = "\u2028"  # a <br>: whitespace to normalise_block, so one is a space and two end a paragraph
_BLANK_LINE = re.compile(f"{_LINE_BREAK}\\s*{_LINE_BREAK}")


def _own_text(item) -> list[str]:
    parts = [item.text or ""]
    for child in item:
        if child.tag != "list":
            parts.extend(child.itertext())
        parts.append(child.tail or "")
    return parts


def normalise_block(kind: str, text: str) -> tuple[str, str]:
    """A block in the form a normalised source writes and reads back unchanged.

    A paragraph that starts with a list marker ("- ", "* ") is an item; a heading loses leading "#".
    """
    text = _SPACE.sub(" ", text).strip()
    if kind == "text" and _LIST_MARK.match(text):
        kind, text = "item", _LIST_MARK.sub("", text, count=1).strip()
    if kind == "heading":
        text = text.lstrip("#").strip()
    return kind, text


class _LineFinder:
    """Best-effort line of a paragraph in the HTML source: where its first words appear."""

    def __init__(self, source: str):
        self.source = source
        self.position = 0
        self.line = 1

    def line_of(self, text: str) -> int:
        words = text.split()[:4]
        if words:
            pattern = r"\s+".join(re.escape(w) for w in words)
            match = re.compile(pattern).search(self.source, self.position)
            if match:
                self.line += self.source.count("\n", self.position, match.start())
                self.position = match.start()
        return self.line


def publication_date(tree) -> PartialDate | None:
    """The date the page's metadata gives as its publication date, at the precision written: JSON-LD of an
    article, then meta tags, then JSON-LD of anything else (a video's), then elements marked as the
    publication date. A time in UTC gives the day the page itself shows for it, if it shows one."""
    article_dates, other_dates = _json_ld_dates(tree)
    metas: dict[str, str] = {}
    for meta in tree.iter("meta"):
        key = (meta.get("property") or meta.get("name") or meta.get("itemprop") or "").strip().lower()
        content = meta.get("content")
        if key and content and key not in metas:
            metas[key] = content
    values = [*article_dates, *(metas[key] for key in _META_DATE_KEYS if key in metas), *other_dates]
    values += [element.get("datetime") or element.get("content") or element.text_content()
               for element in tree.iter() if isinstance(element.tag, str) and _marks_publication(element)]
    for value in values:
        if (date := read_date_value(value)) is not None:
            return _shown_date(tree, value, date)
    return None


def _marks_publication(element) -> bool:
    """``itemprop="datePublished"``, or WordPress's ``<time class="entry-date published">``."""
    if (element.get("itemprop") or "").strip() == "datePublished":
        return True
    classes = (element.get("class") or "").split()
    return element.tag == "time" and ("published" in classes or element.get("pubdate") is not None)


_UTC = re.compile(r"(?:Z|[+-]00:?00)$")


def _shown_date(tree, value: str, date: PartialDate) -> PartialDate:
    """A UTC time's day is not always the page's ("2025-06-02T23:04Z" is shown as 3 June 2025 in
    Pakistan): the day a ``<time>`` with that value shows, or else the one date the page prints in an
    element named for a date, within a day of it."""
    if not _UTC.search(value.strip()) or date.day is None:
        return date
    for element in tree.iter("time"):
        if (element.get("datetime") or "").strip() == value.strip():
            shown = parse_date_text(clean(element.text_content()) or "")
            if shown is not None and shown.day is not None and abs(shown.first_day() - date.first_day()).days <= 1:
                return shown
    # No <time> for it: a date printed in an element named for one ('<span class="date">Wednesday Nov 18,
    # 2026</span>'), when the page prints only one such date and it is within a day.
    printed = {shown for element in tree.iter() if isinstance(element.tag, str) and element.tag != "time"
               and _DATE_CLASS.search(f"{element.get('class') or ''} {element.get('id') or ''}")
               and (shown := parse_date_text(clean(element.text_content()) or "")) is not None
               and shown.day is not None and abs(shown.first_day() - date.first_day()).days <= 1}
    return printed.pop() if len(printed) == 1 else date


_DATE_CLASS = re.compile(r"date|time|publish", re.IGNORECASE)
_AROUND_ARTICLE = re.compile(r"header|footer|\bnav|menu|sidebar|related|widget|comment|breadcrumb|ticker|trending"
                             r"|top-?bar|top-?strip|upcoming|event|popular|latest|more-|recommend|today|current-?date",
                             re.IGNORECASE)
# the article's own title block ("td-post-title", "entry-header", "article-header", "story__header")
_OF_THE_ARTICLE = re.compile(r"(?:article|entry|post|story|news|detail)[-_]*(?:header|head|title|meta)", re.IGNORECASE)


def _around_the_article(element) -> bool:
    """Whether the element, or one holding it, is the page's header, menus, sidebars, lists of other stories,
    comments or footer (a site's date of today, other stories' dates and authors), not the article's own."""
    for e in (element, *element.iterancestors()):
        if e.tag in ("body", "html"):
            break  # WordPress names layouts on <body>: "single-post has-sidebar header-layout-2"
        names = _names(e)
        if _OF_THE_ARTICLE.search(names):
            continue
        if e.tag in ("header", "footer") and any(a.tag in ("article", "main") for a in e.iterancestors()):
            continue  # an <article>'s own header
        if e.tag in ("header", "footer", "nav", "aside") or _AROUND_ARTICLE.search(names):
            return True
    return False
_TWO_WAY_NUMERIC_DATE = re.compile(r"\b(0?[1-9]|1[0-2])[/.-](0?[1-9]|1[0-2])[/.-]\d{2,4}\b")
MAX_PRINTED_DATE_WORDS = 8


def date_printed_in_page(tree) -> PartialDate | None:
    """For a page whose metadata gives no date: the one day it prints in elements named for a date
    ('<div class="print-story__date">Published November 9, 2026</div>', '<span class="time">2026-11-16
    21:05:12</span>'), outside its header, menus, sidebars and footer (a site's date of today, lists of other
    stories). A date marked as an update ('Updated: ...') gives way to one that is not; None when it prints more
    than one other date, or a numeric date that reads two ways ('11/04/2026')."""
    found: dict[PartialDate, bool] = {}  # date -> whether every element printing it says it is an update
    for element in tree.iter():
        if not isinstance(element.tag, str) or not _DATE_CLASS.search(_names(element)):
            continue
        if _around_the_article(element):
            continue
        text = clean(element.text_content()) or ""
        if len(text.split()) > MAX_PRINTED_DATE_WORDS or _TWO_WAY_NUMERIC_DATE.search(text):
            continue
        date = read_date_value(text)
        if date is not None and date.day is not None:
            updated = _UPDATED.search(f"{_names(element)} {text}") is not None
            found[date] = found.get(date, True) and updated
    published = [date for date, updated in found.items() if not updated]  # "Published: ..." beside "Updated: ..."
    return published[0] if len(published) == 1 else None


_UPDATED = re.compile(r"updat|modif|edited", re.IGNORECASE)


def _names(element) -> str:
    return f"{element.get('class') or ''} {element.get('id') or ''}"


def read_date_value(value: object) -> PartialDate | None:
    """``2025-11-13T10:15:00+05:00`` -> 13 November 2025 (the date as written, no time-zone shift);
    ``2025-11`` -> November 2025; ``Nov 13, 2025`` -> 13 November 2025; anything else -> ``None``."""
    if not isinstance(value, str):
        return None
    match = _ISO_PREFIX.match(value)
    if match:
        year, month, day = (int(g) if g else None for g in match.groups())
        try:
            return PartialDate(year, month, day)  # type: ignore[arg-type]
        except ValueError:
            return None
    return parse_date_text(clean(value) or "")


# JSON-LD keys under which other articles sit (a list of stories, a live blog's updates, parts, videos)
_OTHER_ITEMS = frozenset({"itemListElement", "hasPart", "liveBlogUpdate", "video", "associatedMedia",
                          "subjectOf", "isPartOf", "mentions", "citation", "relatedLink"})


def _json_ld_objects(tree) -> Iterator[tuple[dict, bool]]:
    """Each object of the page's JSON-LD, and whether it is an article. Objects listed inside another (an
    item list's stories, a live blog's updates) are other pages' and are left out."""
    def walk(node: object) -> Iterator[tuple[dict, bool]]:
        if isinstance(node, list):
            for item in node:
                yield from walk(item)
        elif isinstance(node, dict):
            kinds = node.get("@type")
            kinds = " ".join(kinds) if isinstance(kinds, list) else str(kinds or "")
            yield node, bool(_ARTICLE_TYPES.search(kinds))
            for key, item in node.items():
                if key not in _OTHER_ITEMS:
                    yield from walk(item)

    for script in tree.iter("script"):
        if (script.get("type") or "").strip().lower() != "application/ld+json":
            continue
        try:
            yield from list(walk(json.loads(script.text or "")))
        except (ValueError, RecursionError):
            continue


def _json_ld_dates(tree) -> tuple[list[str], list[str]]:
    """``datePublished`` of the page's JSON-LD objects: of articles, and of anything else."""
    found: tuple[list[str], list[str]] = ([], [])
    for node, is_article in _json_ld_objects(tree):
        value = node.get("datePublished")
        if isinstance(value, str):
            found[0 if is_article else 1].append(value)
    return found


def json_ld_authors(tree) -> list[str]:
    """The people the page's JSON-LD names as its article's authors (not an organisation), in order."""
    names: list[str] = []
    for node, is_article in _json_ld_objects(tree):
        if not is_article:
            continue
        authors = node.get("author")
        for author in authors if isinstance(authors, list) else [authors]:
            if isinstance(author, dict) and author.get("@type") in (None, "Person"):
                author = author.get("name")
            elif not isinstance(author, str):
                continue
            name = clean(author) if isinstance(author, str) else None
            if name and name not in names and len(name.split()) <= MAX_AUTHOR_WORDS:
                names.append(name)
    return names


MAX_AUTHOR_WORDS = 6


def _language(tree) -> str | None:
    lang = (tree.get("lang") or "").strip()
    lang = lang.split("-")[0].lower() + ("-" + lang.split("-", 1)[1] if "-" in lang else "")
    return lang if _LANG.match(lang) else None
