"""Deleting a child (issue 20, finding 11): only the owner may; the deletion is logged,
hides the child and every record about them from every member, can be undone by the owner
for 30 days, and is then purged for good, files included."""

from __future__ import annotations

import io
from datetime import UTC, date, datetime, timedelta

import pytest
import time_machine
from django.core.files.base import ContentFile
from django.core.files.storage import default_storage
from django.core.management import call_command
from django.db import transaction
from django.test import Client

from playbook.accounts.households import create_parent
from playbook.accounts.models import AccessEvent, Household, Membership, Role, User
from playbook.advocacy.models import Concern, Evidence
from playbook.children.models import IEP, Child, DeletedChild
from playbook.deadlines import feeds
from playbook.exports.backup import backup_bytes
from playbook.exports.restore import restore_backup
from playbook.letters.models import Letter
from playbook.trail.chain import NewAttachment, append, verify
from playbook.trail.models import Attachment, Entry
from tests.api.conftest import Api, detail
from tests.conftest import PASSWORD, signed_in
from tests.test_isolation import (
    ID_PARAMS,
    PARAM,
    WRITES,
    AliceWorld,
    fill,
    routes_with_ids,
    send,
)

PDF = b"%PDF-1.4\n% a tiny test file\n%%EOF\n"
# 05:00 UTC on November 30 is still November 29 in Los Angeles, where the family lives.
DELETED_AT = datetime(2026, 11, 30, 5, 0, tzinfo=UTC)
LAST_DAY = date(2026, 12, 29)  # the family's date 30 days after the deletion


@pytest.fixture
def household(household):
    household.time_zone = "America/Los_Angeles"
    household.save()
    return household


@pytest.fixture(params=[Role.PARENT, Role.ADVOCATE_EDIT])
def editor(request, household):
    """A member who may change the records but does not own the family."""
    user = create_parent(f"{request.param}@example.com", PASSWORD, "Erin Editor")
    Membership.objects.create(household=household, user=user, role=request.param)
    return user


@pytest.fixture
def records(alice, child, case_manager):
    """A trail with an attachment and a correction, a concern with an evidence file, an
    IEP with its PDF and a letter."""
    iep = IEP.objects.create(
        child=child, start_date=date(2026, 1, 5), end_date=date(2027, 1, 4), file_name="iep.pdf"
    )
    iep.file.save("iep.pdf", ContentFile(PDF))
    concern = Concern.objects.create(child=child, title="Reading")
    evidence = Evidence.objects.create(concern=concern, text="Reads 40 wpm", kind="data")
    evidence.attachment.save("probe.txt", ContentFile(b"40 wpm"))
    entry = append(
        child,
        occurred_at=datetime(2026, 9, 3, 14, tzinfo=UTC),
        kind="email",
        direction="sent",
        counterpart=case_manager,
        subject="Reading",
        body="Please evaluate.",
        attachments=[NewAttachment("work.pdf", PDF, "application/pdf")],
    )
    append(child, occurred_at=datetime(2026, 9, 4, tzinfo=UTC), kind="note", corrects=entry)
    Letter.objects.create(
        child=child, kind="written_concerns", subject="Reading", body="Dear...", created_by=alice
    )
    return child


def _what_is_kept(child_id) -> dict:
    files = [
        *IEP.objects.filter(child_id=child_id).values_list("file", flat=True),
        *Attachment.objects.filter(entry__child_id=child_id).values_list("file", flat=True),
        *Evidence.objects.filter(concern__child_id=child_id).values_list("attachment", flat=True),
    ]
    return {
        "trail": list(
            Entry.objects.filter(child_id=child_id).order_by("seq").values_list("seq", "hash")
        ),
        "concerns": list(Concern.objects.filter(child_id=child_id).values_list("title", flat=True)),
        "letters": list(Letter.objects.filter(child_id=child_id).values_list("subject", flat=True)),
        "files": sorted((name, default_storage.exists(name)) for name in files if name),
    }


def _client(user) -> Client:
    return signed_in(Client(), user)


# --- Only the owner deletes ------------------------------------------------------------------


def test_an_editor_cannot_delete_a_child_through_the_api(editor, child):
    response = Api(editor).delete(f"children/{child.pk}")
    assert response.status_code == 403
    assert detail(response) == "Only the family's owner can delete a child's records."
    assert Child.objects.filter(pk=child.pk).exists()
    assert not AccessEvent.objects.exists()


def test_an_editor_cannot_delete_a_child_through_the_page(editor, child):
    client = _client(editor)
    url = f"/children/{child.pk}/delete/"
    assert client.get(url).status_code == 403
    response = client.post(url)
    assert response.status_code == 403
    assert "Only the family&#x27;s owner can delete" in response.content.decode()
    assert Child.objects.filter(pk=child.pk).exists()
    # Nor is the way there offered to them.
    assert url not in client.get(f"/children/{child.pk}/edit/").content.decode()


