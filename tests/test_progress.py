"""build_tools/progress.py: progress appears on a terminal only; everywhere else it is silent."""
from __future__ import annotations

import io
import time

import pytest
from click.testing import CliRunner

from build_tools import progress
from build_tools.cli import main


class Terminal(io.StringIO):
    def isatty(self) -> bool:
        return True


def test_nothing_is_shown_without_a_terminal() -> None:
    stream = io.StringIO()
    with progress.on_terminal(stream) as shown:
        with progress.stage("Parsing"):
            pass
        assert list(progress.items([1, 2, 3], "Reading")) == [1, 2, 3]
    assert shown is False and stream.getvalue() == ""


def test_calls_outside_a_command_are_no_ops() -> None:
    with progress.stage("Indexing", total=3) as advance:
        advance(3)
    assert list(progress.items(iter("ab"), "Letters")) == ["a", "b"]


def test_a_terminal_sees_stages_and_bars(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(progress, "QUIET_FOR", 0.0)
    monkeypatch.setattr(progress, "TICK", 0.01)
    stream = Terminal()
    with progress.on_terminal(stream) as shown:
        with progress.stage("Generating"):
            time.sleep(0.1)
            assert list(progress.items(["x", "y"], "Reading sources")) == ["x", "y"]
    out = stream.getvalue()
    assert shown is True
    assert "Generating… 0 s" in out            # the live line
    assert "Reading sources" in out and "2/2" in out
    assert out.rstrip().endswith("\x1b[K") and "Generating… done in" in out


def test_a_failing_stage_says_it_stopped_and_lets_the_error_through() -> None:
    stream = Terminal()
    with pytest.raises(RuntimeError):
        with progress.on_terminal(stream), progress.stage("Generating"):
            raise RuntimeError("boom")
    assert "Generating… stopped in" in stream.getvalue()
    assert stream.getvalue().endswith("\n")    # problems printed next start on a clean line


def test_the_reporter_is_removed_after_the_command() -> None:
    stream = Terminal()
    with progress.on_terminal(stream):
        pass
    before = stream.getvalue()
    with progress.stage("Later"):
        pass
    assert stream.getvalue() == before


def test_generate_command_output_is_unchanged_when_not_on_a_terminal(tmp_path) -> None:
    out = tmp_path / "out"
    result = CliRunner().invoke(main, ["generate", "--out", str(out)])
    assert result.exit_code == 0, result.output
    assert "…" not in result.output and "files written" in result.output


def test_a_build_on_a_terminal_shows_each_step(tmp_path) -> None:
    from build_tools.pipeline import ProjectPaths, generate
    from conftest import copy_project

    project = ProjectPaths(copy_project(tmp_path / "project"))
    source_files = len([p for p in project.sources.iterdir() if p.suffix in (".txt", ".md", ".html")])
    briefings = len(list(project.briefings.glob("*.md")))
    stream = Terminal()
    with progress.on_terminal(stream):
        generate(project, tmp_path / "out")
    out = stream.getvalue()
    assert "Reading sources" in out and f"{source_files}/{source_files}" in out
    assert "Reading briefings" in out and f"{briefings}/{briefings}" in out
    assert "Finding names and figures in sources" in out
    assert "Source pages" in out
    for step in ("Indexing mentions, citations, events, figures and related items", "Writing the pages' Markdown",
                 "Saving the changed files"):
        assert f"{step}… done in" in out


def test_a_nested_command_shares_the_reporter_of_the_outer_one() -> None:
    outer, inner = Terminal(), Terminal()
    with progress.on_terminal(outer) as shown:
        reporter = progress._current.get()
        with progress.on_terminal(inner) as nested_shown:
            assert progress._current.get() is reporter
            with progress.stage("Inner step"):
                pass
        assert progress._current.get() is reporter, "the outer reporter stays after the nested block"
    assert shown and nested_shown
    assert "Inner step… done in" in outer.getvalue() and inner.getvalue() == ""


def test_a_long_bar_redraws_about_200_times_and_ends_on_the_true_count() -> None:
    stream = Terminal()
    with progress.on_terminal(stream):
        assert sum(1 for _ in progress.items(range(10_037), "Source pages")) == 10_037
    out = stream.getvalue()
    assert out.count("/10037") <= 205
    assert "10037/10037" in out and "10035/10037" not in out.rsplit("10037/10037", 1)[-1]


def test_check_prints_only_its_result_on_stdout_when_stderr_is_a_terminal() -> None:
    import os
    import pty
    import subprocess
    import sys

    master, slave = pty.openpty()  # stderr is a terminal, stdout a pipe
    try:
        result = subprocess.run([sys.executable, "-c", "from build_tools.cli import main; main()", "check"],
                                stdout=subprocess.PIPE, stderr=slave, text=True, timeout=120)
        os.close(slave)
        drawn = b""
        while True:
            try:
                chunk = os.read(master, 65536)
            except OSError:  # the terminal's other end is closed: all read
                break
            if not chunk:
                break
            drawn += chunk
    finally:
        os.close(master)
    assert result.returncode == 0
    assert result.stdout.startswith("All good: ") and result.stdout.count("\n") == 1
    assert "Reading sources" in drawn.decode("utf-8", "replace")
