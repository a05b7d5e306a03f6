"""Demo: a past meeting with its recap, a running trial with data points, and a requested
meeting still waiting for a date (issue 4)."""

from __future__ import annotations

from datetime import date, timedelta

from playbook.advocacy.models import Concern
from playbook.children.models import Child, TeamRole
from playbook.children.school_calendar import SchoolCalendar
from playbook.meetings.models import DataSeries, Measurement, Meeting, Trial

from .trials import review_date


def add_demo(child: Child, today: date) -> None:
    team = {member.role: member for member in child.team.all()}
    concerns = list(Concern.objects.filter(child=child, status=Concern.Status.OPEN)[:2])
    if not concerns:
        concerns = [Concern.objects.create(child=child, title="Leaves the classroom when upset")]

    held_on = today - timedelta(days=45)
    held = Meeting.objects.create(
        child=child,
        kind=Meeting.Kind.IEP,
        status=Meeting.Status.HELD,
        date=held_on,
        place="Room 14",
        outcome=(
            "The team agreed to try a shared classroom aide for six weeks instead of the 1:1 "
            "aide we asked for. Ms. Chen will count times Maya leaves the room each week. "
            "We meet again when the six weeks end."
        ),
    )
    held.invitees.set(
        [
            team[r]
            for r in (
                TeamRole.CASE_MANAGER,
                TeamRole.GENERAL_ED_TEACHER,
                TeamRole.SPECIAL_ED_TEACHER,
                TeamRole.PRINCIPAL,
            )
            if r in team
        ]
    )
    held.agenda.set(concerns)
    series = DataSeries.objects.create(
        child=child,
        name="Times leaving the classroom",
        unit="per week",
        baseline=9,
        goal=2,
        concern=concerns[0],
    )
    start = held_on + timedelta(days=3)
    for week, value in enumerate([9, 8, 8, 6, 7, 5]):
        day = start + timedelta(weeks=week)
        if day <= today:
            Measurement.objects.create(
                series=series, date=day, value=value, note="Ms. Chen's count"
            )
    Trial.objects.create(
        child=child,
        proposal="a shared classroom aide",
        instead_of="a dedicated 1:1 aide",
        start_date=start,
        weeks=7,
        measure="times leaving the classroom per week",
        how_often="weekly",
        measured_by="Ms. Chen, special education teacher",
        review_date=review_date(start, 7, SchoolCalendar.for_child(child)),
        concern=concerns[0],
        series=series,
    )

    requested = Meeting.objects.create(
        child=child, kind=Meeting.Kind.IEP, status=Meeting.Status.REQUESTED
    )
    requested.agenda.set(concerns)