def test_a_read_only_member_cannot_delete_a_child(bob, child):
    assert Api(bob).delete(f"children/{child.pk}").status_code == 403
    assert _client(bob).post(f"/children/{child.pk}/delete/").status_code == 403
    assert Child.objects.filter(pk=child.pk).exists()


# --- The owner's deletion: logged, and the child gone everywhere ----------------------------


@time_machine.travel(DELETED_AT, tick=False)
def test_the_owners_deletion_is_logged(alice, household, child):
    assert Api(alice).delete(f"children/{child.pk}").status_code == 204

    event = AccessEvent.objects.get()
    assert (event.household, event.child_id, event.user) == (household, child.pk, alice)
    assert (event.action, event.what, event.via_api) == ("deleted", "Sam Rivera's records", True)
    log = _client(alice).get("/household/access-log/").content.decode()
    assert "Sam Rivera&#x27;s records" in log


@time_machine.travel(DELETED_AT, tick=False)
def test_the_owners_deletion_through_the_page(alice, child):
    client = _client(alice)
    response = client.post(f"/children/{child.pk}/delete/")
    assert response.status_code == 302
    assert response["Location"] == "/children/deleted/"
    page = client.get(response["Location"]).content.decode()
    assert "Sam Rivera&#x27;s records are deleted" in page
    assert "December 29, 2026" in page  # the last day, in the family's time zone
    assert f'action="/children/{child.pk}/restore/"' in page
    assert AccessEvent.objects.get().action == "deleted"


def _child_routes() -> list[str]:
    """Every route that names the child or one of their records."""
    not_the_childs = {"household_id", "membership_id", "invite_id", "deleted_child_id"}
    routes, _ = routes_with_ids()
    return [
        route
        for route in routes
        if any(
            m["name"] in ID_PARAMS and m["name"] not in not_the_childs
            for m in PARAM.finditer(route)
        )
    ]


def test_a_deleted_child_answers_404_on_every_route_for_every_member(alice, household, child, bob):
    world = AliceWorld(alice, household, child)
    for make in ID_PARAMS.values():  # every kind of record, made while the child is there
        make(world)
    parent = create_parent("pat@example.com", PASSWORD, "Pat Parent")
    Membership.objects.create(household=household, user=parent, role=Role.PARENT)
    members = {"owner": _client(alice), "parent": _client(parent), "read-only": _client(bob)}
    routes = _child_routes()
    assert len(routes) > 50  # the walk sees the pages and the API

    child.delete_by(alice)

    leaks = []
    for route in routes:
        url = fill(route, world)
        if url is None:
            continue
        for who, client in members.items():
            for method in ("get", *WRITES):
                with transaction.atomic():  # should a write get through, undo it
                    status = send(client, method, url)
                    transaction.set_rollback(True)
                if status not in (404, 405):
                    leaks.append(f"{method.upper()} {url} as the {who}: {status}")
    assert not leaks, "\n".join(leaks)
    for client in members.values():
        assert client.get("/api/v1/children").json() == []
    assert members["owner"].get("/").url == "/children/new/"


def test_a_deleted_childs_calendar_feed_stops_until_restored(alice, child):
    feed = feeds.feed_path(feeds.token_for(child, alice))
    assert Client().get(feed).status_code == 200

    child.delete_by(alice)
    assert Client().get(feed).status_code == 404

    DeletedChild.objects.get(pk=child.pk).restore_by(alice)
    assert Client().get(feed).status_code == 200


# --- Restoring within 30 days ---------------------------------------------------------------


def test_the_owner_restores_within_30_days_and_everything_is_back(alice, records):
    child = records
    before = _what_is_kept(child.pk)
    assert len(before["files"]) == 3 and all(exists for _, exists in before["files"])
    with time_machine.travel(DELETED_AT, tick=False) as clock:
        assert _client(alice).post(f"/children/{child.pk}/delete/").status_code == 302
        clock.move_to(datetime(2026, 12, 30, 7, 0, tzinfo=UTC))  # 11 PM, December 29 there

        deleted = Api(alice).get("deleted-children").json()
        assert [(c["id"], c["restorable_until"]) for c in deleted] == [
            (str(child.pk), LAST_DAY.isoformat())
        ]
        response = Api(alice).post(f"children/{child.pk}/restore")

    assert response.status_code == 200
    assert response.json()["name"] == "Sam Rivera"
    assert _what_is_kept(child.pk) == before
    assert verify(Child.objects.get(pk=child.pk)).ok
    client = _client(alice)
    for page in ("", "timeline/", "concerns/", "letters/", "iep/"):
        assert client.get(f"/children/{child.pk}/{page}").status_code == 200
    logged = AccessEvent.objects.exclude(action="opened").order_by("at")
    assert [e.action for e in logged] == ["deleted", "restored"]


@time_machine.travel(DELETED_AT, tick=False)
def test_the_owner_restores_from_the_recently_deleted_page(alice, child):
    child.delete_by(alice)
    client = _client(alice)
    assert "Restore Sam" in client.get("/children/new/").content.decode()  # no child left

    response = client.post(f"/children/{child.pk}/restore/")

    assert response.status_code == 302
    assert response["Location"] == f"/children/{child.pk}/"
    assert "Sam Rivera is back" in client.get(response["Location"]).content.decode()


