"""The generator cache (build_tools/cache.py): a no-change build skips parse, index and emit and writes
nothing; any change to an input, the code, the package's data files, the environment or the output
tree brings a full build; a failed build leaves no entry behind."""
from __future__ import annotations

import os
import shutil
import sys
from pathlib import Path

import pytest

from build_tools import cache, pipeline
from build_tools.errors import BuildFailed
from build_tools.pipeline import ProjectPaths, generate

REPO = Path(__file__).resolve().parents[1]


@pytest.fixture()
def project(tmp_path: Path) -> ProjectPaths:
    root = tmp_path / "project"
    shutil.copytree(REPO / "content", root / "content")
    if (REPO / "briefings").is_dir():
        shutil.copytree(REPO / "briefings", root / "briefings")
    else:
        (root / "briefings").mkdir()
    shutil.copy2(REPO / "mkdocs.yml", root / "mkdocs.yml")
    return ProjectPaths(root)


@pytest.fixture()
def count_renders(monkeypatch: pytest.MonkeyPatch) -> list[int]:
    calls: list[int] = []
    real = pipeline.render_files

    def counting(paths, *args):
        calls.append(1)
        return real(paths, *args)

    monkeypatch.setattr(pipeline, "render_files", counting)
    return calls


def snapshot(folder: Path) -> dict[str, tuple[int, int]]:
    return {str(p.relative_to(folder)): (p.stat().st_size, p.stat().st_mtime_ns)
            for p in sorted(folder.rglob("*")) if p.is_file()}


def a_source(paths: ProjectPaths) -> Path:
    return sorted(paths.sources.glob("*.txt"))[0]


def test_no_change_build_is_a_hit_and_writes_nothing(project: ProjectPaths, count_renders: list[int]) -> None:
    first = generate(project)
    assert first.written and len(count_renders) == 1
    assert cache.cache_path(project.generated).is_file()
    before = snapshot(project.generated)
    again = generate(project)
    assert len(count_renders) == 1, "parse/index/emit ran although nothing changed"
    assert again.written == [] and again.removed == [] and again.unchanged == len(first.written)
    assert snapshot(project.generated) == before  # not even the cache entry is rewritten


def test_cache_lives_next_to_the_output_never_in_the_inputs(project: ProjectPaths) -> None:
    generate(project)
    entry = cache.cache_path(project.generated)
    assert entry.is_relative_to(project.generated)
    for folder in (project.content, project.briefings):
        assert not any(p.name == cache.CACHE_FILE for p in folder.rglob("*"))


def test_touching_an_input_without_changing_its_bytes_is_a_hit(project: ProjectPaths, count_renders: list[int]) -> None:
    generate(project)
    source = a_source(project)
    os.utime(source, ns=(source.stat().st_atime_ns, source.stat().st_mtime_ns + 5_000_000_000))
    generate(project)
    assert len(count_renders) == 1


def add_uncited_source(paths: ProjectPaths) -> Path:
    """A one-article source no briefing cites (so removing it again is valid)."""
    extra = paths.sources / "999_extra.txt"
    extra.write_text("Regulator publishes a list of licensed providers\n\nBy Staff Reporter\nUpdated 2 March 2025\n\n"
                     "ISLAMABAD: The regulator published the list of licensed providers on Monday, saying more "
                     "companies would be added as applications are processed over the coming months.\n", "utf-8")
    extra.with_name("999_extra.meta.yml").write_text("articles:\n  - id: cache-test-extra\n", "utf-8")
    return extra


@pytest.mark.parametrize("change", ["edit-source", "edit-sidecar", "edit-registry", "add-file", "remove-file",
                                    "add-ignored-file", "rename-file"])
