"""The key-figures page: curated groups (table, chart, contested figures) and every figure in the sources."""
from __future__ import annotations

import re
from pathlib import Path

import pytest

from build_tools.emit import figures_page, paths
from build_tools.emit.figures_page import context_snippet, emit_figures, figure_group_section, format_value
from build_tools.emit.writer import Unloaded
from build_tools.errors import Problems
from build_tools.index.site import SiteIndex, build_site_index
from build_tools.model import (
    Article,
    Briefing,
    Citation,
    Corpus,
    CuratedFigure,
    FigureGroup,
    Paragraph,
    PartialDate,
    Registry,
)
from build_tools.parse.briefings import body_blocks
from build_tools.pipeline import ProjectPaths, build_index
from html_pages import render_markdown

REPO = Path(__file__).resolve().parents[1]
SCRIPT = "<script>alert(1)</script>"
FIG = "content/registry/figures.yml"


def _svgs(text: str) -> list[str]:
    return re.findall(r"<svg\b.*?</svg>", text, flags=re.S)


def _table_rows(section: str) -> list[str]:
    return [line for line in section.splitlines() if line.startswith("| ") and not line.startswith("| Figure")]


def _article(id_: str, date: PartialDate, publisher: str, texts: list[str]) -> Article:
    return Article(id=id_, path=f"content/sources/{id_}.md", line=1, title=f"Story from {publisher}", date=date,
                   publisher=publisher, author=None, dateline=None, key_points=[],
                   paragraphs=[Paragraph(i + 1, t, i + 3) for i, t in enumerate(texts)])


def _figure(value: float, text: str, period: str, date: PartialDate, source: str, n: int, note: str | None = None):
    return CuratedFigure(value, text, period, date, Citation(source, (n,), FIG, 1), note)


def small_index() -> SiteIndex:
    """Two sources; only new-wire ¶1 is cited by a briefing (so only it is anchored on its page)."""
    new = _article("new-wire", PartialDate(2025, 10, 2), "New Wire", [
        "Exports reached $5 billion in 2025, officials said.",
        f"A {SCRIPT} note said exports reached $4.2 billion in 2025.",
    ])
    old = _article("old-daily", PartialDate(2024), "Old Daily", [
        "Growth was 30 percent and 2,000 megawatts were added for 12 companies.",
    ])
    briefing = Briefing(id="b", path="briefings/b.md", title="B", date=PartialDate(2025, 10, 3), summary="S.",
                        topics=[], sources=["new-wire"], key_points=[],
                        blocks=body_blocks("Exports reached $5 billion [@new-wire:1].", 9, "briefings/b.md", Problems()))
    exports = FigureGroup("exports", f"Exports {SCRIPT}", "USD", "Export figures compared.", FIG, 1, items=[
        _figure(4.2e9, "$4.2 billion", "2025, annual", PartialDate(2025), "new-wire", 2),
        _figure(5e9, "$5 billion", "2025,  Annual", PartialDate(2025), "new-wire", 1, note="Officials' figure."),
    ])
    growth = FigureGroup("growth", "Growth", "percent", "Growth compared.", FIG, 5, items=[
        _figure(30, "30 percent", "2024", PartialDate(2024), "old-daily", 1),
    ])
    registry = Registry(figure_groups={"exports": exports, "growth": growth})
    index, problems = build_site_index(Corpus(articles=[old, new], briefings=[briefing], registry=registry))
    assert not problems, list(problems)
    return index


@pytest.fixture(scope="module")
def index() -> SiteIndex:
    return small_index()


@pytest.fixture(scope="module")
def page(index: SiteIndex) -> str:
    pages, archive = emit_figures(index)
    assert list(pages) == [paths.FIGURES] == ["figures.md"]
    assert list(archive) == ["figures/2025/10/index.md", "figures/2025/index.md", "figures/2024/index.md"]
    return pages["figures.md"]


@pytest.fixture(scope="module")
def real_index() -> SiteIndex:
    index, problems = build_index(ProjectPaths(REPO))
    assert index is not None, list(problems)
    mine = [p for p in problems if p.path.endswith("figures.yml")]
    assert not mine, mine
    return index


def test_format_value() -> None:
    assert format_value(3e9, "USD") == "US$3 billion"
    assert format_value(1.8e9, "USD") == "US$1.8 billion"
    assert format_value(3.86e8, "USD") == "US$386 million"
    assert format_value(6e13, "PKR") == "Rs 60 trillion"
    assert format_value(30, "percent") == "30%"
    assert format_value(2e8, "count") == "200 million"
    assert format_value(2000, "MW") == "2,000 MW"


