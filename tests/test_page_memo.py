"""The page memo (build_tools/emit/page_memo.py): after an edit of any kind, a build that reuses the
memoized pages writes the bytes of a build without them; unchanged pages are reused, not made again; a
damaged memo, or one of another registry or code, is not used."""
from __future__ import annotations

import dataclasses
import re
from array import array
from pathlib import Path

import pytest

from build_tools import cache, checked_store
from build_tools.emit import entity_page, figures_page, page_memo, timeline_page
from build_tools.emit.page_memo import PageMemo
from build_tools.emit.writer import Unloaded, output_digest
from build_tools.pipeline import ProjectPaths, build_index, generate
from conftest import UNCITED_SOURCE, cold_tree, copy_project, snapshot

BRIEFING = "vpn-regulation"
SOURCE = "arabnews-vpn-licensing"  # cited by BRIEFING; its file holds a second article
OTHER_SOURCE = "arabnews-imf-review"  # not cited by BRIEFING


@pytest.fixture()
def project(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> ProjectPaths:
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1700000000")
    return ProjectPaths(copy_project(tmp_path / "project"))


@pytest.fixture()
def memos(monkeypatch: pytest.MonkeyPatch) -> list[PageMemo]:
    """Every memo the builds open, in order."""
    opened: list[PageMemo] = []
    real_open = PageMemo.open.__func__  # type: ignore[attr-defined]

    def spying(cls, out, site):
        memo = real_open(cls, out, site)
        opened.append(memo)
        return memo

    monkeypatch.setattr(PageMemo, "open", classmethod(spying))
    return opened


def source_file(project: ProjectPaths) -> Path:
    return next(p for p in project.sources.glob("*.meta.yml") if f"id: {SOURCE}\n" in p.read_text("utf-8"))


def uncited_paragraph(project: ProjectPaths) -> tuple[str, int]:
    """A source BRIEFING lists and one of its paragraphs no briefing cites."""
    index, problems = build_index(project)
    assert index is not None and not problems
    for source_id in index.briefings[BRIEFING].sources:
        cited = index.citations.cited_paragraphs.get(source_id, set())
        uncited = [n for n in range(1, len(index.articles[source_id].paragraphs) + 1) if n not in cited]
        if uncited:
            return source_id, uncited[0]
    raise AssertionError(f"every paragraph of {BRIEFING}'s sources is cited")


def edit(project: ProjectPaths, kind: str) -> None:
    briefing = project.briefings / f"{BRIEFING}.md"
    text = briefing.read_text("utf-8")
    if kind == "briefing-title":  # shown on the pages of the sources it cites and of the entities it names
        briefing.write_text(re.sub(r'^title: ".*"$', 'title: "VPN licensing, retitled"', text, count=1, flags=re.M), "utf-8")
    elif kind == "new-citation":  # the source page quotes the paragraph; entity pages link to it
        source_id, paragraph = uncited_paragraph(project)
        briefing.write_text(text.rstrip("\n") + f"\n\nThe source says so again [@{source_id}:{paragraph}].\n", "utf-8")
    elif kind == "cite-another-source":  # the count of briefings citing it, in the sources archive too
        listed = re.search(r"^sources: \[(.*)\]$", text, re.M)
        assert listed is not None and OTHER_SOURCE not in listed.group(1)
        text = text.replace(listed.group(0), f"sources: [{listed.group(1)}, {OTHER_SOURCE}]")
        briefing.write_text(text.rstrip("\n") + f"\n\nAnother source reports it [@{OTHER_SOURCE}:1].\n", "utf-8")
    elif kind == "source-title":  # shown in other sources' related lists and on entity pages
        sidecar = source_file(project)
        sidecar.write_text(sidecar.read_text("utf-8").replace(f"id: {SOURCE}\n", f"id: {SOURCE}\n    title: A retitled article\n"), "utf-8")
    elif kind == "source-publisher":  # the label other pages show for it
        sidecar = source_file(project)
        sidecar.write_text(re.sub(r"^publisher: .*$", "publisher: Arab News Pakistan", sidecar.read_text("utf-8"), count=1, flags=re.M), "utf-8")
    elif kind == "remove-source":  # a file none of whose articles is cited
        index, _ = build_index(project)
        assert index is not None
        cited_files = {index.articles[source_id].path for source_id in index.citations.cited_paragraphs}
        cited_files |= {index.articles[source_id].path for source_id in index.citations.cited_by}
        path = next(p for p in sorted(project.sources.glob("*.txt")) if f"content/sources/{p.name}" not in cited_files)
        path.unlink()
        path.with_name(path.stem + ".meta.yml").unlink(missing_ok=True)
    elif kind == "entity-name":  # every page may show an entity's name: the whole memo is set aside
        entities = project.registry / "entities.yml"
        before = entities.read_text("utf-8")
        entities.write_text(before.replace("name: Pakistan Software Houses Association", "name: Pakistan Software Houses Assn", 1), "utf-8")
        assert entities.read_text("utf-8") != before


EDITS = ["briefing-title", "new-citation", "cite-another-source", "source-title", "source-publisher", "entity-name"]


@pytest.mark.parametrize("kind", EDITS)
def test_after_an_edit_the_memoized_build_writes_the_bytes_of_a_build_without_it(
        project: ProjectPaths, tmp_path: Path, memos: list[PageMemo], kind: str) -> None:
    generate(project)
    before = snapshot(project.generated)
    edit(project, kind)
    generate(project)
    after = snapshot(project.generated)
    assert after == cold_tree(project.root, tmp_path)
    assert after != before
    warm = memos[1]
    if kind == "entity-name":
        assert warm.hits == 0 and warm.misses == len(warm.kept)
    else:
        assert warm.hits > 0 and warm.misses > 0


@pytest.mark.parametrize("kind", EDITS)
def test_with_entity_pages_by_year_the_memoized_build_writes_the_bytes_of_a_build_without_it(
        project: ProjectPaths, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, kind: str) -> None:
    """As above, with each entity's sources by year (entity_archive): its page quotes only the newest."""
    monkeypatch.setattr(entity_page, "NEWEST_SOURCES_QUOTED", 1)
    generate(project)
    before = snapshot(project.generated)
    assert any(path.startswith("entities/pakistan/") for path in before)
    edit(project, kind)
    generate(project)
    after = snapshot(project.generated)
    assert after == cold_tree(project.root, tmp_path)
    assert after != before


def test_the_pages_an_edit_touches_are_made_again_and_only_those(project: ProjectPaths, memos: list[PageMemo]) -> None:
    generate(project)
    edit(project, "briefing-title")
    generate(project)
    index, _ = build_index(project)
    assert index is not None
    cited = sorted({place for place, places in index.citations.cited_by.items() if any(p.briefing_id == BRIEFING for p in places)})
    warm = memos[1]
    remade = sorted(path for path, entry in warm.kept.items() if warm.stored.get(path) != entry)
    sources_remade = [path for path in remade if path.startswith("sources/")]
    assert sources_remade == [f"sources/{source_id}.md" for source_id in cited]
    # of each entity page that quotes it, the list of briefings, in which only the briefing's part changed;
    # of the timeline's and the topic pages' lists, those holding its events, in which only those changed
    remade_sections = [path for path in remade if page_memo._section_entry(warm.kept[path])]
    timeline_lists = [path for path in remade_sections if f"#{timeline_page.LIST_PART}-" in path]
    assert {path.split("#")[0] for path in timeline_lists} == {"timeline.md"} | {f"topics/{t}.md" for t in index.briefings[BRIEFING].topics}
    assert remade_sections and {path.split("#")[1] for path in remade_sections if path not in timeline_lists} == {entity_page.BRIEFINGS_PART}
    assert sorted(warm.made_sections) == remade_sections
    for path in remade_sections:
        stored = warm._stored_section(path, warm.stored[path])
        assert stored is not None
        before = {row[0]: row[1] for row in page_memo.section_rows(stored) or []}
        after = {row[0]: row[1] for row in page_memo.section_rows(warm.made_sections[path]) or []}
        changed = {n for n in after if after[n] != before[n]}
        assert before.keys() == after.keys() and changed
        assert all(n.startswith(f"event:{BRIEFING}:") for n in changed) if path in timeline_lists else changed == {BRIEFING}
    # the entity pages that show the briefing's title (in those lists, claims or events) are made again,
    # and no other entity page
    entity_pages = sorted(path for path in remade if path.startswith("entities/") and page_memo._page_entry(warm.kept[path]))
    showing = sorted(f"entities/{page.name}" for page in (project.generated / "entities").glob("*.md")
                     if "VPN licensing, retitled" in page.read_text("utf-8"))
    assert entity_pages == showing and {path.split("#")[0] for path in remade_sections if path not in timeline_lists} <= set(showing)
    assert not any(path in warm.made_bodies for path in entity_pages)  # their bytes are not kept
    # the abbreviations were looked for again on the pages made whole whose text changed, and only those
    scanned = sorted(path.split("#")[0] for path in remade if path.endswith("#abbreviations"))
    assert "briefings/index.md" in scanned and "glossary.md" not in scanned and "about.md" not in scanned


@pytest.mark.parametrize("kind", ["briefing-title", "new-citation"])
def test_a_source_s_figure_rows_are_made_again_only_when_the_source_or_its_cited_paragraphs_change(
        project: ProjectPaths, memos: list[PageMemo], kind: str) -> None:
    generate(project)
    source_id, _ = uncited_paragraph(project)
    edit(project, kind)
    generate(project)
    warm = memos[1]
    rows = sorted(path for path in warm.kept if path.startswith(f"{figures_page.ROWS_PART}#"))
    index, _ = build_index(project)
    assert index is not None
    assert rows == sorted(f"{figures_page.ROWS_PART}#{s}" for s, a in index.figures.analyses.items() if a.figure_count)
    remade = [path for path in rows if warm.stored.get(path) != warm.kept[path]]
    # the paragraph newly cited is anchored on the source page, so its figures' links change
    assert remade == ([f"{figures_page.ROWS_PART}#{source_id}"] if kind == "new-citation" else [])


def test_a_rebuild_with_nothing_changed_reuses_every_memoized_page(project: ProjectPaths, memos: list[PageMemo]) -> None:
    generate(project)
    cache.cache_path(project.generated).unlink()  # past the whole-tree cache, into the pipeline
    generate(project)
    first, second = memos
    assert second.misses == 0 and second.hits == len(first.kept) > 0
    assert not second.changed
    index, _ = build_index(project)
    assert index is not None
    assert {f"sources/{source_id}.md" for source_id in index.articles} <= set(second.kept)
    assert {f"data/sources.json#{source_id}" for source_id in index.articles} <= set(second.kept)


def test_a_removed_source_leaves_the_memo(project: ProjectPaths, memos: list[PageMemo], tmp_path: Path) -> None:
    (project.sources / "999_extra.txt").write_text(UNCITED_SOURCE, "utf-8")
    generate(project)
    index, _ = build_index(project)
    assert index is not None
    edit(project, "remove-source")
    generate(project)
    after, _ = build_index(project)
    assert after is not None
    gone = set(index.articles) - set(after.articles)
    assert gone
    assert not {path for path in memos[1].kept if any(source_id in path for source_id in gone)}
    saved = PageMemo.open(project.generated, memos[1].site)
    assert saved.stored == memos[1].kept
    sections = [saved._stored_section(path, entry) for path, entry in saved.stored.items() if page_memo._section_entry(entry)]
    assert sections and None not in sections
    listed = {row[0] for section in sections for row in page_memo.section_rows(section) or []}  # type: ignore[arg-type]
    assert listed and not listed & gone
    assert snapshot(project.generated) == cold_tree(project.root, tmp_path)
    # the removed pages' bytes leave the store of bodies with them, the others' stay
    assert all(f"sources/{source_id}.md" not in saved._body_shard(f"sources/{source_id}.md") for source_id in gone)
    pages = [(path, entry[3]) for path, entry in saved.stored.items() if page_memo._page_entry(entry)]
    assert all((saved._body_shard(path).get(path) is not None) == kept for path, kept in pages)
    assert {path.split("/")[0] for path, kept in pages if not kept} == {"entities", "topics", "timeline.md"}  # pages of sections


@pytest.mark.parametrize("damage", ["flipped-byte", "truncated", "other-site", "malformed-entries"])
def test_a_damaged_or_foreign_memo_is_not_used(project: ProjectPaths, memos: list[PageMemo], tmp_path: Path,
                                               damage: str) -> None:
    generate(project)
    folder = page_memo.memo_path(project.generated)
    if damage == "other-site":
        foreign = PageMemo(folder, "other code\0other registry", kept=dict(PageMemo.open(project.generated, memos[0].site).stored))
        foreign.save()
        assert PageMemo.open(project.generated, "other code\0other registry").stored
    for path in sorted(folder.glob("*.pickle")) if damage != "other-site" else []:
        data = path.read_bytes()
        if damage == "malformed-entries":  # well-formed shards whose entries have the wrong shape
            saved = checked_store.read_checked(path, page_memo.MAGIC)
            checked_store.write_checked(path, page_memo.MAGIC, {**saved, "entries": {
                key: (entry[0], "not bytes") if len(entry) == 2 else (entry[0], entry[1], "not a size", *entry[3:])
                for key, entry in saved["entries"].items()}})
        elif damage == "flipped-byte":
            middle = len(data) // 2
            path.write_bytes(data[:middle] + bytes([data[middle] ^ 1]) + data[middle + 1:])
        else:
            path.write_bytes(data[: len(data) // 3])
    cache.cache_path(project.generated).unlink()
    generate(project)
    warm = memos[-1]
    assert warm.hits == 0 and warm.misses == len(warm.kept) > 0
    assert snapshot(project.generated) == cold_tree(project.root, tmp_path)
    assert PageMemo.open(project.generated, memos[0].site).stored == warm.kept  # written anew


def test_the_site_key_changes_with_the_code_and_the_registry(project: ProjectPaths) -> None:
    index, _ = build_index(project)
    assert index is not None
    key = page_memo.site_key(index.registry, "code-a")
    assert page_memo.site_key(index.registry, "code-a") == key
    assert page_memo.site_key(index.registry, "code-b") != key
    entity = next(iter(index.registry.entities.values()))
    index.registry.entities[entity.id] = dataclasses.replace(entity, description=entity.description + " More.")
    assert page_memo.site_key(index.registry, "code-a") != key


def test_reused_pages_reach_the_writer_unloaded_and_are_read_only_when_their_file_must_be_written(
        project: ProjectPaths, memos: list[PageMemo], tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    generate(project)
    edit(project, "briefing-title")
    generate(project)
    warm = memos[-1]
    assert warm.hits > 0 and warm.bodies_loaded == 0  # every reused page was on disk as the last build left it
    page = next(path for path, entry in sorted(warm.kept.items()) if page_memo._page_entry(entry) and entry[3]
                and path not in warm.made_bodies)
    (project.generated / page).unlink()  # by hand: the next build must write it from the memo
    generate(project)
    assert memos[-1].bodies_loaded == 1 and memos[-1].misses == 0
    assert snapshot(project.generated) == cold_tree(project.root, tmp_path)
    # with its body shard damaged too, the page is made again
    (project.generated / page).unlink()
    shard = page_memo.memo_path(project.generated) / page_memo.BODIES_FOLDER / f"{checked_store.shard_of(page)}.pickle"
    shard.write_bytes(shard.read_bytes()[:40])
    generate(project)
    assert memos[-1].bodies_loaded == 1 and list(memos[-1].made_bodies) == [page]
    assert snapshot(project.generated) == cold_tree(project.root, tmp_path)
    assert page in PageMemo.open(project.generated, memos[-1].site)._body_shard(page)  # stored again


def test_a_section_is_reused_whole_or_part_by_part(tmp_path: Path) -> None:
    made: list[int] = []
    scanned: list[bytes] = []

    def scan(part: bytes) -> list[str]:
        scanned.append(part)
        return [f"T{part.decode()[1]}", "common"]

    def build(parts: list[tuple[str, int]]) -> PageMemo:
        memo = PageMemo.open(tmp_path, "site")
        section = memo.section("p.md#+list", [(name, page_memo.inputs_digest(value)) for name, value in parts],
                               lambda number: made.append(number) or f"<{parts[number][1]}>".encode(), scan)
        assert section.found == {f"T{value}" for _, value in parts} | {"common"}
        read_before = set(memo._sections.read)
        assert section.data == b"".join(f"<{value}>".encode() for _, value in parts)
        memo.save()
        memo.read_when_asked = set(memo._sections.read) - read_before  # type: ignore[attr-defined]
        return memo

    first = build([("a", 1), ("b", 2)])
    assert made == [0, 1] and scanned == [b"<1>", b"<2>"] and list(first.kept) == ["p.md#+list"]
    assert first.kept["p.md#+list"] == (first.made_sections["p.md#+list"][0], ("T1", "T2", "common"), 6)
    second = build([("a", 1), ("b", 2)])
    assert made == [0, 1] and len(scanned) == 2 and second.kept == first.kept and (second.hits, second.misses) == (1, 0)
    # taken whole, its bytes are read from the sections' shard only when asked for
    assert second.read_when_asked == {page_memo._shard_name("p.md#+list")}
    assert not second.made_sections and not second.changed
    third = build([("c", 4), ("a", 1), ("b", 3)])
    assert made[2:] == [0, 2] and scanned[2:] == [b"<4>", b"<3>"]  # c is new and b changed; a is cut out as stored
    assert (third.hits, third.misses) == (1, 1)
    assert page_memo.section_rows(third.made_sections["p.md#+list"]) == [
        ("c", page_memo.inputs_digest(4), 3, ("T4", "common")), ("a", page_memo.inputs_digest(1), 6, ("T1", "common")),
        ("b", page_memo.inputs_digest(3), 9, ("T3", "common"))]
    fourth = build([("a", 1)])
    assert made[4:] == [] and fourth.made_sections["p.md#+list"][1] == b"<1>" and fourth.kept["p.md#+list"][1] == ("T1", "common")
    # bytes that cannot be read back are made again, part by part, when asked for
    shard = page_memo.memo_path(tmp_path) / page_memo.SECTIONS_FOLDER / page_memo._shard_name("p.md#+list")
    shard.write_bytes(shard.read_bytes()[:30])
    fifth = build([("a", 1)])
    assert made[4:] == [0] and fifth.made_sections["p.md#+list"][1] == b"<1>"
    assert PageMemo.open(tmp_path, "site")._stored_section("p.md#+list", fifth.kept["p.md#+list"]) is not None  # kept anew


def _table(names: list[str], inputs: list[bytes], ends: list[int], found: list[tuple[str, ...]]) -> tuple:
    """A section's table as the memo stores it (:func:`page_memo.section_rows` reads it)."""
    return "\0".join(names), b"".join(inputs), array("Q", ends).tobytes(), "\x01".join("\0".join(f) for f in found)


@pytest.mark.parametrize("damage", ["end-past-the-bytes", "inputs-short", "ends-falling", "ends-not-whole",
                                    "names-fewer", "findings-fewer", "not-a-table", "none"])
def test_a_section_with_a_malformed_table_is_made_again(damage: str) -> None:
    inputs = page_memo.inputs_digest(1)
    good = ["a", "b"], [inputs, inputs], [3, 6], [("X",), ()]
    table = {"end-past-the-bytes": _table(["a", "b"], [inputs, inputs], [3, 99], [("X",), ()]),
             "inputs-short": _table(*good)[:1] + (inputs + inputs[:-1],) + _table(*good)[2:],
             "ends-falling": _table(["a", "b"], [inputs, inputs], [6, 3], [("X",), ()]),
             "ends-not-whole": _table(*good)[:2] + (_table(*good)[2][:-1],) + _table(*good)[3:],
             "names-fewer": ("a",) + _table(*good)[1:],
             "findings-fewer": _table(*good)[:3] + ("X",),
             "not-a-table": (("a", inputs, 3, ("X",)), ("b", inputs, 6, ())),  # a tuple per part, as format 4 kept
             "none": _table(*good)}[damage]
    memo = PageMemo(stored={"p.md#+list": (b"old inputs", ("X",), 6)})
    memo._sections.read[page_memo._shard_name("p.md#+list")] = {"p.md#+list": (b"old inputs", b"<1><2>", table)}
    made: list[int] = []
    section = memo.section("p.md#+list", [("a", inputs)], lambda number: made.append(number) or b"<1>", lambda part: ["Y"])
    assert section.data == b"<1>"
    assert (made, section.found) == (([], {"X"}) if damage == "none" else ([0], {"Y"}))


def test_parts_reused_in_or_out_of_their_stored_order_keep_their_bytes_and_findings() -> None:
    digests = {value: page_memo.inputs_digest(value) for value in range(6)}
    stored = _table(["a", "b", "c", "d", "e"], [digests[v] for v in range(5)], [3, 6, 9, 12, 15], [("A",), (), ("C",), (), ()])
    memo = PageMemo(stored={"p.md#+list": (b"old inputs", ("A", "C"), 15)})
    memo._sections.read[page_memo._shard_name("p.md#+list")] = {"p.md#+list": (b"old inputs", b"<a><b><c><d><e>", stored)}
    made: list[int] = []
    parts = [("new", digests[5]), ("a", digests[0]), ("b", digests[1]), ("d", digests[3]), ("c", digests[2]), ("e", digests[4])]
    section = memo.section("p.md#+list", parts, lambda number: made.append(number) or b"<n>", lambda part: ["N"])
    assert made == [0] and memo.hits == 5
    assert section.data == b"<n><a><b><d><c><e>" and section.found == {"N", "A", "C"}
    assert page_memo.section_rows(memo.made_sections["p.md#+list"]) == [
        ("new", digests[5], 3, ("N",)), ("a", digests[0], 6, ("A",)), ("b", digests[1], 9, ()), ("d", digests[3], 12, ()),
        ("c", digests[2], 15, ("C",)), ("e", digests[4], 18, ())]


def test_a_part_whose_name_or_findings_hold_a_separator_or_whose_inputs_are_no_digest_is_refused() -> None:
    with pytest.raises(ValueError, match=r"part 'a' of p.md#\+list: a finding holds a NUL"):
        PageMemo().section("p.md#+list", [("a", page_memo.inputs_digest(1))], lambda number: b"<1>", lambda part: ["X\0Y"])
    for name, inputs in (("a\0b", page_memo.inputs_digest(1)), ("a", b"short")):
        with pytest.raises(ValueError, match=r"a name holds a NUL, or the inputs are not an inputs digest"):
            PageMemo().section("p.md#+list", [(name, inputs)], lambda number: b"<1>", lambda part: [])


@pytest.mark.parametrize("stored", [
    (b"other inputs", b"<1>", ()),    # the bytes of another version of the section
    (b"old inputs", b"<1><2><3>", ()),  # not of the size the entry gives
    (b"old inputs", "<1><2>", ()),    # not bytes
])
def test_section_bytes_that_do_not_fit_their_entry_are_not_used(stored: tuple) -> None:
    memo = PageMemo(stored={"p.md#+list": (b"old inputs", ("X",), 6)})
    memo._sections.read[page_memo._shard_name("p.md#+list")] = {"p.md#+list": stored}
    assert memo._stored_section("p.md#+list", memo.stored["p.md#+list"]) is None


def test_a_page_whose_bytes_are_not_kept_is_made_again_when_the_writer_needs_it(tmp_path: Path) -> None:
    made: list[str] = []
    memo = PageMemo.open(tmp_path, "site")
    assert memo.page("e.md", b"inputs", lambda: made.append("first") or b"page", keep_bytes=False) == b"page"
    memo.save()
    assert not (page_memo.memo_path(tmp_path) / page_memo.BODIES_FOLDER).exists()
    again = PageMemo.open(tmp_path, "site")
    reused = again.page("e.md", b"inputs", lambda: made.append("again") or b"page", keep_bytes=False)
    assert isinstance(reused, Unloaded) and (reused.digest, reused.size) == (output_digest(b"page"), 4) and made == ["first"]
    assert reused.load() == b"page" and made == ["first", "again"] and again.bodies_loaded == 0
    # the same page asked for with its bytes kept is not the stored one
    assert again.page("e.md", b"inputs", lambda: b"page") == b"page" and again.misses == 1


def test_a_section_of_names_and_inputs_is_the_section_of_their_pairs() -> None:
    parts = [("a", page_memo.inputs_digest(1)), ("b", page_memo.inputs_digest(2))]
    paired = PageMemo().section("p.md#+list", parts, lambda number: f"<{number}>".encode(), lambda part: [part.decode()])
    memo = PageMemo()
    listed = memo.section_of("p.md#+list", ["a", "b"], [inputs for _, inputs in parts], lambda number: f"<{number}>".encode(),
                             lambda part: [part.decode()])
    assert (listed.inputs, listed.found, listed.data) == (paired.inputs, paired.found, paired.data)
    with pytest.raises(ValueError, match=r"section p\.md#\+list: 2 part names but 1 inputs"):
        memo.section_of("p.md#+list", ["a", "b"], [parts[0][1]], lambda number: b"", lambda part: [])
