"""The briefings' Atom feed (``feed.xml`` at the site root), written after MkDocs has rendered the pages.

It is built in the render stage because only MkDocs knows each page's address (``briefings/x/`` on the
published site, ``briefings/x.html`` in the offline copy). The briefing emitter puts what the feed
needs in each briefing page's front matter under ``feed:`` (title and summary as written, published
and updated dates, topics); the hook collects the briefing pages as MkDocs renders them and calls
:func:`atom_feed`.

Links are absolute when ``site_url`` is set in mkdocs.yml, else relative to the feed's own address
(RFC 4287 resolves them against it). Atom needs full timestamps: a date known only to the month or
year is written as the start of that period. The feed's own ``updated`` is the newest entry's, so
equal inputs give equal bytes.
"""
from __future__ import annotations

import uuid
import xml.etree.ElementTree as ET
from dataclasses import dataclass
from urllib.parse import urljoin

from build_tools.emit.paths import FEED as FEED_FILE
from build_tools.model import PartialDate

FEED_LIMIT = 50
ATOM = "http://www.w3.org/2005/Atom"


@dataclass(frozen=True)
class FeedEntry:
    title: str
    url: str             # the page's address relative to the site root, as MkDocs gives it
    summary: str
    published: PartialDate
    updated: PartialDate
    topics: tuple[tuple[str, str], ...]   # (topic id, topic name)


def feed_entry(meta: dict, url: str) -> FeedEntry | None:
    """The feed entry of a briefing page from its front matter's ``feed:`` mapping; None without one.

    Raises ValueError saying what is wrong when the mapping is incomplete or a date is not ISO 8601."""
    feed = meta.get("feed")
    if feed is None:
        return None
    try:
        return FeedEntry(title=str(feed["title"]), url=url, summary=str(feed["summary"]),
                         published=PartialDate.from_iso(str(feed["published"])),
                         updated=PartialDate.from_iso(str(feed.get("updated") or feed["published"])),
                         topics=tuple((str(term), str(label)) for term, label in feed.get("topics", [])))
    except KeyError as missing:
        raise ValueError(f"its front matter's 'feed' has no {missing}") from None
    except (TypeError, AttributeError, ValueError) as exc:
        raise ValueError(f"its front matter's 'feed' cannot be read: {exc}") from None


def _timestamp(date: PartialDate) -> str:
    return f"{date.first_day().isoformat()}T00:00:00Z"


def _entry_id(site_name: str, url: str) -> str:
    """A stable id for a page: the same site and address give the same id on every build."""
    return uuid.uuid5(uuid.NAMESPACE_URL, f"{site_name}/{url.strip('/')}").urn


def _sub(parent: ET.Element, tag: str, text: str | None = None, **attributes: str) -> ET.Element:
    element = ET.SubElement(parent, f"{{{ATOM}}}{tag}", attributes)
    if text is not None:
        element.text = text
    return element


def atom_feed(entries: list[FeedEntry], *, site_name: str, description: str | None, site_url: str | None) -> bytes:
    """The newest ``FEED_LIMIT`` entries (by updated date, then address) as an Atom 1.0 document."""
    def address(url: str) -> str:
        return urljoin(site_url, url) if site_url else (url or "./")

    newest = sorted(entries, key=lambda e: (e.updated.first_day(), e.url), reverse=True)[:FEED_LIMIT]
    ET.register_namespace("", ATOM)
    feed = ET.Element(f"{{{ATOM}}}feed")
    _sub(feed, "title", site_name)
    if description:
        _sub(feed, "subtitle", description)
    _sub(feed, "id", uuid.uuid5(uuid.NAMESPACE_URL, f"{site_name}/{FEED_FILE}").urn)
    _sub(feed, "link", rel="self", type="application/atom+xml", href=address(FEED_FILE))
    _sub(feed, "link", rel="alternate", type="text/html", href=address(""))
    _sub(feed, "updated", _timestamp(newest[0].updated) if newest else "1970-01-01T00:00:00Z")
    author = _sub(feed, "author")
    _sub(author, "name", site_name)
    for item in newest:
        entry = _sub(feed, "entry")
        _sub(entry, "title", item.title)
        _sub(entry, "id", _entry_id(site_name, item.url))
        _sub(entry, "link", rel="alternate", type="text/html", href=address(item.url))
        _sub(entry, "published", _timestamp(item.published))
        _sub(entry, "updated", _timestamp(item.updated))
        _sub(entry, "summary", item.summary)
        for term, label in item.topics:
            _sub(entry, "category", term=term, label=label)
    ET.indent(feed)
    return ET.tostring(feed, encoding="utf-8", xml_declaration=True) + b"\n"
