"""``briefing add PATH|URL``: put one new source into ``content/sources/``, never overwriting anything.

- a URL (http/https) or a saved web page (``.html``/``.htm``) is extracted with trafilatura and
  written as a normalised source ``<id>.md``, whose front matter the contributor then checks;
- a plain-text page dump (``.txt``) or a normalised source (``.md``) is copied byte for byte, after
  the parser has read it.

Every refusal is an :class:`AddError` naming what it is about (the URL, the input path, or the file
that would be written) and why; nothing is written then.
"""
from __future__ import annotations

import os
import re
from types import SimpleNamespace
from dataclasses import dataclass, field
from pathlib import Path

from build_tools.errors import BuildFailed, display_path
from build_tools.ingest.fetch import DEFAULT_MAX_BYTES, DEFAULT_TIMEOUT, FetchError, check_url, decode_html, fetch_page
from build_tools.ingest.normalise import comparable, is_slug, render_source, slugify
from build_tools.model.dates import PartialDate, latest_possible_date
from build_tools.model.forms import is_reserved_id
from build_tools.parse.sources import (
    IGNORED_NAMES,
    SIDECAR_SUFFIX,
    default_source_id,
    load_sources,
    parse_markdown_source,
    parse_text_dump_file,
)
from build_tools.parse.text_files import UnreadableFile, decode_text, read_text_file

HTML_SUFFIXES = (".html", ".htm")
COPIED_SUFFIXES = (".txt", ".md")


class AddError(Exception):
    """``where: message``: one line, about the URL, the input file or the file to be written (a file that
    does not parse gets a line for each of its problems)."""

    def __init__(self, where: str, message: str):
        self.where = where
        self.message = message
        super().__init__(f"{where}: {message}")


@dataclass
class Added:
    path: Path
    ids: list[str]
    paragraphs: int
    fields: dict = field(default_factory=dict)  # what was extracted, for the summary
    notes: list[str] = field(default_factory=list)


def is_url(target: str) -> bool:
    return "://" in target or target.lower().startswith(("http:", "https:"))


def add_source(
    sources_dir: Path,
    target: str,
    *,
    source_id: str | None = None,
    title: str | None = None,
    timeout: float = DEFAULT_TIMEOUT,
    max_bytes: int = DEFAULT_MAX_BYTES,
) -> Added:
    """Adds the source at ``target`` (a URL or a file path); raises :class:`AddError`."""
    if source_id is not None and not is_slug(source_id):
        raise AddError(target, f"--id '{source_id}' must be lower-case letters, digits and hyphens (e.g. arabnews-vpn-licensing)")
    if is_url(target):
        return _add_page(sources_dir, target, source_id, title, timeout, max_bytes)
    path = Path(target)
    shown = display_path(path.resolve()) if path.is_absolute() or path.exists() else target
    if path.is_dir():
        raise AddError(shown, "is a folder; give one file (.txt, .md, .html or .htm) or an http(s):// address")
    if not path.is_file():
        raise AddError(shown, "no such file (give a path to a .txt, .md, .html or .htm file, or an http(s):// address)")
    suffix = path.suffix.lower()
    if suffix in HTML_SUFFIXES:
        return _add_page(sources_dir, target, source_id, title, timeout, max_bytes, file=path, shown=shown)
    if suffix in COPIED_SUFFIXES:
        return _copy_source(sources_dir, path, shown, source_id, title)
    raise AddError(shown, f"'{path.suffix or path.name}' files cannot be added; give a .txt page dump, a .md source, a saved .html page or a URL")


# --- web pages ------------------------------------------------------------------------------------

