"""Key figures found in text: exact values, units and kinds, on examples and on the seed sources."""
from __future__ import annotations

from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from build_tools.index.figures import UNIT_KINDS, FigureMention, find_figures

SOURCES = Path(__file__).resolve().parents[1] / "content" / "sources"


def _source(prefix: str) -> str:
    (path,) = SOURCES.glob(f"{prefix}_*.txt")
    return path.read_text(encoding="utf-8")


def _row(f: FigureMention) -> tuple[str, float, float | None, str, str]:
    return (f.text, f.value, f.high, f.unit, f.kind)


# (input, [(text, value, high, unit, kind), ...])
EXAMPLES: list[tuple[str, list[tuple[str, float, float | None, str, str]]]] = [
    ("$1.2 billion", [("$1.2 billion", 1.2e9, None, "USD", "amount")]),
    ("$3.3 billion", [("$3.3 billion", 3.3e9, None, "USD", "amount")]),
    ("US$9.4 billion", [("US$9.4 billion", 9.4e9, None, "USD", "amount")]),
    ("US$14.5 billion", [("US$14.5 billion", 14.5e9, None, "USD", "amount")]),
    ("$5.7 billion", [("$5.7 billion", 5.7e9, None, "USD", "amount")]),
    ("$11.3 billion", [("$11.3 billion", 11.3e9, None, "USD", "amount")]),
    ("72 percent of GDP", [("72 percent", 72.0, None, "percent", "percentage")]),
    ("1.3 percent of GDP", [("1.3 percent", 1.3, None, "percent", "percentage")]),
    ("over 23 percent", [("23 percent", 23.0, None, "percent", "percentage")]),
    ("8–10 percent", [("8–10 percent", 8.0, 10.0, "percent", "percentage")]),
    ("3 percent", [("3 percent", 3.0, None, "percent", "percentage")]),
    ("$38 billion", [("$38 billion", 38e9, None, "USD", "amount")]),
    ("$25 billion", [("$25 billion", 25e9, None, "USD", "amount")]),
    ("$100-150 million", [("$100-150 million", 1e8, 1.5e8, "USD", "amount")]),
    ("3 billion dollars", [("3 billion dollars", 3e9, None, "USD", "amount")]),
    ("15 billion dollars", [("15 billion dollars", 15e9, None, "USD", "amount")]),
    ("30 percent", [("30 percent", 30.0, None, "percent", "percentage")]),
    ("tens of millions of dollars", []),
    ("2,000 megawatts", [("2,000 megawatts", 2000.0, None, "MW", "quantity")]),
    ("Rs. 60 trillion", [("Rs. 60 trillion", 6e13, None, "PKR", "amount")]),
    ("500,000 Chromebooks", [("500,000", 500000.0, None, "count", "count")]),
    ("500,000 devices", [("500,000", 500000.0, None, "count", "count")]),
    ("$5 billion", [("$5 billion", 5e9, None, "USD", "amount")]),
    ("$386 million", [("$386 million", 3.86e8, None, "USD", "amount")]),
    ("$5bn", [("$5bn", 5e9, None, "USD", "amount")]),
    ("$1.8bn", [("$1.8bn", 1.8e9, None, "USD", "amount")]),
    ("200 million", [("200 million", 2e8, None, "count", "count")]),
    ("150 million", [("150 million", 1.5e8, None, "count", "count")]),
    ("more than 92%", [("92%", 92.0, None, "percent", "percentage")]),
    ("above 60%", [("60%", 60.0, None, "percent", "percentage")]),
    ("one trillion rupees", [("one trillion rupees", 1e12, None, "PKR", "amount")]),
    ("12%", [("12%", 12.0, None, "percent", "percentage")]),
    ("402 billion rupees", [("402 billion rupees", 4.02e11, None, "PKR", "amount")]),
    ("Rs336 billion", [("Rs336 billion", 3.36e11, None, "PKR", "amount")]),
    ("a million AI professionals", [("a million", 1e6, None, "people", "count")]),
    ("50,000 AI-driven civic projects", [("50,000", 50000.0, None, "count", "count")]),
    ("1,000 local AI products", [("1,000", 1000.0, None, "count", "count")]),
    ("3000 AI Scholarship", [("3000", 3000.0, None, "count", "count")]),
    ("1000 AI Research projects", [("1000", 1000.0, None, "count", "count")]),
    ("nearly seven million people", [("seven million", 7e6, None, "people", "count")]),
    ("more than four million", [("four million", 4e6, None, "count", "count")]),
    ("37-month", [("37-month", 37.0, None, "months", "quantity")]),
    ("14 years", [("14 years", 14.0, None, "years", "quantity")]),
    ("Rs 5,000", [("Rs 5,000", 5000.0, None, "PKR", "amount")]),
    ("PKR 1.5 billion", [("PKR 1.5 billion", 1.5e9, None, "PKR", "amount")]),
    ("Rs. 2.5bn", [("Rs. 2.5bn", 2.5e9, None, "PKR", "amount")]),
    ("Rs336bn", [("Rs336bn", 3.36e11, None, "PKR", "amount")]),
    ("Rs 5 crore", [("Rs 5 crore", 5e7, None, "PKR", "amount")]),
    ("Rs 1.5 crore", [("Rs 1.5 crore", 1.5e7, None, "PKR", "amount")]),
    ("Rs 2.5 lakh", [("Rs 2.5 lakh", 2.5e5, None, "PKR", "amount")]),
    ("Rs 10 lac", [("Rs 10 lac", 1e6, None, "PKR", "amount")]),
    ("Rs 3 lakhs", [("Rs 3 lakhs", 3e5, None, "PKR", "amount")]),
    ("half a billion dollars", [("half a billion dollars", 5e8, None, "USD", "amount")]),
    ("$5m", [("$5m", 5e6, None, "USD", "amount")]),
    ("12 companies", [("12", 12.0, None, "count", "count")]),
    ("a 0.5 percentage point cut", [("0.5 percentage point", 0.5, None, "percentage points", "percentage")]),
    ("5 Gbps", [("5 Gbps", 5.0, None, "Gbps", "quantity")]),
    ("€20 million", [("€20 million", 2e7, None, "EUR", "amount")]),
    # read before as "$1.2" (US$1.2 on the key-figures page) and "Rs 1.5 lakh" (150,000 rupees)
    ("a $1.2-billion loan", [("$1.2-billion", 1.2e9, None, "USD", "amount")]),
    ("Rs500-billion", [("Rs500-billion", 5e11, None, "PKR", "amount")]),
    ("Rs 1.5 lakh crore", [("Rs 1.5 lakh crore", 1.5e12, None, "PKR", "amount")]),
]


