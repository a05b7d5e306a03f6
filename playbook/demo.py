"""The demo household: one family, one child in grade 3, the whole school team and a
current IEP whose annual review falls a few months from the day it is built.

Other parts add their own demo data through DEMO_EXTENSIONS (each called once with the
child and the day the demo is built for, after the team and the IEP exist).
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import date, timedelta

from django.db import transaction
from django.utils import timezone

from playbook.accounts.households import create_parent
from playbook.accounts.models import Household, Membership, Role, User
from playbook.children.models import (
    IEP,
    Accommodation,
    Child,
    Goal,
    Per,
    Service,
    TeamMember,
    TeamRole,
)

DEMO_EMAIL = "demo@example.com"
# Printed by `playbook demo`; the demo is for trying the app on your own machine.
DEMO_PASSWORD = "try-iep-playbook"
DEMO_PARENT = "Jordan Alvarez"
DEMO_TIME_ZONE = "America/Los_Angeles"


def today() -> date:
    """Today where the demo family lives."""
    return Household(time_zone=DEMO_TIME_ZONE).today()


def _extensions() -> list[Callable[[Child, date], None]]:
    """Each part's demo data, in an order where each finds what it builds on: the school
    breaks first (plan and ledger count school days), the trail, then concerns, asks and
    letters, refusals, meetings and trials, the ledger, and the plan's ticks last."""
    from playbook.deadlines import demo as deadlines
    from playbook.ledger import demo as ledger
    from playbook.letters import demo as letters
    from playbook.meetings import demo as meetings
    from playbook.plan import demo as plan
    from playbook.refusals import demo as refusals
    from playbook.trail import demo as trail

    return [
        deadlines.add_demo,
        trail.add_demo,
        letters.add_demo,
        refusals.add_demo,
        letters.add_refusal_letters,
        meetings.add_demo,
        letters.add_meeting_recap,
        ledger.add_demo,
        plan.add_demo,
    ]


DEMO_EXTENSIONS: list[Callable[[Child, date], None]] = []

SCHOOL = "Oak Meadow Elementary School"
SCHOOL_ADDRESS = "2200 Meadow View Road\nSierra Vista, CA 95811"
DISTRICT = "Sierra Vista Unified School District"
MAIL = "svusd.k12.example.org"

TEAM = [
    # (name, role, discipline, email user, phone)
    ("Rachel Kim", TeamRole.CASE_MANAGER, "", "rkim", "(916) 555-0142"),
    ("Michael Okafor", TeamRole.GENERAL_ED_TEACHER, "", "mokafor", "(916) 555-0117"),
    ("Laura Chen", TeamRole.SPECIAL_ED_TEACHER, "", "lchen", "(916) 555-0143"),
    ("Priya Raman", TeamRole.THERAPIST, "Speech-language", "praman", "(916) 555-0151"),
    ("Tom Becker", TeamRole.THERAPIST, "Occupational", "tbecker", "(916) 555-0152"),
    ("Dr. Elena Morales", TeamRole.SCHOOL_PSYCHOLOGIST, "", "emorales", "(916) 555-0160"),
    ("Denise Walker", TeamRole.PRINCIPAL, "", "dwalker", "(916) 555-0100"),
    ("Mark Sullivan", TeamRole.SPECIAL_ED_SUPERVISOR, "", "msullivan", "(916) 555-0210"),
    ("Dr. Angela Reyes", TeamRole.DIRECTOR_SPECIAL_SERVICES, "", "areyes", "(916) 555-0200"),
    ("Kevin Park", TeamRole.ASSISTANT_SUPERINTENDENT, "", "kpark", "(916) 555-0301"),
    ("Dr. Susan Whitfield", TeamRole.SUPERINTENDENT, "", "swhitfield", "(916) 555-0300"),
]

SERVICES = [
    # (service, minutes, per, sessions, setting, provider)
    ("Speech and language therapy", 60, Per.WEEK, 2, "Speech room, small group", "Speech-language pathologist"),
    ("Occupational therapy", 30, Per.WEEK, 1, "Pull-out, individual", "Occupational therapist"),
    ("Specialized academic instruction: reading", 150, Per.WEEK, 5, "Resource room", "Special education teacher"),
]  # fmt: skip

GOALS = [
    ("Reading", "By the annual review, given a grade 3 passage, Maya will read 90 words "
     "correct per minute with 95% accuracy in 4 of 5 weekly probes (baseline: 52 words)."),
    ("Reading", "By the annual review, after reading a grade 3 text, Maya will answer "
     "4 of 5 who/what/why questions correctly in 3 consecutive sessions (baseline: 2 of 5)."),
    ("Communication", "By the annual review, Maya will produce /r/ and /r/ blends in "
     "conversation with 80% accuracy over 3 consecutive sessions (baseline: 35%)."),
    ("Fine motor", "By the annual review, Maya will copy a 3-sentence passage legibly, "
     "with letters on the line and spaces between words, in 4 of 5 trials (baseline: 1 of 5)."),
]  # fmt: skip

