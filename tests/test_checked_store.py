"""Sharded stores (build_tools/checked_store.py): a write rewrites only the shards whose entries changed,
removes the shards left empty or unreadable, and reads back exactly the entries written."""
from __future__ import annotations

from pathlib import Path

from build_tools import checked_store

MAGIC = b"test-store\n"
HEADER = {"format": 1}


def keys_in_distinct_shards(count: int) -> list[str]:
    found: dict[str, str] = {}
    number = 0
    while len(found) < count:
        key = f"key-{number}"
        found.setdefault(checked_store.shard_of(key), key)
        number += 1
    return list(found.values())


def shard_file(folder: Path, key: str) -> Path:
    return folder / f"{checked_store.shard_of(key)}.pickle"


def test_a_write_rewrites_only_the_shards_of_new_changed_and_gone_entries(tmp_path: Path) -> None:
    kept, changed, gone, added, damaged = keys_in_distinct_shards(5)
    neighbour = next(f"n-{n}" for n in range(10_000) if checked_store.shard_of(f"n-{n}") == checked_store.shard_of(gone))
    first = {kept: b"k", changed: b"c", gone: b"g", neighbour: b"n"}
    checked_store.write_shards(tmp_path, MAGIC, HEADER, first, checked_store.ShardedRead({}, set()))
    shard_file(tmp_path, damaged).write_bytes(b"not a shard")
    read = checked_store.read_shards(tmp_path, MAGIC, HEADER)
    assert read.entries == first
    inodes = {path.name: path.stat().st_ino for path in tmp_path.iterdir()}  # a shard is rewritten as a new file
    second = {kept: b"k", changed: b"C", neighbour: b"n", added: b"a"}
    checked_store.write_shards(tmp_path, MAGIC, HEADER, second, read)
    assert checked_store.read_shards(tmp_path, MAGIC, HEADER).entries == second
    rewritten = {path.name for path in tmp_path.iterdir() if inodes.get(path.name) != path.stat().st_ino}
    assert rewritten == {shard_file(tmp_path, key).name for key in (changed, added, gone)}  # gone: its neighbour stays
    assert not shard_file(tmp_path, damaged).exists()  # unreadable, and nothing new falls in it
    third = {kept: b"k", changed: b"C", added: b"a"}  # the neighbour goes too: its shard holds nothing now
    checked_store.write_shards(tmp_path, MAGIC, HEADER, third, checked_store.read_shards(tmp_path, MAGIC, HEADER))
    assert not shard_file(tmp_path, gone).exists()
    assert sorted(path.name for path in tmp_path.iterdir()) == sorted(shard_file(tmp_path, key).name for key in third)
    assert checked_store.read_shards(tmp_path, MAGIC, HEADER).entries == third


def test_no_two_lists_of_parts_share_a_digest() -> None:
    """Text parts without a NUL are joined by NULs, others length-prefixed: neither way collides with itself
    or with the other."""
    lists = [("a", "b"), ("a\0b",), ("a", "b", ""), ("a", "b", None), (b"a", "b"), ("ab",), ("a", "", "b"),
             ("",), (None,), (b"",), ("1\0a",), ("-",), ("\x01a",), ("a", "b\0")]
    digests = [checked_store.digest_of_parts(*parts) for parts in lists]
    assert len(set(digests)) == len(lists)
    assert checked_store.digest_of_parts("a", "b") == checked_store.digest_of_parts("a", "b")
