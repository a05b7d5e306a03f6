"""Large data for the benchmarks, in whatever database Django is configured for.

One big household: the demo family (every part's realistic data: team, current IEP with
services and logged sessions, letters, plan ticks, refusals, meetings, trials) topped up
to a child with 5,000 trail entries on a valid hash chain, 200 asks, 50 concerns with
evidence, 20 data series with points, and more refusals, meetings and trials. Then N
ordinary households (one parent, one child, a small team, a current IEP with services,
a short trail on a valid chain, a concern and a few asks), written with bulk_create.

    .venv/bin/python benchmarks/seed.py --households 10000   # into a throwaway SQLite
    DATABASE_URL=postgres://... .venv/bin/python benchmarks/seed.py --keep
"""

from __future__ import annotations

import argparse
import random
import sys
import time
import uuid
from dataclasses import dataclass, field
from datetime import UTC, date, datetime, timedelta
from pathlib import Path

if __package__ in (None, ""):
    sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

BIG_EMAIL = "demo@example.com"
ORDINARY_EMAIL = "parent{}@families.example"
WORDS = [
    "reading",
    "writing",
    "math",
    "speech",
    "occupational",
    "therapy",
    "minutes",
    "weekly",
    "goal",
    "progress",
    "report",
    "evaluation",
    "meeting",
    "schedule",
    "accommodation",
    "aide",
    "behaviour",
    "plan",
    "classroom",
    "teacher",
    "data",
    "support",
    "services",
    "request",
    "reply",
    "agreed",
    "review",
    "assessment",
    "homework",
    "bus",
    "recess",
    "lunch",
    "fluency",
    "comprehension",
    "phonics",
    "decoding",
    "sensory",
    "break",
    "chart",
    "incident",
    "referral",
    "consent",
]
AREAS = ["Reading", "Writing", "Math", "Behaviour", "Speech", "Fine motor", "Attention"]
SERIES = [("Words correct per minute", "wcpm", 90, 52), ("Minutes on task", "minutes", 20, 6),
          ("Homework turned in", "%", 90, 40), ("Meltdowns per day", "count", 0, 4),
          ("Spelling words correct", "of 10", 8, 3)]  # fmt: skip
REFUSALS = [
    "We don't do that for students at his level.",
    "The district doesn't provide one-to-one aides for that.",
    "There is no funding for extra speech minutes this year.",
    "We only evaluate after the child has failed two grading periods.",
]


@dataclass
class Seeded:
    big_child_id: uuid.UUID
    big_user_id: int
    ordinary: list[tuple[int, uuid.UUID]] = field(default_factory=list)  # (user, child)
    seconds_big: float = 0.0
    seconds_ordinary: float = 0.0


def _text(rng: random.Random, n: int) -> str:
    return " ".join(rng.choices(WORDS, k=n)).capitalize() + "."


def seed(households: int = 10_000, entries: int = 5_000, today: date | None = None,
         log=print) -> Seeded:  # fmt: skip
    """Seed the configured database; returns the ids the benchmarks need."""
    today = today or date.today()
    began = time.perf_counter()
    child, user = seed_big(entries, today)
    big = time.perf_counter() - began
    log(f"  big household: {entries:,} entries and the rest in {big:.1f} s")
    began = time.perf_counter()
    ordinary = seed_ordinary(households, today)
    took = time.perf_counter() - began
    log(f"  {households:,} ordinary households in {took:.1f} s")
    return Seeded(child.pk, user.pk, ordinary, big, took)


