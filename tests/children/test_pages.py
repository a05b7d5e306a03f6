"""Every child page: Alice sees it, Charlie gets 404 on Alice's ids, Bob (read only) sees
it without edit controls and gets 403 on every write."""

from __future__ import annotations

import pytest

from playbook.children.models import IEP, Child, TeamMember

from .conftest import client_for


def read_paths(child, iep, member) -> list[str]:
    c = child.pk
    return [
        f"/children/{c}/",
        f"/children/{c}/team/",
        f"/children/{c}/iep/",
        f"/children/{c}/iep/{iep.pk}/",
    ]


def write_paths(child, iep, member) -> list[str]:
    c = child.pk
    return [
        f"/children/{c}/edit/",
        f"/children/{c}/setup/team/",
        f"/children/{c}/setup/iep/",
        f"/children/{c}/team/add/",
        f"/children/{c}/team/{member.pk}/edit/",
        f"/children/{c}/team/{member.pk}/remove/",
        f"/children/{c}/iep/new/",
        f"/children/{c}/iep/{iep.pk}/edit/",
    ]


def post_only_paths(child, iep, member) -> list[str]:
    return [f"/children/{child.pk}/team/{member.pk}/restore/"]


def test_alice_sees_every_page(alice_client, child, iep, case_manager):
    for path in read_paths(child, iep, case_manager) + write_paths(child, iep, case_manager):
        response = alice_client.get(path)
        assert response.status_code == 200, path


def test_charlie_gets_404_on_every_alice_page(charlie_client, child, iep, case_manager):
    for path in read_paths(child, iep, case_manager) + write_paths(child, iep, case_manager):
        assert charlie_client.get(path).status_code == 404, path
        assert charlie_client.post(path, {"name": "x"}).status_code == 404, path
    assert charlie_client.get(f"/children/{child.pk}/iep/{iep.pk}/file/").status_code == 404
    for path in post_only_paths(child, iep, case_manager):
        assert charlie_client.post(path).status_code == 404, path
    assert Child.objects.get(pk=child.pk).name == "Sam Rivera"
    assert TeamMember.objects.filter(pk=case_manager.pk).exists()


def test_ids_of_another_child_do_not_mix(alice, alice_client, child, iep, case_manager):
    other = Child.objects.create(
        household=child.household, name="Ava", birth_date="2017-01-01", grade="3", state="CA"
    )
    assert alice_client.get(f"/children/{other.pk}/team/{case_manager.pk}/edit/").status_code == 404
    assert alice_client.get(f"/children/{other.pk}/iep/{iep.pk}/").status_code == 404


def test_malformed_and_unknown_ids_are_404(alice_client, child):
    assert alice_client.get("/children/not-a-uuid/").status_code == 404
    assert (
        alice_client.get(
            f"/children/{child.pk}/iep/00000000-0000-0000-0000-000000000000/"
        ).status_code
        == 404
    )


def test_bob_reads_without_edit_controls(bob_client, child, iep, case_manager):
    for path in read_paths(child, iep, case_manager):
        response = bob_client.get(path)
        assert response.status_code == 200, path
        body = response.content.decode()
        assert "/edit/" not in body, path
        assert "/team/add/" not in body and "/iep/new/" not in body, path
    assert bob_client.get(f"/children/{child.pk}/iep/{iep.pk}/file/").status_code == 404  # no file


def test_bob_gets_403_on_every_write(bob_client, child, iep, case_manager):
    paths = write_paths(child, iep, case_manager) + post_only_paths(child, iep, case_manager)
    for path in paths:
        response = bob_client.post(path, {"name": "Changed", "role": "principal"})
        assert response.status_code == 403, path
    assert bob_client.get(f"/children/{child.pk}/team/add/").status_code == 403
    case_manager.refresh_from_db()
    assert case_manager.name == "Dana Cole"
    assert TeamMember.objects.filter(child=child).count() == 1
    assert IEP.objects.filter(child=child).count() == 1


def test_anonymous_visitors_are_sent_to_log_in(client, child):
    response = client.get(f"/children/{child.pk}/")
    assert response.status_code == 302
    assert response["Location"].startswith("/login/?next=")


def test_child_home_shows_facts_team_dates_and_sections(alice_client, child, iep, case_manager):
    TeamMember.objects.create(
        child=child, name="Lee Park", role="therapist", discipline="Speech", phone="555-0101"
    )
    body = alice_client.get(f"/children/{child.pk}/").content.decode()
    for text in [
        "Sam Rivera",
        "Lincoln Elementary",
        "California",
        "Case manager",
        "Dana Cole",
        "dana.cole@school.example",
        "Speech therapist",
        "555-0101",
        "September 10, 2025",  # meeting
        "September 15, 2025",  # start
        "September 14, 2026",  # annual review due
        "April 2, 2027",  # reevaluation derived: last evaluation + 3 years
        "3 years after the last evaluation",
        "Speech therapy: 60 minutes per week",
    ]:
        assert text in body, text
    order = [
        body.index(h)
        for h in ["Next moves", "Waiting on the school", "Coming up", "This month", "Quick actions"]
    ]
    assert order == sorted(order)
    for section in ["concerns", "asks", "deadlines", "plan", "timeline"]:
        assert f"/children/{child.pk}/{section}/" in body


