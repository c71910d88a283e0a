"""Briefing files (``briefings/*.md``) to :class:`Briefing` records."""
from __future__ import annotations

import re
from dataclasses import replace
from pathlib import Path
from typing import TYPE_CHECKING

from pydantic import ValidationError

from build_tools import progress
from build_tools.errors import Problems, display_path
from build_tools.file_cache import briefing_key
from build_tools.file_digests import digest_of_bytes
from build_tools.model import Briefing, BriefingBlock, Citation, CitationMark, Claim, Event, PartialDate
from build_tools.model.frontmatter import SLUG_RE, BriefingFrontMatter
from build_tools.model.records import PROSE_BLOCK_KINDS
from build_tools.parse.citations import (
    CODE_SPAN,
    CitationSyntaxError,
    find_citation_marks,
    mark_matches,
    misformed_marks,
    parse_citation_text,
)
from build_tools.parse.explain import path_phrase, validate_fields
from build_tools.parse.text_files import (
    UnreadableFile,
    decode_text,
    read_text_bytes,
    report_conflicts,
    report_unread_files,
)
from build_tools.parse.yaml_lines import FrontMatterError, LoadedYaml, split_front_matter

if TYPE_CHECKING:
    from build_tools.file_cache import FileCache

_FENCE = re.compile(r"^\s*(```|~~~)")


def briefing_files(briefings_dir: Path) -> list[Path]:
    if not briefings_dir.is_dir():
        return []
    return sorted(p for p in briefings_dir.glob("*.md") if p.name.lower() != "readme.md")


def load_briefings(briefings_dir: Path, cache: FileCache | None = None) -> tuple[list[Briefing], list[Briefing], Problems]:
    """All briefings, the unfinished ones (see :func:`load_briefing`), and problems collected across files.
    ``cache``: briefings parsed by earlier builds (see :mod:`build_tools.file_cache`)."""
    problems = Problems()
    files = briefing_files(briefings_dir)
    report_unread_files(briefings_dir, set(files), problems, "a briefing is a .md file directly in briefings/")
    briefings: list[Briefing] = []
    unfinished: list[Briefing] = []
    for path in progress.items(files, "Reading briefings"):
        if (briefing := load_briefing(path, problems, cache, unfinished)) is not None:
            briefings.append(briefing)
    return briefings, unfinished, problems


def load_briefing(path: Path, problems: Problems, cache: FileCache | None = None,
                  unfinished: list[Briefing] | None = None) -> Briefing | None:
    """One briefing, or None after recording its problems. A file with problems whose front matter could
    be read in part is added to ``unfinished`` as far as it could be read, so the checks against the
    registry and the sources can report that file's other mistakes in the same pass. With a ``cache``, a
    file whose bytes are as when it last parsed without a problem is neither read nor parsed again; a file
    with problems is never stored."""
    shown = display_path(path)
    well_named = SLUG_RE.match(path.stem) is not None
    if not well_named:
        problems.add(shown, None, f"the file name '{path.name}' must be lower-case letters, digits and hyphens, ending in .md (it becomes the page address)")
        cache = None  # read for its other mistakes, as an unfinished briefing
    # keyed on the digest of its bytes, which the cache's file digests give without reading an unchanged file
    data: bytes | None = None
    try:
        key = briefing_key(shown, cache.digests.digest(path)) if cache is not None else None
    except OSError:
        key = None  # read below, which says why it cannot be
    if key is None:
        try:
            data = read_text_bytes(path)
        except UnreadableFile as exc:
            problems.add(shown, exc.line, exc.message)
            return None
        key = briefing_key(shown, digest_of_bytes(data))

    def parse(found: Problems) -> list[Briefing]:
        try:
            text = decode_text(data if data is not None else read_text_bytes(path))
        except UnreadableFile as exc:
            found.add(shown, exc.line, exc.message)
            return []
        return [replace(b, made_from=key)] if (b := _parse_briefing(path, shown, text, found)) else []

    found = Problems()
    parsed = parse(found) if cache is None else cache.reuse_or_parse(shown, key, parse, found)
    problems.extend(found)
    if not found and well_named:
        return parsed[0] if parsed else None
    if unfinished is not None:
        unfinished.extend(parsed)
    return None


