"""Cited paragraphs against their pins (``content/pinned-paragraphs.yml``).

A citation names a paragraph by its number. In a ``.txt`` page dump or a saved ``.html`` page the numbers
come from how the parser splits the file, so a better parser (or a source file saved again) can renumber
them, and every citation after the change would point at other text without any check failing. A pin
keeps, for each file that cites and each paragraph it cites, a digest of the text the paragraph had when
it was pinned. Each cited paragraph is then one of:

- *pinned*: its text is the pinned text;
- *renumbered*: its text is one the same file pinned under another number: the citations were moved to
  new numbers after the source's paragraphs moved, or the paragraphs moved under citations left as they
  were (two paragraphs read the other way round): which, only a person can tell;
- *moved*: the text pinned for this number is now at another number (cite that one instead);
- *changed*: the text pinned for this number is nowhere in the source any more;
- *new*: nothing is pinned for it yet.

Renumbered, moved and changed paragraphs stop the build; ``briefing pin`` pins them only with
``--accept``, so nothing moves a citation to other text unless a person says the citation is right.
"""
from __future__ import annotations

import hashlib
from collections import defaultdict
from dataclasses import dataclass, field
from typing import Iterable, Iterator, Literal

from build_tools.errors import Problems
from build_tools.model import Article, Briefing, Citation, FigureGroup, PinnedParagraph
from build_tools.parse.pins import PINS_FILE, pin_line

# "check": a pinned paragraph must still have its text; "require": every cited paragraph must also be
# pinned, and every pin still cited (`briefing check --require-pins`, run by CI); "ignore": neither
# (`briefing pin` classifies the paragraphs itself).
PinRule = Literal["check", "require", "ignore"]
PinState = Literal["pinned", "renumbered", "moved", "changed", "new"]
PinKey = tuple[str, str, int]  # (citing file, source id, paragraph)
OPENING_WORDS = 8
MAX_OPENING_CHARACTERS = 80
DIGEST_LENGTH = 12
PINS_PATH = f"content/{PINS_FILE}"


def paragraph_digest(text: str) -> str:
    """The digest of a paragraph's words: a change of spacing or line breaks alone does not change it."""
    return hashlib.sha256(" ".join(text.split()).encode("utf-8")).hexdigest()[:DIGEST_LENGTH]


def opening_words(text: str) -> str:
    words = text.split()
    opening = " ".join(words[:OPENING_WORDS]).lstrip("\"'“‘«")
    if len(opening) > MAX_OPENING_CHARACTERS:  # a script without spaces, or one very long token
        return opening[:MAX_OPENING_CHARACTERS] + "…"
    return opening + ("…" if len(words) > OPENING_WORDS else "")


def all_citations(briefings: Iterable[Briefing], figure_groups: dict[str, FigureGroup]) -> Iterator[Citation]:
    """Every citation of the briefings (body, claims, events) and of the curated figures, in file order."""
    for briefing in briefings:
        yield from briefing.citations()
    for group in figure_groups.values():
        for item in group.items:
            yield item.citation


@dataclass(frozen=True)
class CitedParagraph:
    """One paragraph one citation cites, and how it stands against the pins."""

    citation: Citation
    number: int
    state: PinState
    digest: str | None              # of its text now (None: the number is past the source's end)
    source: Article | None = field(compare=False, repr=False)  # the source whose paragraph it is (None: past the end)
    pin: PinnedParagraph | None     # the pin of this number
    moved_to: tuple[int, ...] = ()  # moved (and renumbered): where the text pinned for this number is now
    pinned_as: PinnedParagraph | None = None  # renumbered: the file's pin of the text it cites now
    all_pinned_cited: bool = False  # renumbered: the file cites every text it pinned for the source (moved on purpose?)

    @property
    def text(self) -> str | None:
        """Its text now (read only when asked: a build whose pins all hold never reads it)."""
        if self.source is None or self.digest is None:
            return None
        return self.source.paragraphs[self.number - 1].text

    @property
    def key(self) -> PinKey:
        return self.citation.path, self.citation.source_id, self.number

    @property
    def now(self) -> PinnedParagraph | None:
        """What `briefing pin` writes for it (its first words are found only when asked: most builds never do)."""
        if self.digest is None or self.text is None:
            return None
        return PinnedParagraph(self.citation.path, self.citation.source_id, self.number, self.digest,
                               opening_words(self.text), PINS_PATH, 0)


