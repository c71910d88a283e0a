"""`briefing check` on a copy of the project: output format, exit codes, every problem at once.

The copy gets one source and one briefing of the test's own, so the expected messages do not depend
on how the page-dump parser splits the real sources.
"""
from __future__ import annotations

import re
from pathlib import Path

import pytest
from click.testing import CliRunner

from build_tools.cli import main

# The problem matcher .github/workflows/ci.yml uses to annotate pull requests.
CI_MATCHER = re.compile(r"^([^:\s][^:]*?):(?:(\d+):)?\s+(.+)$")

SOURCE = "content/sources/check-test-source.md"
BRIEFING = "briefings/check-test.md"
OTHER = "briefings/check-test-other.md"

SOURCE_TEXT = "---\nid: check-test-source\ntitle: A source of nine paragraphs\ndate: '2025-11'\npublisher: Test Wire\n---\n" + \
    "\n\n".join(f"Paragraph {n} of the test source, which says something about VPN licences." for n in range(1, 10)) + "\n"

BRIEFING_TEXT = """---
title: A briefing for the check tests
date: 2025-11-24
summary: What the test briefing is about.
topics: [vpn-regulation]
sources: [check-test-source]
key_points:
  - One takeaway.
---
The first paragraph cites the first paragraph [@check-test-source:1].

The second paragraph cites more of them [@check-test-source:2-3].
"""


def run(*args: str):
    return CliRunner().invoke(main, list(args))


def check(project: Path):
    return run("check", "--root", str(project))


@pytest.fixture
def checked(project: Path) -> Path:
    (project / SOURCE).write_text(SOURCE_TEXT, "utf-8")
    (project / BRIEFING).write_text(BRIEFING_TEXT, "utf-8")
    (project / OTHER).write_text(BRIEFING_TEXT.replace("for the check tests", "another one"), "utf-8")
    return project


def edit(project: Path, rel: str, old: str, new: str) -> int:
    """Replaces ``old`` (once) and returns the line it was on."""
    text = (project / rel).read_text("utf-8")
    assert old in text, old
    line = text[: text.index(old)].count("\n") + 1
    (project / rel).write_text(text.replace(old, new, 1), "utf-8")
    return line


def problem_lines(result) -> list[str]:
    lines = result.stdout.splitlines()
    assert re.fullmatch(r"\d+ problems? found; fix (them|it) and run again\.", lines[-1]), lines[-1]
    assert int(lines[-1].split()[0]) == len(lines) - 1
    return lines[:-1]


def test_clean_project_exits_0(checked: Path) -> None:
    result = check(checked)
    assert result.exit_code == 0, result.output
    assert re.fullmatch(r"All good: \d+ sources, \d+ briefings, \d+ entities checked\.\n"
                        # the test's two briefings cite three paragraphs each of its own source, not pinned
                        r"Note: 6 cited paragraphs are not pinned yet; run `briefing pin` before you commit, so that a "
                        r"change to a source file or to the way it is read cannot move their citations silently\.\n",
                        result.stdout)
    assert result.stderr == ""


def test_reference_problems_are_listed_together_with_lines(checked: Path) -> None:
    unknown = edit(checked, BRIEFING, "[@check-test-source:1]", "[@no-such-source:1]")
    out_of_range = edit(checked, BRIEFING, "[@check-test-source:2-3]", "[@check-test-source:14]")
    topic = edit(checked, OTHER, "topics: [vpn-regulation]", "topics: [vpn-regulations]")
    result = check(checked)
    assert result.exit_code == 1
    lines = problem_lines(result)
    assert sorted(lines) == sorted([
        f"{BRIEFING}:{unknown}: cites source 'no-such-source', which does not exist; "
        "check the id on the source's page or in content/sources/",
        f"{BRIEFING}:{out_of_range}: cites source 'check-test-source' paragraph 14, but that source has 9 paragraphs",
        f"{OTHER}:{topic}: topic 'vpn-regulations' is not in content/registry/topics.yml; did you mean "
        "'vpn-regulation' (VPN regulation)? If not, add it there or fix the id",
    ])
    assert all(CI_MATCHER.match(line) for line in lines), "each line is annotated on the pull request"


def lines_with(lines: list[str], needle: str) -> str:
    [line] = [line for line in lines if needle in line]
    return line


