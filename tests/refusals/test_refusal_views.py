"""Pages: refusals (list, new, detail with the policy outcome), ladder, outside routes."""

from __future__ import annotations

import uuid
from datetime import UTC, date, datetime

import pytest
import time_machine
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import override_settings

from playbook.advocacy.models import Ask, AskStatus
from playbook.children.models import Child, TeamMember
from playbook.refusals.models import Refusal
from playbook.refusals.refusals import log_refusal
from playbook.trail.chain import verify
from playbook.trail.models import Entry

TODAY = "2025-03-10"


@pytest.fixture
def ask(child, case_manager):
    return Ask.objects.create(
        child=child,
        subject="A 1:1 aide",
        asked_of=case_manager,
        asked_on=date(2025, 2, 20),
        status=AskStatus.REFUSED,
        reply_text="We don't offer that. All our students with autism get a shared aide.",
        reply_date=date(2025, 3, 3),
    )


@pytest.fixture
def refusal(child, case_manager, ask):
    return log_refusal(
        child,
        said_by=case_manager,
        said_on=date(2025, 3, 3),
        words="That's not an option. I need to check with my supervisor.",
        ask=ask,
    )


@pytest.fixture
def other_child(charlie):
    return Child.objects.create(
        household=charlie.memberships.get().household,
        name="Other Kid",
        birth_date=date(2016, 1, 1),
        grade="4",
        state="NY",
    )


def urls(child, refusal, attachment_id=None):
    base = f"/children/{child.pk}"
    found = [
        f"{base}/refusals/",
        f"{base}/refusals/new/",
        f"{base}/refusals/{refusal.pk}/",
        f"{base}/ladder/",
        f"{base}/outside-routes/",
    ]
    if attachment_id:
        found.append(f"{base}/refusals/{refusal.pk}/policy/{attachment_id}/")
    return found


def test_list_shows_refusals_with_their_outcome_and_why(alice_client, child, refusal):
    page = alice_client.get(f"/children/{child.pk}/refusals/")
    assert page.status_code == 200
    html = page.content.decode()
    assert "That&#x27;s not an option" in html
    assert "Dana Cole" in html and "Not asked yet" in html
    assert "individualized" in html
    assert f"/children/{child.pk}/refusals/new/" in html


def test_a_no_at_a_higher_rung_is_listed_under_the_request_in_its_own_words(
    alice_client, child, case_manager, ask
):
    """The escalation's ask is bookkeeping ("Escalation to Dr. Park: A 1:1 aide"); the list
    names the request the parent made (found on the walk of decision 0123)."""
    supervisor = TeamMember.objects.create(
        child=child, name="Dr. Park", role="special_ed_supervisor"
    )
    carried = Ask.objects.create(
        child=child, subject="Escalation to Dr. Park: A 1:1 aide", asked_of=supervisor,
        asked_on=date(2025, 3, 4), about=ask,
    )  # fmt: skip
    log_refusal(
        child, said_by=supervisor, said_on=date(2025, 3, 6), words="We will not add an aide.",
        ask=carried,
    )  # fmt: skip
    html = alice_client.get(f"/children/{child.pk}/refusals/").content.decode()
    assert "Escalation to" not in html
    assert html.count("A 1:1 aide") == 1


def test_empty_list_teaches(alice_client, child):
    html = alice_client.get(f"/children/{child.pk}/refusals/").content.decode()
    assert "No refusals logged yet" in html and "individualized" in html


def test_new_prefills_from_the_ask(alice_client, child, ask, case_manager):
    page = alice_client.get(f"/children/{child.pk}/refusals/new/?ask={ask.pk}&today={TODAY}")
    assert page.status_code == 200
    form = page.context["form"]
    assert form.initial["ask"] == ask.pk
    assert form.initial["said_by"] == case_manager.pk
    assert form.initial["said_on"] == date(2025, 3, 3)
    assert form.initial["words"] == ask.reply_text
    html = page.content.decode()
    assert f'<option value="{ask.pk}" selected>' in html
    assert "individualized" in html


def test_new_ignores_a_bad_ask_param(alice_client, child, other_child):
    other = Ask.objects.create(child=other_child, subject="x", asked_on=date(2025, 1, 1))
    for value in ("junk", str(uuid.uuid4()), str(other.pk)):
        page = alice_client.get(f"/children/{child.pk}/refusals/new/?ask={value}")
        assert page.status_code == 200
        assert "ask" not in page.context["form"].initial


