"""``briefing pin``: (re)writes content/pinned-paragraphs.yml from the citations of a corpus that builds."""
from __future__ import annotations

import os
from dataclasses import dataclass, field
from pathlib import Path

from build_tools.emit.writer import atomic_write
from build_tools.index.pins import DISPUTED, CitedParagraph, cited_paragraphs, current_pins, stale_pins
from build_tools.index.site import SiteIndex
from build_tools.model import PinnedParagraph
from build_tools.parse.pins import pin_line

HEADER = """\
# Pinned paragraphs: for each file that cites sources (briefings, content/registry/figures.yml), the
# text of every source paragraph it cites, one line each, written by `briefing pin`. When a source file,
# or the way it is read, changes so that a cited paragraph's text moves or changes, the build stops at
# the citation instead of letting it point at other text. Run `briefing pin` after changing citations;
# where you cannot, `briefing check --require-pins` (CI) gives each line to add, replace or delete.
"""


@dataclass
class PinChanges:
    """What ``briefing pin`` would write, and what it changes."""

    pins: list[PinnedParagraph]
    added: list[PinnedParagraph] = field(default_factory=list)
    dropped: list[PinnedParagraph] = field(default_factory=list)
    # renumbered, moved or changed text: pinned again only when accepted (one per paragraph of a citing file)
    disputed: list[CitedParagraph] = field(default_factory=list)
    # every citation of those paragraphs (a file may cite one on several lines; the build stops at each)
    disputed_citations: list[CitedParagraph] = field(default_factory=list)

    @property
    def any(self) -> bool:
        return bool(self.added or self.dropped or self.disputed)


def pin_changes(index: SiteIndex) -> PinChanges:
    cited = cited_paragraphs(index.briefings.values(), index.registry.figure_groups, index.articles, index.pinned)
    changes = PinChanges(current_pins(cited))
    counted = set()
    for paragraph in cited:
        if paragraph.state in DISPUTED:
            changes.disputed_citations.append(paragraph)
        if paragraph.key in counted:
            continue
        counted.add(paragraph.key)
        if paragraph.state == "new":
            changes.added.append(paragraph.now)  # type: ignore[arg-type]  # a new paragraph is in the source
        elif paragraph.state in DISPUTED:
            changes.disputed.append(paragraph)
    changes.dropped = stale_pins(cited, index.pinned)
    return changes


def pins_text(pins: list[PinnedParagraph]) -> str:
    return HEADER + "".join(pin_line(pin) + "\n" for pin in pins)


def write_pins(path: Path, changes: PinChanges) -> None:
    """Writes the file whole (never half: a temporary file replaces it), readable by all like the files
    around it."""
    atomic_write(path, pins_text(changes.pins).encode("utf-8"))
    os.chmod(path, 0o644)
