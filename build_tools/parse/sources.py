"""Source files to :class:`Article` records: dispatch by file type, apply the sidecar, assign ids.

``content/sources/`` holds files as received: plain-text page dumps (``.txt``), normalised Markdown
(``.md``, written by ``briefing add``) and saved web pages (``.html``). A sidecar ``NAME.meta.yml``
beside ``NAME.txt`` adds or overrides fields: top-level fields apply to every article in the file,
and ``articles:`` lists per-article fields in the order the articles appear.
"""
from __future__ import annotations

import os
import re
from dataclasses import dataclass, field, fields, replace
from functools import partial
from pathlib import Path
from typing import TYPE_CHECKING, Callable

from pydantic import ValidationError

from build_tools import progress
from build_tools.errors import BuildFailed, Problems, display_path
from build_tools.file_cache import source_key
from build_tools.file_digests import digest_of_bytes
from build_tools.model import Article, Paragraph, PartialDate, SourceGaps
from build_tools.model.dates import latest_possible_date
from build_tools.model.frontmatter import ArticleFields, SidecarFields, SourceFrontMatter
from build_tools.parse.explain import validate_fields
from build_tools.parse.text_files import (UnreadableFile, decode_html_file, decode_text, read_text_bytes,
                                         read_text_file, report_unread_files)
from build_tools.parse.yaml_lines import FrontMatterError, LoadedYaml, YamlSyntaxError, load_yaml, split_front_matter

if TYPE_CHECKING:
    from build_tools.file_cache import FileCache

SIDECAR_SUFFIX = ".meta.yml"
IGNORED_NAMES = {"README.md", ".gitkeep", ".gitignore"}
_UNREAD = object()       # a sidecar not read yet
_UNREADABLE = object()   # a sidecar that exists but cannot be read


@dataclass
class ExtractedFields:
    """What a parser read from one article, before the sidecar and id are applied."""

    line: int
    title: str | None
    date: PartialDate | None
    publisher: str | None
    author: str | None
    dateline: str | None
    key_points: list[str]
    paragraphs: list[Paragraph]
    id: str | None = None
    extra: dict = field(default_factory=dict)


@dataclass(frozen=True)
class SourceFolder:
    """The names in content/sources/ that matter, from one directory scan (it holds thousands of files;
    a ``stat`` or a ``Path`` per name cost more than reading the cached articles)."""

    folder: Path
    sources: list[str]     # source files (not sidecars), sorted by name
    sidecars: set[str]     # names ending in .meta.yml

    @classmethod
    def scan(cls, folder: Path) -> "SourceFolder":
        sources: list[str] = []
        sidecars: set[str] = set()
        try:
            with os.scandir(folder) as entries:
                for entry in entries:
                    name = entry.name
                    if name.endswith(SIDECAR_SUFFIX):  # whatever it is: a folder by that name is reported as unreadable
                        sidecars.add(name)
                    elif not name.startswith(".") and name not in IGNORED_NAMES and entry.is_file():
                        sources.append(name)
        except (FileNotFoundError, NotADirectoryError):
            pass
        sources.sort()
        return cls(folder, sources, sidecars)

    def has_sidecar(self, name: str) -> bool:
        return f"{name_stem(name)}{SIDECAR_SUFFIX}" in self.sidecars


def name_stem(name: str) -> str:
    """``Path(name).stem`` without making a ``Path`` (thousands per build)."""
    dot = name.rfind(".")
    return name[:dot] if 0 < dot < len(name) - 1 else name


def name_suffix(name: str) -> str:
    """``Path(name).suffix`` without making a ``Path``."""
    dot = name.rfind(".")
    return name[dot:] if 0 < dot < len(name) - 1 else ""


def source_files(sources_dir: Path) -> list[Path]:
    """Every source file (not sidecars), in a stable order."""
    return [sources_dir / name for name in SourceFolder.scan(sources_dir).sources]


