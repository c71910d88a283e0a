"""Entities, claims, lifecycles, glossary, related items and number provenance on the real repository."""
from __future__ import annotations

import re
from pathlib import Path

import pytest
from click.testing import CliRunner

from build_tools.cli import main
from build_tools.emit.linking import AbbreviationDefinitions
from build_tools.emit.page_memo import Section
from build_tools.index.related import RelatedItem, related_items
from build_tools.model import PartialDate
from build_tools.pipeline import ProjectPaths, build_index, generate
from conftest import REPO


@pytest.fixture(scope="module")
def pages(tmp_path_factory: pytest.TempPathFactory) -> Path:
    out = tmp_path_factory.mktemp("generated")
    generate(ProjectPaths(REPO), out)
    return out


def read(pages: Path, page: str) -> str:
    return (pages / page).read_text("utf-8")


def test_entity_page_lists_mentions_with_sentences(pages: Path) -> None:
    page = read(pages, "entities/pta.md")
    assert page.startswith('---\ntitle: "Pakistan Telecommunication Authority (PTA)"')
    assert "## Mentioned in briefings (" in page and "## Mentioned in sources (" in page
    assert "### [Pakistan starts licensing VPN providers, says users can get services from approved firms]" \
           "(../sources/arabnews-vpn-licensing.md)" in page
    assert re.search(r"^- \[¶2\]\(\.\./sources/arabnews-vpn-licensing\.md#p2\): “Last year, the government cracked down on "
                     r"the use of VPNs, with the Pakistan Telecommunication Authority \(PTA\) directing", page, re.M)
    assert "## Often named with" in page


def test_claims_side_by_side_and_on_the_claimants_page(pages: Path) -> None:
    briefing = read(pages, "briefings/vpn-regulation.md")
    section = briefing[briefing.index("## Who said what"):briefing.index("## Key dates")]
    assert "### Why control VPN use?" in section
    who = re.findall(r'^\| <span class="dpb-anchor" id="(claim-\d+)"></span>\[([^\]]+)\]\(\.\./entities/([a-z0-9-]+)\.md\) '
                     r"\| ([a-z ]+) \|", section, re.M)
    assert [(w[0], w[2], w[3]) for w in who[:4]] == [
        ("claim-1", "islamabad", "government"), ("claim-2", "pta", "regulator"), ("claim-3", "pasha", "industry"),
        ("claim-4", "digital-rights-activists", "civil society")]
    activists = read(pages, "entities/digital-rights-activists.md")
    assert "## What Digital rights activists said" in activists
    # the claimant's page links to the claim's row
    assert re.search(r"^\| Why control VPN use\? \| .+ \| \[Pakistan moves from VPN registration to licensed VPN "
                     r"providers\]\(\.\./briefings/vpn-regulation\.md#claim-4\) \|", activists, re.M)


def test_measure_page_shows_lifecycle(pages: Path) -> None:
    page = read(pages, "entities/cybersecurity-act-2025.md")
    assert "**Current status: announced** (since 2025)." in page
    assert "Lifecycle: **announced** → adopted → in force → suspended → revoked" in page
    assert re.search(r"^\| 2025 \| announced \| .+ \| \[Infocus, 2025 ¶\d+\]\(\.\./sources/infocus-ict-2025-review\.md#p\d+\) \|$",
                     page, re.M)


def test_first_mention_only_is_linked(pages: Path) -> None:
    page = read(pages, "briefings/vpn-regulation.md")
    body = page[page.index("## The briefing"):page.index("## Who said what")]
    assert body.count("](../entities/pta.md)") == 1
    source = read(pages, "sources/arabnews-vpn-licensing.md")
    assert source.count("](../entities/pta.md)") == 2  # once in the text, once in "Who and what it names"


