"""Cache files that are checked before they are trusted: a header naming the format, the CRC-32 of the
payload, then the payload (a pickle). Used by the per-file cache (build_tools/file_cache.py), the page
memo (build_tools/emit/page_memo.py), the file digests and the render cache
(build_tools/render/render_cache.py); the first two are large and are kept in shards (a folder of files,
each entry in the one its key's checksum names), so a build rewrites only the shards it changed.

A file that is missing, truncated or damaged (a flipped bit inside a stored text would otherwise unpickle
fine and change a page) reads as None; it is written atomically (a temporary file renamed over it), so
an interrupted write leaves the old file or none. Payloads are unpickled with an allow-list of classes,
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
from dataclasses import dataclass
from functools import cached_property, lru_cache
from pathlib import Path
from typing import Any

from build_tools.collector import collector_paused
from build_tools.emit.writer import atomic_write

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
    """Pickles ``value`` to ``path`` under this header, atomically."""
    payload = pickle.dumps(value, pickle.HIGHEST_PROTOCOL)
    atomic_write(path, magic + checksum(payload) + payload)


def checksum(payload: bytes) -> bytes:
    """The CRC-32 of a payload, as stored before it."""
    return zlib.crc32(payload).to_bytes(DIGEST_SIZE, "big")


# A store too large to rewrite on every build (at 10,000 sources the per-file cache holds about 110 MB)
# is split into shards by key: a build that changes a few entries rewrites the few shards holding them.
SHARDS = 256
_SHARD_NAME = re.compile(r"[0-9a-f]{2}\.pickle")


def shard_of(key: str) -> str:
    return f"{zlib.crc32(key.encode('utf-8', 'surrogatepass')) % SHARDS:02x}"


@dataclass
class ShardedRead:
    """The entries read from a folder of shards, by shard file name."""

    shards: dict[str, dict[str, Any]]
    files: set[str]  # every shard file there was, readable or not

    @cached_property
    def entries(self) -> dict[str, Any]:
        """Every shard's entries in one mapping, made once (opening a store and saving it both need it);
        ask only once :func:`read_shards` has filled ``shards``."""
        return {key: value for entries in self.shards.values() for key, value in entries.items()}


def read_shards(folder: Path, magic: bytes, header: dict, allowed: frozenset[tuple[str, str]] = PLAIN) -> ShardedRead:
    """The entries of every shard in ``folder`` written under ``header``: a missing or damaged shard, or one
    written under another header (other code, another format), holds none."""
    read = ShardedRead({}, set())
    try:
        names = sorted(name for name in os.listdir(folder) if _SHARD_NAME.fullmatch(name))
    except OSError:
        return read
    read.files = set(names)
    for name in names:
        saved = read_checked(folder / name, magic, allowed)
        if isinstance(saved, dict) and saved.get("header") == header and isinstance(saved.get("entries"), dict):
            read.shards[name] = saved["entries"]
    return read


def write_shards(folder: Path, magic: bytes, header: dict, entries: dict[str, Any], previous: ShardedRead) -> None:
    """Makes ``folder`` hold ``entries``, rewriting only the shards whose entries differ from those read
    (``previous``) and removing the shard files that hold none; each shard is written atomically. Only
    the keys that are new, gone or changed are assigned to shards here: the others stay where they
    were read (at 10,000 sources, finding the shard of each of 40,000 keys cost more than the writing)."""
    before = previous.entries
    added: dict[str, dict[str, Any]] = {}
    for key in entries.keys() - before.keys():
        added.setdefault(f"{shard_of(key)}.pickle", {})[key] = entries[key]
    dirty = set(added)
    dirty.update(f"{shard_of(key)}.pickle" for key in before.keys() - entries.keys())
    dirty.update(f"{shard_of(key)}.pickle" for key, value in entries.items() if key in before and before[key] != value)
    holding = set(added) | {name for name, shard in previous.shards.items() if any(key in entries for key in shard)}
    for name in sorted(dirty & holding):
        shard_entries = {key: entries[key] for key in previous.shards.get(name, {}) if key in entries}
        shard_entries.update(added.get(name, {}))
        write_checked(folder / name, magic, {"header": header, "entries": shard_entries})
    for name in previous.files - holding:
        (folder / name).unlink(missing_ok=True)
