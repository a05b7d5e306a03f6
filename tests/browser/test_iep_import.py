"""The IEP import pages in a real browser: accessible, usable at 375 px, and the flow
from upload to saved IEP works by clicking."""

from __future__ import annotations

import pytest
from playwright.sync_api import expect

from playbook.children.models import IEP
from tests.iep_import.samples import SPARSE_DISTRICT


@pytest.fixture
def review_page(live_server, page, client, alice, child, tmp_path, axe_check):
    """Alice on a phone, having uploaded an IEP: the review page."""
    client.force_login(alice)
    cookie = client.cookies["sessionid"]
    page.context.add_cookies([{"name": "sessionid", "value": cookie.value, "url": live_server.url}])
    page.set_viewport_size({"width": 375, "height": 800})
    page.goto(f"{live_server.url}/children/{child.pk}/iep/import/")
    axe_check(page)
    pdf = tmp_path / "iep.pdf"
    pdf.write_bytes(SPARSE_DISTRICT)
    page.get_by_label("The IEP file (PDF or Word)").set_input_files(str(pdf))
    page.get_by_role("button", name="Read the IEP").click()
    page.wait_for_url("**/iep/import/review/")
    return page


@pytest.mark.browser
def test_review_and_save_on_a_phone(review_page, child, axe_check, screenshot):
    page = review_page
    expect(page.get_by_text("We could not find the reevaluation date")).to_be_visible()
    assert page.evaluate("document.documentElement.scrollWidth") <= 375
    axe_check(page)
    screenshot(page, "iep-import-review-375")

    page.get_by_label("Reevaluation due").fill("2029-01-15")
    page.get_by_role("button", name="Save this IEP").click()
    page.wait_for_url(f"**/children/{child.pk}/iep/")
    iep = IEP.objects.get()
    assert iep.reevaluation_due.isoformat() == "2029-01-15"
    assert iep.services.count() == 2


@pytest.mark.browser
def test_add_a_service_row_in_place(review_page, child, axe_check):
    page = review_page
    assert page.evaluate("typeof window.htmx") == "object", "htmx did not load"
    page.get_by_role("button", name="Add another service").click()
    new_row = page.locator("#id_services-3-service")
    # The page moves the focus once htmx has settled the new row, a moment after it
    # appears: expect() waits for it, where one look right away sometimes came too soon.
    expect(new_row).to_be_focused()
    new_row.fill("Counseling")
    page.locator("#id_services-3-minutes").fill("30")
    page.locator("#id_services-3-per").select_option("month")
    axe_check(page)
    page.get_by_role("button", name="Save this IEP").click()
    page.wait_for_url(f"**/children/{child.pk}/iep/")
    assert [s.service for s in IEP.objects.get().services.all()] == [
        "Specialized academic instruction",
        "Speech-language therapy",
        "Counseling",
    ]


@pytest.mark.browser
def test_a_file_that_is_not_a_pdf_is_explained_on_the_reading_page_at_375px(
    live_server, page, client, alice, child, tmp_path, axe_check
):
    """The upload goes through the reading's page; a refused file stays there, with its
    message and one next step, and the page stops reloading itself."""
    client.force_login(alice)
    cookie = client.cookies["sessionid"]
    page.context.add_cookies([{"name": "sessionid", "value": cookie.value, "url": live_server.url}])
    page.set_viewport_size({"width": 375, "height": 800})
    page.goto(f"{live_server.url}/children/{child.pk}/iep/import/")
    word = tmp_path / "iep.pdf"
    word.write_bytes(b"PK\x03\x04 a word file")
    page.get_by_label("The IEP file (PDF or Word)").set_input_files(str(word))
    page.get_by_role("button", name="Read the IEP").click()
    page.wait_for_url("**/iep/import/reading/**")
    expect(page.get_by_text("This file is not a PDF")).to_be_visible()
    expect(page.get_by_role("link", name="Upload another file")).to_be_visible()
    assert page.evaluate("document.documentElement.scrollWidth") <= 375
    axe_check(page)