def _add_page(sources_dir: Path, target: str, source_id: str | None, title: str | None, timeout: float,
              max_bytes: int, file: Path | None = None, shown: str | None = None) -> Added:
    from build_tools.parse.html_page import extract_page

    where = shown or target
    if file is None:
        try:
            check_url(target)
        except FetchError as exc:
            raise AddError(target, str(exc)) from None
    if source_id is not None:
        _check_free(sources_dir, source_id, ".md", where)  # before any download
    if file is None:
        try:
            page = fetch_page(target, timeout=timeout, max_bytes=max_bytes)
        except FetchError as exc:
            raise AddError(target, str(exc)) from None
        text, url = page.text, page.url
    else:
        try:
            data = file.read_bytes()
        except OSError as exc:
            raise AddError(where, f"the file cannot be read ({exc.strerror or exc})") from None
        if len(data) > max_bytes:
            raise AddError(where, f"the file is larger than the limit of {max_bytes} bytes (--max-bytes); is it really an article?")
        text, url = decode_html(data), None
    try:
        extracted = extract_page(text, where, url=url)
    except BuildFailed as exc:
        raise AddError(where, exc.problems[0].message) from None
    final_title = " ".join(title.split()) if title else extracted.title
    if not final_title:
        raise AddError(where, "the page states no title; pass --title \"...\"")
    new_id = source_id or slugify(final_title) or slugify(Path(url or target).stem) or "source"
    target_path = _check_free(sources_dir, new_id, ".md", where)
    date, notes = extracted.date, []
    if date is not None and _in_the_future(date):
        notes.append(f"the page's date, {date.iso()}, is later than today, so it was misread and left out; "
                     f"write the right one as 'date:' in {display_path(target_path)}")
        date = None
    markdown = render_source(
        id=new_id, title=final_title, date=date, publisher=extracted.publisher, author=extracted.author,
        url=extracted.url, paragraphs=extracted.paragraphs, dateline=extracted.dateline,
        language=extracted.language if extracted.language and not extracted.language.startswith("en") else None,
        origin=url if file is None else f"the saved page {file.name}",
    )
    notes += _check_round_trip(markdown, target_path, extracted, final_title, date)
    _write_new(target_path, markdown.encode("utf-8"))
    return Added(
        target_path, [new_id], len(extracted.paragraphs),
        fields={"title": final_title, "date": date.iso() if date else None,
                "publisher": extracted.publisher, "author": extracted.author, "url": extracted.url},
        notes=notes,
    )


def _check_round_trip(markdown: str, target_path: Path, extracted, title: str, date: PartialDate | None) -> list[str]:
    """The written file must read back as extracted; a paragraph that would move is a bug, so refuse."""
    shown = display_path(target_path)
    try:
        [read] = parse_markdown_source(markdown, shown)
    except BuildFailed as exc:
        raise AddError(shown, f"internal error: the file to be written does not read back ({exc.problems[0]}); please report this") from None
    expected = comparable(SimpleNamespace(
        title=title, date=date, publisher=extracted.publisher, author=extracted.author,
        dateline=extracted.dateline, key_points=[], paragraphs=extracted.paragraphs, extra={"url": extracted.url},
    ))
    got = comparable(read)
    if [(n, k) for n, _, k in expected["paragraphs"]] != [(n, k) for n, _, k in got["paragraphs"]] \
            or {k: v for k, v in expected.items() if k != "paragraphs"} != {k: v for k, v in got.items() if k != "paragraphs"}:
        raise AddError(shown, "internal error: the file to be written does not read back as extracted; please report this")
    notes = []
    for (number, before, _), (_, after, _) in zip(expected["paragraphs"], got["paragraphs"]):
        if before != after:
            notes.append(f"paragraph {number} starts with '#'; it is stored as {after[:20]!r}...")
    return notes


# --- files copied as received -----------------------------------------------------------------------

