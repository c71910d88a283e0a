"""The briefings' Atom feed: made from the briefing pages MkDocs renders (build_tools/render/feed.py)."""
from __future__ import annotations

import xml.etree.ElementTree as ET

import pytest

from build_tools.model import PartialDate
from build_tools.render.feed import FEED_LIMIT, FeedEntry, atom_feed, feed_entry

A = "{http://www.w3.org/2005/Atom}"


def _entry(n: int, updated: str = "2025-11-22", **changes) -> FeedEntry:
    fields = dict(title=f"Briefing {n}", url=f"briefings/b{n}/", summary=f"Summary {n}.",
                  published=PartialDate.from_iso("2025-11-01"), updated=PartialDate.from_iso(updated),
                  topics=(("vpn-regulation", "VPN regulation"),))
    fields.update(changes)
    return FeedEntry(**fields)


def _parse(data: bytes) -> ET.Element:
    assert data.startswith(b"<?xml version='1.0' encoding='utf-8'?>\n<feed xmlns=\"http://www.w3.org/2005/Atom\">")
    return ET.fromstring(data)


def test_entry_read_from_a_pages_front_matter() -> None:
    meta = {"title": "AT&amp;T licenses ‹VPNs›", "description": "Escaped for the theme.",
            "feed": {"title": 'AT&T "licenses" <VPNs>', "summary": "Tom & Jerry.", "published": "2025-11",
                     "updated": "2025-12-12", "topics": [["vpn-regulation", "VPN regulation"]]}}
    assert feed_entry(meta, "briefings/x/") == FeedEntry(
        title='AT&T "licenses" <VPNs>', url="briefings/x/", summary="Tom & Jerry.",
        published=PartialDate(2025, 11), updated=PartialDate(2025, 12, 12), topics=(("vpn-regulation", "VPN regulation"),))
    assert feed_entry({"title": "A page without feed data"}, "briefings/y/") is None


@pytest.mark.parametrize(("feed", "message"), [
    ({"title": "T", "summary": "S"}, "its front matter's 'feed' has no 'published'"),
    ({"title": "T", "summary": "S", "published": "2025-02-30"}, "its front matter's 'feed' cannot be read: February 2025 has no day 30"),
    ("not a mapping", "its front matter's 'feed' cannot be read: string indices must be integers, not 'str'"),
])
def test_unusable_feed_data_is_a_clear_error(feed: object, message: str) -> None:
    with pytest.raises(ValueError) as error:
        feed_entry({"feed": feed}, "briefings/x/")
    assert str(error.value) == message


def test_hook_reports_unusable_feed_data_with_the_page(tmp_path, monkeypatch) -> None:
    from types import SimpleNamespace

    from mkdocs.exceptions import Abort

    from build_tools.render import mkdocs_hook

    page = SimpleNamespace(src_uri="briefings/x.md", url="briefings/x/", content_string="---\nfeed: {title: T}\n---\nText.\n")
    with pytest.raises(Abort) as aborted:
        mkdocs_hook.feed_entries([page], str(tmp_path))
    assert str(aborted.value) == (f"{tmp_path / 'briefings/x.md'}: no feed entry: its front matter's 'feed' has no 'summary'\n"
                                  "1 problem found; the build stopped.")
    listing = SimpleNamespace(src_uri="briefings/index.md", url="briefings/", content_string="---\ntitle: Briefings\n---\n")
    assert mkdocs_hook.feed_entries([listing], str(tmp_path)) == []  # no 'feed:': not an entry


