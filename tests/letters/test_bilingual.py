"""Letters written in Spanish (issue 19): the English letter for the school and the
parent's Spanish copy, numbered alike, with the same citations and Spanish dates."""

from __future__ import annotations

import io
import json
import re
from datetime import date
from unittest.mock import patch

import pytest

from playbook.letters import compose, drafts, registry
from playbook.letters.layout import numbered
from playbook.letters.params import ParamError
from playbook.letters.spanish import day as spanish_day
from playbook.meetings.models import Meeting
from playbook.refusals.refusals import log_refusal

from .conftest import TODAY
from .test_every_kind import _demo_family, demo, params_for  # noqa: F401  (fixtures)

WINDOWS = [
    {"date": "2026-03-10", "start": "09:00", "end": "11:00"},
    {"date": "2026-03-12", "start": "13:30"},
    {"date": "2026-03-16"},
]
CITATION = re.compile(r"\d+ CFR §+ ?[\d.]+(?:\([a-z0-9]+\))*|§ ?[\d.]+(?:\([a-z0-9]+\))*")
# A date the app writes the English way (the parent's own words may name a month).
ENGLISH_DATE = re.compile(
    r"\b(January|February|March|April|May|June|July|August|September|October|November"
    r"|December) \d{1,2}, \d{4}"
)


def spanish(child, kind, **params):
    return compose.draft(child, kind, params, today=TODAY, signature="Alice Parent", lang="es")


@pytest.fixture
def meeting(child):
    return Meeting.objects.create(
        child=child, kind="annual_review", status="scheduled", date=date(2026, 3, 20)
    )


def refuse(child, teacher, ask):
    return log_refusal(
        child,
        said_by=teacher,
        said_on=date(2026, 2, 20),
        words="We don't use that program here.\nAll our students get the same thing.",
        ask=ask,
    )


@pytest.fixture
def letters(child, case_manager, concern, meeting, ask, teacher):
    # The follow-up is drafted while the ask still waits; then the school says no to it.
    follow_up = spanish(child, "follow_up", ask=str(ask.pk))
    refusal = refuse(child, teacher, ask)
    return {
        "written_concerns": spanish(child, "written_concerns", concern=str(concern.pk)),
        "meeting_request": spanish(
            child, "meeting_request", concerns=[str(concern.pk)], availability=WINDOWS
        ),
        "interpreter_request": spanish(
            child, "interpreter_request", meeting=str(meeting.pk), language="Spanish"
        ),
        "translation_request": spanish(child, "translation_request", language="español"),
        "follow_up": follow_up,
        "policy_request": spanish(child, "policy_request", refusal=str(refusal.pk)),
    }


def test_each_spanish_letter_has_the_same_numbered_paragraphs_and_citations(letters):
    for kind, letter in letters.items():
        english, translated = numbered(letter.body), numbered(letter.translation)
        assert [n for n, _ in english] == [n for n, _ in translated], kind
        for (_, en), (_, es) in zip(english, translated, strict=True):
            assert type(en) is type(es), kind
            if hasattr(en, "items"):
                assert len(en.items) == len(es.items), kind
        assert CITATION.findall(letter.body) == CITATION.findall(letter.translation), kind
        assert letter.translation_subject and letter.translation_subject != letter.subject


def test_the_spanish_text_writes_dates_the_spanish_way(letters):
    for kind, letter in letters.items():
        assert "2 de marzo de 2026" in letter.translation, kind
        assert "March 2, 2026" in letter.body, kind
        assert not ENGLISH_DATE.search(letter.translation), kind
    assert "Estimado/a Dana Cole:" in letters["written_concerns"].translation
    windows = letters["meeting_request"].translation
    assert "- martes, 10 de marzo de 2026, de 9:00 AM a 11:00 AM" in windows
    assert "10 de febrero de 2026: Reads 48 words" in letters["written_concerns"].translation


def test_the_interpreter_request_cites_the_rule_and_names_the_meeting(letters):
    letter = letters["interpreter_request"]
    assert "34 CFR § 300.322(e)" in letter.body
    assert "Spanish interpreter for the annual review on March 20, 2026" in letter.body
    assert "intérprete calificado de español" in letter.translation
    assert "20 de marzo de 2026" in letter.translation