def seed_big(entries: int, today: date, rng: random.Random | None = None, *, asks: int = 200,
             concerns: int = 50, series: int = 20):  # fmt: skip
    from playbook.accounts.models import User
    from playbook.advocacy.models import Ask, AskStatus, Channel, Concern, Evidence
    from playbook.demo import load_demo
    from playbook.ledger.models import ServiceSession, SessionStatus
    from playbook.meetings.models import DataSeries, Measurement, Meeting, Trial
    from playbook.refusals.models import Refusal  # fmt: skip
    from playbook.refusals.refusals import heard  # fmt: skip
    from playbook.trail.chain import Draft, NewAttachment, append_many
    from playbook.trail.models import Entry

    rng = rng or random.Random(2026)
    child = load_demo(today)
    user = User.objects.get(email=BIG_EMAIL)
    team = list(child.team.all())

    # The trail: from the demo's last entry on, going back four school years.
    have = Entry.objects.filter(child=child).count()
    start = datetime.combine(today - timedelta(days=4 * 365), datetime.min.time(), tzinfo=UTC)
    step = timedelta(days=4 * 365) / max(1, entries)
    drafts = []
    for i in range(max(0, entries - have)):
        kind = rng.choice(["email", "email", "email", "call", "note", "meeting", "letter"])
        member = rng.choice(team)
        direction = rng.choice(["sent", "received"]) if kind in ("email", "letter") else "none"
        drafts.append(Draft(
            occurred_at=start + step * i, kind=kind, direction=direction,
            counterpart=member, subject=_text(rng, 6), body=_text(rng, rng.randint(40, 250)),
            sender=member.email if direction == "received" else "",
            recipients=member.email if direction == "sent" else "",
            attachments=[NewAttachment(f"note-{i}.txt", _text(rng, 30).encode(), "text/plain")]
            if i % 50 == 0 else (),
        ))  # fmt: skip
    for at in range(0, len(drafts), 500):
        append_many(child, drafts[at : at + 500])
    sample = list(
        Entry.objects.filter(child=child).order_by("-seq").values_list("pk", flat=True)[:400]
    )

    wanted_concerns, concerns = concerns, list(child.concerns.all())
    new_concerns = [
        Concern(
            child=child,
            title=f"{rng.choice(AREAS)}: {_text(rng, 5)}",
            area=rng.choice(AREAS),
            details=_text(rng, 40),
            request=_text(rng, 15),
            status=rng.choice(["open", "open", "resolved"]),
            created_at=start + timedelta(days=25 * i),
        )  # fmt: skip
        for i in range(max(0, wanted_concerns - len(concerns)))
    ]
    Concern.objects.bulk_create(new_concerns)
    Evidence.objects.bulk_create(
        Evidence(
            concern=concern,
            text=_text(rng, 20),
            kind=kind,
            position=n,
            date=today - timedelta(days=rng.randint(5, 900)),
        )  # fmt: skip
        for concern in new_concerns
        for n, kind in enumerate(["example", "reason", "data"])
    )
    concerns = list(child.concerns.all())

    wanted_asks, have = asks, child.asks.count()
    statuses = [s for s, _ in AskStatus.choices]
    asks = []
    for i in range(max(0, wanted_asks - have)):
        asked_on = today - timedelta(days=rng.randint(1, 1400))
        status = rng.choice(statuses)
        answered = status not in (AskStatus.OPEN, AskStatus.NO_REPLY)
        asks.append(Ask(
            child=child, subject=_text(rng, 8), details=_text(rng, 30),
            asked_of=rng.choice(team), asked_on=asked_on,
            channel=rng.choice([c for c, _ in Channel.choices]), status=status,
            reply_due=asked_on + timedelta(days=10),
            reply_text=_text(rng, 20) if answered else "",
            reply_date=asked_on + timedelta(days=rng.randint(1, 20)) if answered else None,
            concern=rng.choice(concerns) if i % 2 else None,
        ))  # fmt: skip
    Ask.objects.bulk_create(asks)
    through = Ask.entries.through
    through.objects.bulk_create(
        through(ask_id=ask.pk, entry_id=sample[i % len(sample)]) for i, ask in enumerate(asks)
    )

    wanted_series, have = series, child.data_series.count()
    series = [
        DataSeries(
            child=child,
            name=f"{name} ({i + 1})",
            unit=unit,
            goal=goal,
            baseline=base,
            concern=rng.choice(concerns),
        )  # fmt: skip
        for i, (name, unit, goal, base) in enumerate(
            SERIES[j % len(SERIES)] for j in range(max(0, wanted_series - have))
        )
    ]
    DataSeries.objects.bulk_create(series)
    Measurement.objects.bulk_create(
        Measurement(
            series=s,
            date=today - timedelta(days=7 * (40 - w)),
            value=round((s.baseline or 0) + rng.uniform(-3, 8) + w / 4, 1),
        )  # fmt: skip
        for s in series
        for w in range(40)
    )

    heard_in = {words: heard(words) for words in REFUSALS}  # as log_refusal keeps it
    refusal_words = [rng.choice(REFUSALS) for _ in range(20)]
    Refusal.objects.bulk_create(
        Refusal(
            child=child,
            said_by=rng.choice(team),
            words=refusal_words[i],
            **heard_in[refusal_words[i]],
            said_on=today - timedelta(days=rng.randint(5, 900)),
            ask=asks[i % len(asks)] if asks else None,
        )  # fmt: skip
        for i in range(20)
    )
    Trial.objects.bulk_create(
        Trial(
            child=child,
            proposal=_text(rng, 8),
            instead_of=_text(rng, 5),
            start_date=today - timedelta(days=30 * i + 10),
            weeks=6,
            measure=_text(rng, 6),
            how_often="weekly",
            measured_by="Teacher",
            review_date=today - timedelta(days=30 * i + 10) + timedelta(weeks=6),
            concern=rng.choice(concerns),
        )  # fmt: skip
        for i in range(10)
    )
    meetings = [
        Meeting(
            child=child,
            kind=rng.choice(["iep", "other", "trial_review"]),
            status="held",
            date=today - timedelta(days=60 * i + 20),
            place="Room 12",
            outcome=_text(rng, 30),
        )  # fmt: skip
        for i in range(15)
    ]
    Meeting.objects.bulk_create(meetings)
    for meeting in meetings[:5]:
        meeting.invitees.set(team[:4])
        meeting.agenda.set(concerns[:3])

    iep = child.current_iep()
    sessions = []
    for service in iep.services.all():
        for d in range(120):
            day = today - timedelta(days=d)
            if day.weekday() < 5 and day >= iep.start_date:
                missed = rng.random() < 0.15
                sessions.append(ServiceSession(
                    service=service, date=day, minutes=0 if missed else 30,
                    status=SessionStatus.MISSED if missed else SessionStatus.DELIVERED,
                    reason="provider_absent" if missed else "",
                ))  # fmt: skip
    ServiceSession.objects.bulk_create(sessions, ignore_conflicts=True)
    return child, user


