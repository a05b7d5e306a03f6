"""The child's team, IEP, IEP import and goals pages in Spanish in a real browser (issue
19): they pass axe and fit a phone, and the IEP import's review can be filled and saved by
a parent who reads Spanish."""

from __future__ import annotations

import pytest

from playbook.children.models import IEP
from tests.iep_import.samples import SPARSE_DISTRICT


@pytest.fixture
def spanish_phone(live_server, page, client, alice):
    alice.language = "es"
    alice.save(update_fields=["language"])
    client.force_login(alice)
    cookie = client.cookies["sessionid"]
    page.context.add_cookies([{"name": "sessionid", "value": cookie.value, "url": live_server.url}])
    page.set_viewport_size({"width": 375, "height": 800})
    return page


@pytest.mark.browser
def test_the_team_and_iep_pages_in_spanish_fit_a_phone_and_pass_axe(
    live_server, spanish_phone, child, case_manager, axe_check
):
    page = spanish_phone
    for path in ("team/", "team/add/", "iep/", "iep/new/", "goals/", "edit/"):
        page.goto(f"{live_server.url}/children/{child.pk}/{path}")
        assert page.evaluate("document.documentElement.lang") == "es", path
        assert page.evaluate("document.documentElement.scrollWidth") <= 375, path
        axe_check(page)


@pytest.mark.browser
def test_read_check_and_save_an_iep_in_spanish(
    live_server, spanish_phone, child, tmp_path, axe_check, screenshot
):
    page = spanish_phone
    page.goto(f"{live_server.url}/children/{child.pk}/iep/import/")
    pdf = tmp_path / "iep.pdf"
    pdf.write_bytes(SPARSE_DISTRICT)
    page.get_by_label("El archivo del IEP (PDF o Word)").set_input_files(str(pdf))
    page.get_by_role("button", name="Leer el IEP").click()
    page.wait_for_url("**/iep/import/review/")
    assert page.get_by_text("No encontramos la fecha de la reevaluación").is_visible()
    assert page.evaluate("document.documentElement.scrollWidth") <= 375
    axe_check(page)
    screenshot(page, "iep-import-review-es-375")
    page.get_by_label("Reevaluación para").fill("2029-01-15")
    page.get_by_role("button", name="Guardar este IEP").click()
    page.wait_for_url(f"**/children/{child.pk}/iep/")
    assert IEP.objects.get().reevaluation_due.isoformat() == "2029-01-15"
    assert page.get_by_text("IEP guardado").is_visible()
