"""Citation marks are recognised once, by the parser; what it found is what the page renders."""
from __future__ import annotations

import html
import re
from dataclasses import replace
from pathlib import Path

import pytest
from click.testing import CliRunner
from hypothesis import HealthCheck, assume, given, settings, strategies as st

from build_tools.cli import main
from build_tools.emit import paths
from build_tools.emit.briefing_page import render_block
from build_tools.emit.citations import render_mark
from build_tools.errors import Problems
from build_tools.index.entities import build_mention_index
from build_tools.index.site import SiteIndex
from build_tools.model import Briefing, Citation, CitationMark, Entity, PartialDate, Registry, remove_marks
from build_tools.parse.briefings import body_blocks, load_briefing
from build_tools.parse.citations import misformed_marks
from build_tools.pipeline import ProjectPaths, build_index
from html_pages import render_markdown
from test_bad_input import tags_of


def blocks_of(body: str, first_line: int = 10):
    problems = Problems()
    return body_blocks(body, first_line, "briefings/t.md", problems), [str(p) for p in problems]


# --- parse: where the marks are ------------------------------------------------------------------

def test_marks_keep_their_offsets_and_citations() -> None:
    text = "PTA licensed providers [@a:3-4, 7; @b:2] and P@SHA objected [@c]."
    (block,), problems = blocks_of(text)
    assert problems == []
    first, second = block.marks
    assert text[first.start:first.end] == "[@a:3-4, 7; @b:2]"
    assert text[second.start:second.end] == "[@c]"
    assert first.citations == (Citation("a", (3, 4, 7), "briefings/t.md", 10), Citation("b", (2,), "briefings/t.md", 10))
    assert block.citations == [*first.citations, *second.citations]


def test_a_mark_on_a_later_line_of_a_block_reports_that_line() -> None:
    (block,), problems = blocks_of("First line [@a:1],\nsecond line [@a:0].")
    assert problems == ["briefings/t.md:11: the citation of 'a' names paragraph 0; paragraphs are numbered from 1"]
    assert [m.citations for m in block.marks] == [(Citation("a", (1,), "briefings/t.md", 10),)]


def test_a_mark_inside_a_code_span_is_text() -> None:
    text = "Cite a paragraph by writing `[@source-id:3]`; `[@Not An Id]` is fine in code too [@a:2]."
    (block,), problems = blocks_of(text)
    assert problems == []
    (mark,) = block.marks
    assert text[mark.start:mark.end] == "[@a:2]"
    assert block.citations == [Citation("a", (2,), "briefings/t.md", 10)]


def test_a_paragraph_whose_only_mark_is_in_code_cites_nothing(project: Path) -> None:
    path = project / "briefings" / "t.md"
    path.write_text('---\ntitle: "T"\ndate: 2025-11-22\nsummary: "S."\ntopics: [vpn-regulation]\n'
                    'sources: [arabnews-vpn-licensing]\nkey_points:\n  - "One."\n---\n\n'
                    "Write `[@arabnews-vpn-licensing:1]` to cite.\n", "utf-8")
    problems = Problems()
    assert load_briefing(path, problems) is None
    assert [p.message for p in problems] == [
        "this paragraph cites no source; add a citation such as [@source-id:3] at its end"]


def test_an_unreadable_mark_is_reported_once() -> None:
    (block,), problems = blocks_of("Text [@Bad_Id:1].")
    assert block.marks == ()
    assert problems == ["briefings/t.md:10: 'Bad_Id' is not a source id; ids use only lower-case letters, digits and hyphens"]


def test_handles_and_code_are_not_taken_for_misformed_citations() -> None:
    text = "PTA (@PTAofficial) and (@pta) said so; write `(@a:1)` or `[a:1]` [@a:1]. (@a:2) [b-c:3]"
    assert [m.group() for m in misformed_marks(text)] == ["(@a:2)", "[b-c:3]"]


def test_marks_are_not_read_in_code_blocks() -> None:
    blocks, problems = blocks_of("```\nexample [@Bad Id] [@a:1]\n```")
    assert problems == [] and [b.marks for b in blocks] == [()]