@dataclass
class ParagraphDigests:
    """The digests of cited paragraphs, by what their source was made from (:attr:`Article.made_from`,
    which with the code decides its paragraphs) and their number. Kept between builds in the per-file
    cache, so that checking the pins of unchanged sources reads none of their paragraphs back."""

    known: dict[str, str] = field(default_factory=dict)  # "made_from NUL number" -> digest, from the last build
    used: dict[str, str] = field(default_factory=dict)   # those this build looked up or made

    @classmethod
    def from_plain(cls, plain: object) -> "ParagraphDigests":
        """The digests :attr:`used` held (as stored); none when ``plain`` is not such a mapping."""
        if isinstance(plain, dict) and all(isinstance(k, str) and isinstance(v, str) for k, v in plain.items()):
            return cls(plain)
        return cls()

    def of(self, article: Article, number: int) -> str:
        """The digest of paragraph ``number`` (which exists) of ``article``."""
        if not article.made_from:
            return paragraph_digest(article.paragraphs[number - 1].text)
        key = f"{article.made_from}\0{number}"
        digest = self.used.get(key) or self.known.get(key)
        if digest is None:
            digest = paragraph_digest(article.paragraphs[number - 1].text)
        self.used[key] = digest
        return digest

    def to_plain(self) -> dict[str, str]:
        return dict(sorted(self.used.items()))


def cited_paragraphs(briefings: Iterable[Briefing], figure_groups: dict[str, FigureGroup], articles: dict[str, Article],
                     pinned: dict[PinKey, PinnedParagraph], known: ParagraphDigests | None = None) -> list[CitedParagraph]:
    """Each paragraph of each citation whose source exists, classified against ``pinned``. ``known``: the
    digests of paragraphs cited in earlier builds, used and added to."""
    citations = list(all_citations(briefings, figure_groups))
    found_digests = known if known is not None else ParagraphDigests()
    digests: dict[tuple[str, int], str] = {}  # (source id, paragraph) -> digest, for cited paragraphs

    def digest_at(source_id: str, number: int) -> str:
        key = (source_id, number)
        if key not in digests:
            digests[key] = found_digests.of(articles[source_id], number)
        return digests[key]

    every_digest: dict[str, list[str]] = {}  # source id -> all its paragraphs' digests, made on a first mismatch

    def where(pin: PinnedParagraph | None, source_id: str) -> tuple[int, ...]:
        """Where the pinned text is in the source now."""
        if pin is None:
            return ()
        if source_id not in every_digest:
            every_digest[source_id] = [paragraph_digest(p.text) for p in articles[source_id].paragraphs]
        return tuple(n for n, digest in enumerate(every_digest[source_id], start=1) if digest == pin.digest)

    pinned_texts: dict[tuple[str, str], dict[str, PinnedParagraph]] = defaultdict(dict)
    for pin in pinned.values():
        pinned_texts[(pin.cited_in, pin.source_id)].setdefault(pin.digest, pin)
    cited_texts: dict[tuple[str, str], set[str]] = defaultdict(set)
    for citation in citations:
        if citation.source_id in articles:
            count = len(articles[citation.source_id].paragraphs)
            cited_texts[(citation.path, citation.source_id)].update(
                digest_at(citation.source_id, n) for n in citation.paragraphs if 1 <= n <= count)
    found = []
    for citation in citations:
        if citation.source_id not in articles:
            continue  # reported by the citation check
        article = articles[citation.source_id]
        file_source = (citation.path, citation.source_id)
        for number in citation.paragraphs:
            pin = pinned.get((citation.path, citation.source_id, number))
            if number > len(article.paragraphs):  # past the end: reported by the citation check, and here if it moved
                moved_to = where(pin, citation.source_id)
                if moved_to:
                    found.append(CitedParagraph(citation, number, "moved", None, None, pin, moved_to))
                continue
            digest = digest_at(citation.source_id, number)
            if pin is not None and pin.digest == digest:
                found.append(CitedParagraph(citation, number, "pinned", digest, article, pin))
            elif digest in pinned_texts[file_source]:
                found.append(CitedParagraph(citation, number, "renumbered", digest, article, pin,
                                            where(pin, citation.source_id), pinned_texts[file_source][digest],
                                            set(pinned_texts[file_source]) <= cited_texts[file_source]))
            elif pin is not None:
                moved_to = where(pin, citation.source_id)
                found.append(CitedParagraph(citation, number, "moved" if moved_to else "changed", digest, article, pin,
                                            moved_to))
            else:
                found.append(CitedParagraph(citation, number, "new", digest, article, None))
    return found


DISPUTED: tuple[PinState, ...] = ("renumbered", "moved", "changed")