def seed_ordinary(households: int, today: date, batch: int = 1_000) -> list[tuple[int, uuid.UUID]]:
    """N ordinary households in bulk; returns (user id, child id) for each."""
    from django.contrib.auth.hashers import make_password
    from django.db import transaction

    from playbook.accounts.models import Household, Membership, Role, User
    from playbook.advocacy.models import Ask, Concern, Evidence
    from playbook.children.models import IEP, Child, Service, TeamMember
    from playbook.trail.chain import GENESIS, content_digest, link_hash
    from playbook.trail.models import Entry

    rng = random.Random(7)
    password = make_password("bench-password-123")  # hashed once, shared: nobody logs in
    start = User.objects.filter(
        email__startswith="parent", email__endswith="@families.example"
    ).count()
    made: list[tuple[int, uuid.UUID]] = []
    for first in range(start, start + households, batch):
        n = min(batch, start + households - first)
        with transaction.atomic():
            users = User.objects.bulk_create(
                User(
                    email=ORDINARY_EMAIL.format(first + i),
                    password=password,
                    display_name=f"Parent {first + i}",
                )  # fmt: skip
                for i in range(n)
            )
            if users[0].pk is None:  # backends that return no ids on bulk insert
                users = list(User.objects.filter(email__in=[u.email for u in users]).order_by("pk"))
            homes = Household.objects.bulk_create(
                Household(name=f"Family {first + i}", time_zone="America/Chicago") for i in range(n)
            )
            Membership.objects.bulk_create(
                Membership(household=h, user=u, role=Role.OWNER)
                for h, u in zip(homes, users, strict=True)
            )
            kids = Child.objects.bulk_create(
                Child(
                    household=h,
                    name=f"Child {first + i}",
                    birth_date=date(2014 + i % 8, 1 + i % 12, 1 + i % 28),
                    grade=str(1 + i % 8),
                    state=rng.choice(["CA", "TX", "NY", "IL", "FL"]),
                    school="Lincoln Elementary",
                    district="Unified District",
                )  # fmt: skip
                for i, h in enumerate(homes)
            )
            team = [
                TeamMember(
                    child=k,
                    name=f"{role.title()} {j}",
                    role=role,
                    email=f"{role}{j}@school.example",
                )  # fmt: skip
                for k in kids
                for j, role in enumerate(["case_manager", "general_ed_teacher", "therapist"])
            ]
            TeamMember.objects.bulk_create(team)
            ieps = IEP.objects.bulk_create(
                IEP(
                    child=k,
                    start_date=today - timedelta(days=200),
                    end_date=today + timedelta(days=165),
                    meeting_date=today - timedelta(days=205),
                )  # fmt: skip
                for k in kids
            )
            Service.objects.bulk_create(
                Service(iep=iep, service=name, minutes=minutes, per="week", sessions=2, position=p)
                for iep in ieps
                for p, (name, minutes) in enumerate(
                    [("Speech therapy", 60), ("Resource reading", 120)]
                )
            )
            entries = []
            for k_index, k in enumerate(kids):
                prev = GENESIS
                for seq in range(1, 9):
                    entry = Entry(child=k, seq=seq, kind="email", direction="sent" if seq % 2 else "received",
                                  occurred_at=datetime(2025, 9, 1, tzinfo=UTC) + timedelta(days=7 * seq),
                                  counterpart=team[3 * k_index], subject=_text(rng, 5),
                                  body=_text(rng, 40), prev_hash=prev)  # fmt: skip
                    entry.content_hash = content_digest(entry, [])
                    entry.hash = prev = link_hash(prev, seq, entry.content_hash)
                    entries.append(entry)
            Entry.objects.bulk_create(entries, batch_size=500)
            concerns = Concern.objects.bulk_create(
                Concern(
                    child=k,
                    title="Reading is not improving",
                    area="Reading",
                    details=_text(rng, 30),
                    request="More reading minutes",
                )  # fmt: skip
                for k in kids
            )
            Evidence.objects.bulk_create(
                Evidence(concern=c, text=_text(rng, 15), position=p)
                for c in concerns
                for p in range(2)
            )
            Ask.objects.bulk_create(
                Ask(
                    child=k,
                    subject=f"Ask {j}: {_text(rng, 5)}",
                    asked_of=team[3 * n_k],
                    asked_on=today - timedelta(days=10 + 9 * j),
                    reply_due=today - timedelta(days=9 * j),
                    concern=concerns[n_k] if j == 0 else None,
                )  # fmt: skip
                for n_k, k in enumerate(kids)
                for j in range(3)
            )
        made.extend((u.pk, k.pk) for u, k in zip(users, kids, strict=True))
    return made


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--households", type=int, default=10_000)
    parser.add_argument("--entries", type=int, default=5_000)
    parser.add_argument("--keep", action="store_true",
                        help="seed the database of PLAYBOOK_DATA_DIR / DATABASE_URL and keep it")  # fmt: skip
    args = parser.parse_args()
    from benchmarks import common

    data_dir = None
    if args.keep:
        import os

        import django

        os.environ.setdefault("DJANGO_SETTINGS_MODULE", "benchmarks.settings")
        django.setup()
        from django.core.management import call_command

        call_command("migrate", verbosity=0)
    else:
        data_dir = common.prepare()
        print(f"throwaway database in {data_dir} (removed at the end)")
    try:
        seeded = seed(args.households, args.entries)
        from playbook.children.models import Child
        from playbook.trail.chain import verify

        report = verify(Child.objects.get(pk=seeded.big_child_id))
        print(f"  big child's chain: {report.summary()}")
    finally:
        common.cleanup(data_dir)


if __name__ == "__main__":
    main()