def test_new_saves_and_writes_the_trail(alice_client, child, case_manager, ask):
    response = alice_client.post(
        f"/children/{child.pk}/refusals/new/?today={TODAY}",
        {
            "said_by": case_manager.pk,
            "said_on": "2025-03-03",
            "words": "  We’ve never done that.  ",
            "ask": ask.pk,
        },
    )
    refusal = Refusal.objects.get()
    assert response.status_code == 302
    assert response["Location"] == f"/children/{child.pk}/refusals/{refusal.pk}/"
    assert refusal.words == "We’ve never done that." and refusal.ask == ask
    assert refusal.entry.flags == {"refusal": ["We’ve never done that."]}
    assert verify(child).ok


@pytest.mark.parametrize(
    ("data", "field", "message"),
    [
        ({"said_on": "", "words": "No."}, "said_on", "required"),
        ({"said_on": "2025-13-01", "words": "No."}, "said_on", "valid date"),
        ({"said_on": "2025-04-01", "words": "No."}, "said_on", "future"),
        ({"said_on": "2025-03-03", "words": "   "}, "words", "required"),
        ({"said_on": "2025-03-03", "words": "No.", "said_by": str(uuid.uuid4())}, "said_by", ""),
    ],
)
def test_new_shows_errors_and_keeps_what_was_typed(alice_client, child, data, field, message):
    # ?today= no longer moves a page's "today" in production: the clock does.
    with time_machine.travel(datetime(2025, 3, 10, 17, 0, tzinfo=UTC), tick=False):
        response = alice_client.post(f"/children/{child.pk}/refusals/new/", data)
    assert response.status_code == 200
    form = response.context["form"]
    assert field in form.errors
    assert message.lower() in " ".join(form.errors[field]).lower()
    html = response.content.decode()
    assert "error-summary" in html
    if data.get("words", "").strip():
        assert data["words"] in html
    assert Refusal.objects.count() == 0 and Entry.objects.count() == 0


def test_detail_explains_and_offers_the_policy_request(alice_client, child, refusal):
    page = alice_client.get(f"/children/{child.pk}/refusals/{refusal.pk}/")
    assert page.status_code == 200
    html = page.content.decode()
    assert "individualized" in html
    assert f"/children/{child.pk}/letters/new/policy_request/?refusal={refusal.pk}" in html
    assert "not an option.”" in html  # the sentence that says no, explained
    assert "see the chain of command" in html  # needs_supervisor signal
    assert f"/children/{child.pk}/ladder/?ask={refusal.ask_id}" in html


def test_record_policy_produced_with_the_document(alice_client, child, refusal):
    upload = SimpleUploadedFile("bp-6164.pdf", b"%PDF-1.4 policy", content_type="application/pdf")
    response = alice_client.post(
        f"/children/{child.pk}/refusals/{refusal.pk}/?today={TODAY}",
        {
            "outcome": "produced",
            "on": "2025-03-07",
            "citation": "Board Policy 6164.4",
            "document": upload,
            "notes": "Handed to me at pickup.",
        },
    )
    assert response.status_code == 302
    refusal.refresh_from_db()
    assert refusal.policy_outcome == "produced"
    assert refusal.policy_citation == "Board Policy 6164.4"
    assert refusal.policy_outcome_on == date(2025, 3, 7)
    entry = refusal.policy_entry
    assert entry.kind == "document" and entry.direction == "received"
    attachment = entry.attachments.get()
    assert verify(child).ok
    page = alice_client.get(f"/children/{child.pk}/refusals/{refusal.pk}/")
    html = page.content.decode()
    assert "Board Policy 6164.4" in html and "bp-6164.pdf" in html
    download = alice_client.get(
        f"/children/{child.pk}/refusals/{refusal.pk}/policy/{attachment.pk}/"
    )
    assert download.status_code == 200
    assert b"".join(download.streaming_content) == b"%PDF-1.4 policy"
    assert "attachment" in download["Content-Disposition"]


@pytest.mark.parametrize("outcome", ["none_exists", "no_reply"])
def test_no_policy_suggests_renewing_the_request(alice_client, child, refusal, outcome):
    response = alice_client.post(
        f"/children/{child.pk}/refusals/{refusal.pk}/?today={TODAY}",
        {"outcome": outcome, "on": "2025-03-07"},
    )
    assert response.status_code == 302
    refusal.refresh_from_db()
    assert refusal.policy_outcome == outcome and refusal.policy_entry is None
    html = alice_client.get(f"/children/{child.pk}/refusals/{refusal.pk}/").content.decode()
    assert f"/letters/new/policy_renewal/?refusal={refusal.pk}" in html
    list_html = alice_client.get(f"/children/{child.pk}/refusals/").content.decode()
    assert ("No such policy" if outcome == "none_exists" else "No reply") in list_html


