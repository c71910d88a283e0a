"""Per-file cache: a build after one source changed re-parses and re-indexes that source only.

Two kinds of entry, each a pickled value stored under a SHA-256 key of everything it depends on:

- **parsed files**: the articles of one source file, keyed on its display path, its text and its
  sidecar's bytes (or the sidecar's absence); the briefing of one briefing file, keyed on its display
  path and text. Only a file that parsed without a problem is stored, so a file with errors is parsed,
  and reports its errors, on every build.
- **article analyses**: the registry mentions and the figures found in one article, keyed on the
  article's title and paragraphs and on the fingerprint of the registry's names
  (:func:`build_tools.index.analysis.matcher_fingerprint`).

The whole store is also keyed on the running code (:func:`build_tools.cache.code_fingerprint`: the
package's source, Python and library versions) and a format number; another code or format discards
it. It lives beside the whole-tree cache, in ``OUT/.cache/files.pickle`` (never under ``content/`` or
``briefings/``), and is written atomically (a temporary file renamed over it) after a build, holding
only the entries that build used: entries of deleted or changed files are dropped then.

The file is a header, the SHA-256 of the payload and the payload (a pickle of plain containers). A
cache that cannot be read (truncated, damaged, another format) is ignored and rebuilt. Entries are
pickled on their own when stored, before the index or emitters see the values, and unpickled with an
allow-list of the record classes they may hold, so a damaged or planted file cannot run code; any
error while reading an entry counts as a miss. Hits return fresh objects (each read unpickles anew).
"""
from __future__ import annotations

import pickle
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Callable

from build_tools import checked_store
from build_tools.cache import CACHE_DIR, code_fingerprint
from build_tools.errors import Problems

FORMAT = 2
CACHE_FILE = "files.pickle"
MAGIC = b"dpb-file-cache\n"

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
    ("build_tools.model.dates", "PartialDate"),
    ("build_tools.index.mentions", "Mention"),
    ("build_tools.index.figures", "FigureMention"),
    ("build_tools.index.analysis", "ArticleAnalysis"),
})


def source_key(shown_path: str, text: str, sidecar: bytes | None) -> str:
    return checked_store.digest_of_parts("source", shown_path, text, sidecar)


def briefing_key(shown_path: str, text: str) -> str:
    return checked_store.digest_of_parts("briefing", shown_path, text)


def analysis_key(matcher_fingerprint: str, title: str | None, paragraphs: list[tuple[int, str]]) -> str:
    return checked_store.digest_of_parts("analysis", matcher_fingerprint, title, *(f"{number}\0{text}" for number, text in paragraphs))


@dataclass
class FileCache:
    """The entries read at the start of a build and those this build uses (kept for the next one)."""

    path: Path | None = None  # where to save; None keeps it in memory only
    read_only: bool = False   # reuse entries, keep nothing (`briefing check`)
    code: str = field(default_factory=code_fingerprint)
    files: dict[str, tuple[str, bytes]] = field(default_factory=dict)     # display path -> (key, pickled parse result)
    analyses: dict[str, bytes] = field(default_factory=dict)             # key -> pickled ArticleAnalysis
    kept_files: dict[str, tuple[str, bytes]] = field(default_factory=dict)
    kept_analyses: dict[str, bytes] = field(default_factory=dict)
    hits: int = 0
    misses: int = 0

    @classmethod
    def open(cls, out: Path, *, read_only: bool = False) -> "FileCache":
        """The store of the output folder ``out``; empty when missing, unreadable or from other code.
        ``read_only``: entries are reused but none is stored, and :meth:`save` writes nothing."""
        store = cls(cache_path(out), read_only)
        saved = checked_store.read_checked(store.path, MAGIC)  # type: ignore[arg-type]
        if _valid(saved, store.code):
            store.files = saved["files"]
            store.analyses = saved["analyses"]
        return store

    def parsed_file(self, shown_path: str, key: str) -> list | None:
        """The records stored for this file under this key (fresh objects), or None."""
        entry = self.files.get(shown_path)
        if entry is None or entry[0] != key:
            self.misses += 1
            return None
        records = self._read(entry[1])
        if not isinstance(records, list):
            self.misses += 1
            return None
        self.hits += 1
        self.kept_files[shown_path] = entry
        return records

    def reuse_or_parse(self, shown_path: str, key: str, parse: Callable[[Problems], list], problems: Problems) -> list:
        """The records stored for this file under ``key``; else ``parse``'s, stored if it found no problem
        (so a file with problems is parsed, and reports them, on every build)."""
        records = self.parsed_file(shown_path, key)
        if records is not None:
            return records
        found = Problems()
        records = parse(found)
        problems.extend(found)
        if not found:
            self.keep_parsed_file(shown_path, key, records)
        return records

    def keep_parsed_file(self, shown_path: str, key: str, records: list) -> None:
        if self.read_only:
            return
        self.kept_files[shown_path] = (key, pickle.dumps(records, pickle.HIGHEST_PROTOCOL))

    def article_analysis(self, key: str) -> Any | None:
        data = self.analyses.get(key)
        if data is None:
            self.misses += 1
            return None
        analysis = self._read(data)
        if analysis is None:
            self.misses += 1
            return None
        self.hits += 1
        self.kept_analyses[key] = data
        return analysis

    def keep_analysis(self, key: str, analysis: Any) -> None:
        if self.read_only:
            return
        self.kept_analyses[key] = pickle.dumps(analysis, pickle.HIGHEST_PROTOCOL)

    @staticmethod
    def _read(data: bytes) -> Any | None:
        try:
            return checked_store.loads(data, _ALLOWED_CLASSES)
        except Exception:  # noqa: BLE001 - a damaged entry is a miss
            return None

    @property
    def changed(self) -> bool:
        return self.kept_files != self.files or self.kept_analyses.keys() != self.analyses.keys()

    def save(self) -> None:
        """Writes the entries this build used, if they differ from those read; atomically."""
        if self.path is None or self.read_only or not self.changed:
            return
        saved = {"format": FORMAT, "code": self.code, "files": self.kept_files, "analyses": self.kept_analyses}
        checked_store.write_checked(self.path, MAGIC, saved)


def _valid(saved: object, code: str) -> bool:
    if not isinstance(saved, dict) or saved.get("format") != FORMAT or saved.get("code") != code:
        return False
    files, analyses = saved.get("files"), saved.get("analyses")
    return (isinstance(files, dict) and isinstance(analyses, dict)
            and all(isinstance(k, str) and isinstance(v, tuple) and len(v) == 2 and isinstance(v[0], str)
                    and isinstance(v[1], bytes) for k, v in files.items())
            and all(isinstance(k, str) and isinstance(v, bytes) for k, v in analyses.items()))


def cache_path(out: Path) -> Path:
    return out / CACHE_DIR / CACHE_FILE
