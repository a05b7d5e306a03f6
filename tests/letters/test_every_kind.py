"""Every letter kind, drafted for the demo family, holds up as a letter: the parent's block,
the child's line, the addressee's name and title, a dated request with a reply-by date, a
request to confirm receipt where it asks for something, and nothing internal or left blank
(issue 15)."""

from __future__ import annotations

import io
import re
from datetime import date, timedelta

import pdfplumber
import pytest

from playbook.advocacy.models import Ask, Concern
from playbook.children.models import Goal, Service, TeamRole
from playbook.deadlines.models import Removal
from playbook.demo import DEMO_PARENT, load_demo
from playbook.letters import compose, drafts, files, registry
from playbook.letters.models import Letter
from playbook.meetings.models import Meeting, Trial
from playbook.refusals.models import Refusal
from tests.conftest import made_once

TODAY = date(2026, 3, 2)  # a Monday in term
KINDS = sorted(kind.name for kind in registry.all_kinds())


@pytest.fixture(scope="module")
def _demo_family(django_db_setup, django_db_blocker):
    """The demo family, made once: each test's own writes (its letters, a parent's name, the
    breaks it deletes) are undone before the next (tests/conftest.py's made_once)."""
    with made_once(django_db_blocker):
        yield load_demo(TODAY)


@pytest.fixture
def demo(_demo_family, db):
    return _demo_family


def params_for(child, kind: str) -> dict:
    team = {m.role: m for m in child.team.all()}
    waiting = child.asks.filter(status="open", kind="").order_by("asked_on").first()
    refusal = Refusal.objects.filter(child=child, policy_outcome__in=["", "pending"])[0]
    renewable = Refusal.objects.filter(child=child, policy_outcome__in=["none_exists", "no_reply"])
    speech = Service.objects.filter(iep__child=child, service__startswith="Speech")
    service = speech.order_by("-iep__start_date").first()

    def removal() -> dict:
        sent_home = Removal.objects.create(
            child=child,
            date=TODAY - timedelta(days=3),
            kind="informal",
            hours=3,
            school_day_hours=6,
            decided_by="the principal",
        )
        return {"removal": str(sent_home.pk)}

    return {
        "goal_revision_request": lambda: {
            "goal": str(Goal.objects.filter(iep__child=child).order_by("iep__start_date")[0].pk)
        },
        "removal_in_writing": removal,
        "interpreter_request": lambda: {"language": "Spanish"},
        "translation_request": lambda: {"language": "Spanish"},
        "discipline_review_request": removal,
        "written_concerns": lambda: {"concern": str(Concern.objects.filter(child=child)[0].pk)},
        "follow_up": lambda: {"ask": str(waiting.pk)},
        "escalation": lambda: {"topic": "services", "ask": str(waiting.pk)},
        "courtesy_note": lambda: {"contacted": str(team[TeamRole.SPECIAL_ED_SUPERVISOR].pk)},
        "policy_request": lambda: {"refusal": str(refusal.pk)},
        "policy_renewal": lambda: {"refusal": str(renewable.first().pk)},
        "prior_written_notice_request": lambda: {"refusal": str(refusal.pk)},
        "records_request": dict,
        "parent_concerns": dict,
        "iee_request": lambda: {
            "evaluation_date": str(TODAY - timedelta(days=40)),
            "evaluator": "Dr. Elena Morales, school psychologist",
            "areas": "Reading\nWritten expression",
        },
        "meeting_request": lambda: {
            "concerns": [str(Concern.objects.filter(child=child)[0].pk)],
            "availability": [
                {"date": str(TODAY + timedelta(days=n)), "start": "08:00", "end": "15:00"}
                for n in (15, 16, 17)
            ],
        },
        "meeting_recap": lambda: {
            "meeting": str(Meeting.objects.filter(child=child, status="held")[0].pk)
        },
        "trial_terms": lambda: {"trial": str(Trial.objects.filter(child=child)[0].pk)},
        "comp_services_request": lambda: {
            "service": str(service.pk),
            "from": str(TODAY - timedelta(days=180)),
            "to": str(TODAY - timedelta(days=1)),
        },
    }[kind]()


def drafted(child, kind: str) -> Letter:
    parent = child.household.memberships.get().user
    made = compose.draft(
        child, kind, params_for(child, kind), today=TODAY, sender=compose.Sender.of(parent)
    )
    return drafts.save_draft(child, made, author=parent)


def pdf_text(letter: Letter) -> str:
    with pdfplumber.open(io.BytesIO(files.as_pdf(letter))) as pdf:
        return "\n".join(page.extract_text() or "" for page in pdf.pages)


def flat(text: str) -> str:
    return " ".join(text.split())


INTERNAL = ("Escalation to", "Written policy behind", "Reply:", ", school\n", "{{", "}}", "None")


def test_every_kind_is_documented_in_the_contract():
    """The kinds the registry knows are the kinds docs/api.md lists (no more, no fewer)."""
    from pathlib import Path

    api = (Path(__file__).resolve().parents[2] / "docs" / "api.md").read_text()
    listed = api.split("### Letter kinds (`kind`)", 1)[1].split("Parameters", 1)[0]
    assert sorted(re.findall(r"`([a-z_]+)`", listed)) == KINDS


