"""Page weight: a briefing page with all its assets stays light for slow phone connections.

The figures printed here are recorded in README.md ("Page weight"). Sizes are bytes as served by
a plain static server (no compression): an upper bound on what GitHub Pages transfers with gzip.
"""
from __future__ import annotations

import gzip

BUDGET_BYTES = 400 * 1024


def first_load(page, url: str) -> dict[str, bytes]:
    bodies: dict[str, bytes] = {}

    def record(response) -> None:
        if response.request.method == "GET" and response.status == 200:
            try:
                bodies[response.url] = response.body()
            except Exception:  # a body the browser discarded (e.g. a redirect) has no bytes to count
                pass

    page.on("response", record)
    page.goto(url, wait_until="networkidle")
    return bodies


def test_briefing_page_weight_under_budget(page, base_url: str) -> None:
    bodies = first_load(page, base_url + "briefings/vpn-regulation/")
    raw = sum(len(b) for b in bodies.values())
    zipped = sum(len(gzip.compress(b, 9)) for b in bodies.values())
    print(f"\nbriefing page first load: {len(bodies)} files, {raw / 1024:.0f} KB raw, {zipped / 1024:.0f} KB gzipped")
    assert not [u for u in bodies if "/pagefind/" in u], "search files are fetched before a reader opens search"
    assert not [u for u in bodies if u.endswith("sitemap.xml")], "the page fetches the sitemap (it grows with the site)"
    assert any(u.endswith("/briefings/vpn-regulation/") for u in bodies)
    assert any(".css" in u for u in bodies) and any(".js" in u for u in bodies)
    assert raw < BUDGET_BYTES, f"{raw} bytes on first load: {sorted((len(b), u) for u, b in bodies.items())}"