def test_a_block_opening_with_a_mark_and_a_colon_is_prose_not_a_reference_definition() -> None:
    blocks, problems = blocks_of("[@a:1]: the regulator said so.\n\n[the law [@a:2]: it says so.\n\n[ref]: https://pta.gov.pk")
    assert problems == []
    assert [(b.kind, b.citations) for b in blocks] == [("paragraph", [Citation("a", (1,), "briefings/t.md", 10)]),
                                                       ("paragraph", [Citation("a", (2,), "briefings/t.md", 12)]),
                                                       ("other", [])]


def test_remove_marks_cuts_the_marks_out_of_a_range() -> None:
    text = "One [@a:1] two [@b:2] three"
    marks = (CitationMark(4, 10, ()), CitationMark(15, 21, ()))
    assert remove_marks(text, marks) == "One  two  three"
    assert remove_marks(text, marks, 5, 17) == " two "
    assert remove_marks(text, marks, 11, 27) == "two  three"


# --- index: mentions and quoted context go by the stored marks -----------------------------------

def test_no_mention_is_found_inside_a_mark() -> None:
    """The page cuts a block at its marks, so a mention must never overlap one: the index blanks them."""
    licensing = Entity("licensing", "licensing", "measure", "Lower-case name, as a source id might be.", "e.yml", 1)
    blocks, _ = blocks_of("The licensing rules [@licensing:1] changed, `licensing` aside [@licensing].")
    briefing = Briefing(id="b", path="briefings/t.md", title="B", date=PartialDate(2025), summary="S.", topics=[],
                        sources=["licensing"], key_points=[], blocks=blocks)
    index = build_mention_index([], [briefing], Registry(entities={"licensing": licensing}))
    assert [(m.start, m.end) for m in index.on_page("briefing", "b")[0]] == [(4, 13)]


def test_quoted_context_drops_marks_but_keeps_a_mark_written_in_code(project: Path) -> None:
    briefing_body(project, "The PTA says: write `[@arabnews-vpn-licensing:3]` to cite a paragraph "
                           "[@arabnews-vpn-licensing:1] and more [@arabnews-vpn-licensing:2].\n")
    # the code span is quoted as its words (no backticks), the mark in it kept as text
    quoted = "“The PTA says: write \\[@arabnews-vpn-licensing:3\\] to cite a paragraph and more .”"
    source = (project / "generated/sources/arabnews-vpn-licensing.md").read_text("utf-8")
    assert [line for line in source.splitlines() if "t.md" in line] == [
        f"- [T](../briefings/t.md#b1) (cites ¶1): {quoted}", f"- [T](../briefings/t.md#b1) (cites ¶2): {quoted}"]
    entity = (project / "generated/entities/pta.md").read_text("utf-8")
    assert [line for line in entity.splitlines() if "t.md" in line] == [f"- [T](../briefings/t.md#b1): {quoted}"]


# --- emit: the page renders the marks the parser found ---------------------------------------------

FRONT = """---
title: "T"
date: 2025-11-22
summary: "A summary."
topics: [vpn-regulation]
sources: [arabnews-vpn-licensing, brecorder-pasha-vpn-blocking]
key_points:
  - "One point."
---

"""
A1 = '[\\[1 ¶1\\]](../sources/arabnews-vpn-licensing.md#p1 "Arab News, 13 November 2025, paragraph 1")'
A2 = '[\\[1 ¶2\\]](../sources/arabnews-vpn-licensing.md#p2 "Arab News, 13 November 2025, paragraph 2")'
B3 = ('[\\[2 ¶3\\]](../sources/brecorder-pasha-vpn-blocking.md#p3 '
      '"Business Recorder, 2024, paragraph 3")')


def briefing_body(project: Path, body: str) -> str:
    """The briefing section of the generated page for a briefing with this body."""
    (project / "briefings" / "t.md").write_text(FRONT + body, "utf-8")
    result = CliRunner().invoke(main, ["generate", "--root", str(project)])
    assert result.exit_code == 0, result.output
    page = (project / "generated" / "briefings" / "t.md").read_text("utf-8")
    return page.split("## The briefing\n\n", 1)[1].split("\n\n## ", 1)[0]