@pytest.mark.parametrize(("text", "expected"), EXAMPLES, ids=[e[0] for e in EXAMPLES])
def test_examples_exact(text: str, expected: list[tuple[str, float, float | None, str, str]]) -> None:
    assert [_row(f) for f in find_figures(text)] == expected


@pytest.mark.parametrize(
    ("text", "context", "qualifier"),
    [
        ("high public debt, about 72 percent of GDP, thin", "of GDP", "about"),
        ("a primary surplus of 1.3 percent of GDP, a key requirement", "of GDP", ""),
        ("Inflation fell from over 23 percent to low", "", "over"),
        ("producing 500,000 Chromebooks annually by 2026", "Chromebooks", ""),
        ("with 2,000 megawatts of electricity", "megawatts", ""),
        ("the country's $38 billion annual remittance flows", "annual remittance flows", ""),
        ("nearly seven million people, damaging", "people", "nearly"),
        ("displacing more than four million, have", "", "more than"),
        ("Training a million AI professionals by 2030", "AI professionals", ""),
        ("could bring an estimated $25 billion in virtual assets", "", "an estimated"),
    ],
)
def test_context_and_qualifier(text: str, context: str, qualifier: str) -> None:
    (figure,) = find_figures(text)
    assert (figure.context, figure.qualifier) == (context, qualifier)


def test_offsets_point_at_the_text() -> None:
    text = "Reserves rose from US$9.4 billion to US$14.5 billion by June."
    figures = find_figures(text)
    assert [(f.start, f.end) for f in figures] == [(19, 33), (37, 52)]
    assert [text[f.start : f.end] for f in figures] == ["US$9.4 billion", "US$14.5 billion"]


NOT_FIGURES = [
    "2025",
    "FY26",
    "in FY2025",
    "in 2023",
    "2024–25",
    "2024-2025",
    "November 20, 2025",
    "13 November 2025",
    "Updated 21 November 2025",
    "Sep. 15, 2025",
    "on August 22, 2024",
    "the 24th Ministerial Conference",
    "the second review",
    "its first surplus",
    "1. National AI Policy:",
    "  • 6. Cybersecurity  Act 2025:",
    "Top 7 Pakistan’ ICT Developments in 2025",
    "5G Rollout",
    "Web3 skills",
    "Fortune500 customers",
    "Class Value Added Services (CVAS-Data)",
    "Alpha 3 Cubic (Steer Lucid)",
    "Vision Tech 360 (Kryptonyme VPN)",
    "the meeting began at 10:30 today",
    "at 5 pm",
    "at 5 p.m. sharp",
    "Section 3 requires a licence",
    "Article 19 of the Constitution",
    "sections 20, 21 and 37 of the act",
    "Article 19(1) or 25 guarantee",
    "Sections 20 to 24 cover offences",
    "Web 3.0 startups",
    "24/7 helplines",
    "S.R.O. 123(I)/2024 and SRO 1234(I)/2023 raised the duty",
    "@2025 Block News International",
    "COVID-19 lockdowns",
    "10 months ago",
    "version 3.5.2",
    "Copyright Business Recorder, 2024",
    "tens of millions of dollars",
    "hundreds of thousands of users",
    "millions of people",
    "call 0300 now",
]


