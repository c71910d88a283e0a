"""The published site's search: a Pagefind index built from the rendered HTML after `mkdocs build`.

Pagefind splits its index into chunks, so a reader's first search downloads a few hundred kilobytes
however large the site grows (Material's own search loads one JSON of every page). It needs
``fetch()``, which browsers refuse from file:// URLs, so the offline copy keeps Material's search
(``mkdocs.offline.yml``).

What is indexed: each page's ``<article>`` (Material's content column, without navigation, header or
footer) of the pages :data:`build_tools.emit.paths.SEARCHED_PAGES` names: not the archives by month
and year nor an entity's pages by year and month, whose lines each lead to a page that is searched
(and which would put titles such as "Timeline: May 2024" among the results). The glob is made for
directory URLs, where every page is a ``.../index.html``; it also leaves out the page-not-found page, ``404.html``.
Sections the emitters wrap in ``data-pagefind-ignore`` (mention lists, cited paragraphs, listings: the
parts that grow with the corpus) and the headings' permalink signs are left out, so titles, summaries,
key points, briefing text and entity names are what a search finds.

A build that wrote no page different from the last build's does not run Pagefind: a stamp in the
build's cache says the bundle is whole and how it was made (:func:`claim_search_index`).
"""
from __future__ import annotations

import gzip
import hashlib
import importlib.metadata
import json
import os
import re
import shutil
import subprocess
import sys
from pathlib import Path
from typing import Any

from build_tools.emit.paths import SEARCHED_PAGES
from build_tools.errors import BuildFailed, Problem

BUNDLE_DIR = "pagefind"
ROOT_SELECTOR = "article"
EXCLUDE_SELECTORS = (".headerlink",)
LANGUAGE = "en"
_MISSING_MODULE = "No module named pagefind"


# In the bundle while Pagefind writes it: found at the start of a build, the last one did not finish.
UNFINISHED = ".unfinished"

# The page title as the toc extension writes it: an id, and a permalink sign linking to it when configured
_ANCHORED_TITLE = re.compile(r'<h1 id="([^"<>]+)">(.*?)(?:<a class="headerlink" href="#\1"[^>]*>[^<]*</a>)?</h1>', re.S)


def title_without_anchor(html: str) -> str:
    """A page's HTML with its ``<h1>`` title's id moved to an empty ``<span>`` inside it, and its
    permalink sign left out. Pagefind makes a sub-result of each heading with an id, and its dialog drops
    only a first sub-result that is the page's own address: each result was followed by its own title
    again ("# Pakistan moves from VPN registration..."). The id stays on the page: Material's "Skip to
    content" link points at it."""
    return _ANCHORED_TITLE.sub(r'<h1><span id="\1"></span>\2</h1>', html, count=1)


def searched_pages_glob(pages: tuple[str, ...] = SEARCHED_PAGES) -> str:
    """Pagefind's ``--glob`` for ``pages`` (Markdown paths, ``*`` for any name) as MkDocs writes them with
    directory URLs: ``sources/*.md`` is ``sources/index.html`` and ``sources/*/index.html``."""
    globs = []
    for page in pages:
        folder, _, name = page.rpartition("/")
        prefix = f"{folder}/" if folder else ""
        stem = name.removesuffix(".md")
        if stem == "*" or stem == "index":
            globs.append(f"{prefix}index.html")
        if stem != "index":
            globs.append(f"{prefix}{stem}/index.html")
    return "{" + ",".join(dict.fromkeys(globs)) + "}"


def pagefind_command(site_dir: Path, directory_urls: bool = True) -> list[str]:
    command = [sys.executable, "-m", "pagefind", "--site", str(site_dir), "--output-subdir", BUNDLE_DIR,
               "--root-selector", ROOT_SELECTOR, "--force-language", LANGUAGE, "--silent"]
    if directory_urls:
        command += ["--glob", searched_pages_glob()]
    for selector in EXCLUDE_SELECTORS:
        command += ["--exclude-selectors", selector]
    return command


