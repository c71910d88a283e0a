"""The reader's site in a real browser (issue 5): Debian's Chromium driven by Playwright against the built site.

Every test's page fixture also fails the test on any request to a host other than 127.0.0.1 and on any console
error (see conftest.py).
"""
from __future__ import annotations

import re
import time
import urllib.request
from collections import deque
from html.parser import HTMLParser
from pathlib import Path
from urllib.error import HTTPError
from urllib.parse import unquote, urldefrag, urljoin, urlsplit

import pytest

# One page of each type; optional ones are skipped (only themselves) while the build does not make them yet.
PAGE_TYPES = {
    "home": "",
    "briefing": "briefings/vpn-regulation/",
    "source": "sources/arabnews-vpn-licensing/",
    "entity": "entities/pta/",
    "topic": "topics/vpn-regulation/",
    "glossary": "glossary/",
    "sources-index": "sources/",
    "sources-year": "sources/archive/2025/",
    "sources-month": "sources/archive/2025/11/",
    "timeline": "timeline/",
    "figures": "figures/",
}
def _page_path(site_dir: Path, kind: str) -> str:
    path = PAGE_TYPES[kind]
    if not (site_dir / path / "index.html").is_file():
        pytest.fail(f"the build has no {kind} page at {path}")
    return path


def test_home_page(page, base_url: str) -> None:
    page.goto(base_url)
    h1 = page.locator("article h1").first
    assert h1.inner_text().strip().rstrip("¶").strip() == "Digital Pakistan Briefings"
    links = page.locator("article a[href*='briefings/']")
    assert links.count() > 0, "the home page links to no briefing"
    hrefs = [links.nth(i).get_attribute("href") for i in range(links.count())]
    assert any(re.search(r"briefings/[^/#]+/", h or "") for h in hrefs), hrefs


def _open_search(page) -> None:
    """Opens Pagefind's dialog from the header button (a field on desktop, a magnifier on phones)."""
    assert page.evaluate("!performance.getEntriesByType('resource').some(e => e.name.includes('/pagefind/'))"), \
        "search files were fetched before the reader asked for search"
    page.locator(".dpb-search__button").click()
    page.wait_for_function("() => document.activeElement && document.activeElement.closest('pagefind-modal')")


@pytest.mark.parametrize("viewport", ["page", "phone_page"])
def test_search_for_vpn_opens_a_matching_page(request, base_url: str, viewport: str) -> None:
    page = request.getfixturevalue(viewport)
    page.goto(base_url)
    _open_search(page)
    page.keyboard.type("VPN", delay=50)
    results = page.locator("pagefind-modal a.pf-result-link")
    results.first.wait_for(state="visible", timeout=10_000)
    assert results.count() > 0
    before = page.url
    results.first.click()
    page.wait_for_url(lambda url: url != before, timeout=10_000)
    page.wait_for_load_state("load")
    assert "VPN" in page.locator("article").inner_text()


@pytest.mark.parametrize("viewport", ["page", "phone_page"])
def test_search_button_stays_under_the_pointer_while_search_loads(request, base_url: str, viewport: str) -> None:
    """Reaching for the button fetches Pagefind's stylesheet before its script. Pagefind's dialog parts, not yet
    made into a dialog by the script, must stay hidden in that gap: styled by the sheet, they had covered the
    button on phones, so a tap landed on them and opened nothing (seen as a flaky test under load)."""
    page = request.getfixturevalue(viewport)
    held = []
    page.route("**/pagefind/pagefind-component-ui.js", lambda route: held.append(route))
    page.goto(base_url)
    button = page.locator(".dpb-search__button")
    before = button.bounding_box()
    button.dispatch_event("pointerenter")  # the reader reaches for search: the stylesheet loads, the script is held
    page.wait_for_function("() => { const l = document.querySelector('link[data-dpb-search]'); return l && l.sheet; }")
    page.wait_for_timeout(100)  # let the loaded sheet apply
    assert len(held) == 1
    assert button.bounding_box() == before
    under_pointer = page.evaluate("""([x, y]) => {
        const hit = document.elementFromPoint(x, y);
        return hit.closest('.dpb-search__button') ? 'the button' : hit.outerHTML.slice(0, 60);
    }""", [before["x"] + before["width"] / 2, before["y"] + before["height"] / 2])
    assert under_pointer == "the button"
    button.click()  # while the script is still on its way
    held[0].continue_()
    page.wait_for_function("() => document.activeElement && document.activeElement.closest('pagefind-modal')")


