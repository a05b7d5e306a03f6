import html
from datetime import date, timedelta

import pytest

from playbook.advocacy.models import Ask, Concern, Evidence
from playbook.children.models import TeamMember
from playbook.meetings.models import DataSeries, Measurement, Meeting, Trial


@pytest.fixture
def concern(child):
    concern = Concern.objects.create(
        child=child, title="Reading is not improving", request="A reading specialist"
    )
    Evidence.objects.create(concern=concern, text="Reads 40 words per minute", kind="data")
    return concern


@pytest.fixture
def meeting(child, case_manager, concern):
    meeting = Meeting.objects.create(child=child, status="requested")
    meeting.invitees.add(case_manager)
    meeting.agenda.add(concern)
    return meeting


def test_recording_a_meeting_warns_about_missing_roles(alice_client, child, case_manager, concern):
    response = alice_client.post(
        f"/children/{child.pk}/meetings/new/",
        {
            "kind": "iep",
            "status": "scheduled",
            "date": "2026-12-03",
            "invitees": [case_manager.pk],
            "agenda": [concern.pk],
        },
    )
    meeting = Meeting.objects.get()
    assert response.status_code == 302
    page = alice_client.get(f"/children/{child.pk}/meetings/{meeting.pk}/").content.decode()
    assert "A general education teacher" in page
    assert "34 CFR § 300.321(a)(2)" in page
    assert "A district representative who can commit resources" in page


def test_a_scheduled_meeting_without_a_date_is_refused(alice_client, child):
    response = alice_client.post(
        f"/children/{child.pk}/meetings/new/", {"kind": "iep", "status": "scheduled"}
    )
    assert response.status_code == 400
    assert "needs its date" in response.content.decode()
    assert Meeting.objects.count() == 0


def test_the_meeting_steps_from_requested_to_held(alice_client, child, meeting):
    url = f"/children/{child.pk}/meetings/{meeting.pk}/advance/"
    alice_client.post(url, {"status": "acknowledged"})
    alice_client.post(url, {"status": "scheduled"})  # no date yet: sent to edit
    meeting.refresh_from_db()
    assert meeting.status == "acknowledged"
    meeting.date = date(2026, 12, 3)
    meeting.save()
    alice_client.post(url, {"status": "scheduled"})
    alice_client.post(url, {"status": "held"})
    meeting.refresh_from_db()
    assert meeting.status == "held"
    page = alice_client.get(f"/children/{child.pk}/meetings/{meeting.pk}/").content.decode()
    assert "Draft the recap letter" in page


def test_scheduling_grants_the_meeting_request(alice_client, child, meeting, case_manager):
    ask = Ask.objects.create(
        child=child,
        subject="IEP meeting",
        asked_of=case_manager,
        asked_on=date(2026, 11, 1),
        kind="meeting_request",
    )
    meeting.ask = ask
    meeting.status = "acknowledged"
    meeting.date = date(2026, 12, 3)
    meeting.save()
    alice_client.post(
        f"/children/{child.pk}/meetings/{meeting.pk}/advance/", {"status": "scheduled"}
    )
    ask.refresh_from_db()
    assert ask.status == "granted"


def test_the_prep_pack_has_agenda_evidence_questions_and_asks(
    alice_client, child, meeting, case_manager, concern
):
    Ask.objects.create(
        child=child,
        subject="an OT evaluation",
        asked_of=case_manager,
        asked_on=child.today() - timedelta(days=9),
    )
    series = DataSeries.objects.create(
        child=child, name="Words per minute", unit="wpm", concern=concern, goal=90
    )
    Measurement.objects.create(series=series, date=date(2026, 10, 1), value=41)
    page = alice_client.get(f"/children/{child.pk}/meetings/{meeting.pk}/prep/").content.decode()
    assert "Reading is not improving" in page
    assert "Reads 40 words per minute" in page
    assert "How will my concerns be written into the IEP" in page
    assert "an OT evaluation" in page and "9 days ago" in page
    assert f"/children/{child.pk}/data/{series.pk}/chart.svg" in page
    assert "Oct 1, 2026" in page  # the table beside the chart


