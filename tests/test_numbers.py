"""Number provenance: briefing numbers must be stated by the paragraphs they cite."""
from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from build_tools.index.numbers import NumberToken, numbers_in, unsupported_numbers


def _flagged(briefing: str, *cited: str) -> list[str]:
    return [t.text for t in unsupported_numbers(briefing, list(cited))]


@pytest.mark.parametrize(
    ("briefing", "source"),
    [
        ("$1.2 billion", "1.2 billion dollars"),
        ("$1.2 billion", "$1.2bn"),
        ("1.2 billion dollars", "US$1.2 billion"),
        ("72%", "72 percent"),
        ("72 percent", "72 per cent"),
        ("500,000", "500000"),
        ("half a billion dollars", "$0.5 billion"),
        ("seven million", "7 million"),
        ("7 million people", "nearly seven million people"),
        ("four cables", "4 cables"),
        ("about $5.7 billion", "$5.7 billion"),
        ("$5.7 billion", "about $5.7 billion"),
        ("over 23 percent", "23 percent"),
        ("Rs. 60 trillion", "Rs 60 trillion"),
        ("PKR 336 billion", "Rs336bn"),
        ("Rs 1 crore", "Rs 10 million"),
        ("8-10 percent", "8–10 percent"),
        ("$100–150 million", "$100-150 million"),
        ("37 months", "the 37-month program"),
        ("2,000 MW", "2,000 megawatts"),
        ("in 2025", "the 2025 monsoon floods"),
        ("in 2025", "Updated 13 November 2025"),
        ("in 2025", "its annual report for 2024–25"),
        ("November 2025", "13 November 2025"),
        ("13 November 2025", "November 13, 2025"),
        ("on 13 November", "Updated 13 November 2025"),
        ("2024-2025", "2024–25"),
        ("FY26", "FY2025-26"),
        ("the 24th conference", "the 24th CAREC conference"),
    ],
)
def test_supported_across_forms(briefing: str, source: str) -> None:
    assert _flagged(briefing, source) == []


@pytest.mark.parametrize(
    ("briefing", "source", "flagged"),
    [
        ("The IMF cleared $1.3 billion.", "it clears $1.2 billion for Pakistan", ["$1.3 billion"]),
        ("Inflation 8–10 percent", "between 8 percent and 10 percent", ["8–10 percent"]),
        ("$5 billion", "Rs 5 billion", ["$5 billion"]),
        ("72 percent", "72 percentage points", ["72 percent"]),
        ("in 2024", "in 2025", ["2024"]),
        ("14 November 2025", "13 November 2025", ["14 November 2025"]),
        ("FY25", "in 2025", ["FY25"]),
        ("in total $4.5 billion", "$1.2 billion and $3.3 billion", ["$4.5 billion"]),
        ("3 percent growth", "growth of 3.1 percent", ["3 percent"]),
    ],
)
def test_unsupported_is_flagged(briefing: str, source: str, flagged: list[str]) -> None:
    assert _flagged(briefing, source) == flagged


def test_flagged_token_fields() -> None:
    (token,) = unsupported_numbers("Fund cleared $1.3 billion.", ["$1.2 billion"])
    assert token == NumberToken(1.3e9, None, "$1.3 billion", 13, 25, "USD")


def test_any_cited_text_may_support() -> None:
    briefing = "Reserves rose to US$14.5 billion; debt is about 72 percent of GDP."
    assert _flagged(briefing, "reserves of US$14.5 billion", "debt, about 72 percent") == []
    assert _flagged(briefing, "reserves of US$14.5 billion") == ["72 percent"]
    assert _flagged(briefing) == ["US$14.5 billion", "72 percent"]


def test_citation_markup_is_ignored() -> None:
    briefing = "Growth recovered to 3 percent [@imf-2025:3-4, 7; @arab-news:2]."
    assert [t.text for t in numbers_in(briefing)] == ["3 percent"]
    assert _flagged(briefing, "Growth recovered to 3 percent last year.") == []
    assert numbers_in("[@src:3-4]") == []