def test_search_shortcut_opens_the_dialog(page, base_url: str) -> None:
    page.goto(base_url + "briefings/vpn-regulation/")
    page.keyboard.press("Control+k")
    page.wait_for_function("() => document.activeElement && document.activeElement.closest('pagefind-modal')")
    page.keyboard.press("Escape")
    page.wait_for_function("() => !document.activeElement || !document.activeElement.closest('pagefind-modal')")
    page.keyboard.press("/")
    page.wait_for_function("() => document.activeElement && document.activeElement.closest('pagefind-modal')")


def _indexed(page, base_url: str, query: str) -> dict[str, dict]:
    """Pagefind's own record of each page a query finds: URL -> {title, content} as indexed."""
    return page.evaluate("""async ([bundle, query]) => {
        const pagefind = await import(bundle + "pagefind.js");
        const search = await pagefind.search(query);
        const found = {};
        for (const result of search.results) {
            const data = await result.data();
            found[new URL(data.url, location.href).pathname] = {title: data.meta.title, content: data.content};
        }
        return found;
    }""", [base_url + "pagefind/", query])


def test_search_index_keeps_titles_and_summaries_but_not_bulk_text(page, base_url: str) -> None:
    page.goto(base_url)
    found = _indexed(page, base_url, "licensing")
    source = found["/sources/arabnews-vpn-licensing/"]
    assert source["title"] == "Pakistan starts licensing VPN providers, says users can get services from approved firms"
    assert "Arab News, 13 November 2025" in source["content"]            # publisher and date are searchable
    assert "Class Licenses have been granted" not in source["content"]  # cited paragraphs are not
    assert "Who and what it names" not in source["content"]
    entity = _indexed(page, base_url, "Telecommunication Authority")["/entities/pta/"]
    assert entity["title"].startswith("Pakistan Telecommunication Authority")
    assert "Mentioned in sources" not in entity["content"]
    assert not re.search(r"\w¶", entity["content"])  # heading permalinks are not indexed (citations' "¶4" are)


def test_citation_lands_on_the_cited_paragraph(page, base_url: str) -> None:
    page.goto(base_url + "briefings/vpn-regulation/")
    citation = page.locator("article a[href*='/sources/'][href*='#p']").first
    href = citation.get_attribute("href") or ""
    number = re.search(r"#p(\d+)$", href)
    assert number, f"first citation link has no #pN anchor: {href}"
    citation.click()
    page.wait_for_url(re.compile(r"/sources/[^/]+/#p\d+$"))
    n = number.group(1)
    assert urlsplit(page.url).fragment == f"p{n}"
    target = page.locator(f"[id='p{n}']")
    target.wait_for(state="visible")
    page.wait_for_timeout(200)  # let the browser finish scrolling to the fragment
    assert target.is_visible()
    in_view = page.evaluate(
        """id => { const r = document.getElementById(id).getBoundingClientRect();
                   return r.bottom > 0 && r.top < window.innerHeight; }""", f"p{n}")
    assert in_view, f"#p{n} is not in the viewport after following the citation"
    assert f"¶{n}" in target.inner_text()


