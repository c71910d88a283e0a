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


def test_pin_writes_one_line_per_citing_file_and_cited_paragraph(pinned: Path) -> None:
    assert own_pins(pinned) == [
        f"- {{cited_in: {BRIEFING}, source: pin-test-source, paragraph: {n}, digest: {digest(PARAGRAPHS[n - 1])}, starts: "
        f"'Paragraph {n} of the pin test source, on…'}}" for n in (1, 2, 3)]
    text = (pinned / PINS).read_text("utf-8")
    assert text.startswith("# Pinned paragraphs: for each file that cites sources (briefings, content/registry/figures.yml), the\n")
    entries = [line for line in text.splitlines() if line.startswith("- ")]
    fields = [[part.split(": ", 1)[1] for part in line[3:-1].split(", ")[:3]] for line in entries]
    assert fields == sorted(fields, key=lambda f: (f[0], f[1], int(f[2])))
    assert (pinned / PINS).stat().st_mode & 0o777 == 0o644


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


MOVED = ("cites paragraph {n} of source 'pin-test-source', but the text pinned for it (“Paragraph {n} of the pin test "
         "source, on…”) is now paragraph {m}: the source file, or the way it is read, changed. Cite {m} instead of {n} "
         "here (then run `briefing pin --accept`); if paragraph {n} is the one meant, run `briefing pin --accept`, or "
         "replace line {line} of content/pinned-paragraphs.yml with: - {{cited_in: briefings/pin-test.md, source: "
         "pin-test-source, paragraph: {n}, digest: {digest}, starts: {starts}}}")
HOLDS = ("cites paragraph {n} of source 'pin-test-source', which holds the text this file pinned as paragraph {k} "
         "(“Paragraph {k} of the pin test source, on…”), while the text pinned for paragraph {n} (“Paragraph {n} of the "
         "pin test source, on…”) is now paragraph {m}.")
# some text the file pinned is cited nowhere now: the paragraphs moved under the citations
MOVED_UNDER = HOLDS + (" The source's paragraphs moved under the citation: cite {m} instead of {n} (then `briefing pin "
                       "--accept`); if paragraph {n} is the one meant, run `briefing pin --accept`, or {edit}")
# every text the file pinned is cited again: the citations were likely moved on purpose
MOVED_ON_PURPOSE = HOLDS + (" If you moved the citations to the source's new numbers, run `briefing pin --accept`, or "
                            "{edit}; if not (two paragraphs now read the other way round), cite {m} instead of {n}")


def pin_line_number(project: Path, n: int) -> int:
    lines = (project / PINS).read_text("utf-8").splitlines()
    return next(i for i, line in enumerate(lines, start=1)
                if f"cited_in: {BRIEFING}, source: pin-test-source, paragraph: {n}," in line)


def test_moved_paragraphs_are_reported_at_each_citation_with_where_they_went(pinned: Path) -> None:
    inserted = "A new first paragraph, inserted when the page was saved again."
    write_source(pinned, [inserted] + PARAGRAPHS)
    lines = {n: pin_line_number(pinned, n) for n in (1, 2, 3)}
    result = run("check", "--root", str(pinned))
    assert result.exit_code == 1
    first = line_of(pinned, BRIEFING, "[@pin-test-source:1]")
    second = line_of(pinned, BRIEFING, "[@pin-test-source:2-3]")
    now = [inserted] + PARAGRAPHS
    replaced = {n: f"replace line {lines[n]} of content/pinned-paragraphs.yml with: - {{cited_in: {BRIEFING}, source: "
                   f"pin-test-source, paragraph: {n}, digest: {digest(now[n - 1])}, starts: 'Paragraph {n - 1} of the pin "
                   f"test source, on…'}}" for n in (2, 3)}
    expected = [
        f"{BRIEFING}:{first}: " + MOVED.format(n=1, m=2, line=lines[1], digest=digest(inserted),
                                               starts="'A new first paragraph, inserted when the page…'"),
        # ¶2 and ¶3 now hold texts this file pinned as ¶1 and ¶2, and the text pinned as ¶3 is cited nowhere
        *(f"{BRIEFING}:{second}: " + MOVED_UNDER.format(n=n, k=n - 1, m=n + 1, edit=replaced[n]) for n in (2, 3))]
    assert result.output.splitlines() == expected + ["3 problems found; fix them and run again."]
    with pytest.raises(BuildFailed) as failed:  # the build (and so `mkdocs build`) stops too
        generate(ProjectPaths(pinned))
    assert [str(p) for p in failed.value.problems] == expected
    # `briefing pin` does not pin moved text unless told to
    before = (pinned / PINS).read_bytes()
    result = run("pin", "--root", str(pinned))
    assert result.exit_code == 1
    assert result.output.splitlines() == expected + [
        "Nothing was pinned: the pinned text of 3 cited paragraphs moved or changed, or they hold text pinned under "
        "another number. Correct the citations as each line says, or, if each still cites what it should, run "
        "`briefing pin --accept`."]
    assert (pinned / PINS).read_bytes() == before


