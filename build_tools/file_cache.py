"""Per-file cache: a build after one source changed re-parses and re-indexes that source only.

Four kinds of entry, each stored under a SHA-256 key of everything it depends on:

- **parsed files**: the articles of one source file, keyed on its display path and the digests of its
  bytes and its sidecar's (or the sidecar's absence), which :mod:`build_tools.file_digests` gives
  without reading a file that was not written since; the briefing of one briefing file, keyed on its
  display path and the digest of its bytes, likewise. Only a file that parsed without a problem is
  stored, so a file with errors is parsed, and reports its errors, on every build.
- **article analyses**: the registry mentions and the figures found in one article, keyed on what the
  parser made it from (or its title and paragraphs) and on the fingerprint of the registry's names
  (:func:`build_tools.index.analysis.matcher_fingerprint`). The mentions found in a briefing are kept
  the same way, keyed on the briefing's file (:attr:`Briefing.made_from`), but whole in the entry:
  every build reads them.
- **index states**: what a site-wide step of the index kept for the next build to start from (related
  items: :class:`build_tools.index.related.RelatedState`; the digests of cited paragraphs), under a
  name; the step checks it against what it sees and recomputes whatever it cannot trust. Values keyed
  instead on everything they are made from are kept the same way: the registry as read, under the
  digests of its files (:meth:`FileCache.registry`), and each briefing file's citing texts
  (:meth:`FileCache.derived_value`).
- **checks passed**: the keys of checks that found no problem, each keyed on everything the check reads
  (a briefing's numbers against the paragraphs it cites), so an unchanged briefing is not checked
  again; a check that finds a problem is not kept, and reports it on every build.

What a build after one added source needs of every entry is kept apart from what only the pages made
again need. The **parts** (each article's paragraphs, and the mentions and figures of each article's
analysis: 95 of the store's 113 MB at 10,000 sources) are in parts shards, read only when used
(:class:`build_tools.model.StoredParagraphs`, :class:`build_tools.index.analysis.StoredAnalysis`);
parts that cannot be read are found again (the file parsed, the article analysed) and kept anew.

The whole store is also keyed on the running code (:func:`build_tools.cache.code_fingerprint`: the
package's source, Python and library versions) and a format number; another code or format discards
it. It lives beside the whole-tree cache, in ``OUT/.cache/files/`` (never under ``content/`` or
``briefings/``), and is written after a build, holding only the entries that build used: entries of
deleted or changed files are dropped then.

The entries are a base file and a log (:func:`build_tools.checked_store.read_log_store`): a build
appends one record of the entries it added, changed or dropped. ``parts/`` holds up to 1,024 parts
shards (:func:`parts_shard_of`), so a build that adds a source rewrites the two parts shards of its
entries' parts. The base and each shard are a header, the CRC-32 of the payload and the payload (a
pickle of plain containers), overwritten in place (an interrupted write leaves a file that fails its
check); each record of the log has its own CRC-32. A base that cannot be read (truncated, damaged, another format) empties the
store, which is rebuilt; a damaged record ends the log (what it and the records after it changed is
made again, or found as an earlier build left it, which is as good: every entry is keyed on, or checks,
what it was made from), and a damaged parts shard costs the parts it held. Entries holding records are pickled on
their own when stored, before the index or emitters see the values, and unpickled with an allow-list
of the record classes they may hold, so a damaged or planted file cannot run code; any error while
reading an entry counts as a miss. Hits return fresh objects (each read unpickles anew). The part of
an analysis every build reads (the entities named, as a tuple, and the figure count) is kept as plain
values in the entry, checked when used and copied before the index sees it.
"""
from __future__ import annotations

import os
import pickle
import zlib
from dataclasses import dataclass, field, replace
from functools import partial
from itertools import repeat
from pathlib import Path
from typing import Any, Callable, Iterable

from build_tools import checked_store
from build_tools.cache import CACHE_DIR, code_fingerprint
from build_tools.errors import Problems
from build_tools.file_digests import FileDigests
from build_tools.index.analysis import ArticleAnalysis, StoredAnalysis
from build_tools.model import Article, Paragraph, Registry, StoredParagraphs

FORMAT = 8
CACHE_FOLDER = "files"
PARTS_FOLDER = "parts"
LEGACY_FILE = "files.pickle"
MAGIC = b"dpb-file-cache\n"
PARTS_MAGIC = b"dpb-file-cache-parts\n"
PARTS_SHARDS = 1024
ANALYSIS_PARTS = ("mentions", "figures")

