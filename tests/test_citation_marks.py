"""Citation marks are recognised once, by the parser; what it found is what the page renders."""
from __future__ import annotations

from pathlib import Path

from build_tools.errors import Problems
from build_tools.model import Citation, CitationMark, remove_marks
from build_tools.parse.briefings import body_blocks, load_briefing


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


def test_marks_are_not_read_in_code_blocks() -> None:
    blocks, problems = blocks_of("```\nexample [@Bad Id] [@a:1]\n```")
    assert problems == [] and [b.marks for b in blocks] == [()]


def test_remove_marks_cuts_the_marks_out_of_a_range() -> None:
    text = "One [@a:1] two [@b:2] three"
    marks = (CitationMark(4, 10, ()), CitationMark(15, 21, ()))
    assert remove_marks(text, marks) == "One  two  three"
    assert remove_marks(text, marks, 5, 17) == " two "
    assert remove_marks(text, marks, 11, 27) == "two  three"
