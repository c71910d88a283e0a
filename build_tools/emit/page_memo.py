"""Page memo: a generated page is made again only when what it is made from changed.

At 10,000 sources, adding one source changes a few hundred of the 11,000 generated pages, yet every
build made all of them: about a third of the generator's time after a source is added. The memo
keeps each memoized page's bytes with a digest of its *inputs*, and a page whose inputs digest is the
stored one is taken as stored.

A page's inputs are everything its emitter reads besides what every page may read:

- per page, the values an *inputs function* beside the emitter gathers from the index (for a source
  page, :func:`build_tools.emit.source_page.source_page_inputs`): the records the page shows and what
  it shows of other records (a related source's title and label, a citing briefing's title). An
  emitter that starts reading something new must add it there; the tests build every page with and
  without the memo after edits of each kind and compare;
- for the whole store, the *site key*: the running code (:func:`build_tools.cache.code_fingerprint`)
  and the registry (entities, topics, abbreviations, figure groups), which any page may show. Another
  site key discards every stored page.

Digests are of pickles, written without pickle's memo so that equal inputs digest alike however they
were built; should two equal inputs still digest differently, the page is made again: a digest can
cost a reuse, never reuse a wrong page.

The store lives beside the per-file cache, in ``OUT/.cache/pages/``, in shards checked and written like
it (:func:`build_tools.checked_store.write_shards`: a build rewrites only the shards holding pages it
made anew), and holds only plain containers, strings and bytes. It keeps the pages this build made or
reused, and is written only after a successful build.
"""
from __future__ import annotations

import hashlib
from dataclasses import dataclass, field
from pathlib import Path
from typing import Callable

from build_tools import checked_store
from build_tools.cache import CACHE_DIR, code_fingerprint
from build_tools.model import Registry

FORMAT = 1
MEMO_FOLDER = "pages"
LEGACY_FILE = "pages.pickle"
MAGIC = b"dpb-page-memo\n"


def inputs_digest(*inputs: object) -> bytes:
    """The digest of a page's inputs: records (articles, briefings) and plain values. Pickled without
    pickle's memo, so a value shared by two fields is written twice, as two equal copies are: an article
    parsed anew and the same article read back from the per-file cache digest alike."""
    return hashlib.blake2b(checked_store.canonical_pickle(inputs), digest_size=20).digest()


def record_digest(record: object) -> bytes:
    """What a record was made from, where the parser says (:attr:`Article.made_from`: its source
    file's digest and its place in it; with the code, in the site key, that decides every field); else
    the digest of its fields."""
    made_from = getattr(record, "made_from", "")
    return f"made from {made_from}".encode() if made_from else inputs_digest(record)


def site_key(registry: Registry, code: str | None = None) -> str:
    """What every page may read: the code and the registry's entries (not its rejected or unread ids: a
    registry with those fails the build before any page is made)."""
    entries = (registry.entities, registry.topics, registry.abbreviations, registry.figure_groups)
    return f"{code or code_fingerprint()}\0{inputs_digest(*entries).hex()}"


@dataclass
class PageMemo:
    """The pages of the last build, with their inputs digests, and those this build makes or reuses."""

    path: Path | None = None  # where to save; None keeps it in memory only
    site: str = ""
    stored: dict[str, tuple[bytes, bytes]] = field(default_factory=dict)  # page path -> (inputs digest, bytes)
    kept: dict[str, tuple[bytes, bytes]] = field(default_factory=dict)
    hits: int = 0
    misses: int = 0
    _digests: dict[int, tuple[object, bytes]] = field(default_factory=dict, repr=False)
    _read: checked_store.ShardedRead = field(default_factory=lambda: checked_store.ShardedRead({}, set()), repr=False)

    @classmethod
    def open(cls, out: Path | None, site: str) -> "PageMemo":
        """The store of output folder ``out`` (None: in memory only), empty when missing, damaged or made
        for another site key."""
        memo = cls(memo_path(out) if out is not None else None, site)
        if memo.path is not None:
            memo._read = checked_store.read_shards(memo.path, MAGIC, memo.header)
            memo.stored = {path: entry for path, entry in memo._read.entries.items() if _well_formed(entry)}
        return memo

    @property
    def header(self) -> dict:
        return {"format": FORMAT, "site": self.site}

    def reuse_or_make(self, path: str, inputs: bytes, make: Callable[[], bytes]) -> bytes:
        """The bytes of page ``path`` (or of a part of one, as ``data/sources.json#id``): the stored ones
        when its ``inputs`` digest is the stored one, else ``make()``'s."""
        entry = self.stored.get(path)
        if entry is not None and entry[0] == inputs:
            self.hits += 1
            self.kept[path] = entry
            return entry[1]
        self.misses += 1
        data = make()
        self.kept[path] = (inputs, data)
        return data

    def digest_of(self, record: object) -> bytes:
        """:func:`inputs_digest` of one record (an article, a briefing), made once per build however many
        pages show it. Keyed on the object, which is held here so that its id is not reused."""
        found = self._digests.get(id(record))
        if found is None:
            found = self._digests[id(record)] = (record, record_digest(record))
        return found[1]

    @property
    def changed(self) -> bool:
        return self.kept != self.stored

    def save(self) -> None:
        """Writes the pages this build made or reused, if they differ from those read; each shard that
        changed atomically."""
        if self.path is None:
            return
        (self.path.parent / LEGACY_FILE).unlink(missing_ok=True)  # the single file of an earlier version
        if self.changed:
            checked_store.write_shards(self.path, MAGIC, self.header, self.kept, self._read)


def _well_formed(entry: object) -> bool:
    return isinstance(entry, tuple) and len(entry) == 2 and isinstance(entry[0], bytes) and isinstance(entry[1], bytes)


def memo_path(out: Path) -> Path:
    """The folder of the memo's shards."""
    return out / CACHE_DIR / MEMO_FOLDER
