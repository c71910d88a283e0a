"""The timeline page, its archive by month and the topic-page timeline section: order, precision, links, SVG."""
from __future__ import annotations

import dataclasses
import re
from pathlib import Path

import pytest

from build_tools.emit import paths, timeline_page
from build_tools.emit.page_memo import PageMemo
from build_tools.emit.writer import Unloaded
from build_tools.emit.timeline_page import TimelineParts, date_label, emit_timeline, topic_timeline_section
from build_tools.errors import Problems
from build_tools.index.site import SiteIndex, build_site_index
from build_tools.model import (
    Article,
    Briefing,
    Citation,
    Corpus,
    Entity,
    Event,
    Paragraph,
    PartialDate,
    Registry,
    Topic,
)
from build_tools.parse.briefings import body_blocks
from build_tools.pipeline import ProjectPaths, build_index
from html_pages import render_markdown

REPO = Path(__file__).resolve().parents[1]
NEWEST = "## Newest entries { #newest-entries data-search-exclude }"
B = "briefings/vpn.md"
SCRIPT = "<script>alert(1)</script>"


def _article(id_: str, date: PartialDate, publisher: str, title: str, texts: list[str]) -> Article:
    return Article(id=id_, path=f"content/sources/{id_}.md", line=1, title=title, date=date, publisher=publisher,
                   author=None, dateline=None, key_points=[],
                   paragraphs=[Paragraph(i + 1, t, i + 3) for i, t in enumerate(texts)])


def _cite(source_id: str, *paragraphs: int) -> Citation:
    return Citation(source_id, paragraphs, B, 1)


def small_index() -> SiteIndex:
    alpha = _article("alpha-news", PartialDate(2025, 11, 13), "Alpha News", f"Regulator {SCRIPT} licenses VPN firms",
                     [f"The regulator began licensing VPN providers {SCRIPT}.",
                      "Last year the regulator told firms to register their VPNs.",
                      "Several companies received class licences."])
    beta = _article("beta-wire", PartialDate(2024), "Beta Wire", "Industry warns about blocking",
                    ["Elections were held in February.", "The industry warned about blocking."])
    briefing = Briefing(
        id="vpn", path=B, title="VPN briefing", date=PartialDate(2025, 11, 20), summary="Summary.",
        topics=["vpn", "controls"], sources=["alpha-news", "beta-wire"], key_points=[],
        blocks=body_blocks("The regulator began licensing VPN providers [@alpha-news:1].", 10, B, Problems()),
        events=[
            Event(PartialDate(2024), "Registration ordered", [_cite("alpha-news", 2)], B, 5, topics=["vpn"],
                  measure="vpn-registration", status="in-force"),
            Event(PartialDate(2025, 11), f"Licensing begins {SCRIPT}", [_cite("alpha-news", 1, 3)], B, 6, topics=["vpn"]),
            Event(PartialDate(2024, 2), "Elections held", [_cite("beta-wire")], B, 7, topics=["controls"]),
        ])
    registry = Registry(
        entities={"vpn-registration": Entity("vpn-registration", "VPN registration requirement", "measure",
                                             "Registration of VPNs.", "content/registry/entities.yml", 1)},
        topics={t.id: t for t in [Topic("vpn", "VPN rules", "VPNs.", "topics.yml", 1),
                                  Topic("controls", "Internet controls", "Controls.", "topics.yml", 2),
                                  Topic("empty", "Empty topic", "Nothing dated.", "topics.yml", 3)]})
    index, problems = build_site_index(Corpus(articles=[alpha, beta], briefings=[briefing], registry=registry))
    assert not problems, list(problems)
    return index


@pytest.fixture(scope="module")
def index() -> SiteIndex:
    return small_index()


@pytest.fixture(scope="module")
def page(index: SiteIndex) -> str:
    pages = emit_timeline(index)
    assert list(pages) == [paths.TIMELINE, *ARCHIVE_PAGES] == ["timeline.md", *ARCHIVE_PAGES]
    return timeline_text(index)


ARCHIVE_PAGES = ["timeline/2025/11/index.md", "timeline/2025/index.md", "timeline/2024/02/index.md", "timeline/2024/index.md"]


def timeline_text(index: SiteIndex, parts: TimelineParts | None = None, path: str = "timeline.md") -> str:
    """The text of the timeline page (or of another page :func:`emit_timeline` makes), made whether or
    not the memo held it."""
    data = emit_timeline(index, parts)[path]
    return (data.load() if isinstance(data, Unloaded) else data).decode("utf-8")