def test_produced_needs_a_citation_or_a_document(alice_client, child, refusal):
    response = alice_client.post(
        f"/children/{child.pk}/refusals/{refusal.pk}/?today={TODAY}",
        {"outcome": "produced", "on": "2025-03-07", "notes": "keep me"},
    )
    assert response.status_code == 200
    assert "citation" in response.context["form"].errors
    assert "keep me" in response.content.decode()
    refusal.refresh_from_db()
    assert refusal.policy_outcome == ""


@override_settings(MAX_UPLOAD_BYTES=10)
def test_too_large_a_document_is_a_clear_error(alice_client, child, refusal):
    upload = SimpleUploadedFile("big.pdf", b"x" * 11, content_type="application/pdf")
    response = alice_client.post(
        f"/children/{child.pk}/refusals/{refusal.pk}/",
        {"outcome": "produced", "on": "2025-03-07", "citation": "BP 1", "document": upload},
    )
    assert response.status_code == 200
    assert "too large" in " ".join(response.context["form"].errors["document"])
    assert Entry.objects.filter(kind="document").count() == 0


def test_policy_outcome_with_no_choice_is_an_error(alice_client, child, refusal):
    response = alice_client.post(f"/children/{child.pk}/refusals/{refusal.pk}/", {"on": ""})
    assert response.status_code == 200
    assert {"outcome", "on"} <= set(response.context["form"].errors)


@pytest.fixture
def roster(child, case_manager):
    return {
        "teacher": TeamMember.objects.create(
            child=child, name="Ms. Lee", role="general_ed_teacher"
        ),
        "cm": case_manager,
        "principal": TeamMember.objects.create(child=child, name="Dr. Park", role="principal"),
        "director": TeamMember.objects.create(
            child=child, name="Mr. Diaz", role="director_special_services"
        ),
    }


def test_ladder_page_services(alice_client, child, roster, ask):
    page = alice_client.get(f"/children/{child.pk}/ladder/?topic=services&ask={ask.pk}")
    assert page.status_code == 200
    html = page.content.decode()
    assert page.context["next_rung"].role == "director_special_services"
    assert "Dr. Park" not in html.split('class="ladder"')[1].split("</ol>")[0]
    expected = (
        f"/children/{child.pk}/letters/new/escalation/?topic=services&amp;"
        f"to={roster['director'].pk}&amp;ask={ask.pk}"
    )
    assert expected in html
    assert f"/children/{child.pk}/team/" in html and "Add this person" in html
    involved = {item["rung"].role for item in page.context["rungs"] if item["involved"]}
    assert involved == {"case_manager"}
    for way in ("Copy them on an email", "Call their office", "Invite them to the next IEP"):
        assert way in html
    assert "courtesy note" in html


def test_ladder_page_lists_whoever_is_involved_in_the_team_lists_order(
    alice_client, child, roster, ask, monkeypatch
):
    team_order = [str(pk) for pk in child.team.values_list("pk", flat=True)]
    # The view gets a set, whose order is the hash's; hand it the reverse on purpose.
    monkeypatch.setattr(
        "playbook.pages.ladder.involved_in", lambda _ask: dict.fromkeys(reversed(team_order))
    )
    page = alice_client.get(f"/children/{child.pk}/ladder/?topic=services&ask={ask.pk}")
    listed = [str(person.pk) for person in page.context["involved_people"]]
    assert listed == team_order and len(listed) == 4


def test_ladder_page_discipline_puts_the_principal_next(alice_client, child, roster):
    page = alice_client.get(f"/children/{child.pk}/ladder/?topic=discipline")
    assert page.context["next_rung"].role == "teachers_and_therapists"
    page = alice_client.get(f"/children/{child.pk}/ladder/?topic=discipline&ask=")
    roles = [item["rung"].role for item in page.context["rungs"]]
    assert roles[::-1][:3] == ["teachers_and_therapists", "case_manager", "principal"]


def test_ladder_page_unknown_topic_and_ask(alice_client, child, roster):
    page = alice_client.get(f"/children/{child.pk}/ladder/?topic=lunch&ask=junk")
    assert page.status_code == 200
    assert page.context["topic_error"] and page.context["rungs"] == []
    assert "Choose one of the topics" in page.content.decode()
    page = alice_client.get(f"/children/{child.pk}/ladder/?topic=safety&ask={uuid.uuid4()}")
    assert page.context["ask_not_found"] and page.context["rungs"]