def test_entity_page_shows_backlinks_with_context(page, base_url: str) -> None:
    page.goto(base_url + "entities/pta/")
    article = page.locator("article")
    assert "Mentioned in sources" in article.inner_text()
    # The list items after the "Mentioned in sources" heading: a link to the source paragraph and the sentence.
    mentions = page.locator("xpath=//article//h2[starts-with(@id, 'mentioned-in-sources')]/following-sibling::ul/li")
    items = mentions.filter(has=page.locator("a[href*='sources/']")) \
        .filter(has_text=re.compile("PTA|Pakistan Telecommunication Authority"))
    assert items.count() > 0, "no backlink with a source link and a context sentence naming the PTA"
    first = items.first
    assert re.search(r"[“\"].+[”\"]", first.inner_text()), "the backlink shows no quoted sentence"


def test_glossary_tooltip(page, base_url: str, screenshots: Path) -> None:
    page.goto(base_url + "sources/arabnews-vpn-licensing/")
    abbr = page.locator("article abbr", has_text=re.compile(r"^PTA$")).first
    assert abbr.get_attribute("title") == "Pakistan Telecommunication Authority" or \
        abbr.get_attribute("data-md-tooltip") is not None
    abbr.scroll_into_view_if_needed()
    abbr.hover()
    # Material's content.tooltips turns the title into its own tooltip element (.md-tooltip / .md-tooltip2).
    tooltip = page.locator(".md-tooltip2, .md-tooltip").filter(has_text="Pakistan Telecommunication Authority")
    try:
        tooltip.first.wait_for(state="visible", timeout=3_000)
        page.wait_for_timeout(500)  # let the fade-in finish before the screenshot
        shown = True
    except Exception:  # older Material: the browser's native title tooltip, invisible to screenshots
        shown = False
    page.screenshot(path=str(screenshots / "tooltip-pta.png"))
    if not shown:
        assert abbr.get_attribute("title") == "Pakistan Telecommunication Authority"


def test_a_browser_without_resize_observer_gets_the_sites_own_polyfill(page, base_url: str) -> None:
    """Material fetches its polyfill from unpkg.com there (iOS 13.0, old Android WebViews); the page fixture
    fails on any request to another host than 127.0.0.1."""
    loaded: list[str] = []
    page.on("request", lambda request: loaded.append(request.url))
    page.add_init_script("delete window.ResizeObserver")
    page.goto(base_url + "briefings/vpn-regulation/")
    page.wait_for_function("typeof ResizeObserver === 'function'")
    assert any(url.endswith("/assets/vendor/resize-observer-polyfill.js") for url in loaded)


def test_light_dark_toggle(page, base_url: str) -> None:
    page.goto(base_url)
    body = page.locator("body")
    first = body.get_attribute("data-md-color-scheme")
    assert first in ("default", "slate")
    page.locator("form[data-md-component=palette] label:visible").first.click()
    page.wait_for_function(f"document.body.getAttribute('data-md-color-scheme') !== '{first}'")
    second = body.get_attribute("data-md-color-scheme")
    assert {first, second} == {"default", "slate"}
    page.locator("form[data-md-component=palette] label:visible").first.click()
    page.wait_for_function(f"document.body.getAttribute('data-md-color-scheme') === '{first}'")


def test_phone_viewport(phone_page, base_url: str, screenshots: Path) -> None:
    page = phone_page
    page.goto(base_url + "briefings/vpn-regulation/")
    page.screenshot(path=str(screenshots / "phone-briefing.png"))
    size = page.evaluate("parseFloat(getComputedStyle(document.querySelector('article p')).fontSize)")
    assert size >= 14, f"briefing text is {size}px on a phone"
    width = page.evaluate("document.documentElement.scrollWidth")
    assert width <= 390 + 1, f"the page is {width}px wide on a 390px phone: it scrolls sideways"
    page.locator("label[for='__drawer']:visible").first.click()
    drawer = page.locator("nav.md-nav--primary")
    drawer.wait_for(state="visible")
    page.wait_for_timeout(300)  # drawer slide-in transition
    box = drawer.bounding_box()
    assert box and box["x"] >= -1 and box["x"] < 390, f"drawer not on screen: {box}"
    assert "Sources" in drawer.inner_text()
    page.screenshot(path=str(screenshots / "phone-briefing-menu.png"))


