"""Cache files that are checked before they are trusted: a header naming the format, the CRC-32 of the
payload, then the payload (a pickle). Used by the per-file cache (build_tools/file_cache.py), the page
memo (build_tools/emit/page_memo.py), the file digests and the render cache
(build_tools/render/render_cache.py). The first two are large: what every build reads of them is a base
file and a log of the changes since (:func:`read_log_store`), so a build writes one record of what it
changed; what a build reads only when used is in shards (a folder of files, each entry in the one its
key's checksum names), so a build reads and rewrites only the shards it uses or changed.

A file that is missing, truncated or damaged (a flipped bit inside a stored text would otherwise unpickle
fine and change a page) reads as None. It is overwritten in place (:func:`write_in_place`: on this
machine's disk a new file renamed over the old cost ten times as much), so an interrupted write leaves
a file that fails its check and reads as None: a cache lost, never a wrong entry. Payloads are unpickled with an allow-list of classes,
so a planted file cannot run code.

The checksum is there to find damage, which CRC-32 finds (every burst of up to 32 flipped bits, else all
but one in 4 billion), at a third of SHA-256's cost: a build after one added source at 10,000 sources
checks 200 MB of stores. Against a planted file no checksum helps (whoever plants one can write its
checksum); the allow-list does.
"""
from __future__ import annotations

import hashlib
import io
import os
import pickle
import re
import zlib
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path
from typing import Any, Callable, Container, Iterable

from build_tools.collector import collector_paused
from build_tools.emit.writer import write_in_place

DIGEST_SIZE = 4
PLAIN: frozenset[tuple[str, str]] = frozenset()  # containers, strings, numbers: no class lookup needed


@lru_cache(maxsize=None)
def _unpickler_for(allowed: frozenset[tuple[str, str]]) -> type[pickle.Unpickler]:
    """An unpickler that builds only the ``allowed`` classes (and plain containers, which need no lookup).
    One class per allow-list, with no constructor of its own: a build unpickles 20,000 small entries, and
    setting up each unpickler cost about as much as reading its entry."""
    found: dict[tuple[str, str], Any] = {}

    class AllowListUnpickler(pickle.Unpickler):
        def find_class(self, module: str, name: str) -> Any:
            known = found.get((module, name))
            if known is not None:
                return known
            if (module, name) not in allowed:
                raise pickle.UnpicklingError(f"{module}.{name} is not allowed in a cache file")
            found[(module, name)] = known = super().find_class(module, name)
            return known

    return AllowListUnpickler


def digest_of_parts(*parts: str | bytes | None) -> str:
    """SHA-256 of the parts, each length-prefixed so that no two lists of parts collide (None is a part too).
    Parts that are all text without a NUL (paths, hex digests: the keys made 20,000 times a build) are
    joined by NULs instead, behind a byte no length prefix starts with, which is as unambiguous."""
    if parts and all(type(part) is str and "\0" not in part for part in parts):
        return hashlib.sha256(("\x01" + "\0".join(parts)).encode("utf-8", "surrogatepass")).hexdigest()  # type: ignore[arg-type]
    digest = hashlib.sha256()
    for part in parts:
        if part is None:
            digest.update(b"-\0")
            continue
        data = part.encode("utf-8", "surrogatepass") if isinstance(part, str) else part
        digest.update(f"{len(data)}\0".encode())
        digest.update(data)
    return digest.hexdigest()


def canonical_pickle(value: object) -> bytes:
    """A pickle of ``value`` that is the same for equal values however they were built: without pickle's
    memo, a text two fields share is written twice, as two equal copies are. ``value`` holds no cycles."""
    buffer = io.BytesIO()
    pickler = pickle.Pickler(buffer, pickle.HIGHEST_PROTOCOL)
    pickler.fast = True
    pickler.dump(value)
    return buffer.getvalue()


def loads(data: bytes, allowed: frozenset[tuple[str, str]] = PLAIN) -> Any:
    return _unpickler_for(allowed)(io.BytesIO(data)).load()