def test_real_it_exports_group_rows_exact(real_index: SiteIndex) -> None:
    section = figure_group_section(real_index, "it-exports", paths.FIGURES)
    cited = real_index.citations.cited_paragraphs

    def src(source_id: str, label: str, n: int, title: str) -> str:
        anchor = f"#p{n}" if n in cited.get(source_id, set()) else ""
        return f'[{label} ¶{n}](sources/{source_id}.md{anchor} "{title}")'

    br = src("brecorder-pasha-vpn-blocking", "Business Recorder, 2024", 8, "VPN blocking puts IT industry at risk: P@SHA")
    inf = src("infocus-ict-2025-review", "Infocus, 2025", 20,
              "Top 7 Pakistan’ ICT Developments in 2025; an Year of Digital Transformation")
    assert section.startswith("### IT and ICT exports {#group-it-exports}\n\n")
    assert _table_rows(section) == [
        f"| 3 billion dollars | US$3 billion | Annual IT exports, as stated in 2024 | 2024 (year only) | {br} | "
        "P@SHA's figure, after average growth of 30 percent a year. |",
        f"| 15 billion dollars | US$15 billion | Target within the next 5 years (stated in 2024) | 2024 (year only) | {br} | "
        "A target, not a result; P@SHA ties it to continuity in government policy. |",
        f"| $5 billion | US$5 billion | ICT exports, period not stated (review of 2025) | 2025 (year only) | {inf} | "
        "ICT exports \"surged past\" this level, per the review, which does not say over which period. |",
        f"| $5bn | US$5 billion | Target for fiscal year 2025-26 (FY26) | 2025 (year only) | {inf} | A target, not a result. |",
        f"| $1.8bn | US$1.8 billion | Achieved so far in fiscal year 2025-26 (FY26) | 2025 (year only) | {inf} | "
        "Part of the FY26 target of $5bn, as of the review's writing. |",
        f"| $386 million | US$386 million | October 2025, one month | October 2025 (month) | {inf} | "
        "A monthly figure, described as an all-time high. |",
    ]


def test_real_groups_chart_has_one_bar_per_figure(real_index: SiteIndex) -> None:
    assert set(real_index.figures.groups) >= {"it-exports", "telecom-connections"}
    page = emit_figures(real_index)[0]["figures.md"]
    svgs = _svgs(page)
    assert len(svgs) == len(real_index.figures.groups)
    for group, svg in zip(real_index.figures.groups.values(), svgs):
        assert f'<title id="chart-{group.id}-title">' in svg
        assert svg.count('class="dpb-bar"') == len(group.items)
        assert 'role="img"' in svg and "<script" not in svg and "http" not in svg
    assert "<script" not in page


def test_bar_lengths_scale_with_value(index: SiteIndex) -> None:
    (svg,) = _svgs(figure_group_section(index, "exports", paths.FIGURES))
    widths = [float(w) for w in re.findall(r'class="dpb-bar" x="[\d.]+" y="[\d.]+" width="([\d.]+)"', svg)]
    assert len(widths) == 2
    assert widths[0] / widths[1] == pytest.approx(4.2 / 5, abs=0.01)
    assert "$4.2 billion · 2025, annual · New Wire" in svg


def test_contested_figures_are_marked_both_ways(index: SiteIndex) -> None:
    rows = _table_rows(figure_group_section(index, "exports", paths.FIGURES))
    assert rows == [
        "| $4.2 billion | US$4.2 billion | 2025, annual | 2025 (year only) | "
        '[New Wire, 2 October 2025 ¶2](sources/new-wire.md#p2 "Story from New Wire") | '
        "**Differs from** “$5 billion” (New Wire) |",
        "| $5 billion | US$5 billion | 2025, Annual | 2025 (year only) | "
        '[New Wire, 2 October 2025 ¶1](sources/new-wire.md#p1 "Story from New Wire") | '
        "Officials' figure.; **Differs from** “$4.2 billion” (New Wire) |",
    ]
    growth = _table_rows(figure_group_section(index, "growth", paths.FIGURES))
    assert len(growth) == 1 and "Differs" not in growth[0]


def test_group_section_for_another_page(index: SiteIndex) -> None:
    section = figure_group_section(index, "growth", "index.md", heading_level=2)
    assert section.startswith("## Growth {#group-growth}\n\n")
    assert section.rstrip().endswith("[All key figures →](figures.md#group-growth)")
    assert "(sources/old-daily.md#p1 " in section  # a curated figure's paragraph is shown on its source page
    assert figure_group_section(index, "no-such-group", "index.md") == ""


