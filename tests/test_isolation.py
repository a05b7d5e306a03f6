"""Every URL that takes an object id keeps family data inside its household.

The test walks every URL pattern (pages and API alike), fills each id parameter with one of
Alice's objects and asks as:
- Charlie (another household): 404 (or 405 for a method the route lacks), never a hint
  that the id exists;
- Bob (Alice's read-only advocate): reads work (a page whose GET is the form that
  changes the object may answer 403), every write answers 403;
- Alice herself: not 404, which proves the id really names her object.

A route whose id parameter is not in ID_PARAMS fails the test: add how to make Alice's
object for it below, so that no route can skip these checks, and add the parameter to
SCOPED_PATH_PARAMS (accounts/path_scope.py), which checks it before any view runs.
"""

from __future__ import annotations

import re
import uuid
from collections.abc import Callable
from datetime import UTC, date, datetime
from functools import cached_property

import pytest
from django.core.files.base import ContentFile
from django.db import transaction
from django.http import HttpResponse
from django.test import Client, override_settings
from django.urls import URLPattern, URLResolver, get_resolver, include, path
from django.urls.resolvers import RoutePattern

from playbook.accounts.households import create_parent
from playbook.accounts.models import ApiToken, Invite, Membership, Role
from playbook.accounts.path_scope import SCOPED_PATH_PARAMS
from playbook.advocacy.models import Ask, Concern, Evidence
from playbook.children.models import (
    IEP,
    Accommodation,
    Child,
    Goal,
    SchoolBreak,
    Service,
    TeamMember,
)
from playbook.deadlines.models import EvaluationConsent, Removal
from playbook.exports.models import BinderJob
from playbook.iep_import.models import IepReading
from playbook.ledger.models import ServiceSession
from playbook.letters.models import Letter
from playbook.meetings.models import DataSeries, Measurement, Meeting, Trial
from playbook.refusals.models import Refusal
from playbook.trail.chain import NewAttachment, append
from playbook.trail.models import EmailImport, Entry


class AliceWorld:
    """Alice's household with one of everything, made on first use."""

    def __init__(self, alice, household, child):
        self.alice = alice
        self.household = household
        self.child = child

    @cached_property
    def team_member(self) -> TeamMember:
        return TeamMember.objects.create(
            child=self.child, name="Dana Cole", role="case_manager", email="dana@school.example"
        )

    @cached_property
    def iep(self) -> IEP:
        iep = IEP.objects.create(
            child=self.child, start_date=date(2025, 9, 2), end_date=date(2026, 9, 1)
        )
        Service.objects.create(iep=iep, service="Speech therapy", minutes=60, per="week")
        Goal.objects.create(iep=iep, text="Reads 90 words correct per minute")
        Accommodation.objects.create(iep=iep, text="Extended time")
        iep.file_name = "IEP 2025-26.pdf"
        iep.file.save("iep.pdf", ContentFile(b"%PDF-1.4\n1 0 obj<<>>endobj\n%%EOF\n"))
        return iep

    @cached_property
    def service(self) -> Service:
        return self.iep.services.get()

    @cached_property
    def school_break(self) -> SchoolBreak:
        return SchoolBreak.objects.create(
            child=self.child, name="Winter break", start=date(2025, 12, 22), end=date(2026, 1, 2)
        )

    @cached_property
    def entry(self) -> Entry:
        return append(
            self.child,
            occurred_at=datetime(2025, 10, 1, 15, 0, tzinfo=UTC),
            kind="email",
            direction="received",
            subject="Re: reading support",
            body="We will look into it.",
            counterpart=self.team_member,
            attachments=[NewAttachment("notes.txt", b"notes", "text/plain")],
        )

    @cached_property
    def concern(self) -> Concern:
        return Concern.objects.create(child=self.child, title="Reading is not improving")

    @cached_property
    def evidence(self) -> Evidence:
        evidence = Evidence.objects.create(
            concern=self.concern, text="Still 52 words a minute", attachment_name="probe.txt"
        )
        evidence.attachment.save("probe.txt", ContentFile(b"52 wpm"))
        return evidence

    @cached_property
    def ask(self) -> Ask:
        return Ask.objects.create(
            child=self.child,
            subject="A reading evaluation",
            asked_of=self.team_member,
            asked_on=date(2025, 10, 1),
        )

    @cached_property
    def refusal(self) -> Refusal:
        return Refusal.objects.create(
            child=self.child,
            said_by=self.team_member,
            said_on=date(2025, 10, 3),
            words="We don't do that here.",
            ask=self.ask,
            policy_entry=self.entry,  # its attachment stands in for the policy document
        )

    @cached_property
    def session(self) -> ServiceSession:
        return ServiceSession.objects.create(
            service=self.service, date=date(2025, 10, 7), minutes=30, status="delivered"
        )

    @cached_property
    def consent(self) -> EvaluationConsent:
        return EvaluationConsent.objects.create(child=self.child, signed_on=date(2025, 9, 15))

    @cached_property
    def removal(self) -> Removal:
        return Removal.objects.create(child=self.child, date=date(2025, 10, 6), days=1)

    @cached_property
    def binder_job(self) -> BinderJob:
        job = BinderJob.objects.create(child=self.child, status="done")
        job.file.save("binder.pdf", ContentFile(b"%PDF-1.4\n%%EOF\n"))
        return job

    @cached_property
    def email_import(self) -> EmailImport:
        return EmailImport.objects.create(child=self.child, filename="mail.mbox", status="done")

    @cached_property
    def iep_reading(self) -> IepReading:
        return IepReading.objects.create(
            child=self.child, file_name="iep.pdf", status="failed", error="Not a PDF."
        )

    @cached_property
    def series(self) -> DataSeries:
        return DataSeries.objects.create(child=self.child, name="Words per minute", unit="wpm")

    @cached_property
    def measurement(self) -> Measurement:
        return Measurement.objects.create(series=self.series, date=date(2025, 10, 6), value=52)

    @cached_property
    def trial(self) -> Trial:
        return Trial.objects.create(
            child=self.child,
            proposal="Daily phonics group",
            start_date=date(2025, 10, 6),
            weeks=6,
            measure="Words per minute",
            review_date=date(2025, 11, 17),
        )

    @cached_property
    def meeting(self) -> Meeting:
        return Meeting.objects.create(child=self.child, date=date(2025, 11, 20))

    @cached_property
    def letter(self) -> Letter:
        # Written in Spanish too, so the bilingual pair's routes have a pair to serve.
        return Letter.objects.create(
            child=self.child,
            kind="follow_up",
            subject="Following up",
            body="Dear Ms. Cole,",
            lang="es",
            translation_subject="Seguimiento",
            translation="Estimada Sra. Cole:",
        )

    @cached_property
    def deleted_child(self) -> Child:
        child = Child.objects.create(
            household=self.household, name="Ada Rivera", birth_date=date(2017, 5, 2), grade="3"
        )
        child.delete_by(self.alice)
        return child

    @cached_property
    def invite(self) -> Invite:
        return Invite.objects.create(
            household=self.household, email="gran@example.com", role=Role.PARENT
        )

    @cached_property
    def api_token(self) -> ApiToken:
        return ApiToken.issue(self.alice)[0]

    @cached_property
    def advocate_membership(self) -> Membership:
        dora = create_parent("dora@example.com", "a-long-test-password", "Dora Advocate")
        return Membership.objects.create(
            household=self.household, user=dora, role=Role.ADVOCATE_EDIT
        )