@pytest.mark.parametrize("text", NOT_FIGURES)
def test_not_figures(text: str) -> None:
    assert find_figures(text) == []


def test_source_001_exact() -> None:
    assert [(f.text, f.unit) for f in find_figures(_source("001"))] == [
        ("30 percent", "percent"),
        ("3 billion dollars", "USD"),
        ("15 billion dollars", "USD"),
        ("5 years", "years"),
        ("$100-150 million", "USD"),
    ]


def test_source_004_exact() -> None:
    figures = find_figures(_source("004"))
    assert [_row(f) for f in figures] == [("2,000 megawatts", 2000.0, None, "MW", "quantity")]
    assert figures[0].context == "megawatts"


def test_source_000_figures() -> None:
    rows = [_row(f) for f in find_figures(_source("000"))]
    assert rows.count(("$1.2 billion", 1.2e9, None, "USD", "amount")) == 3
    for row in [
        ("$3.3 billion", 3.3e9, None, "USD", "amount"),
        ("37-month", 37.0, None, "months", "quantity"),
        ("3 percent", 3.0, None, "percent", "percentage"),
        ("23 percent", 23.0, None, "percent", "percentage"),
        ("14 years", 14.0, None, "years", "quantity"),
        ("1.3 percent", 1.3, None, "percent", "percentage"),
        ("US$9.4 billion", 9.4e9, None, "USD", "amount"),
        ("US$14.5 billion", 14.5e9, None, "USD", "amount"),
        ("seven million", 7e6, None, "people", "count"),
        ("four million", 4e6, None, "count", "count"),
        ("8–10 percent", 8.0, 10.0, "percent", "percentage"),
        ("$5.7 billion", 5.7e9, None, "USD", "amount"),
        ("$11.3 billion", 11.3e9, None, "USD", "amount"),
        ("72 percent", 72.0, None, "percent", "percentage"),
    ]:
        assert row in rows
    assert len(rows) == 17


def test_source_002_figures() -> None:
    assert [_row(f) for f in find_figures(_source("002"))] == [
        ("$38 billion", 38e9, None, "USD", "amount"),
        ("$25 billion", 25e9, None, "USD", "amount"),
    ]


def test_source_003_figures() -> None:
    figures = find_figures(_source("003"))
    rows = [_row(f) for f in figures]
    for row in [
        ("a million", 1e6, None, "people", "count"),
        ("50,000", 50000.0, None, "count", "count"),
        ("3000", 3000.0, None, "count", "count"),
        ("$386 million", 3.86e8, None, "USD", "amount"),
        ("$5bn", 5e9, None, "USD", "amount"),
        ("$1.8bn", 1.8e9, None, "USD", "amount"),
        ("half a billion dollars", 5e8, None, "USD", "amount"),
        ("Rs. 60 trillion", 6e13, None, "PKR", "amount"),
        ("200 million", 2e8, None, "count", "count"),
        ("92%", 92.0, None, "percent", "percentage"),
        ("one trillion rupees", 1e12, None, "PKR", "amount"),
        ("402 billion rupees", 4.02e11, None, "PKR", "amount"),
        ("Rs336 billion", 3.36e11, None, "PKR", "amount"),
    ]:
        assert row in rows
    assert [f.context for f in figures if f.text == "500,000"] == ["Chromebooks", "devices"]
    assert len(rows) == 21


@pytest.mark.parametrize("prefix", ["000", "001", "002", "003", "004"])
def test_sources_hold_no_years_or_list_numbers(prefix: str) -> None:
    for f in find_figures(_source(prefix)):
        assert not (f.unit == "count" and 1800 <= f.value <= 2199 and f.text.isdigit())
        assert f.text not in {"1", "2", "3", "6", "7", "24", "360"}


@given(st.text())
def test_find_figures_is_total_and_consistent(text: str) -> None:
    for f in find_figures(text):
        assert text[f.start : f.end] == f.text
        assert UNIT_KINDS[f.unit] == f.kind
        assert f.high is None or isinstance(f.high, float)