def test_any_input_change_rebuilds(project: ProjectPaths, count_renders: list[int], change: str) -> None:
    extra = add_uncited_source(project)
    generate(project)
    source = a_source(project)
    sidecar = source.with_name(source.stem + ".meta.yml")
    if change == "edit-source":
        text = source.read_text("utf-8")
        source.write_text(text.replace("Pakistan", "Pakistan’s", 1), "utf-8")
    elif change == "edit-sidecar":
        sidecar.write_text(sidecar.read_text("utf-8") + "\n# a comment\n", "utf-8")
    elif change == "edit-registry":
        topics = project.registry / "topics.yml"
        topics.write_text(topics.read_text("utf-8") + "\n# a comment\n", "utf-8")
    elif change == "add-file":
        (project.content / "notes.txt").write_text("not an input the parsers read, but still an input\n", "utf-8")
    elif change == "remove-file":
        extra.unlink()
        extra.with_name("999_extra.meta.yml").unlink()
    elif change == "add-ignored-file":
        (project.sources / "README.md").write_text("notes\n", "utf-8")
    elif change == "rename-file":
        (project.pages / "about.md").rename(project.pages / "about-us.md")
    report = generate(project)
    assert len(count_renders) == 2
    if change == "remove-file":
        assert "sources/cache-test-extra.md" in report.removed
    if change == "rename-file":
        assert (project.generated / "about-us.md").is_file() and not (project.generated / "about.md").exists()
    generate(project)
    assert len(count_renders) == 2, "the rebuilt tree was not cached"


def test_briefings_are_inputs(project: ProjectPaths, count_renders: list[int]) -> None:
    generate(project)
    (project.briefings / "README.md").write_text("How to write a briefing.\n", "utf-8")
    generate(project)
    assert len(count_renders) == 2


def test_the_entry_records_each_output_file_as_it_is_on_disk(project: ProjectPaths) -> None:
    """Size, time and SHA-256 of every file, whether the writer, the page memo or the entry hashed it."""
    import hashlib
    import json

    generate(project)
    briefing = sorted(project.briefings.glob("*.md"))[0]
    briefing.write_text(briefing.read_text("utf-8").replace("\ntitle: ", "\ntitle: Retitled ", 1), "utf-8")
    generate(project)  # pages made again by the memo, others reused, others written whole
    recorded = json.loads(cache.cache_path(project.generated).read_text("utf-8"))["files"]
    on_disk = {str(p.relative_to(project.generated)): p for p in project.generated.rglob("*")
               if p.is_file() and ".cache" not in p.parts}
    assert recorded.keys() == on_disk.keys()
    for path, entry in recorded.items():
        data = on_disk[path].read_bytes()
        expected = [len(data), on_disk[path].stat().st_mtime_ns]
        if path != cache.MANIFEST:
            expected.append(hashlib.sha256(data).hexdigest())
        assert entry == expected, path


def test_code_change_rebuilds(project: ProjectPaths, count_renders: list[int], monkeypatch: pytest.MonkeyPatch) -> None:
    generate(project)
    monkeypatch.setattr(cache, "code_fingerprint", lambda: "different code")
    generate(project)
    assert len(count_renders) == 2


