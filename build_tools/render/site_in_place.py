"""The built site updated in place: MkDocs' clean build empties ``site/`` and writes every file again.

At 10,000 sources that is 22,000 files (the pages and Pagefind's bundle) deleted and created anew on
every build, nearly all of them unchanged. Deleting many files makes creating files afterwards slow on
some disks (ext4 mounted with ``discard``, as here: measured, 11,000 pages written in 0.6 s into an
untouched folder, 3.5 to 11 s after a mass delete), so this cost more CPU than anything else in a warm
build: in place, MkDocs' writing of the pages took 1.1 s instead of 8.6 s, and Pagefind 6.1 s instead
of 12.8 to 17.4 s.

Instead of emptying the folder, the hook (:meth:`SiteInPlace.install`) marks the time the build starts
(from a file written in ``site/``, so on the disk's own clock); MkDocs then writes each file, except
that a file already holding exactly the bytes it would write is left as it is (nearly every page of a
build after one added source: reading and comparing a page costs a fifth of writing it), and after it
has written the pages (:meth:`SiteInPlace.prune`) every file older than the mark that MkDocs does not
list is removed, with folders left empty: the tree is what a clean build leaves.
Pagefind's bundle is pruned by :mod:`build_tools.render.search_index`, which knows what it holds.

Only done for configs whose plugins are hooks and the search plugin, which write through MkDocs: a
plugin that copied a file with its old modification time would see it removed. Any other plugin, a
``--dirty`` build (which empties nothing), or a build into another folder leaves MkDocs' behaviour as it is.
"""
from __future__ import annotations

import os
import types
from dataclasses import dataclass, field
from pathlib import Path
from typing import Callable, Iterable

import mkdocs.utils

PLUGINS_THAT_WRITE_THROUGH_MKDOCS = frozenset({"search", "material/search"})
MARKER = ".build-started"


def writes_only_through_mkdocs(plugins: dict[str, object]) -> bool:
    """Whether every plugin is a hook (ours: it writes the feed and runs Pagefind after pruning) or one known
    to write its files through MkDocs, so that every file a build writes is new or listed."""
    return all(isinstance(plugin, types.ModuleType) or name in PLUGINS_THAT_WRITE_THROUGH_MKDOCS
               for name, plugin in plugins.items())