def test_markdown_markup_is_ignored() -> None:
    text = (
        "1. See [the 2025 review](https://example.org/2024/11/77 \"IMF 9\") and `code 55`.[^4]\n"
        "2) Figures [3] <span data-n=\"8\">in</span> https://e.com/99 here.\n"
        "- 3. Nested marker\n"
        "```\n12345\n```\n"
    )
    assert [t.text for t in numbers_in(text)] == ["2025"]


def test_token_kinds() -> None:
    text = "On 13 November 2025, in FY26 and 2024–25, the 24th round gave seven firms $5bn."
    assert [(t.text, t.value, t.high, t.unit) for t in numbers_in(text)] == [
        ("13 November 2025", 20251113.0, None, "date"),
        ("FY26", 2026.0, None, "fiscal year"),
        ("2024–25", 2024.0, 2025.0, "year"),
        ("24th", 24.0, None, "ordinal"),
        ("seven", 7.0, None, None),
        ("$5bn", 5e9, None, "USD"),
    ]


def test_not_numbers() -> None:
    text = "5G, Web3, Fortune500 and COVID-19 at 10:30; the second review and first surplus."
    assert numbers_in(text) == []


@pytest.mark.parametrize(
    "text",
    [
        "Section 37 of PECA lets the PTA block content.",
        "under Article 19 of the Constitution",
        "sections 20, 21 and 37 apply; so do Sections 20 to 24",
        "Section 37(1) and clause 5(b)",
        "Act No. 5, item 7, rule 4, Schedule 2, Chapter 3, paragraph 9",
        "CPEC Phase 2 and version 3",
        "Web 3.0 firms and Industry 4.0",
        "helplines open 24/7 since 9/11; a 2/3 majority; on 15/09/2025",
        "the FBR's S.R.O. 123(I)/2024, SRO 350 and SRO 1234(I)/2023; notification 45(KE)/2022",
    ],
)
def test_names_of_provisions_versions_and_slash_forms_are_not_numbers(text: str) -> None:
    assert numbers_in(text) == []


def test_numbers_near_names_are_still_read() -> None:
    text = ("Under Section 3, 500,000 people registered; the top 10 markets; tier 2 cities; "
            "12 companies and 37 banks; the rate was 3.0 in May; Rs 500/month; the Act 2016; the U.S. 25 per cent "
            "tariff; 40(a) firms.")
    assert [t.text for t in numbers_in(text)] == ["500,000", "10", "2", "12", "37", "3.0", "Rs 500", "2016",
                                                  "25 per cent", "40"]
    assert _flagged("PECA's Section 37 reaches 12 platforms.", "Peca governs platforms") == ["12"]


_PIECES = st.sampled_from(
    [" ", "\n", "1", "2,000", "2025", "–", "-", ".", ",", "$", "US$", "Rs.", "PKR ", "%",
     " percent", " billion", "bn", " million", " crore", "seven", "half a", " dollars", "FY",
     "13 November", " 2025", "Sep. 15", "24th", "[@src:3-4]", "](", ")", "`", "[^", "]", "#",
     "-month", " years", "a", ":", "@", "e", "G"]
)
_MARKDOWNISH = st.lists(_PIECES, max_size=30).map("".join)
_TEXTS = st.one_of(st.text(), _MARKDOWNISH)


@given(_TEXTS)
def test_numbers_in_is_total_and_deterministic(text: str) -> None:
    first = numbers_in(text)
    assert first == numbers_in(text)
    for token in first:
        assert text[token.start : token.end] == token.text


@given(_TEXTS)
def test_a_text_supports_itself(text: str) -> None:
    assert unsupported_numbers(text, [text]) == []


def test_numbers_in_link_text_with_an_at_sign_are_read() -> None:
    assert [t.text for t in numbers_in("[P@SHA says 12%](https://example.org) [@src:3]")] == ["12%"]
