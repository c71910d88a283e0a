"""The data behind the site as JSON (build_tools/emit/data_export.py): exact records, no source text."""
from __future__ import annotations

import json

import pytest

from build_tools.emit.data_export import BRIEFINGS, ENTITIES, SOURCES, TOPICS, emit_data_export
from build_tools.index.site import SiteIndex
from build_tools.pipeline import ProjectPaths, build_index
from conftest import REPO


@pytest.fixture(scope="module")
def index() -> SiteIndex:
    built, problems = build_index(ProjectPaths(REPO))
    assert not problems and built is not None
    return built


@pytest.fixture(scope="module")
def data(index: SiteIndex) -> dict[str, dict]:
    files = emit_data_export(index)
    assert sorted(files) == ["data/briefings.json", "data/entities.json", "data/sources.json", "data/topics.json"]
    return {path: json.loads(text) for path, text in files.items()}


def test_sources_carry_metadata_and_links_but_no_text(data: dict[str, dict], index: SiteIndex) -> None:
    document = data[SOURCES]
    assert document["format"] == 1
    sources = {s["id"]: s for s in document["sources"]}
    assert list(sources) == list(index.articles)  # newest first, as on the site
    vpn = sources["arabnews-vpn-licensing"]
    assert vpn["title"] == "Pakistan starts licensing VPN providers, says users can get services from approved firms"
    assert vpn["publisher"] == "Arab News"
    assert vpn["date"] == {"value": "2025-11-13", "precision": "day"}
    assert vpn["cited_by"] == ["vpn-regulation"]
    assert "pta" in vpn["entities"]
    assert sources["infocus-ict-2025-review"]["date"] == {"value": "2025", "precision": "year"}
    text = json.dumps(document)
    assert "Class Licenses have been granted" not in text  # a cited paragraph of that article
    assert "paragraphs" not in vpn


def test_briefings_carry_claims_and_events_with_citations(data: dict[str, dict]) -> None:
    briefings = {b["id"]: b for b in data[BRIEFINGS]["briefings"]}
    vpn = briefings["vpn-regulation"]
    assert vpn["date"] == {"value": "2025-11-22", "precision": "day"}
    assert vpn["topics"] == ["vpn-regulation", "internet-controls", "it-exports"]
    assert "arabnews-vpn-licensing" in vpn["sources"]
    claim = vpn["claims"][0]
    assert set(claim) == {"claimant", "claimant_type", "point", "statement", "citations"}
    assert claim["citations"] and set(claim["citations"][0]) == {"source", "paragraphs"}
    event = vpn["events"][0]
    assert event["date"]["precision"] in ("day", "month", "year") and event["citations"]


def test_entities_and_topics(data: dict[str, dict], index: SiteIndex) -> None:
    entities = {e["id"]: e for e in data[ENTITIES]["entities"]}
    assert len(entities) == len(index.registry.entities)
    pta = entities["pta"]
    assert (pta["name"], pta["type"], pta["abbreviation"]) == ("Pakistan Telecommunication Authority", "organisation", "PTA")
    assert pta["mentioned_in"]["sources"] >= 1 and pta["mentioned_in"]["briefings"] >= 1
    topics = {t["id"]: t for t in data[TOPICS]["topics"]}
    assert topics["vpn-regulation"]["name"] == "VPN regulation"
    assert "vpn-regulation" in topics["vpn-regulation"]["briefings"]
