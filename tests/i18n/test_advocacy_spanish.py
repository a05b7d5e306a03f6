"""Concerns, asks, refusals, the ladder and the routes outside the district in Spanish
(issue 19): every page and state of them has no English left outside the family's and the
school's own words, the same pages in English are still English (so the check can fail),
and the citations are the same in both languages."""

from __future__ import annotations

import re
import uuid
from datetime import timedelta

import pytest
from django.utils import translation

from playbook import demo, school_language
from playbook.accounts.models import User
from playbook.advocacy import labels
from playbook.advocacy.concerns import add_evidence
from playbook.advocacy.models import Ask, AskStatus, Channel, Concern, Evidence
from playbook.children.models import Child, TeamRole
from playbook.letters.models import Letter
from playbook.refusals import outside_routes
from playbook.refusals.models import Refusal
from playbook.refusals.refusals import PolicyDocument, log_refusal, record_policy_outcome
from playbook.refusals.views import PHRASE_EXPLANATIONS
from playbook.trail.refusal_language import NEEDS_SUPERVISOR, phrase_book
from tests.conftest import made_once
from tests.i18n.test_spanish_pages import TODAY, english_left


@pytest.fixture(scope="module")
def _demo_family(django_db_setup, django_db_blocker):
    """The demo household, its parent reading Spanish (as test_spanish_pages), made once for
    the module (tests/conftest.py's made_once): each test's own writes are undone."""
    with made_once(django_db_blocker):
        child = demo.load_demo(TODAY)
        User.objects.filter(email=demo.DEMO_EMAIL).update(language="es")
        yield child.pk


@pytest.fixture
def spanish(_demo_family, client, db):
    client.force_login(User.objects.get(email=demo.DEMO_EMAIL))
    return client, Child.objects.get(pk=_demo_family)


def _spanish(client, url: str, *, status: int = 200, **post) -> str:
    answer = client.post(url, post) if post else client.get(url)
    assert answer.status_code == status, url
    page = answer.content.decode()
    assert '<html lang="es">' in page, url
    return page


def _in_english(url_list, client) -> None:
    """The same pages for a parent who reads English: English, as before."""
    parent = User.objects.get(pk=client.session["_auth_user_id"])
    parent.language = "en"
    parent.save(update_fields=["language"])
    for url in url_list:
        page = client.get(url).content.decode()
        assert '<html lang="en">' in page, url
        assert english_left(page), url


def _more_states(child) -> dict:
    """What the demo does not show: a resolved concern with a file, a produced policy with
    its document, a refusal with no reply, an ask of nobody, an escalation awaiting its
    courtesy note."""
    team = {member.role: member for member in child.team.all()}
    concern = Concern.objects.create(
        child=child, title="Bus rides are too long", status=Concern.Status.RESOLVED
    )
    add_evidence(concern, text="The bus takes 80 minutes.", kind=Evidence.Kind.DATA, date=TODAY)
    produced = log_refusal(
        child,
        said_by=team[TeamRole.PRINCIPAL],
        said_on=TODAY - timedelta(days=20),
        words="We can't give extra time on tests. That is the district's rule.",
    )
    record_policy_outcome(
        produced,
        outcome=Refusal.PolicyOutcome.PRODUCED,
        on=TODAY - timedelta(days=15),
        citation="Board Policy 6164.4",
        notes="They sent the policy by email.",
        document=PolicyDocument("policy-6164.pdf", b"%PDF-1.4 policy", "application/pdf"),
    )
    no_reply = log_refusal(
        child, said_by=None, said_on=TODAY - timedelta(days=9), words="No, we won't do that."
    )
    record_policy_outcome(no_reply, outcome=Refusal.PolicyOutcome.NO_REPLY, on=TODAY)
    of_nobody = Ask.objects.create(
        child=child,
        subject="A copy of the behaviour plan",
        asked_on=TODAY - timedelta(days=3),
        channel=Channel.IN_PERSON,
        status=AskStatus.NO_REPLY,
    )
    director = team[TeamRole.DIRECTOR_SPECIAL_SERVICES]
    Letter.objects.create(
        child=child,
        kind="escalation",
        params={"to": str(director.pk), "topic": "placement"},
        subject="Asking for help",
        body="...",
        state=Letter.State.SENT,
        sent_on=child.today(),
    )
    return {"concern": concern, "refusals": [produced, no_reply], "ask": of_nobody}


def test_every_object_page_reads_as_spanish_and_in_english_as_english(spanish):
    client, child = spanish
    more = _more_states(child)
    base = f"/children/{child.pk}"
    urls = []
    for concern in child.concerns.all():
        urls += [f"{base}/concerns/{concern.pk}/", f"{base}/concerns/{concern.pk}/edit/"]
    for ask in child.asks.all():
        urls += [f"{base}/asks/{ask.pk}/", f"{base}/asks/{ask.pk}/edit/"]
    urls += [f"{base}/refusals/{refusal.pk}/" for refusal in child.refusals.all()]
    stuck = child.asks.filter(status=AskStatus.REFUSED).first()
    urls += [f"{base}/ladder/?topic={topic}&ask={stuck.pk}" for topic in ("services", "safety")]
    urls += [f"{base}/outside-routes/?on={(TODAY - timedelta(days=200)).isoformat()}"]
    urls += [
        f"{base}/refusals/new/?ask={stuck.pk}",
        f"{base}/asks/new/?concern={more['concern'].pk}",
    ]
    assert len(urls) > 25
    for url in urls:
        assert english_left(_spanish(client, url)) == [], url
    # What only these states show, worded in Spanish.
    produced = _spanish(client, f"{base}/refusals/{more['refusals'][0].pk}/")
    assert "Norma mostrada" in produced and "Descargar" in produced
    assert '<span class="citation">34 CFR § 300.503</span>' in produced
    ladder = _spanish(client, f"{base}/ladder/")
    assert "Avise al equipo a quién sumó" in ladder
    _in_english(urls, client)


