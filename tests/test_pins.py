"""Pinned paragraphs: `briefing pin` writes content/pinned-paragraphs.yml; a cited paragraph whose text
moved or changed since stops `briefing check` and the build at the citation.

The tests add a source and a briefing of their own to a copy of the project, so the expected lines do
not depend on how the real sources are split into paragraphs.
"""
from __future__ import annotations

import hashlib
import re
from pathlib import Path

import pytest
from click.testing import CliRunner

from build_tools.cli import main
from build_tools.errors import BuildFailed
from build_tools.pipeline import ProjectPaths, generate

PINS = "content/pinned-paragraphs.yml"
SOURCE = "content/sources/pin-test-source.md"
BRIEFING = "briefings/pin-test.md"
REPO = Path(__file__).resolve().parents[1]

PARAGRAPHS = [f"Paragraph {n} of the pin test source, on the licensing of virtual private networks." for n in range(1, 6)]
SOURCE_HEAD = "---\nid: pin-test-source\ntitle: A source for the pin tests\ndate: '2025-11'\npublisher: Test Wire\n---\n"

BRIEFING_TEXT = """---
title: A briefing for the pin tests
date: 2025-11-24
summary: What the pin test briefing is about.
topics: [vpn-regulation]
sources: [pin-test-source]
key_points:
  - One takeaway.
---
The first paragraph cites the first paragraph [@pin-test-source:1].

The second paragraph cites more of them [@pin-test-source:2-3].
"""


def run(*args: str):
    return CliRunner().invoke(main, list(args))


def write_source(project: Path, paragraphs: list[str]) -> None:
    (project / SOURCE).write_text(SOURCE_HEAD + "\n\n".join(paragraphs) + "\n", "utf-8")


def digest(text: str) -> str:
    return hashlib.sha256(" ".join(text.split()).encode("utf-8")).hexdigest()[:12]


def own_pins(project: Path) -> list[str]:
    return [line for line in (project / PINS).read_text("utf-8").splitlines() if "pin-test-source" in line]


def line_of(project: Path, rel: str, needle: str) -> int:
    text = (project / rel).read_text("utf-8")
    return text[: text.index(needle)].count("\n") + 1


@pytest.fixture
def pinned(project: Path) -> Path:
    write_source(project, PARAGRAPHS)
    (project / BRIEFING).write_text(BRIEFING_TEXT, "utf-8")
    result = run("pin", "--root", str(project))
    assert result.exit_code == 0, result.output
    return project


def test_pin_writes_one_line_per_cited_paragraph(pinned: Path) -> None:
    assert own_pins(pinned) == [
        f"- {{source: pin-test-source, paragraph: {n}, digest: {digest(PARAGRAPHS[n - 1])}, starts: 'Paragraph {n} of the pin "
        "test source, on…'}" for n in (1, 2, 3)]
    text = (pinned / PINS).read_text("utf-8")
    assert text.startswith("# Pinned paragraphs: the text of every source paragraph that a briefing or content/registry/figures.yml\n")
    entries = [line for line in text.splitlines() if line.startswith("- ")]
    assert entries == sorted(entries, key=lambda line: (line.split(",")[0], int(line.split(",")[1].split(":")[1])))


def test_pin_reports_what_it_did_and_is_idempotent(pinned: Path) -> None:
    before = (pinned / PINS).read_bytes()
    result = run("pin", "--root", str(pinned))
    assert result.exit_code == 0
    count = len([line for line in before.decode().splitlines() if line.startswith("- ")])
    assert result.output == f"{PINS}: all {count} cited paragraphs were already pinned; nothing written.\n"
    assert (pinned / PINS).read_bytes() == before


def test_clean_pinned_project_checks_and_builds(pinned: Path) -> None:
    result = run("check", "--require-pins", "--root", str(pinned))
    assert result.exit_code == 0, result.output
    assert result.output.startswith("All good: ")
    assert "not pinned" not in result.output


