"""The weekly digest email: this week's moves, deadlines within 30 days, unticked plan items,
and the fingerprint of each child's paper trail (its head, decision 0016).

`playbook remind` runs `claim_due_weeks()`: each household's week, by the household's own
date (its time zone), is claimed by
inserting a DigestSent row (unique per household and week), so it is safe to run as often as
you like, on as many hosts as you like. Each claim is then sent by a background task
(playbook.coach.tasks), which calls `deliver` and gives the week back if it finally fails.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date, datetime, timedelta
from zoneinfo import ZoneInfo

from django.conf import settings
from django.core import signing
from django.core.mail import EmailMultiAlternatives
from django.db import IntegrityError, transaction
from django.db.models import Exists, OuterRef, Q
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone, translation

from playbook.accounts.models import Household, Membership
from playbook.children.models import Child
from playbook.trail.chain import Fingerprint, head_of, remember_shown
from playbook.trail.models import ChainAnchor

from .models import DigestOptOut, DigestSent, DigestSettings
from .moves import next_moves

OPT_OUT_SALT = "playbook.digest.opt-out"
DEADLINE_WINDOW_DAYS = 30


@dataclass
class ChildDigest:
    child: Child
    moves: list = field(default_factory=list)
    deadlines: list = field(default_factory=list)
    plan_items: list = field(default_factory=list)
    # The paper trail's head, printed in every digest: not news, so not counted by empty.
    trail_head: Fingerprint | None = None

    @property
    def empty(self) -> bool:
        return not (self.moves or self.deadlines or self.plan_items)


# Each section fills one part of a child's digest; deadlines and the plan add theirs.
Section = Callable[[ChildDigest, date], None]
SECTIONS: list[Section] = []


def section(func: Section) -> Section:
    SECTIONS.append(func)
    return func


@section
def _moves(digest: ChildDigest, today: date) -> None:
    digest.moves = next_moves(digest.child, today)[:5]


@section
def _deadlines(digest: ChildDigest, today: date) -> None:
    from playbook.deadlines.engine import deadlines_for

    horizon = today + timedelta(days=DEADLINE_WINDOW_DAYS)
    digest.deadlines = [
        d for d in deadlines_for(digest.child, today) if d.due is not None and d.due <= horizon
    ]


@section
def _plan(digest: ChildDigest, today: date) -> None:
    from playbook.plan.schedule import open_now

    digest.plan_items = open_now(digest.child, today)[:8]


@section
def _trail_head(digest: ChildDigest, today: date) -> None:
    digest.trail_head = head_of(digest.child)


def week_start(day: date) -> date:
    return day - timedelta(days=day.weekday())


def opt_out_token(household_id) -> str:
    return signing.dumps({"h": str(household_id)}, salt=OPT_OUT_SALT)


def read_opt_out_token(token: str) -> str | None:
    try:
        return signing.loads(token, salt=OPT_OUT_SALT)["h"]
    except (signing.BadSignature, KeyError, TypeError):
        return None


def households_due(today: date):
    """Households with a child, whose digest day has come this week and that have not had
    this week's. (Without a child there is nothing to say: no need to queue a task.)"""
    sent = DigestSent.objects.filter(week_start=week_start(today)).values("household_id")
    not_yet = DigestSettings.objects.filter(
        Q(weekday__gt=today.weekday()) | Q(enabled=False)
    ).values("household_id")
    return (
        Household.objects.filter(Exists(Child.objects.filter(household=OuterRef("pk"))))
        .exclude(pk__in=sent)
        .exclude(pk__in=not_yet)
        .order_by("created_at")
    )


def build(household: Household, today: date) -> list[ChildDigest]:
    digests = []
    for child in Child.objects.filter(household=household).order_by("name"):
        digest = ChildDigest(child)
        for fill in SECTIONS:
            fill(digest, today)
        digests.append(digest)
    return digests


def claim_week(household: Household, today: date) -> DigestSent | None:
    """Claim the household's week, or None if a run on this or another host already has."""
    try:
        with transaction.atomic():
            return DigestSent.objects.create(household=household, week_start=week_start(today))
    except IntegrityError:
        return None


