"""The citation syntax of briefings.

A citation names a source and, usually, the paragraphs it relies on::

    The regulator began issuing licences [@arabnews-vpn-licensing:1].
    Two sources agree [@a:3-4, 7; @b:2].
    Whole source, when no paragraph fits [@a].

Paragraph numbers are the ones shown on the source's page (1 is the first body paragraph).

This module is the one place marks are recognised. A ``[@...]`` inside a code span (backticks, on
one line) is not a mark: it is text, so a contributor can write about the syntax.
"""
from __future__ import annotations

import re
from typing import Iterator

from build_tools.model import Citation, CitationMark
from build_tools.model.forms import SLUG_PATTERN

__all__ = ["CITATION_MARK", "CODE_SPAN", "CitationMark", "CitationSyntaxError", "find_citation_marks",
           "mark_matches", "misformed_marks", "parse_citation_text"]

CITATION_MARK = re.compile(r"(?<!\\)\[@([^\[\]\n]*)\]")  # "\[@a:1]" is escaped: text, as Markdown shows it
CODE_SPAN = re.compile(r"`[^`\n]*`")
_ENTRY = re.compile(r"^@?([A-Za-z0-9][A-Za-z0-9._-]*)(?::\s*([0-9][0-9,\s\-–]*))?$")
_SLUG = re.compile(SLUG_PATTERN)  # a source id
_SOURCES_JOINED_BY_COMMA = re.compile(r"\s*,\s*@(?=[A-Za-z0-9])")  # "@a:2, @b:1"
MAX_PARAGRAPHS_PER_CITATION = 50
MAX_PARAGRAPH_NUMBER = 100_000


class CitationSyntaxError(ValueError):
    pass


def parse_citation_text(text: str, path: str, line: int) -> tuple[Citation, ...]:
    """Parses the inside of a mark (``@a:3-4, 7; @b:2``), or a front-matter ``cite:`` value."""
    inner = text.strip()
    if inner.startswith("[") and inner.endswith("]"):
        inner = inner[1:-1].strip()
    if not inner:
        raise CitationSyntaxError("the citation is empty; write it as [@source-id:paragraph]")
    citations = []
    for entry in inner.split(";"):
        entry = entry.strip()
        if not entry:
            raise CitationSyntaxError("the citation has a ';' with no source after it; remove it or name the source")
        match = _ENTRY.match(entry)
        if not match and _SOURCES_JOINED_BY_COMMA.search(entry):
            written = entry if entry.startswith("@") else f"@{entry}"  # a mark's text comes without its first '@'
            raise CitationSyntaxError(
                f"the citation '{written}' separates its sources with ','; separate them with ';': "
                f"'{_SOURCES_JOINED_BY_COMMA.sub('; @', written)}'"
            )
        if not match:
            raise CitationSyntaxError(
                f"the citation '{entry}' is not in the form @source-id:paragraph (e.g. @arabnews-vpn-licensing:3-4)"
            )
        source_id, numbers = match.group(1), match.group(2)
        if not _SLUG.match(source_id):
            raise CitationSyntaxError(
                f"'{source_id}' is not a source id; ids use only lower-case letters, digits and hyphens"
            )
        citations.append(Citation(source_id, _paragraph_numbers(numbers or "", source_id), path, line))
    return tuple(citations)


def _paragraph_numbers(text: str, source_id: str) -> tuple[int, ...]:
    numbers: list[int] = []
    for part in filter(None, (p.strip() for p in text.split(","))):
        bounds = [b.strip() for b in re.split(r"[-–]", part)]
        if len(bounds) > 2 or not all(b.isdigit() for b in bounds):
            raise CitationSyntaxError(f"'{part}' in the citation of '{source_id}' is not a paragraph number or range like 3-5")
        low, high = int(bounds[0]), int(bounds[-1])
        if low < 1:
            raise CitationSyntaxError(f"the citation of '{source_id}' names paragraph 0; paragraphs are numbered from 1")
        if high < low:
            raise CitationSyntaxError(f"the range {part} in the citation of '{source_id}' runs backwards; write {high}-{low}")
        if high > MAX_PARAGRAPH_NUMBER:
            numbers.append(high)  # no source is this long; reported against the source's length later
            continue
        if high - low + 1 + len(numbers) > MAX_PARAGRAPHS_PER_CITATION:
            raise CitationSyntaxError(
                f"the citation of '{source_id}' names more than {MAX_PARAGRAPHS_PER_CITATION} paragraphs; cite the ones you rely on"
            )
        numbers.extend(n for n in range(low, high + 1) if n not in numbers)
    return tuple(numbers)


