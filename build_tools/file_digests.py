"""Digests of input files, reused while a file's metadata says it was not written since, as git's index
does.

The whole-tree cache (:mod:`build_tools.cache`) keys on every input file's bytes and the per-file cache
(:mod:`build_tools.file_cache`) on each source file's and sidecar's: at 10,000 sources, reading and
hashing those 18,000 files twice cost about half a second of a build after one source was added. A
file whose size, modification time, change time (in nanoseconds) and inode are those recorded with its
digest still has the bytes it had: writing a file sets its change time to the clock, and no tool can set
it back (``touch`` and ``cp -p`` set the modification time only).

One case is not safe: a file written again within the same tick of a coarse file-system clock as the
recorded write keeps every time. So a digest is only kept for a file whose times are at least
``SETTLED_NS`` older than the moment the store is written (:meth:`FileDigests.save`); a file written
just before a build is read again by the next one, which is cheap: few files are that new.

The store lives in ``OUT/.cache/digests.pickle``, checked like the other caches
(:mod:`build_tools.checked_store`); a damaged or missing one only means every file is read.
"""
from __future__ import annotations

import hashlib
import os
import time
from dataclasses import dataclass, field
from pathlib import Path

from build_tools import checked_store

FORMAT = 1
DIGESTS_FILE = "digests.pickle"
MAGIC = b"dpb-file-digests\n"
SETTLED_NS = 3_000_000_000  # coarser than any file-system clock in use (FAT's 2 s)

Stamp = tuple[int, int, int, int]  # size, mtime_ns, ctime_ns, inode


def stamp_of(stat: os.stat_result) -> Stamp:
    return stat.st_size, stat.st_mtime_ns, stat.st_ctime_ns, stat.st_ino


def digest_of_bytes(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


@dataclass
class FileDigests:
    """The digests read at the start of a build, and those this build made or confirmed."""

    path: Path | None = None  # where to save; None keeps them in memory only
    stored: dict[str, tuple[Stamp, str]] = field(default_factory=dict)  # absolute path -> (stamp, SHA-256 hex)
    kept: dict[str, tuple[Stamp, str]] = field(default_factory=dict)
    read: int = 0  # files whose bytes were read and hashed

    @classmethod
    def open(cls, folder: Path | None) -> "FileDigests":
        """The store of cache folder ``folder`` (None: in memory only); empty when missing or damaged."""
        digests = cls(folder / DIGESTS_FILE if folder is not None else None)
        saved = checked_store.read_checked(digests.path, MAGIC) if digests.path is not None else None
        if isinstance(saved, dict) and saved.get("format") == FORMAT and isinstance(saved.get("files"), dict):
            digests.stored = {name: entry for name, entry in saved["files"].items() if _well_formed(entry)}
        return digests

    def digest(self, path: str | os.PathLike[str]) -> str:
        """The SHA-256 (hex) of the file's bytes; raises OSError when it cannot be read."""
        name = os.fspath(path)
        seen = self.kept.get(name)
        if seen is not None:
            return seen[1]  # as this build saw it first: the whole-tree key and the per-file keys agree
        stamp = stamp_of(os.stat(name))
        entry = self.stored.get(name)
        if entry is not None and entry[0] == stamp:
            self.kept[name] = entry
            return entry[1]
        with open(name, "rb") as handle:
            data = handle.read()
        self.read += 1
        digest = digest_of_bytes(data)
        if stamp_of(os.stat(name)) == stamp:  # not written while it was read
            self.kept[name] = (stamp, digest)
        return digest

    def save(self) -> None:
        """Writes the digests this build made or confirmed, but only of files settled long enough for
        their times to tell a later write apart."""
        if self.path is None:
            return
        settled_before = time.time_ns() - SETTLED_NS
        files = {name: entry for name, entry in self.kept.items() if max(entry[0][1], entry[0][2]) < settled_before}
        if files == self.stored:
            return
        checked_store.write_checked(self.path, MAGIC, {"format": FORMAT, "files": files})


def _well_formed(entry: object) -> bool:
    return (isinstance(entry, tuple) and len(entry) == 2 and isinstance(entry[1], str) and isinstance(entry[0], tuple)
            and len(entry[0]) == 4 and all(isinstance(part, int) for part in entry[0]))