def family_days(now: datetime) -> list[tuple[date, list[str]]]:
    """The dates it is at ``now`` where the households with a child live, each with the
    time zones that have that date (oldest date first)."""
    zones = (
        Household.objects.filter(Exists(Child.objects.filter(household=OuterRef("pk"))))
        .values_list("time_zone", flat=True)
        .distinct()
    )
    days: dict[date, list[str]] = defaultdict(list)
    for name in zones:
        days[timezone.localdate(now, timezone=ZoneInfo(name))].append(name)
    return sorted(days.items())


def claim_due_weeks(today: date | None = None) -> list[tuple[DigestSent, date]]:
    """Claim the week of every household whose digest is due; the claims this run won, each
    with the day it was claimed for. Each household's own date decides (its digest day and
    its week), unless ``today`` is given (`playbook remind --today`): then that date for all."""
    if today is not None:
        groups: list[tuple[date, list[str] | None]] = [(today, None)]
    else:
        groups = list(family_days(timezone.now()))
    won = []
    for day, zones in groups:
        due = households_due(day)
        if zones is not None:
            due = due.filter(time_zone__in=zones)
        for household in due:
            claim = claim_week(household, day)
            if claim is not None:
                won.append((claim, day))
    return won


def deliver(claim: DigestSent, today: date) -> bool:
    """Send the claimed week's digest: one email, to every member who has not opted out.
    True if it sent one; False when nobody wants it or there is nothing to say. An email
    that fails raises, and the claim stays: the caller decides whether to give it back."""
    household = claim.household
    opted_out = DigestOptOut.objects.filter(household=household).values("user_id")
    members = list(
        Membership.objects.filter(household=household, user__is_active=True)
        .exclude(user_id__in=opted_out)
        .select_related("user")
    )
    # One email per language the members read, each written in it (decision 0049): the
    # coach's words, the deadlines' titles and the dates, whatever language the process
    # last served. A household that all reads English gets the one email it always got.
    digests: list[ChildDigest] = []
    for lang, emails in (readers_by_language(members) or {"en": []}).items():
        with translation.override(lang):
            digests = build(household, today)
            if not members or all(d.empty for d in digests):
                return False
            _send(household, emails, digests, today)
    for digest in digests:
        remember_shown(digest.child, digest.trail_head, ChainAnchor.ShownIn.DIGEST)
    claim.recipients = len(members)
    claim.save(update_fields=["recipients"])
    return True


def readers_by_language(members) -> dict[str, list[str]]:
    """The members' addresses by the language each reads (``User.language``), English
    first; a language the app does not speak reads English."""
    known = {code for code, _ in settings.LANGUAGES}
    found: dict[str, list[str]] = {}
    for member in members:
        lang = member.user.language if member.user.language in known else "en"
        found.setdefault(lang, []).append(member.user.email)
    return dict(sorted(found.items(), key=lambda item: item[0] != "en"))


def _send(household, recipients, digests, today) -> None:
    from playbook.deadlines.engine import DISCLAIMER

    stop_url = settings.SITE_URL + reverse("digest_opt_out", args=[opt_out_token(household.pk)])
    context = {
        "household": household,
        "digests": [d for d in digests if not d.empty],
        "trail_heads": [d for d in digests if d.trail_head],
        "today": today,
        "site_url": settings.SITE_URL,
        "stop_url": stop_url,
        "deadline_window": DEADLINE_WINDOW_DAYS,
        "disclaimer": DISCLAIMER,
    }
    subject = render_to_string("emails/digest-subject.txt", context).strip()
    message = EmailMultiAlternatives(
        subject=subject,
        body=render_to_string("emails/digest-body.txt", context),
        to=recipients,
        headers={
            "List-Unsubscribe": f"<{stop_url}>",
            "List-Unsubscribe-Post": "List-Unsubscribe=One-Click",
        },
    )
    message.attach_alternative(render_to_string("emails/digest-body.html", context), "text/html")
    message.send()
