"""The trail pages in a real browser, at phone width: axe-core finds nothing, nothing
scrolls sideways, and logging a call takes one screen."""

import pytest
from playwright.sync_api import expect

from playbook.trail.chain import NewAttachment, append
from tests.browser.conftest import AXE, CHROMIUM

from .conftest import START

pytestmark = [
    pytest.mark.browser,
    pytest.mark.skipif(
        not (CHROMIUM.exists() and AXE.exists()), reason="chromium or axe-core is missing"
    ),
]


@pytest.fixture
def signed_in(live_server, page, alice, client):
    client.force_login(alice)
    cookie = client.cookies["sessionid"]
    host = live_server.url.split("//")[1].split(":")[0]
    page.context.add_cookies(
        [{"name": "sessionid", "value": cookie.value, "domain": host, "path": "/"}]
    )
    page.set_viewport_size({"width": 375, "height": 800})
    return page


def _fits(page) -> None:
    assert page.evaluate("document.documentElement.scrollWidth <= window.innerWidth")


@pytest.mark.django_db(transaction=True)
def test_the_trail_pages_are_accessible_on_a_phone(
    live_server, signed_in, axe_check, child, case_manager
):
    page = signed_in
    long = "The team agreed to add reading minutes and to send data every two weeks. " * 8
    original = append(child, occurred_at=START, kind="call", counterpart=case_manager,
                      subject="Call about reading", body=long,
                      attachments=[NewAttachment("a-very-long-file-name-for-the-progress-report.pdf", b"x")])  # fmt: skip
    append(child, occurred_at=START, kind="email", direction="received", subject="Re: aide",
           body="That is not an option.", flags={"refusal": {"matched": ["That is not an option"]}},
           corrects=original)  # fmt: skip
    base = f"{live_server.url}/children/{child.pk}/timeline/"
    for url in (base, f"{base}?q=reading&kind=call", f"{base}{original.pk}/",
                f"{base}{original.pk}/correct/", f"{base}import/", f"{base}check/"):  # fmt: skip
        page.goto(url)
        page.wait_for_load_state("networkidle")
        axe_check(page)
        _fits(page)
    expect(page.get_by_text("Trail intact")).to_be_visible()  # the check page, last above


@pytest.mark.django_db(transaction=True)
def test_logging_a_call_on_a_phone_then_offered_a_recap(
    live_server, signed_in, axe_check, child, case_manager
):
    page = signed_in
    page.goto(f"{live_server.url}/children/{child.pk}/timeline/log/")
    axe_check(page)
    _fits(page)
    page.get_by_label("Phone call").check()
    page.get_by_label("Who from the school team").select_option(value=str(case_manager.pk))
    page.get_by_label("What was said").fill("Dana agreed to an OT evaluation by 15 October.")
    page.get_by_role("button", name="Save").click()
    page.get_by_role("heading", name="Send a recap of this?").wait_for()
    axe_check(page)
    assert "/letters/new/meeting_recap/?entry=" in page.get_by_role(
        "link", name="Draft the recap"
    ).get_attribute("href")


@pytest.mark.django_db(transaction=True)
def test_importing_a_mailbox_on_a_phone_ends_on_a_plain_report(
    live_server, signed_in, axe_check, child, tmp_path
):
    from playbook.trail.models import EmailImport

    from .emails import as_bytes, mbox, message

    # Made before the browser starts: the live server shares the in-memory test database,
    # and a write from this thread while it answers fails with "table is locked".
    waiting = EmailImport.objects.create(child=child, filename="school-mail.mbox")
    page = signed_in
    mailbox_file = tmp_path / "school-mail.mbox"
    mailbox_file.write_bytes(mbox(as_bytes(message(subject="Progress report")), b"not mail"))
    page.goto(f"{live_server.url}/children/{child.pk}/timeline/import/")
    page.get_by_label("Email file (.eml or .mbox)").set_input_files(str(mailbox_file))
    page.get_by_role("button", name="Import").click()
    page.get_by_role("heading", name="What was imported").wait_for()
    expect(page.get_by_text("Imported 1 message to Sam's trail.")).to_be_visible()
    axe_check(page)
    _fits(page)
    page.get_by_role("link", name="See the timeline").click()
    expect(page.get_by_role("link", name="Progress report", exact=True)).to_be_visible()
    page.goto(f"{live_server.url}/children/{child.pk}/timeline/import/{waiting.pk}/")
    expect(page.get_by_role("progressbar", name="Import progress")).to_be_visible()
    axe_check(page)
    _fits(page)