def _copy_source(sources_dir: Path, path: Path, shown: str, source_id: str | None, title: str | None) -> Added:
    if title is not None:
        raise AddError(shown, "--title works for web pages only; for a .txt or .md file, set 'title:' in its sidecar or front matter")
    suffix = path.suffix.lower()
    if suffix == ".md" and source_id is not None:
        raise AddError(shown, "--id cannot rename a .md source; change 'id:' in its front matter instead")
    # Keep a tidy received name (000_6f93749fe1e422ac.txt); make "Page (1).txt" page-1.txt.
    name_stem = source_id or (path.stem if re.fullmatch(r"[A-Za-z0-9][A-Za-z0-9_-]*", path.stem) else slugify(path.stem)) or "source"
    target_path = sources_dir / f"{name_stem}{suffix}"
    where_target = display_path(target_path)
    _check_name_free(sources_dir, name_stem, suffix, where_target)
    try:
        data = path.read_bytes()
        read_text_file(path)  # the same size and encoding checks as the build
        text = decode_text(data)
    except UnreadableFile as exc:
        raise AddError(shown if exc.line is None else f"{shown}:{exc.line}", exc.message) from None
    except OSError as exc:
        raise AddError(shown, f"the file cannot be read ({exc.strerror or exc})") from None
    if not text.strip():
        raise AddError(shown, "the file is empty; a source file needs the article text")
    parser = parse_text_dump_file if suffix == ".txt" else parse_markdown_source
    try:
        extracted = parser(text, shown)
    except BuildFailed as exc:
        first, *others = exc.problems
        where = first.path if first.line is None else f"{first.path}:{first.line}"
        raise AddError(where, "\n".join([first.message, *map(str, others)])) from None
    ids = [found.id or default_source_id(target_path, index, len(extracted)) for index, found in enumerate(extracted)]
    _check_ids(sources_dir, ids, shown, "change 'id:' in its front matter" if suffix == ".md" else
               "pass --id to choose another id")
    _write_new(target_path, data)
    first = extracted[0]
    notes = [f"article {index + 1}'s date, {found.date.iso()}, is later than today, so it was misread; write the right "
             f"one as 'date:' in {'its front matter' if suffix == '.md' else name_stem + SIDECAR_SUFFIX}, or "
             f"`briefing check` will report it"
             for index, found in enumerate(extracted) if isinstance(found.date, PartialDate) and _in_the_future(found.date)]
    if suffix == ".txt":
        notes.append(f"add {name_stem}{SIDECAR_SUFFIX} beside it for what the page does not state (publisher, url, licence, "
                     f"topics; one '- id:' per article under 'articles:'); see CONTRIBUTING.md")
    return Added(
        target_path, ids, sum(len(a.paragraphs) for a in extracted),
        fields={"title": first.title, "date": first.date.iso() if isinstance(first.date, PartialDate) else None,
                "publisher": first.publisher, "author": first.author},
        notes=notes,
    )


def _in_the_future(date: PartialDate) -> bool:
    return date.first_day() > latest_possible_date()


# --- never overwrite, never reuse an id --------------------------------------------------------------

def _check_free(sources_dir: Path, new_id: str, suffix: str, where: str) -> Path:
    target_path = sources_dir / f"{new_id}{suffix}"
    _check_name_free(sources_dir, new_id, suffix, display_path(target_path))
    _check_ids(sources_dir, [new_id], where)
    return target_path


def _check_name_free(sources_dir: Path, stem: str, suffix: str, shown_target: str) -> None:
    target_path = sources_dir / f"{stem}{suffix}"
    if target_path.exists():
        raise AddError(shown_target, "already exists; pass --id to choose another id")
    if not sources_dir.is_dir():
        return
    for other in sorted(sources_dir.iterdir()):
        if other.name in IGNORED_NAMES or other.name.startswith("."):
            continue
        other_stem = other.name[: -len(SIDECAR_SUFFIX)] if other.name.endswith(SIDECAR_SUFFIX) else other.stem
        if other_stem == stem:
            # Two files with one name would share a sidecar (NAME.meta.yml).
            raise AddError(shown_target, f"{display_path(other)} already has this name; pass --id to choose another id")


def _check_ids(sources_dir: Path, ids: list[str], where: str, remedy: str = "pass --id to choose another id") -> None:
    for new_id in ids:
        if is_reserved_id(new_id):
            raise AddError(where, f"the source id '{new_id}' is a reserved name (the site makes a page of that name); "
                                  f"{remedy}")
    articles, _ = load_sources(sources_dir)  # problems in other files are `briefing check`'s business
    used = {article.id: f"{article.path}:{article.line}" for article in articles}
    for new_id in ids:
        if new_id in used:
            raise AddError(where, f"the source id '{new_id}' is already used by {used[new_id]}; {remedy}")


def _write_new(path: Path, data: bytes) -> None:
    """Creates ``path``; fails rather than replace a file that appeared meanwhile, and leaves no part of it
    when writing fails."""
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o644)
    except FileExistsError:
        raise AddError(display_path(path), "already exists; pass --id to choose another id") from None
    except OSError as exc:
        raise AddError(display_path(path), f"cannot be written ({exc.strerror or exc})") from None
    try:
        with os.fdopen(fd, "wb") as handle:
            handle.write(data)
    except BaseException as exc:  # a disk full, or Ctrl-C
        path.unlink(missing_ok=True)
        if isinstance(exc, OSError):
            raise AddError(display_path(path), f"cannot be written ({exc.strerror or exc})") from None
        raise