def test_citations_moved_to_the_new_numbers_are_pinned_again_when_accepted(pinned: Path) -> None:
    write_source(pinned, ["A new first paragraph, inserted when the page was saved again."] + PARAGRAPHS)
    text = (pinned / BRIEFING).read_text("utf-8")
    (pinned / BRIEFING).write_text(text.replace("[@pin-test-source:1]", "[@pin-test-source:2]")
                                   .replace("[@pin-test-source:2-3]", "[@pin-test-source:3-4]"), "utf-8")
    result = run("check", "--root", str(pinned))
    line = line_of(pinned, BRIEFING, "[@pin-test-source:2]")
    edit = (f"replace line {pin_line_number(pinned, 2)} of content/pinned-paragraphs.yml with: - {{cited_in: {BRIEFING}, "
            f"source: pin-test-source, paragraph: 2, digest: {digest(PARAGRAPHS[0])}, starts: 'Paragraph 1 of the pin "
            "test source, on…'}")
    assert result.exit_code == 1
    assert result.output.splitlines()[0] == f"{BRIEFING}:{line}: " + MOVED_ON_PURPOSE.format(n=2, k=1, m=3, edit=edit)
    assert run("pin", "--root", str(pinned)).exit_code == 1
    result = run("pin", "--accept", "--root", str(pinned))
    assert result.exit_code == 0, result.output
    # ¶2, ¶3 and ¶4 hold texts pinned as ¶1, ¶2 and ¶3; ¶1's pin goes, nothing cites ¶1 now
    assert re.fullmatch(rf"{PINS}: \d+ cited paragraphs pinned \(0 new, 3 with renumbered, moved or changed text "
                        r"accepted, 1 no longer cited dropped\)\.", result.output.splitlines()[0])
    assert run("check", "--require-pins", "--root", str(pinned)).exit_code == 0


def test_two_paragraphs_read_the_other_way_round_are_reported(pinned: Path) -> None:
    """Every cited text is still cited by the file, but ¶1 and ¶2 swapped under the citations: nothing may pass."""
    swapped = [PARAGRAPHS[1], PARAGRAPHS[0], *PARAGRAPHS[2:]]
    write_source(pinned, swapped)
    result = run("check", "--root", str(pinned))
    assert result.exit_code == 1
    first = line_of(pinned, BRIEFING, "[@pin-test-source:1]")
    assert result.output.splitlines()[0].startswith(
        f"{BRIEFING}:{first}: cites paragraph 1 of source 'pin-test-source', which holds the text this file pinned as "
        "paragraph 2 (“Paragraph 2 of the pin test source, on…”), while the text pinned for paragraph 1 (“Paragraph 1 "
        "of the pin test source, on…”) is now paragraph 2.")
    assert run("pin", "--root", str(pinned)).exit_code == 1


def test_a_shift_that_lands_a_citation_on_another_pinned_paragraph_is_still_reported(pinned: Path) -> None:
    """¶2 now holds the text pinned as ¶1 for the same briefing; the text pinned as ¶2 is cited nowhere."""
    write_source(pinned, ["A new first paragraph, inserted when the page was saved again."] + PARAGRAPHS)
    result = run("check", "--root", str(pinned))
    line = line_of(pinned, BRIEFING, "[@pin-test-source:2-3]")
    assert any(out.startswith(f"{BRIEFING}:{line}: cites paragraph 2 of source 'pin-test-source', which holds the text "
                              "this file pinned as paragraph 1")
               for out in result.output.splitlines())


def test_a_paragraph_moved_past_the_end_is_reported_with_where_it_went(pinned: Path) -> None:
    write_source(pinned, PARAGRAPHS[1:3])  # paragraph 3 is now 2, and the source has 2
    line = line_of(pinned, BRIEFING, "[@pin-test-source:2-3]")
    result = run("check", "--root", str(pinned))
    assert (f"{BRIEFING}:{line}: cites paragraph 3 of source 'pin-test-source', but the text pinned for it (“Paragraph 3 "
            "of the pin test source, on…”) is now paragraph 2: the source file, or the way it is read, changed. Cite 2 "
            "instead of 3 here (then run `briefing pin --accept`)") in result.output.splitlines()