def test_source_figure_links_to_paragraphs_shown_on_the_source_page(page: str) -> None:
    usd = page[page.index("### Amounts in US dollars {#figures-usd data-search-exclude}"):]
    usd = usd[:usd.index("\n### ")]
    rows = _table_rows(usd)
    assert rows == [
        "| $5 billion | Exports reached **$5 billion** in 2025, officials said. | "
        '[New Wire, 2 October 2025 ¶1](sources/new-wire.md#p1 "Story from New Wire") | 2025-10-02 |',
        "| $4.2 billion | A &lt;script&gt;alert(1)&lt;/script&gt; note said exports reached **$4.2 billion** in 2025. | "
        '[New Wire, 2 October 2025 ¶2](sources/new-wire.md#p2 "Story from New Wire") | 2025-10-02 |',
    ]


def test_source_figures_grouped_by_kind(page: str) -> None:
    assert ("Jump to: [Amounts in US dollars](#figures-usd) (2) · [Percentages](#figures-percentages) (1) · "
            "[Counts](#figures-counts) (1) · [Quantities (power, bandwidth, durations)](#figures-quantities) (1)") in page
    counts = page[page.index("### Counts {#figures-counts data-search-exclude}"):]
    assert _table_rows(counts)[0].startswith("| 12 | Growth was 30 percent and 2,000 megawatts were added for **12** companies. | "
                                             '[Old Daily, 2024 ¶1](sources/old-daily.md#p1 "Story from Old Daily") | 2024 |')


def test_same_page_links_resolve(page: str) -> None:
    html = render_markdown(page.split("---\n", 2)[2])
    ids = set(re.findall(r'\sid="([^"]+)"', html))
    targets = set(re.findall(r'href="#([^"]+)"', html))
    assert targets >= {"group-exports", "group-growth", "figures-usd", "figures-counts"}
    assert targets <= ids
    assert len(_svgs(html)) == 2  # the raw HTML blocks survive Markdown intact


def test_script_in_sources_and_labels_is_escaped(page: str) -> None:
    assert "<script" not in page
    assert "### Exports &lt;script&gt;alert(1)&lt;/script&gt; {#group-exports}" in page


def test_context_is_shortened_around_the_figure(real_index: SiteIndex) -> None:
    record = next(r for r in real_index.figures.records if r.figure.text == "15 billion dollars")
    snippet = context_snippet(record)
    assert snippet.startswith("… ") and snippet.endswith(" …")
    assert "**15 billion dollars**" in snippet
    assert len(snippet.replace("**", "").split()) <= figures_page.CONTEXT_WORDS + 2  # + the two ellipses


