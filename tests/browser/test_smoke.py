import pytest


@pytest.mark.browser
def test_the_login_page_is_accessible(live_server, page, axe_check):
    page.goto(f"{live_server.url}/login/")
    assert page.get_by_role("heading", name="Log in").is_visible()
    axe_check(page)