@dataclass
class LoadedSources:
    articles: list[Article]
    problems: Problems
    # the files in a format we read that did not parse (with their sidecar) without a problem, so some
    # articles (or the ids their sidecar gives them) are missing; and the ids two articles claim
    gaps: SourceGaps


def load_sources(sources_dir: Path, cache: FileCache | None = None) -> tuple[list[Article], Problems]:
    """All articles of all source files, with problems collected across files."""
    loaded = read_sources(sources_dir, cache)
    return loaded.articles, loaded.problems


def read_sources(sources_dir: Path, cache: FileCache | None = None) -> LoadedSources:
    """All articles of all source files, with problems collected across files, and whether every file
    read. ``cache``: files parsed by earlier builds (see :mod:`build_tools.file_cache`)."""
    problems = Problems()
    articles: list[Article] = []
    first_seen: dict[str, str] = {}
    listing = SourceFolder.scan(sources_dir)
    folder = os.fspath(sources_dir)
    shown_folder = display_path(sources_dir)
    latest = latest_possible_date()
    unread: list[str] = []
    duplicates: set[str] = set()
    for name in progress.items(listing.sources, "Reading sources"):
        found = Problems()
        loaded = load_source_file(os.path.join(folder, name), found, cache, shown=f"{shown_folder}/{name}",
                                  has_sidecar=listing.has_sidecar(name))
        problems.extend(found)
        if found and name_suffix(name).lower() in PARSERS:
            unread.append(f"{shown_folder}/{name}")
        for article in loaded:
            where = ":".join(map(str, article.where("id")))  # the sidecar's or front matter's line that set it, if one did
            if article.date is not None and article.date.first_day() > latest:
                problems.add(*article.where("date"),
                             f"the article's date, {article.date.iso()}, is later than today: it was misread or "
                             f"mistyped; write the right one as `date:` in {article.fix_in('date')}")
            if article.full_text and not article.licence:
                problems.add(*article.where("full_text"),
                             "'full_text: true' republishes the whole article, which needs the licence that allows it: "
                             f"write it as 'licence:' in {article.fix_in('full_text')} (or remove 'full_text')")
            if article.id in first_seen:
                problems.add(*article.where("id"),
                             f"source id '{article.id}' is already used by {first_seen[article.id]}; give this article its own id in {article.fix_in('id')}")
                duplicates.add(article.id)  # the article is left out: a citation of the id may mean either
                if article.path not in unread:  # and citations of the id it was meant to have are not found
                    unread.append(article.path)
                continue
            first_seen[article.id] = where
            articles.append(article)
    stems = {name_stem(name) for name in listing.sources}
    # every file directly in the folder is read (one in a format we do not read is reported as such)
    report_unread_files(sources_dir, None, problems, "a source is a file directly in content/sources/")
    for sidecar in sorted(listing.sidecars):
        stem = sidecar[: -len(SIDECAR_SUFFIX)]
        if stem not in stems:
            problems.add(sources_dir / sidecar, 1, _orphan_sidecar(stem, stems))
    return LoadedSources(articles, problems, SourceGaps(tuple(unread), frozenset(duplicates)))


def _orphan_sidecar(stem: str, stems: set[str]) -> str:
    """What to say of a sidecar beside no source file; "001_x.txt.meta.yml" was meant for "001_x.txt"."""
    meant = name_stem(stem)
    if meant != stem and meant in stems:
        return f"a sidecar is named after its source file without the .txt, .md or .html; rename this file {meant}{SIDECAR_SUFFIX}"
    return f"this sidecar belongs to no source file; expected a file named {stem}.txt, .md or .html beside it"