def test_row_cap_keeps_the_newest(index: SiteIndex, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(figures_page, "ROW_LIMIT", 2)
    page = emit_figures(index)[0]["figures.md"]
    newest = page[page.index("## Figures in the newest sources"):page.index("## Archive by month")]
    assert ("5 figures found in 2 sources, each with the sentence around it. Found by the build, not checked by an "
            "editor: read the sentence before you reuse a figure. Here the newest 2, newest sources first; the "
            "[archive by month](#archive-by-month) lists every one.\n\n") in newest
    rows = _table_rows(newest)
    assert len(rows) == 2 and all("(sources/new-wire.md" in r for r in rows)
    assert "old-daily" not in newest


def test_output_is_deterministic(index: SiteIndex) -> None:
    assert emit_figures(index) == emit_figures(small_index())


@pytest.mark.parametrize("text, value, reported", [
    ("$100-150 million", 150e6, None),                  # a range: any value in it
    ("$100-150 million", 125e6, None),
    ("$100-150 million", 200e6, "'value' is 200,000,000 but '$100-150 million' is 100,000,000 to 150,000,000 USD"),
    ("over $5bn", 5e9, None),                           # a qualifier before the figure
    ("over $5bn", 5e8, "'value' is 500,000,000 but 'over $5bn' is 5,000,000,000 USD"),
    ("$1.2-billion", 1.2e9, None),                      # read only in part ('$1.2'): not compared
    ("Rs 1.5 lakh crore", 1.5e12, None),                # another unit than the group's: not compared
    ("$2.25 billion", 2.25e9, None),
])
def test_a_curated_value_is_compared_with_what_its_whole_text_states(text: str, value: float, reported: str | None) -> None:
    from build_tools.index.key_figures import check_figure_groups

    article = _article("wire", PartialDate(2025), "Wire", [f"The figure was {text} last year."])
    group = FigureGroup("g", "G", "USD", "A group.", FIG, 1, items=[_figure(value, text, "2025", PartialDate(2025), "wire", 1)])
    problems = Problems()
    check_figure_groups({"g": group}, {"wire": article}, problems)
    assert [p.message for p in problems] == ([] if reported is None else [
        f"{reported}; write the value in plain digits in the group's unit"])


def test_a_curated_count_is_compared_with_its_text_beside_the_thing_counted() -> None:
    from build_tools.index.key_figures import check_figure_groups

    article = _article("wire", PartialDate(2025), "Wire", ["The country has 2.4 million freelancers, it said."])
    group = FigureGroup("g", "G", "people", "A group.", FIG, 1, items=[
        _figure(240000, "2.4 million freelancers", "2025", PartialDate(2025), "wire", 1)])
    problems = Problems()
    check_figure_groups({"g": group}, {"wire": article}, problems)
    assert [p.message for p in problems] == [
        "'value' is 240,000 but '2.4 million freelancers' is 2,400,000 people; write the value in plain digits in the "
        "group's unit"]


def _archive_texts(archive: dict) -> dict[str, str]:
    return {path: (data.load() if isinstance(data, Unloaded) else data).decode("utf-8") for path, data in archive.items()}


def test_the_archive_lists_every_figure_under_the_month_of_its_source(index: SiteIndex, page: str) -> None:
    assert page.endswith(
        '<div class="dpb-unsearched" data-pagefind-ignore="all" markdown>\n\n'
        "## Archive by month { #archive-by-month data-search-exclude }\n\n"
        "Every figure found in the sources, under the month of its source's date.\n\n"
        "- **[2025](figures/2025/index.md)** (1 source with figures): [October](figures/2025/10/index.md) (1)\n"
        "- **[2024](figures/2024/index.md)** (1 source with figures)\n\n</div>\n")
    archive = _archive_texts(emit_figures(index)[1])
    assert archive["figures/2025/10/index.md"] == (
        '---\ntitle: "Key figures: October 2025"\nsearch: {"exclude": true}\n---\n\n# Key figures: October 2025\n\n'
        "[Key figures](../../../figures.md) › [2025](../index.md)\n\n1 source with figures dated October 2025, newest first.\n\n"
        '<div class="dpb-unsearched" data-pagefind-ignore="all" markdown>\n\n'
        "- [Story from New Wire](../../../sources/new-wire.md) · New Wire, 2 October 2025: "
        "$5 billion ([¶1](../../../sources/new-wire.md#p1)); $4.2 billion ([¶2](../../../sources/new-wire.md#p2))\n\n</div>\n\n")
    year = archive["figures/2024/index.md"]
    assert year.endswith(
        "[Key figures](../../figures.md) · ← Newer: [2025](../2025/index.md)\n\n"
        "## Dated only to the year\n\n1 source with figures whose date gives the year but not the month.\n\n"
        '<div class="dpb-unsearched" data-pagefind-ignore="all" markdown>\n\n'
        "- [Story from Old Daily](../../sources/old-daily.md) · Old Daily, 2024: "
        "30 percent, 2,000 megawatts, 12 ([¶1](../../sources/old-daily.md#p1))\n\n</div>\n\n")


def test_an_archive_line_links_only_the_paragraphs_its_source_page_shows() -> None:
    from build_tools.emit.figures_page import archive_line

    grown = _with_added(small_index())
    assert not grown.paragraph_shown("added", 1)  # neither cited nor a full text
    assert archive_line(grown, "added", "figures/2025/10/index.md") == (
        "- [Story from Added Wire](../../../sources/added.md) · Added Wire, 20 October 2025: $2 billion (¶1)\n")


def _with_added(index: SiteIndex) -> SiteIndex:
    added = _article("added", PartialDate(2025, 10, 20), "Added Wire", ["Imports fell by $2 billion."])
    grown, problems = build_site_index(Corpus(articles=[*index.articles.values(), added],
                                              briefings=list(index.briefings.values()), registry=index.registry))
    assert not problems, list(problems)
    return grown


def test_an_added_source_changes_the_figures_page_and_its_months_page_only(tmp_path: Path) -> None:
    from build_tools.emit.page_memo import PageMemo

    first = PageMemo.open(tmp_path, "site")
    before_page, before = emit_figures(small_index(), first)
    first.save()
    grown = _with_added(small_index())
    again = PageMemo.open(tmp_path, "site")
    after_page, after = emit_figures(grown, again)
    assert sorted(path for path, data in after.items() if not isinstance(data, Unloaded)) == [
        "figures/2025/10/index.md"]  # made again; the others reused unloaded
    assert _archive_texts(after) == _archive_texts(emit_figures(grown)[1]) and set(after) == set(before)
    october = _archive_texts(after)["figures/2025/10/index.md"]
    assert "2 sources with figures dated October 2025, newest first." in october
    assert october.index("Added Wire, 20 October 2025: $2 billion (") < october.index("New Wire, 2 October 2025: $5 billion (")
    assert after_page["figures.md"] != before_page["figures.md"]
