"""Meetings, trials, data series and the letter pages read as Spanish (issue 19): each
object page of the demo household (a meeting, its prep pack, a trial, a data series and
its point form, a letter's draft and detail pages) has no English left outside the
family's own words and the letter for the school (lang="en"); the same pages in English
are English, so the check can fail. Forms say their labels, hints and problems in Spanish."""

from __future__ import annotations

from datetime import date

import pytest
from django.utils import translation

from playbook import demo
from playbook.accounts.models import User
from playbook.children.models import Child
from playbook.letters import compose, drafts, registry
from playbook.letters import page_words as words
from playbook.letters.models import Letter
from playbook.meetings.meetings import shown_student_invitation, step_refusal
from playbook.meetings.models import DataSeries, Meeting, Trial
from tests.conftest import made_once
from tests.i18n.test_spanish_pages import TODAY, english_left


def demo_pages(child) -> dict[str, str]:
    """The object pages of this helper's apps, by a readable name."""
    base = f"/children/{child.pk}"
    pages = {}
    for n, meeting in enumerate(Meeting.objects.filter(child=child)):
        pages[f"meeting {n}"] = f"{base}/meetings/{meeting.pk}/"
        pages[f"meeting {n} prep"] = f"{base}/meetings/{meeting.pk}/prep/"
        pages[f"meeting {n} edit"] = f"{base}/meetings/{meeting.pk}/edit/"
    for n, trial in enumerate(Trial.objects.filter(child=child)):
        pages[f"trial {n}"] = f"{base}/trials/{trial.pk}/"
        pages[f"trial {n} edit"] = f"{base}/trials/{trial.pk}/edit/"
    for n, series in enumerate(DataSeries.objects.filter(child=child)):
        pages[f"series {n}"] = f"{base}/data/{series.pk}/"
        point = series.points.first()
        if point is not None:
            pages[f"series {n} point"] = f"{base}/data/{series.pk}/points/{point.pk}/"
    for n, letter in enumerate(Letter.objects.filter(child=child)):
        pages[f"letter {n} ({letter.kind}, {letter.state})"] = f"{base}/letters/{letter.pk}/"
    for kind in registry.all_kinds():
        pages[f"new letter {kind.name}"] = f"{base}/letters/new/{kind.name}/"
    return pages


@pytest.fixture(scope="module")
def _demo_family(django_db_setup, django_db_blocker):
    """The demo family, made once for the module (tests/conftest.py's made_once): each test's
    own writes are undone before the next."""
    with made_once(django_db_blocker):
        yield demo.load_demo(TODAY).pk


@pytest.fixture
def demo_child(_demo_family, client, db):
    child = Child.objects.get(pk=_demo_family)
    parent = User.objects.get(email=demo.DEMO_EMAIL)
    client.force_login(parent)
    return client, child, parent


def read_in(client, parent, language: str, url: str) -> str:
    parent.language = language
    parent.save(update_fields=["language"])
    answer = client.get(url)
    assert answer.status_code == 200, url
    page = answer.content.decode()
    assert f'<html lang="{language}">' in page, url
    return page


def main(page: str) -> str:
    """The page's own content, without the header and footer every page shares."""
    return page.split('<main id="main"', 1)[1].split("</main>", 1)[0]


def test_every_object_page_reads_as_spanish_and_as_english(demo_child):
    client, child, parent = demo_child
    pages = demo_pages(child)
    # The demo has each kind of page.
    for kind in ("meeting", "trial", "series", "letter", "new letter"):
        assert any(name.startswith(kind + " ") for name in pages), kind
    assert any(name.endswith(" prep") for name in pages)
    assert any(name.endswith(" point") for name in pages)
    english_left_in_spanish, spanish_in_english = {}, []
    for name, url in pages.items():
        left = english_left(read_in(client, parent, "es", url))
        if left:
            english_left_in_spanish[name] = left
        if not english_left("<main" + main(read_in(client, parent, "en", url))):
            spanish_in_english.append(name)
    assert english_left_in_spanish == {}
    assert spanish_in_english == []


