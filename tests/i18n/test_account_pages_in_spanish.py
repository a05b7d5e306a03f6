"""The account pages in Spanish (issue 19, decision 0049): sharing, the access log, an
invitation, the password and address pages, the digest's settings and opt-out, the lock-out
page and the backup restore. Each is read with ``english_left`` and must have none; the
same page in English must still read as English (the check can fail)."""

from __future__ import annotations

import pytest
from django.contrib.auth.tokens import default_token_generator

from playbook.accounts import invites, verification
from playbook.accounts.households import create_parent
from playbook.accounts.models import AccessEvent, Membership, Role
from playbook.coach.digest import opt_out_token
from tests.conftest import PASSWORD

from .test_spanish_pages import english_left

# The words the family or the app's users wrote (names, addresses) are not the app's.
NAMES = (
    "Alice Parent",
    "Bob Advocate",
    "Sam Rivera",
    "alice@example.com",
    "bob@example.com",
    "new@example.com",
)


def spanish_text(answer) -> str:
    page = answer.content.decode()
    assert '<html lang="es">' in page, page[:300]
    for name in NAMES:
        page = page.replace(name, "")
    return page


def assert_spanish(client, url, *, status=200, method="get", data=None, **headers):
    answer = getattr(client, method)(url, data or {}, **headers)
    assert answer.status_code == status, (url, answer.status_code)
    assert english_left(spanish_text(answer)) == [], url
    return answer


@pytest.fixture
def reads_spanish(alice):
    alice.language = "es"
    alice.save(update_fields=["language"])
    return alice


@pytest.fixture
def es_client(alice_client, reads_spanish):
    return alice_client


def test_sharing_and_member_pages(es_client, household, bob):
    invites.create_invite(household, "new@example.com", "advocate_read", es_client_user(es_client))
    page = assert_spanish(es_client, "/household/sharing/")
    text = page.content.decode()
    assert "Defensor/a (solo lectura)" in text and "Dueño/a de la cuenta" in text
    membership = Membership.objects.get(user=bob, household=household)
    assert_spanish(es_client, f"/household/{household.pk}/members/{membership.pk}/remove/")


def es_client_user(client):
    from django.contrib.auth import get_user_model

    return get_user_model().objects.get(pk=client.session["_auth_user_id"])


def test_the_access_log(es_client, household, child):
    AccessEvent.objects.create(
        household=household,
        child=child,
        user=es_client_user(es_client),
        action="opened",
        area="timeline",
        what="the timeline (the paper trail)",
    )
    AccessEvent.objects.create(
        household=household,
        user=es_client_user(es_client),
        action="exported",
        what="a full backup of the family",
    )
    page = assert_spanish(es_client, "/household/access-log/")
    assert "la cronología (el registro de comunicaciones)" in page.content.decode()


def test_password_digest_and_restore_pages(es_client, household):
    assert_spanish(es_client, "/account/password/")
    assert_spanish(
        es_client, "/account/password/", status=400, method="post", data={"old_password": "x"}
    )
    assert_spanish(es_client, "/household/digest/")
    assert_spanish(es_client, "/household/restore/")
    token = opt_out_token(household.pk)
    assert_spanish(es_client, f"/digest/stop/{token}/")
    assert_spanish(es_client, f"/digest/stop/{token}/", method="post")


def test_the_restored_page(es_client, alice, rf):
    from django.template.loader import render_to_string
    from django.utils import translation

    from playbook.exports.restore import RestoreReport

    request = rf.get("/")
    request.user = alice
    fields = RestoreReport.__dataclass_fields__
    report = RestoreReport(**{name: _example(name) for name in fields})
    with translation.override("es"):
        html = render_to_string(
            "exports/restore_done.html",
            {"report": report, "to_invite": [("bob@example.com", "Defensor/a (solo lectura)")]},
            request=request,
        )
    assert "3 registros y 1 archivo" in html
    assert english_left(html.replace("Sam", "")) == []


def _example(name):
    return {"household_name": "Sam", "records": 3, "files": 1}.get(
        name, [] if name == "members_to_invite" else "x"
    )


def test_the_invitation_pages(client, household, alice, reads_spanish):
    invite = invites.create_invite(household, "bob@example.com", "parent", alice)
    url = f"/invites/{invite.token}/"
    assert_spanish(client, url, HTTP_ACCEPT_LANGUAGE="es")
    assert_spanish(client, "/invites/no-such-token/", status=404, HTTP_ACCEPT_LANGUAGE="es")
    # Someone logged in with another account, then the invitee not yet confirmed.
    other = create_parent("carol@example.com", PASSWORD, "Carol")
    other.language = "es"
    other.save(update_fields=["language"])
    client.force_login(other)
    assert_spanish(client, url)
    invitee = create_parent("bob@example.com", PASSWORD, "Bob Advocate")
    invitee.language = "es"
    invitee.email_verified_at = None
    invitee.save(update_fields=["language", "email_verified_at"])
    client.force_login(invitee)
    assert_spanish(client, url)


def test_the_address_and_password_reset_pages(client, alice, reads_spanish):
    client.force_login(alice)
    assert_spanish(client, "/account/confirm-email/")
    assert_spanish(client, "/confirm-email/bad/token/", status=404)
    client.logout()
    es = {"HTTP_ACCEPT_LANGUAGE": "es"}
    assert_spanish(client, "/password-reset/", **es)
    assert_spanish(client, "/password-reset/sent/", **es)
    assert_spanish(client, "/password-reset/done/", **es)
    assert_spanish(client, "/password-reset/bad/set-password/", **es)
    uid = verification._uid(alice)
    token = default_token_generator.make_token(alice)
    answer = client.get(f"/password-reset/{uid}/{token}/", **es)
    assert answer.status_code == 302
    assert_spanish(client, answer["Location"], **es)


def test_the_locked_out_page(client, alice, settings):
    for _ in range(settings.AXES_FAILURE_LIMIT):
        answer = client.post(
            "/login/",
            {"username": "alice@example.com", "password": "x"},
            HTTP_ACCEPT_LANGUAGE="es",
        )
    assert answer.status_code == 429
    assert english_left(spanish_text(answer)) == []


def test_the_same_pages_in_english_still_read_english(alice_client, household):
    for url in ("/household/sharing/", "/household/access-log/", "/account/password/"):
        assert english_left(alice_client.get(url).content.decode()), url


def test_roles_keep_their_english_labels_underneath(db):
    assert Role.PARENT.label == "Parent (can edit)"