def test_the_follow_up_names_the_first_request_in_spanish(letters):
    letter = letters["follow_up"]
    assert "On February 2, 2026 I asked you by email for the following:" in letter.body
    assert "El 2 de febrero de 2026 le pedí a usted por correo electrónico lo siguiente:" in (
        letter.translation
    )
    assert "Han pasado 28 días desde que escribí por última vez, y no he recibido respuesta" in (
        letter.translation
    )
    assert "aunque la había pedido a más tardar para el 16 de febrero de 2026" in (
        letter.translation
    )
    assert letter.translation_subject.startswith("Seguimiento: An OT evaluation for handwriting")


def test_the_policy_request_quotes_the_no_and_names_the_role_in_spanish(letters):
    letter = letters["policy_request"]
    # The letter goes to the person who said no: "you", in both languages.
    assert "On March 2, 2026, you told me" in letter.body or ", you told me" in letter.body
    assert ", usted me dijo" in letter.translation
    assert "Lee Park (special education teacher) told me" not in letter.body
    # The school's words are quoted as said, in both.
    quote = '"We don\'t use that program here. All our students get the same thing."'
    assert quote in letter.body and quote in letter.translation
    assert "ley, reglamento o norma escrita del distrito" in letter.translation


def test_the_translation_request_cites_notice_and_iep_rules(child, case_manager):
    letter = spanish(child, "translation_request", language="Spanish")
    for citation in ("34 CFR § 300.503(c)", "34 CFR § 300.322(f)", "34 CFR § 300.322(e)"):
        assert citation in letter.body and citation in letter.translation
    only_iep = spanish(child, "translation_request", language="Spanish", documents=["iep"])
    assert "300.503(c)" not in only_iep.body and "300.503(c)" not in only_iep.translation
    assert "- The IEP" in only_iep.body and "- El IEP" in only_iep.translation


def test_english_letters_have_no_translation_and_unknown_languages_are_refused(
    child, case_manager, concern
):
    english = compose.draft(
        child, "written_concerns", {"concern": str(concern.pk)}, today=TODAY, signature="A"
    )
    assert english.lang == "en" and english.translation == ""
    with pytest.raises(ParamError, match="en or es"):
        compose.draft(
            child,
            "written_concerns",
            {"concern": str(concern.pk)},
            today=TODAY,
            signature="A",
            lang="fr",
        )
    # Every kind is written in Spanish now; a kind added without its Spanish text is refused.
    assert all("es" in k.languages for k in registry.all_kinds())
    kind = registry.get("written_concerns")
    with (
        patch.object(type(kind), "languages", property(lambda self: ["en"])),
        pytest.raises(ParamError, match="not written in Spanish yet"),
    ):
        compose.draft(child, kind.name, {}, today=TODAY, signature="A", lang="es")


def test_the_kinds_written_in_spanish(db):
    speaking = {k.name for k in registry.all_kinds() if "es" in k.languages}
    assert {
        "written_concerns",
        "meeting_request",
        "interpreter_request",
        "translation_request",
        "follow_up",
        "policy_request",
        *SIX,
    } <= speaking


def test_the_pair_downloads_as_docx_and_pdf(alice_client, alice, child, letters):
    from docx import Document

    letter = drafts.save_draft(child, letters["interpreter_request"], author=alice)
    base = f"/children/{child.pk}/letters/{letter.pk}/pair"
    docx = alice_client.get(f"{base}.docx")
    assert docx.status_code == 200
    table = Document(io.BytesIO(docx.content)).tables[0]
    rows = [[cell.text for cell in row.cells] for row in table.rows]
    assert rows[0][2] == "Español (su copia)"
    numbers = [row[0] for row in rows[2:]]
    assert numbers == [f"{n}." for n in range(1, len(numbered(letter.body)) + 1)]
    assert any("300.322(e)" in row[1] and "300.322(e)" in row[2] for row in rows)
    pdf = alice_client.get(f"{base}.pdf")
    assert pdf.status_code == 200 and pdf.content.startswith(b"%PDF")
    text = alice_client.get(f"{base}.txt")
    assert text.status_code == 200 and "1. [Español]" in text.content.decode()
    assert alice_client.get(f"{base}.eml").status_code == 404