def test_the_letter_for_the_school_is_marked_english_and_its_spanish_copy_spanish(demo_child):
    client, child, parent = demo_child
    ask = child.asks.filter(status__in=["open", "no_reply"]).first()
    draft = compose.draft(
        child,
        "follow_up",
        {"ask": str(ask.pk)},
        today=TODAY,
        sender=compose.Sender.of(parent),
        lang="es",
    )
    letter = drafts.save_draft(child, draft, author=parent, subject=draft.subject, body=draft.body)
    assert letter.is_pair
    page = read_in(client, parent, "es", f"/children/{child.pk}/letters/{letter.pk}/")
    assert 'id="letter-text" rows="26"' in page
    assert 'lang="en">' + letter.body.split("\n")[0] in page.replace("&#x27;", "'")
    assert 'readonly lang="es"' in page
    assert "Su copia en español" in page
    draft = read_in(
        client, parent, "es", f"/children/{child.pk}/letters/new/follow_up/?ask={ask.pk}"
    )
    assert 'aria-describedby="id_body_hint" lang="en"' in draft


def test_the_forms_speak_spanish_and_their_problems_too(demo_child):
    client, child, parent = demo_child
    parent.language = "es"
    parent.save(update_fields=["language"])
    base = f"/children/{child.pk}"
    page = client.get(f"{base}/meetings/new/").content.decode()
    assert "Qué tipo de reunión" in page and "Reunión del IEP" in page
    assert "A quién se invita de la escuela" in page
    answer = client.post(f"{base}/meetings/new/", {"kind": "iep", "status": "scheduled"})
    assert answer.status_code == 400
    page = answer.content.decode()
    assert "Una reunión programada o ya realizada necesita su fecha." in page
    assert english_left(page) == []

    answer = client.post(
        f"{base}/trials/new/",
        {"proposal": "x", "start_date": "2026-03-02", "weeks": "60", "measure": "y"},
    )
    assert answer.status_code == 400
    page = answer.content.decode()
    assert "Elija entre 1 y 52 semanas." in page
    assert english_left(page) == []

    answer = client.post(f"{base}/data/new/", {"name": "", "unit": "", "goal": "nan"})
    assert answer.status_code == 400
    page = answer.content.decode()
    assert "Qué está midiendo" in page and "Escriba un número." in page
    assert english_left(page) == []

    letter = Letter.objects.filter(child=child, state="draft").first()
    answer = client.post(
        f"{base}/letters/{letter.pk}/sent/", {"date": "2026-03-02", "via": "certified"}
    )
    assert answer.status_code == 400
    page = answer.content.decode()
    assert "Indique el número de rastreo del recibo del correo certificado." in page
    assert english_left(page) == []


def test_a_meeting_that_moves_on_says_so_in_spanish(demo_child):
    client, child, parent = demo_child
    parent.language = "es"
    parent.save(update_fields=["language"])
    meeting = Meeting.objects.create(child=child, kind="iep", status="requested")
    url = f"/children/{child.pk}/meetings/{meeting.pk}/"
    assert "Marcar como confirmada" in client.get(url).content.decode()
    answer = client.post(url + "advance/", {"status": "acknowledged"}, follow=True)
    assert "Marcada como confirmada." in answer.content.decode()
    with translation.override("es"):
        assert step_refusal("held", "cancelled") == (
            "Esta reunión figura como realizada, así que su estado ya no puede cambiar."
        )
    with translation.override("en"):  # English as ever
        assert step_refusal("held", "cancelled") == (
            "This meeting is held, so its status can no longer change."
        )
    parent.language = "en"
    parent.save(update_fields=["language"])
    page = client.get(url).content.decode()
    assert "Mark as scheduled" in page and "Where the meeting stands" in page


