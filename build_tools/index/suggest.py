"""What a mistaken registry id most likely meant, for the "did you mean" of a reference check."""
from __future__ import annotations

import difflib
import re
from collections.abc import Iterable, Mapping


# difflib's similarity above which an id is offered as meant: a letter or two off ("ptaa", "vpn-regulations")
# passes; its default, 0.6, offered 'telecom' for 'elections' and 'ai-policy' for 'space-policy'.
CLOSE_ENOUGH = 0.8


def as_id(text: str) -> str:
    """A name spelt as an id: "International Monetary Fund" -> "international-monetary-fund"."""
    return re.sub(r"[^a-z0-9]+", "-", text.lower()).strip("-")


def likely_id(wanted: str, names_by_id: Mapping[str, Iterable[str]]) -> str | None:
    """The id whose name (or alias, abbreviation) ``wanted`` spells ("international-monetary-fund", "IMF"),
    else the closest id ("ptaa" for "pta"); None when none is close."""
    spelt = as_id(wanted)
    for known, names in names_by_id.items():
        if spelt in {as_id(name) for name in names if name}:
            return known
    close = difflib.get_close_matches(wanted, list(names_by_id), n=1, cutoff=CLOSE_ENOUGH)
    return close[0] if close else None
