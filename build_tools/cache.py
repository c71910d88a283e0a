"""Generator cache: when no input and no code changed, skip parse, index and emit entirely.

The key is a SHA-256 over everything the generated tree depends on:

- every file under ``content/`` and ``briefings/`` (relative path and bytes, or the digest of its bytes
  that :mod:`build_tools.file_digests` keeps while the file is unchanged; so an edit, an added or a
  removed file, even one the parsers ignore, changes the key);
- the ``build_tools`` package: its code (hashed once per process, i.e. the code that is running) and
  its data files such as ``theme/assets/`` (hashed on every build, since emitters read them from disk);
- the Python version, the versions of the libraries the parsers rely on, ``SOURCE_DATE_EPOCH`` and
  the output folder.

The entry lives next to the output, in ``OUT/.cache/generator.json`` (MkDocs ignores dot-folders in
its docs folder; nothing is ever stored under ``content/`` or ``briefings/``). It records the key and
the manifest of the files the previous build emitted, each with its size and modification time after
the write and the SHA-256 of its bytes. A build is skipped only when the key matches *and* every
recorded file is still there with that size and time, so a generated file edited or deleted by hand
brings a full rebuild. After a miss, the writer need not read back a page whose new bytes have the
recorded digest while the file keeps that size and time.

On a miss the entry is removed before anything is written and stored again only after the whole tree
is written, so an interrupted or failed build never leaves an entry behind. A hit writes nothing at all
(``mkdocs serve`` does not see a change and does not rebuild again).
"""
from __future__ import annotations

import hashlib
import json
import os
import platform
import re
import sys
import tempfile
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import Mapping

from build_tools.emit.writer import MANIFEST, FileBytes, Unloaded, WriteReport, output_digest
from build_tools.file_digests import FileDigests

FORMAT = 2
CACHE_DIR = ".cache"
CACHE_FILE = "generator.json"
KEY_ENVIRONMENT = ("SOURCE_DATE_EPOCH",)
KEY_LIBRARIES = ("digital-pakistan-briefings", "pydantic", "pydantic-core", "PyYAML", "python-dateutil", "click",
                 "trafilatura", "htmldate", "courlan", "justext", "charset-normalizer", "lxml", "lxml_html_clean")
PACKAGE_DIR = Path(__file__).resolve().parent


def _walk(folder: Path, skip_dirs: frozenset[str] = frozenset()) -> list[tuple[str, str]]:
    """(relative posix path, absolute path) of every file under ``folder``, sorted."""
    found: list[tuple[str, str]] = []
    if not folder.is_dir():
        return found
    stack = [(str(folder), "")]
    while stack:
        directory, prefix = stack.pop()
        with os.scandir(directory) as entries:
            for entry in entries:
                if entry.is_dir():
                    if entry.name not in skip_dirs:
                        stack.append((entry.path, f"{prefix}{entry.name}/"))
                elif entry.is_file():
                    found.append((f"{prefix}{entry.name}", entry.path))
    found.sort()
    return found


def _hash_files(digest, label: str, files: list[tuple[str, str]], digests: FileDigests | None = None) -> None:
    """Every file's relative path and bytes (or, with ``digests``, the digest of its bytes)."""
    digest.update(f"\0{label}\0{len(files)}\0".encode())
    for relative, absolute in files:
        if digests is not None:
            digest.update(f"{relative}\0{digests.digest(absolute)}\0".encode())
            continue
        with open(absolute, "rb") as handle:
            data = handle.read()
        digest.update(f"{relative}\0{len(data)}\0".encode())
        digest.update(data)


def _package_files() -> tuple[list[tuple[str, str]], list[tuple[str, str]]]:
    files = _walk(PACKAGE_DIR, frozenset({"__pycache__"}))
    code = [f for f in files if f[0].endswith(".py")]
    data = [f for f in files if not f[0].endswith((".py", ".pyc"))]
    return code, data


@lru_cache(maxsize=1)
def code_fingerprint() -> str:
    """The running code's fingerprint: computed once per process, so a file edited after the modules
    were imported (say, during ``mkdocs serve``) does not pass for the code that produced the output."""
    digest = hashlib.sha256()
    _hash_files(digest, "code", _package_files()[0])
    digest.update(f"\0python {platform.python_implementation()} {sys.version}\0".encode())
    digest.update(library_versions(KEY_LIBRARIES).encode())
    return digest.hexdigest()


def library_versions(names: tuple[str, ...]) -> str:
    """``name=version`` of each installed distribution (``-`` when missing), for cache keys: the first of its
    name on ``sys.path``, as importlib.metadata finds it. The version of one installed as a
    ``name-version.dist-info`` folder is read from the folder's name; only the others' metadata is read
    (reading each one's cost 1-2 ms: 20 ms of a build after one added source)."""
    from importlib import metadata

    folders = _distribution_folders()
    found = []
    for name in names:
        version = folders.get(_normalized(name))
        if version is None:
            try:
                version = metadata.version(name)
            except metadata.PackageNotFoundError:
                version = "-"
        found.append(f"{name}={version}\0")
    return "".join(found)