def test_forms_say_what_is_wrong_in_spanish(spanish):
    client, child = spanish
    base = f"/children/{child.pk}"
    ask = child.asks.filter(status=AskStatus.OPEN).first()
    concern = child.concerns.first()
    refusal = child.refusals.first()
    later = (ask.asked_on + timedelta(days=3)).isoformat()
    pages = {
        "concern": _spanish(client, f"{base}/concerns/new/", status=400, area="x"),
        "evidence": _spanish(
            client, f"{base}/concerns/{concern.pk}/evidence/", status=400, kind="data"
        ),
        "ask": _spanish(
            client, f"{base}/asks/new/", status=400, asked_on="2026-02-30", channel="email"
        ),
        "ask_due": _spanish(
            client,
            f"{base}/asks/new/",
            status=400,
            subject="Speech minutes",
            asked_on=later,
            reply_due=ask.asked_on.isoformat(),
            channel="phone",
        ),
        "reply": _spanish(
            client,
            f"{base}/asks/{ask.pk}/reply/",
            status=400,
            text="We will look into it.",
            date=(ask.asked_on - timedelta(days=1)).isoformat(),
            outcome="answered",
            channel="email",
        ),
        "refusal": _spanish(
            client, f"{base}/refusals/new/", status=200, said_on="2099-01-01", words="   "
        ),
        "policy": _spanish(
            client,
            f"{base}/refusals/{refusal.pk}/",
            status=200,
            outcome="produced",
            on=TODAY.isoformat(),
        ),
    }
    for name, page in pages.items():
        assert english_left(page) == [], name
        assert 'class="error-text"' in page, name
    assert "La fecha de respuesta no puede ser anterior" in pages["ask_due"]
    assert "La respuesta no puede ser anterior al día en que lo pidió." in pages["reply"]
    assert "Anote el nombre o número de la norma" in pages["policy"]
    wrong = [
        f"{base}/ladder/?topic=nothing",
        f"{base}/ladder/?ask={uuid.uuid4()}",
        f"{base}/outside-routes/?on=someday",
        f"{base}/outside-routes/?on=2099-01-01",
    ]
    for url in wrong:
        page = _spanish(client, url)
        assert english_left(page) == [], url
        assert 'class="error-text"' in page, url


def test_the_words_recognised_as_typed_are_explained_in_spanish(spanish):
    client, child = spanish
    answer = client.post(
        f"/children/{child.pk}/refusals/new/",
        {"check": "1", "words": "We can't do that. I would need to check with my supervisor."},
        HTTP_HX_REQUEST="true",
    )
    part = answer.content.decode()
    assert "Reconocemos aquí un «no»" in part
    assert "La persona a quien se lo pidió puede estar de acuerdo" in part
    assert english_left(part) == []


def test_a_family_with_nothing_logged_yet_reads_spanish(client, alice, child, case_manager):
    alice.language = "es"
    alice.save(update_fields=["language"])
    client.force_login(alice)
    concern = Concern.objects.create(child=child, title="Reading")
    ask = Ask.objects.create(
        child=child, subject="Speech", asked_of=case_manager, asked_on=child.today()
    )
    base = f"/children/{child.pk}"
    for url in (
        f"{base}/refusals/",
        f"{base}/outside-routes/",
        f"{base}/ladder/?topic=evaluation",
        f"{base}/concerns/{concern.pk}/",
    ):
        assert english_left(_spanish(client, url)) == [], url
    # Nobody above the case manager: the page says so, and points outside the district.
    top = _spanish(client, f"{base}/ladder/?topic=services&ask={ask.pk}")
    assert "No hay nadie más arriba en su lista del equipo" in top
    assert english_left(top) == []


def test_the_routes_cite_the_same_rules_in_spanish(spanish):
    client, child = spanish
    page = _spanish(client, f"/children/{child.pk}/outside-routes/")
    for route in outside_routes.ROUTES:
        assert route.window.citation in page, route.key
        assert "; ".join(route.citations) in page, route.key
    assert '<span class="citation">34 CFR § 300.504(a)</span>' in page
    assert "Queja de debido proceso" in page and "Queja ante el estado" in page


def test_every_explanation_the_pages_show_has_its_spanish():
    shown = {p.explanation for p in phrase_book().patterns if p.signal == NEEDS_SUPERVISOR}
    assert shown <= set(PHRASE_EXPLANATIONS)
    with translation.override("es"):
        for text in PHRASE_EXPLANATIONS:
            assert translation.gettext(text) != text


def test_the_recogniser_says_why_in_the_readers_language():
    text = "We can't provide that for your child."
    (english,) = school_language.read(text).refusals
    assert re.fullmatch(
        r"A no about [^.]+\.( The words that carry it: “.+”\.)? Like “.+", english.why
    )
    with translation.override("es"):
        (spanish,) = school_language.read(text).refusals
    assert spanish.why.startswith("Un «no» del tipo: ")
    assert "Parecido a “" in spanish.why
    assert spanish.kind == english.kind


def test_the_label_maps_say_in_english_what_the_models_say():
    for shown, model in (
        (labels.CHANNELS, Channel),
        (labels.EVIDENCE_KINDS, Evidence.Kind),
        (labels.ASK_STATUSES, AskStatus),
    ):
        assert [str(value) for value in shown] == list(model.values)
        assert [str(label) for label in shown.values()] == list(model.labels)
