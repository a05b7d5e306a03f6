import pytest
from playwright.sync_api import expect


@pytest.mark.browser
def test_the_login_page_is_accessible(live_server, page, axe_check):
    page.goto(f"{live_server.url}/login/")
    expect(page.get_by_role("heading", name="Log in")).to_be_visible()
    axe_check(page)