def test_misspelt_source_gets_a_suggestion(checked: Path) -> None:
    line = edit(checked, BRIEFING, "[@check-test-source:1]", "[@check-test-sorce:1]")
    lines = problem_lines(check(checked))
    assert lines == [f"{BRIEFING}:{line}: cites source 'check-test-sorce', which does not exist; did you mean 'check-test-source'?"]


def test_file_problems_are_listed_together_with_lines(checked: Path) -> None:
    yaml_line = edit(checked, BRIEFING, "summary: What", "summary: [What")
    date_line = edit(checked, OTHER, "date: 2025-11-24", "date: 2025-02-30")
    (checked / "content/sources/zz-empty.txt").write_text("\n", "utf-8")
    result = check(checked)
    assert result.exit_code == 1
    lines = problem_lines(result)
    assert len(lines) == 3, lines
    # YAML notices the unclosed bracket where the next key starts, but reports the line that opened it.
    assert lines_with(lines, BRIEFING) == (f"{BRIEFING}:{yaml_line}: the YAML cannot be read: the list opened with '[' on "
                                           "this line is not closed with ']' (or one of its items contains ': ' and needs "
                                           "quotes)")
    assert lines_with(lines, OTHER) == f"{OTHER}:{date_line}: 'date': February 2025 has no day 30"
    assert lines_with(lines, "zz-empty") == "content/sources/zz-empty.txt: the file is empty; a source file needs the article text"


def test_unknown_topic_is_reported_alongside_file_problems(checked: Path) -> None:
    date_line = edit(checked, OTHER, "date: 2025-11-24", "date: 2025-02-30")
    topic_line = edit(checked, BRIEFING, "topics: [vpn-regulation]", "topics: [no-such-topic]")
    lines = problem_lines(check(checked))
    assert lines_with(lines, OTHER) == f"{OTHER}:{date_line}: 'date': February 2025 has no day 30"
    assert lines_with(lines, "no-such-topic").startswith(
        f"{BRIEFING}:{topic_line}: topic 'no-such-topic' is not in content/registry/topics.yml")


def test_one_problem_is_counted_in_the_singular(checked: Path) -> None:
    edit(checked, BRIEFING, "[@check-test-source:2-3]", "[@check-test-source:10]")
    result = check(checked)
    assert result.exit_code == 1
    assert result.stdout.splitlines()[-1] == "1 problem found; fix it and run again."
    assert "paragraph 10, but that source has 9 paragraphs" in result.stdout


def test_check_writes_nothing(checked: Path) -> None:
    from conftest import snapshot

    edit(checked, BRIEFING, "[@check-test-source:1]", "[@no-such-source:1]")
    before = snapshot(checked)
    check(checked)
    assert snapshot(checked) == before


def test_missing_root_is_a_usage_error(tmp_path: Path) -> None:
    result = run("check", "--root", str(tmp_path / "nope"))
    assert result.exit_code == 2
    assert "does not exist" in result.stderr


def claim(claimant_type: str, cite: str) -> str:
    """One item of a briefing's 'claims:' list, by the regulator."""
    return (f"  - claimant: pta\n    claimant_type: {claimant_type}\n    point: Why?\n    statement: Because.\n"
            f"    cite: '{cite}'\n")