def test_child_home_shows_the_three_longest_overdue_asks_and_links_to_all(alice_client, child):
    from datetime import date, timedelta

    from playbook.advocacy.models import Ask

    today = child.today()
    for n in range(7):  # asked 20 to 26 days ago, all past their reply date
        Ask.objects.create(
            child=child,
            subject=f"request number {n}",
            asked_on=today - timedelta(days=20 + n),
            reply_due=today - timedelta(days=10 + n),
        )
    Ask.objects.create(child=child, subject="answered", asked_on=date(2026, 1, 5), status="granted")
    page = alice_client.get(f"/children/{child.pk}/").content.decode()
    body = page[page.index("Waiting on the school") : page.index("Coming up")]
    shown = [n for n in range(7) if f"request number {n}<" in body]
    assert shown == [4, 5, 6], "the most overdue first, three of them (issue 17: a few)"
    assert "Overdue by 16 days" in body  # number 6: asked 26 days ago, due 16 days ago
    assert "See all 7 asks waiting for an answer" in body
    assert "answered<" not in body
    # "Coming up" does not repeat the reply dates of the asks shown above it; the four
    # asks not shown keep theirs there, and the deadlines page keeps every one.
    coming_up = page[page.index("Coming up") : page.index("This month")]
    assert [n for n in range(7) if f"Reply due: request number {n}<" in coming_up] == [0, 1, 2, 3]
    deadlines = alice_client.get(f"/children/{child.pk}/deadlines/").content.decode()
    assert all(f"Reply due: request number {n}" in deadlines for n in range(7))


def test_entered_reevaluation_date_wins_over_the_derived_one(alice_client, child, iep):
    iep.reevaluation_due = "2026-12-01"
    iep.save()
    body = alice_client.get(f"/children/{child.pk}/").content.decode()
    assert "December 1, 2026" in body
    assert "3 years after the last evaluation" not in body


def test_child_home_without_an_iep_teaches_what_to_add(alice_client, child):
    body = alice_client.get(f"/children/{child.pk}/").content.decode()
    assert "Add the IEP" in body
    assert "starting with the case manager" in body


def test_household_home_one_card_per_child_or_straight_to_the_only_child(
    alice_client, child, household
):
    response = alice_client.get("/")
    assert response.status_code == 302
    assert response["Location"] == f"/children/{child.pk}/"
    Child.objects.create(
        household=household, name="Ava Rivera", birth_date="2018-05-01", grade="2", state="CA"
    )
    body = alice_client.get("/").content.decode()
    assert "Ava Rivera" in body and "Sam Rivera" in body
    assert "/children/new/" in body


def test_a_parent_without_children_starts_the_set_up(alice_client):
    response = alice_client.get("/")
    assert response["Location"] == "/children/new/"


def test_past_ieps_are_listed_and_viewable(alice_client, child, iep):
    newer = IEP.objects.create(child=child, start_date="2026-09-15", end_date="2027-09-14")
    body = alice_client.get(f"/children/{child.pk}/iep/").content.decode()
    assert "Current IEP, from September 15, 2026" in body
    assert f"/children/{child.pk}/iep/{iep.pk}/" in body
    past = alice_client.get(f"/children/{child.pk}/iep/{iep.pk}/").content.decode()
    assert "Reads 90 words per minute" in past and "Extended time" in past
    assert newer.pk


@pytest.mark.parametrize("client_name", ["alice", "bob"])
def test_the_iep_file_downloads_as_an_attachment(request, client_name, child, iep):
    from django.core.files.base import ContentFile

    from .conftest import PDF

    iep.file.save("x.pdf", ContentFile(PDF))
    iep.file_name = "Sam IEP 2025.pdf"
    iep.save()
    client = client_for(request.getfixturevalue(client_name))
    response = client.get(f"/children/{child.pk}/iep/{iep.pk}/file/")
    assert response.status_code == 200
    assert response["Content-Disposition"].startswith("attachment")
    assert "Sam IEP 2025.pdf" in response["Content-Disposition"]
    assert response["X-Content-Type-Options"] == "nosniff"
    assert response["Content-Type"] == "application/pdf"
    assert b"".join(response.streaming_content) == PDF


def test_the_home_lists_the_current_team_case_manager_first(alice_client, child):
    """The home reads the team the coach prefetched (children.views.current_team): the same
    people in the same order as the team page's query (team_of)."""
    from datetime import date

    from playbook.children.views import team_of

    TeamMember.objects.create(child=child, name="Ann Early", role="teacher")
    TeamMember.objects.create(
        child=child, name="Gone Away", role="therapist", left_on=date(2026, 1, 5)
    )
    TeamMember.objects.create(child=child, name="Cass Manager", role="case_manager")
    TeamMember.objects.create(child=child, name="Zed Later", role="therapist")
    page = alice_client.get(f"/children/{child.pk}/").content.decode()
    section = page.split('id="team-heading"', 1)[1].split("</section>", 1)[0]
    shown = [
        name for name in ("Ann Early", "Gone Away", "Cass Manager", "Zed Later") if name in section
    ]
    assert sorted(shown, key=section.index) == [m.name for m in team_of(child)]
    assert shown and "Gone Away" not in shown
    assert section.index("Cass Manager") < section.index("Ann Early") < section.index("Zed Later")
