"""The written forms hand-edited values must take: ids, dates, web addresses, abbreviations.

The models check values against these patterns, and ``parse/explain.py`` recognises a failed
pattern to say in plain words what was expected, so both import them from here.
"""
from __future__ import annotations

import re

# Ids that would take the address of a page or folder the generator makes itself (a listing's
# index.md and its page-2.md..., assets/, search/, tags/): no source, briefing, entity or topic may have one.
RESERVED_ID_PATTERN = r"^(index|page-\d+|assets|search|tags)$"


def is_reserved_id(value: str) -> bool:
    """Whether an id would take the address of a page or folder the generator makes itself."""
    return re.match(RESERVED_ID_PATTERN, value) is not None


# Ids in front matter and sidecars (sources, topics and entities they name); also briefing file names.
SLUG_PATTERN = r"^[a-z0-9](?:[a-z0-9-]{0,78}[a-z0-9])?$"
# Ids of registry entries (entities, topics): no double hyphens.
REGISTRY_ID_PATTERN = r"^[a-z0-9]+(?:-[a-z0-9]+)*$"
DATE_PATTERN = r"^\d{4}(-\d{2}(-\d{2})?)?$"
URL_PATTERN = r"^https?://\S+$"
LANGUAGE_PATTERN = r"^[a-z]{2,3}(-[A-Za-z0-9]+)?$"
# Abbreviations become Markdown abbreviation definitions (``*[PTA]: ...``) on every page that uses
# them, so they are limited to the characters real abbreviations have.
ABBREVIATION_PATTERN = r"^[A-Za-z0-9@&./+-]{1,20}$"

# Words that are never a name: a registered name, alias or abbreviation equal to one would be matched
# all over the text ("The", "A", "It"); name suggestions skip them too.
COMMON_WORDS = frozenset("""
a an the this that these those its it his her their our your my we they he she i you
in on at by for from with as of to into onto over under after before since during until about
and or but nor so yet if when while where whether because although though unless
also however meanwhile moreover besides furthermore therefore thus then still even only just
last next every each some many most all both several other such any no not more less
according despite including among between against within without across through per via
mr mrs ms dr prof sir madam
is are was were be been am us me him them do did has have had can
""".split())

# The units figures are read in (index/figures.py) and a curated figure group may be in, with their kind.
FIGURE_UNIT_KINDS: dict[str, str] = {
    "USD": "amount",
    "PKR": "amount",
    "EUR": "amount",
    "GBP": "amount",
    "percent": "percentage",
    "percentage points": "percentage",
    "MW": "quantity",
    "GW": "quantity",
    "Mbps": "quantity",
    "Gbps": "quantity",
    "Tbps": "quantity",
    "hours": "quantity",
    "days": "quantity",
    "weeks": "quantity",
    "months": "quantity",
    "years": "quantity",
    "count": "count",
    "people": "count",
}
