"""The Spanish pages in a real browser (issue 19): the switch works without a script, the
glossary is accessible and fits a phone, and a bilingual letter's page passes axe."""

from __future__ import annotations

import pytest


@pytest.fixture
def phone(live_server, page, client, alice):
    client.force_login(alice)
    cookie = client.cookies["sessionid"]
    page.context.add_cookies([{"name": "sessionid", "value": cookie.value, "url": live_server.url}])
    page.set_viewport_size({"width": 375, "height": 800})
    return page


@pytest.mark.browser
def test_switch_to_spanish_and_read_the_glossary_on_a_phone(
    live_server, phone, alice, axe_check, screenshot
):
    page = phone
    page.goto(f"{live_server.url}/account/")
    page.get_by_role("button", name="Español").click()
    page.wait_for_url("**/account/")
    assert page.evaluate("document.documentElement.lang") == "es"
    alice.refresh_from_db()
    assert alice.language == "es"
    page.get_by_role("link", name="Glosario").click()
    page.wait_for_url("**/glossary/")
    assert page.get_by_role("heading", name="Glosario").is_visible()
    assert page.evaluate("document.documentElement.scrollWidth") <= 375
    axe_check(page)
    screenshot(page, "glossary-es-375")


@pytest.mark.browser
def test_a_bilingual_letter_page_passes_axe(
    live_server, phone, alice, child, case_manager, axe_check
):
    from datetime import date

    from playbook.letters import compose, drafts
    from playbook.meetings.models import Meeting

    meeting = Meeting.objects.create(child=child, status="scheduled", date=date(2026, 3, 20))
    draft = compose.draft(
        child,
        "interpreter_request",
        {"meeting": str(meeting.pk), "language": "Spanish"},
        today=date(2026, 3, 2),
        signature="Alice Parent",
        lang="es",
    )
    letter = drafts.save_draft(child, draft, author=alice)
    phone.goto(f"{live_server.url}/children/{child.pk}/letters/{letter.pk}/")
    assert phone.get_by_label("The letter in Spanish").input_value().startswith("Solicitud")
    axe_check(phone)


@pytest.mark.browser
def test_the_letters_and_meetings_lists_in_spanish_fit_a_phone_and_pass_axe(
    live_server, phone, alice, child, axe_check
):
    alice.language = "es"
    alice.save(update_fields=["language"])
    phone.goto(f"{live_server.url}/children/{child.pk}/letters/")
    assert phone.get_by_role("heading", name="Cartas", exact=True).is_visible()
    assert phone.get_by_role("link", name="Pedir la norma escrita").is_visible()
    assert phone.evaluate("document.documentElement.scrollWidth") <= 375
    axe_check(phone)
    phone.goto(f"{live_server.url}/children/{child.pk}/meetings/")
    assert phone.get_by_role("heading", name="Reuniones", level=1).is_visible()
    assert phone.evaluate("document.documentElement.scrollWidth") <= 375
    axe_check(phone)
