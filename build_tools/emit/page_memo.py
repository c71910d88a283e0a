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

The store lives beside the per-file cache, in ``OUT/.cache/pages/``, as a base file and a log checked
and written like it (:func:`build_tools.checked_store.write_log_store`: a build appends a record of the
entries it made anew), and holds only plain containers, strings and bytes. It keeps the pages this build made or
reused, and is written only after a successful build.

Whole pages (:meth:`PageMemo.page`: source and briefing pages, 60 MB at 10,000 sources) are kept
apart from their bytes: the store holds their inputs digest, the SHA-256 of their bytes and their
size, and the bytes are in ``pages/bodies/``, in shards of their own, read only for a page that must
be written (its file on disk is not as the last build left it). A reused page goes to the writer as
:class:`build_tools.emit.writer.Unloaded`, so a build reads neither the bytes nor the file of an
unchanged page; one whose bytes cannot be read is made again. A page cheap to make again from memoized
sections (an entity page) keeps no bytes at all.

Sections (:meth:`PageMemo.section`: an entity page's lists of mentions, 7 of the store's 9 MB at 1,000
sources) are kept apart the same way: the store holds their inputs digest, what their parts' scans
found and their size; their bytes and table of parts are in ``pages/sections/``, read only when a page
showing the section is made again. A table is four values however many parts it lists
(:func:`_section_table` reads it, :func:`section_rows` lists its rows): an entity page lists hundreds,
and unpickling a tuple per part cost more than the rest of making the page again.
"""
from __future__ import annotations

import hashlib
from array import array
from dataclasses import dataclass, field
from functools import cached_property
from pathlib import Path
from typing import Callable, Iterable, Sequence

from build_tools import checked_store
from build_tools.cache import CACHE_DIR, code_fingerprint
from build_tools.emit.writer import Unloaded, output_digest
from build_tools.model import Registry

FORMAT = 5
MEMO_FOLDER = "pages"
BODIES_FOLDER = "bodies"
BODIES_MAGIC = b"dpb-page-bodies\n"
SECTIONS_FOLDER = "sections"
SECTIONS_MAGIC = b"dpb-page-sections\n"
LEGACY_FILE = "pages.pickle"
MAGIC = b"dpb-page-memo\n"
INPUTS_SIZE = 20  # bytes of an inputs digest (:func:`inputs_digest`)


def inputs_digest(*inputs: object) -> bytes:
    """The digest of a page's inputs: records (articles, briefings) and plain values. Pickled without
    pickle's memo, so a value shared by two fields is written twice, as two equal copies are: an article
    parsed anew and the same article read back from the per-file cache digest alike."""
    return hashlib.blake2b(checked_store.canonical_pickle(inputs), digest_size=INPUTS_SIZE).digest()


def bytes_digest(data: bytes) -> bytes:
    """The digest of one input that is bytes already (a page's text), hashed as it is."""
    return hashlib.blake2b(data, digest_size=INPUTS_SIZE).digest()


def record_inputs(record: bytes, detail: str = "") -> bytes:
    """An inputs digest (of :func:`inputs_digest`'s size, not its value) of one record's digest
    (:meth:`PageMemo.digest_of`) and a text, hashed as they are, the digest's length first: for the list
    parts made for a thousand sources a build, where pickling them cost more."""
    return hashlib.blake2b(len(record).to_bytes(4, "big") + record + detail.encode("utf-8", "surrogatepass"),
                           digest_size=INPUTS_SIZE).digest()


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
    # path -> (inputs digest, bytes) of a part of a page; (inputs digest, findings, size) of a section of
    # parts (:meth:`section`); (inputs digest, SHA-256 of the bytes, size, bytes kept) of a page
    stored: dict[str, tuple] = field(default_factory=dict)
    kept: dict[str, tuple] = field(default_factory=dict)
    hits: int = 0
    misses: int = 0
    bodies_loaded: int = 0  # pages reused whose bytes the writer needed
    made_bodies: dict[str, bytes] = field(default_factory=dict, repr=False)  # pages made this build
    # sections made this build: path -> (inputs digest, bytes, parts table)
    made_sections: dict[str, tuple[bytes, bytes, tuple]] = field(default_factory=dict, repr=False)
    _bodies: checked_store.LazyShards = field(init=False, repr=False, compare=False)  # pages' bytes, read when needed
    _sections: checked_store.LazyShards = field(init=False, repr=False, compare=False)  # sections' bytes and tables
    _digests: dict[int, tuple[object, bytes]] = field(default_factory=dict, repr=False)
    _read: checked_store.LogRead = field(default_factory=checked_store.LogRead, repr=False)

    def __post_init__(self) -> None:
        self._bodies, self._sections = (
            checked_store.LazyShards(self.path / folder if self.path is not None else None, magic, self.header, _shard_name)
            for folder, magic in ((BODIES_FOLDER, BODIES_MAGIC), (SECTIONS_FOLDER, SECTIONS_MAGIC)))

    @classmethod
    def open(cls, out: Path | None, site: str) -> "PageMemo":
        """The store of output folder ``out`` (None: in memory only), empty when missing, damaged or made
        for another site key."""
        memo = cls(memo_path(out) if out is not None else None, site)
        if memo.path is not None:
            memo._read = checked_store.read_log_store(memo.path, MAGIC, memo.header)
            memo.stored = memo._read.entries  # each entry checked when used (:func:`_part_entry`, :func:`_section_entry`, :func:`_page_entry`)
        return memo

    @property
    def header(self) -> dict:
        return {"format": FORMAT, "site": self.site}

    def reuse_or_make(self, path: str, inputs: bytes, make: Callable[[], bytes]) -> bytes:
        """The bytes of a part of a page (as ``data/sources.json#id``) or of a page assembled from parts:
        the stored ones when its ``inputs`` digest is the stored one, else ``make()``'s."""
        entry = self.stored.get(path)
        if _part_entry(entry) and entry[0] == inputs:
            self.hits += 1
            self.kept[path] = entry
            return entry[1]
        self.misses += 1
        data = make()
        self.kept[path] = (inputs, data)
        return data

    def section(self, path: str, parts: Sequence[tuple[str, bytes]], make: Callable[[int], bytes],
                scan: Callable[[bytes], Iterable[str]]) -> "Section":
        """A section of parts joined: ``parts`` gives each part's name (no NUL) and inputs digest
        (:func:`inputs_digest`), in order; ``make(i)`` makes part ``i``; ``scan`` finds what a part
        names (an entity page's: the abbreviations it uses, texts without control characters), kept with it. Stored whole, with each part's
        name, inputs, end and findings: when every part is as stored, the section is taken as it is, no
        part looked at (an entity page lists hundreds) and its bytes read only if the page is made; else
        each part as stored is cut out of the stored section, and only the others are made and scanned.
        ``make`` and ``scan`` may be called after the caller moved on (the page is made later)."""
        return self.section_of(path, [name for name, _ in parts], [part_inputs for _, part_inputs in parts], make, scan)

    def section_of(self, path: str, names: Sequence[str], inputs: Sequence[bytes], make: Callable[[int], bytes],
                   scan: Callable[[bytes], Iterable[str]]) -> "Section":
        """:meth:`section` of the parts named ``names`` whose inputs digests are ``inputs`` (two lists made
        without a pair per part: a list of thousands)."""
        if len(names) != len(inputs):
            raise ValueError(f"section {path}: {len(names)} part names but {len(inputs)} inputs")
        # the names (without NUL) and the inputs (each INPUTS_SIZE bytes), as the table stores them
        digest = hashlib.blake2b(len(names).to_bytes(4, "big") + "\0".join(names).encode("utf-8", "surrogatepass") + b"\0"
                                 + b"".join(inputs), digest_size=INPUTS_SIZE).digest()
        entry = self.stored.get(path)
        if _section_entry(entry) and entry[0] == digest:
            self.hits += 1
            self.kept[path] = entry
            return Section(digest, frozenset(entry[1]), lambda: self._reused_section(path, names, inputs, make, scan))
        self.misses += 1
        return self._make_section(path, digest, names, inputs, make, scan, self._stored_section(path, entry))

    def _stored_section(self, path: str, entry: object) -> tuple | None:
        """The bytes and table kept for the section ``entry`` describes, as (inputs, bytes, table); None when
        there are none or they are not the ones it describes."""
        if not _section_entry(entry):
            return None
        payload = self._sections.shard(path).get(path)
        if type(payload) is tuple and len(payload) == 3 and payload[0] == entry[0] \
                and type(payload[1]) is bytes and len(payload[1]) == entry[2] and type(payload[2]) is tuple:  # type: ignore[index]
            return payload
        return None

    def _reused_section(self, path: str, names: Sequence[str], inputs: Sequence[bytes], make: Callable[[int], bytes],
                        scan: Callable[[bytes], Iterable[str]]) -> bytes:
        """The bytes of a section taken as stored: from its shard; made again when they cannot be read."""
        entry = self.kept[path]
        payload = self._stored_section(path, entry)
        if payload is not None:
            return payload[1]
        return self._make_section(path, entry[0], names, inputs, make, scan, None).data

    def _make_section(self, path: str, inputs: bytes, names: Sequence[str], part_inputs_of: Sequence[bytes],
                      make: Callable[[int], bytes], scan: Callable[[bytes], Iterable[str]], stored: tuple | None) -> "Section":
        """The section made, each part found in ``stored`` (the section's last bytes and table) cut out of it:
        parts that follow each other there as here in one piece."""
        table = _section_table(stored) if stored is not None else None
        old_names, old_inputs, old_ends, old_found = table if table is not None else ([], b"", [], [])
        old_data: bytes = stored[1] if table is not None else b""  # type: ignore[index]
        positions = dict(zip(old_names, range(len(old_names))))
        data: list[bytes] = []
        ends: list[int] = []
        found_in: list[str] = []  # each part's findings, joined by NUL
        run_start = run_end = 0  # the stored bytes of the parts reused last, not yet taken
        end = 0
        for number, (name, part_inputs) in enumerate(zip(names, part_inputs_of)):
            at = positions.get(name)
            if at is not None and old_inputs[at * INPUTS_SIZE:(at + 1) * INPUTS_SIZE] == part_inputs:
                self.hits += 1
                start = old_ends[at - 1] if at else 0
                if start != run_end:
                    if run_end > run_start:
                        data.append(old_data[run_start:run_end])
                    run_start = start
                run_end = old_ends[at]
                end += run_end - start
                found_in.append(old_found[at])
            else:
                if len(part_inputs) != INPUTS_SIZE or "\0" in name:
                    raise ValueError(f"part {name!r} of {path}: a name holds a NUL, or the inputs are not an inputs digest")
                part = make(number)
                terms = sorted(set(scan(part)))
                if any("\0" in term or "\x01" in term for term in terms):
                    raise ValueError(f"part {name!r} of {path}: a finding holds a NUL or \\x01")
                if run_end > run_start:
                    data.append(old_data[run_start:run_end])
                run_start = run_end = 0
                data.append(part)
                end += len(part)
                found_in.append("\0".join(terms))
            ends.append(end)
        if run_end > run_start:
            data.append(old_data[run_start:run_end])
        joined = b"".join(data)
        found = frozenset("\0".join(found_in).split("\0")) - {""}
        self.kept[path] = (inputs, tuple(sorted(found)), len(joined))
        self.made_sections[path] = (inputs, joined, ("\0".join(names), b"".join(part_inputs_of),
                                                     array("Q", ends).tobytes(), "\x01".join(found_in)))
        return Section.holding(joined, found, inputs)

    def page(self, path: str, inputs: bytes, make: Callable[[], bytes], *, keep_bytes: bool = True) -> bytes | Unloaded:
        """A whole page's bytes made by ``make()``; or, when its ``inputs`` digest is the stored one, the
        stored page unloaded (its bytes read from its body shard if the writer needs them, else made again:
        ``make`` may be called after the caller moved on, so it must not read a loop's variable).
        ``keep_bytes=False``: the page's bytes are not kept, and ``make()`` makes them again when needed
        (a page made of memoized sections: keeping its bytes would cost more than making it)."""
        entry = self.stored.get(path)
        if _page_entry(entry) and entry[0] == inputs and entry[3] == keep_bytes:
            self.hits += 1
            self.kept[path] = entry
            return Unloaded(entry[1], entry[2], (lambda: self._load(path, inputs, make)) if keep_bytes else make)
        self.misses += 1
        return self._keep_page(path, inputs, make(), keep_bytes)

    def _keep_page(self, path: str, inputs: bytes, data: bytes, keep_bytes: bool = True) -> bytes:
        self.kept[path] = (inputs, output_digest(data), len(data), keep_bytes)
        if keep_bytes:
            self.made_bodies[path] = data
        return data

    def _load(self, path: str, inputs: bytes, make: Callable[[], bytes]) -> bytes:
        self.bodies_loaded += 1
        data = self._body_shard(path).get(path)
        if isinstance(data, bytes) and output_digest(data) == self.kept[path][1]:
            return data
        return self._keep_page(path, inputs, make())

    def _body_shard(self, path: str) -> dict[str, object]:
        return self._bodies.shard(path)

    def digest_of(self, record: object) -> bytes:
        """:func:`inputs_digest` of one record (an article, a briefing), made once per build however many
        pages show it. Keyed on the object, which is held here so that its id is not reused."""
        found = self._digests.get(id(record))
        if found is None:
            found = self._digests[id(record)] = (record, record_digest(record))
        return found[1]

    def page_digests(self) -> dict[str, str]:
        """Path -> SHA-256 (hex) of the whole pages this build made or reused (what the writer's callers
        would otherwise hash again)."""
        return {path: entry[1] for path, entry in self.kept.items() if _page_entry(entry)}

    @property
    def changed(self) -> bool:
        return self.kept != self.stored or bool(self.made_bodies) or bool(self.made_sections)

    def save(self) -> None:
        """Writes the pages this build made or reused, if they differ from those read (a record of the
        difference). Of the shards of bodies and of sections, those holding one made anew or one no longer
        kept are rewritten, with the others they hold (read for it)."""
        if self.path is None:
            return
        (self.path.parent / LEGACY_FILE).unlink(missing_ok=True)  # the single file of an earlier version
        if not self.changed:
            return
        checked_store.write_log_store(self.path, MAGIC, self.header, self.kept, self._read)
        self._save_lazy(self._bodies, self.made_bodies, lambda entry: _page_entry(entry) and entry[3])
        self._save_lazy(self._sections, self.made_sections, _section_entry)

    def _save_lazy(self, shards: checked_store.LazyShards, made: dict[str, object], kind: Callable[[object], bool]) -> None:
        """Rewrites the ``shards`` holding an entry made this build or one of a path no longer kept (``kind``
        tells the entries whose bytes are kept there)."""
        keeping = {path for path, entry in self.kept.items() if kind(entry)}
        shards.save(made, keeping, [path for path, entry in self.stored.items() if kind(entry) and path not in keeping])


def _shard_name(path: str) -> str:
    return f"{checked_store.shard_of(path)}.pickle"


def _part_entry(entry: object) -> bool:
    """Whether a stored entry is a part's: (inputs digest, bytes)."""
    return type(entry) is tuple and len(entry) == 2 and type(entry[0]) is bytes and type(entry[1]) is bytes


def _section_entry(entry: object) -> bool:
    """Whether a stored entry is a section's: (inputs digest, findings, size), findings a tuple of texts.
    Its bytes and table ((part name, part inputs, end, findings), ...) are kept apart
    (:meth:`PageMemo._stored_section`); the table's rows are checked where they are used."""
    return type(entry) is tuple and len(entry) == 3 and type(entry[0]) is bytes and _texts(entry[1]) \
        and type(entry[2]) is int


def _texts(value: object) -> bool:
    return type(value) is tuple and all(type(item) is str for item in value)


def _section_table(stored: tuple) -> tuple[list[str], bytes, list[int], list[str]] | None:
    """The table of a stored section (inputs, bytes, table), as (the parts' names, their inputs end to end,
    each part's end in the bytes, each part's findings joined by NUL); None when malformed.
    Stored, a table is (names joined by NUL, the inputs end to end, the ends as 64-bit unsigned integers,
    the findings joined by NUL and the parts' by \\x01)."""
    table, data = stored[2], stored[1]
    if not (type(table) is tuple and len(table) == 4 and type(table[0]) is str and type(table[1]) is bytes
            and type(table[2]) is bytes and type(table[3]) is str and len(table[2]) % 8 == 0):
        return None
    ends = array("Q", table[2]).tolist()
    count = len(ends)
    names = table[0].split("\0") if count else []
    found = table[3].split("\x01") if count else []
    if not (len(names) == len(found) == count and len(table[1]) == count * INPUTS_SIZE and ends == sorted(ends)
            and (not ends or ends[-1] <= len(data))):
        return None
    return names, table[1], ends, found


def section_rows(stored: tuple) -> list[tuple[str, bytes, int, tuple[str, ...]]] | None:
    """The parts of a stored section (inputs, bytes, table), one (name, inputs, end, findings) each; None
    when its table is malformed."""
    table = _section_table(stored)
    if table is None:
        return None
    names, inputs, ends, found = table
    return [(name, inputs[at * INPUTS_SIZE:(at + 1) * INPUTS_SIZE], ends[at], tuple(filter(None, found[at].split("\0"))))
            for at, name in enumerate(names)]


def _page_entry(entry: object) -> bool:
    """Whether a stored entry is a page's: (inputs digest, SHA-256 hex of its bytes, size, whether its bytes
    are kept)."""
    return type(entry) is tuple and len(entry) == 4 and type(entry[0]) is bytes and type(entry[1]) is str \
        and type(entry[2]) is int and type(entry[3]) is bool


@dataclass(frozen=True, eq=False)
class Section:
    """A section of a page (:meth:`PageMemo.section`): its inputs digest, what its parts' scans found and
    its bytes, read when first asked for; a piece of a page
    :meth:`build_tools.emit.linking.AbbreviationDefinitions.append_pieces` need not scan again."""

    inputs: bytes
    found: frozenset[str]
    load: Callable[[], bytes] = field(repr=False)

    @cached_property
    def data(self) -> bytes:
        return self.load()

    @classmethod
    def holding(cls, data: bytes, found: frozenset[str], inputs: bytes = b"") -> "Section":
        section = cls(inputs, found, lambda: data)
        section.__dict__["data"] = data
        return section


def memo_path(out: Path) -> Path:
    """The folder of the memo's shards."""
    return out / CACHE_DIR / MEMO_FOLDER