def test_changed_paragraph_is_reported_with_old_and_new_opening_and_pinned_only_when_accepted(pinned: Path) -> None:
    changed = list(PARAGRAPHS)
    changed[1] = "The regulator now says something else entirely about the licences."
    write_source(pinned, changed)
    result = run("check", "--root", str(pinned))
    line = line_of(pinned, BRIEFING, "[@pin-test-source:2-3]")
    assert result.exit_code == 1
    message = (f"{BRIEFING}:{line}: cites paragraph 2 of source 'pin-test-source', whose text changed since it was "
               "pinned: it began “Paragraph 2 of the pin test source, on…” and now begins “The regulator now says "
               "something else entirely about…”. Check that the citation still fits, then run `briefing pin --accept`, or "
               f"replace line {pin_line_number(pinned, 2)} of content/pinned-paragraphs.yml with: - {{cited_in: {BRIEFING}, "
               f"source: pin-test-source, paragraph: 2, digest: {digest(changed[1])}, starts: The regulator now says "
               "something else entirely about…}")
    assert result.output.splitlines() == [message, "1 problem found; fix it and run again."]
    assert run("pin", "--root", str(pinned)).exit_code == 1
    result = run("pin", "--accept", "--root", str(pinned))
    assert result.exit_code == 0
    assert re.fullmatch(rf"{PINS}: \d+ cited paragraphs pinned \(0 new, 1 with renumbered, moved or changed text "
                        r"accepted, 0 no longer cited dropped\)\.", result.output.splitlines()[0])
    assert result.output.splitlines()[1:] == [
        f"  {BRIEFING}: paragraph 2 of 'pin-test-source' was “Paragraph 2 of the pin test source, on…”, is now “The "
        "regulator now says something else entirely about…”"]
    assert run("check", "--require-pins", "--root", str(pinned)).exit_code == 0


def test_a_changed_paragraph_cited_on_two_lines_is_reported_at_both_and_pinned_when_accepted(pinned: Path) -> None:
    text = (pinned / BRIEFING).read_text("utf-8")
    (pinned / BRIEFING).write_text(text + "\nThe third paragraph cites the second again [@pin-test-source:2].\n", "utf-8")
    assert run("pin", "--root", str(pinned)).exit_code == 0
    changed = list(PARAGRAPHS)
    changed[1] = "The regulator now says something else entirely about the licences."
    write_source(pinned, changed)
    lines = [line_of(pinned, BRIEFING, "[@pin-test-source:2-3]"), line_of(pinned, BRIEFING, "[@pin-test-source:2]")]
    result = run("pin", "--root", str(pinned))
    assert result.exit_code == 1
    assert [out.split(":")[1] for out in result.output.splitlines()[:-1]] == [str(line) for line in lines]
    assert all("cites paragraph 2 of source 'pin-test-source', whose text changed" in out
               for out in result.output.splitlines()[:-1])
    assert result.output.splitlines()[-1].startswith("Nothing was pinned: the pinned text of 1 cited paragraph moved")
    result = run("pin", "--accept", "--root", str(pinned))
    assert result.exit_code == 0, result.output
    assert re.fullmatch(rf"{PINS}: \d+ cited paragraphs pinned \(0 new, 1 with renumbered, moved or changed text "
                        r"accepted, 0 no longer cited dropped\)\.", result.output.splitlines()[0])
    assert run("check", "--require-pins", "--root", str(pinned)).exit_code == 0