def timeline_pages(index: SiteIndex, parts: TimelineParts | None = None) -> dict[str, str]:
    return {path: (data.load() if isinstance(data, Unloaded) else data).decode("utf-8")
            for path, data in emit_timeline(index, parts).items()}


def topic_section(index: SiteIndex, topic_id: str, page: str) -> str:
    return "".join(piece if isinstance(piece, str) else piece.data.decode("utf-8")
                   for piece in topic_timeline_section(index, topic_id, page))


def _section(page: str, heading: str) -> str:
    start = page.index(heading)
    end = page.find("\n## ", start + len(heading))
    return page[start:] if end < 0 else page[start:end]


def _items(text: str) -> list[str]:
    return [line for line in text.splitlines() if line.startswith("- **")]


def _svgs(text: str) -> list[str]:
    return re.findall(r"<svg\b.*?</svg>", text, flags=re.S)


def test_precision_is_shown_exactly() -> None:
    assert date_label(PartialDate(2024)) == "2024 (year only)"
    assert date_label(PartialDate(2025, 11)) == "November 2025 (month)"
    assert date_label(PartialDate(2025, 11, 13)) == "13 November 2025 (day)"


def test_all_entries_newest_first_with_precision_and_kind(page: str) -> None:
    items = _items(_section(page, NEWEST))
    heads = [" · ".join(item.split(" · ")[:2]) for item in items]
    assert heads == [
        "- **13 November 2025 (day)** · Source published",
        "- **November 2025 (month)** · Event",
        "- **February 2024 (month)** · Event",
        "- **2024 (year only)** · Event",           # same date: the event before the publication
        "- **2024 (year only)** · Source published",
    ]


def test_event_line_links_measure_briefing_and_cited_paragraphs(page: str) -> None:
    items = _items(_section(page, NEWEST))
    assert items[3] == (
        "- **2024 (year only)** · Event · Registration ordered · "
        "Measure: [VPN registration requirement](entities/vpn-registration.md) → *in force* · "
        "Briefing: [VPN briefing](briefings/vpn.md#event-1) · "
        'Sources: [Alpha News ¶2](sources/alpha-news.md#p2 "Alpha News, 13 November 2025, paragraph 2")')
    assert items[1].endswith(
        'Sources: [Alpha News ¶1](sources/alpha-news.md#p1 "Alpha News, 13 November 2025, paragraph 1"), '
        '[¶3](sources/alpha-news.md#p3 "Alpha News, 13 November 2025, paragraph 3")')
    # A citation of a whole source links to its page, without an anchor.
    assert items[2].endswith('Sources: [Beta Wire](sources/beta-wire.md "Beta Wire, 2024")')


def test_publication_links_to_the_source_page(page: str) -> None:
    items = _items(_section(page, NEWEST))
    assert items[4] == ("- **2024 (year only)** · Source published · "
                        "[Beta Wire publishes “Industry warns about blocking”](sources/beta-wire.md)")


def test_by_topic_links_lead_to_each_topic_pages_timeline(page: str, index: SiteIndex) -> None:
    n_controls = len(index.events.by_topic["controls"])
    n_vpn = len(index.events.by_topic["vpn"])
    assert (n_controls, n_vpn) == (3, 4)
    assert ("[Newest entries](#newest-entries) · [Archive by month](#archive-by-month)\n\n"
            "**By topic** (each topic page's timeline): "
            f"[Internet controls](topics/controls.md#timeline) ({n_controls}) · [VPN rules](topics/vpn.md#timeline) ({n_vpn})\n"
            "{: #by-topic }\n") in page
    assert "Empty topic" not in page and "## VPN rules" not in page and "## Internet controls" not in page


def test_every_same_page_link_has_a_target_once_rendered(page: str) -> None:
    html = render_markdown(page.split("---\n", 2)[2])
    ids = set(re.findall(r'\sid="([^"]+)"', html))
    targets = set(re.findall(r'href="#([^"]+)"', html))
    assert targets == {"timeline", "newest-entries", "archive-by-month"}  # the first, the title's permalink
    assert targets <= ids