def test_prep_pack_queries_do_not_grow_with_the_agenda(alice_client, child, meeting, concern):
    def count():
        from django.db import connection
        from django.test.utils import CaptureQueriesContext

        with CaptureQueriesContext(connection) as ctx:
            assert (
                alice_client.get(f"/children/{child.pk}/meetings/{meeting.pk}/prep/").status_code
                == 200
            )
        return len(ctx)

    series = DataSeries.objects.create(child=child, name="s", unit="u", concern=concern)
    Measurement.objects.create(series=series, date=date(2026, 10, 1), value=1)
    first = count()
    for n in range(5):
        c = Concern.objects.create(child=child, title=f"Concern {n}")
        Evidence.objects.create(concern=c, text="x")
        s = DataSeries.objects.create(child=child, name=f"s{n}", unit="u", concern=c)
        Measurement.objects.create(series=s, date=date(2026, 10, 2), value=n)
        meeting.agenda.add(c)
        meeting.invitees.add(TeamMember.objects.create(child=child, name=f"T{n}", role="therapist"))
    assert count() == first


def test_the_prep_pack_reads_the_refusals_once(alice_client, child, meeting, case_manager):
    """The refusals it lists (with who said each) are the ones the deadlines engine counts
    the filing windows from: one query for both."""
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    from playbook.refusals.models import Refusal

    ask = Ask.objects.create(child=child, subject="an OT evaluation", asked_on=date(2026, 9, 1))
    Refusal.objects.create(
        child=child, ask=ask, said_by=case_manager, said_on=date(2026, 9, 20), words="No."
    )
    with CaptureQueriesContext(connection) as ctx:
        page = alice_client.get(f"/children/{child.pk}/meetings/{meeting.pk}/prep/")
    assert page.status_code == 200
    assert case_manager.name in page.content.decode()
    read = [q["sql"] for q in ctx.captured_queries if 'FROM "advocacy_refusal"' in q["sql"]]
    assert len(read) == 1, read


def test_a_trial_gets_its_review_date_and_shows_its_data(alice_client, child):
    series = DataSeries.objects.create(child=child, name="Incidents", unit="per week", baseline=6)
    for day, value in ((date(2026, 11, 20), 5), (date(2026, 12, 4), 3)):
        Measurement.objects.create(series=series, date=day, value=value)
    response = alice_client.post(
        f"/children/{child.pk}/trials/new/",
        {
            "proposal": "a shared classroom aide",
            "instead_of": "a 1:1 aide",
            "start_date": "2026-11-14",
            "weeks": "6",
            "measure": "incidents per week",
            "series": series.pk,
        },
    )
    trial = Trial.objects.get()
    assert response.status_code == 302
    # From Monday 16 Nov, 30 school days (Thanksgiving and Christmas are not): Wed 30 Dec.
    assert trial.review_date == date(2026, 12, 30)
    page = alice_client.get(f"/children/{child.pk}/trials/{trial.pk}/").content.decode()
    assert "2 measurements during the trial" in page
    assert "the latest is 3 below the baseline of 6" in page
    assert f"letters/new/trial_terms/?trial={trial.pk}" in page


@pytest.mark.parametrize("weeks", ["0", "-1", "53", "six"])
def test_a_trial_with_a_bad_length_is_refused(alice_client, child, weeks):
    response = alice_client.post(
        f"/children/{child.pk}/trials/new/",
        {"proposal": "x", "start_date": "2026-11-14", "weeks": weeks, "measure": "y"},
    )
    assert response.status_code == 400
    assert Trial.objects.count() == 0


def test_data_points_and_the_chart(alice_client, child):
    alice_client.post(
        f"/children/{child.pk}/data/new/",
        {"name": "Words per minute", "unit": "wpm", "baseline": "40", "goal": "90"},
    )
    series = DataSeries.objects.get()
    url = f"/children/{child.pk}/data/{series.pk}/"
    assert alice_client.post(url, {"date": "2026-11-02", "value": "44"}).status_code == 302
    bad = alice_client.post(url, {"date": "2026-13-02", "value": "many"})
    assert bad.status_code == 400
    assert series.points.count() == 1
    chart = alice_client.get(url + "chart.svg")
    assert chart["Content-Type"] == "image/svg+xml"
    assert b"<svg" in chart.content


def test_pages_answer_404_to_outsiders_and_403_to_read_only_writes(charlie_client, child, meeting):
    for url in (
        f"/children/{child.pk}/meetings/",
        f"/children/{child.pk}/meetings/{meeting.pk}/",
        f"/children/{child.pk}/meetings/{meeting.pk}/prep/",
        f"/children/{child.pk}/trials/",
        f"/children/{child.pk}/data/",
    ):
        assert charlie_client.get(url).status_code == 404, url