@dataclass
class SiteInPlace:
    """One build's in-place update of ``site_dir``; ``kept_apart``: top-level folders pruned elsewhere."""

    site_dir: Path
    kept_apart: frozenset[str] = frozenset()
    started_ns: int | None = None     # the mark, set when MkDocs would have emptied the folder
    removed: list[str] = field(default_factory=list)
    left: set[str] = field(default_factory=set)  # files MkDocs would have written with the bytes they hold
    written: list[str] = field(default_factory=list)  # files this build wrote or copied, relative to the folder
    _real_clean: Callable[[str], None] | None = None
    _real_write: Callable[[bytes, str], None] | None = None

    @classmethod
    def install(cls, config, kept_apart: Iterable[str] = ()) -> "SiteInPlace | None":
        """Replaces MkDocs' emptying of the site folder, for this build, by a mark; None (and MkDocs'
        behaviour unchanged) for a config with other plugins."""
        if not writes_only_through_mkdocs(dict(config.plugins)):
            return None
        # absolute as MkDocs writes the files' paths (not resolved: they are compared with the listed ones)
        keeper = cls(Path(os.path.abspath(config.site_dir)), frozenset(kept_apart))
        keeper._real_clean = mkdocs.utils.clean_directory
        mkdocs.utils.clean_directory = keeper._clean_or_mark
        return keeper

    def uninstall(self) -> None:
        self._uninstall_clean()
        if self._real_write is not None and mkdocs.utils.write_file == self._write_if_changed:
            mkdocs.utils.write_file = self._real_write

    def _uninstall_clean(self) -> None:
        if self._real_clean is not None and mkdocs.utils.clean_directory == self._clean_or_mark:
            mkdocs.utils.clean_directory = self._real_clean

    def _clean_or_mark(self, directory: str) -> None:
        self._uninstall_clean()  # once: the next build installs its own
        if os.path.realpath(directory) != os.path.realpath(self.site_dir):
            assert self._real_clean is not None
            self._real_clean(directory)
            return
        self.site_dir.mkdir(parents=True, exist_ok=True)
        marker = self.site_dir / MARKER
        marker.write_bytes(b"")
        self.started_ns = marker.stat().st_mtime_ns
        marker.unlink()
        self._real_write = mkdocs.utils.write_file
        mkdocs.utils.write_file = self._write_if_changed

    def _write_if_changed(self, content: bytes, output_path: str) -> None:
        """MkDocs' ``write_file``, except for a file that holds ``content`` already. It keeps its old time,
        and :meth:`prune` keeps it as written by this build."""
        try:
            if os.stat(output_path).st_size == len(content):
                with open(output_path, "rb") as file:
                    if file.read() == content:
                        self.left.add(os.path.normpath(output_path))
                        return
        except OSError:
            pass  # not there (or not readable): written as MkDocs would
        assert self._real_write is not None
        self._real_write(content, output_path)

    def prune(self, listed: Iterable[str]) -> list[str]:
        """Removes every file of the folder older than the mark and not in ``listed`` (absolute paths of
        the files MkDocs built or copied) nor left as it was (:meth:`_write_if_changed`), then the folders
        this left empty; returns the removed files, relative to the folder, and notes in :attr:`written`
        the files newer than the mark. Hidden entries at its top are left alone, as MkDocs' emptying leaves
        them. Nothing when the folder was not marked (a ``--dirty`` build)."""
        self.uninstall()
        if self.started_ns is None:
            return []
        keep = {os.path.normpath(path) for path in listed} | self.left
        for path, mtime_ns in _files_under(self.site_dir, self.kept_apart):
            if mtime_ns >= self.started_ns:
                self.written.append(Path(path).relative_to(self.site_dir).as_posix())
            elif path not in keep:
                os.unlink(path)
                self.removed.append(Path(path).relative_to(self.site_dir).as_posix())
        _remove_empty_folders(self.site_dir, self.kept_apart)
        return self.removed

    def pages_changed(self) -> bool:
        """After :meth:`prune`: whether an HTML page was written or removed, or the folder was not marked
        (a ``--dirty`` build: what changed is not known)."""
        return self.started_ns is None or any(path.endswith(".html") for path in [*self.written, *self.removed])


def _left_alone(name: str, kept_apart: frozenset[str]) -> bool:
    """Whether an entry at the top of the folder is not ours to prune: one pruned elsewhere, or a hidden one,
    which MkDocs' emptying keeps too (a ``.git`` of a checkout published from ``site/``, a ``.nojekyll``)."""
    return name in kept_apart or name.startswith(".")


def _files_under(root: Path, kept_apart: frozenset[str]) -> list[tuple[str, int]]:
    found = []
    pending = [str(root)]
    while pending:
        folder = pending.pop()
        with os.scandir(folder) as entries:
            for entry in entries:
                if folder == str(root) and _left_alone(entry.name, kept_apart):
                    continue
                if entry.is_dir(follow_symlinks=False):
                    pending.append(entry.path)
                else:
                    found.append((os.path.normpath(entry.path), entry.stat(follow_symlinks=False).st_mtime_ns))
    return found


def _remove_empty_folders(root: Path, kept_apart: frozenset[str]) -> None:
    for folder, subfolders, files in os.walk(root, topdown=False):
        relative = Path(folder).relative_to(root)
        if folder == str(root) or _left_alone(relative.parts[0], kept_apart):
            continue
        if not files and not os.listdir(folder):
            os.rmdir(folder)
