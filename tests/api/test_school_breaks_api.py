"""Issue 15, API parity: the school breaks page has its twins (children/{id}/breaks), with
the same writes (children.school_breaks)."""

from __future__ import annotations

from datetime import date

from playbook.children.models import SchoolBreak
from playbook.children.school_breaks import add_break

from .conftest import detail


def test_breaks_are_added_listed_and_removed(alice_api, child):
    url = f"children/{child.pk}/breaks"
    added = alice_api.post(
        url, {"name": "Winter break", "start": "2026-12-21", "end": "2027-01-01"}
    )
    assert added.status_code == 201, added.content
    school_break = SchoolBreak.objects.get(child=child)
    assert (school_break.name, school_break.start, school_break.end) == (
        "Winter break",
        date(2026, 12, 21),
        date(2027, 1, 1),
    )
    listed = alice_api.get(url).json()
    assert [b["name"] for b in listed["breaks"]] == ["Winter break"]
    assert "Veterans Day" in listed["federal_holidays"]

    backwards = alice_api.post(url, {"name": "Oops", "start": "2027-03-10", "end": "2027-03-01"})
    assert backwards.status_code == 422 and "on or after the first day off" in detail(backwards)
    assert (
        alice_api.post(url, {"name": " ", "start": "2027-03-01", "end": "2027-03-02"}).status_code
        == 422
    )
    assert SchoolBreak.objects.filter(child=child).count() == 1

    assert alice_api.delete(f"{url}/{school_break.pk}").status_code == 204
    assert not SchoolBreak.objects.filter(child=child).exists()


def test_holidays_in_session_are_set_from_the_federal_names(alice_api, child):
    url = f"children/{child.pk}/breaks/in-session"
    answer = alice_api._send("put", url, {"holidays": ["Veterans Day", "Columbus Day"]})
    assert answer.status_code == 200, answer.content
    child.refresh_from_db()
    assert set(child.holidays_in_session) == {"Veterans Day", "Columbus Day"}
    wrong = alice_api._send("put", url, {"holidays": ["Pi Day"]})
    assert wrong.status_code == 422 and "Pi Day" in detail(wrong)
    child.refresh_from_db()
    assert set(child.holidays_in_session) == {"Veterans Day", "Columbus Day"}


def test_read_only_and_outsiders_cannot_change_the_breaks(bob_api, charlie_api, child):
    school_break = add_break(
        child, name="Spring break", start=date(2027, 3, 22), end=date(2027, 3, 26)
    )
    url = f"children/{child.pk}/breaks"
    body = {"name": "Summer", "start": "2027-06-10", "end": "2027-08-20"}
    for api, status in ((bob_api, 403), (charlie_api, 404)):
        assert api.post(url, body).status_code == status
        assert api.delete(f"{url}/{school_break.pk}").status_code == status
        assert (
            api._send("put", f"{url}/in-session", {"holidays": ["Veterans Day"]}).status_code
            == status
        )
    assert bob_api.get(url).status_code == 200
    assert charlie_api.get(url).status_code == 404
    assert SchoolBreak.objects.filter(child=child).count() == 1
    child.refresh_from_db()
    assert child.holidays_in_session == []


def test_a_repeat_read_of_the_breaks_is_304_until_they_change(alice_api, child):
    url = f"children/{child.pk}/breaks"
    first = alice_api.get(url)
    etag = first["ETag"]
    again = alice_api.client.get(
        f"/api/v1/{url}", headers={**alice_api.headers, "If-None-Match": etag}
    )
    assert again.status_code == 304
    alice_api.post(url, {"name": "Spring break", "start": "2027-03-22", "end": "2027-03-26"})
    changed = alice_api.client.get(
        f"/api/v1/{url}", headers={**alice_api.headers, "If-None-Match": etag}
    )
    assert changed.status_code == 200
    assert [b["name"] for b in changed.json()["breaks"]] == ["Spring break"]