def test_every_mistake_in_one_briefing_is_listed_in_one_pass(checked: Path) -> None:
    """A field typo, an uncited paragraph and a bad citation no longer hide the file's other mistakes
    (checked before only once those were fixed, one round each)."""
    typo = edit(checked, BRIEFING, "summary: What", "summery: typo\nsummary: What")
    mark = edit(checked, BRIEFING, "the test briefing is about.", "the test briefing is about [@check-test-source:1].")
    topic = edit(checked, BRIEFING, "topics: [vpn-regulation]", "topics: [vpn-regulation, no-such-topic]")
    entity = edit(checked, BRIEFING, "key_points:", "entities: [no-such-entity]\nkey_points:")
    edit(checked, BRIEFING, "  - One takeaway.\n", "  - One takeaway.\nclaims:\n" + claim("regulator", "@check-test-source:1-")
         + "events:\n  - date: 2025-11\n    title: Something happened.\n    cite: '@no-such-source:2'\n    status: adopted\n")
    text = (checked / BRIEFING).read_text("utf-8").splitlines()
    cite = text.index("    cite: '@check-test-source:1-'") + 1
    status = text.index("    status: adopted") + 1
    missing = text.index("    cite: '@no-such-source:2'") + 1
    uncited = edit(checked, BRIEFING, "The second paragraph", "An uncited paragraph.\n\nThe second paragraph")
    lines = problem_lines(check(checked))
    topics = lines_with(lines, "no-such-topic").split("known topics: ", 1)[1]
    assert lines == [
        f"{BRIEFING}:{typo}: the briefing has an unknown field 'summery'; did you mean 'summary'?",
        f"{BRIEFING}:{mark}: 'summary' has a citation mark, which is shown as written outside the body; the summary, "
        "key points and 'why it matters' sum up the body, whose paragraphs carry the citations",
        f"{BRIEFING}:{topic}: topic 'no-such-topic' is not in content/registry/topics.yml; known topics: {topics}",
        f"{BRIEFING}:{entity}: entity 'no-such-entity' is not in content/registry/entities.yml; add it there or fix the id",
        f"{BRIEFING}:{cite}: '1-' in the citation of 'check-test-source' is not a paragraph number or range like 3-5",
        f"{BRIEFING}:{missing}: cites source 'no-such-source', which does not exist; check the id on the source's page "
        "or in content/sources/",
        f"{BRIEFING}:{status}: an event with a 'status' needs 'measure:' naming the measure's entity id",
        f"{BRIEFING}:{uncited}: this paragraph cites no source; add a citation such as [@source-id:3] at its end",
    ]


def test_a_field_that_cannot_be_read_is_not_checked_further(checked: Path) -> None:
    """'sources:' written as text is one mistake: the citations are still checked against the sources,
    but not reported as missing from a list that could not be read; a bad claim is skipped and the
    claim after it is still checked at its own line."""
    sources = edit(checked, BRIEFING, "sources: [check-test-source]", "sources: check-test-source")
    edit(checked, BRIEFING, "  - One takeaway.\n", "  - One takeaway.\nclaims:\n" + claim("regulators", "@check-test-source:1")
         + claim("regulator", "@check-test-source:99"))
    text = (checked / BRIEFING).read_text("utf-8").splitlines()
    bad_type = text.index("    claimant_type: regulators") + 1
    second = text.index("    cite: '@check-test-source:99'") + 1
    out_of_range = edit(checked, BRIEFING, "[@check-test-source:2-3]", "[@check-test-source:12]")
    lines = problem_lines(check(checked))
    assert [line.split(": ", 1)[0] for line in lines] == [
        f"{BRIEFING}:{sources}", f"{BRIEFING}:{bad_type}", f"{BRIEFING}:{second}", f"{BRIEFING}:{out_of_range}"]
    assert lines[0].startswith(f"{BRIEFING}:{sources}: 'sources' must be a list, not ")
    assert lines[1].startswith(f"{BRIEFING}:{bad_type}: item 1 of 'claims' has claimant_type 'regulators', which is not allowed")
    assert lines[2] == f"{BRIEFING}:{second}: cites source 'check-test-source' paragraph 99, but that source has 9 paragraphs"
    assert lines[3] == f"{BRIEFING}:{out_of_range}: cites source 'check-test-source' paragraph 12, but that source has 9 paragraphs"


def test_citations_are_checked_while_another_briefing_has_problems(checked: Path) -> None:
    uncited = edit(checked, OTHER, "The second paragraph", "An uncited paragraph.\n\nThe second paragraph")
    unknown = edit(checked, BRIEFING, "[@check-test-source:1]", "[@no-such-source:1]")
    lines = problem_lines(check(checked))
    assert lines == [  # by file name: "check-test-other.md" before "check-test.md"
        f"{OTHER}:{uncited}: this paragraph cites no source; add a citation such as [@source-id:3] at its end",
        f"{BRIEFING}:{unknown}: cites source 'no-such-source', which does not exist; "
        "check the id on the source's page or in content/sources/",
    ]


