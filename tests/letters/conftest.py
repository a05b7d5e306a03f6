from __future__ import annotations

from datetime import UTC, date, datetime

import pytest

from playbook.advocacy.concerns import add_evidence
from playbook.advocacy.models import Ask, Concern
from playbook.children.models import TeamMember
from playbook.meetings.models import Meeting
from playbook.trail import chain

TODAY = date(2026, 3, 2)  # a Monday


@pytest.fixture
def teacher(child):
    return TeamMember.objects.create(
        child=child, name="Lee Park", role="special_ed_teacher", email="lee.park@school.example"
    )


@pytest.fixture
def concern(child):
    concern = Concern.objects.create(
        child=child,
        title="Reading is not improving",
        area="Reading",
        details="Sam's reading fluency has not changed since September.",
        request="Daily small-group reading instruction with a reading specialist.",
    )
    add_evidence(
        concern,
        text="Reads 48 words per minute; the grade goal is 90.",
        kind="data",
        date=date(2026, 2, 10),
    )
    add_evidence(concern, text="Cries over reading homework most nights.", kind="example")
    add_evidence(
        concern, text="He avoids books he used to enjoy.\nHis teacher noticed too.", kind="reason"
    )
    return concern


@pytest.fixture
def ask(child, case_manager, teacher):
    return Ask.objects.create(
        child=child,
        subject="An OT evaluation for handwriting",
        asked_of=teacher,
        asked_on=date(2026, 2, 2),
        channel="email",
        reply_due=date(2026, 2, 16),
    )


@pytest.fixture
def call(child, case_manager):
    return chain.append(
        child,
        occurred_at=datetime(2026, 2, 26, 17, 30, tzinfo=UTC),
        kind="call",
        subject="Reading support",
        body="Dana said a reading specialist could see Sam twice a week.\nShe will confirm by Friday.",
        counterpart=case_manager,
    )


@pytest.fixture
def meeting(child, case_manager, teacher):
    meeting = Meeting.objects.create(
        child=child,
        kind="iep",
        status="held",
        date=date(2026, 2, 24),
        outcome="The team agreed to add a reading goal.",
    )
    meeting.invitees.set([case_manager, teacher])
    return meeting