def test_outside_routes_page_counts_from_the_refusal(alice_client, child, refusal):
    page = alice_client.get(f"/children/{child.pk}/outside-routes/?today={TODAY}")
    assert page.status_code == 200
    html = page.content.decode()
    assert "If the violation was the refusal on March 3, 2025" in html
    assert "March 3, 2026" in html  # state complaint, one year
    assert "March 3, 2027" in html  # due process, two years
    assert "August 30, 2025" in html  # OCR, 180 days
    assert "Secondary source" in html
    assert "not in our tables" in html
    assert "procedural safeguards notice" in html
    assert "Parent Training and Information Center" in html
    for citation in ("§ 300.506", "§ 300.153(c)", "300.511(e)–(f)"):
        assert citation in html


def test_outside_routes_page_with_a_chosen_date(alice_client, child):
    page = alice_client.get(f"/children/{child.pk}/outside-routes/?today=2025-03-10&on=2024-02-29")
    html = page.content.decode()
    assert "February 28, 2025" in html  # one year from 29 Feb 2024
    assert "February 28, 2026" in html
    page = alice_client.get(f"/children/{child.pk}/outside-routes/?on=not-a-date")
    assert page.status_code == 200 and page.context["chosen_error"]
    page = alice_client.get(f"/children/{child.pk}/outside-routes/?today={TODAY}&on=2030-01-01")
    assert "future" in page.context["chosen_error"]


def test_every_route_404s_for_another_household(client, charlie, child, refusal):
    entry_upload = log_refusal(child, said_by=None, said_on=date(2025, 3, 4), words="No.")
    client.force_login(charlie)
    for url in urls(child, refusal, attachment_id=uuid.uuid4()):
        assert client.get(url).status_code == 404, url
    for url in urls(child, refusal)[1:3]:  # the pages that take a POST
        assert client.post(url, {}).status_code == 404, url
    # The path names another household's child: 404 before the method is even looked at.
    assert client.post(f"/children/{child.pk}/ladder/", {}).status_code == 404
    assert client.get(f"/children/{child.pk}/refusals/{entry_upload.pk}/").status_code == 404


def test_a_refusal_of_another_child_404s_under_this_child(alice_client, household, child, refusal):
    sibling = Child.objects.create(
        household=household, name="Kim", birth_date=date(2018, 1, 1), grade="1", state="CA"
    )
    assert alice_client.get(f"/children/{sibling.pk}/refusals/{refusal.pk}/").status_code == 404
    assert alice_client.get(f"/children/{uuid.uuid4()}/refusals/").status_code == 404


def test_read_only_member_reads_but_cannot_write(bob_client, child, refusal):
    assert bob_client.get(f"/children/{child.pk}/refusals/").status_code == 200
    detail = bob_client.get(f"/children/{child.pk}/refusals/{refusal.pk}/")
    assert detail.status_code == 200 and "Save the answer" not in detail.content.decode()
    assert bob_client.get(f"/children/{child.pk}/ladder/").status_code == 200
    assert bob_client.get(f"/children/{child.pk}/outside-routes/").status_code == 200
    assert bob_client.get(f"/children/{child.pk}/refusals/new/").status_code == 403
    response = bob_client.post(
        f"/children/{child.pk}/refusals/new/", {"said_on": "2025-03-03", "words": "No."}
    )
    assert response.status_code == 403
    response = bob_client.post(
        f"/children/{child.pk}/refusals/{refusal.pk}/", {"outcome": "no_reply", "on": "2025-03-07"}
    )
    assert response.status_code == 403
    refusal.refresh_from_db()
    assert refusal.policy_outcome == ""


def test_logged_out_is_sent_to_log_in(client, child, refusal):
    for url in urls(child, refusal):
        response = client.get(url)
        assert response.status_code == 302 and "/login/" in response["Location"], url


def test_policy_document_of_another_refusal_404s(alice_client, child, refusal):
    other = log_refusal(child, said_by=None, said_on=date(2025, 3, 5), words="We can't do that.")
    alice_client.post(
        f"/children/{child.pk}/refusals/{other.pk}/",
        {
            "outcome": "produced",
            "on": "2025-03-07",
            "citation": "BP 2",
            "document": SimpleUploadedFile("p.pdf", b"p", content_type="application/pdf"),
        },
    )
    other.refresh_from_db()
    attachment = other.policy_entry.attachments.get()
    url = f"/children/{child.pk}/refusals/{refusal.pk}/policy/{attachment.pk}/"
    assert alice_client.get(url).status_code == 404


