"""A briefing's Figures section: the figures it states, as the paragraphs it cites write them."""
from __future__ import annotations

from pathlib import Path

import pytest

from build_tools.emit.briefing_page import emit_briefing, figures_section
from build_tools.errors import Problems
from build_tools.index.key_figures import figures_stated_in, groups_comparing
from build_tools.index.site import SiteIndex, build_site_index
from build_tools.model import (
    Article,
    Briefing,
    Citation,
    Claim,
    Corpus,
    CuratedFigure,
    Entity,
    Event,
    FigureGroup,
    Paragraph,
    PartialDate,
    Registry,
)
from build_tools.parse.briefings import body_blocks
from build_tools.pipeline import ProjectPaths, build_index
from html_pages import render_markdown

REPO = Path(__file__).resolve().parents[1]
PATH = "briefings/b.md"
FIG = "content/registry/figures.yml"


def _article(id_: str, publisher: str, texts: list[str]) -> Article:
    return Article(id=id_, path=f"content/sources/{id_}.md", line=1, title=f"Story from {publisher}",
                   date=PartialDate(2025, 10, 2), publisher=publisher, author=None, dateline=None, key_points=[],
                   paragraphs=[Paragraph(i + 1, t, i + 3) for i, t in enumerate(texts)])


WIRE = _article("wire", "The Wire", [
    "The fund approved a $1.2 billion loan, and reserves rose to $14.5 billion.",
    "Floods affected nearly seven million people in 2025.",
    "Exports grew 30 percent to $5 billion, and 12 companies got licences.",
])
DAILY = _article("daily", "The Daily", [
    "Revenue was Rs 5 billion, up 12% on the year.",
    "Broadband reached 150 million connections.",
])


FUND = Entity("fund", "The Fund", "organisation", "A lender.", "content/registry/entities.yml", 1)


def _index(body: str, *, claims: list[Claim] | None = None, events: list[Event] | None = None,
           groups: dict[str, FigureGroup] | None = None, reported: list[str] | None = None) -> tuple[SiteIndex, Briefing]:
    """``reported``: the messages the build reports (none unless given)."""
    problems = Problems()
    briefing = Briefing(id="b", path=PATH, title="B", date=PartialDate(2025, 10, 3), summary="S.", topics=[],
                        sources=["wire", "daily"], key_points=["Reserves rose to $14.5 billion."],
                        blocks=body_blocks(body, 9, PATH, problems), claims=claims or [], events=events or [])
    assert not problems, list(problems)
    registry = Registry(entities={"fund": FUND}, figure_groups=groups or {})
    index, problems = build_site_index(Corpus(articles=[WIRE, DAILY], briefings=[briefing], registry=registry))
    assert [p.message for p in problems] == (reported or [])
    return index, index.briefings["b"]


def _stated(index: SiteIndex, briefing: Briefing) -> list[tuple[str, int, str]]:
    return [(r.source_id, r.paragraph, r.figure.text) for r in figures_stated_in(briefing, index.figures)]


def test_the_figures_a_briefing_states_are_found_in_the_paragraphs_it_cites_whatever_their_form() -> None:
    index, briefing = _index(
        "The loan was $1.2bn [@wire:1], while floods hit 7 million people [@wire:2].\n\n"
        "Exports reached US$5 billion, up 30% [@wire:3]. Revenue grew 12 percent [@daily:1].")
    assert _stated(index, briefing) == [
        ("wire", 1, "$1.2 billion"),
        ("wire", 2, "seven million"),
        ("wire", 3, "$5 billion"),
        ("wire", 3, "30 percent"),
        ("daily", 1, "12%"),
    ]


def test_a_figure_is_listed_only_where_the_briefing_states_it_and_cites_its_paragraph() -> None:
    index, briefing = _index(
        # $14.5 billion: in the key points, which cite nothing; Rs 5 billion: not $5 billion;
        # 150 million: stated, but its paragraph is not the one cited here
        "The fund lent money [@wire:1]. Revenue was $5 billion [@daily:1].\n\n"
        "Broadband reached 150 million [@daily:1]. Exports were $5 billion [@daily:1; @wire:3].",
        reported=["the number '$5 billion' does not appear in the paragraphs cited here (wire ¶1; daily ¶1); cite the "
                  "paragraph that states it, or correct the number",
                  "the number '150 million' does not appear in the paragraphs cited here (daily ¶1; wire ¶3); cite the "
                  "paragraph that states it, or correct the number"])
    assert _stated(index, briefing) == [("wire", 3, "$5 billion")]