def test_abbreviation_definitions_follow_each_page(pages: Path) -> None:
    page = read(pages, "sources/arabnews-vpn-licensing.md")
    assert "*[PTA]: Pakistan Telecommunication Authority" in page
    assert "*[CVAS]:" in page
    assert "*[RAAST]:" not in page  # only the abbreviations the page uses
    glossary = read(pages, "glossary.md")
    assert "| **PTA** | Pakistan Telecommunication Authority | [Pakistan Telecommunication Authority](entities/pta.md) |" in glossary


DEFINITIONS_AT_THE_END = re.compile(r"\n\n((?:\*\[[^\]\n]+\]: [^\n]*\n)+)\Z")


def test_every_page_defines_exactly_the_abbreviations_its_whole_text_uses(pages: Path) -> None:
    """However a page was assembled (entity pages from memoized sections whose abbreviations are known
    already), its definitions are those one scan of its whole text finds."""
    index, _ = build_index(ProjectPaths(REPO))
    assert index is not None
    scan = AbbreviationDefinitions(index.glossary)
    checked = 0
    for path in sorted(pages.rglob("*.md")):
        page = path.read_text("utf-8")
        found = DEFINITIONS_AT_THE_END.search(page)
        body, definitions = (page[:found.start()] + "\n", found.group(1).rstrip("\n")) if found else (page, "")
        assert definitions == scan.definitions(body), path
        checked += bool(found)
    assert checked > 50 and any((pages / "entities").glob("*.md"))


def test_related_briefings_are_stable_and_sensible(pages: Path) -> None:
    index, problems = build_index(ProjectPaths(REPO))
    assert not problems
    again, _ = build_index(ProjectPaths(REPO))
    assert index.related_briefings == again.related_briefings
    related = [r for r, _ in index.related_briefings["vpn-regulation"]]
    assert related and "ict-year-2025" in related
    assert "## Related briefings" in read(pages, "briefings/vpn-regulation.md")
    assert "## Related sources" in read(pages, "sources/arabnews-vpn-licensing.md")


def test_a_feature_most_items_have_relates_nothing() -> None:
    """'Pakistan' in every briefing made every briefing related to every other on a small site."""
    d = PartialDate.from_iso
    items = [RelatedItem(key, frozenset({("entity", "pakistan"), *extra}), d("2025-01-01")) for key, extra in [
        ("vpn", {("topic", "vpn")}), ("vpn-2", {("topic", "vpn")}), ("imf", {("topic", "macro")}),
        ("ai", {("topic", "ai")}), ("crypto", {("topic", "crypto")})]]
    result, _ = related_items(items)
    assert [key for key, _ in result["vpn"]] == ["vpn-2"]
    assert result["imf"] == [] and result["ai"] == []
    small, _ = related_items(items[:3])  # on a site of three, a feature all three share still relates them
    assert [key for key, _ in small["imf"]] == ["vpn", "vpn-2"]


def test_related_scoring_exact() -> None:
    d = PartialDate.from_iso
    items = [
        RelatedItem("a", frozenset({("topic", "t1"), ("entity", "e1")}), d("2025-01-01")),
        RelatedItem("b", frozenset({("topic", "t1")}), d("2025-01-01")),
        RelatedItem("c", frozenset({("entity", "e1")}), None),
        RelatedItem("d", frozenset({("topic", "t9")}), d("2025-01-01")),
    ]
    result, _ = related_items(items)
    # t1 and e1 each occur in 2 of 4 items: weight = base * (1 + ln 2); same day adds 1.5
    assert result["a"] == [("b", round(2 * (1 + 0.6931471805599453) + 1.5, 6)), ("c", round(1 + 0.6931471805599453, 6))]
    assert result["d"] == []


def test_number_provenance_flags_a_changed_number(project: Path) -> None:
    rel = project / "briefings/imf-review-macro-context.md"
    text = rel.read_text("utf-8")
    lines = text.split("\n")
    number = next(i for i, l in enumerate(lines, 1) if "$1.2 billion" in l and l.rstrip().endswith("]") and not l.startswith((" ", "-", "title")))
    lines[number - 1] = lines[number - 1].replace("$1.2 billion", "$1.3 billion", 1)
    rel.write_text("\n".join(lines), "utf-8")
    result = CliRunner().invoke(main, ["check", "--root", str(project)])
    assert result.exit_code == 1
    assert re.search(rf"^briefings/imf-review-macro-context\.md:{number}: the number '\$1\.3 billion' does not appear in the "
                     r"paragraphs cited here \(arabnews-imf-review ¶[\d,]+\); cite the paragraph that states it, or correct the number$",
                     result.output, re.M), result.output