# (module, name) of every class an entry may hold; anything else makes the entry a miss.
_ALLOWED_CLASSES = frozenset({
    ("build_tools.model.records", "Article"),
    ("build_tools.model.records", "Paragraph"),
    ("build_tools.model.records", "Briefing"),
    ("build_tools.model.records", "BriefingBlock"),
    ("build_tools.model.records", "Citation"),
    ("build_tools.model.records", "CitationMark"),
    ("build_tools.model.records", "Claim"),
    ("build_tools.model.records", "Event"),
    ("build_tools.model.records", "Registry"),
    ("build_tools.model.records", "Entity"),
    ("build_tools.model.records", "Topic"),
    ("build_tools.model.records", "FigureGroup"),
    ("build_tools.model.records", "CuratedFigure"),
    ("build_tools.model.dates", "PartialDate"),
    ("build_tools.index.mentions", "Mention"),
    ("build_tools.index.figures", "FigureMention"),
    ("build_tools.index.analysis", "ArticleAnalysis"),
})


def source_key(shown_path: str, file_digest: str, sidecar_digest: str | None) -> str:
    """The key of one source file's articles: its display path and the digests of its bytes and of its
    sidecar's (None: it has none), as :mod:`build_tools.file_digests` gives them."""
    return checked_store.digest_of_parts("source", shown_path, file_digest, sidecar_digest)


def briefing_key(shown_path: str, file_digest: str) -> str:
    """The key of a briefing file's briefing: its display path and the digest of its bytes."""
    return checked_store.digest_of_parts("briefing", shown_path, file_digest)


def analysis_key_of_parsed(matcher_fingerprint: str, made_from: str) -> str:
    """The key of the analysis of an article the parser made from a known file (:attr:`Article.made_from`
    decides its title and paragraphs, and costs nothing to hash)."""
    return checked_store.digest_of_parts("analysis of parsed", matcher_fingerprint, made_from)


def briefing_analysis_key(matcher_fingerprint: str, made_from: str) -> str:
    """The key of the mentions found in a briefing the parser made from a known file (:attr:`Briefing.made_from`)."""
    return checked_store.digest_of_parts("mentions in briefing", matcher_fingerprint, made_from)


def analysis_key(matcher_fingerprint: str, title: str | None, paragraphs: list[tuple[int, str]]) -> str:
    return checked_store.digest_of_parts("analysis", matcher_fingerprint, title, *(f"{number}\0{text}" for number, text in paragraphs))