def test_moved_paragraph_is_reported_at_each_citation_with_where_it_went(pinned: Path) -> None:
    write_source(pinned, ["A new first paragraph, inserted when the page was saved again."] + PARAGRAPHS)
    result = run("check", "--root", str(pinned))
    assert result.exit_code == 1
    first = line_of(pinned, BRIEFING, "[@pin-test-source:1]")
    second = line_of(pinned, BRIEFING, "[@pin-test-source:2-3]")
    moved = ("cites paragraph {n} of source 'pin-test-source', but the text pinned for it (“Paragraph {n} of the pin test "
             "source, on…”) is now paragraph {m}: the source file, or the way it is read, changed. Cite {m} instead "
             "of {n} here; if paragraph {n} is the one meant, run `briefing pin` to pin its new text")
    assert result.output.splitlines() == [
        f"{BRIEFING}:{first}: " + moved.format(n=1, m=2),
        f"{BRIEFING}:{second}: " + moved.format(n=2, m=3),
        f"{BRIEFING}:{second}: " + moved.format(n=3, m=4),
        "3 problems found; fix them and run again.",
    ]
    with pytest.raises(BuildFailed) as failed:  # the build (and so `mkdocs build`) stops too
        generate(ProjectPaths(pinned))
    assert [str(p) for p in failed.value.problems][0] == f"{BRIEFING}:{first}: " + moved.format(n=1, m=2)


def test_changed_paragraph_is_reported_with_old_and_new_opening(pinned: Path) -> None:
    changed = list(PARAGRAPHS)
    changed[1] = "The regulator now says something else entirely about the licences."
    write_source(pinned, changed)
    result = run("check", "--root", str(pinned))
    line = line_of(pinned, BRIEFING, "[@pin-test-source:2-3]")
    assert result.exit_code == 1
    assert result.output.splitlines() == [
        f"{BRIEFING}:{line}: cites paragraph 2 of source 'pin-test-source', whose text changed since it was pinned: it "
        "began “Paragraph 2 of the pin test source, on…” and now begins “The regulator now says something else "
        "entirely about…”. Check that the citation still fits, then run `briefing pin` to pin the new text",
        "1 problem found; fix it and run again.",
    ]
    result = run("pin", "--root", str(pinned))
    assert result.exit_code == 0
    assert result.output.splitlines()[1:] == [
        "  paragraph 2 of 'pin-test-source' was “Paragraph 2 of the pin test source, on…”, is now “The regulator "
        "now says something else entirely about…”"]
    assert re.fullmatch(rf"{PINS}: \d+ cited paragraphs pinned \(0 new, 1 with new text, 0 no longer cited dropped\)\.",
                        result.output.splitlines()[0])
    assert run("check", "--root", str(pinned)).exit_code == 0


def test_spacing_and_line_breaks_alone_do_not_unpin(pinned: Path) -> None:
    rewrapped = [p.replace(" of the ", "\nof  the ") for p in PARAGRAPHS]
    write_source(pinned, rewrapped)
    result = run("check", "--require-pins", "--root", str(pinned))
    assert result.exit_code == 0, result.output


def test_unpinned_citations_are_a_note_or_with_require_pins_a_problem(pinned: Path) -> None:
    line = line_of(pinned, BRIEFING, "[@pin-test-source:2-3]")
    text = (pinned / BRIEFING).read_text("utf-8").replace("[@pin-test-source:2-3]", "[@pin-test-source:2-5]")
    (pinned / BRIEFING).write_text(text, "utf-8")
    result = run("check", "--root", str(pinned))
    assert result.exit_code == 0
    assert result.output.splitlines()[1] == (
        "Note: 2 cited paragraphs are not pinned yet; run `briefing pin` before you commit, so that a change to a "
        "source file or to the way it is read cannot move their citations silently.")
    result = run("check", "--require-pins", "--root", str(pinned))
    assert result.exit_code == 1
    assert result.output.splitlines() == [
        f"{BRIEFING}:{line}: cites paragraph {n} of source 'pin-test-source', which is not pinned; run `briefing pin`, or "
        f"add this line to content/pinned-paragraphs.yml: - {{source: pin-test-source, paragraph: {n}, digest: "
        f"{digest(PARAGRAPHS[n - 1])}, starts: 'Paragraph {n} of the pin test source, on…'}}" for n in (4, 5)
    ] + ["2 problems found; fix them and run again."]
    # the line given is the one `briefing pin` writes: pasted in, it pins the paragraph
    (pinned / PINS).write_text((pinned / PINS).read_text("utf-8") + "".join(
        out.split("content/pinned-paragraphs.yml: ", 1)[1] + "\n" for out in result.output.splitlines()[:2]), "utf-8")
    assert run("check", "--require-pins", "--root", str(pinned)).exit_code == 0


def test_pins_no_longer_cited_are_dropped(pinned: Path) -> None:
    text = (pinned / BRIEFING).read_text("utf-8").replace("[@pin-test-source:2-3]", "[@pin-test-source:2]")
    (pinned / BRIEFING).write_text(text, "utf-8")
    result = run("pin", "--root", str(pinned))
    assert re.fullmatch(rf"{PINS}: \d+ cited paragraphs pinned \(0 new, 0 with new text, 1 no longer cited dropped\)\.\n",
                        result.output)
    assert [line.split(",")[1] for line in own_pins(pinned)] == [" paragraph: 1", " paragraph: 2"]