def test_a_mark_in_a_code_span_is_shown_as_written(project: Path) -> None:
    body = briefing_body(project, "Write `[@arabnews-vpn-licensing:3]` to cite a paragraph [@arabnews-vpn-licensing:1].\n")
    assert body == f"Write `[@arabnews-vpn-licensing:3]` to cite a paragraph {A1}.\n{{: #b1 }}"


def test_a_mark_in_a_code_span_that_is_not_a_citation_is_no_error(project: Path) -> None:
    body = briefing_body(project, "The syntax is `[@Source Id:x]`, see the guide [@arabnews-vpn-licensing:1].\n")
    assert body == f"The syntax is `[@Source Id:x]`, see the guide {A1}.\n{{: #b1 }}"


def test_marks_next_to_entity_mentions(project: Path) -> None:
    body = briefing_body(project, "The PTA[@arabnews-vpn-licensing:1] and [@arabnews-vpn-licensing:2]P@SHA disagree.\n")
    assert body == (f"The [PTA](../entities/pta.md){A1} and {A2}[P@SHA](../entities/pasha.md) disagree.\n{{: #b1 }}")


def test_a_mark_inside_emphasis(project: Path) -> None:
    """(One inside a link's text would be a link in a link, which Markdown shows as plain text: `briefing
    check` refuses it, see test_bad_input.)"""
    body = briefing_body(project, "*Licences were issued [@arabnews-vpn-licensing:1]* and "
                                  "[the notice](https://pta.gov.pk/notice) says so [@arabnews-vpn-licensing:2].\n")
    assert body == (f"*Licences were issued {A1}* and [the notice](https://pta.gov.pk/notice) says so {A2}.\n"
                    "{: #b1 }")


def test_several_marks_in_one_block_and_entity_links_once_per_page(project: Path) -> None:
    body = briefing_body(project, "- PTA licensed providers [@arabnews-vpn-licensing:1].\n"
                                  "- PTA had ordered registration [@arabnews-vpn-licensing:2; @brecorder-pasha-vpn-blocking:3].\n\n"
                                  "PTA said so [@arabnews-vpn-licensing:1].\n")
    assert body == ('<div class="dpb-block" id="b1" markdown>\n\n'
                    f"- [PTA](../entities/pta.md) licensed providers {A1}.\n"
                    f"- PTA had ordered registration {A2}{B3}.\n\n</div>\n\n"
                    f"PTA said so {A1}.\n{{: #b2 }}")


def test_html_and_unsafe_links_around_marks_are_neutralised(project: Path) -> None:
    body = briefing_body(project, "<b>Bold</b>[@arabnews-vpn-licensing:1]<script>alert(x)</script> "
                                  "![@arabnews-vpn-licensing:2] [@arabnews-vpn-licensing:1](javascript:alert(x)) "
                                  "[x](javascript:[@arabnews-vpn-licensing:2]) {: onclick=alert(x) }[@arabnews-vpn-licensing:1]\n"
                                  "[@arabnews-vpn-licensing:2]: javascript:alert(x)\n")
    assert body == (f"&lt;b>Bold&lt;/b>{A1}&lt;script>alert(x)&lt;/script> "
                    f"\\!{A2} {A1}(#)) "
                    f"[x](#{A2}) \\{{: onclick=alert(x) }}{A1}\n"
                    f"{A2}: #)\n{{: #b1 }}")
    html = render_markdown(body)
    tags = tags_of(html)
    assert {t for t, _ in tags} <= {"p", "a", "abbr"}, tags
    for tag, attrs in tags:
        for name, value in attrs:
            assert not name.lower().startswith("on"), (tag, name)
            assert not (value or "").lower().startswith(("javascript:", "data:")), (tag, name, value)



def test_a_colon_after_a_mark_is_prose_unless_the_mark_opens_a_line(project: Path) -> None:
    """'[@a:1]: x' at the start of a line reads like a reference definition, so its target is checked;
    in the middle of a line it is just a colon, and 'Update:' is not a link scheme."""
    body = briefing_body(project, "The regulator wrote [@arabnews-vpn-licensing:1]: Update: licences continue.\n"
                                  "  [@arabnews-vpn-licensing:2]: javascript:alert(x)\n")
    assert body == f"The regulator wrote {A1}: Update: licences continue.\n  {A2}: #)\n{{: #b1 }}"

