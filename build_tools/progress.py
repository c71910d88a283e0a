"""Progress on long work, shown on stderr only when stderr is a terminal.

Any stage of the build may report progress; nothing is shown unless a command installed a reporter:

    from build_tools import progress

    with progress.stage("Indexing"):                 # a live "Indexing… 3 s", then "done in 4.1 s"
        ...
    for path in progress.items(files, "Reading sources"):   # a progress bar with a count and an ETA
        ...

    with progress.on_terminal():                     # in a command: show the above if stderr is a TTY
        generate(paths)

Without ``on_terminal`` (library calls, tests) every call is a no-op; with it, progress is drawn only when
stderr is a terminal, so CI logs, pipes and stdout stay exactly as they are. The commands and the MkDocs
hook call ``on_terminal``; inside one already active it reuses the reporter.
"""
from __future__ import annotations

import contextlib
import contextvars
import sys
import threading
import time
from collections.abc import Callable, Iterable, Iterator
from typing import IO, TypeVar

import click

T = TypeVar("T")
Advance = Callable[..., None]
TICK = 0.25          # seconds between redraws of a running stage
QUIET_FOR = 0.5      # a stage shorter than this draws no live line


def _nothing(steps: int = 1) -> None:
    pass


class Reporter:
    """Does nothing; the default when no command asked for progress."""

    @contextlib.contextmanager
    def stage(self, label: str, total: int | None = None) -> Iterator[Advance]:
        yield _nothing


class TerminalReporter(Reporter):
    """Stages without a total show a live elapsed time; stages with a total show a click progress bar."""

    def __init__(self, stream: IO[str]):
        self.stream = stream
        self.lock = threading.Lock()
        self.running: list[tuple[str, float, bool]] = []   # (label, start, has a bar)
        self.line_dirty = False
        self.drawn = ""
        self.stop = threading.Event()
        self.thread = threading.Thread(target=self._tick, daemon=True)
        self.thread.start()

    def close(self) -> None:
        self.stop.set()
        self.thread.join(timeout=1)

    def _tick(self) -> None:
        while not self.stop.wait(TICK):
            with self.lock:
                if not self.running:
                    continue
                label, start, bar = self.running[-1]
                elapsed = time.monotonic() - start
                if bar or elapsed < QUIET_FOR:
                    continue
                text = f"{label}… {elapsed:.0f} s"
                if text != self.drawn or not self.line_dirty:
                    self.stream.write(f"\r{text}\x1b[K")
                    self.stream.flush()
                    self.drawn = text
                    self.line_dirty = True

    def _end_line(self) -> None:
        if self.line_dirty:
            self.stream.write("\n")
            self.line_dirty = False

    @contextlib.contextmanager
    def stage(self, label: str, total: int | None = None) -> Iterator[Advance]:
        start = time.monotonic()
        if total is not None:
            with self.lock:
                self._end_line()
                self.running.append((label, start, True))
            try:
                with click.progressbar(length=total, label=label, file=self.stream, show_eta=True,
                                       show_pos=True) as bar:
                    advance, flush = _throttled(bar.update, max(1, total // 200))
                    yield advance
                    flush()
            finally:
                with self.lock:
                    self.running.pop()
            return
        with self.lock:
            self.running.append((label, start, False))
        outcome = "stopped"
        try:
            yield _nothing
            outcome = "done"
        finally:
            with self.lock:
                self.running.pop()
                elapsed = time.monotonic() - start
                self.stream.write(f"\r{label}… {outcome} in {elapsed:.1f} s\x1b[K\n")
                self.stream.flush()
                self.line_dirty = False


def _throttled(update: Advance, every: int) -> tuple[Advance, Callable[[], None]]:
    """``update`` called once per ``every`` steps (a redraw per step would cost more than the step at
    10,000 sources; 200 redraws look smooth), and a function that passes on the steps left over."""
    pending = 0

    def advance(steps: int = 1) -> None:
        nonlocal pending
        pending += steps
        if pending >= every:
            update(pending)
            pending = 0

    def flush() -> None:
        if pending:
            update(pending)

    return advance, flush


_current: contextvars.ContextVar[Reporter] = contextvars.ContextVar("build_tools_progress", default=Reporter())


def stage(label: str, total: int | None = None) -> contextlib.AbstractContextManager[Advance]:
    """A named piece of work; with ``total``, the returned function advances a bar by N steps."""
    return _current.get().stage(label, total)


def items(iterable: Iterable[T], label: str, total: int | None = None) -> Iterator[T]:
    """Yields the items of ``iterable`` while a bar counts them (``total`` defaults to ``len``)."""
    if total is None and hasattr(iterable, "__len__"):
        total = len(iterable)  # type: ignore[arg-type]
    with stage(label, total) as advance:
        for item in iterable:
            yield item
            advance(1)


@contextlib.contextmanager
def on_terminal(stream: IO[str] | None = None) -> Iterator[bool]:
    """Shows progress on ``stream`` (stderr) while the block runs, if it is a terminal; yields
    whether it does."""
    if isinstance(_current.get(), TerminalReporter):  # already shown, e.g. the hook inside `briefing offline`
        yield True
        return
    stream = stream if stream is not None else sys.stderr
    try:
        interactive = bool(stream.isatty())
    except (AttributeError, ValueError):
        interactive = False
    if not interactive:
        yield False
        return
    reporter = TerminalReporter(stream)
    token = _current.set(reporter)
    try:
        yield True
    finally:
        _current.reset(token)
        reporter.close()
