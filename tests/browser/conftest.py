"""Browser fixtures: build the site once, serve it on 127.0.0.1, drive Debian's Chromium with Playwright.

Every page a test opens records its requests and console errors; a test fails in teardown if any request
went to a host other than 127.0.0.1 (readers must never hit a third-party host) or the console reported an
error.
"""
from __future__ import annotations

import os
import shutil
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path
from urllib.parse import urlsplit

import pytest

from conftest import REPO, copy_project  # tests/conftest.py: this folder is a package, so no name clash

from .server import StaticServer

import playwright.sync_api as playwright_sync  # noqa: E402  (a test dependency: missing means failing, not skipping)

CHROMIUM = os.environ.get("CHROMIUM", "/usr/bin/chromium")
CHROMIUM_ARGS = ["--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
                 "--disable-background-networking", "--disable-component-update", "--disable-sync"]
TOOLS = REPO / "tests" / "tools"
AXE = TOOLS / "node_modules" / "axe-core" / "axe.min.js"
ARTIFACTS = REPO / "tests" / "artifacts"
SCREENSHOTS = ARTIFACTS / "screenshots"
ALLOWED_HOSTS = {"127.0.0.1"}
# Schemes that never leave the machine.
LOCAL_SCHEMES = {"data", "blob", "about", "chrome-extension", "chrome", "file"}  # file: the offline copy


from build_tools.pipeline import ProjectPaths  # noqa: E402
from build_tools.render.offline import SHIM_PACKAGE, build_offline_archive  # noqa: E402


@pytest.fixture(scope="session")
def site_dir(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The whole site, built once per session from a throwaway copy of the project."""
    project = copy_project(tmp_path_factory.mktemp("browser-build") / "project")
    out = project / "built-site"
    env = dict(os.environ, NO_MKDOCS_2_WARNING="1")
    result = subprocess.run([sys.executable, "-m", "mkdocs", "build", "--strict", "-q", "-d", str(out)],
                            cwd=project, env=env, capture_output=True, text=True, timeout=600)
    assert result.returncode == 0, f"mkdocs build --strict failed:\n{result.stdout}{result.stderr}"
    # As the publish workflow does: the offline copy sits in the site, where the About page links to it.
    install_node_tools()
    build_offline_archive(ProjectPaths(project), out / "offline.zip", shim=REPO / SHIM_PACKAGE)
    return out


@pytest.fixture(scope="session")
def base_url(site_dir: Path) -> Iterator[str]:
    with StaticServer(site_dir) as url:
        yield url


def install_node_tools() -> None:
    """axe-core and the iframe-worker shim from tests/tools (pinned in package-lock.json), via `npm ci` if absent."""
    if AXE.is_file() and (REPO / SHIM_PACKAGE).is_file():
        return
    npm = shutil.which("npm")
    if npm is None:
        pytest.fail("the Node tools in tests/tools are not installed and npm is missing: install Node.js/npm, "
                    "then run `npm ci --prefix tests/tools`")
    result = subprocess.run([npm, "ci", "--prefix", str(TOOLS)], capture_output=True, text=True, timeout=600)
    assert result.returncode == 0, f"`npm ci --prefix tests/tools` failed:\n{result.stdout}{result.stderr}"
    assert AXE.is_file() and (REPO / SHIM_PACKAGE).is_file(), "tests/tools still incomplete after npm ci"


@pytest.fixture(scope="session")
def axe_script() -> Path:
    install_node_tools()
    return AXE


@pytest.fixture(scope="session")
def node_tools() -> Path:
    """tests/tools/node_modules, installed if absent."""
    install_node_tools()
    return TOOLS / "node_modules"


@pytest.fixture(scope="session")
def browser() -> Iterator[object]:
    if not Path(CHROMIUM).is_file():
        pytest.fail(f"Chromium not found at {CHROMIUM}: install it with `apt-get install chromium` "
                    "(or set CHROMIUM to its path)")
    with playwright_sync.sync_playwright() as p:
        browser = p.chromium.launch(executable_path=CHROMIUM, headless=True, args=CHROMIUM_ARGS)
        yield browser
        browser.close()


class PageWatch:
    """What a page did that a reader's connection would see: requests and console errors."""

    def __init__(self) -> None:
        self.requests: list[str] = []
        self.console_errors: list[str] = []
        self.missing_documents: set[str] = set()  # pages opened whose server answered 404

    def unexpected_console_errors(self, expect_missing_documents: bool) -> list[str]:
        """The console errors, less Chromium's own line for a page answered with 404 where that is expected."""
        if not expect_missing_documents:
            return self.console_errors
        expected = {f"console.error: Failed to load resource: the server responded with a status of 404 (File not "
                    f"found) ({{'url': '{url}', 'line': 0, 'column': 0, 'lineNumber': 0, 'columnNumber': 0}})"
                    for url in self.missing_documents}
        return [error for error in self.console_errors if error not in expected]

    def third_party(self) -> list[str]:
        bad = []
        for url in self.requests:
            parts = urlsplit(url)
            if parts.scheme in LOCAL_SCHEMES:
                continue
            if parts.hostname not in ALLOWED_HOSTS:
                bad.append(url)
        return bad


def _open_page(browser: object, expect_missing_documents: bool = False,
               **context_args: object) -> Iterator[tuple[object, PageWatch]]:
    context = browser.new_context(**context_args)  # type: ignore[attr-defined]
    page = context.new_page()
    page.set_default_timeout(10_000)
    watch = PageWatch()
    page.on("request", lambda request: watch.requests.append(request.url))
    page.on("response", lambda response: watch.missing_documents.add(response.url)
            if response.status == 404 and response.request.resource_type == "document" else None)
    page.on("console", lambda msg: watch.console_errors.append(f"console.{msg.type}: {msg.text} ({msg.location})")
            if msg.type == "error" else None)
    page.on("pageerror", lambda exc: watch.console_errors.append(f"uncaught exception: {exc}"))
    try:
        yield page, watch
    finally:
        context.close()
    problems = []
    if bad := watch.third_party():
        problems.append("requests to hosts other than 127.0.0.1 (readers must never contact a third party):\n  "
                        + "\n  ".join(sorted(set(bad))))
    if errors := watch.unexpected_console_errors(expect_missing_documents):
        problems.append("console errors:\n  " + "\n  ".join(errors))
    if problems:
        pytest.fail("\n".join(problems), pytrace=False)


@pytest.fixture
def page(browser: object) -> Iterator[object]:
    """A desktop-sized page (1280x900) whose requests and console errors are checked when the test ends."""
    yield from (p for p, _ in _open_page(browser, viewport={"width": 1280, "height": 900}))


@pytest.fixture
def missing_address_page(browser: object) -> Iterator[object]:
    """A desktop page for opening addresses the site does not have: the same checks, except that Chromium's
    console line for a page answered with 404 is expected."""
    yield from (p for p, _ in _open_page(browser, expect_missing_documents=True, viewport={"width": 1280, "height": 900}))


@pytest.fixture
def phone_page(browser: object) -> Iterator[object]:
    """A phone-sized page (390x844, touch, 3x) with the same request and console checks."""
    yield from (p for p, _ in _open_page(browser, viewport={"width": 390, "height": 844}, device_scale_factor=3,
                                         is_mobile=True, has_touch=True))


@pytest.fixture(scope="session")
def screenshots() -> Path:
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    return SCREENSHOTS