@dataclass
class FileCache:
    """The entries read at the start of a build and those this build uses (kept for the next one)."""

    path: Path | None = None  # where to save; None keeps it in memory only
    read_only: bool = False   # reuse entries, keep nothing (`briefing check`)
    digests: FileDigests = field(default_factory=FileDigests)  # of the files read, to key entries without reading them
    code: str = field(default_factory=code_fingerprint)
    files: dict[str, tuple[str, bytes]] = field(default_factory=dict)     # display path -> (key, pickled parse result)
    analyses: dict[str, Any] = field(default_factory=dict)               # key -> ArticleAnalysis in parts
    states: dict[str, bytes] = field(default_factory=dict)               # name -> pickled index state
    passed: set[str] = field(default_factory=set)                        # keys of checks that found nothing
    kept_files: dict[str, tuple[str, bytes]] = field(default_factory=dict)
    kept_analyses: dict[str, tuple] = field(default_factory=dict)
    kept_states: dict[str, bytes] = field(default_factory=dict)
    kept_passed: set[str] = field(default_factory=set)
    hits: int = 0
    misses: int = 0

    read_back: checked_store.LogRead = field(default_factory=checked_store.LogRead, repr=False)
    # the parts of entries (articles' paragraphs, analyses' mentions and figures) made this build, and the
    # parts shards, each read when first used
    made_parts: dict[str, tuple] = field(default_factory=dict, repr=False)
    parts: checked_store.LazyShards = field(init=False, repr=False, compare=False)

    def __post_init__(self) -> None:
        self.parts = checked_store.LazyShards(self.path / PARTS_FOLDER if self.path is not None else None,
                                              PARTS_MAGIC, self.header, parts_shard_of)

    @classmethod
    def open(cls, out: Path, *, read_only: bool = False, digests: FileDigests | None = None) -> "FileCache":
        """The store of the output folder ``out``; empty when missing, unreadable or from other code.
        ``read_only``: entries are reused but none is stored, and :meth:`save` writes nothing (nor are the
        file digests saved). ``digests``: the build's file digests, when already open; else those kept in
        ``out``'s cache folder."""
        store = cls(cache_path(out), read_only, digests=digests or FileDigests.open(out / CACHE_DIR))
        store.read_back = checked_store.read_log_store(store.path, MAGIC, store.header)  # type: ignore[arg-type]
        for name, value in store.read_back.entries.items():
            kind, _, key = name.partition("\0")
            if kind == "file" and isinstance(value, tuple) and len(value) == 2 and isinstance(value[0], str) \
                    and isinstance(value[1], bytes):
                store.files[key] = value
            elif kind == "analysis":
                store.analyses[key] = value  # checked when used
            elif kind == "state" and isinstance(value, bytes):
                store.states[key] = value
            elif kind == "passed":
                store.passed.add(key)
        return store

    @property
    def header(self) -> dict:
        return {"format": FORMAT, "code": self.code}

    def parsed_file(self, shown_path: str, key: str, reparse: Callable[[], list] | None = None) -> list | None:
        """The records stored for this file under this key (fresh objects), or None. ``reparse``: parses
        the file again, should its articles' paragraphs (kept in the parts shards) be unreadable."""
        entry = self.files.get(shown_path)
        if entry is None or entry[0] != key:
            self.misses += 1
            return None
        records = self._records(shown_path, key, self._read(entry[1]), reparse)
        if records is None:
            self.misses += 1
            return None
        self.hits += 1
        self.kept_files[shown_path] = entry
        return records

    def _records(self, shown_path: str, key: str, stored: object, reparse: Callable[[], list] | None) -> list | None:
        """The records of a parsed-file entry, each article's paragraphs left unread until used; None when
        the entry is not one."""
        if not (isinstance(stored, tuple) and len(stored) == 2 and isinstance(stored[0], list)
                and isinstance(stored[1], list) and len(stored[0]) == len(stored[1])):
            return None
        records, counts = stored
        for number, (record, count) in enumerate(zip(records, counts)):
            if count is None:
                continue
            if not (isinstance(record, Article) and isinstance(count, int)):
                return None
            record.paragraphs = StoredParagraphs(count, partial(self._paragraphs, shown_path, key, number, reparse))
        return records

    def _paragraphs(self, shown_path: str, key: str, number: int, reparse: Callable[[], list] | None) -> list[Paragraph]:
        """The paragraphs of the file's article ``number``: from its parts; when they cannot be read (a
        damaged parts shard), from the file parsed again, and its parts are kept anew."""
        name = f"file\0{shown_path}"
        parts = self._parts(name)
        if isinstance(parts, tuple) and len(parts) == 2 and parts[0] == key and isinstance(parts[1], tuple) \
                and number < len(parts[1]) and isinstance(parts[1][number], bytes):
            paragraphs = self._read(parts[1][number])
            if isinstance(paragraphs, list) and all(isinstance(p, Paragraph) for p in paragraphs):
                return paragraphs
        if reparse is None:
            raise ValueError(f"{shown_path}: the paragraphs kept for it in {self.path} cannot be read; "
                             "delete that folder and build again")
        records = reparse()
        if not (number < len(records) and isinstance(records[number], Article)):
            raise ValueError(f"{shown_path}: the file changed while it was being built; build again")
        self._keep_parts(name, self._file_parts(key, records))
        return list(records[number].paragraphs)

    def reuse_or_parse(self, shown_path: str, key: str, parse: Callable[[Problems], list], problems: Problems) -> list:
        """The records stored for this file under ``key``; else ``parse``'s, stored if it found no problem
        (so a file with problems is parsed, and reports them, on every build)."""
        records = self.parsed_file(shown_path, key)
        if records is not None:
            return records
        return self.parse_and_keep(shown_path, key, parse, problems)

    def parse_and_keep(self, shown_path: str, key: str, parse: Callable[[Problems], list], problems: Problems) -> list:
        """``parse``'s records, stored under ``key`` if it found no problem (the lookup already missed)."""
        found = Problems()
        records = parse(found)
        problems.extend(found)
        if not found:
            self.keep_parsed_file(shown_path, key, records)
        return records

    def keep_parsed_file(self, shown_path: str, key: str, records: list) -> None:
        """Each article's paragraphs are kept apart from it, in the parts shards, to be read back only when
        used; the entry holds their number."""
        if self.read_only:
            return
        stored = ([replace(r, paragraphs=[]) if isinstance(r, Article) else r for r in records],
                  [len(r.paragraphs) if isinstance(r, Article) else None for r in records])
        self.kept_files[shown_path] = (key, pickle.dumps(stored, pickle.HIGHEST_PROTOCOL))
        self._keep_parts(f"file\0{shown_path}", self._file_parts(key, records))

    @staticmethod
    def _file_parts(key: str, records: list) -> tuple | None:
        if not any(isinstance(r, Article) for r in records):
            return None
        return key, tuple(pickle.dumps(list(r.paragraphs), pickle.HIGHEST_PROTOCOL) if isinstance(r, Article) else None
                          for r in records)

    def article_analysis(self, key: str, analyse: Callable[[], ArticleAnalysis]) -> StoredAnalysis | None:
        """The analysis stored under ``key``, its mentions and figures read when first used (``analyse``
        finds them again if they cannot be read), or None."""
        stored = self.analyses.get(key)
        if not (isinstance(stored, tuple) and len(stored) in (2, 4) and isinstance(stored[0], tuple)
                and all(map(isinstance, stored[0], repeat(str))) and isinstance(stored[1], int)
                and all(map(isinstance, stored[2:], repeat(bytes)))):
            self.misses += 1
            return None
        self.hits += 1
        self.kept_analyses[key] = stored
        entities, figure_count, *inline = stored
        read = partial(self._inline_part, inline) if inline else partial(self._analysis_part, key, analyse)
        return StoredAnalysis(list(entities), figure_count, read, analyse)

    def _inline_part(self, parts: list[bytes], part: str) -> Any:
        return self._read(parts[ANALYSIS_PARTS.index(part)])

    def _analysis_part(self, key: str, analyse: Callable[[], ArticleAnalysis], part: str) -> Any:
        """The analysis' mentions or figures (``part``) from its parts; when they cannot be read (a damaged
        parts shard), from ``analyse()``, whose parts are kept anew."""
        name = f"analysis\0{key}"
        parts = self._parts(name)
        if isinstance(parts, tuple) and len(parts) == 2 and all(isinstance(data, bytes) for data in parts):
            value = self._read(parts[ANALYSIS_PARTS.index(part)])
            if value is not None:
                return value
        analysis = analyse()
        self._keep_parts(name, self._analysis_parts(analysis))
        return getattr(analysis, part)

    def keep_analysis(self, key: str, analysis: ArticleAnalysis, *, parts_inline: bool = False) -> None:
        """Stored in two places: what every build reads (entities, figure count) as plain values in the
        entry, read with the store (not unpickled one by one: 11,000 small reads cost more than the
        values); the mentions and figures, pickled, in the parts shards, read only when a page shows them.
        ``parts_inline``: the mentions and figures too are kept in the entry, for an analysis whose
        mentions every build reads (a briefing's: the entity pages list where briefings name each entity)."""
        if self.read_only:
            return
        entry = (tuple(analysis.entities), analysis.figure_count)
        if parts_inline:
            self.kept_analyses[key] = entry + self._analysis_parts(analysis)
            return
        self.kept_analyses[key] = entry
        self._keep_parts(f"analysis\0{key}", self._analysis_parts(analysis))

    @staticmethod
    def _analysis_parts(analysis: ArticleAnalysis) -> tuple[bytes, bytes]:
        return tuple(pickle.dumps(getattr(analysis, part), pickle.HIGHEST_PROTOCOL)  # type: ignore[return-value]
                     for part in ANALYSIS_PARTS)

    def check_passed(self, key: str) -> bool:
        """Whether a check keyed on everything it reads found no problem in the last build."""
        if key in self.passed:
            self.kept_passed.add(key)
            return True
        return False

    def keep_check_passed(self, key: str) -> None:
        if not self.read_only:
            self.kept_passed.add(key)

    def index_state(self, name: str) -> Any | None:
        """What the index stage kept under ``name`` after the last build (fresh objects), or None."""
        data = self.states.get(name)
        return None if data is None else self._read(data)

    def keep_index_state(self, name: str, value: Any) -> None:
        """Keeps ``value`` (plain containers) for the next build's index stage."""
        if self.read_only:
            return
        self.kept_states[name] = checked_store.canonical_pickle(value)  # equal states, equal bytes: no rewrite

    def registry_key(self, folder: Path, names: Iterable[str]) -> str | None:
        """The key of the registry read from the files ``names`` in ``folder``: their bytes, or that one is
        missing (an optional file; a required one missing fails the build, which keeps no cache); None
        when one cannot be read."""
        found = []
        for name in names:
            try:
                found.append(f"{name}\0{self.digests.digest(folder / name)}")
            except FileNotFoundError:
                found.append(f"{name}\0-")
            except OSError:
                return None
        return checked_store.digest_of_parts("registry", *found)

    def registry(self, key: str) -> Registry | None:
        """The registry kept under ``key`` (a fresh object), or None."""
        data = self.states.get(f"registry\0{key}")
        registry = self._read(data) if data is not None else None
        if not isinstance(registry, Registry):
            return None
        if not self.read_only:
            self.kept_states[f"registry\0{key}"] = data  # type: ignore[assignment]
        return registry

    def keep_registry(self, key: str, registry: Registry) -> None:
        """Keeps the registry read from the files ``key`` names, for the next build."""
        self.keep_index_state(f"registry\0{key}", registry)

    def derived_value(self, name: str, make: Callable[[], Any], fits: Callable[[Any], bool]) -> Any:
        """A value the index stage derives from inputs that ``name`` names whole (a briefing file's digest,
        say): the last build's when it reads back and ``fits``, else ``make()``'s; kept for the next build."""
        data = self.states.get(name)
        value = self._read(data) if data is not None else None
        if value is not None and fits(value):
            if not self.read_only:
                self.kept_states[name] = data  # type: ignore[assignment]
            return value
        value = make()
        self.keep_index_state(name, value)
        return value

    @staticmethod
    def _read(data: bytes) -> Any | None:
        try:
            return checked_store.loads(data, _ALLOWED_CLASSES)
        except Exception:  # noqa: BLE001 - a damaged entry is a miss
            return None

    def _parts(self, name: str) -> Any | None:
        """The parts kept for entry ``name``: those made this build, else those in its parts shard
        (:func:`parts_shard_of`), which is read when first needed."""
        if name in self.made_parts:
            return self.made_parts[name]
        return self.parts.shard(name).get(name)

    def _keep_parts(self, name: str, parts: tuple | None) -> None:
        if self.read_only or parts is None:
            return
        self.made_parts[name] = parts

    @property
    def changed(self) -> bool:
        return (self.kept_files != self.files or self.kept_analyses.keys() != self.analyses.keys()
                or self.kept_states != self.states or self.kept_passed != self.passed or bool(self.made_parts))

    def save(self) -> None:
        """Writes the entries this build used, if they differ from those read (a record of the difference),
        and the file digests; each parts shard that changed."""
        if self.path is None or self.read_only:
            return
        self.digests.save()
        (self.path.parent / LEGACY_FILE).unlink(missing_ok=True)  # the single file of earlier versions
        if not self.changed:
            return
        entries = {f"file\0{name}": entry for name, entry in self.kept_files.items()}
        entries.update({f"analysis\0{key}": data for key, data in self.kept_analyses.items()})
        entries.update({f"state\0{name}": data for name, data in self.kept_states.items()})
        entries.update({f"passed\0{key}": b"" for key in self.kept_passed})
        checked_store.write_log_store(self.path, MAGIC, self.header, entries, self.read_back)
        self._save_parts(entries)

    def _save_parts(self, entries: dict[str, Any]) -> None:
        """Rewrites the parts shards holding parts made this build or parts of entries no longer kept:
        each with the parts of the entries still kept it held (read for it) and those made. After a
        build that read no entry (a new store), parts shards it did not write are removed."""
        gone = [name for name in self.read_back.entries.keys() - entries.keys() if name.startswith(("file\0", "analysis\0"))]
        written = self.parts.save(self.made_parts, entries, gone)
        folder = self.parts.folder
        if not self.read_back.entries and folder is not None and folder.is_dir():  # those of another code or format
            for stale in set(os.listdir(folder)) - written:
                (folder / stale).unlink(missing_ok=True)


def parts_shard_of(name: str) -> str:
    """The parts shard of an entry's parts: one of PARTS_SHARDS, finer than the entries' shards, since a
    build reads a few dozen entries' parts (the newest sources' figures, the pages made again) and each
    costs the reading of its whole shard."""
    return f"{zlib.crc32(name.encode('utf-8', 'surrogatepass')) % PARTS_SHARDS:03x}.pickle"


def cache_path(out: Path) -> Path:
    """The folder of the store's shards."""
    return out / CACHE_DIR / CACHE_FOLDER
