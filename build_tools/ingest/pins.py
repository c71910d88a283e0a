"""``briefing pin``: (re)writes content/pinned-paragraphs.yml from the citations of a corpus that builds."""
from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from build_tools.emit.writer import atomic_write
from build_tools.errors import display_path
from build_tools.index.pins import current_pins
from build_tools.index.site import SiteIndex
from build_tools.model import PinnedParagraph
from build_tools.parse.pins import pin_line

HEADER = """\
# Pinned paragraphs: the text of every source paragraph that a briefing or content/registry/figures.yml
# cites, one line each, written by `briefing pin`. When a source file, or the way it is read, changes so
# that a cited paragraph's text moves or changes, the build stops at the citation instead of letting it
# point at other text. Do not edit the lines by hand: check the citations, then run `briefing pin`.
"""


@dataclass
class PinChanges:
    """What ``briefing pin`` changed, for its report."""

    pins: list[PinnedParagraph]
    added: list[PinnedParagraph] = field(default_factory=list)
    changed: list[tuple[PinnedParagraph, PinnedParagraph]] = field(default_factory=list)  # (before, now)
    dropped: list[PinnedParagraph] = field(default_factory=list)

    @property
    def any(self) -> bool:
        return bool(self.added or self.changed or self.dropped)


def pin_changes(index: SiteIndex, path: Path) -> PinChanges:
    first_line = HEADER.count("\n") + 1
    pins = current_pins(index.briefings.values(), index.registry.figure_groups, index.articles, display_path(path), first_line)
    changes = PinChanges(pins)
    now = {(pin.source_id, pin.paragraph): pin for pin in pins}
    for key, pin in now.items():
        before = index.pinned.get(key)
        if before is None:
            changes.added.append(pin)
        elif before.digest != pin.digest:
            changes.changed.append((before, pin))
    changes.dropped = [pin for key, pin in sorted(index.pinned.items()) if key not in now]
    return changes


def pins_text(pins: list[PinnedParagraph]) -> str:
    return HEADER + "".join(pin_line(pin) + "\n" for pin in pins)


def write_pins(path: Path, changes: PinChanges) -> None:
    """Writes the file whole (never half: a temporary file replaces it)."""
    atomic_write(path, pins_text(changes.pins).encode("utf-8"))