def test_numbers_of_a_briefing_with_a_field_typo_are_checked(checked: Path) -> None:
    typo = edit(checked, BRIEFING, "summary: What", "summery: typo\nsummary: What")
    number = edit(checked, BRIEFING, "The first paragraph cites", "The first of 37 paragraphs cites")
    lines = problem_lines(check(checked))
    assert [line.split(": ", 1)[0] for line in lines] == [f"{BRIEFING}:{typo}", f"{BRIEFING}:{number}"]
    assert lines[1].startswith(f"{BRIEFING}:{number}: the number '37' does not appear in the paragraphs cited here")


def test_numbers_are_not_checked_in_a_body_with_problems(checked: Path) -> None:
    """A body with a mark that cannot be read would report its numbers as unsupported by the marks that
    can (here the 37 the unreadable mark was meant to support)."""
    bad = edit(checked, BRIEFING, "The first paragraph cites the first paragraph [@check-test-source:1].",
               "The first paragraph cites the first paragraph [@check-test-source:1]; it licensed 37 firms "
               "[@check-test-source:6-].")
    lines = problem_lines(check(checked))
    assert lines == [f"{BRIEFING}:{bad}: '6-' in the citation of 'check-test-source' is not a paragraph number or range like 3-5"]


def test_a_field_given_twice_is_one_problem(checked: Path) -> None:
    """The first 'sources:' is kept; the citations of the sources only the second one lists were each
    reported as missing from it."""
    first = edit(checked, BRIEFING, "sources: [check-test-source]", "sources: [check-test-sorce]")
    twice = edit(checked, BRIEFING, "key_points:", "sources: [check-test-source]\nkey_points:")
    assert problem_lines(check(checked)) == [
        f"{BRIEFING}:{twice}: the briefing gives the field 'sources' twice (first at line {first}); keep only one"]


def test_a_problem_that_loses_no_article_keeps_citations_checked(checked: Path) -> None:
    """A stray file or a future date in content/sources/ stopped every citation check."""
    (checked / "content/sources/notes.docx").write_bytes(b"PK")
    out_of_range = edit(checked, BRIEFING, "[@check-test-source:2-3]", "[@check-test-source:12]")
    assert problem_lines(check(checked)) == [
        f"{BRIEFING}:{out_of_range}: cites source 'check-test-source' paragraph 12, but that source has 9 paragraphs",
        "content/sources/notes.docx: '.docx' files are not a source format we read; use .txt, .md or .html"]


def _unread(files: str, source_id: str) -> str:
    return (f"which was not found; it may be an article of {files}, whose problems are reported too: fix "
            f"{'them' if ' or ' in files else 'it'} first (other citations of '{source_id}' in this file are not "
            "reported until then)")


def test_a_citation_of_a_source_file_that_fails_is_reported_once_in_each_citing_file(checked: Path) -> None:
    """The source's articles are unknown, so its id may be theirs: each file citing it hears so once, at the
    first line naming it (the front matter's 'sources:'), and no more."""
    date = edit(checked, SOURCE, "date: '2025-11'", "date: '2025-13'")
    assert problem_lines(check(checked)) == [
        f"{OTHER}:6: cites source 'check-test-source', {_unread(SOURCE, 'check-test-source')}",
        f"{BRIEFING}:6: cites source 'check-test-source', {_unread(SOURCE, 'check-test-source')}",
        f"{SOURCE}:{date}: 'date': month 13 is not between 1 and 12",
    ]


def test_citations_of_the_sources_read_are_checked_while_a_source_file_fails(checked: Path) -> None:
    """A file that could not be read stopped every citation and number check, and the output did not say
    so: a paragraph number past a source's end and a number no paragraph states went unreported."""
    (checked / "content/sources/broken.txt").write_bytes(b"\xff\xfe garbage")
    (checked / "content/sources/broken-too.md").write_text("---\nid: [\n---\nText.\n", "utf-8")
    out_of_range = edit(checked, BRIEFING, "[@check-test-source:2-3]", "[@check-test-source:12]")
    typo = edit(checked, BRIEFING, "[@check-test-source:1]", "[@check-test-sourse:1]")
    number = edit(checked, OTHER, "The first paragraph cites", "The first of 37 paragraphs cites")
    unread = "content/sources/broken-too.md or content/sources/broken.txt"
    lines = problem_lines(check(checked))
    assert lines[:3] == [
        f"{OTHER}:{number}: the number '37' does not appear in the paragraphs cited here (check-test-source ¶1); "
        "cite the paragraph that states it, or correct the number",
        f"{BRIEFING}:{typo}: cites source 'check-test-sourse', "
        + _unread(unread, "check-test-sourse").replace("which was not found;", "which was not found (did you mean "
                                                        "'check-test-source'?);"),
        f"{BRIEFING}:{out_of_range}: cites source 'check-test-source' paragraph 12, but that source has 9 paragraphs",
    ]
    assert [line.split(":", 1)[0] for line in lines[3:]] == ["content/sources/broken-too.md", "content/sources/broken.txt"]


