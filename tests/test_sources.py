"""The seven seed articles as the site sees them (parser + sidecars), through `briefing inspect --json`."""
from __future__ import annotations

import json

from click.testing import CliRunner

from build_tools.cli import main
from conftest import REPO

EXPECTED = {
    "000_6f93749fe1e422ac.txt": [
        ("arabnews-vpn-licensing", "Pakistan starts licensing VPN providers, says users can get services from approved firms",
         "2025-11-13", "day", "Arab News", None, "ISLAMABAD", 2, 9),
        ("arabnews-imf-review", "IMF warns against policy slippage amid weak recovery as it clears $1.2 billion for Pakistan",
         "2025-12-11", "day", "Arab News", None, "ISLAMABAD", 2, 12),
    ],
    "001_1c1675cb847be731.txt": [
        ("brecorder-pasha-vpn-blocking", "VPN blocking puts IT industry at risk: P@SHA", "2024", "year",
         "Business Recorder", None, "KARACHI", 0, 12),
    ],
    "002_032f26e0b196f64d.txt": [
        ("arabnews-carec-digital-corridor", "Pakistan seeks Central Asia digital corridor routed through its Internet gateways",
         "2025-11-21", "day", "Arab News", None, "ISLAMABAD", 2, 9),
        ("arabnews-binance-talks", "Pakistan, global crypto exchange discuss modernizing digital payments, creating job prospects",
         "2025-12-05", "day", "Arab News", None, "ISLAMABAD", 2, 12),
    ],
    "003_36f32263cb1c6457.txt": [
        ("infocus-ict-2025-review", "Top 7 Pakistan’ ICT Developments in 2025; an Year of Digital Transformation",
         "2025", "year", "Infocus", "M. Wasim", None, 0, 29),
    ],
    "004_622445532fc3800b.txt": [
        ("blocknews-digital-partners", "Pakistan Seeks Global Partners for Digital Economy and Blockchain Growth",
         "2025-09-15", "day", "Block News International", "Arry Hashemi", None, 0, 8),
    ],
}
FIELDS = ("id", "title", "date", "date_precision", "publisher", "author", "dateline")


def inspect_json(name: str) -> list[dict]:
    result = CliRunner().invoke(main, ["inspect", str(REPO / "content" / "sources" / name), "--json"])
    assert result.exit_code == 0, result.output
    return json.loads(result.output)


def test_seven_articles_every_field() -> None:
    seen = 0
    for name, expected in EXPECTED.items():
        articles = inspect_json(name)
        assert len(articles) == len(expected), name
        for article, row in zip(articles, expected):
            *fields, key_points, paragraphs = row
            assert tuple(article[f] for f in FIELDS) == tuple(fields)
            assert len(article["key_points"]) == key_points
            assert len(article["paragraphs"]) == paragraphs
            assert all(p and p == p.strip() for p in article["paragraphs"])
            seen += 1
    assert seen == 7


def test_first_and_last_paragraphs_and_key_points() -> None:
    vpn, imf = inspect_json("000_6f93749fe1e422ac.txt")
    assert vpn["paragraphs"][0].startswith("Pakistan’s telecom regulator said on Thursday users can now obtain")
    assert vpn["paragraphs"][-1].startswith("Rights activists say the government’s tightening control")
    assert vpn["key_points"] == [
        "Move follows last year’s crackdown requiring VPN registration for businesses, freelancers and IT firms",
        "Government says the measure will curb militancy, while rights activists warn it targets political dissent",
    ]
    assert imf["paragraphs"][0].startswith("Pakistan’s economic recovery remains fragile")
    assert not any("REUTERS" in p or "Follow" == p for p in vpn["paragraphs"])
    (block,) = inspect_json("004_622445532fc3800b.txt")
    assert not any("Unsplash" in p for p in block["paragraphs"])
    (infocus,) = inspect_json("003_36f32263cb1c6457.txt")
    assert "Leave a Comment" not in infocus["paragraphs"]
    assert "Pakistan to produce Google Chromebooks" not in infocus["paragraphs"]


def test_inspect_text_output_names_fields() -> None:
    result = CliRunner().invoke(main, ["inspect", str(REPO / "content/sources/001_1c1675cb847be731.txt")])
    assert result.exit_code == 0
    assert "      date: 2024 (year)" in result.output
    assert " publisher: Business Recorder" in result.output
    assert "    author: (not found)" in result.output
    assert "    topics: vpn-regulation, it-exports" in result.output  # the sidecar's, to see it took effect


def test_inspect_refuses_a_briefing() -> None:
    """It read a briefing as a source and reported seven false problems ('did you mean title?')."""
    result = CliRunner().invoke(main, ["inspect", str(REPO / "briefings/vpn-regulation.md")])
    assert result.exit_code == 2
    assert result.stderr.endswith("vpn-regulation.md is a briefing; `briefing inspect` reads sources (run "
                                  "`briefing check` for a briefing's problems)\n")