# --- every internal link resolves -------------------------------------------------------------------------------

class _Page(HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.ids: set[str] = set()
        self.links: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        values = dict(attrs)
        for name in ("id", "name") if tag == "a" else ("id",):
            if values.get(name):
                self.ids.add(values[name])  # type: ignore[arg-type]
        if tag == "a" and values.get("href"):
            self.links.append(values["href"])  # type: ignore[arg-type]
        if tag == "link" and values.get("href") and "stylesheet" in (values.get("rel") or ""):
            self.links.append(values["href"])  # type: ignore[arg-type]
        if tag in ("img", "script") and values.get("src"):
            self.links.append(values["src"])  # type: ignore[arg-type]


# --- an address the site does not have --------------------------------------------------------------------------

NOT_FOUND_SECTIONS = [("Home", "/"), ("Briefings", "/briefings/"), ("Topics", "/topics/"), ("Sources", "/sources/"),
                      ("Entities", "/entities/"), ("Timeline", "/timeline/"), ("Key figures", "/figures/"),
                      ("Glossary", "/glossary/"), ("About", "/about/"), ("Methodology", "/methodology/")]


def _not_found(page, url: str) -> None:
    """Opens a missing address; the server answers as GitHub Pages does, with the site's 404.html."""
    response = page.goto(url)
    assert response is not None and response.status == 404


def test_a_missing_address_shows_the_sites_sections(missing_address_page, base_url: str) -> None:
    page = missing_address_page
    _not_found(page, base_url + "entities/imf-reveiw/")
    assert page.locator("article h1").inner_text() == "Page not found"
    assert page.title() == "Page not found - Digital Pakistan Briefings"
    links = page.locator("article .dpb-not-found__sections a")
    found = [(links.nth(i).inner_text(), links.nth(i).get_attribute("href")) for i in range(links.count())]
    assert found == NOT_FOUND_SECTIONS
    for _, href in found:
        status, content_type, _ = _fetch(urljoin(base_url, href))
        assert (status, content_type) == (200, "text/html"), href


def test_a_missing_address_offers_a_search_for_its_words(missing_address_page, base_url: str) -> None:
    page = missing_address_page
    _not_found(page, base_url + "entities/imf-reveiw/")
    button = page.locator("[data-dpb-search-address]")
    assert button.inner_text() == "Search the site for \u201cimf reveiw\u201d"
    button.click()
    assert page.locator("pagefind-modal pagefind-input input").input_value() == "imf reveiw"
    results = page.locator("pagefind-modal a.pf-result-link")
    results.first.wait_for(state="visible", timeout=10_000)
    hrefs = [results.nth(i).get_attribute("href") for i in range(results.count())]
    assert "/entities/imf/" in hrefs, hrefs


@pytest.mark.parametrize("path, words", [("sources/arabnews-imf-review.html", "arabnews imf review"),
                                         ("Topics/VPN_Regulation/index.html", "VPN Regulation"),
                                         ("sources/archive/2025/13/", "archive"),
                                         ("briefings/caf%C3%A9-ai/", "caf\u00e9 ai")])
def test_the_search_words_of_a_missing_address(missing_address_page, base_url: str, path: str, words: str) -> None:
    page = missing_address_page
    _not_found(page, base_url + path)
    assert page.locator("[data-dpb-search-address]").inner_text() == f"Search the site for \u201c{words}\u201d"


def _fetch(url: str) -> tuple[int, str, bytes]:
    try:
        with urllib.request.urlopen(url, timeout=10) as response:
            return response.status, response.headers.get_content_type(), response.read()
    except HTTPError as error:
        return error.code, "", b""


def test_every_internal_link_resolves(base_url: str) -> None:
    started = time.monotonic()
    origin = urlsplit(base_url).netloc
    queue: deque[tuple[str, str]] = deque([(base_url, "(start)")])
    seen: set[str] = {base_url}
    pages: dict[str, set[str]] = {}           # html url -> ids
    fragments: list[tuple[str, str, str]] = []  # (target url, fragment, linking page)
    broken: list[str] = []
    while queue:
        url, referrer = queue.popleft()
        status, ctype, body = _fetch(url)
        if status != 200:
            broken.append(f"{referrer}: {url} -> HTTP {status}")
            continue
        if ctype != "text/html":
            continue
        parser = _Page()
        parser.feed(body.decode("utf-8", "replace"))
        pages[url] = parser.ids
        for href in parser.links:
            target, fragment = urldefrag(urljoin(url, href))
            parts = urlsplit(target)
            if parts.scheme not in ("http", "https") or parts.netloc != origin:
                continue
            if fragment:
                fragments.append((target, unquote(fragment), url))
            if target not in seen:
                seen.add(target)
                queue.append((target, url))
    for target, fragment, referrer in fragments:
        if target in pages and fragment not in pages[target]:
            broken.append(f"{referrer}: {target}#{fragment} -> no element with that id")
    elapsed = time.monotonic() - started
    assert not broken, f"{len(broken)} broken internal links:\n" + "\n".join(sorted(set(broken)))
    assert len(pages) > 20, f"the crawl reached only {len(pages)} pages from the home page"
    assert elapsed < 60, f"crawling {len(pages)} pages took {elapsed:.1f}s"


# --- accessibility (axe-core) -----------------------------------------------------------------------------------

# No rule is disabled. Violations that come from Material's own templates (not our content or extra.css) and that
# were reported to the lead are listed here by (rule id, target selector): they are still detected on every run and
# reported as expected failures (xfail, with the details), so they stay visible; any other serious or critical
# violation fails the test. Remove an entry once the theme is overridden or Material fixes it.
# Theme violations we cannot fix from our side would be listed here, keyed by (rule id, selector),
# each with its reason. Material's unnamed search dialog and its footer contrast are fixed by
# build_tools/theme/assets/accessibility.js and extra.css, so the list is empty.
KNOWN_THEME_VIOLATIONS: dict[tuple[str, str], str] = {}


def _set_scheme(page, scheme: str) -> None:
    """Show the page in Material's light ("default") or dark ("slate") scheme."""
    page.evaluate("""scheme => {
        document.body.setAttribute('data-md-color-scheme', scheme);
        const input = [...document.querySelectorAll('form[data-md-component=palette] input')]
            .find(i => i.dataset.mdColorScheme === scheme);
        if (input) input.checked = true;
    }""", scheme)
    page.wait_for_timeout(100)
    assert page.locator("body").get_attribute("data-md-color-scheme") == scheme


def _check_accessibility(page, axe_script: Path, where: str) -> None:
    """Runs axe on the page as it is; fails on any serious or critical violation not known and listed."""
    page.add_script_tag(path=str(axe_script))
    result = page.evaluate("axe.run(document)")
    new, known = [], []
    for violation in result["violations"]:
        if violation.get("impact") not in ("serious", "critical"):
            continue
        for node in violation["nodes"]:
            target = " ".join(map(str, node["target"]))
            entry = (violation, node, target)
            (known if (violation["id"], target) in KNOWN_THEME_VIOLATIONS else new).append(entry)

    def describe(entries: list) -> str:
        lines, last = [], None
        for violation, node, target in entries:
            if violation["id"] != last:
                last = violation["id"]
                lines.append(f"[{violation['impact']}] {violation['id']}: {violation['help']} ({violation['helpUrl']})")
            summary = (node.get("failureSummary") or "").strip().splitlines()[-1:]
            lines.append(f"    {target}: {' '.join(summary).strip()}")
            lines.append(f"      {node['html'][:200]}")
        return "\n".join(lines)

    assert not new, f"{where}: {len(new)} serious/critical violations:\n{describe(new)}"
    if known:
        reasons = sorted({f"{v['id']} at {t}: {KNOWN_THEME_VIOLATIONS[(v['id'], t)]}" for v, _, t in known})
        pytest.xfail(f"{where}: known Material theme issues, reported: " + "; ".join(reasons))


@pytest.mark.parametrize("scheme", ["default", "slate"])
@pytest.mark.parametrize("kind", list(PAGE_TYPES))
def test_accessibility(page, base_url: str, site_dir: Path, axe_script: Path, kind: str, scheme: str) -> None:
    page.goto(base_url + _page_path(site_dir, kind))
    _set_scheme(page, scheme)
    _check_accessibility(page, axe_script, f"axe-core on /{PAGE_TYPES[kind]} ({scheme} scheme)")


@pytest.mark.parametrize("scheme", ["default", "slate"])
@pytest.mark.parametrize("path, anchor", [("sources/brecorder-pasha-vpn-blocking/", "p8"),  # a cited paragraph
                                          ("briefings/ict-year-2025/", "b5"),  # a "cited by" link's paragraph,
                                          ("briefings/ict-year-2025/", "b8"),  # list,
                                          ("briefings/crypto-virtual-assets/", "claim-2"),  # claim row
                                          ("briefings/crypto-virtual-assets/", "event-4")])  # and event row
def test_accessibility_of_a_paragraph_a_link_lands_on(page, base_url: str, axe_script: Path, path: str, anchor: str,
                                                      scheme: str) -> None:
    """The paragraph a citation or a "cited by" link lands on is highlighted (``:target`` in extra.css); its text
    and links must keep their contrast on the highlight."""
    page.goto(f"{base_url}{path}#{anchor}")
    _set_scheme(page, scheme)
    assert page.evaluate("document.querySelector(':target')?.id") == anchor
    page.wait_for_timeout(200)  # let the browser finish scrolling to the fragment
    framed = page.evaluate("""() => { const t = document.querySelector(':target');
        const box = t.closest('tr') || t; const r = box.getBoundingClientRect();
        return {style: getComputedStyle(box).outlineStyle, visible: r.bottom > 0 && r.top < window.innerHeight}; }""")
    assert framed == {"style": "solid", "visible": True}, f"#{anchor} is not framed in view: {framed}"
    _check_accessibility(page, axe_script, f"axe-core on /{path}#{anchor}, highlighted ({scheme} scheme)")


@pytest.mark.parametrize("scheme", ["default", "slate"])
def test_accessibility_of_the_search_dialog(page, base_url: str, axe_script: Path, scheme: str) -> None:
    page.goto(base_url + "briefings/vpn-regulation/")
    _set_scheme(page, scheme)
    _open_search(page)
    page.keyboard.type("VPN", delay=50)
    page.locator("pagefind-modal a.pf-result-link").first.wait_for(state="visible", timeout=10_000)
    page.wait_for_timeout(300)  # results fade in
    _check_accessibility(page, axe_script, f"axe-core on the search dialog with results ({scheme} scheme)")


@pytest.mark.parametrize("scheme", ["default", "slate"])
def test_accessibility_of_the_page_not_found(missing_address_page, base_url: str, axe_script: Path, scheme: str) -> None:
    page = missing_address_page
    _not_found(page, base_url + "entities/imf-reveiw/")
    _set_scheme(page, scheme)
    _check_accessibility(page, axe_script, f"axe-core on the page not found ({scheme} scheme)")


# --- screenshots of each page type in both colour schemes -------------------------------------------------------

@pytest.mark.parametrize("scheme", ["default", "slate"])
@pytest.mark.parametrize("kind", list(PAGE_TYPES))
def test_screenshot(page, base_url: str, site_dir: Path, screenshots: Path, kind: str, scheme: str) -> None:
    path = _page_path(site_dir, kind)
    page.goto(base_url + path)
    _set_scheme(page, scheme)
    page.screenshot(path=str(screenshots / f"{kind}-{scheme}.png"), full_page=True)
    page.screenshot(path=str(screenshots / f"{kind}-{scheme}-top.png"))  # what a reader sees first
    drawing = page.locator("article figure").first  # the timeline or a key-figure chart, where the page has one
    if drawing.count():
        drawing.scroll_into_view_if_needed()
        drawing.screenshot(path=str(screenshots / f"{kind}-{scheme}-figure.png"))


def test_search_shows_only_the_kind_of_page_asked_for(page, base_url: str) -> None:
    """At ten thousand sources a search finds sources first: the dialog's "Show" filter keeps one kind."""
    page.goto(base_url)
    _open_search(page)
    page.keyboard.type("VPN", delay=50)
    results = page.locator("pagefind-modal a.pf-result-link")
    results.first.wait_for(state="visible", timeout=10_000)
    everything = results.count()
    dropdown = page.locator("pagefind-filter-dropdown")
    assert dropdown.locator(".pf-dropdown-trigger-label").inner_text() == "Show"
    dropdown.locator(".pf-dropdown-trigger").click()
    labels = dropdown.locator(".pf-dropdown-option-label").all_inner_texts()
    assert set(labels) <= {"Briefings", "Sources", "Entities", "Topics"} and "Briefings" in labels, labels
    dropdown.locator(".pf-dropdown-option[data-value='Briefings']").click()
    page.wait_for_function("""(before) => {
        const links = [...document.querySelectorAll('pagefind-modal a.pf-result-link')];
        return links.length > 0 && links.length < before;
    }""", arg=everything, timeout=10_000)
    hrefs = [results.nth(i).get_attribute("href") for i in range(results.count())]
    assert hrefs and all("/briefings/" in (href or "") for href in hrefs), hrefs
    # one kind at a time, and the others stay listed, so the reader can switch to another
    if not dropdown.locator(".pf-dropdown-option").first.is_visible():
        dropdown.locator(".pf-dropdown-trigger").click()
    assert set(dropdown.locator(".pf-dropdown-option-label").all_inner_texts()) == set(labels)


def test_a_search_result_is_not_followed_by_its_own_title(page, base_url: str) -> None:
    """Pagefind made a sub-result of the page's title, which had an id: each result repeated its title
    below it ("# Pakistan moves from VPN registration..."); a result lists only its sections."""
    page.goto(base_url)
    _open_search(page)
    page.keyboard.type("IMF", delay=50)
    # results fill in as they scroll into view: the first four are on screen
    page.wait_for_function("""() => [...document.querySelectorAll('pagefind-modal .pf-result')].slice(0, 4)
        .filter(r => r.querySelector('.pf-result-link')).length === 4""", timeout=10_000)
    shown = page.evaluate("""() => [...document.querySelectorAll('pagefind-modal .pf-result')]
        .filter(r => r.querySelector('.pf-result-link')).map(r => ({
            title: r.querySelector('.pf-result-link').textContent.trim(),
            headings: [...r.querySelectorAll('.pf-heading-link')].map(h => h.textContent.trim())}))""")
    titles = [r["title"] for r in shown]
    assert "International Monetary Fund (IMF)" in titles and any(t.startswith("IMF releases") for t in titles), titles
    assert [r["title"] for r in shown if r["title"] in r["headings"]] == []
    assert any(r["headings"] for r in shown)  # sections still show under their page
    # the title's id stays for the "Skip to content" link
    page.goto(base_url + "briefings/imf-review-macro-context/")
    skip = page.locator("a.md-skip").get_attribute("href") or ""
    assert skip.startswith("#") and page.locator(f"h1 [id='{skip[1:]}']").count() == 1


def test_the_show_list_opens_on_a_phone_screen(phone_page, base_url: str, screenshots: Path) -> None:
    """Pagefind centred it under its button, so on a phone it began 79px left of the screen."""
    page = phone_page
    page.goto(base_url)
    _open_search(page)
    page.keyboard.type("VPN", delay=50)
    page.locator("pagefind-modal a.pf-result-link").first.wait_for(state="visible", timeout=10_000)
    dropdown = page.locator("pagefind-filter-dropdown")
    dropdown.locator(".pf-dropdown-trigger").click()
    menu = dropdown.locator(".pf-dropdown-menu")
    menu.wait_for(state="visible")
    page.screenshot(path=str(screenshots / "phone-search-show-list.png"))
    box = menu.bounding_box()
    assert box and box["x"] >= 0 and box["x"] + box["width"] <= 390, f"the list is not on the screen: {box}"
    for label in dropdown.locator(".pf-dropdown-option-label").all():
        assert label.evaluate("e => e.scrollWidth <= e.clientWidth"), f"'{label.inner_text()}' is cut"


def _search_is_open(page) -> bool:
    return page.evaluate("document.querySelector('pagefind-modal').isOpen")


def _search_for_vpn(page) -> int:
    """Types "VPN" into the open dialog and waits for its results; returns how many."""
    page.keyboard.type("VPN", delay=50)
    results = page.locator("pagefind-modal a.pf-result-link")
    results.first.wait_for(state="visible", timeout=10_000)
    return results.count()


def test_escape_closes_the_show_list_then_empties_the_search_box_then_closes_search(page, base_url: str) -> None:
    """Pagefind's dialog took every Escape itself and closed: from an open "Show" list and from a filled
    box (whose key hint says "esc clear") too."""
    page.goto(base_url)
    _open_search(page)
    _search_for_vpn(page)
    box = page.locator("pagefind-input input")
    dropdown = page.locator("pagefind-filter-dropdown")
    dropdown.locator(".pf-dropdown-trigger").click()
    menu = dropdown.locator(".pf-dropdown-menu")
    menu.wait_for(state="visible")
    page.keyboard.press("Escape")
    menu.wait_for(state="hidden")
    assert _search_is_open(page) and box.input_value() == "VPN"
    assert dropdown.locator(".pf-dropdown-trigger").evaluate("e => e === document.activeElement")
    box.focus()
    page.keyboard.press("Escape")
    assert _search_is_open(page) and box.input_value() == ""
    page.keyboard.press("Escape")
    page.wait_for_function("() => !document.querySelector('pagefind-modal').isOpen")


def test_search_opened_again_shows_every_kind_of_page(page, base_url: str) -> None:
    """The dialog resets on close: a kind of page chosen under "Show" is not kept for the next search."""
    page.goto(base_url)
    _open_search(page)
    everything = _search_for_vpn(page)
    dropdown = page.locator("pagefind-filter-dropdown")
    dropdown.locator(".pf-dropdown-trigger").click()
    dropdown.locator(".pf-dropdown-option[data-value='Briefings']").click()
    page.wait_for_function("""(before) => {
        const links = document.querySelectorAll('pagefind-modal a.pf-result-link');
        return links.length > 0 && links.length < before;
    }""", arg=everything, timeout=10_000)
    page.keyboard.press("Escape")  # from the "Show" button, where the chosen kind left the focus
    page.wait_for_function("() => !document.querySelector('pagefind-modal').isOpen")
    page.locator(".dpb-search__button").click()
    page.wait_for_function("() => document.activeElement && document.activeElement.closest('pagefind-modal')")
    _search_for_vpn(page)
    page.wait_for_function("""(count) =>
        document.querySelectorAll('pagefind-modal a.pf-result-link').length === count""", arg=everything, timeout=10_000)
    assert dropdown.locator(".pf-dropdown-selected-badge").is_hidden()
