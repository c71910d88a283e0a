"""Paths in problem messages: shown relative to the project root."""
from __future__ import annotations

from pathlib import Path

import pytest

from build_tools import errors
from build_tools.errors import Problem, by_location


@pytest.fixture()
def root(tmp_path: Path) -> Path:
    project = tmp_path / "project"
    (project / "content" / "sources").mkdir(parents=True)
    errors.set_display_root(project)
    yield project.resolve()
    errors._ROOT = None


def test_a_path_under_the_root_is_shown_relative(root: Path) -> None:
    assert errors.display_path(root / "content" / "sources" / "a.txt") == "content/sources/a.txt"


def test_a_path_through_dot_dot_is_resolved_before_it_is_shown(root: Path) -> None:
    assert errors.display_path(root / "content" / ".." / "briefings" / "b.md") == "briefings/b.md"
    outside = root / ".." / "elsewhere.txt"
    assert errors.display_path(outside) == outside.as_posix()  # outside the project: as given


def test_a_path_reached_through_a_link_to_the_root_is_shown_relative(root: Path, tmp_path: Path) -> None:
    link = tmp_path / "link"
    link.symlink_to(root, target_is_directory=True)
    assert errors.display_path(link / "content" / "sources" / "a.txt") == "content/sources/a.txt"


@pytest.mark.parametrize("written, shown", [
    ("{root}/content/sources/a.txt", "content/sources/a.txt"),
    ("{root}/content/.hidden/a.txt", "content/.hidden/a.txt"),
    ("{root}//content/./sources/a.txt", "content/sources/a.txt"),
    ("{root}/content/sources/", "content/sources"),
    ("{root}/content/sources/../a.txt", "content/a.txt"),
    ("{root}-other/a.txt", "{root}-other/a.txt"),  # a sibling whose name begins with the root's
])
def test_a_path_given_as_text_is_shown_as_its_path_object_would_be(root: Path, written: str, shown: str) -> None:
    assert errors.display_path(written.format(root=root)) == shown.format(root=root)


def test_relative_paths_are_shown_as_given(root: Path) -> None:
    assert errors.display_path(Path("content/sources/a.txt")) == "content/sources/a.txt"


def test_problems_on_one_line_sort_numbers_by_value_and_other_digits_as_text() -> None:
    problems = [Problem("a.md", 3, "paragraph 10 of x"), Problem("a.md", 3, "paragraph 9 of x"),
                Problem("a.md", 3, "the area is 10²"), Problem("a.md", 1, "z")]
    assert [p.message for p in by_location(problems)] == ["z", "paragraph 9 of x", "paragraph 10 of x", "the area is 10²"]
