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
    assert re.fullmatch(r"All good: \d+ sources, \d+ briefings, \d+ entities checked\.\n", result.stdout)
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
        f"{OTHER}:{topic}: topic 'vpn-regulations' is not in content/registry/topics.yml; known topics: "
        + lines_with(lines, "topic 'vpn-regulations'").split("known topics: ", 1)[1],
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
