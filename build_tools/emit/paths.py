"""Where each generated page lives, relative to the docs root. One place, so links agree."""
from __future__ import annotations

HOME = "index.md"
BRIEFINGS_DIR = "briefings/"
BRIEFINGS_INDEX = f"{BRIEFINGS_DIR}index.md"
SOURCES_INDEX = "sources/index.md"
SOURCES_ARCHIVE = "sources/archive/"
SOURCES_UNDATED = f"{SOURCES_ARCHIVE}undated/index.md"
TOPICS_INDEX = "topics/index.md"
ENTITIES_INDEX = "entities/index.md"
TIMELINE = "timeline.md"
TIMELINE_ARCHIVE = "timeline/"  # the archive by month: timeline/YEAR/MONTH/index.md
FIGURES = "figures.md"
FIGURES_ARCHIVE = "figures/"  # every source's figures by the month of its date: figures/YEAR/MONTH/index.md
GLOSSARY = "glossary.md"
FEED = "feed.xml"   # written by the render stage (build_tools/render/feed.py), at the site root
LISTING_PAGE_SIZE = 50


def briefing(briefing_id: str) -> str:
    return f"{BRIEFINGS_DIR}{briefing_id}.md"


def source(source_id: str) -> str:
    return f"sources/{source_id}.md"


def topic(topic_id: str) -> str:
    return f"topics/{topic_id}.md"


def entity(entity_id: str) -> str:
    return f"entities/{entity_id}.md"


def entity_year(entity_id: str, year: int | None) -> str:
    """The page listing the sources dated ``year`` (None: undated) that name the entity."""
    return f"entities/{entity_id}/{'undated' if year is None else f'{year:04d}'}.md"


def entity_month(entity_id: str, year: int, month: int) -> str:
    """The page listing the sources dated ``month`` of ``year`` that name the entity, when that year's
    sources are listed by month (:data:`build_tools.emit.entity_archive.YEAR_PAGE_LIMIT`)."""
    return f"entities/{entity_id}/{year:04d}/{month:02d}.md"


def static_page(name: str) -> str:
    return f"{name}.md"


def listing(first_page: str, number: int) -> str:
    """Page ``number`` (1-based) of a paginated listing whose first page is ``first_page``."""
    if number == 1:
        return first_page
    folder = first_page.rsplit("/", 1)[0]
    return f"{folder}/page-{number}.md"


# The pages a reader's search finds ("*": any name, "index" included): all but the archives by year and
# month and an entity's pages by year and month, whose every line leads to one of these.
SEARCHED_PAGES = (static_page("*"), briefing("*"), source("*"), entity("*"), topic("*"))


def paragraph_anchor(number: int) -> str:
    return f"p{number}"


# The kinds of a briefing's body blocks that carry an id, so a citation's or a mention's link lands on them
# (a heading has its own, from its words; code and the like cite nothing).
ANCHORED_BLOCK_KINDS = frozenset({"paragraph", "list", "quote", "table"})


def block_anchor(index: int) -> str:
    """The id of a briefing's body block (paragraph, list, quote, table) by its index."""
    return f"b{index + 1}"


def anchor_of_block(kind: str, index: int) -> str | None:
    """The id of a briefing's body block of this kind, if it has one."""
    return block_anchor(index) if kind in ANCHORED_BLOCK_KINDS else None


def claim_anchor(index: int) -> str:
    """The id of a claim's row in a briefing's "Who said what", by its index in the front matter."""
    return f"claim-{index + 1}"


def event_anchor(index: int) -> str:
    """The id of an event's row in a briefing's "Key dates", by its index in the front matter."""
    return f"event-{index + 1}"
