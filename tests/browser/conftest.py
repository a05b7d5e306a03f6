"""Browser tests drive Debian's chromium (/usr/bin/chromium) through Playwright.

No browser is ever downloaded. Where chromium is missing (a laptop), these tests are
skipped with a loud message; CI installs chromium, and there a missing browser fails.
"""

from __future__ import annotations

import functools
import json
import os
import threading
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

import pytest

CHROMIUM = Path(os.environ.get("PLAYBOOK_CHROMIUM", "/usr/bin/chromium"))
CHROMIUM_ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    # Work no test looks at (measured: about 7% of the browser tests' CPU time): WebGL's
    # software fallback, held first paints, translation, hints, casting, the back-forward cache.
    "--disable-extensions",
    "--disable-software-rasterizer",
    "--disable-features=PaintHolding,Translate,OptimizationHints,MediaRouter,BackForwardCache",
    "--mute-audio",
]
REPO = Path(__file__).resolve().parents[2]
AXE = REPO / "node_modules" / "axe-core" / "axe.min.js"
ARTIFACTS = REPO / "test-artifacts"


def pytest_collection_modifyitems(config, items):
    missing = [p for p in (CHROMIUM, AXE) if not p.exists()]
    if not missing:
        return
    if os.environ.get("CI"):
        raise pytest.UsageError(f"CI must run the browser tests, but these are missing: {missing}")
    reason = (
        f"SKIPPED BROWSER TESTS: {', '.join(map(str, missing))} not found. "
        "Install Debian's chromium (sudo apt-get install chromium) and run `npm ci`."
    )
    for item in items:
        if "browser" in item.keywords:
            item.add_marker(pytest.mark.skip(reason=reason))


@pytest.fixture(scope="session")
def browser_type_launch_args(browser_type_launch_args):
    return {**browser_type_launch_args, "executable_path": str(CHROMIUM), "args": CHROMIUM_ARGS}


@pytest.fixture(scope="session")
def browser_context_args(browser_context_args):
    # bypass_csp lets axe-core be injected under the app's strict CSP.
    return {**browser_context_args, "bypass_csp": True}


class _QuietHandler(SimpleHTTPRequestHandler):
    def log_message(self, format, *args) -> None:  # noqa: A002 (the standard library's name)
        pass


@functools.cache
def axe_url() -> str:
    """axe-core served from a small server of this process, on this machine only.

    A script the page loads from a URL is kept by the browser, compiled, for the next page;
    one sent as text is sent and parsed again on every page (22 against 80 ms a page).
    """
    handler = functools.partial(_QuietHandler, directory=str(AXE.parent))
    server = ThreadingHTTPServer(("127.0.0.1", 0), handler)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    return f"http://127.0.0.1:{server.server_address[1]}/{AXE.name}"


@pytest.fixture
def axe_check():
    """Run axe-core (WCAG 2.1 A and AA) on the page; fail with the violations listed."""

    def check(page) -> None:
        # A click that navigates returns once the new page commits; check the loaded page.
        page.wait_for_load_state("load")
        page.add_script_tag(url=axe_url())
        result = page.evaluate(
            "async () => await axe.run(document, {runOnly: {type: 'tag', values: "
            "['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa']}})"
        )
        violations = [
            {"id": v["id"], "help": v["help"], "nodes": [n["html"] for n in v["nodes"]][:5]}
            for v in result["violations"]
        ]
        assert violations == [], f"axe-core on {page.url}:\n{json.dumps(violations, indent=2)}"

    return check


@pytest.fixture
def screenshot():
    """Save a full-page screenshot under test-artifacts/ when PLAYBOOK_SCREENSHOTS=1.

    They are for a person to look at, never checked, and half of a crawl's time (a full-page
    PNG a page and width), so an ordinary run skips them; a failing browser test still leaves
    its screenshot in test-artifacts/failures/ (pytest-playwright's only-on-failure, set in
    pyproject.toml).
    """

    def take(page, name: str) -> Path | None:
        if os.environ.get("PLAYBOOK_SCREENSHOTS", "") in ("", "0"):
            return None
        path = ARTIFACTS / f"{name}.png"
        path.parent.mkdir(parents=True, exist_ok=True)
        page.screenshot(path=str(path), full_page=True)
        return path

    return take