FIGURES = "content/registry/figures.yml"


def test_a_curated_value_must_be_what_its_text_states(checked: Path) -> None:
    """A value typed with a zero missing was published with a bar a tenth as long; 'nan' and 'inf' as
    'nan' and 'inf trillion'. The value is checked even while a briefing has a problem of its own."""
    wrong = edit(checked, FIGURES, '    - value: 5000000000\n      text: "$5 billion"', '    - value: 500000000\n      text: "$5 billion"')
    infinite = edit(checked, FIGURES, "    - value: 200000000\n", "    - value: .inf\n")
    uncited = edit(checked, BRIEFING, "The second paragraph", "An uncited paragraph.\n\nThe second paragraph")
    lines = problem_lines(check(checked))
    assert lines == [
        f"{BRIEFING}:{uncited}: this paragraph cites no source; add a citation such as [@source-id:3] at its end",
        f"{FIGURES}:{wrong}: 'value' is 500,000,000 but '$5 billion' is 5,000,000,000 USD; write the value in plain "
        "digits in the group's unit",
        f"{FIGURES}:{infinite}: 'value' in item 1 of 'figures' of figure group 'telecom-connections' must be a number "
        "in plain digits, not the number .inf",
    ]


def test_a_registry_file_under_another_name_is_reported(checked: Path) -> None:
    (checked / "content/registry/people.yml").write_text("- id: someone\n", "utf-8")
    (checked / "content/registry/topics.yaml").write_text("- id: a-topic\n", "utf-8")
    rule = ("this file is not read: the registry is entities.yml, topics.yml, abbreviations.yml and figures.yml; "
            "move or rename it, or delete it")
    assert problem_lines(check(checked)) == [f"content/registry/people.yml: {rule}", f"content/registry/topics.yaml: {rule}"]


def test_a_missing_registry_folder_is_one_problem(checked: Path) -> None:
    """Not one 'topic ... is not in content/registry/topics.yml' per topic of every briefing."""
    (checked / "content/registry").rename(checked / "content/registery")
    assert problem_lines(check(checked)) == [
        "content/registry: the registry folder is missing (or not a folder); it holds entities.yml, topics.yml and "
        "abbreviations.yml, which briefings and sources refer to"]


def test_an_entity_id_written_wrongly_is_reported_once(checked: Path) -> None:
    """The briefings already use the id the message suggests: they are not reported as well."""
    line = edit(checked, "content/registry/entities.yml", "- id: pta\n", "- id: PTA\n")
    assert problem_lines(check(checked)) == [
        f"content/registry/entities.yml:{line}: 'id' of the entity at line {line} is 'PTA', which is not a valid id; "
        "use only lower-case letters a-z, digits and single hyphens, e.g. 'pta'"]


SIDECAR = "content/sources/000_6f93749fe1e422ac.meta.yml"


def test_a_mistake_made_in_a_sidecar_is_reported_at_its_line(checked: Path) -> None:
    """Not at the source file, which the pull request did not touch."""
    edit(checked, SIDECAR, "  - id: arabnews-imf-review\n    topics: [macroeconomy]",
         "  - id: arabnews-vpn-licensing\n    topics: [macroeconomics]\n    date: '2099'")
    text = (checked / SIDECAR).read_text("utf-8").splitlines()
    first = text.index("  - id: arabnews-vpn-licensing") + 1
    again = text.index("  - id: arabnews-vpn-licensing", first) + 1
    lines = problem_lines(check(checked))
    assert [line.split(": ", 1)[0] for line in lines] == [
        "briefings/imf-review-macro-context.md:8", f"{SIDECAR}:{again}", f"{SIDECAR}:{again + 2}"]
    assert lines[0] == ("briefings/imf-review-macro-context.md:8: cites source 'arabnews-imf-review', "
                        + _unread("content/sources/000_6f93749fe1e422ac.txt", "arabnews-imf-review"))
    lines = lines[1:]
    # the line that set the id first, not the source file's first line
    assert lines[0].endswith(f": source id 'arabnews-vpn-licensing' is already used by {SIDECAR}:{first}; give this "
                             "article its own id in the sidecar")
    assert lines[1].endswith(": the article's date, 2099, is later than today: it was misread or mistyped; write the "
                             "right one as `date:` in the sidecar")