def load_source_file(path: Path | str, problems: Problems, cache: FileCache | None = None, *, shown: str | None = None,
                     has_sidecar: bool | None = None) -> list[Article]:
    """The articles of one file; on any problem, records it and returns what is usable.

    With a ``cache``, a file whose text and sidecar are as when it last parsed without a problem is not
    parsed again; a file with problems is never stored, so it reports them on every build. ``shown`` (its
    display path) and ``has_sidecar``, when the caller scanned the folder already.
    """
    # strings until the cache misses: a build after one added source finds thousands of files cached
    name = os.path.basename(path)
    shown = shown or display_path(Path(path))
    parser = PARSERS.get(name_suffix(name).lower())
    if parser is None:
        if name.lower().endswith(".meta.yaml"):
            problems.add(shown, None, f"a sidecar's name ends in .meta.yml; rename this file "
                                      f"{name[: -len('.meta.yaml')]}{SIDECAR_SUFFIX}")
        else:
            problems.add(shown, None, f"'{name_suffix(name) or name}' files are not a source format we read; use .txt, .md or .html")
        return []
    sidecar_path = os.path.join(os.path.dirname(path), name_stem(name) + SIDECAR_SUFFIX)
    has_sidecar = os.path.exists(sidecar_path) if has_sidecar is None else has_sidecar
    looked_up = _cached_key(path, sidecar_path if has_sidecar else None, shown, cache) if cache is not None else None
    if cache is not None and looked_up is not None:
        # parsed again only should the paragraphs kept for it be unreadable
        reparse = partial(load_source_file, path, Problems(), None, shown=shown, has_sidecar=has_sidecar)
        if (records := cache.parsed_file(shown, looked_up, reparse)) is not None:
            return records
    path = Path(path)
    try:
        data = read_text_bytes(path)
        text = decode_html_file(data) if parser is parse_html_file else decode_text(data)
    except UnreadableFile as exc:
        problems.add(shown, exc.line, exc.message)
        return []
    if not text.strip():
        problems.add(shown, None, "the file is empty; a source file needs the article text")
        return []
    sidecar = _sidecar_bytes(path, has_sidecar)
    if sidecar is _UNREADABLE:  # parse as usual, which reports why
        return _parse_source_file(path, shown, text, parser, problems)
    # keyed on the bytes parsed: a file written since its digest was taken is stored under its new bytes
    key = source_key(shown, digest_of_bytes(data), digest_of_bytes(sidecar) if isinstance(sidecar, bytes) else None)

    def parse(found: Problems) -> list[Article]:
        articles = _parse_source_file(path, shown, text, parser, found, sidecar)
        return [replace(article, made_from=f"{key}#{number}") for number, article in enumerate(articles)]

    if cache is None:
        return parse(problems)
    if key == looked_up:
        return cache.parse_and_keep(shown, key, parse, problems)
    return cache.reuse_or_parse(shown, key, parse, problems)


def _cached_key(path: Path | str, sidecar_path: str | None, shown: str, cache: FileCache) -> str | None:
    """The file's key from the digests of its bytes and its sidecar's, without reading either while
    they are unchanged (:mod:`build_tools.file_digests`); None when one cannot be read."""
    try:
        sidecar = cache.digests.digest(sidecar_path) if sidecar_path is not None else None
        return source_key(shown, cache.digests.digest(path), sidecar)
    except OSError:
        return None


def _parse_source_file(path: Path, shown: str, text: str, parser: Callable[[str, str], list[ExtractedFields]],
                       problems: Problems, sidecar_data: bytes | None | object = _UNREAD) -> list[Article]:
    try:
        extracted = parser(text, shown)
    except BuildFailed as exc:
        problems.extend(exc.problems)
        return []
    sidecar = load_sidecar(path, problems, sidecar_data)
    return apply_sidecar(path, shown, extracted, sidecar, problems)


def _sidecar_bytes(path: Path, exists: bool | None = None) -> bytes | None | object:
    """The bytes of the file's sidecar, None when it has none, ``_UNREADABLE`` when it cannot be read.
    ``exists``: whether it exists, when the caller knows."""
    sidecar_path = path.with_name(path.stem + SIDECAR_SUFFIX)
    if not (sidecar_path.exists() if exists is None else exists):
        return None
    try:
        return read_text_bytes(sidecar_path)
    except UnreadableFile:
        return _UNREADABLE


