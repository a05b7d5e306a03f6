"""Concerns, asks, refusals, the ladder and the routes outside the district in Spanish, in a
real browser at 375 px (issue 19): the longer Spanish words keep the layout (the demo
crawl's checks) and axe-core finds nothing, lang attributes included."""

from __future__ import annotations

from datetime import datetime
from zoneinfo import ZoneInfo

import pytest

from playbook import demo
from playbook.accounts.models import User
from tests.browser.test_demo_crawl import LAYOUT

pytestmark = pytest.mark.browser


@pytest.fixture
def spanish_demo(live_server, page, client, transactional_db):
    child = demo.load_demo(datetime.now(ZoneInfo("America/Los_Angeles")).date())
    parent = User.objects.get(email=demo.DEMO_EMAIL)
    parent.language = "es"
    parent.save(update_fields=["language"])
    client.force_login(parent)
    page.context.add_cookies(
        [{"name": "sessionid", "value": client.cookies["sessionid"].value, "url": live_server.url}]
    )
    page.set_default_timeout(20_000)
    return f"{live_server.url}/children/{child.pk}", child


def test_the_spanish_pages_keep_their_layout_and_pass_axe(spanish_demo, page, axe_check):
    base, child = spanish_demo
    paths = ["/concerns/new/", "/asks/new/", "/refusals/", "/refusals/new/", "/ladder/"]
    paths += ["/outside-routes/"]
    concern = child.concerns.first()
    paths += [f"/concerns/{concern.pk}/", f"/concerns/{concern.pk}/edit/"]
    refused = child.asks.filter(status="refused").first()
    paths += [f"/asks/{refused.pk}/", f"/asks/{refused.pk}/edit/", f"/ladder/?ask={refused.pk}"]
    paths += [f"/refusals/{refusal.pk}/" for refusal in child.refusals.all()[:2]]
    page.set_viewport_size({"width": 375, "height": 800})
    problems = {}
    for path in paths:
        answer = page.goto(base + path)
        assert answer.status == 200, path
        assert page.locator("html").get_attribute("lang") == "es", path
        page.wait_for_load_state("load")
        found = page.evaluate(LAYOUT)
        if found:
            problems[path] = found
        axe_check(page)
    assert not problems, problems