def test_only_the_owner_can_see_and_restore_a_deleted_child(alice, editor, bob, child):
    child.delete_by(alice)
    for user, status in ((editor, 403), (bob, 403)):
        assert Api(user).get("deleted-children").json() == []
        assert Api(user).post(f"children/{child.pk}/restore").status_code == status
        assert _client(user).post(f"/children/{child.pk}/restore/").status_code == status
        assert "Sam Rivera" not in _client(user).get("/children/deleted/").content.decode()
    assert not Child.objects.filter(pk=child.pk).exists()
    # Someone who owns no family of their own is told why the list is not for them.
    gran = User.objects.create_user("gran@example.com", PASSWORD)
    Membership.objects.create(household=child.household, user=gran, role=Role.PARENT)
    response = _client(gran).get("/children/deleted/")
    assert response.status_code == 403
    assert "Only the family&#x27;s owner can see and restore" in response.content.decode()


def test_after_30_days_it_can_no_longer_be_restored(alice, child):
    with time_machine.travel(DELETED_AT, tick=False) as clock:
        child.delete_by(alice)
        clock.move_to(datetime(2026, 12, 30, 8, 0, tzinfo=UTC))  # December 30 there

        assert Api(alice).get("deleted-children").json() == []
        response = Api(alice).post(f"children/{child.pk}/restore")
        assert response.status_code == 409
        assert "can no longer be restored" in detail(response)
        page = _client(alice).post(f"/children/{child.pk}/restore/", follow=True)
    assert "can no longer be restored" in page.content.decode()
    assert not Child.objects.filter(pk=child.pk).exists()


# --- Purged for good after 30 days ----------------------------------------------------------


def test_the_purge_removes_it_for_good_after_30_days(
    alice, records, charlie, django_capture_on_commit_callbacks
):
    child = records
    others = Child.objects.create(
        household=charlie.memberships.get().household,
        name="Kim Other",
        birth_date=date(2016, 1, 1),
        grade="4",
        state="CA",
    )
    files = [name for name, _ in _what_is_kept(child.pk)["files"]]
    with time_machine.travel(DELETED_AT, tick=False) as clock:
        child.delete_by(alice)
        clock.move_to(datetime(2026, 12, 30, 7, 0, tzinfo=UTC))  # still December 29 there
        assert _purge() == "purged 0 deleted children"
        assert DeletedChild.objects.filter(pk=child.pk).exists()

        clock.move_to(datetime(2026, 12, 30, 8, 0, tzinfo=UTC))
        with django_capture_on_commit_callbacks(execute=True):
            assert _purge() == "purged 1 deleted child"

    assert not Child._base_manager.filter(pk=child.pk).exists()
    assert _what_is_kept(child.pk) == {"trail": [], "concerns": [], "letters": [], "files": []}
    assert not any(default_storage.exists(name) for name in files)
    assert Child.objects.get() == others
    # The access log keeps the deletion, with the child's name in what was done.
    assert AccessEvent.objects.get().what == "Sam Rivera's records"


def _purge() -> str:
    out = io.StringIO()
    call_command("purge-deleted", stdout=out)
    return out.getvalue().strip()


def test_the_hourly_remind_run_purges_too(alice, child):
    with time_machine.travel(DELETED_AT, tick=False) as clock:
        child.delete_by(alice)
        clock.move_to(DELETED_AT + timedelta(days=31))
        out = io.StringIO()
        call_command("remind", stdout=out)
    assert out.getvalue().strip() == "queued 0 digests"
    assert not Child._base_manager.filter(pk=child.pk).exists()


# --- The deletion page ----------------------------------------------------------------------


@time_machine.travel(DELETED_AT, tick=False)
def test_the_deletion_page_offers_the_backup_first(alice, child):
    client = _client(alice)
    edit_page = client.get(f"/children/{child.pk}/edit/").content.decode()
    assert f'href="/children/{child.pk}/delete/"' in edit_page

    page = client.get(f"/children/{child.pk}/delete/").content.decode()

    backup = page.index('action="/household/backup/"')
    assert "Download the backup first" in page
    assert backup < page.index("Delete Sam's records</button>")
    assert "until <strong>December 29, 2026</strong>" in page
    assert Child.objects.filter(pk=child.pk).exists()  # showing the page deletes nothing


def test_a_backup_keeps_a_deleted_child_deleted_and_restorable(alice, household, records):
    child = records
    child.delete_by(alice)
    archive = backup_bytes(household)
    household_id = household.pk
    household.delete()  # Alice's account stays; the restore finds it

    restore_backup(io.BytesIO(archive), alice)

    restored = DeletedChild.objects.get(pk=child.pk)
    assert restored.deleted_by == alice and not Child.objects.exists()
    assert Household.objects.filter(pk=household_id).exists()
    restored.restore_by(alice)
    assert verify(Child.objects.get(pk=child.pk)).ok