@pytest.mark.parametrize("kind", KINDS)
def test_every_kind_carries_what_a_letter_needs_in_txt_and_pdf(demo, kind):
    letter = drafted(demo, kind)
    kind_of = registry.get(kind)
    addressee = letter.addressee
    assert addressee is not None, kind
    title = compose.title(addressee)
    for text in (files.as_txt(letter).decode(), pdf_text(letter)):
        said = flat(text)
        # The parent's block.
        for part in (DEMO_PARENT, "1427 Sycamore Lane", "(916) 555-0188", "demo@example.com"):
            assert part in said, (kind, part)
        # The child's identifying line and the inside address.
        assert "Re: Maya Alvarez, born November 12, 2016, Grade 3, Oak Meadow Elementary" in said
        assert f"{addressee.name} {title} Oak Meadow Elementary School 2200 Meadow View" in said
        assert f"Dear {addressee.name}," in said
        assert "March 2, 2026" in said
        assert "Sent by email" in said
        for internal in INTERNAL:
            assert internal not in text, (kind, internal)
        if kind_of.asks:
            assert letter.reply_by and letter.reply_by > TODAY, kind
            day = letter.reply_by
            assert f"{day:%B} {day.day}, {day.year}" in said, kind
            assert "Please confirm that you have received this letter." in said, kind
        else:
            assert "confirm that you have received" not in said
        assert f"Sincerely, {DEMO_PARENT} Parent of Maya Alvarez" in said


def test_copied_people_are_listed_in_every_format(demo):
    team = {m.role: m for m in demo.team.all()}
    parent = demo.household.memberships.get().user
    supervisor = team[TeamRole.SPECIAL_ED_SUPERVISOR]
    made = compose.draft(
        demo,
        "written_concerns",
        {"concern": str(Concern.objects.filter(child=demo)[0].pk), "cc": [str(supervisor.pk)]},
        today=TODAY,
        sender=compose.Sender.of(parent),
    )
    letter = drafts.save_draft(demo, made, author=parent)
    line = f"cc: {supervisor.name}, {supervisor.role_label}"
    assert letter.body.rstrip().endswith(line)
    assert line in pdf_text(letter)
    from docx import Document

    document = Document(io.BytesIO(files.as_docx(letter)))
    assert line in [p.text for p in document.paragraphs][-1]


def test_a_parent_without_a_name_signs_as_parent_not_with_an_address(demo):
    parent = demo.household.memberships.get().user
    parent.display_name = ""
    parent.save(update_fields=["display_name"])
    made = compose.draft(demo, "records_request", {}, today=TODAY, sender=compose.Sender.of(parent))
    assert "Sincerely,\nParent of Maya Alvarez" in made.body
    assert made.body.count("demo@example.com") == 1  # in the block, not as a signature


def test_the_signature_stays_with_the_last_paragraph_in_the_pdf(demo):
    for kind in KINDS:
        letter = drafted(demo, kind)
        with pdfplumber.open(io.BytesIO(files.as_pdf(letter))) as pdf:
            pages = [page.extract_text() or "" for page in pdf.pages]
        signed = next(n for n, page in enumerate(pages) if "Sincerely," in page)
        before = pages[signed].split("Sincerely,")[0]
        # Something of the letter's own text sits above the closing on that page.
        assert re.search(r"[a-z]\.\s*$", before.strip() + "\n") or len(before.strip()) > 40, kind


def test_sending_by_certified_mail_states_it_with_the_tracking_number(demo):
    letter = drafted(demo, "records_request")
    with pytest.raises(Exception, match="tracking number"):
        drafts.mark_sent(letter, TODAY, "certified", "")
    sent = drafts.mark_sent(letter, TODAY, "certified", "9407 1000 0000 0000 0000 00")
    assert (sent.sent_via, sent.tracking_number) == ("certified", "9407 1000 0000 0000 0000 00")
    assert (
        "Sent by certified mail, return receipt requested (tracking number "
        "9407 1000 0000 0000 0000 00)" in sent.body
    )
    assert "Sent by email" not in sent.body
    assert sent.entry.body == sent.body
    assert Ask.objects.get(pk=sent.ask_id).letters.get() == sent


def test_comp_services_says_breaks_are_left_out_only_when_some_are_entered(demo):
    assert demo.breaks.exists()
    with_breaks = flat(drafted(demo, "comp_services_request").body)
    assert "federal holidays and school breaks are left out" in with_breaks
    assert "does not cancel a session missed in another week" in with_breaks
    demo.breaks.all().delete()
    without = flat(drafted(demo, "comp_services_request").body)
    assert "school breaks are left out" not in without
    assert "I do not have the school's break dates for this period" in without


@pytest.mark.parametrize("kind", KINDS)
def test_the_english_letter_is_english_whatever_language_the_parent_reads(demo, kind):
    """The school's copy is written in English: a parent reading the app in Spanish (the
    request's language) drafts the same English letter, word for word, as one reading it in
    English. A walk found "removed from class for 10.46 días escolares" in an English letter:
    the kind's own phrases were worked out in the request's language."""
    from django.utils import translation

    parent = demo.household.memberships.get().user
    params = params_for(demo, kind)

    def english_body(language: str) -> tuple[str, str]:
        with translation.override(language):
            made = compose.draft(demo, kind, params, today=TODAY, sender=compose.Sender.of(parent))
        return made.subject, made.body

    assert english_body("es") == english_body("en")
