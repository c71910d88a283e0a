"""The generated tree is replaced all or nothing, even when a build is interrupted mid-write."""
from __future__ import annotations

import hashlib
import os
from pathlib import Path

import pytest

from build_tools.emit import writer
from build_tools.emit.writer import MANIFEST, STAGING, UnsafeOutput, write_tree
from conftest import snapshot

OLD = {"index.md": b"old home", "sources/a.md": b"old a", "sources/gone.md": b"removed next time"}
NEW = {"index.md": b"new home", "sources/a.md": b"new a", "sources/b.md": b"new b"}


class Interrupted(BaseException):
    """Stands for a kill: not an Exception, so nothing on the way catches it."""


def pages(folder: Path) -> dict[str, bytes]:
    return {k: v for k, v in snapshot(folder).items() if k != MANIFEST}


def test_interrupted_before_commit_leaves_the_previous_tree(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    write_tree(tmp_path, OLD)
    real = writer.os.replace

    def killed(source, target) -> None:
        if Path(target).name == writer.JOURNAL:
            raise Interrupted()
        real(source, target)

    monkeypatch.setattr(writer.os, "replace", killed)
    with pytest.raises(Interrupted):
        write_tree(tmp_path, NEW)
    assert (tmp_path / STAGING / (writer.JOURNAL + ".part")).is_file()  # written whole, not committed
    assert {k: v for k, v in pages(tmp_path).items() if not k.startswith(STAGING)} == OLD
    monkeypatch.setattr(writer.os, "replace", real)
    writer.recover(tmp_path)
    assert pages(tmp_path) == OLD and not (tmp_path / STAGING).exists()


def test_interrupted_after_commit_is_completed_by_the_next_run(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    write_tree(tmp_path, OLD)
    real = writer.write_in_place
    written = []

    def killed(target, data) -> None:
        written.append(Path(target).relative_to(tmp_path).as_posix())
        if len(written) == 2:
            Path(target).write_bytes(data[:2])  # torn: part of the new bytes where the old ones were
            raise Interrupted()
        real(target, data)

    monkeypatch.setattr(writer, "write_in_place", killed)
    with pytest.raises(Interrupted):
        write_tree(tmp_path, NEW)
    assert written == [MANIFEST, "index.md"]
    assert (tmp_path / "index.md").read_bytes() == b"ne" and "sources/b.md" not in pages(tmp_path)
    monkeypatch.setattr(writer, "write_in_place", real)
    writer.recover(tmp_path)  # what the next build does first
    assert pages(tmp_path) == NEW
    assert (tmp_path / MANIFEST).read_text() == "index.md\nsources/a.md\nsources/b.md\n"
    assert not (tmp_path / STAGING).exists()


def test_a_journal_cut_short_is_discarded_and_the_tree_left_alone(tmp_path: Path) -> None:
    write_tree(tmp_path, OLD)
    (tmp_path / STAGING).mkdir()
    header = b'{"write": [["index.md", 9]], "remove": ["sources/a.md"]}'
    (tmp_path / STAGING / writer.JOURNAL).write_bytes(writer.JOURNAL_MAGIC + len(header).to_bytes(8, "big") + header + b"new")
    writer.recover(tmp_path)
    assert pages(tmp_path) == OLD and not (tmp_path / STAGING).exists()


def test_a_write_committed_by_a_version_before_the_journal_is_completed(tmp_path: Path) -> None:
    """That version staged each changed file under .staging/ and committed by writing .staging/COMMIT."""
    write_tree(tmp_path, OLD)
    staging = tmp_path / STAGING
    (staging / "sources").mkdir(parents=True)
    (staging / writer.STAGING_MARK).write_bytes(b"")
    for path in ("index.md", "sources/b.md"):
        (staging / path).write_bytes(NEW[path])
    (staging / writer.LEGACY_COMMIT).write_text('{"write": ["index.md", "sources/a.md", "sources/b.md"], '
                                                '"remove": ["sources/gone.md"]}', "utf-8")
    writer.recover(tmp_path)  # sources/a.md was moved into place before the interruption
    assert pages(tmp_path) == {"index.md": NEW["index.md"], "sources/a.md": OLD["sources/a.md"], "sources/b.md": NEW["sources/b.md"]}
    assert not staging.exists()


def test_writing_in_place_replaces_a_pipe_instead_of_waiting_for_a_reader(tmp_path: Path) -> None:
    os.mkfifo(tmp_path / "page.md")
    writer.write_in_place(tmp_path / "page.md", b"page")
    assert (tmp_path / "page.md").is_file() and (tmp_path / "page.md").read_bytes() == b"page"


def test_writing_in_place_replaces_a_link_and_a_hard_linked_file_instead_of_writing_through(tmp_path: Path) -> None:
    (tmp_path / "content.txt").write_bytes(b"a source")
    (tmp_path / "out").mkdir()
    (tmp_path / "out" / "linked.md").symlink_to(tmp_path / "content.txt")
    os.link(tmp_path / "content.txt", tmp_path / "out" / "hard.md")
    writer.write_in_place(tmp_path / "out" / "linked.md", b"page")
    writer.write_in_place(tmp_path / "out" / "hard.md", b"other page")
    assert (tmp_path / "content.txt").read_bytes() == b"a source"
    assert not (tmp_path / "out" / "linked.md").is_symlink()
    assert (tmp_path / "out" / "linked.md").read_bytes() == b"page" and (tmp_path / "out" / "hard.md").read_bytes() == b"other page"


def test_writing_in_place_keeps_the_file_and_cuts_what_is_left_of_longer_bytes(tmp_path: Path) -> None:
    target = tmp_path / "page.md"
    target.write_bytes(b"a longer page than the next")
    inode = target.stat().st_ino
    writer.write_in_place(target, b"short")
    assert target.read_bytes() == b"short" and target.stat().st_ino == inode
    writer.write_in_place(tmp_path / "new" / "folder" / "page.md", b"made")
    assert (tmp_path / "new" / "folder" / "page.md").read_bytes() == b"made"


def test_unchanged_files_are_not_rewritten(tmp_path: Path) -> None:
    write_tree(tmp_path, NEW)
    before = {p: (tmp_path / p).stat().st_mtime_ns for p in NEW}
    report = write_tree(tmp_path, NEW)
    assert report.written == [] and report.removed == [] and report.unchanged == 3
    assert {p: (tmp_path / p).stat().st_mtime_ns for p in NEW} == before


def test_stale_files_go_and_foreign_files_stay(tmp_path: Path) -> None:
    write_tree(tmp_path, OLD)
    (tmp_path / "notes.txt").write_text("someone else's")
    report = write_tree(tmp_path, NEW)
    assert report.removed == ["sources/gone.md"]
    assert report.written == ["index.md", "sources/a.md", "sources/b.md"]
    assert (tmp_path / "notes.txt").read_text() == "someone else's"


@pytest.mark.parametrize("path", ["../escape.md", "/etc/passwd", "a/../../b.md", ""])
def test_paths_outside_the_folder_are_refused(tmp_path: Path, path: str) -> None:
    with pytest.raises(UnsafeOutput):
        write_tree(tmp_path / "out", {path: b"x"})
    assert not (tmp_path / "escape.md").exists()


def known_of(folder: Path, files: dict[str, bytes]) -> dict[str, tuple[int, int, str]]:
    """What the whole-tree cache records of a written tree: size, modification time and digest."""
    return {path: ((folder / path).stat().st_size, (folder / path).stat().st_mtime_ns, writer.output_digest(data))
            for path, data in files.items()}


def test_known_pages_are_not_read_back_and_changed_ones_are_written(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    write_tree(tmp_path, OLD)
    known = known_of(tmp_path, OLD)
    read_back: list[str] = []
    real = writer._holds

    def holds(target: Path, data: bytes) -> bool:
        read_back.append(target.relative_to(tmp_path).as_posix())
        return real(target, data)

    monkeypatch.setattr(writer, "_holds", holds)
    report = write_tree(tmp_path, {**OLD, "sources/a.md": b"new a"}, known)
    assert report.written == ["sources/a.md"] and report.unchanged == 2
    assert sorted(read_back) == [MANIFEST, "sources/a.md"]  # the known, unchanged pages were not read
    assert pages(tmp_path) == {**OLD, "sources/a.md": b"new a"}
    # the digests it made to tell are handed on (the whole-tree cache records them), of those pages only
    unchanged = {path: data for path, data in OLD.items() if path != "sources/a.md"}
    assert report.digests == {path: hashlib.sha256(data).hexdigest() for path, data in unchanged.items()}
    # and their size and time as found on disk, so that the cache does not look at them again
    assert report.stamps == {path: ((tmp_path / path).stat().st_size, (tmp_path / path).stat().st_mtime_ns)
                             for path in unchanged}


def test_a_page_changed_on_disk_since_it_was_recorded_is_written_again(tmp_path: Path) -> None:
    write_tree(tmp_path, OLD)
    known = known_of(tmp_path, OLD)
    (tmp_path / "index.md").write_bytes(b"edited by hand!")  # another size
    (tmp_path / "sources/a.md").write_bytes(b"old b")       # same size, another modification time
    later = known["sources/a.md"][1] + 1_000_000_000
    os.utime(tmp_path / "sources/a.md", ns=(later, later))
    report = write_tree(tmp_path, OLD, known)
    assert sorted(report.written) == ["index.md", "sources/a.md"]
    assert pages(tmp_path) == OLD


def test_an_unloaded_file_is_loaded_only_when_it_must_be_written(tmp_path: Path) -> None:
    write_tree(tmp_path, OLD)
    known = known_of(tmp_path, OLD)
    loads: list[str] = []

    def unloaded(path: str, data: bytes) -> writer.Unloaded:
        def load() -> bytes:
            loads.append(path)
            return data
        return writer.Unloaded(hashlib.sha256(data).hexdigest(), len(data), load)

    files = {path: unloaded(path, data) for path, data in OLD.items()}
    report = write_tree(tmp_path, files, known)
    assert loads == [] and report.written == [] and report.unchanged == len(OLD)
    assert report.digests == {path: hashlib.sha256(data).hexdigest() for path, data in OLD.items()}
    assert report.stamps == {path: (known[path][0], known[path][1]) for path in OLD}
    (tmp_path / "index.md").unlink()  # gone from disk: its bytes are needed
    report = write_tree(tmp_path, files, known)
    assert loads == ["index.md"] and report.written == ["index.md"] and pages(tmp_path) == OLD
    loads.clear()
    report = write_tree(tmp_path, files)  # nothing known of the tree: each is loaded and compared
    assert sorted(loads) == sorted(OLD) and report.written == []