def _parse_briefing(path: Path, shown: str, text: str, problems: Problems) -> Briefing | None:
    """The briefing, or None when its front matter cannot be read at all; one with problems (recorded in
    ``problems``) holds what could be read, with the parts that could not listed in ``unchecked``."""
    if report_conflicts(text, shown, problems):
        return None  # its text is two versions at once: read it once it is one
    try:
        doc = split_front_matter(text)
    except FrontMatterError as exc:
        problems.add(shown, exc.line, exc.message)
        return None
    found = Problems()
    meta = validate_fields(BriefingFrontMatter, doc.meta, shown, found, "briefing")
    unchecked: frozenset[str] = frozenset()
    stand_ins: dict[str, set[int]] = {}
    if meta is None:
        meta, unchecked, stand_ins = _readable_part(doc.meta.data)
    # a field given twice (reported by the loader, the first kept) may have meant the second value
    unchecked |= {issue.key for issue in doc.meta.issues
                  if not issue.path and issue.kind == "duplicate-key" and issue.key in BriefingFrontMatter.model_fields}
    before_body = len(found)
    blocks = body_blocks(doc.body, doc.body_line, shown, found)
    # a citation mark that could not be read is missing from its block: the numbers it supports would
    # look unsupported (an uncited paragraph or a heading's level does not matter to them)
    body_read = len(found) == before_body
    check_heading_levels(blocks, shown, found)
    if not any(b.kind != "heading" for b in blocks):
        found.add(shown, doc.body_line, "the briefing has no body text after its front matter")
    for block in blocks:
        # a mark that could not be read, or a citation written without '@' or in round brackets, has been
        # reported already
        if next(mark_matches(block.text), None) is not None or misformed_marks(block.text):
            continue
        if block.is_prose:
            found.add(shown, block.line, "this paragraph cites no source; add a citation such as [@source-id:3] at its end")
        elif block.kind == "table":
            found.add(shown, block.line, "this table cites no source; end a row with a citation such as [@source-id:3] "
                                         "(the last row's covers the whole table)")
    if meta is None:
        problems.extend(found)
        return None
    assert isinstance(meta, BriefingFrontMatter)
    _check_no_marks_in_fields(meta, doc.meta, shown, found)
    _check_plain_text_fields(meta, doc.meta, shown, found)
    claims = [_claim(c, i, doc.meta, shown, found) for i, c in enumerate(meta.claims) if i not in stand_ins.get("claims", ())]
    events = [_event(e, i, doc.meta, shown, found) for i, e in enumerate(meta.events) if i not in stand_ins.get("events", ())]
    problems.extend(found)
    if not body_read:
        unchecked |= {"body"}

    def listed(name: str, values: list[str]) -> list[str]:
        """A list field's values, without stand-ins."""
        return [] if name in unchecked else [v for i, v in enumerate(values) if i not in stand_ins.get(name, ())]

    return Briefing(
        id=path.stem, path=shown, title=meta.title, date=PartialDate.from_iso(meta.date), summary=meta.summary,
        topics=listed("topics", meta.topics), sources=listed("sources", meta.sources),
        key_points=listed("key_points", meta.key_points), blocks=blocks, updated=_date(meta.updated),
        verified=_date(meta.verified), why_it_matters=meta.why_it_matters, entities=listed("entities", meta.entities),
        claims=claims, events=events, field_lines={str(k[0]): v for k, v in doc.meta.lines.items() if len(k) == 1},
        unchecked=unchecked,
    )