def load_sidecar(path: Path, problems: Problems, data: bytes | None | object = _UNREAD) -> SidecarFields | None:
    """The sidecar of source file ``path``; ``data``: its bytes (None: it has none) when already read."""
    sidecar_path = path.with_name(path.stem + SIDECAR_SUFFIX)
    if data is None or (data is _UNREAD and not sidecar_path.exists()):
        return None
    shown = display_path(sidecar_path)
    try:
        text = read_text_file(sidecar_path) if data is _UNREAD else decode_text(data)  # type: ignore[arg-type]
        loaded = load_yaml(text)
    except UnreadableFile as exc:
        problems.add(shown, exc.line, exc.message)
        return None
    except YamlSyntaxError as exc:
        problems.add(shown, exc.line, exc.message)
        return None
    if not isinstance(loaded.data, dict):
        problems.add(shown, 1, "a sidecar must be a set of 'key: value' lines (see CONTRIBUTING.md)")
        return None
    result = validate_fields(SidecarFields, loaded, shown, problems, "sidecar")
    if result is None:
        result = _readable_sidecar(loaded.data)
    if isinstance(result, SidecarFields):
        result._lines = loaded  # type: ignore[attr-defined]
    return result  # type: ignore[return-value]


def _readable_sidecar(data: dict) -> SidecarFields | None:
    """A sidecar that failed validation (its problems reported), without the fields that failed: its other
    fields still apply, so its articles keep the ids it gives them and a briefing citing them is checked
    as usual. None when what is left does not validate either."""
    try:
        return SidecarFields.model_validate(data)
    except ValidationError as exc:
        errors = exc.errors()
    readable = dict(data)
    for error in errors:
        match tuple(error["loc"]):
            case ("articles", int(index), str(name), *_) if isinstance(readable.get("articles"), list):
                entries = readable["articles"] = list(readable["articles"])
                if isinstance(entries[index], dict):
                    entries[index] = {key: value for key, value in entries[index].items() if key != name}
            case ("articles", int(index), *_) if isinstance(readable.get("articles"), list):
                readable["articles"] = [*readable["articles"][:index], {}, *readable["articles"][index + 1:]]
            case (name, *_):
                readable.pop(name, None)
    try:
        return SidecarFields.model_validate(readable)
    except ValidationError:
        return None


def apply_sidecar(
    path: Path, shown: str, extracted: list[ExtractedFields], sidecar: SidecarFields | None, problems: Problems
) -> list[Article]:
    per_article = sidecar.articles if sidecar else []
    sidecar_shown = display_path(path.with_name(path.stem + SIDECAR_SUFFIX))
    lines: LoadedYaml | None = sidecar._lines if sidecar else None  # type: ignore[attr-defined]
    if lines is not None and len(per_article) > len(extracted):
        problems.add(sidecar_shown, lines.line_of(("articles", len(extracted))),
                     f"the sidecar lists {len(per_article)} articles but {path.name} holds {len(extracted)}")
    articles = []
    for index, found in enumerate(extracted):
        article = Article(
            id=found.id or default_source_id(path, index, len(extracted)),
            path=shown, line=found.line, title=found.title, date=found.date, publisher=found.publisher,
            author=found.author, dateline=found.dateline, key_points=found.key_points, paragraphs=found.paragraphs,
            **found.extra,
        )
        layers = [(sidecar, ())]
        if index < len(per_article):
            layers.append((per_article[index], ("articles", index)))
        for layer, at in layers:
            if layer is not None and lines is not None:
                article = _override(article, layer, lambda name: (sidecar_shown, lines.line_of(at + (name,)) or 1))
        articles.append(article)
    return articles


def _override(article: Article, layer: ArticleFields, line_of: Callable[[str], tuple[str, int]]) -> Article:
    """The article with the fields ``layer`` sets; ``line_of``: where the sidecar sets a field."""
    changes: dict[str, object] = {}
    origins = dict(article.set_at)
    for name in layer.model_fields_set & {f.name for f in fields(Article)}:
        value = getattr(layer, name)
        changes[name] = PartialDate.from_iso(value) if name == "date" and value else value
        origins[name] = line_of(name)
    return replace(article, **changes, set_at=origins)


