"""Curated figure groups (``content/registry/figures.yml``): one metric, figures from several sources."""
from __future__ import annotations

from pathlib import Path
from typing import Annotated

from pydantic import Field

from build_tools.errors import Problems, display_path
from build_tools.model import CuratedFigure, FigureGroup, PartialDate
from build_tools.model.forms import FIGURE_UNIT_KINDS
from build_tools.model.frontmatter import CitationText, DateText, Slug, Text, _check_date, _Strict
from build_tools.parse.citations import CitationSyntaxError, parse_citation_text
from build_tools.parse.explain import validate_fields
from build_tools.parse.registry import FIGURES_FILE
from build_tools.parse.text_files import UnreadableFile, read_text_file
from build_tools.parse.yaml_lines import YamlSyntaxError, load_yaml
from pydantic import field_validator

__all__ = ["FIGURES_FILE", "load_figure_groups"]


class CuratedFigureFields(_Strict):
    value: float = Field(allow_inf_nan=False,
                         description="The number in plain digits and in the unit of the group, e.g. 3000000000.")
    text: Text = Field(description="The figure exactly as the source writes it, e.g. '3 billion dollars'.")
    period: Text = Field(description="What the figure covers, e.g. 'FY2024-25, annual' or 'October 2025'.")
    date: DateText = Field(description="The date the figure refers to (not the article date), at the precision known.")
    cite: CitationText
    note: Text | None = None

    _date = field_validator("date")(_check_date)


_UNIT_SPELLINGS = {"dollars": "USD", "us$": "USD", "$": "USD", "us dollars": "USD", "rupees": "PKR", "rs": "PKR",
                   "rs.": "PKR", "%": "percent", "per cent": "percent", "percentage": "percent", "megawatts": "MW",
                   "gigawatts": "GW"}


class FigureGroupFields(_Strict):
    id: Slug
    label: Text
    unit: Annotated[str, Field(min_length=1, description=f"{', '.join(FIGURE_UNIT_KINDS)}, or another unit (not checked).")]
    description: Text
    figures: list[CuratedFigureFields] = Field(min_length=1)

    @field_validator("unit")
    @classmethod
    def _known_unit(cls, unit: str) -> str:
        """A known unit as figures are read in ('USD', not 'dollars'), so each value is checked against its text."""
        meant = _UNIT_SPELLINGS.get(unit.casefold())
        if unit in FIGURE_UNIT_KINDS or meant is None:
            return unit  # another unit (MHz, km) is shown as written; its values are not compared with their texts
        raise ValueError(f"write '{unit}' as '{meant}', the unit figures are read in, so each value can be checked "
                         f"against its text")


def load_figure_groups(path: Path, problems: Problems) -> dict[str, FigureGroup]:
    if not path.is_file():
        return {}
    shown = display_path(path)
    try:
        loaded = load_yaml(read_text_file(path))
    except (UnreadableFile, YamlSyntaxError) as exc:
        problems.add(shown, exc.line, exc.message)
        return {}
    if loaded.data is None:
        return {}
    if not isinstance(loaded.data, list):
        problems.add(shown, 1, "figures.yml must be a list of figure groups, each starting with '- id:'")
        return {}
    groups: dict[str, FigureGroup] = {}
    for index in range(len(loaded.data)):
        fields = validate_fields(FigureGroupFields, loaded, shown, problems, "figure group", at=(index,), name_key="id")
        if not isinstance(fields, FigureGroupFields):
            continue
        line = loaded.line_of((index,)) or 1
        if fields.id in groups:
            problems.add(shown, line, f"figure group '{fields.id}' is defined twice (first at line {groups[fields.id].line})")
            continue
        group = FigureGroup(fields.id, fields.label, fields.unit, fields.description, shown, line)
        for position, figure in enumerate(fields.figures):
            figure_line = loaded.line_of((index, "figures", position)) or line
            try:
                citations = parse_citation_text(figure.cite, shown, figure_line)
            except CitationSyntaxError as exc:
                problems.add(shown, figure_line, str(exc))
                continue
            if len(citations) != 1:
                problems.add(shown, figure_line, "a curated figure cites exactly one source paragraph")
                continue
            group.items.append(CuratedFigure(figure.value, figure.text, figure.period, PartialDate.from_iso(figure.date),
                                             citations[0], figure.note))
        groups[group.id] = group
    return groups
