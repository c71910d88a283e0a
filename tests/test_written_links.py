"""Links contributors write in briefings and static pages: reported at their line by `briefing check` and
by the build (MkDocs' strict build only named the generated copy of the file, with no line)."""
from __future__ import annotations

from pathlib import Path

import pytest
from click.testing import CliRunner

from build_tools.cli import main
from build_tools.emit.written_links import how_to_link, link_problem
from build_tools.errors import BuildFailed
from build_tools.pipeline import ProjectPaths, generate
from conftest import snapshot

BRIEFING = "briefings/vpn-regulation.md"
PAGE = "briefings/vpn-regulation.md"  # where the briefing's page is generated
KNOWN = {"briefings/vpn-regulation.md", "briefings/imf-review-macro-context.md", "sources/arabnews-vpn-licensing.md",
         "entities/pta.md", "methodology.md", "about.md", "index.md", "briefings/index.md", "assets/extra.css"}


@pytest.mark.parametrize("target", [
    "imf-review-macro-context.md", "imf-review-macro-context.md#why-it-matters", "../sources/arabnews-vpn-licensing.md#p-3",
    "../entities/pta.md", "../methodology.md", "index.md", "../assets/extra.css", "#key-points", "https://example.com/x",
    "mailto:editor@example.com", "//example.com/x", "imf%2Dreview-macro-context.md",
])
def test_links_to_pages_the_site_has_pass(target: str) -> None:
    assert link_problem(target, PAGE, KNOWN) is None


@pytest.mark.parametrize("target, message", [
    ("imf-review.md", "the link 'imf-review.md' leads to no page or file of the site; did you mean "
                      "'imf-review-macro-context.md'?"),
    ("../sources/arabnews-vpn-licencing.md", "the link '../sources/arabnews-vpn-licencing.md' leads to no page or "
                                             "file of the site; did you mean '../sources/arabnews-vpn-licensing.md'?"),
    ("imf-review-macro-context", "the link 'imf-review-macro-context' names a page's address; write the page's file "
                                 "instead: 'imf-review-macro-context.md'"),
    ("../briefings/", "the link '../briefings/' names a page's address; write the page's file instead: 'index.md'"),
    ("/briefings/imf-review-macro-context/", "the link '/briefings/imf-review-macro-context/' starts with '/', which does "
                                             f"not work for a site published in a folder; {how_to_link(PAGE)}"),
    ("vpn-chart.png", f"the link 'vpn-chart.png' leads to no page or file of the site; {how_to_link(PAGE)}"),
])
def test_links_to_no_page_are_explained(target: str, message: str) -> None:
    assert link_problem(target, PAGE, KNOWN) == message


def test_how_to_link_is_written_from_the_page() -> None:
    assert how_to_link(PAGE) == ("link a page of this site by its file, relative to this page: a briefing as 'ID.md', "
                                 "a source as '../sources/ID.md', an entity as '../entities/ID.md'")
    assert how_to_link("about.md").endswith("a briefing as 'briefings/ID.md', a source as 'sources/ID.md', an entity as "
                                           "'entities/ID.md'")


def append(project: Path, rel: str, text: str) -> int:
    """Appends ``text`` to the file; the line number its first line lands on."""
    path = project / rel
    old = path.read_text("utf-8")
    if not old.endswith("\n"):
        old += "\n"
    path.write_text(old + text, "utf-8")
    return old.count("\n") + 1


def test_check_and_build_report_broken_written_links_at_their_lines(project: Path) -> None:
    line = append(project, BRIEFING, "\nSee [the review](imf-review.md), not `[code](nowhere.md)`, and "
                                     "[the regulator](../entities/pta.md) [@arabnews-vpn-licensing:1].\n\n"
                                     "```\n[in a code block](nowhere.md)\n```\n") + 1
    page_line = append(project, "content/pages/about.md", "\nRead [the methodology](methodolgy.md).\n") + 1
    expected = [
        f"{BRIEFING}:{line}: the link 'imf-review.md' leads to no page or file of the site; did you mean "
        "'imf-review-macro-context.md'?",
        f"content/pages/about.md:{page_line}: the link 'methodolgy.md' leads to no page or file of the site; did you "
        "mean 'methodology.md'?",
    ]
    result = CliRunner().invoke(main, ["check", "--root", str(project)])
    assert result.exit_code == 1
    assert result.output.splitlines() == [*expected, "2 problems found; fix them and run again."]
    with pytest.raises(BuildFailed) as failed:
        generate(ProjectPaths(project))
    assert [str(problem) for problem in failed.value.problems] == expected
    assert snapshot(project / "generated") == {}  # nothing written