def test_unknown_entity_and_wrong_measure_type(project: Path) -> None:
    rel = project / "briefings/vpn-regulation.md"
    text = rel.read_text("utf-8")
    text = text.replace("  - claimant: pta\n", "  - claimant: ptaa\n", 1)
    text = text.replace("    measure: cvas-data-licensing\n", "    measure: pta\n", 1)
    rel.write_text(text, "utf-8")
    lines = text.split("\n")
    claim_line = lines.index("  - claimant: ptaa") + 1
    measure_line = next(i for i in range(lines.index("    measure: pta"), 0, -1) if lines[i].startswith("  - date:")) + 1
    result = CliRunner().invoke(main, ["check", "--root", str(project)])
    assert result.exit_code == 1
    out = result.output.splitlines()
    assert (f"briefings/vpn-regulation.md:{claim_line}: claimant 'ptaa' is not in content/registry/entities.yml; did you "
            "mean 'pta' (Pakistan Telecommunication Authority)? If not, add it there or fix the id") in out
    assert (f"briefings/vpn-regulation.md:{measure_line}: 'pta' is an organisation, not a measure; only measures "
            "(laws, licence regimes, policies, programmes) have a status") in out


def test_an_unknown_entity_id_spelling_a_name_alias_or_abbreviation_is_told_the_id(project: Path) -> None:
    rel = project / "briefings" / "imf-review-macro-context.md"
    text = rel.read_text("utf-8")
    assert "entities: [imf" in text
    rel.write_text(text.replace("entities: [imf", "entities: [international-monetary-fund", 1), "utf-8")
    line = text.split("\n").index(next(x for x in text.split("\n") if x.startswith("entities: [imf"))) + 1
    result = CliRunner().invoke(main, ["check", "--root", str(project)])
    assert result.exit_code == 1
    assert result.output.splitlines()[0] == (
        f"briefings/imf-review-macro-context.md:{line}: entity 'international-monetary-fund' is not in "
        "content/registry/entities.yml; did you mean 'imf' (International Monetary Fund)? If not, add it there or fix the id")


def test_suggest_entities_lists_unregistered_names(project: Path) -> None:
    registry = project / "content/registry/entities.yml"
    text = registry.read_text("utf-8")
    start = text.index("- id: nadra")
    end = text.index("\n- id:", start + 1)
    registry.write_text(text[:start] + text[end + 1:], "utf-8")
    result = CliRunner().invoke(main, ["suggest-entities", "--root", str(project), "--min-count", "1", "--limit", "200"])
    assert result.exit_code == 0
    assert re.search(r"^\s+1  NADRA$", result.output, re.M)
    assert "Khan" not in result.output.split()


def test_related_items_survive_features_shared_by_thousands() -> None:
    """Each of 3,000 items shares its entity with 299 others (only the nearest in time are walked); the
    topic all of them have relates none of them."""
    d = PartialDate.from_iso
    items = [RelatedItem(f"s{i:05d}", frozenset({("topic", "common"), ("entity", f"e{i % 10}")}), d(f"20{10 + i // 365:02d}"))
             for i in range(3000)]
    items.append(RelatedItem("rare-1", frozenset({("topic", "common"), ("entity", "rare")}), d("2015")))
    items.append(RelatedItem("rare-2", frozenset({("topic", "common"), ("entity", "rare")}), d("2015")))
    items.append(RelatedItem("only-common", frozenset({("topic", "common")}), d("2015")))
    result, _ = related_items(items)
    assert all(result[item.key] for item in items if item.key != "only-common")  # nobody loses related items at scale
    assert result["only-common"] == []                           # sharing what everyone has relates nothing
    assert result["rare-1"][0][0] == "rare-2"                    # the rare shared entity wins


