"""The whole flow, one stage after another: parse -> model -> index -> emit -> write."""
from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from build_tools import cache, progress
from build_tools.collector import collector_paused
from build_tools.emit.page_memo import PageMemo, site_key
from build_tools.emit.site import emit_site
from build_tools.emit.written_links import check_written_links
from build_tools.emit.writer import MANIFEST, FileBytes, WriteReport, holds_only_own_staging, write_tree
from build_tools.errors import BuildFailed, Problem, Problems, set_display_root
from build_tools.file_cache import FileCache
from build_tools.file_digests import FileDigests
from build_tools.index.pins import PinRule
from build_tools.index.site import SiteIndex, build_site_index, check_citations, check_references
from build_tools.model import Corpus, Registry
from build_tools.parse.briefings import load_briefings
from build_tools.parse.pages import load_pages
from build_tools.parse.pins import PINS_FILE, load_pinned_paragraphs
from build_tools.parse.sources import read_sources


@dataclass(frozen=True)
class ProjectPaths:
    """Where a project's inputs live and where generated Markdown goes by default."""

    root: Path

    @property
    def content(self) -> Path:
        return self.root / "content"

    @property
    def sources(self) -> Path:
        return self.content / "sources"

    @property
    def registry(self) -> Path:
        return self.content / "registry"

    @property
    def pages(self) -> Path:
        return self.content / "pages"

    @property
    def pinned_paragraphs(self) -> Path:
        return self.content / PINS_FILE

    @property
    def briefings(self) -> Path:
        return self.root / "briefings"

    @property
    def generated(self) -> Path:
        return self.root / "generated"



def find_project_root(start: Path | None = None) -> Path:
    """The nearest folder upwards holding ``mkdocs.yml`` and ``content/``; else the start folder."""
    here = (start or Path.cwd()).resolve()
    for folder in (here, *here.parents):
        if (folder / "mkdocs.yml").is_file() and (folder / "content").is_dir():
            return folder
    return here


def load_project_registry(folder: Path, cache: FileCache | None = None) -> tuple[Registry, Problems]:
    """The registry in ``folder`` (content/registry/), with every problem of its files. ``cache``: the
    registry the last build read from files with these bytes (a registry with problems fails the build,
    and a failed build saves no cache: they are reported on every build)."""
    from build_tools.parse.registry import ABBREVIATIONS_FILE, ENTITIES_FILE, FIGURES_FILE, REGISTRY_FILES, TOPICS_FILE
    from build_tools.parse.text_files import report_unread_files

    if not folder.is_dir():
        problems = Problems()
        problems.add(folder, None, f"the registry folder is missing (or not a folder); it holds {ENTITIES_FILE}, "
                                   f"{TOPICS_FILE} and {ABBREVIATIONS_FILE}, which briefings and sources refer to")
        # the ids it would define are unknown: not reported once per reference
        return Registry(unread_files={ENTITIES_FILE, TOPICS_FILE, ABBREVIATIONS_FILE}), problems

    key = cache.registry_key(folder, REGISTRY_FILES) if cache is not None else None
    registry = cache.registry(key) if cache is not None and key is not None else None
    problems = Problems()
    if registry is None:
        registry, problems = _read_registry(folder)
        if cache is not None and key is not None:
            cache.keep_registry(key, registry)
    read = {folder / name for name in REGISTRY_FILES}
    report_unread_files(folder, read, problems, f"the registry is {ENTITIES_FILE}, {TOPICS_FILE}, "
                                                f"{ABBREVIATIONS_FILE} and {FIGURES_FILE}")
    return registry, problems


def _read_registry(folder: Path) -> tuple[Registry, Problems]:
    from build_tools.parse.figure_groups import load_figure_groups
    from build_tools.parse.registry import FIGURES_FILE, load_registry

    registry, problems = load_registry(folder)
    registry.figure_groups = load_figure_groups(folder / FIGURES_FILE, problems)
    return registry, problems


def load_corpus(paths: ProjectPaths, cache: FileCache | None = None) -> tuple[Corpus, Problems]:
    set_display_root(paths.root)
    problems = Problems()
    registry, found = load_project_registry(paths.registry, cache)
    problems.extend(found)
    sources = read_sources(paths.sources, cache)
    problems.extend(sources.problems)
    briefings, unfinished, found = load_briefings(paths.briefings, cache)
    problems.extend(found)
    pages, found = load_pages(paths.pages)
    problems.extend(found)
    pins = load_pinned_paragraphs(paths.pinned_paragraphs, problems)
    return Corpus(articles=sources.articles, briefings=briefings, registry=registry, pages=pages,
                  unfinished_briefings=unfinished, source_gaps=sources.gaps, pinned=pins.pinned,
                  pins_complete=pins.complete), problems