def test_a_replacement_line_from_the_message_resolves_it(pinned: Path) -> None:
    """What a contributor in GitHub's web editor does: replace the line the message names with the one it gives."""
    changed = list(PARAGRAPHS)
    changed[1] = "The regulator now says something else entirely about the licences."
    write_source(pinned, changed)
    [message] = run("check", "--root", str(pinned)).output.splitlines()[:1]
    number, replacement = re.search(r"replace line (\d+) of content/pinned-paragraphs.yml with: (.*)$", message).groups()
    lines = (pinned / PINS).read_text("utf-8").splitlines()
    lines[int(number) - 1] = replacement
    (pinned / PINS).write_text("\n".join(lines) + "\n", "utf-8")
    assert run("check", "--require-pins", "--root", str(pinned)).exit_code == 0


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
        f"add this line to content/pinned-paragraphs.yml: - {{cited_in: {BRIEFING}, source: pin-test-source, paragraph: "
        f"{n}, digest: {digest(PARAGRAPHS[n - 1])}, starts: 'Paragraph {n} of the pin test source, on…'}}" for n in (4, 5)
    ] + ["2 problems found; fix them and run again."]
    # the line given is the one `briefing pin` writes: pasted in, it pins the paragraph
    (pinned / PINS).write_text((pinned / PINS).read_text("utf-8") + "".join(
        out.split("content/pinned-paragraphs.yml: ", 1)[1] + "\n" for out in result.output.splitlines()[:2]), "utf-8")
    assert run("check", "--require-pins", "--root", str(pinned)).exit_code == 0


def test_pins_no_longer_cited_are_reported_with_require_pins_and_dropped_by_pin(pinned: Path) -> None:
    text = (pinned / BRIEFING).read_text("utf-8").replace("[@pin-test-source:2-3]", "[@pin-test-source:2]")
    (pinned / BRIEFING).write_text(text, "utf-8")
    assert run("check", "--root", str(pinned)).exit_code == 0
    result = run("check", "--require-pins", "--root", str(pinned))
    assert result.output.splitlines() == [
        f"{PINS}:{pin_line_number(pinned, 3)}: pins paragraph 3 of source 'pin-test-source' for {BRIEFING}, which no "
        "longer cites it; run `briefing pin`, or delete this line", "1 problem found; fix it and run again."]
    result = run("pin", "--root", str(pinned))
    assert re.fullmatch(rf"{PINS}: \d+ cited paragraphs pinned \(0 new, 0 with renumbered, moved or changed text "
                        r"accepted, 1 no longer cited dropped\)\.\n", result.output)
    assert [line.split(", ")[2] for line in own_pins(pinned)] == ["paragraph: 1", "paragraph: 2"]


def test_a_briefing_that_cannot_be_read_leaves_its_pins_alone(pinned: Path) -> None:
    """Its citations are unknown, so its pins are not reported as no longer cited (CI would say to delete them)."""
    text = (pinned / BRIEFING).read_text("utf-8")
    (pinned / BRIEFING).write_text(text.replace("title: A briefing", "title: [A briefing"), "utf-8")
    result = run("check", "--require-pins", "--root", str(pinned))
    assert result.exit_code == 1
    assert [out for out in result.output.splitlines() if "no longer cites" in out] == []


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
    [figure_pin] = [line for line in own_pins(pinned) if "cited_in: content/registry/figures.yml" in line]
    assert figure_pin.startswith("- {cited_in: content/registry/figures.yml, source: pin-test-source, paragraph: 5, ")
    write_source(pinned, PARAGRAPHS[:4] + ["Paragraph 5 says another thing now."])
    line = line_of(pinned, "content/registry/figures.yml", 'cite: "@pin-test-source:5"') - 4  # the figure's '- value:' line
    result = run("check", "--root", str(pinned))
    assert result.exit_code == 1
    assert result.output.splitlines()[0].startswith(
        f"content/registry/figures.yml:{line}: cites paragraph 5 of source 'pin-test-source', whose text changed since it "
        "was pinned: it began “Paragraph 5 of the pin test source, on…” and now begins “Paragraph 5 says another "
        "thing now.”. Check that the citation still fits, then run `briefing pin --accept`")


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


ENTRY = "- {{cited_in: briefings/pin-test.md, source: pin-test-source, paragraph: {n}, digest: {digest}, starts: A}}\n"