def test_an_english_letter_has_no_pair(alice_client, alice, child, case_manager, concern):
    english = compose.draft(
        child, "written_concerns", {"concern": str(concern.pk)}, today=TODAY, signature="A"
    )
    letter = drafts.save_draft(child, english, author=alice)
    assert (
        alice_client.get(f"/children/{child.pk}/letters/{letter.pk}/pair.docx").status_code == 404
    )


def test_post_letters_takes_lang(alice_client, child, case_manager, concern):
    url = f"/api/v1/children/{child.pk}/letters?today={TODAY}"
    payload = {"kind": "written_concerns", "concern": str(concern.pk), "lang": "es"}
    response = alice_client.post(url, json.dumps(payload), content_type="application/json")
    assert response.status_code == 201, response.content
    body = response.json()
    assert body["lang"] == "es"
    assert "Estimado/a Dana Cole:" in body["translation"]
    # The English letter for the school opens with the parent's block, then the date (issue 15).
    head = body["body"].split("Dear ", 1)[0]
    assert head.startswith("Alice Parent") and "March 2, 2026" in head
    bad = alice_client.post(
        url, json.dumps({**payload, "lang": "xx"}), content_type="application/json"
    )
    assert bad.status_code == 422 and "en or es" in bad.json()["detail"]


def test_the_letter_page_drafts_and_saves_the_pair(
    alice_client, alice, child, case_manager, meeting
):
    from playbook.letters.models import Letter

    url = f"/children/{child.pk}/letters/new/interpreter_request/"
    params = {"meeting": str(meeting.pk), "language": "Spanish", "lang": "es", "redraw": "1"}
    page = alice_client.get(url, params)
    assert page.status_code == 200
    assert "intérprete calificado de español" in page.content.decode()
    saved = alice_client.post(url, {k: v for k, v in params.items() if k != "redraw"})
    assert saved.status_code == 302
    letter = Letter.objects.get()
    assert letter.lang == "es" and "300.322(e)" in letter.translation
    detail = alice_client.get(saved["Location"]).content.decode()
    assert f"/letters/{letter.pk}/pair.pdf" in detail


def test_a_parent_who_reads_spanish_gets_the_pair_by_default(
    alice_client, alice, child, case_manager, concern
):
    alice.language = "es"
    alice.save(update_fields=["language"])
    url = f"/children/{child.pk}/letters/new/written_concerns/"
    page = alice_client.get(url, {"concern": str(concern.pk), "redraw": "1"})
    assert "Estimado/a Dana Cole:" in page.content.decode()
    # A kind not yet written in Spanish drafts in English alone (once every kind is, no check).
    english_only = [k.name for k in registry.all_kinds() if "es" not in k.languages]
    for kind in english_only[:1]:
        untranslated = alice_client.get(f"/children/{child.pk}/letters/new/{kind}/")
        assert untranslated.status_code == 200
        assert "Estimado/a" not in untranslated.content.decode()


# --- Every kind that claims Spanish (it has body.es.txt) is checked here, drafted for the
# demo family (decision 0048): a kind cannot say it speaks Spanish without passing.
SPANISH_KINDS = sorted(k.name for k in registry.all_kinds() if "es" in k.languages)
# The app's English, never in the Spanish copy (the family's and school's words may be).
APP_ENGLISH = (
    "Dear ",
    "Sincerely",
    "Parent of",
    "Please ",
    "I am writing",
    "I ask ",
    "Thank you",
    "prior written notice",
    "What I am asking for",
    "Phone:",
)
OWN_WORDS = re.compile(r"«[^»]*»|\"[^\"\n]*\"")
ANY_ENGLISH_DATE = re.compile(ENGLISH_DATE.pattern)


def _as_date(text: str) -> date:
    from datetime import datetime

    return datetime.strptime(text, "%B %d, %Y").date()