def test_marks_in_a_table_are_citations(project: Path) -> None:
    body = briefing_body(project, "Intro [@arabnews-vpn-licensing:1].\n\n| Who | What |\n|---|---|\n"
                                  "| PTA | licences [@arabnews-vpn-licensing:2] |\n")
    assert body == (f"Intro {A1}.\n{{: #b1 }}\n\n"
                    f'<div class="dpb-block" id="b2" markdown>\n\n| Who | What |\n|---|---|\n| PTA | licences {A2} |\n\n</div>')
    (project / "briefings" / "t.md").write_text(FRONT + "Intro [@arabnews-vpn-licensing:1].\n\n| Who | What |\n"
                                                "|---|---|\n| PTA | licences [@nope:2] |\n", "utf-8")
    result = CliRunner().invoke(main, ["check", "--root", str(project)])
    assert result.exit_code == 1
    assert "briefings/t.md:15: cites source 'nope', which does not exist" in result.output


LANDING = FRONT.replace("key_points:", """claims:
  - claimant: pta
    claimant_type: regulator
    point: "Why license VPNs?"
    statement: "PTA says licensing VPNs streamlines lawful services."
    cite: "@arabnews-vpn-licensing:5"
events:
  - date: 2025-11
    title: "PTA begins licensing VPN providers."
    cite: "@arabnews-vpn-licensing:4"
  - date: 2024
    title: "PTA tells businesses to register their VPNs."
    cite: "@arabnews-vpn-licensing:2"
key_points:""") + """Intro [@arabnews-vpn-licensing:1].

- The Pakistan Telecommunication Authority licensed firms [@arabnews-vpn-licensing:6].
- More came later.

| Who | What |
|---|---|
| PTA | warned users [@arabnews-vpn-licensing:3] |

> The Pakistan Telecommunication Authority wrote to users [@arabnews-vpn-licensing:7].
"""


def test_links_to_a_list_a_table_a_quote_a_claim_and_an_event_land_on_them(project: Path) -> None:
    """They all led to the top of the briefing: only a paragraph had an id."""
    (project / "briefings" / "t.md").write_text(LANDING, "utf-8")
    result = CliRunner().invoke(main, ["generate", "--root", str(project)])
    assert result.exit_code == 0, result.output
    generated = project / "generated"
    source = (generated / "sources/arabnews-vpn-licensing.md").read_text("utf-8")
    assert [line.split(")", 1)[0] for line in source.splitlines() if line.startswith("- [T](")] == [
        "- [T](../briefings/t.md#b1", "- [T](../briefings/t.md#b2", "- [T](../briefings/t.md#b3",
        "- [T](../briefings/t.md#b4", "- [T](../briefings/t.md#claim-1", "- [T](../briefings/t.md#event-1",
        "- [T](../briefings/t.md#event-2"]
    pta = (generated / "entities/pta.md").read_text("utf-8")
    assert re.findall(r"\(\.\./briefings/t\.md(#[\w-]+)?\)", pta) == ["#claim-1", "#b2", "#b4"]
    timeline = (generated / "timeline.md").read_text("utf-8")
    assert sorted(re.findall(r"\(briefings/t\.md(#[\w-]+)?\)", timeline)) == ["#event-1", "#event-2"]
    html = render_markdown((generated / "briefings/t.md").read_text("utf-8"))
    ids = {anchor: tag for tag, anchor in re.findall(r'<(\w+) [^>]*id="(b\d+|claim-\d+|event-\d+)"', html)}
    assert ids == {"b1": "p", "b2": "div", "b3": "div", "b4": "div", "claim-1": "span", "event-1": "span",
                   "event-2": "span"}
    assert re.search(r'<div class="dpb-block" id="b2">\s*<ul>', html)
    assert re.search(r'<div class="dpb-block" id="b3">\s*<table>', html)
    assert re.search(r'<div class="dpb-block" id="b4">\s*<blockquote>', html)
    # the event rows are sorted by date, each keeping the id of its place in the front matter
    assert html.index('id="event-2"') < html.index('id="event-1"')


