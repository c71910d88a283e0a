"""Stores (build_tools/checked_store.py): a store every build reads is a base and a log; a write appends a
record of what changed, folds the log into a new base once it outgrows half the base, and a read gives
back exactly the entries written, ignoring a damaged or interrupted record and whatever follows it."""
from __future__ import annotations

import pickle
from pathlib import Path

import pytest

from build_tools import checked_store

MAGIC = b"test-store\n"
HEADER = {"format": 1}


def write(folder: Path, entries: dict) -> None:
    checked_store.write_log_store(folder, MAGIC, HEADER, entries, checked_store.read_log_store(folder, MAGIC, HEADER))


def read(folder: Path) -> dict:
    return checked_store.read_log_store(folder, MAGIC, HEADER).entries


def records(folder: Path) -> list[dict]:
    """The records of the log, as written."""
    log, found, position = (folder / checked_store.LOG_FILE).read_bytes(), [], 0
    while position < len(log):
        end = position + 8 + int.from_bytes(log[position:position + 4], "big")
        found.append(pickle.loads(log[position + 8:end]))
        position = end
    return found


def test_a_write_appends_a_record_of_the_entries_added_changed_and_dropped(tmp_path: Path) -> None:
    first = {"kept": b"k", "changed": b"c", "gone": b"g"}
    write(tmp_path, first)
    assert sorted(path.name for path in tmp_path.iterdir()) == [checked_store.BASE_FILE]
    base = (tmp_path / checked_store.BASE_FILE).read_bytes()
    assert read(tmp_path) == first
    second = {"kept": b"k", "changed": b"C", "added": b"a"}
    write(tmp_path, second)
    assert read(tmp_path) == second
    assert (tmp_path / checked_store.BASE_FILE).read_bytes() == base
    generation = checked_store.read_log_store(tmp_path, MAGIC, HEADER).generation
    assert records(tmp_path) == [{"generation": generation, "set": {"changed": b"C", "added": b"a"}, "drop": ["gone"]}]
    write(tmp_path, second)  # nothing changed: nothing written
    assert len(records(tmp_path)) == 1
    third = {"kept": b"k", "added": b"A"}
    write(tmp_path, third)
    assert read(tmp_path) == third and len(records(tmp_path)) == 2