def test_svg_one_marker_per_entry_accessible_and_inert(page: str, index: SiteIndex) -> None:
    (svg,) = _svgs(page)
    assert 'role="img"' in svg and 'viewBox="0 0 ' in svg and 'width="100%"' in svg
    assert '<title id="timeline-all-title">' in svg and '<desc id="timeline-all-desc">' in svg
    assert 'aria-labelledby="timeline-all-title"' in svg
    assert svg.count('<g class="dpb-marker ') == len(index.events.timeline) == 5
    assert svg.count('class="dpb-marker dpb-event') == 3
    assert svg.count("dpb-precision-year") == 2 and svg.count("dpb-precision-month") == 2
    assert svg.count("<circle") == 1  # the one entry known to the day
    assert "<script" not in svg and "http" not in svg and "<a " not in svg and "href" not in svg
    assert "#000" not in svg and "#fff" not in svg and "black" not in svg and "white" not in svg


def test_svg_is_one_raw_html_block_that_markdown_keeps(page: str) -> None:
    start = page.index("<figure")
    end = page.index("</figure>") + len("</figure>")
    assert page[start - 2:start] == "\n\n" and page[end:end + 2] == "\n\n"
    assert "\n\n" not in page[start:end]
    html = render_markdown(page.split("---\n", 2)[2])
    assert _svgs(html) == _svgs(page)


def test_title_with_script_is_escaped_everywhere(page: str, index: SiteIndex) -> None:
    section = topic_section(index, "vpn", "topics/vpn.md")
    for text in (page, section):
        assert "<script" not in text
        assert "&lt;script&gt;alert(1)&lt;/script&gt;" in text


def test_topic_section_for_a_topic_page(index: SiteIndex) -> None:
    section = topic_section(index, "vpn", "topics/vpn.md")
    assert section.startswith('<div class="dpb-unsearched" data-pagefind-ignore="all" markdown>\n\n## Timeline { data-search-exclude }\n\n')
    (svg,) = _svgs(section)
    assert svg.count('<g class="dpb-marker ') == len(index.events.by_topic["vpn"])
    heads = [" · ".join(i.split(" · ")[:3]) for i in _items(section)]
    assert heads == [
        "- **13 November 2025 (day)** · Source published · [Alpha News publishes “Regulator &lt;script&gt;alert(1)&lt;/script&gt; licenses VPN firms”](../sources/alpha-news.md)",
        "- **November 2025 (month)** · Event · Licensing begins &lt;script&gt;alert(1)&lt;/script&gt;",
        "- **2024 (year only)** · Event · Registration ordered",
        "- **2024 (year only)** · Source published · [Beta Wire publishes “Industry warns about blocking”](../sources/beta-wire.md)",
    ]
    assert "(../entities/vpn-registration.md)" in section and "(../sources/alpha-news.md#p2 " in section
    assert section.rstrip().endswith("[Every dated entry, by month →](../timeline.md#archive-by-month)\n\n</div>")
    assert topic_timeline_section(index, "empty", "topics/empty.md") == []
    assert topic_timeline_section(index, "no-such-topic", "topics/x.md") == []


