"""Writes the generated tree all or nothing, touching only files whose bytes changed.

Writing only changed bytes keeps ``mkdocs serve`` from rebuilding in a loop. A manifest of what the
generator wrote lets it remove its own stale files and never anything else.

All or nothing: the changed files' bytes are first written to one journal file, and renaming it into
place is the commit point; then each file is overwritten in place (:func:`write_in_place`). A build
interrupted before the commit leaves the tree as it was; one interrupted after it is completed from the
journal by the next (:func:`recover`). One journal rather than one staged file per page: on this
machine's disk, creating a file and renaming it over the old one cost 150-400 us (a new inode, and the
old one's blocks freed), overwriting an existing file's bytes 15.
"""
from __future__ import annotations

import errno
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
JOURNAL = "JOURNAL"
JOURNAL_MAGIC = b"dpb-write-journal 1\n"
LEGACY_COMMIT = "COMMIT"  # the commit of the staged writes of versions before the journal
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


def write_in_place(target: str | os.PathLike[str], data: bytes) -> None:
    """Makes the file ``target`` hold ``data``, overwriting its bytes in place (made, with its folders, when
    missing). Not atomic: interrupted, the file holds part of each. A link or a pipe at ``target`` is
    replaced rather than written through, and so is a file with other names (hard links), which keep
    their bytes, and one we may not write to, as a rename would replace them."""
    # O_NONBLOCK: a pipe at the target refuses (ENXIO) instead of waiting for a reader; files ignore it
    flags = os.O_WRONLY | os.O_CREAT | os.O_NOFOLLOW | os.O_NONBLOCK | getattr(os, "O_CLOEXEC", 0)
    try:
        fd = os.open(target, flags, 0o666)
    except FileNotFoundError:
        os.makedirs(os.path.dirname(target) or ".", exist_ok=True)
        fd = os.open(target, flags, 0o666)
    except OSError as error:
        # a link or a pipe; a file we may not write to (but may replace, as a rename would)
        if error.errno not in (errno.ELOOP, errno.ENXIO, errno.EACCES, errno.EPERM) or not os.path.lexists(target):
            raise
        _replace(target, data)
        return
    with os.fdopen(fd, "wb") as handle:
        if os.fstat(fd).st_nlink > 1:
            handle.close()
            _replace(target, data)
            return
        handle.write(data)
        handle.truncate()


def _replace(target: str | os.PathLike[str], data: bytes) -> None:
    os.unlink(target)
    with open(target, "xb") as handle:
        handle.write(data)


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

    The changed files' bytes are first written to a journal, ``.staging/JOURNAL.part``; renaming it to
    ``.staging/JOURNAL`` is the commit point; then each file is overwritten in place and the stale ones
    removed. A run interrupted before the commit point leaves the previous tree untouched (the next run
    discards the staging folder); one interrupted after it is completed by the next run, from the
    journal, so the tree is never left half old, half new.

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
    writes = [(path, wanted[path]) for path in changed]
    _write_journal(staging, writes, stale)  # type: ignore[arg-type]  # all loaded above
    _apply(out_dir, writes, stale)  # type: ignore[arg-type]
    shutil.rmtree(staging, ignore_errors=True)
    report.written = [p for p in changed if p != MANIFEST]
    report.removed = stale
    return report


def _write_journal(staging: Path, writes: list[tuple[str, bytes]], remove: list[str]) -> None:
    """The journal of a write: a header listing the files to write (with their sizes) and to remove, then
    the files' bytes in that order. Written under another name and renamed: the rename is the commit."""
    header = json.dumps({"write": [[path, len(data)] for path, data in writes], "remove": remove}).encode("utf-8")
    unfinished = staging / (JOURNAL + ".part")
    with open(unfinished, "wb") as handle:
        handle.write(JOURNAL_MAGIC + len(header).to_bytes(8, "big") + header)
        for _, data in writes:
            handle.write(data)
    os.replace(unfinished, staging / JOURNAL)


def _read_journal(journal: Path) -> tuple[list[tuple[str, bytes]], list[str]] | None:
    """The files to write and to remove that a committed journal lists; None when it cannot be read whole."""
    try:
        data = journal.read_bytes()
    except OSError:
        return None
    start = len(JOURNAL_MAGIC) + 8
    end = start + int.from_bytes(data[len(JOURNAL_MAGIC):start], "big")
    try:
        plan = json.loads(data[start:end]) if data.startswith(JOURNAL_MAGIC) else None
    except (ValueError, RecursionError):
        return None
    if not (isinstance(plan, dict) and isinstance(plan.get("write"), list) and isinstance(plan.get("remove"), list)):
        return None
    writes = []
    for entry in plan["write"]:
        if not (isinstance(entry, list) and len(entry) == 2 and isinstance(entry[0], str) and type(entry[1]) is int
                and 0 <= entry[1] <= len(data) - end):
            return None
        writes.append((entry[0], data[end:end + entry[1]]))
        end += entry[1]
    if end != len(data) or not all(isinstance(path, str) for path in plan["remove"]):
        return None
    return writes, plan["remove"]


def recover(out_dir: Path) -> None:
    """Finishes a committed write that was interrupted, or discards one that never reached its commit."""
    staging = out_dir / STAGING
    journal = staging / JOURNAL
    plan = _read_journal(journal) if journal.is_file() else _read_staged(staging)
    if plan is not None:
        writes, remove = plan
        _apply(out_dir, [(path, data) for path, data in writes if _is_safe(path)], [p for p in remove if _is_safe(p)])
    if staging.exists():
        shutil.rmtree(staging, ignore_errors=True)


def _read_staged(staging: Path) -> tuple[list[tuple[str, bytes]], list[str]] | None:
    """A write committed by the generator before the journal (``.staging/COMMIT``: the paths to write, each
    staged as a file of its own, and to remove), for a tree left so by an interrupted build of that
    version; None when there is none or it cannot be read."""
    try:
        plan = json.loads((staging / LEGACY_COMMIT).read_text("utf-8"))
        writes = [(path, (staging / path).read_bytes()) for path in plan["write"] if (staging / path).is_file()]
        remove = plan["remove"]
    except (OSError, ValueError, RecursionError, TypeError, KeyError):
        return None
    if not all(isinstance(path, str) for path in remove):
        return None
    return writes, remove


def _apply(out_dir: Path, writes: list[tuple[str, bytes]], remove: list[str]) -> None:
    """Carries out a committed write (again, after an interruption: each step may be repeated)."""
    out = os.fspath(out_dir)
    for path, data in writes:
        write_in_place(f"{out}/{path}", data)
    for path in remove:
        target = out_dir / path
        if target.is_file():
            target.unlink()
            _remove_empty_parents(target.parent, out_dir)


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