def test_the_log_is_folded_into_a_new_base_once_it_outgrows_half_the_base(tmp_path: Path,
                                                                        monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(checked_store, "MIN_LOG", 0)
    entries = {f"key-{n}": bytes(100) for n in range(40)}  # a base of about 5 kB
    write(tmp_path, entries)
    generation = checked_store.read_log_store(tmp_path, MAGIC, HEADER).generation
    for n in range(40):
        entries[f"key-{n}"] = bytes([n + 1]) * 100
        before = checked_store.read_log_store(tmp_path, MAGIC, HEADER)
        write(tmp_path, entries)
        after = checked_store.read_log_store(tmp_path, MAGIC, HEADER)
        assert after.entries == entries
        if after.generation != generation:
            break
    assert after.generation != generation and not (tmp_path / checked_store.LOG_FILE).exists()
    # folded when the record would have taken the log past half the base, and not before
    record = 8 + len(pickle.dumps({"generation": generation, "set": {f"key-{n}": entries[f"key-{n}"]}, "drop": []},
                                  pickle.HIGHEST_PROTOCOL))
    assert before.log_end <= before.base_size // 2 < before.log_end + record and n > 5


def test_a_new_base_removes_the_shards_of_the_earlier_layout(tmp_path: Path) -> None:
    (tmp_path / "0a.pickle").write_bytes(b"a shard of the earlier layout")
    (tmp_path / "parts").mkdir()
    write(tmp_path, {"a": 1})
    assert sorted(path.name for path in tmp_path.iterdir()) == [checked_store.BASE_FILE, "parts"]


@pytest.mark.parametrize("damage", ["flipped-byte", "length-past-the-end", "not-a-record"])
def test_a_damaged_record_ends_the_log(tmp_path: Path, damage: str) -> None:
    write(tmp_path, {"a": 1, "b": 2})
    write(tmp_path, {"a": 10, "b": 2})
    log = tmp_path / checked_store.LOG_FILE
    first_end = len(log.read_bytes())
    write(tmp_path, {"a": 10, "b": 20})
    write(tmp_path, {"a": 10, "b": 20, "c": 3})
    data = bytearray(log.read_bytes())
    if damage == "flipped-byte":
        data[first_end + 12] ^= 1
    elif damage == "length-past-the-end":
        data[first_end:first_end + 4] = (len(data)).to_bytes(4, "big")
    else:
        payload = pickle.dumps(["not", "a", "record"])
        data[first_end:] = len(payload).to_bytes(4, "big") + checked_store.checksum(payload) + payload
    log.write_bytes(bytes(data))
    found = checked_store.read_log_store(tmp_path, MAGIC, HEADER)
    assert found.entries == {"a": 10, "b": 2} and found.log_end == first_end
    # the next write cuts the log where it stopped being valid and appends after it
    checked_store.write_log_store(tmp_path, MAGIC, HEADER, {"a": 10, "b": 21}, found)
    assert read(tmp_path) == {"a": 10, "b": 21} and len(records(tmp_path)) == 2


def test_an_interrupted_append_loses_only_its_record(tmp_path: Path) -> None:
    write(tmp_path, {"a": 1})
    write(tmp_path, {"a": 2})
    log = tmp_path / checked_store.LOG_FILE
    whole = log.read_bytes()
    write(tmp_path, {"a": 3})
    log.write_bytes(log.read_bytes()[:-3])  # the last record cut short
    assert read(tmp_path) == {"a": 2}
    write(tmp_path, {"a": 4})
    assert read(tmp_path) == {"a": 4} and log.read_bytes().startswith(whole) and len(records(tmp_path)) == 2


def test_the_log_of_a_replaced_base_is_ignored(tmp_path: Path) -> None:
    write(tmp_path, {"a": 1})
    write(tmp_path, {"a": 2})
    old_log = (tmp_path / checked_store.LOG_FILE).read_bytes()
    checked_store.write_log_store(tmp_path, MAGIC, HEADER, {"a": 5}, checked_store.LogRead())  # a new base
    (tmp_path / checked_store.LOG_FILE).write_bytes(old_log)  # as if the build stopped before removing the log
    found = checked_store.read_log_store(tmp_path, MAGIC, HEADER)
    assert found.entries == {"a": 5} and found.log_end == 0


@pytest.mark.parametrize("base", ["missing", "damaged", "other-header", "no-generation"])
def test_without_a_usable_base_the_store_is_empty(tmp_path: Path, base: str) -> None:
    write(tmp_path, {"a": 1})
    write(tmp_path, {"a": 2})
    path = tmp_path / checked_store.BASE_FILE
    if base == "missing":
        path.unlink()
    elif base == "damaged":
        path.write_bytes(path.read_bytes()[:-1])
    elif base == "other-header":
        checked_store.write_checked(path, MAGIC, {"header": {"format": 2}, "generation": "x", "entries": {"a": 9}})
    else:
        checked_store.write_checked(path, MAGIC, {"header": HEADER, "entries": {"a": 9}})
    found = checked_store.read_log_store(tmp_path, MAGIC, HEADER)
    assert found == checked_store.LogRead()
    write(tmp_path, {"a": 3})  # written as a new base, the old log gone
    assert read(tmp_path) == {"a": 3} and not (tmp_path / checked_store.LOG_FILE).exists()


@pytest.mark.parametrize("cut", ["before-the-end", "before-cutting-the-old-tail"])
def test_a_checked_file_is_overwritten_in_place_and_an_interrupted_write_reads_as_missing(tmp_path: Path, cut: str) -> None:
    path = tmp_path / "store.pickle"
    checked_store.write_checked(path, MAGIC, {"entries": "x" * 1000})
    inode = path.stat().st_ino
    checked_store.write_checked(path, MAGIC, {"entries": "short"})
    assert checked_store.read_checked(path, MAGIC) == {"entries": "short"} and path.stat().st_ino == inode
    checked_store.write_checked(path, MAGIC, {"entries": "y" * 1000})
    new = pickle.dumps({"entries": "z"}, pickle.HIGHEST_PROTOCOL)
    whole = MAGIC + checked_store.checksum(new) + new
    torn = whole[:-3] if cut == "before-the-end" else whole
    with path.open("r+b") as handle:  # what an interrupted write leaves: new bytes over the old, not cut
        handle.write(torn)
    assert path.stat().st_size > len(whole)
    assert checked_store.read_checked(path, MAGIC) is None


def test_no_two_lists_of_parts_share_a_digest() -> None:
    """Text parts without a NUL are joined by NULs, others length-prefixed: neither way collides with itself
    or with the other."""
    lists = [("a", "b"), ("a\0b",), ("a", "b", ""), ("a", "b", None), (b"a", "b"), ("ab",), ("a", "", "b"),
             ("",), (None,), (b"",), ("1\0a",), ("-",), ("\x01a",), ("a", "b\0")]
    digests = [checked_store.digest_of_parts(*parts) for parts in lists]
    assert len(set(digests)) == len(lists)
    assert checked_store.digest_of_parts("a", "b") == checked_store.digest_of_parts("a", "b")
