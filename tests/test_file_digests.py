"""File digests (build_tools/file_digests.py): a file is read again whenever it may have been written since
its digest was kept (a same-size rewrite with its modification time set back included), and only then;
a file written just before the store was saved is not trusted; a damaged store is ignored."""
from __future__ import annotations

import os
from pathlib import Path

import pytest

from build_tools import cache, file_digests
from build_tools.file_digests import FileDigests, digest_of_bytes
from build_tools.pipeline import ProjectPaths, generate
from conftest import copy_project



@pytest.fixture()
def settled_at_once(monkeypatch: pytest.MonkeyPatch) -> None:
    """Files just copied count as settled (their change time cannot be set back to make them old)."""
    monkeypatch.setattr(file_digests, "SETTLED_NS", 0)


@pytest.fixture()
def project(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> ProjectPaths:
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1700000000")
    return ProjectPaths(copy_project(tmp_path / "project"))


@pytest.fixture()
def opened(monkeypatch: pytest.MonkeyPatch) -> list[FileDigests]:
    stores: list[FileDigests] = []
    real_open = FileDigests.open.__func__  # type: ignore[attr-defined]

    def spying(cls, folder):
        store = real_open(cls, folder)
        stores.append(store)
        return store

    monkeypatch.setattr(FileDigests, "open", classmethod(spying))
    return stores


def input_files(project: ProjectPaths) -> list[Path]:
    return sorted(p for folder in (project.content, project.briefings) for p in folder.rglob("*") if p.is_file())


def test_unchanged_files_are_not_read_again(project: ProjectPaths, settled_at_once: None, opened: list[FileDigests]) -> None:
    generate(project)
    cache.cache_path(project.generated).unlink()  # the next build looks at every file again
    generate(project)
    first, second = opened
    assert first.read == len(input_files(project))
    assert second.read == 0
    assert set(second.kept) == {str(p) for p in input_files(project)}


def test_a_same_size_rewrite_with_its_old_modification_time_is_read_again(project: ProjectPaths, settled_at_once: None,
                                                                            opened: list[FileDigests]) -> None:
    generate(project)
    source = sorted(project.sources.glob("*.txt"))[0]
    text = source.read_text("utf-8")
    assert "Pakistan" in text
    before = source.stat()
    source.write_text(text.replace("Pakistan", "PAKISTAN", 1), "utf-8")
    os.utime(source, ns=(before.st_atime_ns, before.st_mtime_ns))
    after = source.stat()
    assert (after.st_size, after.st_mtime_ns) == (before.st_size, before.st_mtime_ns)
    generate(project)
    assert opened[1].read == 1
    pages = "".join(p.read_text("utf-8") for p in (project.generated / "sources").glob("*.md"))
    assert "PAKISTAN" in pages


def test_files_written_just_before_a_build_are_read_again_by_the_next(project: ProjectPaths,
                                                                    opened: list[FileDigests]) -> None:
    # every file was copied into the project a moment ago: its change time is too recent to tell a
    # rewrite within the same clock tick apart, so no digest is kept
    generate(project)
    assert FileDigests.open(project.generated / cache.CACHE_DIR).stored == {}
    cache.cache_path(project.generated).unlink()
    generate(project)
    assert opened[0].read == opened[2].read == len(input_files(project))


def test_a_settled_file_is_kept(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    path = tmp_path / "a.txt"
    path.write_bytes(b"settled")
    digests = FileDigests(tmp_path / "digests.pickle")
    assert digests.digest(path) == digest_of_bytes(b"settled")
    digests.save()
    assert FileDigests.open(tmp_path).stored == {}  # written a moment ago
    monkeypatch.setattr(file_digests, "SETTLED_NS", 0)
    digests.save()
    again = FileDigests.open(tmp_path)
    assert list(again.stored) == [str(path)]
    assert again.digest(path) == digest_of_bytes(b"settled") and again.read == 0


@pytest.mark.parametrize("damage", ["flipped-byte", "truncated", "malformed-entry"])
def test_a_damaged_store_is_ignored(tmp_path: Path, monkeypatch: pytest.MonkeyPatch, damage: str) -> None:
    monkeypatch.setattr(file_digests, "SETTLED_NS", 0)
    path = tmp_path / "a.txt"
    path.write_bytes(b"one")
    digests = FileDigests(tmp_path / file_digests.DIGESTS_FILE)
    digests.digest(path)
    if damage == "malformed-entry":
        digests.kept[str(tmp_path / "b.txt")] = ((1, 2, 3), "not a stamp of four")  # type: ignore[assignment]
    digests.save()
    store = tmp_path / file_digests.DIGESTS_FILE
    data = store.read_bytes()
    if damage == "flipped-byte":
        store.write_bytes(data[:-5] + bytes([data[-5] ^ 1]) + data[-4:])
    elif damage == "truncated":
        store.write_bytes(data[: len(data) // 2])
    again = FileDigests.open(tmp_path)
    assert list(again.stored) == ([str(path)] if damage == "malformed-entry" else [])
    assert again.digest(path) == digest_of_bytes(b"one")
