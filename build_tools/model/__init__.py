"""Typed records every later stage works on. Nothing here reads files."""
from build_tools.model.dates import PartialDate
from build_tools.model.records import (
    Article,
    Briefing,
    BriefingBlock,
    Citation,
    Claim,
    Corpus,
    CuratedFigure,
    Entity,
    Event,
    FigureGroup,
    Paragraph,
    Registry,
    StaticPage,
    Topic,
)

__all__ = [
    "Article",
    "Briefing",
    "BriefingBlock",
    "Citation",
    "Claim",
    "Corpus",
    "CuratedFigure",
    "Entity",
    "Event",
    "FigureGroup",
    "Paragraph",
    "PartialDate",
    "Registry",
    "StaticPage",
    "Topic",
]