def test_a_sidecars_unknown_topic_is_reported_at_its_line(checked: Path) -> None:
    line = edit(checked, SIDECAR, "    topics: [macroeconomy]", "    topics: [macroeconomics]")
    [problem] = problem_lines(check(checked))
    assert problem.startswith(f"{SIDECAR}:{line}: topic 'macroeconomics' is not in content/registry/topics.yml")


def test_an_empty_sidecar_article_is_not_advised_away(checked: Path) -> None:
    """Removing the item, as the message advised, moved the entries below it onto the wrong articles."""
    (checked / SIDECAR).write_text("articles:\n  -\n  - id: arabnews-imf-review\n    topics: [macroeconomy]\n", "utf-8")
    unread = "content/sources/000_6f93749fe1e422ac.txt"
    # the item below still applies to the second article; the first has no id from the sidecar
    assert problem_lines(check(checked)) == [
        f"briefings/vpn-regulation.md:8: cites source 'arabnews-vpn-licensing', {_unread(unread, 'arabnews-vpn-licensing')}",
        f"{SIDECAR}:2: item 1 of 'articles' is empty; for an article that needs no fields write '- {{}}' (removing the "
        "item would move the entries below it onto the wrong articles)"]


def test_a_paragraph_written_under_a_heading_without_a_blank_line_must_cite(checked: Path) -> None:
    """Markdown ends a '#' heading with its line; the text under it is a paragraph, which passed unchecked
    (no citation, and its numbers unchecked) because the block started with '#'."""
    line = edit(checked, BRIEFING, "The second paragraph", "### A heading\nAn uncited claim of 37 percent.\n\nThe second paragraph")
    assert problem_lines(check(checked)) == [
        f"{BRIEFING}:{line + 1}: this paragraph cites no source; add a citation such as [@source-id:3] at its end"]


def test_headings_keep_the_pages_outline(checked: Path) -> None:
    first = edit(checked, BRIEFING, "The first paragraph", "#### Too deep to start\n\nThe first paragraph")
    title = edit(checked, BRIEFING, "The second paragraph", "# A second title\n\n##### Skipping\n\nThe second paragraph")
    edit(checked, OTHER, "The second paragraph", "### Background\n\n#### Detail\n\n### Back up a level\n\nThe second paragraph")
    section = edit(checked, OTHER, "The first paragraph", "## A section of its own\n\nThe first paragraph")
    assert problem_lines(check(checked)) == [
        f"{OTHER}:{section}: a level-2 heading ('## ') would stand beside the page's own sections ('The briefing', "
        "'Who said what', 'Sources'); start the body's headings at '### '",
        f"{BRIEFING}:{first}: the body's first heading is level 4, but the page shows the body under its own level-2 "
        "'The briefing'; start at '### '",
        f"{BRIEFING}:{title}: a level-1 heading ('# ') is the page's title, which the front matter's 'title:' gives; "
        "start the body's headings at '### '",
        f"{BRIEFING}:{title + 2}: this heading skips from level 3 to level 5; go one level deeper at a time (write '#### ')",
    ]


def test_a_briefing_with_a_bad_file_name_is_still_checked(checked: Path) -> None:
    (checked / BRIEFING).rename(checked / "briefings/Check_Test.md")
    topic = edit(checked, "briefings/Check_Test.md", "topics: [vpn-regulation]", "topics: [no-such-topic]")
    lines = problem_lines(check(checked))
    assert lines[0] == ("briefings/Check_Test.md: the file name 'Check_Test.md' must be lower-case letters, digits and "
                        "hyphens, ending in .md (it becomes the page address)")
    assert lines[1].startswith(f"briefings/Check_Test.md:{topic}: topic 'no-such-topic' is not in content/registry/topics.yml")
    assert len(lines) == 2