def test_curated_figures_citations_are_pinned_and_checked(pinned: Path) -> None:
    figures = pinned / "content/registry/figures.yml"
    figures.write_text(figures.read_text("utf-8") + """
- id: pin-test-figure
  label: A figure for the pin tests
  unit: count
  description: Checks that a curated figure's paragraph is pinned.
  figures:
    - value: 5
      text: Paragraph 5
      period: "2025"
      date: 2025-11
      cite: "@pin-test-source:5"
""", "utf-8")
    assert run("pin", "--root", str(pinned)).exit_code == 0
    assert own_pins(pinned)[-1].startswith("- {source: pin-test-source, paragraph: 5, ")
    write_source(pinned, PARAGRAPHS[:4] + ["Paragraph 5 says another thing now."])
    line = line_of(pinned, "content/registry/figures.yml", 'cite: "@pin-test-source:5"') - 4  # the figure's '- value:' line
    result = run("check", "--root", str(pinned))
    assert result.exit_code == 1
    assert result.output.splitlines()[0] == (
        f"content/registry/figures.yml:{line}: cites paragraph 5 of source 'pin-test-source', whose text changed since it "
        "was pinned: it began “Paragraph 5 of the pin test source, on…” and now begins “Paragraph 5 says another "
        "thing now.”. Check that the citation still fits, then run `briefing pin` to pin the new text")


def test_pin_writes_nothing_while_the_corpus_has_problems(pinned: Path) -> None:
    before = (pinned / PINS).read_bytes()
    text = (pinned / BRIEFING).read_text("utf-8").replace("[@pin-test-source:1]", "[@pin-test-source:1] [@pin-test-source:4]")
    (pinned / BRIEFING).write_text(text.replace("topics: [vpn-regulation]", "topics: [no-such-topic]"), "utf-8")
    result = run("pin", "--root", str(pinned))
    assert result.exit_code == 1
    assert result.output.splitlines()[-1] == ("Nothing was pinned: pins record citations that check out, so fix the "
                                              "problems above first.")
    assert "topic 'no-such-topic' is not in content/registry/topics.yml" in result.output
    assert (pinned / PINS).read_bytes() == before


@pytest.mark.parametrize("content, line, message", [
    ("- {source: pin-test-source, paragraph: 1, digest: 0123456789ab, starts: A}\n<<<<<<< HEAD\n", 6,
     "the file holds a merge-conflict marker; keep both sides' lines (remove the markers), or delete the file and run "
     "`briefing pin` to write it anew from the current citations"),
    ("- {source: pin-test-source, paragraph: 1, digest: 0123456789AB, starts: A}\n", 5,
     "'digest' of pinned paragraph 'pin-test-source' is '0123456789AB', which is not in the expected form"),
    ("- {source: pin-test-source, paragraph: 0, digest: 0123456789ab, starts: A}\n", 5,
     "'paragraph' of pinned paragraph 'pin-test-source' is not valid (Input should be greater than or equal to 1)"),
    ("- {source: pin-test-source, paragraph: 1, digest: 0123456789ab, starts: A}\n"
     "- {source: pin-test-source, paragraph: 1, digest: 0123456789ab, starts: A}\n", 6,
     "paragraph 1 of source 'pin-test-source' is pinned twice (first at line 5); keep one line"),
    ("source: pin-test-source\n", 1, "pinned-paragraphs.yml must be a list of pinned paragraphs"),
])
def test_problems_of_the_pins_file_have_their_line(project: Path, content: str, line: int, message: str) -> None:
    write_source(project, PARAGRAPHS)
    (project / BRIEFING).write_text(BRIEFING_TEXT, "utf-8")
    (project / PINS).write_text("# header\n# header\n# header\n# header\n" + content, "utf-8")
    result = run("check", "--root", str(project))
    assert result.exit_code == 1
    [found] = [out for out in result.output.splitlines() if out.startswith(PINS)]
    assert found.startswith(f"{PINS}:{line}: {message}"), found
    before = (project / PINS).read_bytes()
    assert run("pin", "--root", str(project)).exit_code == 1  # a broken file is not overwritten
    assert (project / PINS).read_bytes() == before


def test_the_repository_pins_every_cited_paragraph() -> None:
    """CI runs `briefing check --require-pins`; a citation added without `briefing pin` fails here first."""
    result = run("check", "--require-pins", "--root", str(REPO))
    assert result.exit_code == 0, result.output