def test_marks_in_code_blocks_are_shown_as_written_and_comments_dropped(project: Path) -> None:
    body = briefing_body(project, "Intro [@arabnews-vpn-licensing:1].\n\n<!-- cite as [@source-id:3] -->\n\n"
                                  "```\n[@arabnews-vpn-licensing:1] [@Not An Id]\n```\n")
    assert body == (f"Intro {A1}.\n{{: #b1 }}\n\n"
                    "```\n[@arabnews-vpn-licensing:1] [@Not An Id]\n```")


# --- property: whatever surrounds them, marks render as citations and the block stays inert --------

MARKS = ["[@arabnews-vpn-licensing:1]", "[@arabnews-vpn-licensing:2; @brecorder-pasha-vpn-blocking:3]",
         "[@brecorder-pasha-vpn-blocking]"]
PIECES = st.sampled_from(["PTA", "P@SHA", "Pakistan", "the", " ", " ", "\n", "!", "<", "<b>", "{", "}", "(", ")", "](",
                          "[", "]", "]:", "javascript:", "JaVaScRiPt:", "data:", ":", "*", "_", "`", "&#106;", "\\", ".",
                          "http://x.org", "# ", "> ", "- ", "| ", *MARKS, *MARKS])
UNSAFE = ("javascript:", "vbscript:", "data:")


@pytest.fixture(scope="module")
def repo_index() -> SiteIndex:
    index, problems = build_index(ProjectPaths(Path(__file__).resolve().parents[1]))
    assert index is not None, list(problems)
    return index


