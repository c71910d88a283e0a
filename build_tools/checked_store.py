"""Cache files that are checked before they are trusted: a header naming the format, the SHA-256 of the
payload, then the payload (a pickle). Used by the per-file cache (build_tools/file_cache.py) and the
render cache (build_tools/render/render_cache.py).

A file that is missing, truncated or damaged (a flipped bit inside a stored text would otherwise unpickle
fine and change a page) reads as None; it is written atomically (a temporary file renamed over it), so
an interrupted write leaves the old file or none. Payloads are unpickled with an allow-list of classes,
so a planted file cannot run code.
"""
from __future__ import annotations

import hashlib
import io
import pickle
from pathlib import Path
from typing import Any

from build_tools.collector import collector_paused
from build_tools.emit.writer import atomic_write

DIGEST_SIZE = 32
PLAIN: frozenset[tuple[str, str]] = frozenset()  # containers, strings, numbers: no class lookup needed


class _AllowListUnpickler(pickle.Unpickler):
    """Builds only the allowed classes (and plain containers, which need no lookup)."""

    def __init__(self, data: bytes, allowed: frozenset[tuple[str, str]]):
        super().__init__(io.BytesIO(data))
        self._allowed = allowed

    def find_class(self, module: str, name: str) -> Any:
        if (module, name) not in self._allowed:
            raise pickle.UnpicklingError(f"{module}.{name} is not allowed in a cache file")
        return super().find_class(module, name)


def digest_of_parts(*parts: str | bytes | None) -> str:
    """SHA-256 of the parts, each length-prefixed so that no two lists of parts collide (None is a part too)."""
    digest = hashlib.sha256()
    for part in parts:
        if part is None:
            digest.update(b"-\0")
            continue
        data = part.encode("utf-8", "surrogatepass") if isinstance(part, str) else part
        digest.update(f"{len(data)}\0".encode())
        digest.update(data)
    return digest.hexdigest()


def loads(data: bytes, allowed: frozenset[tuple[str, str]] = PLAIN) -> Any:
    return _AllowListUnpickler(data, allowed).load()


def read_checked(path: Path, magic: bytes, allowed: frozenset[tuple[str, str]] = PLAIN) -> Any | None:
    """The value stored at ``path`` under this header, or None when missing, damaged or not loadable."""
    try:
        data = path.read_bytes()
    except OSError:
        return None
    if not data.startswith(magic):
        return None
    digest, payload = data[len(magic):len(magic) + DIGEST_SIZE], data[len(magic) + DIGEST_SIZE:]
    if hashlib.sha256(payload).digest() != digest:
        return None
    try:
        with collector_paused():
            return loads(payload, allowed)
    except Exception:  # noqa: BLE001 - any damage means "no cache", never a failed build
        return None


def write_checked(path: Path, magic: bytes, value: object) -> None:
    """Pickles ``value`` to ``path`` under this header, atomically."""
    payload = pickle.dumps(value, pickle.HIGHEST_PROTOCOL)
    atomic_write(path, magic + hashlib.sha256(payload).digest() + payload)