def build_index(paths: ProjectPaths, cache: FileCache | None = None, pins: PinRule = "check") -> tuple[SiteIndex | None, Problems]:
    """Parses and indexes everything; the index is None when parsing already failed. ``cache``: the
    per-file results of earlier builds, reused where their inputs are unchanged; ``pins``: how cited
    paragraphs are checked against their pins (:mod:`build_tools.index.pins`)."""
    with collector_paused():
        return _build_index(paths, cache, pins)


def _build_index(paths: ProjectPaths, cache: FileCache | None, pins: PinRule) -> tuple[SiteIndex | None, Problems]:
    corpus, problems = load_corpus(paths, cache)
    if problems:
        # Indexing a partial corpus would report follow-on errors (citations of a source that failed
        # to parse); run only the checks that do not depend on what failed, then stop.
        problems.extend(check_references(corpus))
        problems.extend(check_citations(corpus, pins))
        return None, problems
    with progress.stage("Indexing mentions, citations, events, figures and related items"):
        index, found = build_site_index(corpus, cache, pins)
    problems.extend(found)
    return index, problems


def render_files(paths: ProjectPaths, cache: FileCache | None = None,
                 memo_of: Path | None = None) -> tuple[SiteIndex, dict[str, FileBytes], PageMemo]:
    """Everything up to the bytes of every page; raises BuildFailed listing all problems. ``memo_of``: the
    output folder whose page memo (:mod:`build_tools.emit.page_memo`) is read; the memo returned holds
    this build's pages, to save once they are written."""
    with collector_paused():
        index, problems = build_index(paths, cache)
        problems.raise_if_any()
        assert index is not None
        memo = PageMemo.open(memo_of, site_key(index.registry))
        with progress.stage("Writing the pages' Markdown"):
            files = emit_site(index, memo)
        check_written_links(index, files).raise_if_any()  # before anything is written
        return index, files, memo


def check_written_links_of(paths: ProjectPaths, index: SiteIndex) -> Problems:
    """The links contributors wrote in briefings and static pages, against the pages the site would have
    (emitted in memory, with generated/'s page memo; nothing is written)."""
    with collector_paused():
        files = emit_site(index, PageMemo.open(paths.generated, site_key(index.registry)))
        return check_written_links(index, files)


def check_output_folder(paths: ProjectPaths, out: Path) -> None:
    """The generator writes only into generated/, a folder outside the project, or a folder it wrote before;
    never where it would overwrite inputs (a generated/ that is a link to content/, say) or the code."""
    out = out.resolve()
    root = paths.root.resolve()
    inside_project = out == root or out.is_relative_to(root)
    protected = [folder.resolve() for folder in (paths.content, paths.briefings, Path(__file__).parent)]
    if (inside_project and not out.is_relative_to(paths.generated.resolve())) or root.is_relative_to(out) \
            or any(out == folder or out.is_relative_to(folder) or folder.is_relative_to(out) for folder in protected):
        raise BuildFailed([Problem(str(out), None, "the output folder must be generated/ or a folder outside the project "
                                                  "(it must not hold content/, briefings/ or the code)")])
    blocking = next((folder for folder in (out, *out.parents) if folder.exists()), None)
    if blocking is not None and not blocking.is_dir():
        raise BuildFailed([Problem(str(blocking), None, "is a file, so the output folder cannot be made there; "
                                                       "choose another folder")])
    # Any entry counts, hidden ones too: the generator's own .staging/ and .cache/ are replaced without asking.
    if out != paths.generated.resolve() and out.is_dir() and not (out / MANIFEST).is_file() and any(out.iterdir()) \
            and not holds_only_own_staging(out):
        raise BuildFailed([Problem(str(out), None, "the output folder holds files the generator did not write; "
                                                  "choose an empty folder (nothing in it will be overwritten)")])


def generate(paths: ProjectPaths, out: Path | None = None, *, per_file_cache_of: Path | None = None) -> WriteReport:
    """Writes the pages into ``out`` (default generated/). ``per_file_cache_of``: the output folder whose
    per-file cache (parse and analysis results of unchanged files) and page memo are read and updated, default ``out``;
    the offline copy, built in a temporary folder, shares generated/'s."""
    out = out or paths.generated
    check_output_folder(paths, out)
    with collector_paused():  # also over writing and the caches: the index is alive until the end
        return _generate(paths, out, per_file_cache_of or out)


def _generate(paths: ProjectPaths, out: Path, per_file_cache_of: Path) -> WriteReport:
    digests = FileDigests.open(per_file_cache_of / cache.CACHE_DIR)
    cached = cache.lookup(paths.root, [paths.content, paths.briefings], out, digests)  # skips everything when nothing changed
    if cached.hit:
        return cached.report
    per_file = FileCache.open(per_file_cache_of, digests=digests)
    _, files, memo = render_files(paths, per_file, per_file_cache_of)
    with progress.stage("Saving the changed files"):
        report = write_tree(out, files, cached.previous_outputs)
    per_file.save()  # only after a successful build: a failed one would drop the entries it did not reach
    memo.save()
    cached.store(files, {**memo.page_digests(), **report.digests}, report.stamps)
    return report
