"""The child home, the coach's page, the deadlines, breaks, removals and plan pages in
Spanish in a real browser (issue 19): they fit a phone and pass axe."""

from __future__ import annotations

import pytest

PAGES = [
    ("", "h1"),
    ("moves/", "Próximos pasos para"),
    ("deadlines/", "Plazos de"),
    ("breaks/", "Vacaciones escolares"),
    ("removals/", "Salidas de clase"),
    ("plan/", "El plan de"),
]


@pytest.mark.browser
def test_the_spanish_home_deadlines_and_plan_fit_a_phone_and_pass_axe(
    live_server, page, client, alice, child, axe_check
):
    alice.language = "es"
    alice.save(update_fields=["language"])
    client.force_login(alice)
    cookie = client.cookies["sessionid"]
    page.context.add_cookies([{"name": "sessionid", "value": cookie.value, "url": live_server.url}])
    page.set_viewport_size({"width": 375, "height": 800})
    for path, heading in PAGES:
        page.goto(f"{live_server.url}/children/{child.pk}/{path}")
        assert page.evaluate("document.documentElement.lang") == "es"
        if heading != "h1":
            assert heading in page.locator("h1").inner_text(), path
        assert page.evaluate("document.documentElement.scrollWidth") <= 375, path
        axe_check(page)