def test_caps_keep_the_newest_and_say_so(index: SiteIndex, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(timeline_page, "NEWEST_LIMIT", 2)
    monkeypatch.setattr(timeline_page, "TOPIC_LIMIT", 1)
    monkeypatch.setattr(timeline_page, "SVG_LIMIT", 3)
    page = timeline_text(index)
    newest = _section(page, NEWEST)
    assert [i.split(" · ")[0] for i in _items(newest)] == ["- **13 November 2025 (day)**", "- **November 2025 (month)**"]
    assert "The newest 2 of 5, newest first; the archive by month lists every entry.\n\n- **13 November" in newest
    section = topic_section(index, "vpn", "topics/vpn.md")
    assert len(_items(section)) == 1
    assert "\n…and 3 older entries, listed in the [archive by month](../timeline.md#archive-by-month).\n" in section
    (svg,) = _svgs(page)
    assert svg.count('<g class="dpb-marker ') == 3
    assert "Showing the newest 3 of 5 entries." in page


def test_output_is_deterministic(index: SiteIndex) -> None:
    assert emit_timeline(index) == emit_timeline(small_index())


def test_real_repository_timeline() -> None:
    index, problems = build_index(ProjectPaths(REPO))
    assert index is not None, list(problems)
    page = timeline_text(index)
    timeline = index.events.timeline
    items = _items(_section(page, NEWEST))
    assert len(items) == min(len(timeline), timeline_page.NEWEST_LIMIT) > 0
    archived = [item for path, text in timeline_pages(index).items() if path != "timeline.md" for item in _items(text)]
    assert len(archived) == len(timeline)
    (svg,) = _svgs(page)
    assert svg.count('<g class="dpb-marker ') == min(len(timeline), timeline_page.SVG_LIMIT)
    assert "<script" not in page and "http" not in svg
    # Event citations are briefing citations, so every paragraph they name is anchored on its source page.
    for entry in timeline:
        for citation in entry.citations:
            for n in citation.paragraphs:
                assert f"(sources/{citation.source_id}.md#p{n} " in page


@pytest.mark.parametrize("tail", ["", "\n", "\n…and 3 older entries, not listed here.\n\n\n[Back](#top)"])
def test_a_section_in_pieces_reads_as_the_same_section_made_whole(tail: str) -> None:
    from build_tools.emit.markdown import unsearched_section
    from build_tools.emit.page_memo import Section

    lines = Section.holding(b"- one\n- two\n", frozenset())
    pieces = timeline_page._unsearched_pieces("Heading", ["Intro.\n\n", lines, tail], anchor="here")
    joined = "".join(piece if isinstance(piece, str) else piece.data.decode("utf-8") for piece in pieces)
    assert joined == unsearched_section("Heading", "Intro.\n\n- one\n- two\n" + tail, anchor="here")


def test_drawings_are_reused_from_the_memo_only_while_their_marks_are_the_same(index: SiteIndex) -> None:
    drawing = f"{timeline_page.DRAWINGS_PART}#timeline-all"
    first = PageMemo()
    page = timeline_text(index, TimelineParts(index, first))
    assert page == timeline_text(index)
    assert [path for path in first.kept if path.startswith(timeline_page.DRAWINGS_PART)] == [drawing]
    again = PageMemo(stored=dict(first.kept))
    assert timeline_text(index, TimelineParts(index, again)) == page
    assert again.kept[drawing] is first.kept[drawing]  # taken as stored
    # each of what a mark is made of: the title, each part of the date, the kind
    for change in ({"title": "Retitled"}, {"date": PartialDate(2025, 11, 14)}, {"date": PartialDate(2025, 10, 13)},
                   {"date": PartialDate(2024, 11, 13)}, {"kind": "event"}):
        edited = small_index()
        at = next(i for i, e in enumerate(edited.events.timeline) if e.date == PartialDate(2025, 11, 13))
        assert edited.events.timeline[at].kind == "publication"
        edited.events.timeline[at] = dataclasses.replace(edited.events.timeline[at], **change)
        changed = PageMemo(stored=dict(first.kept))
        drawn = timeline_text(edited, TimelineParts(edited, changed))
        assert changed.kept[drawing] is not first.kept[drawing] and changed.kept[drawing] != first.kept[drawing], change
        assert drawn == timeline_text(edited) and _svgs(drawn)[0] != _svgs(page)[0]


def test_the_lists_make_again_only_the_lines_of_entries_that_changed(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    index = small_index()
    first = PageMemo.open(tmp_path, "site")
    timeline_text(index, TimelineParts(index, first))
    first.save()
    lists = sorted(path for path in first.kept if f"#{timeline_page.LIST_PART}-" in path)
    assert lists == [f"timeline.md#{timeline_page.LIST_PART}-newest"]
    made: list[tuple[str, str]] = []
    real = timeline_page.entry_line
    monkeypatch.setattr(timeline_page, "entry_line", lambda entry, index, page: made.append((entry.title, page)) or real(entry, index, page))
    again = PageMemo.open(tmp_path, "site")
    assert timeline_text(index, TimelineParts(index, again)) == timeline_text(small_index())
    made.clear()
    again = PageMemo.open(tmp_path, "site")
    timeline_text(index, TimelineParts(index, again))  # the page made again from its lists as stored
    assert made == []
    edited = small_index()
    retitled = {id(e): dataclasses.replace(e, title="Registration ordered, retitled")
                for e in edited.events.timeline if e.title == "Registration ordered"}
    assert len(retitled) == 1
    edited.events.timeline = [retitled.get(id(e), e) for e in edited.events.timeline]
    edited.events.by_topic = {topic: [retitled.get(id(e), e) for e in entries] for topic, entries in edited.events.by_topic.items()}
    text = timeline_text(edited, TimelineParts(edited, PageMemo.open(tmp_path, "site")))
    # its line under "Newest entries", and its archive page (2024, where it is dated), made again whole
    assert made == [("Registration ordered, retitled", "timeline.md"), ("Registration ordered, retitled", "timeline/2024/index.md"),
                    ("Beta Wire publishes “Industry warns about blocking”", "timeline/2024/index.md")]
    made.clear()
    assert text == timeline_text(edited) and "Registration ordered, retitled" in text


def test_the_archive_lists_every_entry_on_the_page_of_its_month(page: str, index: SiteIndex) -> None:
    assert page.endswith(
        '<div class="dpb-unsearched" data-pagefind-ignore="all" markdown>\n\n'
        "## Archive by month { #archive-by-month data-search-exclude }\n\n"
        "- **[2025](timeline/2025/index.md)** (2 entries): [November](timeline/2025/11/index.md) (2)\n"
        "- **[2024](timeline/2024/index.md)** (3 entries): [February](timeline/2024/02/index.md) (1)\n\n</div>\n\n")
    pages = timeline_pages(index)
    assert pages["timeline/2025/11/index.md"] == (
        '---\ntitle: "Timeline: November 2025"\nsearch: {"exclude": true}\n---\n\n# Timeline: November 2025\n\n'
        "[Timeline](../../../timeline.md) › [2025](../index.md) · Older: [February 2024](../../2024/02/index.md) →\n\n"
        "2 entries dated November 2025, newest first.\n\n"
        '<div class="dpb-unsearched" data-pagefind-ignore="all" markdown>\n\n'
        "- **13 November 2025 (day)** · Source published · [Alpha News publishes “Regulator &lt;script&gt;alert(1)&lt;/script&gt; "
        "licenses VPN firms”](../../../sources/alpha-news.md)\n"
        "- **November 2025 (month)** · Event · Licensing begins &lt;script&gt;alert(1)&lt;/script&gt; · "
        "Briefing: [VPN briefing](../../../briefings/vpn.md#event-2) · "
        'Sources: [Alpha News ¶1](../../../sources/alpha-news.md#p1 "Alpha News, 13 November 2025, paragraph 1"), '
        '[¶3](../../../sources/alpha-news.md#p3 "Alpha News, 13 November 2025, paragraph 3")\n\n</div>\n\n')
    year = pages["timeline/2024/index.md"]
    assert year.startswith(
        '---\ntitle: "Timeline: 2024"\nsearch: {"exclude": true}\n---\n\n# Timeline: 2024\n\n'
        "[Timeline](../../timeline.md) · ← Newer: [2025](../2025/index.md)\n\n"
        "## By month\n\n- [February 2024](02/index.md)\n\n"
        "## Dated only to the year\n\n2 entries whose date gives the year but not the month.\n\n")
    assert [item.split(" · ")[2] for item in _items(year)] == [
        "Registration ordered", "[Beta Wire publishes “Industry warns about blocking”](../../sources/beta-wire.md)"]
    assert _items(pages["timeline/2025/index.md"]) == []


def _spread_index(extra: list[Article] = []) -> SiteIndex:
    articles = [_article(f"m{month:02d}-d{day:02d}", PartialDate(2024, month, day), "Wire", f"Story {month}-{day}", ["Text."])
                for month in range(1, 13) for day in range(1, 29)]
    index, problems = build_site_index(Corpus(articles=articles + extra, briefings=[], registry=Registry(entities={}, topics={})))
    assert not problems, list(problems)
    return index


ADDED = _article("added", PartialDate(2024, 6, 30), "Wire", "Added story", ["Text."])


def test_an_added_source_changes_the_timeline_and_its_month_only() -> None:
    """The timeline page listed the newest 500 entries and no others: every added source changed it whole."""
    before = timeline_pages(_spread_index())
    after = timeline_pages(_spread_index([ADDED]))
    assert set(before) == set(after) and len(after) == 1 + 12 + 1
    assert sorted(p for p in after if before[p] != after[p]) == ["timeline.md", "timeline/2024/06/index.md"]
    assert ("- **30 June 2024 (day)** · Source published · [Wire publishes “Added story”](../../../sources/added.md)\n"
            in after["timeline/2024/06/index.md"])
    assert "- **[2024](timeline/2024/index.md)** (337 entries): " in after["timeline.md"]
    assert "[June](timeline/2024/06/index.md) (29)" in after["timeline.md"]


def test_with_the_memo_an_added_source_makes_only_its_months_page_again(tmp_path: Path) -> None:
    first = PageMemo.open(tmp_path, "site")
    emit_timeline(_spread_index(), TimelineParts(_spread_index(), first))
    first.save()
    grown = _spread_index([ADDED])
    again = PageMemo.open(tmp_path, "site")
    pages = emit_timeline(grown, TimelineParts(grown, again))
    assert sorted(path for path, data in pages.items() if not isinstance(data, Unloaded)) == [
        "timeline.md", "timeline/2024/06/index.md"]
    assert {path: (data.load() if isinstance(data, Unloaded) else data).decode("utf-8") for path, data in pages.items()} \
        == timeline_pages(grown)