def _distribution_folders() -> dict[str, str | None]:
    """Normalized name -> version of the first distribution folder of that name on ``sys.path``; None for
    one whose folder's name gives no version (an ``.egg-info``, a ``.dist-info`` without it)."""
    first: dict[str, str | None] = {}
    for entry in sys.path:
        try:
            names = os.listdir(entry or ".")
        except OSError:
            continue
        for folder in names:
            stem, dot, kind = folder.rpartition(".")
            if dot and kind in ("dist-info", "egg-info"):
                name, _, version = stem.partition("-")
                first.setdefault(_normalized(name), version if kind == "dist-info" and version else None)
    return first


def _normalized(name: str) -> str:
    return re.sub(r"[-_.]+", "_", name).lower()


def input_key(root: Path, inputs: list[Path], out: Path, code: str | None = None,
              digests: FileDigests | None = None) -> str:
    """The cache key of one build: inputs, package data files, code, environment and output folder.
    ``digests``: file digests kept from earlier builds (:mod:`build_tools.file_digests`), so that unchanged
    files are not read."""
    digest = hashlib.sha256(f"dpb-generator-cache {FORMAT}\0".encode())
    digest.update((code or code_fingerprint()).encode())
    _hash_files(digest, "package-data", _package_files()[1])
    for name in KEY_ENVIRONMENT:
        digest.update(f"\0{name}={os.environ.get(name, '')}\0".encode())
    digest.update(f"\0out={out.resolve()}\0".encode())
    for folder in inputs:
        label = os.path.relpath(folder, root) if folder.is_absolute() else str(folder)
        _hash_files(digest, label, _walk(folder), digests)
    return digest.hexdigest()


@dataclass
class CacheCheck:
    """The outcome of :func:`lookup`: a hit (with the report to return) or a miss to :meth:`store`."""

    out: Path
    key: str
    report: WriteReport | None = None
    # what the last build wrote (path -> size, mtime_ns, SHA-256), for the writer to skip reading back
    previous_outputs: dict[str, tuple[int, int, str]] | None = None

    @property
    def hit(self) -> bool:
        return self.report is not None

    def store(self, files: Mapping[str, FileBytes], digests: dict[str, str] | None = None,
              stamps: dict[str, tuple[int, int]] | None = None) -> None:
        """Records this build's output; call after the tree is fully written. ``digests``, ``stamps``: SHA-256
        and (size, modification time) of some of the files, already known (the writer's, of the files it
        found unchanged: at 10,000 sources, a stat of each of 11,000 files again cost 0.05 s)."""
        digests, stamps = digests or {}, stamps or {}
        outputs = {}
        out = os.fspath(self.out)
        for path in [*sorted(files), MANIFEST]:
            stamp = stamps.get(path)
            if stamp is None:
                try:
                    stat = os.stat(f"{out}/{path}")
                except OSError:
                    return  # the tree is not what we wrote: store nothing, the next build regenerates
                stamp = stat.st_size, stat.st_mtime_ns
            outputs[path] = [*stamp] + ([digests.get(path) or _digest_of(files[path])] if path in files else [])
        entry = {"format": FORMAT, "key": self.key, "files": outputs}
        target = cache_path(self.out)
        target.parent.mkdir(parents=True, exist_ok=True)
        fd, temp = tempfile.mkstemp(dir=target.parent, prefix=".tmp-", suffix=".json")
        try:
            with os.fdopen(fd, "w", encoding="utf-8") as handle:
                handle.write(json.dumps(entry, separators=(",", ":")))  # one C call; json.dump writes in pieces
            os.replace(temp, target)
        except BaseException:
            Path(temp).unlink(missing_ok=True)
            raise


def _digest_of(data: FileBytes) -> str:
    return data.digest if isinstance(data, Unloaded) else output_digest(data)


def cache_path(out: Path) -> Path:
    return out / CACHE_DIR / CACHE_FILE


def lookup(root: Path, inputs: list[Path], out: Path, digests: FileDigests | None = None) -> CacheCheck:
    """A hit when the key matches the stored one and the output tree is as that build left it; on a
    miss the stored entry is removed, so it cannot outlive the tree it describes."""
    key = input_key(root, inputs, out, digests=digests)
    check = CacheCheck(out, key)
    path = cache_path(out)
    try:
        entry = json.loads(path.read_text("utf-8"))
    except (OSError, ValueError):
        return check
    if isinstance(entry, dict) and entry.get("format") == FORMAT and entry.get("key") == key \
            and _outputs_intact(out, entry.get("files")):
        files = entry["files"]
        check.report = WriteReport(written=[], unchanged=len(files) - (1 if MANIFEST in files else 0), removed=[])
        return check
    if isinstance(entry, dict) and entry.get("format") == FORMAT and isinstance(entry.get("files"), dict):
        check.previous_outputs = {path: (recorded[0], recorded[1], recorded[2]) for path, recorded in entry["files"].items()
                                  if isinstance(recorded, list) and len(recorded) == 3
                                  and all(isinstance(part, int) for part in recorded[:2]) and isinstance(recorded[2], str)}
    path.unlink(missing_ok=True)
    return check


def _outputs_intact(out: Path, files: object) -> bool:
    if not isinstance(files, dict) or MANIFEST not in files:
        return False
    for path, recorded in files.items():
        try:
            stat = os.stat(out / path)
        except (OSError, ValueError):
            return False
        if not isinstance(recorded, list) or [stat.st_size, stat.st_mtime_ns] != recorded[:2]:
            return False
    return True