# What stands in for a front-matter value that failed validation, so the rest can be read: the stand-in
# is never checked against anything (its field is in ``Briefing.unchecked``, or its item is skipped).
_STAND_IN_FIELDS: dict[str, object] = {
    "title": "-", "date": "1900", "summary": "-", "topics": ["x"], "sources": ["x"], "key_points": ["-"], "entities": [],
    "updated": None, "verified": None, "why_it_matters": None, "claims": [], "events": [],
}
_STAND_IN_ITEMS: dict[str, object] = {
    "claims": {"claimant": "x", "claimant_type": "other", "point": "-", "statement": "-", "cite": "@x"},
    "events": {"date": "1900", "title": "-", "cite": "@x"},
    "key_points": "-",
}


def _readable_part(data: object) -> tuple[BriefingFrontMatter | None, frozenset[str], dict[str, set[int]]]:
    """The front matter that failed validation, read as far as it can be: each field (or item of
    ``claims``, ``events``, ``key_points``) that failed is replaced by a stand-in and an unknown field is
    dropped. Returns the model (None when there is nothing to read), the fields replaced whole, and the
    positions of the items replaced, so that no check runs on a stand-in."""
    if not isinstance(data, dict):
        return None, frozenset(), {}
    try:
        return BriefingFrontMatter.model_validate(data), frozenset(), {}
    except ValidationError as exc:
        errors = exc.errors()
    readable = dict(data)
    unchecked: set[str] = set()
    stand_ins: dict[str, set[int]] = {}
    for error in errors:
        loc = tuple(error["loc"])
        name = loc[0] if loc else None
        if name not in BriefingFrontMatter.model_fields:
            readable.pop(name, None)
        elif name in _STAND_IN_ITEMS and len(loc) > 1 and isinstance(loc[1], int) and isinstance(readable.get(name), list):
            items = readable[name] = list(readable[name])
            items[loc[1]] = _STAND_IN_ITEMS[name]
            stand_ins.setdefault(str(name), set()).add(loc[1])
        elif name in _STAND_IN_FIELDS:
            readable[name] = _STAND_IN_FIELDS[name]
            unchecked.add(name)
        else:
            return None, frozenset(), {}
    try:
        return BriefingFrontMatter.model_validate(readable), frozenset(unchecked), stand_ins
    except ValidationError:
        return None, frozenset(), {}


_SUMMING_UP = "the summary, key points and 'why it matters' sum up the body, whose paragraphs carry the citations"


def _front_matter_texts(meta: BriefingFrontMatter) -> list[tuple[tuple, str | None, str]]:
    """Each front-matter text shown as written (escaped, not Markdown): where it is, its text, and where its
    citation belongs instead."""
    texts: list[tuple[tuple, str | None, str]] = [
        (("title",), meta.title, "a title carries no citation"),
        (("summary",), meta.summary, _SUMMING_UP),
        (("why_it_matters",), meta.why_it_matters, _SUMMING_UP),
        *((("key_points", i), point, _SUMMING_UP) for i, point in enumerate(meta.key_points)),
    ]
    for i, claim in enumerate(meta.claims):
        texts += [(("claims", i, name), getattr(claim, name), "cite the claim in its 'cite:' field")
                  for name in ("point", "statement")]
    texts += [(("events", i, "title"), event.title, "cite the event in its 'cite:' field")
              for i, event in enumerate(meta.events)]
    return texts


def _check_no_marks_in_fields(meta: BriefingFrontMatter, loaded: LoadedYaml, path: str, problems: Problems) -> None:
    """A ``[@...]`` in a front-matter text would be shown as written, not as a citation: say where citations go."""
    for at, text, where in _front_matter_texts(meta):
        if text and next(mark_matches(text), None) is not None:
            problems.add(path, loaded.line_of(at), f"{path_phrase(at)} has a citation mark, which is shown as "
                                                   f"written outside the body; {where}")