def test_code_fingerprint_covers_every_module(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    package = tmp_path / "build_tools"
    (package / "emit").mkdir(parents=True)
    (package / "theme" / "assets").mkdir(parents=True)
    module = package / "emit" / "page.py"
    module.write_text("X = 1\n", "utf-8")
    style = package / "theme" / "assets" / "extra.css"
    style.write_text("a {}\n", "utf-8")
    monkeypatch.setattr(cache, "PACKAGE_DIR", package)
    cache.code_fingerprint.cache_clear()
    try:
        code = cache.code_fingerprint()
        module.write_text("X = 2\n", "utf-8")
        cache.code_fingerprint.cache_clear()
        assert cache.code_fingerprint() != code
        # package data (theme assets) is read on every build, not once per process
        key = cache.input_key(tmp_path, [], tmp_path / "out", code="c")
        style.write_text("a { color: red }\n", "utf-8")
        assert cache.input_key(tmp_path, [], tmp_path / "out", code="c") != key
    finally:
        cache.code_fingerprint.cache_clear()


def test_code_fingerprint_is_taken_once_per_process() -> None:
    assert cache.code_fingerprint() is cache.code_fingerprint()


def test_library_versions_are_those_importlib_metadata_finds(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    from importlib import metadata

    installed = ("pydantic", "PyYAML", "python-dateutil", "lxml_html_clean", "mkdocs-material")
    assert cache.library_versions(installed) == "".join(f"{name}={metadata.version(name)}\0" for name in installed)
    early, late = tmp_path / "early", tmp_path / "late"
    (late / "Foo_Bar-2.0.dist-info").mkdir(parents=True)  # the version in the folder's name
    (late / "Foo_Bar-2.0.dist-info" / "METADATA").write_text("Metadata-Version: 2.1\nName: Foo_Bar\nVersion: 2.0\n")
    (late / "baz-1.0.dist-info").mkdir()  # on the path after another baz, which is the one found
    (early / "baz.egg-info").mkdir(parents=True)  # no version in its name: its metadata is read
    (early / "baz.egg-info" / "PKG-INFO").write_text("Metadata-Version: 1.1\nName: baz\nVersion: 3.1\n")
    monkeypatch.setattr(sys, "path", [str(early), str(late), *sys.path])
    assert cache.library_versions(("foo-bar", "Baz", "not-installed-anywhere")) == "foo-bar=2.0\0Baz=3.1\0not-installed-anywhere=-\0"
    (late / "Foo_Bar-2.0.dist-info").rename(late / "foo_bar-2.1.dist-info")
    assert cache.library_versions(("foo-bar",)) == "foo-bar=2.1\0"


def test_source_date_epoch_is_part_of_the_key(project: ProjectPaths, count_renders: list[int],
                                              monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("SOURCE_DATE_EPOCH", raising=False)
    generate(project)
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1700000000")
    generate(project)
    assert len(count_renders) == 2


@pytest.mark.parametrize("tamper", ["edit", "delete", "delete-manifest"])
def test_a_tampered_output_tree_is_rebuilt(project: ProjectPaths, count_renders: list[int], tamper: str) -> None:
    generate(project)
    page = project.generated / "index.md"
    original = page.read_bytes()
    if tamper == "edit":
        page.write_bytes(original + b"\nedited by hand\n")
    elif tamper == "delete":
        page.unlink()
    else:
        (project.generated / ".generated-files").unlink()
    generate(project)
    assert len(count_renders) == 2
    assert page.read_bytes() == original


@pytest.mark.parametrize("content", ["{not json", "[]", '{"format": 1, "key": "x", "files": {}}', ""])
def test_a_corrupt_entry_is_a_miss(project: ProjectPaths, count_renders: list[int], content: str) -> None:
    generate(project)
    cache.cache_path(project.generated).write_text(content, "utf-8")
    generate(project)
    assert len(count_renders) == 2
    generate(project)
    assert len(count_renders) == 2


def test_a_failed_build_leaves_no_entry(project: ProjectPaths, count_renders: list[int]) -> None:
    generate(project)
    source = a_source(project)
    sidecar = source.with_name(source.stem + ".meta.yml")
    good = sidecar.read_bytes()
    sidecar.write_text("articles: [\n", "utf-8")
    with pytest.raises(BuildFailed):
        generate(project)
    assert not cache.cache_path(project.generated).exists()
    sidecar.write_bytes(good)  # back to the bytes of the cached build: must still rebuild once
    generate(project)
    assert len(count_renders) == 3
    generate(project)
    assert len(count_renders) == 3


def test_each_output_folder_has_its_own_entry(project: ProjectPaths, tmp_path: Path, count_renders: list[int]) -> None:
    generate(project)
    other = tmp_path / "elsewhere"
    report = generate(project, other)
    assert len(count_renders) == 2 and report.written
    generate(project, other)
    generate(project)
    assert len(count_renders) == 2