def assert_pair(letter, what: str = "") -> None:
    """The checks every Spanish letter to the demo family passes: the same numbered paragraphs and lists,
    the same citations, the names, every date of the English letter in its Spanish form,
    and none of the app's English left."""
    what = what or letter.kind
    assert letter.lang == "es" and letter.translation, what
    english, translated = numbered(letter.body), numbered(letter.translation)
    assert [n for n, _ in english] == [n for n, _ in translated], what
    for (n, en), (_, sp) in zip(english, translated, strict=True):
        assert type(en) is type(sp), (what, n, en, sp)
        if hasattr(en, "items"):
            assert len(en.items) == len(sp.items), (what, n, en, sp)
        else:
            assert len(en.lines) == len(sp.lines), (what, n, en, sp)
    assert CITATION.findall(letter.body) == CITATION.findall(letter.translation), what
    assert letter.translation_subject and letter.translation_subject != letter.subject, what
    # Dates: today's, the reply-by date, and every date the English letter writes.
    assert "March 2, 2026" in letter.body and "2 de marzo de 2026" in letter.translation, what
    if letter.reply_by:
        assert spanish_day(letter.reply_by) in letter.translation, what
    for found in ANY_ENGLISH_DATE.finditer(OWN_WORDS.sub("", letter.body)):
        assert spanish_day(_as_date(found[0])) in letter.translation, (what, found[0])
    app_text = OWN_WORDS.sub("", letter.translation)
    assert not ENGLISH_DATE.search(app_text), (what, ENGLISH_DATE.search(app_text))
    for phrase in APP_ENGLISH:
        assert phrase not in app_text, (what, phrase)
    # Names: the child, the person written to and the copies, as in the English letter.
    for name in ["Maya Alvarez", *(a.split(" <")[0].strip('"') for a in letter.to + letter.cc)]:
        assert name in letter.body and name in letter.translation, (what, name)
    if letter.addressee:
        assert f"Estimado/a {letter.addressee.name}:" in letter.translation, what


def spanish_for(child, kind: str, params: dict):
    parent = child.household.memberships.get().user
    return compose.draft(
        child, kind, params, today=TODAY, sender=compose.Sender.of(parent), lang="es"
    )


@pytest.mark.parametrize("kind", SPANISH_KINDS)
def test_every_spanish_kind_is_a_true_pair_of_its_english(demo, kind):  # noqa: F811
    letter = spanish_for(demo, kind, params_for(demo, kind))
    assert_pair(letter)


def test_the_kinds_of_the_second_round_speak_spanish(db):
    assert {
        "escalation",
        "trial_terms",
        "comp_services_request",
        "prior_written_notice_request",
        "parent_concerns",
        "meeting_recap",
        "goal_revision_request",
    } <= set(SPANISH_KINDS)


def _ask(child, subject: str):
    return str(child.asks.get(subject=subject).pk)


STRUCTURED = "Structured literacy instruction (Orton-Gillingham based)"
AIDE = "A 1:1 aide during reading and writing blocks"


def _reduced_iep(child) -> dict:
    """A new IEP that cuts a service and drops an accommodation: the notice letter lists
    the changes."""
    from playbook.children.models import IEP, Service

    old = child.current_iep()
    new = IEP.objects.create(child=child, start_date=date(2026, 2, 23), end_date=date(2027, 2, 22))
    for service in old.services.all():
        Service.objects.create(
            iep=new,
            service=service.service,
            minutes=service.minutes // 2,
            per=service.per,
            setting=service.setting,
        )
    return {"iep": str(new.pk)}


def _trial_over_a_break(child) -> dict:
    trial = child.trials.get()
    child.breaks.create(name="February break", start=date(2026, 2, 16), end=date(2026, 2, 20))
    return {"trial": str(trial.pk)}


def _goal_with_reports(child) -> dict:
    from playbook.progress.models import ProgressEntry, ProgressReport

    iep = child.current_iep()
    goal = iep.goals.order_by("position").first()
    report = ProgressReport.objects.create(child=child, iep=iep, report_date=date(2026, 1, 30))
    ProgressEntry.objects.create(report=report, goal=goal, date=date(2025, 11, 14), value=58)
    ProgressEntry.objects.create(
        report=report, goal=goal, date=date(2026, 1, 30), school_words="Making progress"
    )
    return {"goal": str(goal.pk)}


