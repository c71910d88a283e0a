"""Problems are values with a location, collected and reported together.

A stage never stops at the first bad input: it records a :class:`Problem` and goes on, so a
contributor sees every mistake in one pass. :class:`BuildFailed` carries the whole list out.
"""
from __future__ import annotations

import functools
import os
import re
from dataclasses import dataclass, field
from pathlib import Path


@dataclass(frozen=True, order=True)
class Problem:
    """One thing wrong with one input file, in words a contributor can act on."""

    path: str
    line: int | None
    message: str

    def __str__(self) -> str:
        where = self.path if self.line is None else f"{self.path}:{self.line}"
        return f"{where}: {self.message}"


@dataclass
class Problems:
    """An ordered, de-duplicated collection of problems found by one run."""

    items: list[Problem] = field(default_factory=list)
    _seen: set[Problem] = field(default_factory=set, repr=False, compare=False)

    def _append(self, problem: Problem) -> None:
        if problem not in self._seen:
            self._seen.add(problem)
            self.items.append(problem)

    def add(self, path: str | Path, line: int | None, message: str) -> None:
        self._append(Problem(display_path(path), line, message))

    def extend(self, other: "Problems | list[Problem]") -> None:
        for problem in other.items if isinstance(other, Problems) else other:
            self._append(problem)

    def __bool__(self) -> bool:
        return bool(self.items)

    def __len__(self) -> int:
        return len(self.items)

    def __iter__(self):
        return iter(self.items)

    def raise_if_any(self) -> None:
        if self.items:
            raise BuildFailed(list(self.items))


def by_location(problems: "Problems | list[Problem]") -> list[Problem]:
    """The problems by file, then line (a problem without a line first), then message, numbers in it by
    value (paragraph 2 before paragraph 10)."""
    return sorted(problems, key=lambda p: (p.path, p.line or 0, _natural(p.message)))


def _natural(text: str) -> tuple:
    return tuple((0, int(part), "") if part.isdecimal() else (1, 0, part) for part in _DIGITS.split(text) if part)


_DIGITS = re.compile(r"(\d+)")


class BuildFailed(Exception):
    """Raised when any problem was found; holds all of them."""

    def __init__(self, problems: list[Problem]):
        self.problems = by_location(problems)
        super().__init__("\n".join(str(p) for p in self.problems))


_ROOT: Path | None = None


def set_display_root(root: Path) -> None:
    """Paths in messages are shown relative to this folder (the repository root)."""
    global _ROOT
    _ROOT = root.resolve()


@functools.lru_cache(maxsize=8)
def _prefix_of(root: Path) -> str:
    """The root as text, with a trailing slash."""
    return os.fspath(root).rstrip("/") + "/"


def display_path(path: str | Path) -> str:
    text = os.fspath(path)
    prefix = _prefix_of(_ROOT) if _ROOT is not None else None
    if prefix and text.startswith(prefix) and os.sep == "/" and "//" not in text and "/." not in text \
            and not text.endswith("/"):
        return text[len(prefix):]  # a normal path under the root, as text: no Path made (1,000 briefings a build)
    p = Path(path)
    if _ROOT is not None and p.is_absolute():
        if ".." not in p.parts and p.is_relative_to(_ROOT):
            return p.relative_to(_ROOT).as_posix()  # the common case, without a resolve() (a stat per part)
        try:
            return p.resolve().relative_to(_ROOT).as_posix()
        except ValueError:
            return p.as_posix()
    return p.as_posix()