def read_checked(path: Path, magic: bytes, allowed: frozenset[tuple[str, str]] = PLAIN) -> Any | None:
    """The value stored at ``path`` under this header, or None when missing, damaged or not loadable."""
    try:
        data = path.read_bytes()
    except OSError:
        return None
    if not data.startswith(magic):
        return None
    digest, payload = data[len(magic):len(magic) + DIGEST_SIZE], data[len(magic) + DIGEST_SIZE:]
    if checksum(payload) != digest:
        return None
    try:
        with collector_paused():
            return loads(payload, allowed)
    except Exception:  # noqa: BLE001 - any damage means "no cache", never a failed build
        return None


def remove_older_siblings(path: Path, pattern: str) -> None:
    """Of the other files matching ``pattern`` beside ``path`` (stores of other fingerprints), removes all
    but the newest, so switching between two setups does not rebuild from nothing each time."""
    others = sorted((p for p in path.parent.glob(pattern) if p != path), key=lambda p: p.stat().st_mtime_ns)
    for stale in others[:-1]:
        stale.unlink()


def write_checked(path: Path, magic: bytes, value: object) -> None:
    """Pickles ``value`` to ``path`` under this header (in place: see the module's docstring)."""
    payload = pickle.dumps(value, pickle.HIGHEST_PROTOCOL)
    write_in_place(path, magic + checksum(payload) + payload)


def checksum(payload: bytes) -> bytes:
    """The CRC-32 of a payload, as stored before it."""
    return zlib.crc32(payload).to_bytes(DIGEST_SIZE, "big")


# Lazily read stores (the per-file cache's parts, the page memo's bodies and sections) are split into
# shards by key: a build reads the few shards holding what it uses and rewrites those holding what changed.
SHARDS = 256
_SHARD_NAME = re.compile(r"[0-9a-f]{2}\.pickle")  # the shards of an earlier layout of the eager stores


def shard_of(key: str) -> str:
    return f"{zlib.crc32(key.encode('utf-8', 'surrogatepass')) % SHARDS:02x}"


class LazyShards:
    """A folder of shards, each a checked file of entries written under ``header``, read only when an entry
    in it is asked for; ``shard_name`` gives a key's shard's file name. A shard missing, damaged or of
    another header holds nothing."""

    def __init__(self, folder: Path | None, magic: bytes, header: dict, shard_name: Callable[[str], str]):
        self.folder, self.magic, self.header, self.shard_name = folder, magic, header, shard_name
        self.read: dict[str, dict[str, Any]] = {}  # the shards read, by file name

    def shard(self, key: str) -> dict[str, Any]:
        """The entries of the shard ``key`` falls in."""
        return self.shard_named(self.shard_name(key))

    def shard_named(self, name: str) -> dict[str, Any]:
        if name not in self.read:
            saved = read_checked(self.folder / name, self.magic) if self.folder is not None else None
            fits = isinstance(saved, dict) and saved.get("header") == self.header and isinstance(saved.get("entries"), dict)
            self.read[name] = saved["entries"] if fits else {}  # type: ignore[index]
        return self.read[name]

    def save(self, made: dict[str, Any], keeping: Container[str], dropped: Iterable[str]) -> set[str]:
        """Rewrites each shard holding an entry ``made`` this build or one of a key ``dropped``:
        with the entries it held whose keys it is still ``keeping`` (and not made anew) and those made; one
        left with none is removed. The names of the shards written."""
        assert self.folder is not None
        by_shard: dict[str, dict[str, Any]] = {}
        for key, value in made.items():
            by_shard.setdefault(self.shard_name(key), {})[key] = value
        written = set()
        for name in sorted(by_shard.keys() | {self.shard_name(key) for key in dropped}):
            entries = {key: value for key, value in self.shard_named(name).items() if key in keeping and key not in made}
            entries.update(by_shard.get(name, {}))
            if entries:
                write_checked(self.folder / name, self.magic, {"header": self.header, "entries": dict(sorted(entries.items()))})
                written.add(name)
            else:
                (self.folder / name).unlink(missing_ok=True)
        return written


# A store every build reads whole (the per-file cache's entries, the page memo's) is a base file and a log
# of the builds' changes since: a build appends one record of the entries it changed or dropped. A build
# after one added source changes about a hundred entries, which in 256 shards rewrote some 80 files; on
# this machine's disk creating and renaming a file costs 60-120 us, writing a record to an open log 15.
# The log is folded into a new base once it would outgrow half the base (a longer log is read on every
# build, a shorter one means writing the whole base more often), and the shards of the earlier layout
# are removed then.
BASE_FILE = "base.pickle"
LOG_FILE = "log"
_RECORD_HEAD = 8  # a record is its payload's length and CRC-32 (4 bytes each, big-endian), then the payload
MIN_LOG = 64 * 1024  # a small store's log may grow to this before it is folded


