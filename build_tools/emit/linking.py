"""Entity links on the first mention per page, and abbreviation tooltips on every page."""
from __future__ import annotations

import re
from typing import Callable, Iterable

from build_tools.emit import paths
from build_tools.emit.markdown import escape, link, relative, unsearched_section
from build_tools.emit.page_memo import PageMemo, Section, inputs_digest
from build_tools.emit.writer import FileBytes
from build_tools.index.entities import PageKind
from build_tools.index.mentions import Mention
from build_tools.index.site import SiteIndex


def named_entities_section(heading: str, kind: PageKind, page_id: str, page: str, index: SiteIndex) -> str:
    """Links to every entity a page names, grouped by type then name."""
    ids = index.mentions.entities_on_page.get((kind, page_id), [])
    if not ids:
        return ""
    entities = sorted((index.registry.entities[i] for i in ids), key=lambda e: (e.type, e.name.lower()))
    return unsearched_section(heading, " · ".join(link(escape(e.name), page, paths.entity(e.id)) for e in entities))


def _link_first_mentions(text: str, mentions: list[Mention], linked: set[str],
                         plain: Callable[[str], str], linked_text: Callable[[str, str], str]) -> str:
    """Rebuilds ``text`` with the page's first mention of each entity passed through ``linked_text``."""
    out: list[str] = []
    last = 0
    for mention in mentions:
        if mention.entity_id in linked:
            continue
        linked.add(mention.entity_id)
        out.append(plain(text[last:mention.start]))
        out.append(linked_text(text[mention.start:mention.end], mention.entity_id))
        last = mention.end
    out.append(plain(text[last:]))
    return "".join(out)


def link_mentions_in_plain_text(text: str, mentions: list[Mention], linked: set[str], from_page: str) -> str:
    """Escapes source text; wraps the page's first mention of each entity in a link to its page."""
    return _link_first_mentions(text, mentions, linked, escape_fragment,
                                lambda words, entity_id: link(escape_fragment(words), from_page, paths.entity(entity_id)))


def escape_fragment(text: str) -> str:
    """Like escape(), but keeps the fragment's edge spaces so fragments join back into one sentence."""
    if not text:
        return ""
    lead = " " if text[0].isspace() else ""
    tail = " " if text[-1].isspace() and text.strip() else ""
    body = escape(text) if text.strip() else ""
    return lead + body + tail


def link_mentions_in_markdown(text: str, mentions: list[Mention], linked: set[str], from_page: str) -> str:
    """Inserts links into contributor Markdown. Mentions were found with protected spans blanked,
    so none falls inside code, an existing link or a citation mark."""
    return _link_first_mentions(text, mentions, linked, lambda words: words,
                                lambda words, entity_id: f"[{words}]({relative(from_page, paths.entity(entity_id))})")


class AbbreviationDefinitions:
    """Appends ``*[ABBR]: expansion`` for the abbreviations a page uses (found in one regex pass)."""

    def __init__(self, glossary: dict[str, str]):
        self.glossary = glossary
        terms = sorted(glossary, key=len, reverse=True)
        # A term with a line break could run across the edge of a piece scanned apart (append_pieces).
        self.single_line = not any("\n" in term for term in terms)
        # The lookahead on the terms' first characters comes first: most positions fail it at once,
        # before the lookbehind and the alternation are tried (2.5x faster on a whole page).
        first_characters = "".join(sorted({re.escape(t[0]) for t in terms}))
        self.pattern = re.compile(
            rf"(?=[{first_characters}])(?<![\w@])(" + "|".join(re.escape(t) for t in terms) + r")(?![\w@])"
        ) if terms else None

    def used_in(self, text: str) -> list[str]:
        if self.pattern is None:
            return []
        return sorted(set(self.pattern.findall(text)))

    def definitions(self, text: str) -> str:
        """The definitions of the abbreviations ``text`` uses, one per line; empty when it uses none."""
        return self._definitions_of(self.used_in(text))

    def _definitions_of(self, terms: Iterable[str]) -> str:
        return "\n".join(f"*[{abbr}]: {' '.join(self.glossary[abbr].split())}" for abbr in sorted(terms))

    def append(self, text: str, definitions: str | None = None) -> str:
        """``text`` with the definitions it needs (``definitions``, when already known) at its end."""
        definitions = self.definitions(text) if definitions is None else definitions
        return text.rstrip("\n") + "\n\n" + definitions + "\n" if definitions else text

    def append_pieces(self, pieces: Iterable[str | Section]) -> bytes:
        """The page the pieces make, encoded, with the definitions it needs, scanning only the pieces not
        scanned already. A scanned piece is taken as found only when it is whole lines (it follows a line
        break and ends with one): no term then runs across its edges, and what a term's edges are next to
        reads alike with the piece in place or left out, so the result is that of scanning the page."""
        encoded: list[bytes] = []
        scanned: list[str] = []  # the page without the pieces found already
        found: set[str] = set()
        for piece in pieces:
            at_line_start = not encoded or encoded[-1].endswith(b"\n")
            if isinstance(piece, Section):
                data = piece.data
                if self.single_line and at_line_start and data.endswith(b"\n"):
                    found.update(piece.found)
                else:
                    scanned.append(data.decode("utf-8"))
            else:
                data = piece.encode("utf-8")
                scanned.append(piece)
            if data:
                encoded.append(data)
        page = b"".join(encoded)
        if self.pattern is not None:
            found.update(self.pattern.findall("".join(scanned)))
        return self.append_encoded(page, self._definitions_of(found).encode("utf-8"))

    def memo_page(self, memo: PageMemo, path: str, pieces: list[str | Section]) -> FileBytes:
        """The page the pieces make, with its definitions, as a memo page whose inputs are its pieces (the
        text of those made on every build, the inputs of its memoized sections): taken from the memo
        (:meth:`PageMemo.page`) without joining or scanning it while they are as the last build's, and
        made from them when the writer needs its bytes."""
        inputs = inputs_digest([piece if isinstance(piece, str) else piece.inputs for piece in pieces])
        return memo.page(path, inputs, lambda: self.append_pieces(pieces), keep_bytes=False)

    @staticmethod
    def append_encoded(data: bytes, definitions: bytes) -> bytes:
        """:meth:`append` on a page and its definitions already encoded (UTF-8)."""
        return data.rstrip(b"\n") + b"\n\n" + definitions + b"\n" if definitions else data
