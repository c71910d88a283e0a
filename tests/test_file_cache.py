"""The per-file cache (build_tools/file_cache.py): after an edit, a build with a warm cache re-parses and
re-indexes only what changed and writes the same bytes as a cold build; a damaged, planted or stale cache
is ignored; entries of deleted files are dropped; a file with errors reports them on every build."""
from __future__ import annotations

import pickle
import shutil
from pathlib import Path

import pytest

from build_tools import cache, checked_store, file_cache
from build_tools.errors import BuildFailed
from build_tools.file_cache import FileCache
from build_tools.emit.page_memo import memo_path
from build_tools.model import StoredParagraphs
from build_tools.parse import sources
from build_tools.pipeline import ProjectPaths, build_index, generate
from conftest import cold_tree, snapshot

REPO = Path(__file__).resolve().parents[1]


@pytest.fixture()
def project(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> ProjectPaths:
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1700000000")
    root = tmp_path / "project"
    shutil.copytree(REPO / "content", root / "content")
    shutil.copytree(REPO / "briefings", root / "briefings")
    shutil.copy2(REPO / "mkdocs.yml", root / "mkdocs.yml")
    return ProjectPaths(root)


@pytest.fixture()
def parsed(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    """Names of the page dumps actually parsed (cache misses), in order."""
    names: list[str] = []
    real = sources.PARSERS[".txt"]

    def counting(text: str, path: str):
        names.append(Path(path).name)
        return real(text, path)

    monkeypatch.setitem(sources.PARSERS, ".txt", counting)
    return names


def dumps(project: ProjectPaths) -> list[Path]:
    return sorted(project.sources.glob("*.txt"))


def add_source(project: ProjectPaths, name: str = "999_extra", ident: str = "file-cache-extra") -> Path:
    extra = project.sources / f"{name}.txt"
    extra.write_text("PTA publishes a list of licensed VPN providers\n\nBy Staff Reporter\nUpdated 2 March 2025\n\n"
                     "ISLAMABAD: The Pakistan Telecommunication Authority published the list of licensed providers "
                     "on Monday, saying 12 more companies would be added as applications are processed.\n", "utf-8")
    extra.with_name(f"{name}.meta.yml").write_text(f"articles:\n  - id: {ident}\n", "utf-8")
    return extra


def shards(out: Path) -> dict[str, tuple[bytes, int]]:
    """The bytes and modification time of each file of the store of output folder ``out`` (its base and
    log; its parts shards are apart)."""
    return {p.name: (p.read_bytes(), p.stat().st_mtime_ns) for p in sorted(file_cache.cache_path(out).iterdir())
            if p.is_file()}


def entries(out: Path) -> dict:
    """The entries the store of output folder ``out`` holds."""
    return checked_store.read_log_store(file_cache.cache_path(out), file_cache.MAGIC, FileCache().header).entries


def log_records(out: Path) -> list[dict]:
    """The records of the log of the store of output folder ``out``."""
    log, found, position = (file_cache.cache_path(out) / checked_store.LOG_FILE).read_bytes(), [], 0
    while position < len(log):
        end = position + 8 + int.from_bytes(log[position:position + 4], "big")
        found.append(pickle.loads(log[position + 8:end]))
        position = end
    return found


def parts_shards(out: Path) -> dict[str, bytes]:
    """The bytes of each parts shard (articles' paragraphs, analyses' mentions and figures)."""
    return {p.name: p.read_bytes() for p in sorted((file_cache.cache_path(out) / file_cache.PARTS_FOLDER).glob("*.pickle"))}


def parts_held(shard: bytes) -> set[str]:
    """The names of the entries whose parts a parts shard (its bytes) holds."""
    payload = shard[len(file_cache.PARTS_MAGIC) + checked_store.DIGEST_SIZE:]
    return set(pickle.loads(payload)["entries"])


def edit_summary(briefing: Path) -> None:
    """Changes a briefing's text, and no problem comes of it."""
    briefing.write_text(briefing.read_text("utf-8").replace("\nsummary: ", "\nsummary: Edited. ", 1), "utf-8")


def force_full_build(project: ProjectPaths) -> None:
    """Drops the whole-tree cache entry, so the next build runs the pipeline (with the per-file cache)."""
    cache.cache_path(project.generated).unlink(missing_ok=True)


EDITS = ["edit-source", "edit-sidecar", "add-source", "remove-source", "edit-registry", "edit-briefing"]


@pytest.mark.parametrize("edit", EDITS)
def test_a_warm_build_after_an_edit_writes_the_bytes_of_a_cold_build(project: ProjectPaths, tmp_path: Path,
                                                                      parsed: list[str], edit: str) -> None:
    extra = add_source(project)
    generate(project)
    assert shards(project.generated)
    parsed.clear()
    first = dumps(project)[0]
    if edit == "edit-source":
        first.write_text(first.read_text("utf-8").replace("Pakistan", "PAKISTAN", 1), "utf-8")
    elif edit == "edit-sidecar":
        sidecar = first.with_name(first.stem + ".meta.yml")
        sidecar.write_text(sidecar.read_text("utf-8") + "summary: A summary added in the sidecar.\n", "utf-8")
    elif edit == "add-source":
        add_source(project, "998_another", "file-cache-another")
    elif edit == "remove-source":
        extra.unlink()
        extra.with_name("999_extra.meta.yml").unlink()
    elif edit == "edit-registry":  # every article's mentions depend on the registry's names
        entities = project.registry / "entities.yml"
        text = entities.read_text("utf-8")
        entities.write_text(text.replace("  abbreviation: PTA\n", "  abbreviation: PTA\n  aliases: [Telecom Authority]\n", 1), "utf-8")
        assert entities.read_text("utf-8") != text
    elif edit == "edit-briefing":
        briefing = sorted(project.briefings.glob("*.md"))[0]
        briefing.write_text(briefing.read_text("utf-8") + "\n", "utf-8")
    generate(project)
    expected_parses = {"edit-source": [first.name], "edit-sidecar": [first.name], "add-source": ["998_another.txt"]}
    assert sorted(parsed) == expected_parses.get(edit, []), "only the changed file is parsed again"
    assert snapshot(project.generated) == cold_tree(project.root, tmp_path)


def test_a_warm_build_reuses_every_unchanged_entry(project: ProjectPaths) -> None:
    generate(project)
    force_full_build(project)
    opened: list[FileCache] = []
    real_open = FileCache.open.__func__  # type: ignore[attr-defined]

    def spying(cls, out: Path, **options) -> FileCache:
        store = real_open(cls, out, **options)
        opened.append(store)
        return store

    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(FileCache, "open", classmethod(spying))
        generate(project)
    store = opened[0]
    briefings = len(list(project.briefings.glob("*.md")))
    assert store.misses == 0 and store.hits == len(dumps(project)) + briefings + len(store.analyses)
    assert not store.changed


CORRUPTIONS = ["empty", "garbage", "truncated", "flipped-byte", "other-format", "other-code", "planted-code",
               "planted-entry"]


class Planted:
    """Unpickling this would create a marker file: the cache must refuse to build it."""

    def __init__(self, marker: Path):
        self.marker = marker

    def __reduce__(self):
        return (Path.touch, (self.marker,))


def write_store(path: Path, saved: object) -> None:
    payload = pickle.dumps(saved, pickle.HIGHEST_PROTOCOL)
    path.write_bytes(file_cache.MAGIC + checked_store.checksum(payload) + payload)


def stored_entries(path: Path) -> dict:
    saved = checked_store.read_checked(path, file_cache.MAGIC)
    assert isinstance(saved, dict)
    return saved


@pytest.mark.parametrize("corruption", CORRUPTIONS)
def test_a_corrupt_cache_is_ignored(project: ProjectPaths, tmp_path: Path, parsed: list[str], corruption: str) -> None:
    generate(project)
    before = entries(project.generated)
    marker = tmp_path / "planted-code-ran"
    for path in [file_cache.cache_path(project.generated) / checked_store.BASE_FILE]:
        data = path.read_bytes()
        saved = stored_entries(path)
        if corruption == "empty":
            path.write_bytes(b"")
        elif corruption == "garbage":
            path.write_bytes(b"not a cache at all\n" * 10)
        elif corruption == "truncated":
            path.write_bytes(data[: len(data) // 2])
        elif corruption == "flipped-byte":  # inside a stored value: only the digest can tell
            position = len(file_cache.MAGIC) + checked_store.DIGEST_SIZE + len(data[len(file_cache.MAGIC) + checked_store.DIGEST_SIZE:]) // 2
            path.write_bytes(data[:position] + bytes([data[position] ^ 1]) + data[position + 1:])
        elif corruption == "other-format":
            write_store(path, {**saved, "header": {**saved["header"], "format": file_cache.FORMAT + 1}})
        elif corruption == "other-code":
            write_store(path, {**saved, "header": {**saved["header"], "code": "other code"}})
        elif corruption == "planted-code":
            write_store(path, Planted(marker))
        elif corruption == "planted-entry":  # a well-formed base whose entries would run code
            planted = pickle.dumps([Planted(marker)])
            write_store(path, {**saved, "entries": {
                name: (value[0], planted) if isinstance(value, tuple) else planted for name, value in saved["entries"].items()}})
    force_full_build(project)
    parsed.clear()
    generate(project)
    assert not marker.exists(), "the cache ran code"
    assert sorted(parsed) == [p.name for p in dumps(project)], "every file is parsed again"
    assert snapshot(project.generated) == cold_tree(project.root, tmp_path)
    assert entries(project.generated) == before, "the cache is rebuilt as it was"


def test_a_damaged_record_costs_only_its_entries(project: ProjectPaths, parsed: list[str]) -> None:
    generate(project)
    add_source(project)
    generate(project)  # appends a record holding the new file's entries
    add_source(project, "998_another", "file-cache-another")
    generate(project)
    log = file_cache.cache_path(project.generated) / checked_store.LOG_FILE
    first, second = log_records(project.generated)
    assert "file\0content/sources/999_extra.txt" in first["set"] and "file\0content/sources/998_another.txt" in second["set"]
    data = bytearray(log.read_bytes())
    data[len(data) - 10] ^= 1  # inside the second record
    log.write_bytes(bytes(data))
    force_full_build(project)
    parsed.clear()
    generate(project)
    assert parsed == ["998_another.txt"]
    assert "content/sources/998_another.txt" in FileCache.open(project.generated).files  # kept anew


def test_entries_of_deleted_files_are_dropped(project: ProjectPaths) -> None:
    extra = add_source(project)
    generate(project)
    before = FileCache.open(project.generated)
    assert "content/sources/999_extra.txt" in before.files
    extra.unlink()
    extra.with_name("999_extra.meta.yml").unlink()
    generate(project)
    after = FileCache.open(project.generated)
    assert set(after.files) == set(before.files) - {"content/sources/999_extra.txt"}
    assert len(after.analyses) == len(before.analyses) - 1
    held = set().union(*(parts_held(shard) for shard in parts_shards(project.generated).values()))
    assert held == {f"file\0{name}" for name in after.files if name.startswith("content/sources/")} \
        | {f"analysis\0{key}" for key, entry in after.analyses.items() if len(entry) == 2}


def test_an_edited_file_leaves_no_stale_entry(project: ProjectPaths) -> None:
    generate(project)
    before = FileCache.open(project.generated)
    first = dumps(project)[0]
    first.write_text(first.read_text("utf-8") + "\nA closing paragraph added to the page for this test, long enough to be prose.\n", "utf-8")
    generate(project)
    after = FileCache.open(project.generated)
    shown = f"content/sources/{first.name}"
    assert after.files[shown][0] != before.files[shown][0]
    assert len(after.files) == len(before.files) and len(after.analyses) == len(before.analyses)


def test_a_file_with_errors_reports_them_on_every_build(project: ProjectPaths, parsed: list[str]) -> None:
    generate(project)
    first = dumps(project)[0]
    sidecar = first.with_name(first.stem + ".meta.yml")
    good = sidecar.read_bytes()
    sidecar.write_text("publsher: Nobody\n", "utf-8")
    reports = []
    for _ in range(2):
        parsed.clear()
        with pytest.raises(BuildFailed) as failed:
            generate(project)
        reports.append([str(p) for p in failed.value.problems])
        assert parsed == [first.name], "the file with an error is parsed on every build"
    assert reports[0] == reports[1] and any("publsher" in line for line in reports[0])
    sidecar.write_bytes(good)  # back to the bytes of the last good build, whose entry is still there
    parsed.clear()
    generate(project)
    assert parsed == []


def test_problems_between_cached_files_are_reported_on_every_build(project: ProjectPaths) -> None:
    generate(project)
    taken = sorted(project.sources.glob("*.meta.yml"))[0].read_text("utf-8").split("id: ", 1)[1].split()[0]
    add_source(project, "999_duplicate", taken)
    for _ in range(2):
        with pytest.raises(BuildFailed, match=f"source id '{taken}' is already used"):
            generate(project)


def test_a_failed_build_keeps_the_cache_of_the_last_good_one(project: ProjectPaths) -> None:
    generate(project)
    before = shards(project.generated)
    (project.sources / "bad.txt").write_text("", "utf-8")
    with pytest.raises(BuildFailed):
        generate(project)
    assert shards(project.generated) == before


def test_the_cache_lives_next_to_the_output_never_in_the_inputs(project: ProjectPaths, tmp_path: Path) -> None:
    generate(project)
    other = tmp_path / "elsewhere"
    generate(project, other)
    assert shards(other)
    for folder in (project.content, project.briefings):
        assert not any(p.name in (file_cache.CACHE_FOLDER, file_cache.LEGACY_FILE) for p in folder.rglob("*"))


def test_a_build_without_changes_to_the_entries_does_not_rewrite_the_cache(project: ProjectPaths) -> None:
    generate(project)
    before = shards(project.generated)
    force_full_build(project)
    generate(project)
    assert shards(project.generated) == before


def test_a_build_that_adds_a_source_writes_a_record_of_its_entries_and_the_parts_shards_of_their_parts(project: ProjectPaths) -> None:
    generate(project)
    before, analyses_before = shards(project.generated), set(FileCache.open(project.generated).analyses)
    parts_before = parts_shards(project.generated)
    # named so that its parts shard already holds another file's paragraphs, which must stay there
    taken = file_cache.parts_shard_of(f"file\0content/sources/{dumps(project)[0].name}")
    name = next(f"999_extra_{n}" for n in range(100_000)
                if file_cache.parts_shard_of(f"file\0content/sources/999_extra_{n}.txt") == taken)
    entry = f"file\0content/sources/{name}.txt"
    add_source(project, name)
    generate(project)
    after, parts_after = shards(project.generated), parts_shards(project.generated)
    new_analyses = set(FileCache.open(project.generated).analyses) - analyses_before
    assert len(new_analyses) == 1
    new_entries = {entry} | {f"analysis\0{key}" for key in new_analyses}
    assert {name for name in after if after[name] != before.get(name)} == {checked_store.LOG_FILE}
    # and the related items kept for the next build
    assert [(set(record["set"]), record["drop"]) for record in log_records(project.generated)] == \
        [(new_entries | {"state\0related-sources"}, [])]
    # the new article's paragraphs and the new analysis' mentions and figures, in the parts shards of its
    # entries, beside the parts they held
    parts = {file_cache.parts_shard_of(name) for name in new_entries}
    assert {name for name in parts_after if parts_after[name] != parts_before.get(name)} == parts
    for shard in parts:
        held_before = parts_held(parts_before[shard]) if shard in parts_before else set()
        assert parts_held(parts_after[shard]) == \
            held_before | {name for name in new_entries if file_cache.parts_shard_of(name) == shard}
    assert len(parts_held(parts_after[taken])) >= 2


def test_the_single_file_of_earlier_versions_is_removed(project: ProjectPaths) -> None:
    legacy = project.generated / cache.CACHE_DIR / file_cache.LEGACY_FILE
    legacy.parent.mkdir(parents=True)
    legacy.write_bytes(b"an old store")
    generate(project)
    assert not legacy.exists()


def test_check_reads_the_cache_of_the_last_build_and_never_writes_it(project: ProjectPaths, parsed: list[str]) -> None:
    from click.testing import CliRunner

    from build_tools.cli import main

    generate(project)
    stored = shards(project.generated)
    edited = dumps(project)[0]
    edited.write_text(edited.read_text("utf-8") + "\nA closing paragraph added to the page for this test, long enough to be prose.\n", "utf-8")
    parsed.clear()
    warm = CliRunner().invoke(main, ["check", "--root", str(project.root)])
    assert warm.exit_code == 0, warm.output
    assert parsed == [edited.name], "only the edited file is parsed"
    assert shards(project.generated) == stored

    shutil.rmtree(project.generated)
    parsed.clear()
    cold = CliRunner().invoke(main, ["check", "--root", str(project.root)])
    assert cold.output == warm.output
    assert sorted(parsed) == [p.name for p in dumps(project)]
    assert not project.generated.exists()


def test_check_reports_problems_in_cached_files_edited_since(project: ProjectPaths) -> None:
    from click.testing import CliRunner

    from build_tools.cli import main

    generate(project)
    sidecar = sorted(project.sources.glob("*.meta.yml"))[0]
    text = sidecar.read_text("utf-8")
    sidecar.write_text(text + "publsher: Nobody\n", "utf-8")
    result = CliRunner().invoke(main, ["check", "--root", str(project.root)])
    assert result.exit_code == 1
    # the sidecar's other fields still apply: the briefings citing its articles by the ids it gives are checked
    assert result.stdout.splitlines() == [
        f"content/sources/{sidecar.name}:{text.count(chr(10)) + 1}: the sidecar has an unknown field 'publsher'; "
        "did you mean 'publisher'?",
        "1 problem found; fix it and run again."]


@pytest.fixture()
def offline_shim(project: ProjectPaths, tmp_path: Path) -> Path:
    """The project set up for `briefing offline` (its config, the hook's package), and a stand-in shim."""
    shutil.copy2(REPO / "mkdocs.offline.yml", project.root / "mkdocs.offline.yml")
    (project.root / "build_tools").symlink_to(REPO / "build_tools", target_is_directory=True)  # the hook
    shim = tmp_path / "shim.js"
    shim.write_text("// stands in for the iframe-worker shim\n", "utf-8")
    return shim


def test_the_offline_copy_starts_from_the_cache_of_the_last_build(project: ProjectPaths, parsed: list[str],
                                                                  tmp_path: Path, offline_shim: Path) -> None:
    from build_tools.render.offline import build_offline_site

    generate(project)
    parsed.clear()
    build_offline_site(project, tmp_path / "offline-site", offline_shim)
    assert parsed == []
    assert (tmp_path / "offline-site" / "index.html").is_file()


def test_what_the_offline_copy_parsed_is_kept_for_the_next_build(project: ProjectPaths, parsed: list[str],
                                                                 tmp_path: Path, offline_shim: Path) -> None:
    """The offline copy reads and updates generated/'s per-file cache rather than a copy of it."""
    from build_tools.render.offline import build_offline_site

    generate(project)
    add_source(project)
    parsed.clear()
    build_offline_site(project, tmp_path / "offline-site", offline_shim)
    assert parsed == ["999_extra.txt"]
    parsed.clear()
    generate(project)
    assert parsed == [], "the site's build reuses what the offline copy parsed"


def test_the_offline_copy_keeps_its_render_cache_for_the_next_one(project: ProjectPaths, tmp_path: Path,
                                                                  caplog: pytest.LogCaptureFixture,
                                                                  offline_shim: Path) -> None:
    """`briefing offline` builds in a temporary folder; the HTML MkDocs converted is kept beside the site's
    caches, so the next offline copy converts only what changed."""
    from build_tools.render.offline import build_offline_site

    for number in (1, 2):
        build_offline_site(project, tmp_path / f"offline-{number}", offline_shim)
    summaries = [r.getMessage() for r in caplog.records if r.getMessage().startswith("Converted ")]
    pages = sum(1 for p in (tmp_path / "offline-1").rglob("*.html")) - 1  # 404.html is no page
    assert summaries == [f"Converted {pages} pages from Markdown; reused 0 unchanged ones (render cache)",
                         f"Converted 1 pages from Markdown; reused {pages - 1} unchanged ones (render cache)"]
    assert len(list((project.generated / ".cache").glob("render-*.pickle"))) == 1


@pytest.fixture()
def parsed_briefings(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    """Names of the briefing files actually parsed (cache misses), in order."""
    from build_tools.parse import briefings

    names: list[str] = []
    real = briefings._parse_briefing

    def counting(path: Path, *args):
        names.append(path.name)
        return real(path, *args)

    monkeypatch.setattr(briefings, "_parse_briefing", counting)
    return names


def test_briefings_are_read_and_parsed_again_only_when_their_bytes_change(
        project: ProjectPaths, parsed_briefings: list[str], monkeypatch: pytest.MonkeyPatch) -> None:
    from build_tools import file_digests
    from build_tools.parse import briefings

    read: list[str] = []
    for module in (briefings, file_digests):  # the parser's reads and the file digests' (the key)
        real_open = open
        monkeypatch.setattr(module, "open", lambda path, *args, real_open=real_open, **kwargs: (
            read.append(Path(path).name) if str(path).endswith(".md") else None) or real_open(path, *args, **kwargs), raising=False)
    real_read = briefings.read_text_bytes
    monkeypatch.setattr(briefings, "read_text_bytes", lambda path, *args: read.append(Path(path).name) or real_read(path, *args))
    generate(project)
    every = sorted(p.name for p in project.briefings.glob("*.md"))
    assert sorted(parsed_briefings) == every
    parsed_briefings.clear()
    monkeypatch.setattr(file_digests, "SETTLED_NS", 0)  # digests kept at once, not once the files are 3 s old
    force_full_build(project)
    generate(project)
    read.clear()
    add_source(project)
    generate(project)
    assert parsed_briefings == [] and read == [], "a new source reads and parses no briefing again"
    edited = project.briefings / every[0]
    edit_summary(edited)
    generate(project)
    assert parsed_briefings == [every[0]]
    assert sorted(set(read)) == [every[0]]


def test_a_briefing_with_problems_is_parsed_and_reported_on_every_build(project: ProjectPaths,
                                                                        parsed_briefings: list[str]) -> None:
    generate(project)
    broken = sorted(project.briefings.glob("*.md"))[0]
    text = broken.read_text("utf-8")
    broken.write_text(text.replace("\ntopics: ", "\ntopic: ", 1), "utf-8")
    line = text.split("\n").index(next(l for l in text.split("\n") if l.startswith("topics: "))) + 1
    shown = f"briefings/{broken.name}"
    for _ in range(2):
        parsed_briefings.clear()
        with pytest.raises(BuildFailed) as failed:
            generate(project)
        assert [str(p) for p in failed.value.problems] == [
            f"{shown}:2: the briefing has no 'topics'; add a line 'topics: ...'",
            f"{shown}:{line}: the briefing has an unknown field 'topic'; did you mean 'topics'?"]
        assert parsed_briefings == [broken.name]


def test_a_read_only_store_reuses_entries_but_keeps_and_saves_nothing(project: ProjectPaths) -> None:
    generate(project)
    stored = shards(project.generated)
    store = FileCache.open(project.generated, read_only=True)
    shown, (key, _) = next(iter(store.files.items()))
    assert store.parsed_file(shown, key) is not None
    store.keep_parsed_file("content/sources/new.txt", "k", ["anything"])
    store.keep_analysis("k", "anything")
    assert "content/sources/new.txt" not in store.kept_files and "k" not in store.kept_analyses
    store.save()
    assert shards(project.generated) == stored


def first_arguments(monkeypatch: pytest.MonkeyPatch, module: object, name: str) -> list:
    """The first argument of each call of a function of ``module``, in order."""
    seen: list = []
    real = getattr(module, name)

    def counting(first, *args, **kwargs):
        seen.append(first)
        return real(first, *args, **kwargs)

    monkeypatch.setattr(module, name, counting)
    return seen


def briefings_passed_to(monkeypatch: pytest.MonkeyPatch, module: object, name: str) -> list[str]:
    """The ids of the briefings a function of ``module`` (taking a briefing first) is called with, in order."""
    seen: list[str] = []
    real = getattr(module, name)

    def counting(briefing, *args, **kwargs):
        seen.append(briefing.id)
        return real(briefing, *args, **kwargs)

    monkeypatch.setattr(module, name, counting)
    return seen


def test_a_briefing_whose_numbers_passed_is_checked_again_only_when_it_or_a_cited_source_changes(
        project: ProjectPaths, monkeypatch: pytest.MonkeyPatch) -> None:
    from build_tools.index import site

    checked = briefings_passed_to(monkeypatch, site, "check_briefing_numbers")
    generate(project)
    briefings = sorted(p.stem for p in project.briefings.glob("*.md"))
    assert sorted(checked) == briefings
    checked.clear()
    force_full_build(project)
    generate(project)
    assert checked == []
    # a cited source's number changes: the briefings citing it are checked again, and the change is reported
    index, _ = build_index(project)
    assert index is not None
    imf = project.briefings / "imf-review-macro-context.md"
    source_id = next(c.source_id for c in index.briefings["imf-review-macro-context"].citations()
                     if "$1.2 billion" in " ".join(p.text for p in index.articles[c.source_id].paragraphs))
    # every article of the edited file counts as changed (its articles are made from the file as a whole)
    same_file = {a.id for a in index.articles.values() if a.path == index.articles[source_id].path}
    citing = sorted({b.id for b in index.briefings.values() if any(c.source_id in same_file for c in b.citations())})
    assert len(citing) < len(briefings)
    source = project.root / index.articles[source_id].path
    source.write_text(source.read_text("utf-8").replace("$1.2 billion", "$1.3 billion"), "utf-8")
    checked.clear()
    with pytest.raises(BuildFailed, match=r"the number '\$1\.2 billion' does not appear"):
        generate(project)
    assert sorted(checked) == citing and imf.stem in citing


def test_the_mentions_in_a_briefing_are_found_again_only_when_it_or_the_registry_changes(
        project: ProjectPaths, monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    from build_tools.index import site

    searched = briefings_passed_to(monkeypatch, site, "find_briefing_mentions")
    generate(project)
    briefings = sorted(p.stem for p in project.briefings.glob("*.md"))
    assert sorted(searched) == briefings
    searched.clear()
    add_source(project)
    generate(project)
    assert searched == []
    edited = project.briefings / f"{briefings[0]}.md"
    edit_summary(edited)
    generate(project)
    assert searched == [briefings[0]]
    searched.clear()
    entities = project.registry / "entities.yml"
    entities.write_text(entities.read_text("utf-8").replace("  abbreviation: PTA\n", "  abbreviation: PTA\n  aliases: [Telecom Authority]\n", 1), "utf-8")
    generate(project)
    assert sorted(searched) == briefings
    assert snapshot(project.generated) == cold_tree(project.root, tmp_path)


def test_a_briefing_s_citing_texts_are_made_again_only_when_it_changes(
        project: ProjectPaths, monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    from build_tools.index import citations

    converted = first_arguments(monkeypatch, citations, "markdown_as_text")
    generate(project)
    first = len(converted)
    index, _ = build_index(project)  # no cache: converts them all again
    assert index is not None
    citing_blocks = {b.id: sum(1 for block in b.blocks if block.citations) for b in index.briefings.values()}
    assert first == sum(citing_blocks.values()) > 0  # the blocks that cite, and only those
    converted.clear()
    add_source(project)
    generate(project)
    assert converted == []
    edited = sorted(project.briefings.glob("*.md"))[0]
    edit_summary(edited)
    generate(project)
    assert len(converted) == citing_blocks[edited.stem]
    assert snapshot(project.generated) == cold_tree(project.root, tmp_path)


def test_the_registry_is_read_again_only_when_one_of_its_files_changes_and_its_problems_every_time(
        project: ProjectPaths, monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    from build_tools import pipeline

    reads = first_arguments(monkeypatch, pipeline, "_read_registry")
    generate(project)
    add_source(project)
    generate(project)
    assert reads == [project.registry]
    figures = project.registry / "figures.yml"
    figures.write_text(figures.read_text("utf-8") + "\n# a comment\n", "utf-8")
    generate(project)
    assert len(reads) == 2
    topics = project.registry / "topics.yml"
    good = topics.read_text("utf-8")
    topics.write_text(good + "- id: Not A Slug\n  name: Broken\n  description: A topic with a bad id.\n", "utf-8")
    for _ in range(2):  # a failed build keeps no cache: the registry is read, and its problem reported, every time
        with pytest.raises(BuildFailed, match="topics.yml"):
            generate(project)
    assert len(reads) == 4
    topics.write_text(good, "utf-8")
    generate(project)
    assert len(reads) == 4  # as the last good build read it, which is what the cache still holds
    assert snapshot(project.generated) == cold_tree(project.root, tmp_path)
    read_so_far = len(reads)  # the cold build read it too
    figures.unlink()  # optional: kept without it too
    generate(project)
    add_source(project, "998_other", "file-cache-other")
    generate(project)
    assert len(reads) == read_so_far + 1


def test_the_index_reads_back_only_the_parts_curated_figures_cite(project: ProjectPaths,
                                                                 monkeypatch: pytest.MonkeyPatch) -> None:
    """Articles read back from the cache keep their paragraphs unread, and analyses their mentions and
    figures: the pin check takes the cited paragraphs' digests from the last build, briefings' mentions
    are kept in their entries, and only the curated figures' check reads paragraphs."""
    generate(project)
    add_source(project)
    read: list[str] = []
    real = FileCache._parts

    def counting(self: FileCache, name: str) -> object:
        read.append(name)
        return real(self, name)

    monkeypatch.setattr(FileCache, "_parts", counting)
    index, problems = build_index(project, FileCache.open(project.generated))
    assert not problems and index is not None
    curated = {f"file\0{index.articles[item.citation.source_id].path}"
               for group in index.registry.figure_groups.values() for item in group.items}
    assert curated and sorted(read) == sorted(curated)
    cited = [index.articles[source_id] for source_id in index.citations.cited_paragraphs]
    assert len(cited) > len(curated)
    assert all(isinstance(article.paragraphs, StoredParagraphs) for article in cited)
    assert index.mentions.in_briefings and any(index.mentions.in_briefings.values())


def test_articles_read_back_equal_those_parsed(project: ProjectPaths) -> None:
    generate(project)
    warm, _ = build_index(project, FileCache.open(project.generated))
    cold, _ = build_index(project, None)
    assert warm is not None and cold is not None
    assert list(warm.articles) == list(cold.articles)
    for source_id, article in cold.articles.items():
        stored = warm.articles[source_id]
        assert isinstance(stored.paragraphs, StoredParagraphs) and isinstance(article.paragraphs, list)
        assert stored == article and article == stored


def test_damaged_parts_are_made_again_from_the_files(project: ProjectPaths, tmp_path: Path, parsed: list[str]) -> None:
    """Paragraphs, mentions and figures kept in a parts shard that cannot be read are found again (each
    file parsed once more, each article analysed again) and kept anew."""
    generate(project)
    before = parts_shards(project.generated)
    assert before
    for name in before:
        (file_cache.cache_path(project.generated) / file_cache.PARTS_FOLDER / name).write_bytes(b"damaged")
    shutil.rmtree(memo_path(project.generated))  # every page is made again, reading every article's parts
    force_full_build(project)
    parsed.clear()
    generate(project)
    assert sorted(parsed) == [p.name for p in dumps(project)]
    assert parts_shards(project.generated) == before
    assert snapshot(project.generated) == cold_tree(project.root, tmp_path)
