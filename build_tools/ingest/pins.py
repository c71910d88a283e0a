"""``briefing pin``: (re)writes content/pinned-paragraphs.yml from the citations of a corpus that builds."""
from __future__ import annotations

import os
from dataclasses import dataclass, field
from pathlib import Path

from build_tools.emit.writer import atomic_write
from build_tools.index.pins import CitedParagraph, cited_paragraphs, current_pins
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
    renumbered: list[PinnedParagraph] = field(default_factory=list)
    dropped: list[PinnedParagraph] = field(default_factory=list)
    # moved or changed text: pinned again only when accepted
    disputed: list[CitedParagraph] = field(default_factory=list)

    @property
    def any(self) -> bool:
        return bool(self.added or self.renumbered or self.dropped or self.disputed)


def pin_changes(index: SiteIndex) -> PinChanges:
    cited = cited_paragraphs(index.briefings.values(), index.registry.figure_groups, index.articles, index.pinned)
    pins = current_pins(cited)
    changes = PinChanges(pins)
    keys = {(pin.cited_in, pin.source_id, pin.paragraph) for pin in pins}
    counted = set()
    for paragraph in cited:
        now = paragraph.now
        if now is None or (now.cited_in, now.source_id, now.paragraph) in counted:
            continue
        counted.add((now.cited_in, now.source_id, now.paragraph))
        if paragraph.state == "new":
            changes.added.append(now)
        elif paragraph.state == "renumbered":
            changes.renumbered.append(now)
        elif paragraph.state in ("moved", "changed"):
            changes.disputed.append(paragraph)
    changes.disputed += [p for p in cited if p.now is None]  # a pinned text moved past the source's end
    changes.dropped = [pin for key, pin in sorted(index.pinned.items()) if key not in keys]
    return changes


def pins_text(pins: list[PinnedParagraph]) -> str:
    return HEADER + "".join(pin_line(pin) + "\n" for pin in pins)


def write_pins(path: Path, changes: PinChanges) -> None:
    """Writes the file whole (never half: a temporary file replaces it), readable by all like the files
    around it."""
    atomic_write(path, pins_text(changes.pins).encode("utf-8"))
    os.chmod(path, 0o644)
