"""A Markdown extension that makes Python-Markdown's inline stage faster and leaves its HTML as it was.

Two changes, each giving byte for byte the HTML Python-Markdown makes without them:

1. **Patterns a document cannot match are skipped** (:class:`FasterInline`).
2. **Plain links are read with one expression** (:class:`PlainLinkProcessor`).

Python-Markdown tries every inline pattern (fourteen built in) on every run of text, and most of a
generated page's conversion is that loop: a source page's paragraph of 27 entity links is scanned for
images, reference links, autolinks, raw HTML and line breaks it never holds, and every link is parsed
twice, first as a reference link (there are no reference definitions) and then as a link.

Each built-in pattern needs certain characters to match at all (a link needs ``[``, an image ``![``,
raw HTML ``<``, an entity ``&``, a reference link a reference definition). Just before the inline
stage this extension gathers every run of text the stage will read (each element's text and tail after
block parsing) and removes, for this document only, the patterns whose characters appear in none of
them; they are put back as soon as the stage is done. A pattern that cannot match changes nothing, so
the HTML is byte for byte what it would have been; conversion of our generated pages is about a fifth
faster. Only the built-in patterns are known here, and only as Python-Markdown builds them (the class
*and* the expression must match the table below): a pattern an extension adds or replaces, or a future
version changes, is always run.

Python-Markdown reads a link's text and address a character at a time in Python, to allow nested
brackets, parentheses and titles. A source page holds dozens of links, none of them with any of those:
``[text](address)`` with no bracket in the text and no space, quote, bracket, parenthesis, angle bracket
or backslash in the address is read with one regular expression, into the element the built-in
processor would make; any other link goes to the built-in code (about a tenth of conversion time).
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Any
from xml.etree.ElementTree import Element

from markdown import Extension, Markdown
from markdown import inlinepatterns as patterns
from markdown.treeprocessors import Treeprocessor

# Python-Markdown's inline stage runs at priority 20; the text is gathered right before it, so that no
# other tree processor can change the text in between, and the skipped patterns put back right after.
SKIP_PRIORITY = 20.01
RESTORE_PRIORITY = 19.99


class PlainLinkProcessor(patterns.LinkInlineProcessor):
    """The built-in link processor, with a fast path for ``[text](address)`` links that have nothing to
    parse: what is after the ``[`` the pattern matched, up to the ``)``."""
    PLAIN_LINK = re.compile(r"([^\[\]]*)\]\(([^\s()'\"<>\[\]\\]*)\)")

    def handleMatch(self, m: re.Match[str], data: str) -> tuple[Element | None, int | None, int | None]:
        plain = self.PLAIN_LINK.match(data, m.end(0))
        if plain is None:
            return super().handleMatch(m, data)
        link = Element("a")
        link.text = plain.group(1)
        link.set("href", self.unescape(plain.group(2)).strip())
        return link, m.start(0), plain.end(0)


# (pattern class, its expression) -> every string the document's text must hold for it to match
NEEDED_TEXT: dict[tuple[type, str], tuple[str, ...]] = {
    (patterns.BacktickInlineProcessor, patterns.BACKTICK_RE): ("`",),
    (patterns.EscapeInlineProcessor, patterns.ESCAPE_RE): ("\\",),
    (patterns.ReferenceInlineProcessor, patterns.REFERENCE_RE): ("[",),
    (patterns.LinkInlineProcessor, patterns.LINK_RE): ("[",),
    (PlainLinkProcessor, patterns.LINK_RE): ("[",),
    (patterns.ImageInlineProcessor, patterns.IMAGE_LINK_RE): ("![",),
    (patterns.ImageReferenceInlineProcessor, patterns.IMAGE_REFERENCE_RE): ("![",),
    (patterns.ShortReferenceInlineProcessor, patterns.REFERENCE_RE): ("[",),
    (patterns.ShortImageReferenceInlineProcessor, patterns.IMAGE_REFERENCE_RE): ("![",),
    (patterns.AutolinkInlineProcessor, patterns.AUTOLINK_RE): ("<", "://"),
    (patterns.AutomailInlineProcessor, patterns.AUTOMAIL_RE): ("<", "@"),
    (patterns.SubstituteTagInlineProcessor, patterns.LINE_BREAK_RE): ("  \n",),
    (patterns.HtmlInlineProcessor, patterns.HTML_RE): ("<",),
    (patterns.HtmlInlineProcessor, patterns.ENTITY_RE): ("&",),
}

# These resolve ``[text][id]`` and ``[id]`` against the document's reference definitions, and change
# nothing when an id is not defined.
REFERENCE_PATTERNS = (
    patterns.ReferenceInlineProcessor,
    patterns.ShortReferenceInlineProcessor,
    patterns.ImageReferenceInlineProcessor,
    patterns.ShortImageReferenceInlineProcessor,
)


@dataclass(frozen=True)
class SkippedPattern:
    """A pattern taken out of the registry for one document, with what puts it back."""
    name: str
    priority: float
    pattern: Any


def can_match(pattern: Any, text: str, has_references: bool) -> bool:
    """False only when ``pattern`` is a built-in one that cannot match anywhere in ``text``."""
    needed = NEEDED_TEXT.get((type(pattern), getattr(pattern, "pattern", None)))
    if needed is None:
        return True
    if type(pattern) in REFERENCE_PATTERNS and not has_references:
        return False
    return all(part in text for part in needed)


def inline_text(root: Element) -> str:
    """Every run of text the inline stage reads (it only reads elements' text and tails)."""
    runs = []
    for element in root.iter():
        if element.text:
            runs.append(element.text)
        if element.tail:
            runs.append(element.tail)
    # a separator no pattern needs, so that no needed string is made by joining two runs
    return "\x00".join(runs)


def registered(registry: Any) -> dict[str, float]:
    """A Python-Markdown registry's names and their priorities (the registry has no public way to read
    a priority; ``_priority`` has held them since Python-Markdown 3.0)."""
    return {item.name: item.priority for item in registry._priority}


class FasterInline(Extension):
    """Registers the two tree processors around Python-Markdown's inline stage (priority 20), and the
    plain-link processor in place of the built-in link processor (only if that is still the built-in)."""

    def __init__(self, **kwargs: Any) -> None:
        super().__init__(**kwargs)
        self.skipped: list[SkippedPattern] = []
        self.md: Markdown | None = None

    def extendMarkdown(self, md: Markdown) -> None:
        self.md = md
        md.registerExtension(self)  # so that md.reset() puts back what a failed conversion left out
        md.treeprocessors.register(SkipUnmatchable(md, self), "skip_unmatchable_inline", SKIP_PRIORITY)
        md.treeprocessors.register(RestoreSkipped(md, self), "restore_skipped_inline", RESTORE_PRIORITY)
        link = md.inlinePatterns["link"] if "link" in md.inlinePatterns else None
        if type(link) is patterns.LinkInlineProcessor and link.pattern == patterns.LINK_RE:
            md.inlinePatterns.register(PlainLinkProcessor(patterns.LINK_RE, md), "link",
                                       registered(md.inlinePatterns)["link"])

    def skip(self, md: Markdown, text: str) -> None:
        self.restore(md)
        has_references = bool(md.references)
        for name, priority in registered(md.inlinePatterns).items():
            pattern = md.inlinePatterns[name]
            if not can_match(pattern, text, has_references):
                md.inlinePatterns.deregister(name)
                self.skipped.append(SkippedPattern(name, priority, pattern))

    def restore(self, md: Markdown) -> None:
        for skipped in self.skipped:
            md.inlinePatterns.register(skipped.pattern, skipped.name, skipped.priority)
        self.skipped = []

    def reset(self) -> None:
        if self.md is not None:
            self.restore(self.md)


class SkipUnmatchable(Treeprocessor):
    def __init__(self, md: Markdown, extension: FasterInline) -> None:
        super().__init__(md)
        self.extension = extension

    def run(self, root: Element) -> None:
        self.extension.skip(self.md, inline_text(root))


class RestoreSkipped(Treeprocessor):
    def __init__(self, md: Markdown, extension: FasterInline) -> None:
        super().__init__(md)
        self.extension = extension

    def run(self, root: Element) -> None:
        self.extension.restore(self.md)


def makeExtension(**kwargs: Any) -> FasterInline:  # noqa: N802 (the name Python-Markdown looks for)
    return FasterInline(**kwargs)
