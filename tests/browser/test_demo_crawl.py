"""Every page of the demo household, in a real browser at 375 and 1280 px (issue 17).

- No dead end: from every page the navigation reaches, each primary button (a link styled
  as a button) leads to a page that answers and can be completed: it has a heading, and a
  form on it has a way to send it and something to choose in each of its lists.
- Layout, measured in the page with JavaScript: no horizontal scroll, nothing sticking
  out of the screen, no table cell overprinted by its content, no word broken inside a
  table header, and no two tick labels of a chart overlapping.

Screenshots of every page at both widths go to test-artifacts/layout/ when
PLAYBOOK_SCREENSHOTS=1.
"""

from __future__ import annotations

import re
from datetime import datetime
from urllib.parse import urlparse
from zoneinfo import ZoneInfo

import pytest

from playbook import demo
from playbook.accounts.models import User

pytestmark = pytest.mark.browser

WIDTHS = (375, 1280)
FILES = re.compile(r"\.(pdf|docx|eml|ics|txt|zip|svg)$|/download|/file/")

LAYOUT = """
() => {
  const problems = [];
  const doc = document.documentElement;
  const width = doc.clientWidth;
  if (doc.scrollWidth > width + 1) problems.push(`scrolls sideways: ${doc.scrollWidth} > ${width}`);
  const describe = (el) => el.tagName.toLowerCase() + (el.id ? '#' + el.id : '')
    + (el.className && typeof el.className === 'string' ? '.' + el.className.split(' ')[0] : '')
    + ' "' + (el.textContent || '').trim().slice(0, 40) + '"';
  const hidden = (el) => {
    for (let e = el; e; e = e.parentElement) {
      const style = getComputedStyle(e);
      if (style.display === 'none' || style.visibility === 'hidden') return true;
      if (e.tagName === 'DETAILS' && !e.open && e !== el) return true;
      if (style.overflowX === 'auto' || style.overflowX === 'scroll') return e !== el && 'scrolls';
    }
    return false;
  };
  for (const el of document.querySelectorAll('main *, header *, nav *')) {
    const rect = el.getBoundingClientRect();
    if (!rect.width || hidden(el)) continue;
    if (el.closest('.sr-only, .skip-link')) continue;
    if (rect.right > width + 1) problems.push(`sticks out: ${describe(el)} (${Math.round(rect.right)} > ${width})`);
  }
  for (const cell of document.querySelectorAll('main td, main th')) {
    if (hidden(cell)) continue;
    if (cell.scrollWidth > cell.clientWidth + 1) problems.push(`overprinted cell: ${describe(cell)}`);
  }
  for (const th of document.querySelectorAll('main th')) {
    if (hidden(th)) continue;
    const walker = document.createTreeWalker(th, NodeFilter.SHOW_TEXT);
    for (let node = walker.nextNode(); node; node = walker.nextNode()) {
      for (const match of node.textContent.matchAll(/[^\\s\\-\\/]+/g)) {
        const range = document.createRange();
        range.setStart(node, match.index);
        range.setEnd(node, match.index + match[0].length);
        const lines = new Set([...range.getClientRects()].map((r) => Math.round(r.top)));
        if (lines.size > 1) problems.push(`word broken in a header: "${match[0]}"`);
      }
    }
  }
  return problems;
}
"""

# In the chart's own SVG document: tick labels are matplotlib's text groups.
CHART_LABELS = """
() => {
  const boxes = [...document.querySelectorAll('g[id^="xtick_"] g[id^="text_"], g[id^="ytick_"] g[id^="text_"]')]
    .map((g) => g.getBoundingClientRect()).filter((r) => r.width > 0);
  let overlaps = 0;
  for (let i = 0; i < boxes.length; i++)
    for (let j = i + 1; j < boxes.length; j++) {
      const a = boxes[i], b = boxes[j];
      if (a.left < b.right - 0.5 && b.left < a.right - 0.5 && a.top < b.bottom - 0.5 && b.top < a.bottom - 0.5) overlaps++;
    }
  return {labels: boxes.length, overlaps};
}
"""

COMPLETABLE = """
() => {
  const problems = [];
  if (!document.querySelector('main h1')) problems.push('no heading');
  for (const form of document.querySelectorAll('main form[method="post"], main form[method="POST"]')) {
    if (!form.querySelector('button, input[type="submit"]')) problems.push('a form with no button');
    if (form.querySelector('[name="new_concern"]')) continue;  // a concern can be added here
    for (const select of form.querySelectorAll('select')) {
      const label = select.labels && select.labels[0] ? select.labels[0].textContent : select.name;
      if (/optional/i.test(label)) continue;
      const real = [...select.options].filter((o) => o.value !== '');
      if (!real.length) problems.push(`nothing to choose in "${label.trim()}"`);
    }
  }
  if (/We couldn.t find that page/.test(document.body.textContent)) problems.push('not found');
  return problems;
}
"""


@pytest.fixture
def demo_home(live_server, page, client, transactional_db):
    # The demo family's own date, as `playbook demo` builds it on their laptop.
    child = demo.load_demo(datetime.now(ZoneInfo("America/Los_Angeles")).date())
    client.force_login(User.objects.get(email=demo.DEMO_EMAIL))
    page.context.add_cookies(
        [{"name": "sessionid", "value": client.cookies["sessionid"].value, "url": live_server.url}]
    )
    page.set_default_timeout(20_000)
    return f"{live_server.url}/children/{child.pk}/"


def _nav_pages(page, home: str) -> list[str]:
    page.goto(home)
    hrefs = page.eval_on_selector_all("nav.child-nav a[href]", "links => links.map((a) => a.href)")
    return list(dict.fromkeys([home, *hrefs]))


