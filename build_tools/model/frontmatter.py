"""The shape of hand-written front matter, as pydantic models.

These models are the single definition of what a briefing, a normalised source and a sidecar may
contain: the parsers validate with them and ``briefing schema`` writes the JSON Schema editors use.
Field descriptions appear in that schema and in editor tooltips, so they are written for contributors.
"""
from __future__ import annotations

import difflib
import re
from typing import Annotated, Any, Literal, Type

from pydantic import BaseModel, BeforeValidator, ConfigDict, Field, ValidationError, field_validator

from build_tools.errors import Problems
from build_tools.model.dates import PartialDate
from build_tools.parse.yaml_lines import LoadedYaml

SLUG_PATTERN = r"^[a-z0-9](?:[a-z0-9-]{0,78}[a-z0-9])?$"
DATE_PATTERN = r"^\d{4}(-\d{2}(-\d{2})?)?$"

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

    _dates = field_validator("date", "updated", "verified")(_check_date)


class ArticleFields(_Strict):
    """Fields a sidecar or a normalised source may set for one article; all optional."""

    id: Slug | None = Field(default=None, description="Stable id used in citations; set once, never change.")
    title: Text | None = None
    date: DateText | None = None
    publisher: Text | None = None
    author: Text | None = None
    dateline: Text | None = None
    url: Annotated[str, Field(pattern=r"^https?://\S+$")] | None = None
    licence: Text | None = Field(default=None, description="The article's licence or terms, as stated by the publisher.")
    full_text: bool = Field(default=False, description="True only when the licence allows republishing the full text.")
    language: Annotated[str, Field(pattern=r"^[a-z]{2,3}(-[A-Za-z0-9]+)?$")] = "en"
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


def validate_fields(
    model: Type[BaseModel], loaded: LoadedYaml, path: str, problems: Problems, what: str
) -> BaseModel | None:
    """Validates ``loaded.data`` with ``model``; each error becomes ``path:line: message``."""
    try:
        return model.model_validate(loaded.data)
    except ValidationError as exc:
        for error in exc.errors():
            loc = tuple(error["loc"])
            problems.add(path, loaded.line_of(loc), explain_error(model, error, what))
        return None


def explain_error(model: Type[BaseModel], error: dict, what: str) -> str:
    """Turns one pydantic error into a sentence a non-programmer can act on."""
    loc = [str(part) for part in error["loc"]]
    name = loc[-1] if loc else what
    where = _describe_location(loc)
    kind = error["type"]
    if kind == "missing":
        parent = _describe_location(loc[:-1]) or what
        return f"{parent} needs '{name}:'; add it"
    if kind == "extra_forbidden":
        known = list(_fields_at(model, error["loc"][:-1]))
        guess = difflib.get_close_matches(name, known, n=1)
        hint = f"; did you mean '{guess[0]}'?" if guess else f"; known fields are {', '.join(sorted(known))}"
        return f"'{name}' is not a field {what} can have{hint}"
    if kind == "string_pattern_mismatch":
        pattern = error.get("ctx", {}).get("pattern", "")
        if pattern == DATE_PATTERN:
            return f"{where} is {error['input']!r}; write a date as YYYY-MM-DD, YYYY-MM or YYYY"
        if pattern == SLUG_PATTERN:
            return f"{where} is {error['input']!r}; ids use only lower-case letters, digits and hyphens"
        return f"{where} is {error['input']!r}, which is not in the expected form"
    if kind == "too_short" and isinstance(error.get("input"), list):
        return f"{where} is empty; list at least one"
    if kind == "string_too_short":
        return f"{where} is empty; write something there"
    if kind == "literal_error":
        expected = error.get("ctx", {}).get("expected", "")
        return f"{where} is {error['input']!r}; use one of {expected}"
    if kind == "value_error":
        return f"{where}: {str(error['ctx']['error'])}"
    if kind in ("string_type", "list_type", "bool_type", "dict_type", "model_type", "bool_parsing"):
        wanted = {"string_type": "text", "list_type": "a list (lines starting with '- ')", "bool_type": "true or false",
                  "bool_parsing": "true or false", "dict_type": "a set of 'key: value' lines",
                  "model_type": "a set of 'key: value' lines"}[kind]
        return f"{where} should be {wanted}, not {_describe_value(error.get('input'))}"
    return f"{where}: {error['msg']}"


def _describe_location(loc: list[str]) -> str:
    parts: list[str] = []
    for part in loc:
        if part.isdigit():
            parts[-1:] = [f"{parts[-1] if parts else 'item'} item {int(part) + 1}"]
        else:
            parts.append(f"'{part}'")
    return " ".join(parts) if parts else ""


def _describe_value(value: Any) -> str:
    if value is None:
        return "nothing"
    if isinstance(value, list):
        return "a list"
    if isinstance(value, dict):
        return "a set of key: value lines"
    if isinstance(value, bool):
        return str(value).lower()
    if isinstance(value, (int, float)):
        return f"the number {value}"
    return repr(value)


def _fields_at(model: Type[BaseModel], loc: tuple) -> dict:
    current: Any = model
    for part in loc:
        if isinstance(part, int):
            continue
        field = current.model_fields.get(part) if hasattr(current, "model_fields") else None
        if field is None:
            return {}
        annotation = field.annotation
        args = getattr(annotation, "__args__", ())
        current = next((a for a in (annotation, *args) if isinstance(a, type) and issubclass(a, BaseModel)), None)
        if current is None:
            return {}
    return current.model_fields if hasattr(current, "model_fields") else {}


SLUG_RE = re.compile(SLUG_PATTERN)