def test_each_figure_is_listed_once_in_the_order_the_briefing_first_states_it() -> None:
    index, briefing = _index(
        "Some 12 companies were licensed [@wire:3].\n\n"
        "The $1.2 billion loan [@wire:1] came as 12 companies waited [@wire:3].\n\n"
        "| Lender | Loan |\n|---|---|\n| The Fund | $1.2 billion [@wire:1] |",
        claims=[Claim("fund", "other", "Point?", "Reserves hit $14.5 billion.",
                      [Citation("wire", (1,), PATH, 30)], PATH, 30)],
        events=[Event(PartialDate(2025, 10), "Broadband passes 150 million connections",
                      [Citation("daily", (), PATH, 40)], PATH, 40)])
    assert _stated(index, briefing) == [
        ("wire", 3, "12"),
        ("wire", 1, "$1.2 billion"),
        ("wire", 1, "$14.5 billion"),
        ("daily", 2, "150 million"),  # a citation of the whole source covers its every paragraph
    ]


def test_years_and_dates_are_never_figures() -> None:
    index, briefing = _index("Floods came in 2025 [@wire:2], the year of the 2025 floods [@wire:2].")
    assert _stated(index, briefing) == []


def _group(id_: str, source: str, paragraph: int, text: str, value: float) -> FigureGroup:
    return FigureGroup(id_, f"Group {id_}", "USD", "Compared.", FIG, 1, items=[
        CuratedFigure(value, text, "2025", PartialDate(2025), Citation(source, (paragraph,), FIG, 1), None)])


EXPORTS = _group("exports", "wire", 3, "$5 billion", 5e9)


def test_the_groups_comparing_a_cited_paragraphs_figures_are_named_in_the_registrys_order() -> None:
    groups = {"other": _group("other", "daily", 1, "Rs 5 billion", 5e9), "exports": EXPORTS,
              "loans": _group("loans", "wire", 1, "$1.2 billion", 1.2e9)}
    index, briefing = _index("Exports reached $5 billion [@wire:3]. The fund lent [@wire:1].", groups=groups)
    assert groups_comparing(briefing, index.figures) == ["exports", "loans"]


def test_the_section_lists_each_figure_with_its_sentence_and_the_paragraph_it_comes_from() -> None:
    index, briefing = _index("Exports reached $5 billion [@wire:3].", groups={"exports": EXPORTS})
    assert figures_section(briefing, "briefings/b.md", index) == (
        '<div class="dpb-unsearched" data-pagefind-ignore="all" markdown>\n\n'
        "## Figures { #figures data-search-exclude }\n\n"
        "Each figure this briefing states, as the source it cites writes it, with the sentence around it.\n\n"
        "| Figure | In context | Source | Date |\n|---|---|---|---|\n"
        "| $5 billion | Exports grew 30 percent to **$5 billion**, and 12 companies got licences. "
        '| [The Wire, 2 October 2025 ¶3](../sources/wire.md#p3 "Story from The Wire") | 2025-10-02 |\n\n'
        "Compared with other sources' figures on the Key figures page: "
        "[Group exports](../figures.md#group-exports).\n\n</div>\n\n")


def test_a_briefing_stating_no_figure_has_no_figures_section() -> None:
    index, briefing = _index("The fund lent money [@wire:1].")
    assert figures_section(briefing, "briefings/b.md", index) == ""
    assert "## Figures" not in emit_briefing(briefing, index)


def test_the_section_comes_after_key_dates_and_before_the_sources_and_its_links_resolve() -> None:
    index, briefing = _index("Exports reached $5 billion [@wire:3].",
                             events=[Event(PartialDate(2025, 10), "Exports pass $5 billion",
                                           [Citation("wire", (3,), PATH, 40)], PATH, 40)])
    page = emit_briefing(briefing, index)
    headings = [line.split(" {")[0] for line in page.splitlines() if line.startswith("## ")]
    assert headings == ["## Key points", "## The briefing", "## Key dates", "## Figures", "## Sources"]
    html = render_markdown(page)
    assert '<a href="../sources/wire.md#p3" title="Story from The Wire">The Wire, 2 October 2025 ¶3</a>' in html


@pytest.fixture(scope="module")
def real_index() -> SiteIndex:
    index, problems = build_index(ProjectPaths(REPO))
    assert index is not None, list(problems)
    return index


def test_the_vpn_briefing_lists_the_figures_it_takes_from_pasha(real_index: SiteIndex) -> None:
    briefing = real_index.briefings["vpn-regulation"]
    assert _stated(real_index, briefing) == [
        ("brecorder-pasha-vpn-blocking", 11, "$100-150 million"),
        ("brecorder-pasha-vpn-blocking", 8, "30 percent"),
        ("brecorder-pasha-vpn-blocking", 8, "3 billion dollars"),
        ("brecorder-pasha-vpn-blocking", 8, "15 billion dollars"),
    ]
    assert groups_comparing(briefing, real_index.figures) == ["it-exports"]