def default_source_id(path: Path, index: int, count: int) -> str:
    """``000_6f93.txt`` -> ``000-6f93``; later articles in the same file get ``-2``, ``-3``..."""
    slug = re.sub(r"[^a-z0-9]+", "-", path.stem.lower()).strip("-") or "source"
    return slug if index == 0 else f"{slug}-{index + 1}"


def parse_text_dump_file(text: str, path: str) -> list[ExtractedFields]:
    from build_tools.parse.text_dump import parse_text_dump

    return [
        ExtractedFields(a.line, a.title, a.date, a.publisher, a.author, a.dateline, a.key_points, a.paragraphs)
        for a in parse_text_dump(text, path)
    ]


def parse_markdown_source(text: str, path: str) -> list[ExtractedFields]:
    """A normalised source: front matter (SourceFrontMatter) and paragraphs separated by blank lines."""
    problems = Problems()
    try:
        doc = split_front_matter(text)
    except FrontMatterError as exc:
        problems.add(path, exc.line, exc.message)
        raise BuildFailed(problems.items) from None
    meta = validate_fields(SourceFrontMatter, doc.meta, path, problems, "source")
    paragraphs = markdown_paragraphs(doc.body, doc.body_line)
    if not paragraphs:
        problems.add(path, doc.body_line, "the source has no paragraphs after its front matter")
    problems.raise_if_any()
    assert isinstance(meta, SourceFrontMatter)
    extra: dict[str, object] = {name: getattr(meta, name) for name in ("url", "licence", "full_text", "language", "summary", "topics")}
    extra["set_at"] = {name: (path, line) for name in ("id", "date", "topics", "full_text", "licence")
                       if (line := doc.meta.line_of((name,)))}
    return [
        ExtractedFields(
            line=1, title=meta.title, date=PartialDate.from_iso(meta.date) if meta.date else None,
            publisher=meta.publisher, author=meta.author, dateline=meta.dateline, key_points=list(meta.key_points),
            paragraphs=paragraphs, id=meta.id, extra=extra,
        )
    ]


def markdown_paragraphs(body: str, first_line: int) -> list[Paragraph]:
    """Blocks separated by blank lines; ``## Heading`` lines are headings, ``- item`` lines items."""
    paragraphs: list[Paragraph] = []
    block: list[str] = []
    start = first_line

    def flush() -> None:
        if not block:
            return
        text = " ".join(line.strip() for line in block).strip()
        kind = "text"
        if re.match(r"#{1,6} ", text):
            kind, text = "heading", text.lstrip("#").strip()
        elif text.startswith(("\\#", "\\\\")):
            text = text[1:]  # `briefing add` escapes a text paragraph that begins with "#", "\\#" or "\\\\"
        if text:
            paragraphs.append(Paragraph(len(paragraphs) + 1, text, start, kind))  # type: ignore[arg-type]
        block.clear()

    for offset, line in enumerate(body.split("\n")):
        stripped = line.strip()
        if not stripped:
            flush()
            continue
        item = re.match(r"([-*]|\d+[.)]) (.*)", stripped)
        if item:
            flush()
            paragraphs.append(Paragraph(len(paragraphs) + 1, item.group(2).strip(), first_line + offset, "item"))
            continue
        if not block:
            start = first_line + offset
        block.append(line)
    flush()
    return paragraphs


def parse_html_file(text: str, path: str) -> list[ExtractedFields]:
    from build_tools.parse.html_page import parse_html_page

    return parse_html_page(text, path)


PARSERS: dict[str, Callable[[str, str], list[ExtractedFields]]] = {
    ".txt": parse_text_dump_file,
    ".md": parse_markdown_source,
    ".html": parse_html_file,
    ".htm": parse_html_file,
}