def _short_period(child) -> dict:
    service = child.current_iep().services.get(service__startswith="Speech")
    return {"service": str(service.pk), "from": "2025-09-01", "to": "2025-09-30"}


# Other branches of the seven kinds of decision 0048, each checked the same way.
VARIANTS = {
    "escalation, written to directly": (
        "escalation",
        lambda c: {"topic": "services", "method": "write", "ask": _ask(c, STRUCTURED)},
    ),
    "escalation, a call back": (
        "escalation",
        lambda c: {"topic": "services", "method": "call", "ask": _ask(c, STRUCTURED)},
    ),
    "escalation, invited to the meeting": (
        "escalation",
        lambda c: {"topic": "placement", "method": "invite", "ask": _ask(c, AIDE)},
    ),
    "escalation, no one request": ("escalation", lambda c: {"topic": "staffing"}),
    "notice of an ask refused": (
        "prior_written_notice_request",
        lambda c: {"ask": _ask(c, AIDE)},
    ),
    "notice of a new IEP": ("prior_written_notice_request", _reduced_iep),
    "recap of a call": (
        "meeting_recap",
        lambda c: {"entry": str(c.entries.get(kind="call").pk), "correction_days": 1},
    ),
    "recap with my notes": (
        "meeting_recap",
        lambda c: {
            "meeting": str(c.meetings.get(status="held").pk),
            "notes": "We agreed on a reading goal.\nThe school will not add a 1:1 aide.",
        },
    ),
    "Parent Concerns with strengths, for a meeting": (
        "parent_concerns",
        lambda c: {
            "strengths": ["Loves drawing", "Kind to her classmates"],
            "meeting": str(c.meetings.get(status="held").pk),
        },
    ),
    "Parent Concerns for a meeting being arranged": (
        "parent_concerns",
        lambda c: {"meeting": str(c.meetings.get(status="requested").pk)},
    ),
    "trial terms over a break": ("trial_terms", _trial_over_a_break),
    "goal with progress reports": ("goal_revision_request", _goal_with_reports),
    "make-up minutes of one month": ("comp_services_request", _short_period),
}


@pytest.mark.parametrize("variant", VARIANTS)
def test_each_branch_of_the_new_kinds_is_a_true_pair(demo, variant):  # noqa: F811
    kind, params = VARIANTS[variant]
    assert_pair(spanish_for(demo, kind, params(demo)), variant)


def test_the_spanish_letter_gives_the_school_staffs_titles_in_spanish(demo):  # noqa: F811
    """The inside address and the copies name each person's role in Spanish; the English
    letter keeps the team's English titles."""
    kind = "meeting_recap"
    letter = spanish_for(demo, kind, params_for(demo, kind))
    assert "Rachel Kim\nCase manager\nOak Meadow Elementary School" in letter.body
    assert "Rachel Kim\nAdministrador/a de caso\nOak Meadow Elementary School" in (
        letter.translation
    )
    assert "cc: Michael Okafor, General education teacher" in letter.body
    assert "c. c.: Michael Okafor, maestro/a de educación general" in letter.translation
    assert "c. c.: Denise Walker, director/a de la escuela" in letter.translation
    # The parent's own block too.
    assert "\nPhone: (916) 555-0188\n" in letter.body
    assert "\nTeléfono: (916) 555-0188\n" in letter.translation
    assert "Phone:" not in letter.translation


def test_a_follow_up_tells_what_happened_since_in_spanish(demo):  # noqa: F811
    """The history of the request (decision 0036) is told in the Spanish letter's words;
    what the school said is quoted as said."""
    structured = demo.asks.get(subject=STRUCTURED, about__isnull=True)
    carried = demo.asks.get(about=structured, kind="escalation")
    letter = spanish_for(demo, "follow_up", {"ask": str(carried.pk)})
    assert_pair(letter, "follow-up of an escalation")
    assert '- February 8, 2026: Rachel Kim said no: "We don\'t use that program here."' in (
        letter.body
    )
    assert '- 8 de febrero de 2026: Rachel Kim dijo que no: "We don\'t use that program here."' in (
        letter.translation
    )