def build_search_index(site_dir: Path, directory_urls: bool = True, stamp_file: Path | None = None) -> list[str]:
    """Writes ``site_dir/pagefind/``; raises BuildFailed naming the site folder when Pagefind fails.

    Pagefind writes into the bundle of the last build, keeping the files whose names (digests of their
    content) it would write again, which at 10,000 sources is nearly all of them and far cheaper than
    writing them anew (see :mod:`build_tools.render.site_in_place`); the files it no longer names are
    then removed (:func:`prune_bundle`). Returns those, relative to the bundle. When the bundle cannot be
    read that way, was made by another Pagefind version, or its last indexing did not finish (a file it
    was writing may be cut short, and Pagefind keeps a file whose name it would write), it is removed
    and written afresh. With ``stamp_file`` (in the build's cache, outside the published site), notes
    there how the finished bundle was made, for :func:`claim_search_index`."""
    bundle = site_dir / BUNDLE_DIR
    unfinished = bundle / UNFINISHED
    if stamp_file is not None:
        stamp_file.unlink(missing_ok=True)
    if unfinished.exists():
        shutil.rmtree(bundle, ignore_errors=True)
    before = _bundle_version(bundle)
    bundle.mkdir(parents=True, exist_ok=True)
    unfinished.write_bytes(b"")
    _run_pagefind(site_dir, directory_urls)
    made_by_another = before is not None and before != _bundle_version(bundle)
    removed = None if made_by_another else prune_bundle(bundle)
    if removed is None:
        shutil.rmtree(bundle, ignore_errors=True)
        bundle.mkdir(parents=True)
        unfinished.write_bytes(b"")
        _run_pagefind(site_dir, directory_urls)
        removed = []
    unfinished.unlink()
    if stamp_file is not None:
        keep_search_index(site_dir, stamp_file, directory_urls)
    return removed


def claim_search_index(site_dir: Path, stamp_file: Path, directory_urls: bool = True) -> bool:
    """At the start of a build, before it writes a page: whether ``site_dir``'s bundle is the one
    ``stamp_file`` describes, whole and written by the installed Pagefind run as :func:`build_search_index`
    would run it now. Then, if the build changes no page, it is the index Pagefind would write again
    (:func:`keep_search_index`). Removes the stamp, so that a build stopped after writing pages leaves a
    bundle the next build indexes anew."""
    expected = _indexed_stamp(site_dir, directory_urls)
    try:
        written = stamp_file.read_text("utf-8")
        stamp_file.unlink()
    except (OSError, UnicodeDecodeError):
        return False
    return expected is not None and written == expected


def keep_search_index(site_dir: Path, stamp_file: Path, directory_urls: bool = True) -> None:
    """Notes in ``stamp_file`` that ``site_dir``'s bundle is whole and how it was made: after Pagefind
    wrote it, or after a build that changed no page of a site whose bundle :func:`claim_search_index`
    found current."""
    stamp = _indexed_stamp(site_dir, directory_urls)
    if stamp is not None:
        stamp_file.parent.mkdir(parents=True, exist_ok=True)
        stamp_file.write_text(stamp, "utf-8")


def _indexed_stamp(site_dir: Path, directory_urls: bool) -> str | None:
    """The Pagefind version, its command line and a digest of the bundle's entry file (it names the
    digests of the bundle's other files); None when there is no whole bundle or no Pagefind."""
    bundle = site_dir / BUNDLE_DIR
    if (bundle / UNFINISHED).exists():
        return None
    try:
        version = importlib.metadata.version("pagefind")
        entry = hashlib.sha256((bundle / "pagefind-entry.json").read_bytes()).hexdigest()
    except (importlib.metadata.PackageNotFoundError, OSError):
        return None
    return json.dumps({"pagefind": version, "command": pagefind_command(site_dir, directory_urls),
                       "entry": entry}) + "\n"


def _run_pagefind(site_dir: Path, directory_urls: bool) -> None:
    try:
        result = subprocess.run(pagefind_command(site_dir, directory_urls), capture_output=True, text=True, check=False)
    except OSError as exc:
        raise BuildFailed([Problem(str(site_dir), None, f"could not run Pagefind to build the search index: {exc}")]) from None
    if result.returncode != 0:
        said = (result.stderr or result.stdout).strip()
        if _MISSING_MODULE in said:
            said = "Pagefind is not installed; run `pip install -e .` (it installs pagefind[bin])"
        raise BuildFailed([Problem(str(site_dir), None, f"Pagefind could not build the search index: {said}")])
    if not (site_dir / BUNDLE_DIR / "pagefind-entry.json").is_file():
        raise BuildFailed([Problem(str(site_dir), None, "Pagefind finished but wrote no search index "
                                                       f"({BUNDLE_DIR}/pagefind-entry.json is missing)")])


# The bundle's folders whose files are named by a digest of their content, which the language's
# pf_meta file names (pages' result fragments, word index chunks, filter indexes).
NAMED_BY_META = {"fragment": ".pf_fragment", "index": ".pf_index", "filter": ".pf_filter"}
_META_SIGNATURE = b"pagefind_dcd"
_DIGEST_NAME = re.compile(r"[a-z][a-z0-9-]*_[0-9a-f]{7,}")


def _bundle_version(bundle: Path) -> str | None:
    try:
        return str(json.loads((bundle / "pagefind-entry.json").read_text("utf-8"))["version"])
    except (OSError, ValueError, KeyError, TypeError):
        return None