def mark_matches(text: str) -> Iterator[re.Match[str]]:
    """Every ``[@...]`` written in ``text`` outside code spans, readable or not."""
    last = 0
    for code in CODE_SPAN.finditer(text):
        yield from CITATION_MARK.finditer(text, last, code.start())
        last = code.end()
    yield from CITATION_MARK.finditer(text, last)


# A mark's opening with no closing on its line ("[@a:1 and then [@a:4]")
_UNCLOSED_MARK = re.compile(r"(?<!\\)\[@(?![^\[\]\n]*\])")
# A mark inside a link's text ("[the report [@a:1]](https://...)"): Markdown shows the link, not the citation
_MARK_IN_LINK_TEXT = re.compile(r"\[[^\[\]\n]*\[@[^\[\]\n]*\][^\[\]\n]*\](?=[(\[])")
# A citation without its "@" ("[arabnews-vpn-licensing:2]"); an id has a letter, so "[22:30]" is none
_MARK_WITHOUT_AT = re.compile(r"\[(?!@)(?=[a-z0-9-]*[a-z])[a-z0-9][a-z0-9-]*[a-z0-9]:\s*[0-9][0-9,\s\-–]*\]")
# A citation in round brackets ("(@arabnews-vpn-licensing:1, 4-5)"); the paragraph numbers tell it from
# a social-media handle ("(@PTAofficial)")
_MARK_IN_ROUND_BRACKETS = re.compile(r"\(@[a-z0-9][a-z0-9-]*:\s*[0-9][^()\[\]\n]*\)")


def misformed_marks(text: str) -> list[re.Match[str]]:
    """Citations written without their '@' or in round brackets, outside code spans: a contributor's
    citation that Markdown would show as text."""
    outside_code = CODE_SPAN.sub(lambda code: " " * len(code.group()), text)  # same offsets, no code spans
    found = [*_MARK_WITHOUT_AT.finditer(outside_code), *_MARK_IN_ROUND_BRACKETS.finditer(outside_code)]
    return sorted(found, key=lambda m: m.start())


def find_citation_marks(text: str, path: str, first_line: int, errors: list[tuple[int, str]],
                        line_numbers: tuple[int, ...] = ()) -> tuple[CitationMark, ...]:
    """The citation marks of ``text`` (which starts on file line ``first_line``, or whose lines are on the
    file lines ``line_numbers``); bad ones go to ``errors``, and so do marks not closed on their line, marks
    inside a link's text and citations written without "@" or in round brackets."""
    def line_of(offset: int) -> int:
        index = text.count("\n", 0, offset)
        return line_numbers[index] if line_numbers else first_line + index

    outside_code = CODE_SPAN.sub(lambda code: " " * len(code.group()), text)  # same offsets, no code spans
    for unclosed in _UNCLOSED_MARK.finditer(outside_code):
        errors.append((line_of(unclosed.start()), "a citation opened with '[@' is not closed with ']' on the same "
                                                  "line; close it, and keep a citation on one line"))
    for linked in _MARK_IN_LINK_TEXT.finditer(outside_code):
        errors.append((line_of(linked.start()), "a citation inside a link's text is shown as plain text, not as a "
                                                "citation; put it after the link"))
    for near in misformed_marks(text):
        if near.group().startswith("("):
            errors.append((line_of(near.start()), f"'{near.group()}' looks like a citation in round brackets; "
                                                  f"write [{near.group()[1:-1]}]"))
        else:
            errors.append((line_of(near.start()), f"'{near.group()}' looks like a citation without its '@'; "
                                                  f"write [@{near.group()[1:]}"))
    marks = []
    for match in mark_matches(text):
        line = line_of(match.start())
        try:
            citations = parse_citation_text(match.group(1), path, line)
        except CitationSyntaxError as exc:
            errors.append((line, str(exc)))
            continue
        marks.append(CitationMark(match.start(), match.end(), citations))
    return tuple(marks)