def check_pinned_paragraphs(briefings: Iterable[Briefing], figure_groups: dict[str, FigureGroup],
                            articles: dict[str, Article], pinned: dict[PinKey, PinnedParagraph],
                            problems: Problems, rule: PinRule = "check", *, every_file_read: bool = True,
                            known: ParagraphDigests | None = None) -> None:
    """``rule``: see :data:`PinRule`; "require" also reports pins no longer cited, at their line, when
    ``every_file_read`` (a briefing that could not be read cites nothing, but its pins are not stale).
    ``known``: digests of paragraphs from earlier builds (:class:`ParagraphDigests`)."""
    if rule == "ignore":
        return
    cited = cited_paragraphs(briefings, figure_groups, articles, pinned, known)
    unpinned_reported: set[PinKey] = set()  # the line to add is given once, at the first citation
    for paragraph in cited:
        if paragraph.state == "new" and (rule != "require" or paragraph.key in unpinned_reported):
            continue
        if paragraph.state in (*DISPUTED, "new"):
            unpinned_reported.add(paragraph.key)
            problems.add(paragraph.citation.path, paragraph.citation.line, pin_problem(paragraph))
    if rule == "require" and every_file_read:
        for pin in stale_pins(cited, pinned):
            problems.add(pin.path, pin.line, f"pins paragraph {pin.paragraph} of source '{pin.source_id}' for "
                                             f"{pin.cited_in}, which no longer cites it; run `briefing pin`, or delete this line")


def pin_problem(cited: CitedParagraph) -> str:
    """What is wrong with a renumbered, moved, changed or new paragraph, and how to put it right (with the
    line to write into the pins file: a contributor in GitHub's web editor cannot run `briefing pin`)."""
    number, source_id, pin, now = cited.number, cited.citation.source_id, cited.pin, cited.now
    said = f"cites paragraph {number} of source '{source_id}'"
    edit = ""  # what to write into the pins file (none for a number past the source's end)
    if now is not None:
        edit = (f"add this line to {PINS_PATH}: {pin_line(now)}" if pin is None
                else f"replace line {pin.line} of {PINS_PATH} with: {pin_line(now)}")
    if cited.state == "new":
        return f"{said}, which is not pinned; run `briefing pin`, or {edit}"
    moved_to = " or ".join(str(n) for n in cited.moved_to)
    if cited.state == "renumbered":
        assert cited.pinned_as is not None
        was = (f", while the text pinned for paragraph {number} (“{pin.starts}”) is now paragraph {moved_to}"
               if pin is not None and moved_to else "")
        holds = f"{said}, which holds the text this file pinned as paragraph {cited.pinned_as.paragraph} (“{cited.pinned_as.starts}”){was}."
        fix = f"cite {moved_to} instead of {number}" if was else "cite the paragraph meant"
        accept = f"run `briefing pin --accept`, or {edit}"
        if cited.all_pinned_cited:  # every text the file pinned is cited again: likely moved on purpose
            return (f"{holds} If you moved the citations to the source's new numbers, {accept}; if not (two "
                    f"paragraphs now read the other way round), {fix}")
        return (f"{holds} The source's paragraphs moved under the citation: {fix} (then `briefing pin --accept`); "
                f"if paragraph {number} is the one meant, {accept}")
    assert pin is not None
    accept = f"; if paragraph {number} is the one meant, run `briefing pin --accept`, or {edit}" if now is not None else ""
    if cited.state == "moved":
        return (f"{said}, but the text pinned for it (“{pin.starts}”) is now paragraph {moved_to}: the source file, "
                f"or the way it is read, changed. Cite {moved_to} instead of {number} here (then run `briefing pin "
                f"--accept`){accept}")
    assert now is not None
    began = (f"its first words are unchanged (“{pin.starts}”): the change is further in" if pin.starts == now.starts
             else f"it began “{pin.starts}” and now begins “{now.starts}”")
    return (f"{said}, whose text changed since it was pinned: {began}. Check that the citation still fits, then run "
            f"`briefing pin --accept`, or {edit}")


def current_pins(cited: list[CitedParagraph]) -> list[PinnedParagraph]:
    """A pin of every paragraph cited now, with the text it has now, by citing file, source and paragraph."""
    pins = {c.key: c for c in cited if c.digest is not None}
    return [pins[key].now for key in sorted(pins)]  # type: ignore[misc]


def stale_pins(cited: list[CitedParagraph], pinned: dict[PinKey, PinnedParagraph]) -> list[PinnedParagraph]:
    """The pins of paragraphs their file no longer cites."""
    still_cited = {c.key for c in cited}
    return [pin for key, pin in sorted(pinned.items()) if key not in still_cited]