def _links_below(page, url: str, known: list[str], per_page: int = 3) -> list[str]:
    """A few pages the page open at ``url`` links to (a series with its chart, a letter, an
    ask...), so the check reaches past the lists."""
    hrefs = page.eval_on_selector_all(
        "main a[href]:not([download])", "links => links.map((a) => a.href)"
    )
    chosen = [
        h
        for h in dict.fromkeys(hrefs)
        if h.startswith(url)
        and h != url
        and "#" not in h
        and not FILES.search(h)
        and not re.search(r"/(new|edit|delete)/|\?", h)
        and h not in known
    ]
    return chosen[:per_page]


# Resolves once every image of the page has loaded (or failed): after a resize, a chart's
# <picture> picks its other size and loads it.
IMAGES_SETTLED = """
() => Promise.all([...document.images].map((img) => img.complete ? null
  : new Promise((done) => { img.addEventListener('load', done); img.addEventListener('error', done); })))
"""


def _name(url: str) -> str:
    path = urlparse(url).path.strip("/").split("/")
    if path[0] != "children":
        return "-".join(path)
    return "-".join(part for part in path[2:] if part) or "home"


def _primary_buttons(page, url: str) -> list[str]:
    """Where the page's primary buttons (links styled as a button) go, on this site."""
    hrefs = page.eval_on_selector_all(
        "main a.button[href]:not([download])", "links => links.map((a) => a.href)"
    )
    return [h for h in hrefs if urlparse(h).netloc == urlparse(url).netloc and not FILES.search(h)]


def _dead_ends(page, targets: dict[str, str]) -> dict[str, list[str]]:
    dead_ends = {}
    page.set_viewport_size({"width": 1280, "height": 900})
    for href, source in targets.items():
        answer = page.goto(href)
        found = [] if answer.status == 200 else [f"answered {answer.status}"]
        found += page.evaluate(COMPLETABLE)
        if found:
            dead_ends[f"{href} (from {source})"] = found
    return dead_ends


def test_every_page_of_the_demo_keeps_its_layout_and_no_button_is_a_dead_end(
    demo_home, page, screenshot
):
    """Each page is loaded once, at the phone's width, then measured again after the window
    is widened (the stylesheet's media queries answer a resize as they answer a load; the
    pages run no script that lays them out). Then each primary button of the navigation's
    pages is followed: it must lead to a page that answers and can be completed. (One crawl
    for both: the demo, the browser context and the navigation's pages are made once.)"""
    problems: dict[str, list[str]] = {}
    charts: set[str] = set()
    targets: dict[str, str] = {}
    pages = _nav_pages(page, demo_home)
    visited = list(pages)
    for url in visited:  # grows while the navigation's pages are read: those are visited too
        page.set_viewport_size({"width": WIDTHS[0], "height": 900})
        answer = page.goto(url)
        assert answer.status == 200, url
        page.wait_for_load_state("load")
        if url in pages:
            visited.extend(_links_below(page, url, visited))
            for href in _primary_buttons(page, url):
                targets.setdefault(href, url)
        for width in WIDTHS:
            if width != WIDTHS[0]:
                page.set_viewport_size({"width": width, "height": 900})
                page.evaluate(IMAGES_SETTLED)
            found = page.evaluate(LAYOUT)
            if found:
                problems[f"{url} @ {width}"] = found
            screenshot(page, f"layout/{_name(url)}-{width}")
            charts.update(
                page.eval_on_selector_all(
                    ".chart img", "imgs => imgs.map((i) => i.currentSrc || i.src)"
                )
            )
    for src in sorted(charts):
        page.set_viewport_size({"width": 700, "height": 400})
        page.goto(src)
        measured = page.evaluate(CHART_LABELS)
        if measured["overlaps"]:
            problems[src] = [f"{measured['overlaps']} overlapping tick labels"]
    dead_ends = _dead_ends(page, targets)
    # A page left on an SVG document held the closing of its browser context for five seconds.
    page.goto("about:blank")
    print(f"checked {len(visited)} pages at {WIDTHS} px and {len(charts)} charts")
    print(f"followed {len(targets)} primary buttons")
    assert len(visited) >= 30
    assert any("size=narrow" in c for c in charts) and any("size" not in c for c in charts)
    assert targets, "the demo's pages offer no primary button at all"
    assert not problems, "\n".join(f"{where}: {found}" for where, found in problems.items())
    assert not dead_ends, "\n".join(f"{where}: {found}" for where, found in dead_ends.items())


BROKEN = """
<main><h1>x</h1>
<table style="width: 60px; table-layout: fixed"><tr><th style="overflow-wrap: anywhere">Waited</th>
<th>Asked</th></tr><tr><td style="white-space: nowrap">averyveryverylongcellthatoverprints</td>
<td>1</td></tr></table>
<div style="width: 2000px">wide</div></main>
"""


def test_the_layout_checks_can_fail(page):
    """The measurements above find what they look for (a page built to have each fault)."""
    page.set_viewport_size({"width": 375, "height": 600})
    page.set_content(BROKEN)
    found = " | ".join(page.evaluate(LAYOUT))
    assert "scrolls sideways" in found and "sticks out" in found
    assert "overprinted cell" in found and 'word broken in a header: "Waited"' in found
    page.set_content(
        "<svg xmlns='http://www.w3.org/2000/svg' width='200' height='50'>"
        "<g id='xtick_1'><g id='text_1'><rect x='0' y='0' width='50' height='10'/></g></g>"
        "<g id='xtick_2'><g id='text_2'><rect x='30' y='0' width='50' height='10'/></g></g>"
        "</svg>"
    )
    assert page.evaluate(CHART_LABELS) == {"labels": 2, "overlaps": 1}
