"""``content/pinned-paragraphs.yml``: the text each cited source paragraph had when it was pinned.

The file is written by ``briefing pin`` (``build_tools/ingest/pins.py``), one line per file citing a
paragraph and paragraph it cites::

    - {cited_in: briefings/vpn-regulation.md, source: arabnews-vpn-licensing, paragraph: 3, digest: 5f2a9c81d0e4, starts: The regulator began issuing…}

It is read like every hand-edited YAML file, since contributors merge it: every problem has a line.
"""
from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Annotated

import yaml
from pydantic import Field

from build_tools.errors import Problems, display_path
from build_tools.model import PinnedParagraph
from build_tools.model.frontmatter import Slug, Text, _Strict
from build_tools.parse.explain import validate_fields
from build_tools.parse.text_files import CONFLICT_MARKER, UnreadableFile, read_text_file
from build_tools.parse.yaml_lines import YamlSyntaxError, load_yaml

PINS_FILE = "pinned-paragraphs.yml"  # in content/
DIGEST_PATTERN = r"^[0-9a-f]{12}$"
REWRITE_HINT = ("or delete the file and run `briefing pin` to write it anew from the current citations (this pins "
                "whatever they cite now: first check the citations of sources whose files or parser changed)")


class PinnedParagraphFields(_Strict):
    cited_in: Text = Field(description="The citing file: briefings/NAME.md or content/registry/figures.yml.")
    source: Slug
    paragraph: int = Field(ge=1, description="The paragraph's number, as citations give it.")
    digest: Annotated[str, Field(pattern=DIGEST_PATTERN, description="Written by `briefing pin`; do not edit.")]
    starts: Text = Field(description="The paragraph's first words, for reading the file.")


@dataclass
class LoadedPins:
    pinned: dict[tuple[str, str, int], PinnedParagraph] = field(default_factory=dict)
    complete: bool = True  # False when a line or the whole file could not be read (reported)


def load_pinned_paragraphs(path: Path, problems: Problems) -> LoadedPins:
    """The pins in ``path`` by (citing file, source id, paragraph); none when the file does not exist."""
    if not path.is_file():
        return LoadedPins()
    shown = display_path(path)
    try:
        text = read_text_file(path)
    except UnreadableFile as exc:
        problems.add(shown, exc.line, exc.message)
        return LoadedPins(complete=False)
    conflict = CONFLICT_MARKER.search(text)
    if conflict:
        problems.add(shown, text.count("\n", 0, conflict.start()) + 1,
                     f"the file holds a merge-conflict marker; keep both sides' lines (remove the markers), {REWRITE_HINT}")
        return LoadedPins(complete=False)
    fast = _read_written_lines(text, shown)
    if fast is not None:
        return fast
    try:
        loaded = load_yaml(text)
    except YamlSyntaxError as exc:
        problems.add(shown, exc.line, f"{exc.message} ({REWRITE_HINT})")
        return LoadedPins(complete=False)
    if loaded.data is None:
        return LoadedPins()
    if not isinstance(loaded.data, list):
        problems.add(shown, 1, f"{PINS_FILE} must be a list of pinned paragraphs, one per line, each written as "
                               f"'- {{cited_in: ..., source: ..., paragraph: ..., digest: ..., starts: ...}}' ({REWRITE_HINT})")
        return LoadedPins(complete=False)
    pins = LoadedPins()
    for position in range(len(loaded.data)):
        fields = validate_fields(PinnedParagraphFields, loaded, shown, problems, "pinned paragraph", at=(position,),
                                 name_key="source")
        if not isinstance(fields, PinnedParagraphFields):
            pins.complete = False
            continue
        line = loaded.line_of((position,)) or 1
        key = (fields.cited_in, fields.source, fields.paragraph)
        if key in pins.pinned and _same(pins.pinned[key], fields.digest, fields.starts):
            continue  # the same line twice (both merged branches pinned it, or it was pasted twice): harmless
        if key in pins.pinned:
            problems.add(shown, line, f"paragraph {fields.paragraph} of source '{fields.source}' is pinned twice for "
                                      f"{fields.cited_in}, with another text than at line {pins.pinned[key].line}; keep "
                                      f"one line, and `briefing check` says whether it still matches")
            pins.complete = False
            continue
        pins.pinned[key] = PinnedParagraph(fields.cited_in, fields.source, fields.paragraph, fields.digest, fields.starts,
                                           shown, line)
    return pins


def pin_line(pin: PinnedParagraph) -> str:
    """The pin as one line of the file (the form ``briefing pin`` writes and a contributor can paste)."""
    entry = {"cited_in": pin.cited_in, "source": pin.source_id, "paragraph": pin.paragraph, "digest": pin.digest,
             "starts": pin.starts}
    return yaml.safe_dump([entry], default_flow_style=None, allow_unicode=True, sort_keys=False, width=1_000_000).rstrip("\n")


# One line as `briefing pin` writes it: a digest of digits only comes in quotes (else YAML reads a number), the
# first words plain or in single quotes ('' for a quote).
_WRITTEN_LINE = re.compile(r"- \{cited_in: (?P<cited_in>[\w./-]+), source: (?P<source>[a-z0-9][a-z0-9-]*), "
                           r"paragraph: (?P<paragraph>[1-9][0-9]*), digest: (?P<quote>'?)(?P<digest>[0-9a-f]{12})(?P=quote), "
                           r"starts: (?P<starts>'(?:[^']|'')+'|[^'\"\s{}\[\],&*!|>%@`#][^{}\[\],]*)\}")


def _read_written_lines(text: str, shown: str) -> LoadedPins | None:
    """The pins of a file whose every entry is a line as `briefing pin` writes it, read without the YAML
    loader (at 10,000 sources the file has over 5,000 lines, which took 0.4 s to load and validate);
    None when any line is written otherwise, so the loader reads it and words what is wrong."""
    pins = LoadedPins()
    for line_number, line in enumerate(text.split("\n"), start=1):
        if not line.strip() or line.startswith("#"):
            continue
        match = _WRITTEN_LINE.fullmatch(line.rstrip())
        if match is None:
            return None
        starts = match.group("starts")
        starts = starts[1:-1].replace("''", "'") if starts.startswith("'") else starts
        key = (match.group("cited_in"), match.group("source"), int(match.group("paragraph")))
        if not starts.strip() or (key in pins.pinned and not _same(pins.pinned[key], match.group("digest"), starts.strip())):
            return None  # reported by the loader
        pins.pinned.setdefault(key, PinnedParagraph(*key, match.group("digest"), starts.strip(), shown, line_number))
    return pins


def _same(pin: PinnedParagraph, digest: str, starts: str) -> bool:
    return pin.digest == digest and pin.starts == starts