def test_the_invitation_to_the_student_in_spanish(child):
    child.state = "WA"
    child.save()
    meeting = Meeting.objects.create(
        child=child, kind="annual_review", status="scheduled", date=date(2030, 3, 14)
    )
    with translation.override("es"):
        said = shown_student_invitation(child, meeting)
    assert said["text"].startswith("Sam cumple 16 años el 14 de marzo de 2031")
    assert "la escuela debe invitar a Sam" in said["text"]
    assert said["citation"] == "34 CFR § 300.321(b)(1)-(2)"
    assert english_left(f"<p>{said['text']}</p>") == []
    with translation.override("en"):
        assert shown_student_invitation(child, meeting)["text"].startswith(
            "Sam turns 16 on March 14, 2031"
        )


def test_every_word_a_kind_shows_on_its_form_is_in_the_catalogue():
    """The kinds keep their parameters' words in English in their own modules; the page
    shows them through letters/page_words.py. A kind that adds or changes one fails here
    until it is listed there (and translated: test_catalogue)."""
    listed = set(words.PARAM_WORDS)
    missing = []
    for kind in registry.all_kinds():
        for param in compose.all_params(kind):
            for text in (param.label, param.help, param.missing, *(c[1] for c in param.choices)):
                if text and text not in listed:
                    missing.append((kind.name, param.name, text))
    assert missing == []
    with translation.override("es"):
        for text in [*words.PARAM_WORDS, *words.FOLLOW_ON_WORDS, *words.PROBLEM_WORDS]:
            assert translation.gettext(text) != text, text


def test_a_chart_writes_its_words_in_the_readers_language(demo_child):
    """The chart image says goal, baseline and the trial's marks in Spanish for a Spanish
    reader (matplotlib keeps each text as an SVG comment beside its glyphs)."""
    client, child, parent = demo_child
    trial = Trial.objects.filter(child=child, series__isnull=False).first()
    series = trial.series
    series.goal, series.baseline = 20, 5
    series.save()
    url = f"/children/{child.pk}/data/{series.pk}/chart.svg"
    parent.language = "es"
    parent.save(update_fields=["language"])
    spanish = client.get(url).content.decode()
    assert "<!-- meta 20 -->" in spanish and "<!-- línea de base 5 -->" in spanish
    assert "<!-- inicio de la prueba -->" in spanish
    parent.language = "en"
    parent.save(update_fields=["language"])
    english = client.get(url).content.decode()
    assert "<!-- goal 20 -->" in english and "<!-- baseline 5 -->" in english
    assert "<!-- trial starts -->" in english


def test_the_meeting_request_says_what_is_wrong_with_a_date_in_spanish(demo_child):
    client, child, parent = demo_child
    concern = child.concerns.first()
    data = {
        "concerns": [str(concern.pk)],
        "availability_0_date": "2020-01-06",
        "availability_1_date": "2020-01-07",
        "availability_2_date": "2020-01-08",
    }
    url = f"/children/{child.pk}/letters/new/meeting_request/"
    parent.language = "es"
    parent.save(update_fields=["language"])
    page = client.post(url, data).content.decode()
    assert "opción 1 (6 de enero de 2020): esta fecha ya pasó." in page
    assert english_left(page) == []
    parent.language = "en"
    parent.save(update_fields=["language"])
    page = client.post(url, data).content.decode()
    assert "window 1 (January 6, 2020): this date is in the past." in page


def test_a_letters_choices_name_the_apps_words_in_spanish(demo_child):
    """The options quote the family's records (marked as their own words), but the app's
    part of them (the kind of entry, a meeting's kind and status, the dates) is Spanish."""
    client, child, parent = demo_child
    page = read_in(client, parent, "es", f"/children/{child.pk}/letters/new/meeting_recap/")
    assert "Nota o conversación, " in page and "Note or conversation" not in page
    assert "Reunión del IEP, 16 ene 2026" in page
    page = read_in(client, parent, "en", f"/children/{child.pk}/letters/new/meeting_recap/")
    assert "Note or conversation, Feb 18, 2026" in page