def test_demo_adds_refusals_the_pages_can_show(alice_client, child, case_manager):
    from playbook.letters.demo import add_refusal_letters
    from playbook.refusals.demo import add_demo

    add_demo(child, date(2025, 3, 10))
    add_refusal_letters(child, date(2025, 3, 10))  # the demo runs it next (playbook/demo.py)
    refusals = list(Refusal.objects.filter(child=child))
    # Three: the aide and session-length refusals, and "we don't use that program here"
    # with its policy request sent (pending).
    assert [r.policy_outcome for r in refusals] == ["pending", "pending", "none_exists"]
    assert all(r.entry and r.entry.flags.get("refusal") for r in refusals)
    assert verify(child).ok
    assert alice_client.get(f"/children/{child.pk}/refusals/").status_code == 200
    page = alice_client.get(f"/children/{child.pk}/outside-routes/?today=2025-03-10")
    assert "file by" in page.content.decode()


def test_list_pages_do_not_grow_queries_with_refusals(
    alice_client, child, case_manager, ask, django_assert_max_num_queries
):
    for day in range(1, 11):
        log_refusal(child, said_by=case_manager, said_on=date(2025, 3, day), words="No.", ask=ask)
    with django_assert_max_num_queries(8):
        assert alice_client.get(f"/children/{child.pk}/refusals/").status_code == 200
    with django_assert_max_num_queries(8):
        assert alice_client.get(f"/api/v1/children/{child.pk}/refusals").status_code == 200
    with django_assert_max_num_queries(9):
        page = alice_client.get(f"/children/{child.pk}/outside-routes/?today={TODAY}")
        assert page.status_code == 200


def test_live_check_of_the_words_saves_nothing(alice_client, child):
    response = alice_client.post(
        f"/children/{child.pk}/refusals/new/",
        {"check": "1", "words": "We don’t offer that here."},
        HTTP_HX_REQUEST="true",
    )
    assert response.status_code == 200
    html = response.content.decode()
    assert html.strip().startswith("<p>We recognise this")
    assert "“We don’t offer that here.”" in html and "<form" not in html
    assert Refusal.objects.count() == 0 and Entry.objects.count() == 0
    empty = alice_client.post(
        f"/children/{child.pk}/refusals/new/",
        {"check": "1", "words": "Sure, we can do that."},
        HTTP_HX_REQUEST="true",
    )
    assert "We recognise" not in empty.content.decode()


def test_live_check_says_when_the_words_could_not_be_read(alice_client, child):
    def check(words: str) -> str:
        return alice_client.post(
            f"/children/{child.pk}/refusals/new/",
            {"check": "1", "words": words},
            HTTP_HX_REQUEST="true",
        ).content.decode()

    assert "does not look like English" in check("No podemos darle un asistente a su hijo.")
    assert "no text" not in check("   ")  # nothing typed yet: nothing to say
    assert "no text" not in alice_client.get(f"/children/{child.pk}/refusals/new/").content.decode()


def test_new_page_shows_what_it_recognises_in_prefilled_words(alice_client, child, ask):
    html = alice_client.get(f"/children/{child.pk}/refusals/new/?ask={ask.pk}").content.decode()
    assert "We recognise this" in html and "We don&#x27;t offer that" in html


def test_ladder_page_with_an_empty_roster_asks_to_add_people(alice_client, child):
    page = alice_client.get(f"/children/{child.pk}/ladder/?topic=safety")
    assert page.status_code == 200
    html = page.content.decode()
    assert html.count("Add this person") == 7
    assert "There is nobody higher on your team list" in html
    assert "The ladder for safety" in html


def test_a_refusal_is_dated_on_the_day_where_the_family_lives(child, case_manager):
    """Noon in Los Angeles, not in the server's default zone: the trail keeps the day the
    parent chose, whatever the zone (the default is New York, three hours ahead)."""
    from datetime import UTC, datetime

    child.household.time_zone = "America/Los_Angeles"
    child.household.save(update_fields=["time_zone"])
    child.refresh_from_db()
    refusal = log_refusal(
        child, said_by=case_manager, said_on=date(2026, 10, 5), words="We can't do that."
    )
    assert refusal.entry.occurred_at == datetime(2026, 10, 5, 19, 0, tzinfo=UTC)