# --- what a reader sees (found by a review of the built site) ----------------------------------------

def test_quoted_briefing_text_has_no_markdown_markers(pages: Path) -> None:
    pakistan = read(pages, "entities/pakistan.md")
    assert ": “How Pakistan got here”" in pakistan and "“\\###" not in pakistan  # escaped, as it was shown
    cited_by = read(pages, "sources/arabnews-vpn-licensing.md")
    assert "“Alpha 3 Cubic (Steer Lucid); Zettabyte (Crest VPN); Nexilium Tech (Kestrel VPN); " in cited_by
    assert "“\\-" not in cited_by
    # items that end in their own semicolon are not given a second one ("by 2030;; 50,000")
    ict = read(pages, "sources/infocus-ict-2025-review.md")
    assert "“training a million AI professionals by 2030; 50,000 AI-driven civic projects; 1,000 local AI" in ict
    assert ";;" not in ict


def test_a_quotation_in_a_quoted_sentence_gets_single_quotes(pages: Path) -> None:
    """The sentence opened with two double quotes: ““I encourage ...””."""
    carec = read(pages, "entities/carec.md")
    assert ": “‘I encourage the early establishment of a joint working group to steer the process under CAREC’s " \
           "digital agenda.’”" in carec
    assert "““" not in carec and "““" not in read(pages, "entities/adb.md")


def test_a_source_page_says_where_the_whole_article_is(pages: Path) -> None:
    page = read(pages, "sources/arabnews-vpn-licensing.md")
    assert ("*We publish an excerpt and the paragraphs our briefings cite; the whole article is in the original "
            "(Arab News, 13 November 2025), whose address we have not recorded.*") in page
    assert "| Detail | Value |" in page


def test_a_description_is_cut_at_a_word(pages: Path) -> None:
    page = read(pages, "sources/arabnews-imf-review.md")
    description = re.search(r'^description: "(.*)"$', page, re.M).group(1)
    assert description.endswith("the International Monetary Fund (IMF)…") and len(description) <= 200


def test_status_words_and_pagers_read_as_words(pages: Path) -> None:
    briefing = read(pages, "briefings/vpn-regulation.md")
    assert "*([VPN registration requirement](../entities/vpn-registration.md): in force)*" in briefing
    assert "*Published 22 November 2025 · not updated since · facts last verified 12 December 2025*" in briefing
    entities = read(pages, "entities/index.md")
    assert "Page 1 of 2 · [Next →](page-2.md)" in entities and "Older" not in entities


def test_a_paragraph_not_on_the_source_page_is_not_linked_as_if_it_were(pages: Path) -> None:
    page = read(pages, "entities/google.md")
    assert "- [¶16](../sources/infocus-ict-2025-review.md) (not quoted in full on the source page): " in page


def test_a_source_with_its_own_topics_is_listed_under_those_only(pages: Path) -> None:
    """The Business Recorder piece on VPN blocking was listed under AI policy because an AI briefing cites it."""
    index, _ = build_index(ProjectPaths(REPO))
    assert index.topics_of_article["brecorder-pasha-vpn-blocking"] == ["it-exports", "vpn-regulation"]
    assert "brecorder-pasha-vpn-blocking" not in index.articles_by_topic.get("ai-policy", [])


def test_a_scrollable_drawing_takes_the_keyboard_focus(pages: Path) -> None:
    page = read(pages, "timeline.md")
    assert '<figure class="dpb-figure dpb-timeline-figure" tabindex="0" data-search-exclude data-pagefind-ignore="all">' in page


def test_a_writer_in_a_byline_and_a_city_in_a_dateline_are_mentions(pages: Path) -> None:
    """Their entity pages said 'No source or briefing names this entity yet'."""
    assert "- [byline](../sources/blocknews-digital-partners.md): “Arry Hashemi”" in read(pages, "entities/arry-hashemi.md")
    assert "- [dateline](../sources/brecorder-pasha-vpn-blocking.md): “KARACHI”" in read(pages, "entities/karachi.md")