# Path parameter -> how to make or find Alice's household's object for it.
ID_PARAMS: dict[str, Callable[[AliceWorld], object]] = {
    "household_id": lambda w: w.household.pk,
    "membership_id": lambda w: w.advocate_membership.pk,
    "invite_id": lambda w: w.invite.pk,
    "child_id": lambda w: w.child.pk,
    "deleted_child_id": lambda w: w.deleted_child.pk,
    "break_id": lambda w: w.school_break.pk,
    "team_member_id": lambda w: w.team_member.pk,
    "member_id": lambda w: w.team_member.pk,
    "iep_id": lambda w: w.iep.pk,
    "service_id": lambda w: w.service.pk,
    "goal_id": lambda w: w.iep.goals.get().pk,
    "entry_id": lambda w: w.entry.pk,
    "attachment_id": lambda w: w.entry.attachments.get().pk,
    "concern_id": lambda w: w.concern.pk,
    "evidence_id": lambda w: w.evidence.pk,
    "ask_id": lambda w: w.ask.pk,
    "refusal_id": lambda w: w.refusal.pk,
    "series_id": lambda w: w.series.pk,
    "measurement_id": lambda w: w.measurement.pk,
    "trial_id": lambda w: w.trial.pk,
    "meeting_id": lambda w: w.meeting.pk,
    "letter_id": lambda w: w.letter.pk,
    "session_id": lambda w: w.session.pk,
    "consent_id": lambda w: w.consent.pk,
    "evaluation_id": lambda w: w.consent.pk,
    "removal_id": lambda w: w.removal.pk,
    "job_id": lambda w: w.binder_job.pk,
    "import_id": lambda w: w.email_import.pk,
    "reading_id": lambda w: w.iep_reading.pk,
}

# Path parameter -> Alice's own (not her household's) object: everyone else gets 404,
# her read-only advocate included.
PERSONAL_ID_PARAMS: dict[str, Callable[[AliceWorld], object]] = {
    "token_id": lambda w: w.api_token.pk,
}

