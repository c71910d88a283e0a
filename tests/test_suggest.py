"""The 'did you mean' of a mistaken registry id (build_tools/index/suggest.py)."""
from __future__ import annotations

import pytest

from build_tools.index.suggest import likely_id

TOPICS = {"ai-policy": ["AI policy"], "telecom": ["Telecommunications"], "vpn-regulation": ["VPN regulation"],
          "internet-controls": ["Internet controls"]}
ENTITIES = {"imf": ["International Monetary Fund", "the Fund", "IMF"], "pta": ["Pakistan Telecommunication Authority", "PTA"],
            "pti": ["Pakistan Tehreek-e-Insaf", "PTI"]}


@pytest.mark.parametrize("wanted, meant", [("vpn-regulations", "vpn-regulation"), ("ai-polcy", "ai-policy"),
                                           ("telecommunications", "telecom"), ("Internet Controls", "internet-controls"),
                                           ("elections", None), ("space-policy", None)])
def test_a_topic_meant(wanted: str, meant: str | None) -> None:
    assert likely_id(wanted, TOPICS) == meant


@pytest.mark.parametrize("wanted, meant", [("international-monetary-fund", "imf"), ("the-fund", "imf"), ("ptaa", "pta"),
                                           ("pakistan-tehreek-e-insaf", "pti"), ("ptx", None), ("world-bank", None)])
def test_an_entity_meant(wanted: str, meant: str | None) -> None:
    assert likely_id(wanted, ENTITIES) == meant