def test_numbers_are_checked_beside_an_uncited_paragraph_or_a_heading_problem(checked: Path) -> None:
    uncited = edit(checked, BRIEFING, "The second paragraph", "#### A skipped level\n\nAn uncited paragraph.\n\nThe second paragraph")
    number = edit(checked, BRIEFING, "The first paragraph cites", "The first of 37 paragraphs cites")
    lines = problem_lines(check(checked))
    assert [line.split(": ", 1)[0] for line in lines] == [f"{BRIEFING}:{number}", f"{BRIEFING}:{uncited}",
                                                          f"{BRIEFING}:{uncited + 2}"]
    assert lines[0].startswith(f"{BRIEFING}:{number}: the number '37' does not appear in the paragraphs cited here")


def test_full_text_without_a_licence_is_refused(checked: Path) -> None:
    """The page said 'Published here under the source's licence: stated in its front matter' of a licence
    that was not there."""
    line = edit(checked, SOURCE, "publisher: Test Wire\n", "publisher: Test Wire\nfull_text: true\n") + 1
    assert problem_lines(check(checked)) == [
        f"{SOURCE}:{line}: 'full_text: true' republishes the whole article, which needs the licence that allows it: "
        "write it as 'licence:' in the front matter (or remove 'full_text')"]


def test_a_number_in_a_claim_or_event_is_reported_on_its_own_line(checked: Path) -> None:
    """It was reported on the item's first line ('- claimant:'), where a pull request's annotation lands."""
    edit(checked, BRIEFING, "  - One takeaway.\n", "  - One takeaway.\nclaims:\n"
         + claim("regulator", "@check-test-source:1").replace("statement: Because.", "statement: It licensed 37 firms.")
         + "events:\n  - date: 2025-11\n    title: The regulator licensed 41 firms.\n    cite: '@check-test-source:2'\n")
    text = (checked / BRIEFING).read_text("utf-8").splitlines()
    statement = text.index("    statement: It licensed 37 firms.") + 1
    title = text.index("    title: The regulator licensed 41 firms.") + 1
    lines = problem_lines(check(checked))
    assert [line.split(": ", 1)[0] for line in lines] == [f"{BRIEFING}:{statement}", f"{BRIEFING}:{title}"]
    assert "the number '37' does not appear" in lines[0] and "the number '41' does not appear" in lines[1]


def test_a_figure_group_unit_written_another_way_is_refused(checked: Path) -> None:
    """'unit: dollars' switched the check of each value against its text off without a word; a unit
    figures are not read in ('MHz') is accepted, its values not compared."""
    line = edit(checked, FIGURES, "  unit: USD\n", "  unit: dollars\n")
    assert problem_lines(check(checked)) == [
        f"{FIGURES}:{line}: 'unit' of figure group 'it-exports': write 'dollars' as 'USD', the unit figures are read in, "
        "so each value can be checked against its text"]
    edit(checked, FIGURES, "  unit: dollars\n", "  unit: MHz\n")
    assert check(checked).exit_code == 0


def test_a_setext_heading_and_a_hash_line_inside_a_paragraph_are_headings(checked: Path) -> None:
    """'The context' over '-----' is a level-2 heading to Markdown, not an uncited paragraph; a '#' line
    ends the paragraph above it and is a heading of its own."""
    setext = edit(checked, BRIEFING, "The second paragraph", "The context\n-----------\n\nThe second paragraph")
    hashed = edit(checked, OTHER, "The first paragraph cites the first paragraph [@check-test-source:1].",
                  "The first paragraph cites the first paragraph [@check-test-source:1].\n#PakistanVPN is trending") + 1
    assert problem_lines(check(checked)) == [
        f"{OTHER}:{hashed}: a level-1 heading ('# ') is the page's title, which the front matter's 'title:' gives; "
        "start the body's headings at '### '",
        f"{BRIEFING}:{setext}: a level-2 heading ('## ') would stand beside the page's own sections ('The briefing', "
        "'Who said what', 'Sources'); start the body's headings at '### '",
    ]