# Path parameters that are not object ids: why they need no scoping, and the value to put
# in the path (None: the route is a secret link and is left out).
NOT_IDS: dict[str, tuple[str, str | None]] = {
    "token": ("a secret link (invitation, password reset): holding it is the permission", None),
    "uidb64": ("the password-reset link's account, checked with its token", None),
    "ext": ("a file format", "txt"),
    "kind": ("a letter kind", "follow_up"),
    "row_kind": ("a kind of row on the IEP import form", "services"),
}

PARAM = re.compile(r"<(?:(?P<converter>\w+):)?(?P<name>\w+)>")
WRITES = ("post", "put", "patch", "delete")


def all_routes(urlconf=None) -> list[str]:
    """Every URL pattern as a route string like 'children/<uuid:child_id>/'."""

    def walk(patterns, prefix: str):
        for pattern in patterns:
            route = prefix + str(pattern.pattern)
            if isinstance(pattern, URLResolver):
                yield from walk(pattern.url_patterns, route)
            elif isinstance(pattern, URLPattern):
                yield route

    return list(walk(get_resolver(urlconf).url_patterns, ""))


def routes_with_ids(urlconf=None) -> tuple[list[str], list[str]]:
    """(routes whose every parameter is known, problems with the others)."""
    known, problems = [], []
    for route in all_routes(urlconf):
        if route.startswith("^"):
            if re.search(r"\(\?P<", route):
                problems.append(f"{route}: a regex route; write it with path() so it is checked")
            continue
        names = [m["name"] for m in PARAM.finditer(route)]
        ids = [n for n in names if n not in NOT_IDS]
        missing = [n for n in ids if n not in ID_PARAMS and n not in PERSONAL_ID_PARAMS]
        if missing:
            problems.append(
                f"/{route}: no way to make Alice's object for {', '.join(missing)}; "
                "add it to ID_PARAMS in tests/test_isolation.py and to SCOPED_PATH_PARAMS"
            )
        elif ids:
            known.append(route)
    return known, problems


def fill(route: str, world: AliceWorld) -> str | None:
    if any(NOT_IDS.get(m["name"], ("", ""))[1] is None for m in PARAM.finditer(route)):
        return None

    def value(m: re.Match) -> str:
        if m["name"] in NOT_IDS:
            return NOT_IDS[m["name"]][1]
        return str({**ID_PARAMS, **PERSONAL_ID_PARAMS}[m["name"]](world))

    return "/" + PARAM.sub(value, route)


def is_personal(route: str) -> bool:
    return any(m["name"] in PERSONAL_ID_PARAMS for m in PARAM.finditer(route))


def send(client: Client, method: str, url: str) -> int:
    if method == "get":
        return client.get(url).status_code
    return getattr(client, method)(url, data="{}", content_type="application/json").status_code


def as_alice_and_undone(client: Client, method: str, url: str) -> int:
    """Alice's request, its effects rolled back so the next route finds everything."""
    with transaction.atomic():
        status = send(client, method, url)
        transaction.set_rollback(True)
    return status


def isolation_failures(world: AliceWorld, alice: Client, bob: Client, charlie: Client):
    routes, failures = routes_with_ids()
    post_only = []
    for route in routes:
        url = fill(route, world)
        if url is None:
            continue
        charlie_status = {m: send(charlie, m, url) for m in ("get", *WRITES)}
        if any(s not in (404, 405) for s in charlie_status.values()) or 404 not in (
            charlie_status.values()
        ):
            failures.append(f"{url}: another household got {charlie_status}, not 404")

        if is_personal(route):
            bob_status = {m: send(bob, m, url) for m in ("get", *WRITES)}
            if any(s not in (404, 405) for s in bob_status.values()):
                failures.append(f"{url}: someone else's account got {bob_status}, not 404")
        else:
            bob_read = send(bob, "get", url)
            # 400/422: the route wants more (a query parameter) but took the id. A page's
            # GET may be the form that changes the object: 403 there is right.
            allowed = {400, 405, 422} if route.startswith("api/") else {400, 403, 405, 422}
            if bob_read >= 400 and bob_read not in allowed:
                failures.append(f"{url}: a read-only member's GET got {bob_read}")
            for method in WRITES:
                status = send(bob, method, url)
                if status not in (403, 405):
                    failures.append(f"{url}: a read-only member's {method.upper()} got {status}")

        alice_read = as_alice_and_undone(alice, "get", url)
        if alice_read == 405:
            post_only.append(url)
        elif alice_read == 404:
            failures.append(wrong_object(url))
    # Last, as a POST may remove a file, which no rollback brings back.
    for url in post_only:
        if as_alice_and_undone(alice, "post", url) == 404:
            failures.append(wrong_object(url))
    return failures