# Markdown or HTML a contributor may type into a front-matter text out of habit: bold, italics, a link or
# an HTML tag. Code spans are left alone (a text may quote something in backticks).
_FORMATTING = re.compile(
    r"\*\*(?=\S)[^*\n]+?(?<=\S)\*\*"
    r"|(?<![\w_])__(?=\S)[^_\n]+?(?<=\S)__(?![\w_])"
    r"|(?<![\w*])\*(?=[^\s*])[^*\n]*?(?<=[^\s*])\*(?![\w*])"
    r"|(?<![\w_])_(?=[^\s_])[^_\n]*?(?<=[^\s_])_(?![\w_])"
    r"|\[[^\]\n]+\]\((?:[^()\s]|\([^()\s]*\))+\)"
    r"|</?[A-Za-z][A-Za-z0-9-]*(?:\s[^<>]*)?/?>")


def formatting_in(text: str) -> str | None:
    """The first Markdown or HTML formatting in a text that is shown as written, or None."""
    match = _FORMATTING.search(CODE_SPAN.sub(lambda m: " " * len(m.group()), text))
    return match.group() if match else None


def _check_plain_text_fields(meta: BriefingFrontMatter, loaded: LoadedYaml, path: str, problems: Problems) -> None:
    """Bold, italics, links and HTML in a front-matter text would be shown with their marks ('**', '<b>'):
    those texts are also the page's description, the feed's summary and the JSON export's, all plain."""
    for at, text, _ in _front_matter_texts(meta):
        found = formatting_in(text) if text else None
        if found:
            problems.add(path, loaded.line_of(at), f"{path_phrase(at)} is shown as plain text, so '{found}' would "
                                                   "appear exactly as typed; write it without Markdown or HTML "
                                                   "(only the body below the front matter is Markdown)")


def _date(text: str | None) -> PartialDate | None:
    return PartialDate.from_iso(text) if text else None


def _cite(text: str, at: tuple, meta: LoadedYaml, path: str, problems: Problems) -> list[Citation]:
    line = meta.line_of(at) or 1
    try:
        return list(parse_citation_text(text, path, line))
    except CitationSyntaxError as exc:
        problems.add(path, line, str(exc))
        return []


def _claim(fields, index: int, meta: LoadedYaml, path: str, problems: Problems) -> Claim:
    return Claim(
        claimant=fields.claimant, claimant_type=fields.claimant_type, point=fields.point, statement=fields.statement,
        citations=_cite(fields.cite, ("claims", index, "cite"), meta, path, problems),
        path=path, line=meta.line_of(("claims", index)) or 1, statement_line=meta.line_of(("claims", index, "statement")),
    )


def _event(fields, index: int, meta: LoadedYaml, path: str, problems: Problems) -> Event:
    measure = fields.measure
    if fields.status and not measure:
        problems.add(path, meta.line_of(("events", index, "status")), "an event with a 'status' needs 'measure:' naming the measure's entity id")
    entities = list(fields.entities)
    if measure and measure not in entities:
        entities.append(measure)
    return Event(
        date=PartialDate.from_iso(fields.date), title=fields.title,
        citations=_cite(fields.cite, ("events", index, "cite"), meta, path, problems),
        path=path, line=meta.line_of(("events", index)) or 1, entities=entities, topics=list(fields.topics),
        status=fields.status, measure=measure, title_line=meta.line_of(("events", index, "title")),
    )