@pytest.mark.parametrize("content, line, message", [
    (ENTRY.format(n=1, digest="0123456789ab") + "<<<<<<< HEAD\n", 6,
     "the file holds a merge-conflict marker; keep both sides' lines (remove the markers), or delete the file and run "
     "`briefing pin` to write it anew from the current citations"),
    (ENTRY.format(n=1, digest="0123456789AB"), 5,
     "'digest' of pinned paragraph 'pin-test-source' is '0123456789AB', which is not in the expected form"),
    (ENTRY.format(n=0, digest="0123456789ab"), 5,
     "'paragraph' of pinned paragraph 'pin-test-source' is not valid (Input should be greater than or equal to 1)"),
    (ENTRY.format(n=1, digest="0123456789ab") + ENTRY.format(n=1, digest="0123456789ac"), 6,
     "paragraph 1 of source 'pin-test-source' is pinned twice for briefings/pin-test.md, with another text than at "
     "line 5; keep one line, and `briefing check` says whether it still matches"),
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
    # with --require-pins too, the file's problem is all: every citation would look unpinned
    assert [out for out in run("check", "--require-pins", "--root", str(project)).output.splitlines()
            if "not pinned" in out] == []
    before = (project / PINS).read_bytes()
    assert run("pin", "--root", str(project)).exit_code == 1  # a broken file is not overwritten
    assert (project / PINS).read_bytes() == before


def test_problems_on_one_line_are_listed_by_paragraph_number(pinned: Path) -> None:
    text = (pinned / BRIEFING).read_text("utf-8").replace("[@pin-test-source:1]", "[@pin-test-source:1, 9-12]")
    write_source(pinned, PARAGRAPHS * 3)
    (pinned / BRIEFING).write_text(text, "utf-8")
    result = run("check", "--require-pins", "--root", str(pinned))
    numbers = [int(re.search(r"cites paragraph (\d+)", out).group(1)) for out in result.output.splitlines()[:-1]
               if "cites paragraph" in out]
    assert numbers == [9, 10, 11, 12], result.output


def test_the_repository_pins_every_cited_paragraph() -> None:
    """CI runs `briefing check --require-pins`; a citation added without `briefing pin` fails here first."""
    result = run("check", "--require-pins", "--root", str(REPO))
    assert result.exit_code == 0, result.output


def test_two_branches_pinning_different_paragraphs_merge_without_a_conflict(tmp_path: Path) -> None:
    """.gitattributes merges the pins file line by line: two pull requests that each pin a paragraph at the
    same place in the sorted file keep both lines."""
    import shutil
    import subprocess

    repo = tmp_path / "repo"
    (repo / "content").mkdir(parents=True)
    shutil.copy(REPO / ".gitattributes", repo / ".gitattributes")
    pins = repo / PINS
    base = ENTRY.format(n=1, digest="0123456789ab") + ENTRY.format(n=9, digest="0123456789ab")
    pins.write_text(base, "utf-8")
    env = {"GIT_AUTHOR_NAME": "t", "GIT_AUTHOR_EMAIL": "t@example.org", "GIT_COMMITTER_NAME": "t",
           "GIT_COMMITTER_EMAIL": "t@example.org", "HOME": str(tmp_path), "PATH": "/usr/bin:/bin"}

    def git(*args: str) -> subprocess.CompletedProcess:
        return subprocess.run(["git", *args], cwd=repo, env=env, capture_output=True, text=True)

    assert git("init", "-q", "-b", "main").returncode == 0
    git("add", "-A"), git("commit", "-qm", "base")
    git("checkout", "-qb", "other")
    pins.write_text(ENTRY.format(n=1, digest="0123456789ab") + ENTRY.format(n=3, digest="0123456789ab")
                    + ENTRY.format(n=9, digest="0123456789ab"), "utf-8")
    git("commit", "-qam", "pin 3")
    git("checkout", "-q", "main")
    pins.write_text(ENTRY.format(n=1, digest="0123456789ab") + ENTRY.format(n=2, digest="0123456789ab")
                    + ENTRY.format(n=9, digest="0123456789ab"), "utf-8")
    git("commit", "-qam", "pin 2")
    merged = git("merge", "-q", "other", "-m", "merge")
    assert merged.returncode == 0, merged.stdout + merged.stderr
    assert [line.split(", ")[2] for line in pins.read_text("utf-8").splitlines()] == [
        "paragraph: 1", "paragraph: 2", "paragraph: 3", "paragraph: 9"]


def test_a_written_file_reads_the_same_with_and_without_the_yaml_loader(pinned: Path, monkeypatch) -> None:
    """The pins file is read line by line when every line is as `briefing pin` writes it (fast at 5,000 lines);
    the result is the YAML loader's, including a digest of digits only (quoted) and first words in quotes."""
    from build_tools.errors import Problems
    from build_tools.parse import pins as pins_module

    extra = ("- {cited_in: briefings/pin-test.md, source: pin-test-source, paragraph: 7, digest: '123456789012', "
             "starts: 'It''s a quote: with a colon, and a comma…'}\n")
    (pinned / PINS).write_text((pinned / PINS).read_text("utf-8") + extra, "utf-8")
    fast = pins_module.load_pinned_paragraphs(pinned / PINS, Problems())
    monkeypatch.setattr(pins_module, "_read_written_lines", lambda text, shown: None)
    slow = pins_module.load_pinned_paragraphs(pinned / PINS, Problems())
    assert fast == slow and len(fast.pinned) > 80
    assert fast.pinned[(BRIEFING, "pin-test-source", 7)].starts == "It's a quote: with a colon, and a comma…"


def test_the_same_pin_twice_is_harmless_and_a_paragraph_cited_twice_is_reported_once(pinned: Path) -> None:
    """Both merged branches, or a contributor pasting CI's line for each of two citations, pin it twice."""
    lines = (pinned / PINS).read_text("utf-8").splitlines()
    line = next(line for line in lines if "pin-test-source, paragraph: 1," in line)
    (pinned / PINS).write_text("\n".join(lines + [line]) + "\n", "utf-8")
    assert run("check", "--require-pins", "--root", str(pinned)).exit_code == 0
    text = (pinned / BRIEFING).read_text("utf-8")
    (pinned / BRIEFING).write_text(text.replace("[@pin-test-source:1]", "[@pin-test-source:1, 5]")
                                   .replace("[@pin-test-source:2-3]", "[@pin-test-source:2-3, 5]"), "utf-8")
    result = run("check", "--require-pins", "--root", str(pinned))
    assert [out for out in result.output.splitlines() if "not pinned" in out] == [
        f"{BRIEFING}:{line_of(pinned, BRIEFING, '[@pin-test-source:1, 5]')}: cites paragraph 5 of source 'pin-test-source', "
        f"which is not pinned; run `briefing pin`, or add this line to content/pinned-paragraphs.yml: - {{cited_in: "
        f"{BRIEFING}, source: pin-test-source, paragraph: 5, digest: {digest(PARAGRAPHS[4])}, starts: 'Paragraph 5 of "
        "the pin test source, on…'}"]


def test_pin_lists_the_pins_problems_with_the_others_it_refuses_for(pinned: Path) -> None:
    """A renumbered source also fails the numbers its citations state: `briefing pin` shows both, so the
    contributor is not sent to 'correct the number'."""
    write_source(pinned, ["A new first paragraph, inserted when the page was saved again."] + PARAGRAPHS)
    text = (pinned / BRIEFING).read_text("utf-8")
    (pinned / BRIEFING).write_text(text.replace("topics: [vpn-regulation]", "topics: [no-such-topic]"), "utf-8")
    result = run("pin", "--root", str(pinned))
    assert result.exit_code == 1
    assert "topic 'no-such-topic' is not in content/registry/topics.yml" in result.output
    assert "but the text pinned for it (“Paragraph 1 of the pin test source, on…”) is now paragraph 2" in result.output


def test_plain_check_notes_pins_no_longer_cited(pinned: Path) -> None:
    text = (pinned / BRIEFING).read_text("utf-8").replace("[@pin-test-source:2-3]", "[@pin-test-source:2]")
    (pinned / BRIEFING).write_text(text, "utf-8")
    result = run("check", "--root", str(pinned))
    assert result.exit_code == 0
    assert result.output.splitlines()[1:] == [
        "Note: 1 pin is of a paragraph no longer cited; `briefing pin` drops it (CI's `--require-pins` asks for that)."]


def test_a_change_further_in_than_the_first_words_says_so(pinned: Path) -> None:
    changed = list(PARAGRAPHS)
    changed[1] = PARAGRAPHS[1].replace("licensing of virtual private networks", "licensing of VPN services")
    write_source(pinned, changed)
    result = run("check", "--root", str(pinned))
    assert ("whose text changed since it was pinned: its first words are unchanged (“Paragraph 2 of the pin test "
            "source, on…”): the change is further in. Check that the citation still fits") in result.output


def test_a_build_with_the_last_builds_cache_finds_a_changed_paragraph(pinned: Path) -> None:
    """The digests of cited paragraphs kept for the next build are keyed on what their source was made
    from: an edited source is digested again."""
    generate(ProjectPaths(pinned))
    changed = list(PARAGRAPHS)
    changed[2] = "The regulator now says something else entirely about the licences."
    write_source(pinned, changed)
    with pytest.raises(BuildFailed) as failed:
        generate(ProjectPaths(pinned))
    assert [(p.path, p.line, p.message.split(":", 1)[0]) for p in failed.value.problems] == [
        (BRIEFING, line_of(pinned, BRIEFING, "[@pin-test-source:2-3]"),
         "cites paragraph 3 of source 'pin-test-source', whose text changed since it was pinned")]
