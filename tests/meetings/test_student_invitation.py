"""The student is invited to an IEP meeting that plans transition (34 CFR § 300.321(b)(1)),
from a year before the transition age of the child's state (the IEP written then may be the
one in effect at that birthday). Sam, the test child, was born on 14 March 2015."""

import html
from datetime import date

from playbook.meetings.meetings import student_invitation
from playbook.meetings.models import Meeting


def in_state(child, state):
    child.state = state
    child.save()
    return child


def meeting_on(child, day, kind="annual_review"):
    return Meeting.objects.create(child=child, kind=kind, status="scheduled", date=day)


def test_from_a_year_before_the_federal_age_of_16(child):
    in_state(child, "WA")  # the federal rule: the IEP in effect at 16
    # Sam turns 16 on 14 Mar 2031; a year before is 14 Mar 2030.
    assert student_invitation(child, meeting_on(child, date(2030, 3, 13))) is None
    found = student_invitation(child, meeting_on(child, date(2030, 3, 14)))
    assert found["citation"] == "34 CFR § 300.321(b)(1)-(2)"
    assert found["transition_rule"] == "34 CFR § 300.320(b)"
    assert found["text"].startswith("Sam turns 16 on March 14, 2031")
    assert "must invite Sam" in found["text"]
    assert "preferences and interests" in found["text"]
    # After the birthday the transition plan is due at every IEP meeting.
    later = student_invitation(child, meeting_on(child, date(2032, 1, 10)))
    assert later["text"].startswith("Sam turned 16 on March 14, 2031")


def test_a_state_with_an_earlier_age_invites_earlier(child):
    in_state(child, "TX")  # Tex. Educ. Code § 29.0111: 14
    # 14 on 14 Mar 2029; from 14 Mar 2028.
    found = student_invitation(child, meeting_on(child, date(2028, 4, 1)))
    assert found["text"].startswith("Sam turns 14 on March 14, 2029")
    assert found["transition_rule"] == "Tex. Educ. Code § 29.0111"
    in_state(child, "IL")  # 14½ (174 months): 14 Sep 2029, so from 14 Sep 2028
    assert student_invitation(child, meeting_on(child, date(2028, 9, 13))) is None
    found = student_invitation(child, meeting_on(child, date(2028, 9, 14)))
    assert found["text"].startswith("Sam turns 14½ on September 14, 2029")


def test_not_for_other_meetings_or_without_a_date(child):
    in_state(child, "WA")
    assert student_invitation(child, meeting_on(child, date(2031, 5, 1), "trial_review")) is None
    assert student_invitation(child, meeting_on(child, date(2031, 5, 1), "other")) is None
    undated = Meeting.objects.create(child=child, kind="iep", status="requested")
    assert student_invitation(child, undated) is None


def test_the_meeting_page_and_the_api_say_it(alice_client, child):
    in_state(child, "WA")
    soon = meeting_on(child, date(2026, 11, 2))
    due = meeting_on(child, date(2030, 9, 1))
    page = html.unescape(
        alice_client.get(f"/children/{child.pk}/meetings/{due.pk}/").content.decode()
    )
    assert "Invite your child" in page
    assert "Sam turns 16 on March 14, 2031" in page
    assert "34 CFR § 300.321(b)(1)-(2)" in page
    other = alice_client.get(f"/children/{child.pk}/meetings/{soon.pk}/").content.decode()
    assert "Invite your child" not in other
    api = alice_client.get(f"/api/v1/meetings/{due.pk}").json()
    assert api["student_invitation"]["citation"] == "34 CFR § 300.321(b)(1)-(2)"
    listed = alice_client.get(f"/api/v1/children/{child.pk}/meetings").json()
    by_id = {m["id"]: m for m in listed}
    assert by_id[str(soon.pk)]["student_invitation"] is None
    assert by_id[str(due.pk)]["student_invitation"]["text"].startswith("Sam turns 16")


def test_a_resolution_session_or_hearing_is_not_checked_for_iep_team_roles(alice_client, child):
    session = meeting_on(child, date(2026, 10, 20), "resolution_session")
    hearing = meeting_on(child, date(2026, 11, 20), "due_process_hearing")
    iep = meeting_on(child, date(2026, 12, 1), "iep")
    page = html.unescape(
        alice_client.get(f"/children/{child.pk}/meetings/{session.pk}/").content.decode()
    )
    # Who comes to a resolution session: 34 CFR § 300.510(a)(1), not the § 300.321(a) list.
    assert "34 CFR § 300.510(a)(1)" in page
    assert "Who else should be there" not in page
    assert "Every required role is invited" not in page
    page = alice_client.get(f"/children/{child.pk}/meetings/{hearing.pk}/").content.decode()
    assert "Who else should be there" not in page and "300.510" not in page
    listed = {m["id"]: m for m in alice_client.get(f"/api/v1/children/{child.pk}/meetings").json()}
    assert listed[str(session.pk)]["missing_roles"] == []
    assert listed[str(hearing.pk)]["missing_roles"] == []
    assert listed[str(iep.pk)]["missing_roles"]  # nobody invited to the IEP meeting yet
