"""The shape of hand-written front matter, as pydantic models.

These models are the single definition of what a briefing, a normalised source and a sidecar may
contain: the parsers validate with them and ``briefing schema`` writes the JSON Schema editors use.
Field descriptions appear in that schema and in editor tooltips, so they are written for contributors.
"""
from __future__ import annotations

import re
from typing import Annotated, Any, Literal

from pydantic import BaseModel, BeforeValidator, ConfigDict, Field, ValidationInfo, field_validator

from build_tools.model.dates import PartialDate, latest_possible_date
from build_tools.model.forms import DATE_PATTERN, LANGUAGE_PATTERN, SLUG_PATTERN, URL_PATTERN

Slug = Annotated[str, Field(pattern=SLUG_PATTERN, description="Lower-case letters, digits and hyphens.")]
def _date_as_text(value: Any) -> Any:
    """YAML reads `date: 2025` as a number and other loaders may give date objects; both mean text here."""
    if isinstance(value, int) and not isinstance(value, bool):
        return f"{value:04d}"
    if hasattr(value, "isoformat") and not isinstance(value, str):
        return value.isoformat()[:10]
    return value


DateText = Annotated[
    str,
    BeforeValidator(_date_as_text),
    Field(pattern=DATE_PATTERN, description="YYYY-MM-DD, YYYY-MM or YYYY: write only what is known."),
]
Text = Annotated[str, Field(min_length=1)]
CitationText = Annotated[
    str,
    Field(
        min_length=2,
        description="Citation in the body syntax, brackets optional: '@source-id:3', '[@source-id:3-4; @other:2]'.",
    ),
]


class _Strict(BaseModel):
    model_config = ConfigDict(extra="forbid", str_strip_whitespace=True)


def _check_date(value: str | None) -> str | None:
    if value is not None:
        PartialDate.from_iso(value)  # raises ValueError naming the impossible date
    return value


def _check_past_date(value: str | None) -> str | None:
    """A date on which something was done (written, updated, checked) is not later than today."""
    if value is not None and PartialDate.from_iso(value).first_day() > latest_possible_date():
        raise ValueError(f"'{value}' is later than today")
    return value


def _check_unique(values: list[str]) -> list[str]:
    repeated = sorted({value for value in values if values.count(value) > 1})
    if repeated:
        raise ValueError(f"{', '.join(repr(value) for value in repeated)} is listed more than once")
    return values


class ClaimFields(_Strict):
    """Who said what on a contested point."""

    claimant: Slug = Field(description="Entity id of who made the claim (content/registry/entities.yml).")
    claimant_type: Literal["government", "regulator", "industry", "civil-society", "international-body", "other"]
    point: Text = Field(description="The contested question, the same words for every side, e.g. 'Why license VPNs?'.")
    statement: Text = Field(description="What they said, in our words; quotes short and in quotation marks.")
    cite: CitationText


class EventFields(_Strict):
    """A dated event; set measure and status to record a step in a measure's life."""

    date: DateText
    title: Text = Field(description="What happened, in a short sentence.")
    cite: CitationText
    entities: list[Slug] = Field(default_factory=list, description="Entity ids involved.")
    topics: list[Slug] = Field(default_factory=list)
    measure: Slug | None = Field(default=None, description="Entity id of the measure whose status changed.")
    status: Literal["announced", "adopted", "in-force", "suspended", "revoked"] | None = None

    _date = field_validator("date")(_check_date)


class BriefingFrontMatter(_Strict):
    """Front matter of a briefing in briefings/*.md."""

    title: Text
    date: DateText = Field(description="When the briefing was first published.")
    updated: DateText | None = Field(default=None, description="When its content last changed.")
    verified: DateText | None = Field(default=None, description="When its facts were last checked against the sources.")
    summary: Text = Field(description="One or two sentences: what a reader needs to know.")
    why_it_matters: Text | None = Field(default=None, description="Why a reader should care, in two or three sentences.")
    topics: list[Slug] = Field(min_length=1, description="Topic ids from content/registry/topics.yml.")
    sources: list[Slug] = Field(min_length=1, description="Ids of the sources this briefing draws on.")
    key_points: list[Text] = Field(min_length=1, description="Three to five one-sentence takeaways.")
    entities: list[Slug] = Field(default_factory=list, description="Entity ids to list even if the text does not name them.")
    claims: list[ClaimFields] = Field(default_factory=list)
    events: list[EventFields] = Field(default_factory=list)

    _dates = field_validator("date", "updated", "verified")(_check_past_date)
    _unique = field_validator("topics", "sources", "entities")(_check_unique)

    @field_validator("updated", "verified")
    @classmethod
    def _not_before_publication(cls, value: str | None, info: ValidationInfo) -> str | None:
        published = info.data.get("date")  # validated before these fields, or missing if it failed
        if value is not None and published and PartialDate.from_iso(value).last_day() < PartialDate.from_iso(published).first_day():
            raise ValueError(f"'{value}' is before 'date' ({published}), when the briefing was first published")
        return value


class ArticleFields(_Strict):
    """Fields a sidecar or a normalised source may set for one article; all optional."""

    id: Slug | None = Field(default=None, description="Stable id used in citations; set once, never change.")
    title: Text | None = None
    date: DateText | None = None
    publisher: Text | None = None
    author: Text | None = None
    dateline: Text | None = None
    url: Annotated[str, Field(pattern=URL_PATTERN)] | None = None
    licence: Text | None = Field(default=None, description="The article's licence or terms, as stated by the publisher.")
    full_text: bool = Field(default=False, description="True only when the licence allows republishing the full text.")
    language: Annotated[str, Field(pattern=LANGUAGE_PATTERN)] = "en"
    summary: Text | None = Field(default=None, description="Our own one-sentence summary.")
    topics: list[Slug] = Field(default_factory=list)

    _date = field_validator("date")(_check_date)


class SidecarFields(ArticleFields):
    """NAME.meta.yml beside a source file: fields for every article, then per-article overrides in order."""

    articles: list[ArticleFields] = Field(default_factory=list)


class SourceFrontMatter(ArticleFields):
    """Front matter of a normalised source (content/sources/*.md)."""

    id: Slug
    title: Text
    key_points: list[Text] = Field(default_factory=list)


SLUG_RE = re.compile(SLUG_PATTERN)