def bundle_files(bundle: Path) -> set[str]:
    """The files of the bundle's named folders and its pf_meta files (relative paths): what pruning may remove."""
    found = set()
    for folder in NAMED_BY_META:
        if (bundle / folder).is_dir():
            with os.scandir(bundle / folder) as entries:
                found.update(f"{folder}/{entry.name}" for entry in entries if entry.is_file())
    return found | {path.name for path in bundle.glob("pagefind.*.pf_meta") if path.is_file()}


def live_bundle_files(bundle: Path, present: set[str] | None = None) -> set[str] | None:
    """Of :func:`bundle_files` (``present``, when already listed), those the bundle's entry file and pf_meta
    files name, or None when they cannot be read as expected (then nothing is removed)."""
    try:
        present = bundle_files(bundle) if present is None else present
        entry = json.loads((bundle / "pagefind-entry.json").read_text("utf-8"))
        digests = [str(language["hash"]) for language in entry["languages"].values()]
        live = set()
        for digest in digests:
            meta = f"pagefind.{digest}.pf_meta"
            data = gzip.decompress((bundle / meta).read_bytes())
            if not data.startswith(_META_SIGNATURE):
                return None
            named = {text for text in _strings(decode_cbor(data[len(_META_SIGNATURE):])) if _DIGEST_NAME.fullmatch(text)}
            found = {path for name in named for folder, suffix in NAMED_BY_META.items()
                     if (path := f"{folder}/{name}{suffix}") in present}
            if len(found) != len(named):
                return None  # a name we took for a file's is not one: we do not read this format right
            live |= found | {meta}
    except (OSError, ValueError, KeyError, TypeError, AttributeError, EOFError, gzip.BadGzipFile, RecursionError):
        return None
    return live


def prune_bundle(bundle: Path) -> list[str] | None:
    """Removes the files of the bundle's named folders, and the pf_meta files, that the bundle no longer
    names; returns them (relative to the bundle), or None when the bundle cannot be read."""
    present = bundle_files(bundle)  # listed once: the bundle holds a file per page
    live = live_bundle_files(bundle, present)
    if live is None:
        return None
    removed = sorted(present - live)
    for name in removed:
        (bundle / name).unlink()
    return removed


def decode_cbor(data: bytes) -> Any:
    """The value of a CBOR document (RFC 8949: the definite and indefinite lengths, tags skipped), as
    Pagefind writes its pf_meta files. Raises ValueError on anything else."""
    value, end = _cbor_item(data, 0)
    if end != len(data):
        raise ValueError("bytes after the CBOR value")
    return value


def _cbor_item(data: bytes, at: int) -> tuple[Any, int]:
    if at >= len(data):
        raise ValueError("CBOR value cut short")
    major, info = data[at] >> 5, data[at] & 0x1F
    at += 1
    if major == 7:
        widths = {20: 0, 21: 0, 22: 0, 23: 0, 24: 1, 25: 2, 26: 4, 27: 8}
        if info not in widths:
            raise ValueError(f"CBOR simple value {info} not read")
        return {20: False, 21: True}.get(info), at + widths[info]  # floats are never names: skipped
    if info == 31:  # indefinite length: items up to the break byte
        if major not in (2, 3, 4, 5):
            raise ValueError(f"CBOR major type {major} has no indefinite length")
        items = []
        while at < len(data) and data[at] != 0xFF:
            item, at = _cbor_item(data, at)
            items.append(item)
        if at >= len(data):
            raise ValueError("CBOR indefinite value cut short")
        at += 1
        if major in (2, 3):
            return (b"" if major == 2 else "").join(items), at
        return (items if major == 4 else dict(zip(items[::2], items[1::2]))), at
    if info < 24:
        length = info
    elif info in (24, 25, 26, 27):
        width = 1 << (info - 24)
        length, at = int.from_bytes(data[at:at + width], "big"), at + width
    else:
        raise ValueError(f"CBOR additional information {info} not read")
    if major in (0, 1):
        return (length if major == 0 else -1 - length), at
    if major in (2, 3):
        if at + length > len(data):
            raise ValueError("CBOR string cut short")
        chunk = data[at:at + length]
        return (chunk if major == 2 else chunk.decode("utf-8")), at + length
    if major == 6:
        return _cbor_item(data, at)
    items = []
    for _ in range(length * (2 if major == 5 else 1)):
        item, at = _cbor_item(data, at)
        items.append(item)
    return (items if major == 4 else list(zip(items[::2], items[1::2]))), at


def _strings(value: Any) -> list[str]:
    found: list[str] = []
    pending = [value]
    while pending:
        item = pending.pop()
        if isinstance(item, str):
            found.append(item)
        elif isinstance(item, (list, tuple)):
            pending.extend(item)
        elif isinstance(item, dict):
            pending.extend(item.items())
    return found