def body_blocks(body: str, first_line: int, path: str, problems: Problems) -> list[BriefingBlock]:
    """Splits a Markdown body into blocks at blank lines, keeping fenced code whole.

    HTML comments (``<!-- ... -->``, like the note ``briefing new`` writes) are authors' notes: Markdown
    never shows them, so they are removed here, wherever they are outside code, and whatever they hold
    (a citation mark in a comment is no citation). A line that held only a comment ends its block like a
    blank line, unless the comment was opened after the text of a paragraph, list or quote: then its lines
    are left out and the block goes on after it (``BriefingBlock.line_numbers`` keeps each remaining line's
    file line). A comment opened and never closed is reported on the line that opens it."""
    blocks: list[BriefingBlock] = []
    current: list[str] = []
    numbers: list[int] = []  # the file line of each line in ``current``
    in_fence = False
    comment_opened: int | None = None  # the line of a comment not yet closed
    opened_in_prose = False  # that comment follows text of a paragraph, list or quote (it interrupts it)
    for offset, line in enumerate(body.split("\n")):
        number = first_line + offset
        fence = comment_opened is None and _FENCE.match(line) is not None
        if fence or in_fence:
            in_fence ^= fence
        else:
            inside_prose_comment = comment_opened is not None and opened_in_prose and bool(current)
            original = line
            line, comment_opened = _outside_comments(line, comment_opened, number)
            if comment_opened == number:
                opened_in_prose = inside_prose_comment or (
                    bool(line.strip()) and _block_kind("\n".join([*current, line])) in PROSE_BLOCK_KINDS)
            if not line.strip():
                if original.strip() and inside_prose_comment:
                    continue  # a line of a comment opened mid-paragraph: the paragraph goes on
                _flush(current, numbers, path, problems, blocks)
                continue
        current.append(line)
        numbers.append(number)
    if comment_opened is not None:
        problems.add(path, comment_opened, "this comment ('<!--') is never closed; end it with '-->' or delete it")
    _flush(current, numbers, path, problems, blocks)
    return blocks


def _outside_comments(line: str, opened: int | None, number: int) -> tuple[str, int | None]:
    """``line`` without its comments, and the line of a comment still open after it (``opened``: one was
    open before it). Comment delimiters inside code spans are text."""
    hidden = CODE_SPAN.sub(lambda code: " " * len(code.group()), line)
    kept: list[str] = []
    position = 0
    while True:
        if opened is None:
            found = hidden.find("<!--", position)
            if found < 0:
                kept.append(line[position:])
                return "".join(kept), None
            kept.append(line[position:found])
            opened, position = number, found + 4
        found = hidden.find("-->", position)
        if found < 0:
            return "".join(kept), opened
        opened, position = None, found + 3


def _flush(lines: list[str], numbers: list[int], path: str, problems: Problems, blocks: list[BriefingBlock]) -> None:
    if not lines:
        return
    end = _heading_end(lines)
    if end is not None:
        # Markdown ends a heading with its line ('### X'; 'X' over '---'), and a '#' line ends a paragraph:
        # the lines after it are a block of their own, which must cite its sources like any other
        head, head_numbers, rest, rest_numbers = lines[:end], numbers[:end], lines[end:], numbers[end:]
        lines.clear()
        numbers.clear()
        _flush(head, head_numbers, path, problems, blocks)
        _flush(rest, rest_numbers, path, problems, blocks)
        return
    text = "\n".join(lines)
    start = numbers[0]
    line_numbers = () if numbers[-1] - start == len(numbers) - 1 else tuple(numbers)
    lines.clear()
    numbers.clear()
    kind = _block_kind(text)
    if _INDENTED_CODE.match(text) and kind != "other" and not _continues_a_list(blocks):
        problems.add(path, start, "this text is indented four spaces or a tab, so Markdown shows it as code; "
                                  "remove the indentation (for code, use a fenced block between ``` lines)")
    marks: tuple[CitationMark, ...] = ()
    if kind != "other":  # code blocks, rules and reference definitions hold no citations
        errors: list[tuple[int, str]] = []
        marks = find_citation_marks(text, path, start, errors, line_numbers)
        for line, message in errors:
            problems.add(path, line, message)
    blocks.append(BriefingBlock(text=text, line=start, kind=kind, marks=marks, line_numbers=line_numbers))


_INDENTED_CODE = re.compile(r"^(?: {4}|\t)")
_HEADING_MARKS = re.compile(r"^\s{0,3}(#{1,6})")
_SETEXT_UNDERLINE = re.compile(r"^ {0,3}(=+|-+)\s*$")


