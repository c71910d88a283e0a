"""The offline copy: the whole site built for file:// (Material's offline plugin), zipped reproducibly."""
from __future__ import annotations

import contextlib
import logging
import os
import re
import shutil
import tempfile
import zipfile
from pathlib import Path
from typing import Iterator

from build_tools.errors import BuildFailed, Problem
from build_tools.pipeline import ProjectPaths, generate

OFFLINE_CONFIG = "mkdocs.offline.yml"
SHIM_TARGET = "assets/iframe-worker-shim.js"
SHIM_PACKAGE = Path("tests/tools/node_modules/iframe-worker/shim/index.js")
ARCHIVE_ROOT = "digital-pakistan-briefings"
# A section of a hand-written page (content/pages/) that only makes sense on the published site, such as
# the About page's link to this archive, is wrapped in this div; the offline copy's config sets
# `extra: offline_copy: true`, and the MkDocs hook then leaves such sections out of every page.
PUBLISHED_ONLY_CLASS = "dpb-published-only"
PUBLISHED_ONLY = re.compile(rf'^<div class="{re.escape(PUBLISHED_ONLY_CLASS)}" markdown>\n(?:(?!^<div).)*?^</div>[ \t]*(?:\n\n?|\Z)',
                            re.MULTILINE | re.DOTALL)


def archive_time() -> tuple[int, int, int, int, int, int]:
    """Entry times from SOURCE_DATE_EPOCH (reproducible), else the zip format's earliest date."""
    import time

    epoch = os.environ.get("SOURCE_DATE_EPOCH")
    if epoch and epoch.isdigit():
        stamp = time.gmtime(max(int(epoch), 315532800))  # zip cannot store dates before 1980
        return stamp[:6]  # type: ignore[return-value]
    return (1980, 1, 1, 0, 0, 0)


def write_zip(folder: Path, target: Path) -> None:
    """Entries in sorted order with fixed times and permissions, so equal folders give equal bytes."""
    when = archive_time()
    target.parent.mkdir(parents=True, exist_ok=True)
    temp = target.with_name(f".{target.name}.tmp")
    with zipfile.ZipFile(temp, "w", compression=zipfile.ZIP_DEFLATED, compresslevel=9) as archive:
        for path in sorted(p for p in folder.rglob("*") if p.is_file()):
            info = zipfile.ZipInfo(f"{ARCHIVE_ROOT}/{path.relative_to(folder).as_posix()}", date_time=when)
            info.external_attr = 0o644 << 16
            info.compress_type = zipfile.ZIP_DEFLATED
            archive.writestr(info, path.read_bytes())
    os.replace(temp, target)


def build_offline_site(paths: ProjectPaths, site_dir: Path, shim: Path | None = None) -> None:
    """Builds the offline site into ``site_dir`` from a private copy of the generated pages."""
    from mkdocs.commands.build import build
    from mkdocs.config import load_config

    shim = shim or paths.root / SHIM_PACKAGE
    if not shim.is_file():
        raise BuildFailed([Problem(SHIM_PACKAGE.as_posix(), None,
                                   "the iframe-worker shim is missing; run `npm ci --prefix tests/tools` first")])
    with tempfile.TemporaryDirectory(prefix="offline-docs-") as docs:
        docs_dir = Path(docs)
        # generated/'s per-file cache: unchanged sources are not parsed again (the cache checks every entry
        # against content and code itself); the MkDocs hook keeps the render cache in generated/ too
        generate(paths, docs_dir, per_file_cache_of=paths.generated)
        (docs_dir / SHIM_TARGET).parent.mkdir(parents=True, exist_ok=True)
        shutil.copyfile(shim, docs_dir / SHIM_TARGET)
        config = load_config(str(paths.root / OFFLINE_CONFIG), docs_dir=str(docs_dir), site_dir=str(site_dir), strict=True)
        with _mkdocs_messages_logged():
            build(config)


@contextlib.contextmanager
def _mkdocs_messages_logged() -> Iterator[None]:
    """MkDocs' messages created down to INFO, as `mkdocs build` does (shown as before: only warnings
    reach the terminal), so the render cache can tell a page that converted cleanly and store it."""
    logger = logging.getLogger("mkdocs")
    level = logger.level
    logger.setLevel(logging.INFO)
    try:
        yield
    finally:
        logger.setLevel(level)


def without_published_only(markdown: str) -> str:
    """The page without its published-only sections (the hook applies it when building this copy).
    Raises ValueError when a section is marked but not written in the form that can be removed."""
    if PUBLISHED_ONLY_CLASS not in markdown:  # every generated page: a substring test, not the pattern
        return markdown
    kept = PUBLISHED_ONLY.sub("", markdown)
    if f'<div class="{PUBLISHED_ONLY_CLASS}"' in kept:  # only hand-written pages hold raw HTML
        raise ValueError(f'a section marked {PUBLISHED_ONLY_CLASS} could not be left out of the offline copy; write it as '
                         f'<div class="{PUBLISHED_ONLY_CLASS}" markdown> on a line of its own, closed by </div> on a line '
                         f'of its own, with no other <div> inside')
    return kept


def build_offline_archive(paths: ProjectPaths, target: Path, shim: Path | None = None) -> Path:
    with tempfile.TemporaryDirectory(prefix="offline-site-") as site:
        build_offline_site(paths, Path(site), shim)
        write_zip(Path(site), target)
    return target


def check_archive_target(paths: ProjectPaths, target: Path) -> Path:
    """Where the archive may be written: a .zip path outside content/, briefings/, generated/ and the code,
    not over a file that is not a zip archive (an earlier copy); raises BuildFailed before any build."""
    target = target.resolve()
    shown = str(target)
    if target.suffix.lower() != ".zip":
        raise BuildFailed([Problem(shown, None, "the offline copy is a zip archive; give a path ending in .zip")])
    protected = [paths.content, paths.briefings, paths.generated, Path(__file__).resolve().parent.parent]
    if any(target.is_relative_to(folder.resolve()) for folder in protected):
        raise BuildFailed([Problem(shown, None, "the archive cannot be written among the inputs or the code "
                                                "(content/, briefings/, generated/, build_tools/); the default is site/offline.zip")])
    if target.exists() and not (target.is_file() and zipfile.is_zipfile(target)):
        raise BuildFailed([Problem(shown, None, "exists and is not an earlier offline copy (a zip archive); "
                                                "choose another path, nothing here is overwritten")])
    blocking = next((folder for folder in target.parents if folder.exists()), None)
    if blocking is not None and not blocking.is_dir():
        raise BuildFailed([Problem(str(blocking), None, "is a file, so the archive cannot be written under it")])
    return target
