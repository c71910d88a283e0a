"""The links contributors write in briefings and static pages, checked against the pages the site has.

MkDocs' strict build stops at a link to a page that does not exist, but it names the generated copy of
the file and no line, so CI can point at nothing in the pull request. Here such a link is reported at
its line in the file the contributor wrote, with the way the site's pages are linked. Links to other
sites, anchors on the same page and links inside code are left alone; the anchor of a link to another
page is still checked by MkDocs (which names it).
"""
from __future__ import annotations

import difflib
import posixpath
import re
from collections.abc import Collection
from urllib.parse import unquote

from build_tools.emit import paths
from build_tools.errors import Problems
from build_tools.index.site import SiteIndex
from build_tools.parse.citations import CODE_SPAN

# [text](target "title") and ![alt](target); the text may hold one level of brackets
_LINK = re.compile(r"!?\[(?:[^\[\]]|\[[^\[\]]*\])*\]\(\s*<?(?P<target>[^()\s<>]+)>?(?:\s+(?:\"[^\"]*\"|'[^']*'))?\s*\)")
_FENCE = re.compile(r"^ {0,3}(```|~~~)", re.MULTILINE)
_SCHEME = re.compile(r"^[A-Za-z][A-Za-z0-9+.-]*:")


def check_written_links(index: SiteIndex, files: Collection[str]) -> Problems:
    """A problem for each link in a briefing's body or a static page that leads to no file of ``files``
    (the generated tree's paths)."""
    problems = Problems()
    known = set(files)
    for briefing in index.briefings.values():
        page = paths.briefing(briefing.id)
        for block in briefing.blocks:
            _check_text(block.text, block.line, page, briefing.path, known, problems)
    for static in index.pages:
        _check_text(static.text, 1, paths.static_page(static.name), static.path, known, problems)
    return problems


def _check_text(text: str, first_line: int, page: str, path: str, known: set[str], problems: Problems) -> None:
    if _FENCE.search(text):
        text = _without_fenced_code(text)
    text = CODE_SPAN.sub(lambda span: " " * len(span.group()), text)  # as citation marks in code are not read
    for link in _LINK.finditer(text):
        message = link_problem(link.group("target"), page, known)
        if message is not None:
            problems.add(path, first_line + text.count("\n", 0, link.start()), message)


def link_problem(target: str, page: str, known: set[str]) -> str | None:
    """What is wrong with a link to ``target`` written on ``page`` (a generated path), or None."""
    if _SCHEME.match(target) or target.startswith(("#", "//")):
        return None
    if target.startswith("/"):
        return f"the link '{target}' starts with '/', which does not work for a site published in a folder; {how_to_link(page)}"
    written = unquote(target.split("#", 1)[0].split("?", 1)[0])
    resolved = posixpath.normpath(posixpath.join(posixpath.dirname(page), written))
    if resolved in known:
        return None
    addressed = next((file for file in (resolved + ".md", posixpath.join(resolved, "index.md")) if file in known), None)
    if addressed is not None:  # "imf-review-macro-context" or "../briefings/": a page's address, not its file
        meant = posixpath.relpath(addressed, posixpath.dirname(page) or ".")
        return f"the link '{target}' names a page's address; write the page's file instead: '{meant}'"
    near = _nearest(resolved, known)
    if near is not None:
        return f"the link '{target}' leads to no page or file of the site; did you mean " \
               f"'{posixpath.relpath(near, posixpath.dirname(page) or '.')}'?"
    return f"the link '{target}' leads to no page or file of the site; {how_to_link(page)}"


def how_to_link(page: str) -> str:
    """How ``page`` links the site's pages: by their files, relative to it."""
    def written(example: str) -> str:
        return posixpath.relpath(example, posixpath.dirname(page) or ".")
    return (f"link a page of this site by its file, relative to this page: a briefing as "
            f"'{written(paths.briefing('ID'))}', a source as '{written(paths.source('ID'))}', an entity as "
            f"'{written(paths.entity('ID'))}'")


def _nearest(resolved: str, known: set[str]) -> str | None:
    """The file of the same folder whose name is closest to the one written ("imf-review.md" ->
    "imf-review-macro-context.md"), if one is close."""
    folder, name = posixpath.split(resolved)
    names = sorted(posixpath.basename(path) for path in known if posixpath.dirname(path) == folder)
    stem = name.removesuffix(".md")
    close = difflib.get_close_matches(name, names, n=1, cutoff=0.75)
    if close:
        return posixpath.join(folder, close[0])
    started = [other for other in names if len(stem) >= 4 and other.startswith(stem)]
    return posixpath.join(folder, started[0]) if len(started) == 1 else None


def _without_fenced_code(text: str) -> str:
    """``text`` with the lines of fenced code blocks blanked (their line count kept)."""
    lines = text.split("\n")
    fence: str | None = None
    for number, line in enumerate(lines):
        opening = _FENCE.match(line)
        if fence is None and opening:
            fence = opening.group(1)
            lines[number] = ""
        elif fence is not None:
            if line.strip().startswith(fence):
                fence = None
            lines[number] = ""
    return "\n".join(lines)
