"""Writes the generated tree: only files whose bytes changed, each replaced atomically.

Writing only changed bytes keeps ``mkdocs serve`` from rebuilding in a loop. A manifest of what the
generator wrote lets it remove its own stale files and never anything else.
"""
from __future__ import annotations

import os
import tempfile
from dataclasses import dataclass, field
from pathlib import Path, PurePosixPath

MANIFEST = ".generated-files"


class UnsafeOutput(ValueError):
    pass


@dataclass
class WriteReport:
    written: list[str] = field(default_factory=list)
    unchanged: int = 0
    removed: list[str] = field(default_factory=list)


def check_relative(path: str) -> None:
    pure = PurePosixPath(path)
    if pure.is_absolute() or ".." in pure.parts or not pure.parts or path.startswith("~"):
        raise UnsafeOutput(f"refusing to write '{path}' outside the output folder")


def atomic_write(target: Path, data: bytes) -> None:
    target.parent.mkdir(parents=True, exist_ok=True)
    fd, temp = tempfile.mkstemp(dir=target.parent, prefix=".tmp-", suffix=target.suffix)
    try:
        with os.fdopen(fd, "wb") as handle:
            handle.write(data)
        os.replace(temp, target)
    except BaseException:
        Path(temp).unlink(missing_ok=True)
        raise


def write_tree(out_dir: Path, files: dict[str, bytes]) -> WriteReport:
    for path in files:
        check_relative(path)
    out_dir.mkdir(parents=True, exist_ok=True)
    report = WriteReport()
    for path in sorted(files):
        target = out_dir / path
        data = files[path]
        if target.is_file() and target.stat().st_size == len(data) and target.read_bytes() == data:
            report.unchanged += 1
            continue
        atomic_write(target, data)
        report.written.append(path)
    manifest = out_dir / MANIFEST
    previous = manifest.read_text("utf-8").splitlines() if manifest.is_file() else []
    for path in previous:
        if path in files:
            continue
        try:
            check_relative(path)
        except UnsafeOutput:
            continue
        stale = out_dir / path
        if stale.is_file():
            stale.unlink()
            report.removed.append(path)
            _remove_empty_parents(stale.parent, out_dir)
    listing = ("\n".join(sorted(files)) + "\n").encode("utf-8")
    if not (manifest.is_file() and manifest.read_bytes() == listing):
        atomic_write(manifest, listing)
    return report


def _remove_empty_parents(folder: Path, stop: Path) -> None:
    while folder != stop and folder.is_dir() and not any(folder.iterdir()):
        folder.rmdir()
        folder = folder.parent
