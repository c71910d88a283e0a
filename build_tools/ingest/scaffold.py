"""``briefing new "Title"``: the skeleton of a briefing, with every field explained.

The skeleton is deliberately incomplete: ``summary``, ``why_it_matters``, ``topics``, ``sources`` and
``key_points`` are empty and the body's one paragraph cites nothing, so ``briefing check`` (and CI)
points at each line to fill in until the briefing is finished.
"""
from __future__ import annotations

import datetime as dt
import os
import textwrap
from pathlib import Path

from build_tools.ingest.normalise import slugify, yaml_scalar
from build_tools.model.forms import is_reserved_id


class ScaffoldError(Exception):
    def __init__(self, where: str, message: str):
        self.where = where
        self.message = message
        super().__init__(f"{where}: {message}")


def today(environ: dict | None = None) -> dt.date:
    """The day from ``SOURCE_DATE_EPOCH`` if set (reproducible builds), else today in UTC."""
    environ = os.environ if environ is None else environ
    epoch = (environ.get("SOURCE_DATE_EPOCH") or "").strip()
    if epoch:
        try:
            return dt.datetime.fromtimestamp(int(epoch), tz=dt.timezone.utc).date()
        except (ValueError, OverflowError, OSError):
            raise ScaffoldError("SOURCE_DATE_EPOCH", f"'{epoch}' is not a number of seconds since 1970") from None
    return dt.datetime.now(tz=dt.timezone.utc).date()


def briefing_template(title: str, date: dt.date, topic_ids: list[str] | None = None) -> str:
    """The text of a new briefing file."""
    known = ""
    if topic_ids:
        wrapped = textwrap.wrap(f"Known topics: {', '.join(topic_ids)}.", width=98, break_on_hyphens=False)
        known = "".join(f"\n# {line}" for line in wrapped)
    iso = date.isoformat()
    return f"""---
# A new briefing. Fill in every field below, then run `briefing check` (CI runs it on your pull
# request): it lists each line that still needs work. CONTRIBUTING.md explains every field.

title: {yaml_scalar(title)}
# The day the briefing is first published: YYYY-MM-DD.
date: {yaml_scalar(iso)}
# Optional: when the content last changed, and when its facts were last checked against the sources.
# updated: {yaml_scalar(iso)}
# verified: {yaml_scalar(iso)}

# One or two sentences: what a reader needs to know.
summary: ""
# Why a reader should care, in two or three sentences (optional: delete the line if there is nothing to say).
why_it_matters: ""

# Topic ids from content/registry/topics.yml, e.g. [vpn-regulation, it-exports].{known}
topics: []
# Ids of the sources this briefing draws on (each source's page shows its id), e.g.
# [arabnews-vpn-licensing, brecorder-pasha-vpn-blocking]. Every source cited below must be listed here.
sources: []
# Three to five one-sentence takeaways, one per line:
# key_points:
#   - PTA began licensing VPN providers under the CVAS-Data regime in November 2025.
#   - Unlicensed VPNs may be blocked.
key_points: []
# Optional: entity ids (content/registry/entities.yml) to list even if the text does not name them.
entities: []

# Optional: who said what on a contested point. To use, remove the "# " in front of the lines.
# Give every side of one question the same 'point' text, so they are shown side by side.
# claims:
#   - claimant: pasha                  # entity id of who said it
#     claimant_type: industry          # government, regulator, industry, civil-society, international-body or other
#     point: "Why license VPNs?"
#     statement: "Blocking VPNs threatens IT exports and adds costs for the industry."  # in our words
#     cite: "@brecorder-pasha-vpn-blocking:4"

# Optional: dated events, shown on the timeline. Write a date only as precisely as the source does
# (YYYY-MM-DD, YYYY-MM or YYYY). For a step in the life of a measure (a law, licence regime, policy),
# add 'measure' (its entity id) and 'status': announced, adopted, in-force, suspended or revoked.
# events:
#   - date: "2025-11"
#     title: "PTA begins issuing VPN licences under the CVAS-Data regime."
#     cite: "@arabnews-vpn-licensing:1"
#     entities: [pta]
#     measure: cvas-data-licensing
#     status: in-force
---
<!-- Write the body below, in paragraphs separated by blank lines. Every paragraph ends with the
citation of the source paragraphs it relies on: [@source-id:3] cites paragraph 3 of the source
source-id; [@source-id:3-4] paragraphs 3 and 4; [@source-id:2, 5] paragraphs 2 and 5; [@a:2; @b:7] two
sources; [@source-id] the whole source, when no paragraph fits. Paragraph numbers are the ¶ numbers on
the source's page. A number (an amount, a percentage, a count) must cite the paragraph that states it.
Headings start with "### " (the page puts the body under its own "## The briefing"). Quote sparingly, in quotation marks. Delete this comment when you are done. -->

### What happened

Replace this paragraph with the first part of the story, and end it with its citation (see the comment above).
"""


def new_briefing(briefings_dir: Path, title: str, *, slug: str | None = None, date: dt.date | None = None,
                 topic_ids: list[str] | None = None, shown: str = "briefings") -> Path:
    """Writes ``briefings/<slug>.md``; raises :class:`ScaffoldError` rather than overwrite."""
    title = " ".join(title.split())
    if not title:
        raise ScaffoldError("briefing new", "the title is empty; write it in quotes: briefing new \"VPN licensing in Pakistan\"")
    name = slug or slugify(title)
    if not name:
        raise ScaffoldError("briefing new", "the title has no letters a-z or digits to make a file name from; pass --id")
    path = briefings_dir / f"{name}.md"
    where = f"{shown}/{name}.md"
    if is_reserved_id(name):
        raise ScaffoldError(where, f"'{name}' is a reserved name (the site makes a page of that name); pass --id to "
                                   f"choose another")
    text = briefing_template(title, date or today(), topic_ids)
    try:
        briefings_dir.mkdir(parents=True, exist_ok=True)
        handle = open(path, "x", encoding="utf-8", newline="\n")
    except FileExistsError:
        raise ScaffoldError(where, "already exists; choose another title or pass --id") from None
    except OSError as exc:
        raise ScaffoldError(where, f"cannot be written ({exc.strerror or exc})") from None
    try:
        with handle:
            handle.write(text)
    except BaseException as exc:  # a disk full, or Ctrl-C: no half-written briefing is left
        path.unlink(missing_ok=True)
        if isinstance(exc, OSError):
            raise ScaffoldError(where, f"cannot be written ({exc.strerror or exc})") from None
        raise
    return path