def wrong_object(url: str) -> str:
    return f"{url}: Alice herself got 404, so ID_PARAMS gives a wrong object for it"


@pytest.fixture
def world(alice, household, child):
    return AliceWorld(alice, household, child)


@pytest.fixture
def clients(alice, bob, charlie):
    made = []
    for user in (alice, bob, charlie):
        client = Client()
        client.force_login(user)
        made.append(client)
    return made


def test_every_route_with_an_id_is_scoped_to_the_household(world, clients):
    failures = isolation_failures(world, *clients)
    assert not failures, "Routes that leak or miss scoping:\n" + "\n".join(failures)


def test_every_id_parameter_can_be_made(world):
    # Routes of later parts use most of these; each must work before it is needed.
    for name, make in {**ID_PARAMS, **PERSONAL_ID_PARAMS}.items():
        assert isinstance(make(world), uuid.UUID), name


def test_every_household_id_is_checked_before_the_view():
    # Memberships and invites have no household_path: their views look them up inside the
    # household, whose id is checked.
    checked_inside_the_household = {"membership_id", "invite_id"}
    assert set(ID_PARAMS) - checked_inside_the_household <= set(SCOPED_PATH_PARAMS)


def test_no_route_is_hidden_behind_an_earlier_one():
    # children/<child_id>/ieps/<iep_id> listed first would take .../ieps/import for an id.
    routes = [r for r in all_routes() if not r.startswith("^")]
    shadowed = []
    for later_index, later in enumerate(routes):
        sample = PARAM.sub(lambda m: "3f0c8a52-7d0e-4b8e-9a51-2f6d1c9e4b10", later)
        for earlier in routes[:later_index]:
            if earlier != later and RoutePattern(earlier, is_endpoint=True).match(sample):
                shadowed.append(f"/{later} is answered by /{earlier}, listed before it")
                break
    assert not shadowed, "\n".join(shadowed)


def test_the_walk_sees_the_api_and_the_pages():
    routes, _ = routes_with_ids()
    assert "api/v1/children/<child_id>" in routes
    assert "api/v1/children/<child_id>/team/<team_member_id>" in routes
    assert "children/<uuid:child_id>/" in routes


# --- The test can fail: a leaky route and an unknown id are both caught ----------------------


def _leaky_view(request, child_id):
    # Reaches family data without accounts.access: exactly what the test must catch.
    return HttpResponse(Child.objects.get(pk=child_id).name)


def _widget_view(request, widget_id):
    return HttpResponse("widget")


class LeakyUrls:
    urlpatterns = [
        path("", include("playbook.urls")),
        path("leaky/<uuid:child_id>/", _leaky_view),
        path("widgets/<uuid:widget_id>/", _widget_view),
    ]


class OnlyTheLeakyRoute:
    """The leaky route alone: the checker's own test walks one route, not all of the app again
    (the app's routes are walked by test_every_route_with_an_id_is_scoped_to_the_household;
    walking them twice more here was a tenth of the whole suite's time)."""

    urlpatterns = [path("leaky/<uuid:child_id>/", _leaky_view)]


def test_it_reports_a_route_whose_id_it_cannot_fill():
    with override_settings(ROOT_URLCONF=LeakyUrls):
        _, problems = routes_with_ids()
    assert any("widgets/<uuid:widget_id>/" in p and "widget_id" in p for p in problems)


def test_it_catches_a_route_that_skips_scoping(world, clients):
    with override_settings(ROOT_URLCONF=OnlyTheLeakyRoute):
        failures = isolation_failures(world, *clients)
    leaks = [f for f in failures if f.startswith(f"/leaky/{world.child.pk}/")]
    assert any("another household got {'get': 200" in f for f in leaks), failures


def test_it_catches_a_write_that_skips_scoping(world, clients, settings):
    settings.MIDDLEWARE = [m for m in settings.MIDDLEWARE if not m.endswith("PathScopeMiddleware")]
    with override_settings(ROOT_URLCONF=OnlyTheLeakyRoute):
        failures = isolation_failures(world, *clients)
    assert f"/leaky/{world.child.pk}/: a read-only member's POST got 200" in failures


def test_the_middleware_stops_writes_a_page_forgot_to_check(world, clients):
    alice, bob, charlie = clients
    url = f"/leaky/{world.child.pk}/"
    with override_settings(ROOT_URLCONF=LeakyUrls):
        assert send(bob, "post", url) == 403
        assert send(charlie, "post", url) == 404
        assert send(alice, "post", url) == 200
        assert Client().post(url).status_code == 200  # not signed in: the view decides


def test_an_unknown_id_answers_404_like_another_households(clients):
    alice = clients[0]
    for url in (f"/api/v1/children/{uuid.uuid4()}", "/api/v1/children/not-a-uuid"):
        assert alice.get(url).status_code == 404