def _heading_end(lines: list[str]) -> int | None:
    """Where a block of several lines splits as Markdown reads it: after a '#' heading or a setext heading
    (a line over '===' or '---'), or before a '#' line inside a paragraph; None when it does not."""
    if len(lines) < 2:
        return None
    if _block_kind(lines[0]) == "heading":
        return 1
    if _SETEXT_UNDERLINE.match(lines[1]) and _block_kind(lines[0]) == "paragraph":
        return 2 if len(lines) > 2 else None
    if _block_kind(lines[0]) == "paragraph":
        return next((i for i in range(1, len(lines)) if _HEADING_MARKS.match(lines[i])), None)
    return None


def heading_level(block: BriefingBlock) -> int | None:
    """The level of a heading block: its '#'s, or 1 for a line over '===' and 2 for one over '---'."""
    if block.kind != "heading":
        return None
    lines = block.text.split("\n")
    if len(lines) == 2 and (underline := _SETEXT_UNDERLINE.match(lines[1])) is not None:
        return 1 if underline.group(1)[0] == "=" else 2
    marks = _HEADING_MARKS.match(block.text)
    return len(marks.group(1)) if marks else None
BODY_HEADING_LEVEL = 2  # the page shows the body under its own '## The briefing'


def check_heading_levels(blocks: list[BriefingBlock], path: str, problems: Problems) -> None:
    """Headings form the page's outline (its table of contents, and what screen readers jump between): the
    page's title is its only level-1 heading, the page's own sections its level-2 ones, and each heading
    goes at most one level deeper than the one before it."""
    previous: int | None = None  # the level of the body's last heading
    for block in blocks:
        level = heading_level(block)
        if level is None:
            continue
        if level == 1:
            problems.add(path, block.line, "a level-1 heading ('# ') is the page's title, which the front matter's "
                                           "'title:' gives; start the body's headings at '### '")
            level = BODY_HEADING_LEVEL + 1
        elif level == BODY_HEADING_LEVEL:
            problems.add(path, block.line, "a level-2 heading ('## ') would stand beside the page's own sections "
                                           "('The briefing', 'Who said what', 'Sources'); start the body's headings "
                                           "at '### '")
            level = BODY_HEADING_LEVEL + 1
        elif previous is None and level > BODY_HEADING_LEVEL + 1:
            problems.add(path, block.line, f"the body's first heading is level {level}, but the page shows the body "
                                           f"under its own level-2 'The briefing'; start at '### '")
        elif previous is not None and level > previous + 1:
            problems.add(path, block.line, f"this heading skips from level {previous} to level {level}; go one level "
                                           f"deeper at a time (write '{'#' * (previous + 1)} ')")
        previous = level


def _continues_a_list(blocks: list[BriefingBlock]) -> bool:
    """Whether an indented block here goes on with a list item (the blocks above it, back to a list, are
    all indented)."""
    for block in reversed(blocks):
        if block.kind == "list":
            return True
        if not _INDENTED_CODE.match(block.text):
            return False
    return False


# A label holds no bracket (as Python-Markdown reads it) and is no citation: "[@a:1]: ..." is prose.
_REFERENCE_DEFINITION = re.compile(r"^\s{0,3}\[(?!@)[^\[\]]+\]:\s*\S")




def _block_kind(text: str) -> str:
    if all(_REFERENCE_DEFINITION.match(line) for line in text.split("\n") if line.strip()):
        return "other"  # link reference definitions: no prose to cite
    first = text.lstrip()
    if first.startswith("#"):
        return "heading"
    lines = text.split("\n")
    if len(lines) == 2 and lines[0].strip() and _SETEXT_UNDERLINE.match(lines[1]) and not lines[0].lstrip().startswith(
            ("|", ">", "-", "*", "+", "```", "~~~")) and not re.match(r"^\s*\d+[.)]\s", lines[0]):
        return "heading"  # "The context" over "-----------"
    if first.startswith("|"):
        return "table"
    if _FENCE.match(first) or first.startswith(("---", "***")):
        return "other"
    if first.startswith(">"):
        return "quote"
    if re.match(r"^([-*+]|\d+[.)])\s", first):
        return "list"
    return "paragraph"