def test_the_feed_takes_the_front_matter_mkdocs_read_in_this_build(tmp_path) -> None:
    from types import SimpleNamespace

    from build_tools.render import mkdocs_hook

    read = SimpleNamespace(markdown="Text.", meta={"feed": {"title": "T", "summary": "S", "published": "2025-11-22"}})
    page = SimpleNamespace(src_uri="briefings/x.md", url="briefings/x/", page=read, content_string="not read again")
    [entry] = mkdocs_hook.feed_entries([page], str(tmp_path))
    assert (entry.title, entry.summary, entry.url) == ("T", "S", "briefings/x/")
    unread = SimpleNamespace(markdown=None, meta={})  # a page a --dirty build did not read: its file is read
    page = SimpleNamespace(src_uri="briefings/x.md", url="briefings/x/", page=unread,
                           content_string="---\nfeed: {title: U, summary: V, published: 2025-11-23}\n---\nText.\n")
    [entry] = mkdocs_hook.feed_entries([page], str(tmp_path))
    assert (entry.title, entry.summary) == ("U", "V")


def test_feed_lists_newest_first_with_relative_links() -> None:
    feed = _parse(atom_feed([_entry(1, "2025-11-22"), _entry(2, "2025-12-01"), _entry(3, "2025-11-22")],
                            site_name="Digital Pakistan Briefings", description="Sourced.", site_url=None))
    assert feed.findtext(f"{A}title") == "Digital Pakistan Briefings"
    assert feed.findtext(f"{A}subtitle") == "Sourced."
    assert feed.findtext(f"{A}updated") == "2025-12-01T00:00:00Z"
    assert [(link.get("rel"), link.get("href")) for link in feed.findall(f"{A}link")] == [("self", "feed.xml"), ("alternate", "./")]
    assert feed.findtext(f"{A}author/{A}name") == "Digital Pakistan Briefings"
    entries = feed.findall(f"{A}entry")
    assert [e.findtext(f"{A}title") for e in entries] == ["Briefing 2", "Briefing 3", "Briefing 1"]
    first = entries[0]
    assert first.find(f"{A}link").attrib == {"rel": "alternate", "type": "text/html", "href": "briefings/b2/"}
    assert first.findtext(f"{A}published") == "2025-11-01T00:00:00Z"
    assert first.findtext(f"{A}updated") == "2025-12-01T00:00:00Z"
    assert first.findtext(f"{A}summary") == "Summary 2."
    assert first.find(f"{A}category").attrib == {"term": "vpn-regulation", "label": "VPN regulation"}
    assert first.findtext(f"{A}id").startswith("urn:uuid:")


def test_ids_are_stable_and_links_absolute_with_a_site_url() -> None:
    one = atom_feed([_entry(1)], site_name="S", description=None, site_url="https://example.org/briefings/")
    two = atom_feed([_entry(1)], site_name="S", description=None, site_url="https://example.org/briefings/")
    assert one == two
    feed = _parse(one)
    assert feed.find(f"{A}subtitle") is None
    assert feed.find(f"{A}link").get("href") == "https://example.org/briefings/feed.xml"
    assert feed.find(f"{A}entry/{A}link").get("href") == "https://example.org/briefings/briefings/b1/"


def test_text_is_escaped_and_partial_dates_start_their_period() -> None:
    entry = _entry(1, updated="2025", title="<script>alert(1)</script> & co", published=PartialDate(2024))
    data = atom_feed([entry], site_name="S", description=None, site_url=None)
    assert b"<script>" not in data and b"&lt;script&gt;alert(1)&lt;/script&gt; &amp; co" in data
    feed = _parse(data)
    assert feed.findtext(f"{A}entry/{A}published") == "2024-01-01T00:00:00Z"
    assert feed.findtext(f"{A}entry/{A}updated") == "2025-01-01T00:00:00Z"


def test_feed_is_capped_and_an_empty_feed_is_valid() -> None:
    many = [_entry(n, updated=f"2025-01-{1 + n % 28:02d}") for n in range(FEED_LIMIT + 10)]
    assert len(_parse(atom_feed(many, site_name="S", description=None, site_url=None)).findall(f"{A}entry")) == FEED_LIMIT
    empty = _parse(atom_feed([], site_name="S", description=None, site_url=None))
    assert empty.findall(f"{A}entry") == [] and empty.findtext(f"{A}updated") == "1970-01-01T00:00:00Z"