def test_quoted_briefing_text_shows_the_words_not_the_markdown(project: Path) -> None:
    """Emphasis, links and code in a cited paragraph, and a cited table, are quoted as a reader sees them."""
    (project / "content/sources/quote-test-source.md").write_text(
        "---\nid: quote-test-source\ntitle: A source for the quote test\ndate: '2025-11'\npublisher: Test Wire\n---\n"
        "The Pakistan Telecommunication Authority will license VPN providers within weeks.\n\n"
        "Exports were 3.2 billion dollars in 2024 and 3.8 billion dollars in 2025.\n", "utf-8")
    (project / "briefings/quote-test.md").write_text(
        "---\ntitle: A briefing for the quote test\ndate: 2025-11-24\nsummary: What it is about.\n"
        "topics: [vpn-regulation]\nsources: [quote-test-source]\nkey_points:\n  - One takeaway.\n---\n"
        "The **PTA** will [license](https://www.pta.gov.pk/) `VPN` providers *within weeks*. [@quote-test-source:1]\n\n"
        "| Year | Exports |\n|---|---|\n| 2024 | 3.2 billion dollars |\n| 2025 | 3.8 billion dollars [@quote-test-source:2] |\n",
        "utf-8")
    out = project / "generated"
    generate(ProjectPaths(project), out)
    source = (out / "sources/quote-test-source.md").read_text("utf-8")
    assert "“The PTA will license VPN providers within weeks.”" in source
    assert "“Year · Exports; 2024 · 3.2 billion dollars; 2025 · 3.8 billion dollars”" in source
    entity = (out / "entities/pta.md").read_text("utf-8")
    assert "“The PTA will license VPN providers within weeks.”" in entity


GLOSSARY = {"PTA": "Pakistan Telecommunication Authority", "SBP": "State Bank of Pakistan", "Rs": "Rupees"}


@pytest.mark.parametrize("pieces, expected", [  # a (text, findings) pair stands for a Section
    # a scanned piece of whole lines: its findings are taken, its text not scanned again
    (["# Page\n\n", ("- SBP said\n", frozenset({"SBP"})), "PTA too\n"], ["PTA", "SBP"]),
    (["# Page\n\n", ("- nothing named\n", frozenset({"SBP"}))], ["SBP"]),
    # not whole lines (ends mid-line, or follows text that does): scanned with the page
    (["# Page\n\n", ("- PTA said", frozenset()), " more\n"], ["PTA"]),
    (["# Page, ", ("PTA said\n", frozenset())], ["PTA"]),
    # pieces not scanned apart run into each other as on the page
    (["# P", "TA and R", "s\n"], ["PTA", "Rs"]),
    (["# PTA", ("x\n", frozenset())], []),  # "PTAx" is no mention of PTA
    ([("", frozenset()), "PTA\n"], ["PTA"]),
])
def test_abbreviations_of_a_page_in_pieces_are_those_of_the_page(pieces: list, expected: list[str]) -> None:
    pieces = [Section.holding(piece[0].encode(), piece[1]) if isinstance(piece, tuple) else piece for piece in pieces]
    page = AbbreviationDefinitions(GLOSSARY).append_pieces(pieces).decode()
    body = "".join(piece.data.decode() if isinstance(piece, Section) else piece for piece in pieces)
    definitions = [f"*[{term}]: {GLOSSARY[term]}" for term in expected]
    assert page == (body.rstrip("\n") + "\n\n" + "\n".join(definitions) + "\n" if definitions else body)


def test_a_glossary_term_with_a_line_break_makes_every_piece_scanned() -> None:
    tooltips = AbbreviationDefinitions({**GLOSSARY, "two\nlines": "A term across a line break"})
    page = tooltips.append_pieces(["# Page\n\n", Section.holding(b"- SBP said\n", frozenset())])
    assert page.endswith(b"\n\n*[SBP]: State Bank of Pakistan\n")