# --- The second six kinds, drafted for the demo family (es-letters-b) ---

SIX = (
    "records_request",
    "policy_renewal",
    "iee_request",
    "discipline_review_request",
    "removal_in_writing",
    "courtesy_note",
)


@pytest.fixture(scope="module")
def _six_drafts(_demo_family, django_db_blocker):  # noqa: F811
    """The six letters drafted once, in the module's demo family (made_once): a test's own
    writes are undone before the next."""
    from .test_every_kind import params_for

    with django_db_blocker.unblock():
        return {
            kind: compose.draft(
                _demo_family,
                kind,
                params_for(_demo_family, kind),
                today=TODAY,
                signature="Ana",
                lang="es",
            )
            for kind in SIX
        }


@pytest.fixture
def demo_letters(_six_drafts, demo):  # noqa: F811
    return demo, _six_drafts


def test_the_second_six_have_the_same_paragraphs_citations_and_spanish_dates(demo_letters):
    _, letters = demo_letters
    for kind, letter in letters.items():
        english, translated = numbered(letter.body), numbered(letter.translation)
        assert [n for n, _ in english] == [n for n, _ in translated], kind
        for (_, en), (_, es) in zip(english, translated, strict=True):
            assert type(en) is type(es), kind
            if hasattr(en, "items"):
                assert len(en.items) == len(es.items), kind
        assert CITATION.findall(letter.body) == CITATION.findall(letter.translation), kind
        assert letter.translation_subject and letter.translation_subject != letter.subject
        assert "2 de marzo de 2026" in letter.translation, kind
        assert not ENGLISH_DATE.search(letter.translation), kind
        assert not ENGLISH_DATE.search(letter.translation_subject), kind
        assert "Atentamente," in letter.translation and "{{" not in letter.translation


def test_the_second_six_say_it_in_spanish(demo_letters):
    family, letters = demo_letters
    records = letters["records_request"].translation
    assert "- el expediente acumulativo" in records
    assert "dentro de los 5 días hábiles siguientes a mi solicitud (Cal. Educ. Code § 56504)" in (
        records
    )
    assert "a más tardar 45 días naturales después de una solicitud" in records
    renewal = letters["policy_renewal"].translation
    assert "usted rechazó mi solicitud" in renewal and "me dijeron que no existe" in renewal
    iee = letters["iee_request"].translation
    assert "evaluación educativa independiente (IEE" in iee and "- Reading" in iee
    assert "0,5 días escolares" in letters["discipline_review_request"].translation
    removal = letters["removal_in_writing"]
    assert "(retiro informal o recogida antes de hora)" in removal.translation
    assert removal.translation_subject.startswith("El retiro de Maya Alvarez del 27 de febrero")
    note = letters["courtesy_note"].translation
    assert "me comuniqué con Mark Sullivan, supervisor/a de educación especial." in note
    assert "Gracias por todo lo que hacen por Maya." in note
    assert "Le ruego que me confirme" not in note  # the note asks nothing


def test_the_records_request_names_the_meeting_in_spanish(demo_letters):
    family, _ = demo_letters
    upcoming = Meeting.objects.create(
        child=family, kind="annual_review", status="scheduled", date=date(2026, 3, 20)
    )
    letter = compose.draft(
        family, "records_request", {"meeting": str(upcoming.pk)}, today=TODAY, lang="es"
    )
    assert "before the annual review on March 20, 2026" in letter.body
    assert "antes de la revisión anual del 20 de marzo de 2026" in letter.translation
    assert "Para poder prepararme para la revisión anual del 20 de marzo de 2026" in (
        letter.translation
    )


def test_the_iee_request_names_the_evaluation_in_spanish(demo_letters):
    family, _ = demo_letters
    letter = compose.draft(
        family,
        "iee_request",
        {
            "evaluation_date": "2026-01-21",
            "evaluator": "Dr. Elena Morales",
            "evaluation_type": "speech_language",
        },
        today=TODAY,
        lang="es",
    )
    assert "He leído la evaluación del habla y el lenguaje de Maya" in letter.translation
    assert ": una evaluación del habla y el lenguaje independiente." in letter.translation
