"""Text from sources and briefings is data: scripts planted in content never run in a reader's browser."""
from __future__ import annotations

import os
import subprocess
import sys
from typing import Iterator

import pytest

from conftest import copy_project

from .server import StaticServer

PAYLOADS = [
    "<script>window.__pwned = 'script'</script>",
    "<img src=x onerror=\"window.__pwned = 'onerror'\">",
    "<svg onload=\"window.__pwned = 'svg'\"></svg>",
]
SOURCE = """---
id: planted-source
title: "Planted <script>window.__pwned = 'title'</script> title"
publisher: "Evil <img src=x onerror=\\"window.__pwned = 'publisher'\\"> Times"
date: 2025-10-01
---

First paragraph {payloads} with a [link](javascript:window.__pwned='link') and the PTA.

Second paragraph <iframe src="javascript:window.__pwned='iframe'"></iframe> ends here.
"""
# A briefing's front-matter texts cannot carry a tag or a link: `briefing check` reports them
# (tests/test_bad_input.py); what it lets through must still be escaped.
BRIEFING = """---
title: "Injected < script>window.__pwned = 'briefing-title'</ script> {{: onclick=\\"window.__pwned = 'title'\\" }}"
date: 2025-10-02
summary: "Summary ](javascript:window.__pwned='summary') &lt;img src=x onerror=alert(1)&gt;"
topics: [vpn-regulation]
sources: [planted-source]
key_points:
  - "Point [x] (javascript:window.__pwned = 'point')"
---

Body {payloads} [click me](javascript:window.__pwned='body-link') and [ref][r] {{: onclick="window.__pwned='attr'" }} [@planted-source:1-2]

[r]: java&#115;cript:window.__pwned='ref'
"""


@pytest.fixture(scope="module")
def planted_site(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    project = copy_project(tmp_path_factory.mktemp("planted") / "project")
    payloads = " ".join(PAYLOADS)
    (project / "content/sources/planted.md").write_text(SOURCE.format(payloads=payloads), "utf-8")
    (project / "briefings/planted.md").write_text(BRIEFING.format(payloads=payloads), "utf-8")
    site = project / "built"
    result = subprocess.run([sys.executable, "-m", "mkdocs", "build", "--strict", "-q", "-d", str(site)], cwd=project,
                            env=dict(os.environ, NO_MKDOCS_2_WARNING="1"), capture_output=True, text=True, timeout=600)
    assert result.returncode == 0, result.stdout + result.stderr
    with StaticServer(site) as url:
        yield url


@pytest.mark.parametrize("path", ["briefings/planted/", "sources/planted-source/", "sources/", "briefings/", "",
                                  "entities/pta/"])
def test_no_planted_script_runs(page, planted_site: str, path: str) -> None:
    dialogs: list[str] = []
    page.on("dialog", lambda dialog: (dialogs.append(dialog.message), dialog.dismiss()))
    page.goto(planted_site + path, wait_until="networkidle")
    for link in page.locator("article a").all():
        href = link.get_attribute("href") or ""
        assert not href.strip().lower().startswith(("javascript:", "data:", "vbscript:")), href
    assert page.evaluate("window.__pwned") is None
    assert page.locator("article script, article iframe, article img[onerror], article [onclick], article svg[onload]").count() == 0
    assert dialogs == []


def test_planted_text_is_shown_as_text(page, planted_site: str) -> None:
    page.goto(planted_site + "sources/planted-source/")
    text = page.locator("article").inner_text()
    assert "window.__pwned = 'script'" in text  # visible as words, not executed