ACCOMMODATIONS = [
    "Extended time (time and a half) on tests and timed assignments",
    "Directions read aloud and repeated, with a check for understanding",
    "Preferential seating near the teacher and away from the door",
    "Text-to-speech for grade-level reading in science and social studies",
    "Tests in a small group, quiet setting",
]


def school_year_start(today: date) -> int:
    """The calendar year the current school year began in (August start)."""
    return today.year if today.month >= 8 else today.year - 1


def remove_demo() -> None:
    """Delete the demo account and every household it owns (and nothing else)."""
    user = User.objects.filter(email__iexact=DEMO_EMAIL).first()
    if user is None:
        return
    Household.objects.filter(memberships__user=user, memberships__role=Role.OWNER).delete()
    user.delete()


def _demo_parent() -> tuple[User, Household, Child | None]:
    """The demo account, a fresh household for it, and the child the last demo had.

    Loading the demo again keeps the account (a browser signed in to it stays signed in) and
    reuses the household's and the child's ids, so an open page or a bookmark of the old demo
    shows the new one (issue 17). Everything else the old household held is deleted.
    """
    user = User.objects.filter(email__iexact=DEMO_EMAIL).first()
    if user is None:
        user = create_parent(DEMO_EMAIL, DEMO_PASSWORD, DEMO_PARENT, email_verified=True)
        return user, user.memberships.get().household, None
    owned = Household.objects.filter(memberships__user=user, memberships__role=Role.OWNER)
    old_household = owned.order_by("created_at").first()
    old_child = (
        Child._base_manager.filter(household=old_household).order_by("created_at").first()
        if old_household
        else None
    )
    household_id = old_household.pk if old_household else None
    child = Child(pk=old_child.pk) if old_child else None
    Household.objects.filter(memberships__user=user, memberships__role=Role.OWNER).delete()
    user.memberships.all().delete()  # shared households of others are not the demo's
    if not user.check_password(DEMO_PASSWORD):
        user.set_password(DEMO_PASSWORD)  # changed by a visitor: signs them out, as it should
    user.display_name = DEMO_PARENT
    user.is_active = True
    if user.email_verified_at is None:
        user.email_verified_at = timezone.now()
    user.save()
    household = Household.objects.create(**({"pk": household_id} if household_id else {}), name="")
    Membership.objects.create(household=household, user=user, role=Role.OWNER)
    return user, household, child


@transaction.atomic
def load_demo(today: date) -> Child:
    parent, household, old_child = _demo_parent()
    parent.phone = "(916) 555-0188"
    parent.postal_address = "1427 Sycamore Lane\nSierra Vista, CA 95811"
    parent.save(update_fields=["phone", "postal_address"])
    household.name = "The Alvarez family"
    household.time_zone = DEMO_TIME_ZONE
    household.save(update_fields=["name", "time_zone"])

    # Grade 3 in California: turned 5 by 1 September of the kindergarten year.
    year = school_year_start(today)
    child = Child.objects.create(
        **({"pk": old_child.pk} if old_child else {}),
        household=household,
        name="Maya Alvarez",
        birth_date=date(year - 9, 11, 12),
        grade="3",
        school=SCHOOL,
        school_address=SCHOOL_ADDRESS,
        district=DISTRICT,
        state="CA",
        school_year_start_month=8,
        disability_categories="Speech or language impairment; specific learning disability",
    )
    TeamMember.objects.bulk_create(
        TeamMember(
            child=child,
            name=name,
            role=role,
            discipline=discipline,
            email=f"{user}@{MAIL}",
            phone=phone,
        )
        for name, role, discipline, user, phone in TEAM
    )
    _current_iep(child, today)
    for extend in _extensions() + DEMO_EXTENSIONS:
        extend(child, today)
    return child


def _current_iep(child: Child, today: date) -> IEP:
    end = today + timedelta(days=110)  # the annual review is due in under four months
    start = end.replace(year=end.year - 1) + timedelta(days=1)
    iep = IEP.objects.create(
        child=child,
        meeting_date=start - timedelta(days=6),
        start_date=start,
        end_date=end,
        last_evaluation_date=start - timedelta(days=400),
        placement="General education classroom with resource room support (80% or more of the day)",
        progress_reporting="Written progress report on each goal with every report card",
    )
    Service.objects.bulk_create(
        Service(
            iep=iep,
            service=service,
            minutes=minutes,
            per=per,
            sessions=sessions,
            setting=setting,
            provider_role=provider,
            position=position,
        )
        for position, (service, minutes, per, sessions, setting, provider) in enumerate(SERVICES)
    )
    Goal.objects.bulk_create(
        Goal(iep=iep, area=area, text=text, position=position)
        for position, (area, text) in enumerate(GOALS)
    )
    Accommodation.objects.bulk_create(
        Accommodation(iep=iep, text=text, position=position)
        for position, text in enumerate(ACCOMMODATIONS)
    )
    return iep