def test_read_only_members_see_but_cannot_change(bob_client, child, meeting):
    assert bob_client.get(f"/children/{child.pk}/meetings/{meeting.pk}/").status_code == 200
    assert (
        bob_client.post(
            f"/children/{child.pk}/meetings/new/", {"kind": "iep", "status": "requested"}
        ).status_code
        == 403
    )
    assert (
        bob_client.post(
            f"/children/{child.pk}/meetings/{meeting.pk}/advance/", {"status": "acknowledged"}
        ).status_code
        == 403
    )


def test_the_prep_pack_lists_a_real_upcoming_deadline_with_its_rule(alice_client, child, meeting):
    child.state = "OH"  # no records rule of its own in our tables: the federal one applies
    child.save()
    today = child.today()
    ask = Ask.objects.create(
        child=child, subject="All of Sam's records", asked_on=today, kind="records_request"
    )
    page = alice_client.get(f"/children/{child.pk}/meetings/{meeting.pk}/prep/")
    text = html.unescape(page.content.decode())
    due = today + timedelta(days=45)  # 34 CFR § 300.613(a): 45 calendar days at most
    assert f"{due:%b} {due.day}, {due.year}" in text
    assert "34 CFR § 300.613(a)" in text
    assert "Federal rule; Ohio's own rule is not in our tables" in text
    assert "No deadlines in the next weeks" not in text
    ask.status = "granted"  # answered: nothing left to count down
    ask.save()
    page = alice_client.get(f"/children/{child.pk}/meetings/{meeting.pk}/prep/")
    assert "No deadlines in the next weeks" in page.content.decode()


def test_the_prep_pack_stays_within_its_query_budget(alice_client, child, meeting, case_manager):
    """Session, user, the child, the child's meetings (the pack's own among them, and the
    deadlines engine's), the asks (with who was asked, in the same query: the team is not
    read for their names), the refusals, the engine's own reads (breaks, IEPs, trials,
    consents, removals), the invitees' roles, the agenda's concerns with their evidence
    joined, their series (and their points, when a series has any) and the access log's
    INSERT. Lower it when a change wins queries (three more before the asks' names, the
    evidence and the pack's meeting were read with the asks, concerns and meetings)."""
    from django.core.cache import caches
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    Ask.objects.create(child=child, subject="an OT evaluation", asked_of=case_manager,
                       asked_on=date(2026, 9, 1))  # fmt: skip
    caches["local"].clear()
    with CaptureQueriesContext(connection) as ctx:
        page = alice_client.get(f"/children/{child.pk}/meetings/{meeting.pk}/prep/")
    assert page.status_code == 200 and case_manager.name in page.content.decode()
    sql = [q["sql"] for q in ctx.captured_queries]
    team = [q for q in sql if 'FROM "children_teammember"' in q]
    assert len(team) == 1 and "advocacy_meeting_invitees" in team[0], team  # the invitees
    assert len(sql) == 15, "\n".join(sql)


def test_the_prep_pack_of_another_childs_meeting_is_not_found(alice_client, child, meeting):
    from tests.conftest import make_child

    other = make_child(child.household)
    url = f"/children/{other.pk}/meetings/{meeting.pk}/prep/"
    assert alice_client.get(url).status_code == 404
    assert alice_client.get(f"/children/{child.pk}/meetings/{meeting.pk}/prep/").status_code == 200


def test_a_trial_measured_only_after_its_start_compares_with_its_first_point(alice_client, child):
    # No baseline entered and nothing measured before the start: the first point is the
    # baseline, and the page says so in words (it printed "against the baseline of .").
    series = DataSeries.objects.create(child=child, name="Tasks done alone", unit="of 5")
    trial = Trial.objects.create(
        child=child,
        proposal="a shared aide",
        start_date=date(2026, 12, 7),
        weeks=6,
        measure="tasks done alone",
        review_date=date(2027, 2, 2),
        series=series,
        outcome="did_not_work",
    )
    for day, value in ((date(2026, 12, 11), 1), (date(2027, 1, 22), 1)):
        Measurement.objects.create(series=series, date=day, value=value)
    page = alice_client.get(f"/children/{child.pk}/trials/{trial.pk}/").content.decode()
    assert "the latest is the same as the baseline of 1." in page
    # It did not work: the next step is to meet again, not the terms of a trial that is over.
    assert f"letters/new/meeting_request/?trial={trial.pk}" in page
    assert "Ask the team to meet again" in page
    assert f"letters/new/trial_terms/?trial={trial.pk}" not in page