@settings(max_examples=200, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(st.lists(PIECES, min_size=1, max_size=30))
def test_marks_render_in_order_and_the_block_stays_inert(repo_index: SiteIndex, pieces: list[str]) -> None:
    problems = Problems()
    blocks = body_blocks("".join(pieces).replace("\n\n", "\n"), 10, "briefings/fuzz.md", problems)
    assume(not problems and blocks)
    briefing = Briefing(id="fuzz", path="briefings/fuzz.md", title="F", date=PartialDate(2025), summary="S.", topics=[],
                        sources=["arabnews-vpn-licensing", "brecorder-pasha-vpn-blocking"], key_points=[], blocks=blocks)
    index = replace(repo_index, mentions=build_mention_index([], [briefing], repo_index.registry))
    page, linked = paths.briefing("fuzz"), set()
    for position, block in enumerate(blocks):
        out = render_block(block, position, page, briefing, index, linked)
        at = 0
        for mark in block.marks:
            rendered = render_mark(mark, page, briefing, index)
            at = out.index(rendered, at) + len(rendered)
        # the only HTML is the wrapper that gives a list, quote or table its id
        wrapper = re.fullmatch(rf'<div class="dpb-block" id="b{position + 1}" markdown>\n\n(.*)\n\n</div>', out, re.S)
        assert (wrapper is not None) == (block.kind in ("list", "quote", "table")), out
        assert not re.search(r"<(?=[A-Za-z!/?])", wrapper.group(1) if wrapper else out), out
        for tag, attrs in tags_of(render_markdown(out)):
            assert tag not in ("img", "script", "iframe"), out
            for name, value in attrs:
                assert not name.lower().startswith("on"), out
                assert not re.sub(r"[\x00-\x20]", "", html.unescape(value or "")).lower().startswith(UNSAFE), out


@pytest.mark.parametrize("body, expected", [
    ("<!-- a note\n\nover a blank line -->\n\nPara [@a:1].\n", [(14, "paragraph", "Para [@a:1].", 1)]),
    ("<!-- a note -->\nPara [@a:1].\n", [(11, "paragraph", "Para [@a:1].", 1)]),
    ("```\n<!-- in code\n```\n\nPara.\n", [(10, "other", "```\n<!-- in code\n```", 0), (14, "paragraph", "Para.", 0)]),
    ("Text <!-- in a line --> more [@a:2].\n", [(10, "paragraph", "Text  more [@a:2].", 1)]),
    # a comment ends where its first '-->' is, not at a later one that ends a line
    ("<!-- a --> Prose that matters [@a:1] <!-- b -->", [(10, "paragraph", " Prose that matters [@a:1] ", 1)]),
    ("<!-- a --> Said X. [@a:1]\nMore. <!-- b -->", [(10, "paragraph", " Said X. [@a:1]\nMore. ", 1)]),
    # a mark in a comment is no citation; a line holding only a comment ends the block
    ("Para [@a:1]\n<!-- TODO cite [@a:99] -->\nNext [@a:2]", [(10, "paragraph", "Para [@a:1]", 1),
                                                             (12, "paragraph", "Next [@a:2]", 1)]),
    # a comment opened after text and closed lines later does not split the paragraph it interrupts
    ("Said X <!-- check\nthe figure\nlater --> and Y [@a:1].\nMore.", [(10, "paragraph", "Said X \n and Y [@a:1].\nMore.", 1)]),
    ("Said X <!-- check\n\nlater -->\n\nNext [@a:2].", [(10, "paragraph", "Said X ", 0), (14, "paragraph", "Next [@a:2].", 1)]),
    ("Text <!-- a\nb --> <!-- c\nd -->\nNext [@a:2].", [(10, "paragraph", "Text \nNext [@a:2].", 1)]),
    # ... but a heading is one line: the comment's lines end it, and the paragraph after is its own
    ("## Heading <!-- n\nm -->\nPara [@a:1].", [(10, "heading", "## Heading ", 0), (12, "paragraph", "Para [@a:1].", 1)]),
    # '<!--' in a code span is text, and opens nothing
    ("Use `<!--` to open a comment [@a:1].\n\nSecond [@a:2].", [(10, "paragraph", "Use `<!--` to open a comment [@a:1].", 1),
                                                                (12, "paragraph", "Second [@a:2].", 1)]),
])
def test_comments_are_notes_and_dropped(body: str, expected: list) -> None:
    problems = Problems()
    blocks = body_blocks(body, 10, "b.md", problems)
    assert [(b.line, b.kind, b.text, len(b.marks)) for b in blocks] == expected
    assert problems.items == []


def test_lines_after_a_comment_left_out_mid_paragraph_keep_their_file_line() -> None:
    problems = Problems()
    [block] = body_blocks("Said X <!-- check\nthe figure\nlater --> and Y [@a:1].\nMore [@bad syntax here].", 10,
                          "b.md", problems)
    assert (block.text, block.line_numbers, block.marks[0].citations[0].line) == (
        "Said X \n and Y [@a:1].\nMore [@bad syntax here].", (10, 12, 13), 12)
    assert [str(p) for p in problems.items] == [
        "b.md:13: the citation 'bad syntax here' is not in the form @source-id:paragraph (e.g. @arabnews-vpn-licensing:3-4)"]


def test_a_comment_never_closed_is_reported_where_it_opens() -> None:
    problems = Problems()
    body_blocks("Para [@a:1].\n\n<!-- never closed\n\nMore.\n", 10, "b.md", problems)
    assert [str(p) for p in problems.items] == [
        "b.md:12: this comment ('<!--') is never closed; end it with '-->' or delete it"]


def test_numbers_in_a_table_are_checked_row_by_row(project: Path) -> None:
    """Each row against what it cites (its own marks, else the table's); the header row is not checked."""
    (project / "briefings" / "t.md").write_text(
        FRONT + "Intro [@arabnews-vpn-licensing:1].\n\n"
        "| Item (2019 figures) | Value |\n|---|---|\n"
        "| IT export growth | 30 percent [@brecorder-pasha-vpn-blocking:8] |\n"
        "| IT export growth | 31 percent [@brecorder-pasha-vpn-blocking:8] |\n"
        "| Cited by the table | 45 percent |\n", "utf-8")
    result = CliRunner().invoke(main, ["check", "--root", str(project)])
    assert result.exit_code == 1
    problems = [line for line in result.output.splitlines() if "does not appear" in line]
    assert problems == [
        "briefings/t.md:16: the number '31 percent' does not appear in the paragraphs cited here "
        "(brecorder-pasha-vpn-blocking ¶8); cite the paragraph that states it, or correct the number",
        "briefings/t.md:17: the number '45 percent' does not appear in the paragraphs cited here "
        "(brecorder-pasha-vpn-blocking ¶8); cite the paragraph that states it, or correct the number",
    ]