@dataclass
class LogRead:
    """What :func:`read_log_store` found: the entries, and where the store stands for the next write."""

    entries: dict[str, Any] = field(default_factory=dict)
    generation: str | None = None  # the base's, which the log's records name; None when there is no usable base
    base_size: int = 0
    log_end: int = 0  # the length of the log's valid records (less than the file after an interrupted append)


def read_log_store(folder: Path, magic: bytes, header: dict, allowed: frozenset[tuple[str, str]] = PLAIN) -> LogRead:
    """The entries of the store in ``folder`` written under ``header``: its base's, updated by each record
    of its log in order. Without a usable base (missing, damaged, another header) the store is empty;
    the log's records are read up to the first that is incomplete, damaged or of another base, and what
    follows is ignored (it is the log of an interrupted append or of a base since replaced). A damaged
    record so leaves the values an earlier build stored for its keys: a store's entries must each be
    keyed on, or check, what they were made from, as a cache's are."""
    base_path = folder / BASE_FILE
    base = read_checked(base_path, magic, allowed)
    if not (isinstance(base, dict) and base.get("header") == header and isinstance(base.get("entries"), dict)
            and isinstance(base.get("generation"), str)):
        return LogRead()
    read = LogRead(base["entries"], base["generation"], base_path.stat().st_size)
    try:
        log = (folder / LOG_FILE).read_bytes()
    except OSError:
        return read
    position = 0
    with collector_paused():
        while position + _RECORD_HEAD <= len(log):
            end = position + _RECORD_HEAD + int.from_bytes(log[position:position + 4], "big")
            payload = log[position + _RECORD_HEAD:end]
            if end > len(log) or checksum(payload) != log[position + 4:position + _RECORD_HEAD]:
                break
            try:
                record = loads(payload, allowed)
            except Exception:  # noqa: BLE001 - a damaged record ends the log
                break
            if not (isinstance(record, dict) and record.get("generation") == read.generation
                    and isinstance(record.get("set"), dict) and isinstance(record.get("drop"), list)):
                break
            read.entries.update(record["set"])
            for key in record["drop"]:
                read.entries.pop(key, None)
            position = end
    read.log_end = position
    return read


def write_log_store(folder: Path, magic: bytes, header: dict, entries: dict[str, Any], previous: LogRead) -> None:
    """Makes the store in ``folder`` hold ``entries``: appends a record of the entries that differ from those
    read (``previous``) to its log, or, when there is no usable base or the log would outgrow half the base,
    writes them as a new base and removes the log."""
    before = previous.entries
    changed = {key: value for key, value in entries.items() if key not in before or before[key] != value}
    dropped = sorted(before.keys() - entries.keys())
    if previous.generation is not None and not changed and not dropped:
        return
    if previous.generation is not None:
        payload = pickle.dumps({"generation": previous.generation, "set": changed, "drop": dropped}, pickle.HIGHEST_PROTOCOL)
        if previous.log_end + _RECORD_HEAD + len(payload) <= max(previous.base_size // 2, MIN_LOG):
            _append_record(folder / LOG_FILE, previous.log_end, payload)
            return
    write_checked(folder / BASE_FILE, magic, {"header": header, "generation": os.urandom(8).hex(), "entries": entries})
    (folder / LOG_FILE).unlink(missing_ok=True)  # its records name the base replaced: ignored if left
    for name in os.listdir(folder):
        if _SHARD_NAME.fullmatch(name):
            (folder / name).unlink(missing_ok=True)


def _append_record(log: Path, valid_end: int, payload: bytes) -> None:
    """Appends one record after the log's ``valid_end`` bytes, cutting off what an interrupted append left."""
    with open(log, "r+b" if valid_end else "wb") as handle:
        handle.truncate(valid_end)
        handle.seek(valid_end)
        handle.write(len(payload).to_bytes(4, "big") + checksum(payload) + payload)
