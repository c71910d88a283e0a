"""Writes the generated tree all or nothing, touching only files whose bytes changed.

Writing only changed bytes keeps ``mkdocs serve`` from rebuilding in a loop. A manifest of what the
generator wrote lets it remove its own stale files and never anything else.
"""
from __future__ import annotations

import hashlib
import json
import os
import shutil
import tempfile
from dataclasses import dataclass, field
from pathlib import Path
from typing import Callable, Mapping, Union

MANIFEST = ".generated-files"
STAGING = ".staging"
COMMIT = "COMMIT"
STAGING_MARK = ".written-by-briefing-generate"


def holds_only_own_staging(out_dir: Path) -> bool:
    """Whether a folder holds nothing but a staging folder the generator left when interrupted before its
    first write committed (the next run discards it)."""
    entries = list(out_dir.iterdir())
    return len(entries) == 1 and entries[0].name == STAGING and (entries[0] / STAGING_MARK).is_file()


class UnsafeOutput(ValueError):
    pass


@dataclass(frozen=True)
class Unloaded:
    """A file's bytes known by their SHA-256 (hex) and size, read by ``load()`` only when the file must be
    written: the page memo hands over the pages it reuses so, since nearly all of them are on disk as the
    last build left them."""

    digest: str
    size: int
    load: Callable[[], bytes]


FileBytes = Union[bytes, Unloaded]


@dataclass
class WriteReport:
    written: list[str] = field(default_factory=list)
    unchanged: int = 0
    removed: list[str] = field(default_factory=list)
    # path -> SHA-256 of the files found to hold their bytes already (hashed to tell), for the caller to reuse
    digests: dict[str, str] = field(default_factory=dict)
    # path -> (size, modification time in nanoseconds) of those files, as found on disk
    stamps: dict[str, tuple[int, int]] = field(default_factory=dict)


def check_relative(path: str) -> None:
    # as PurePosixPath(path).parts reads it, without making 22,000 path objects per build
    parts = [part for part in path.split("/") if part not in ("", ".")]
    if path.startswith(("/", "~")) or ".." in parts or not parts:
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


def write_tree(out_dir: Path, files: Mapping[str, FileBytes], known: dict[str, tuple[int, int, str]] | None = None) -> WriteReport:
    """Makes ``out_dir`` hold exactly ``files`` (plus anything the generator never wrote), all or nothing.

    Changed files are first written under ``.staging/``; writing ``.staging/COMMIT`` is the commit
    point; then they are moved into place. A run interrupted before the commit point leaves the
    previous tree untouched (the next run discards the staging folder); one interrupted after it is
    completed by the next run, so the tree is never left half old, half new.

    ``known``: what the last build wrote (path -> size, modification time in nanoseconds, SHA-256 of the
    bytes): a file still of that size and time whose new bytes have that digest is left as it is without
    reading it (at 10,000 sources, reading back 11,000 pages cost more than the rest of writing). An
    :class:`Unloaded` file found so is not loaded either.
    """
    for path in files:
        check_relative(path)
    out_dir.mkdir(parents=True, exist_ok=True)
    recover(out_dir)
    report = WriteReport()
    manifest = out_dir / MANIFEST
    previous = manifest.read_text("utf-8").splitlines() if manifest.is_file() else []
    wanted = dict(files)
    wanted[MANIFEST] = ("\n".join(sorted(files)) + "\n").encode("utf-8")
    known = known or {}
    changed = []
    out = os.fspath(out_dir)
    for path, data in wanted.items():
        target = f"{out}/{path}"  # checked relative above; a string, not one Path per file
        entry = known.get(path)
        if isinstance(data, Unloaded):
            same = entry is not None and (entry[0], entry[2]) == (data.size, data.digest)
            if same and _unchanged_on_disk(target, entry):  # type: ignore[arg-type]
                report.digests[path] = data.digest
                report.stamps[path] = (entry[0], entry[1])  # type: ignore[index]
                continue
            data = wanted[path] = data.load()  # then digested as any bytes
        digest = _known_digest(target, data, entry)
        if digest is not None:
            report.digests[path] = digest
            report.stamps[path] = (entry[0], entry[1])  # type: ignore[index]
        elif not _holds(out_dir / path, data):
            changed.append(path)
    changed.sort()
    stale = sorted(path for path in set(previous) - set(wanted) if _is_safe(path) and (out_dir / path).is_file())
    report.unchanged = len(files) - len([p for p in changed if p != MANIFEST])
    if not changed and not stale:
        return report
    staging = out_dir / STAGING
    shutil.rmtree(staging, ignore_errors=True)
    staging.mkdir()
    (staging / STAGING_MARK).write_bytes(b"")  # before anything else: this staging folder is the generator's
    for path in changed:
        target = staging / path
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_bytes(wanted[path])
    atomic_write(staging / COMMIT, json.dumps({"write": changed, "remove": stale}).encode("utf-8"))
    _apply(out_dir, staging, changed, stale)
    report.written = [p for p in changed if p != MANIFEST]
    report.removed = stale
    return report


def recover(out_dir: Path) -> None:
    """Finishes a committed write that was interrupted, or discards one that never reached its commit."""
    staging = out_dir / STAGING
    commit = staging / COMMIT
    if commit.is_file():
        plan = json.loads(commit.read_text("utf-8"))
        _apply(out_dir, staging, [p for p in plan["write"] if _is_safe(p)], [p for p in plan["remove"] if _is_safe(p)])
    elif staging.exists():
        shutil.rmtree(staging, ignore_errors=True)


def _apply(out_dir: Path, staging: Path, write: list[str], remove: list[str]) -> None:
    for path in write:
        source = staging / path
        if source.is_file():  # absent when an earlier, interrupted run already moved it
            (out_dir / path).parent.mkdir(parents=True, exist_ok=True)
            os.replace(source, out_dir / path)
    for path in remove:
        target = out_dir / path
        if target.is_file():
            target.unlink()
            _remove_empty_parents(target.parent, out_dir)
    shutil.rmtree(staging, ignore_errors=True)


def output_digest(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


def _known_digest(target: str, data: bytes, known: tuple[int, int, str] | None) -> str | None:
    """The digest of ``data`` when the file is as the last build left it and held these bytes, else None."""
    if known is None or len(data) != known[0] or not _unchanged_on_disk(target, known):
        return None
    digest = output_digest(data)
    return digest if digest == known[2] else None


def _unchanged_on_disk(target: str, known: tuple[int, int, str]) -> bool:
    """Whether the file is as the last build left it: the size and modification time it recorded."""
    try:
        stat = os.stat(target)
    except OSError:
        return False
    return (stat.st_size, stat.st_mtime_ns) == (known[0], known[1])


def _holds(target: Path, data: bytes) -> bool:
    return target.is_file() and target.stat().st_size == len(data) and target.read_bytes() == data


def _is_safe(path: str) -> bool:
    try:
        check_relative(path)
    except UnsafeOutput:
        return False
    return not path.startswith(STAGING + "/")


def _remove_empty_parents(folder: Path, stop: Path) -> None:
    while folder != stop and folder.is_dir() and not any(folder.iterdir()):
        folder.rmdir()
        folder = folder.parent
