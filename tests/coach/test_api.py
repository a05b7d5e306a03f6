from datetime import date, timedelta

from playbook.advocacy.models import Ask
from playbook.deadlines.models import Dismissal


def _ask(child, case_manager):
    return Ask.objects.create(
        child=child,
        subject="an OT evaluation",
        asked_of=case_manager,
        asked_on=date(2026, 11, 1),
        channel="email",
    )


def test_next_moves_answer_with_today(alice_client, child, case_manager):
    _ask(child, case_manager)
    response = alice_client.get(f"/api/v1/children/{child.pk}/next-moves?today=2026-11-20")
    assert response.status_code == 200
    [move] = response.json()
    assert move["move"] == "follow_up"
    assert "19 days" in move["why"]
    # Before the reply is due there is nothing to do.
    early = alice_client.get(f"/api/v1/children/{child.pk}/next-moves?today=2026-11-05")
    assert early.json() == []


def test_a_bad_today_is_a_clear_422(alice_client, child):
    response = alice_client.get(f"/api/v1/children/{child.pk}/next-moves?today=20-11-2026")
    assert response.status_code == 422
    assert "today" in str(response.json()["detail"])


def test_dismiss_hides_until_the_facts_change(alice_client, child, case_manager):
    ask = _ask(child, case_manager)
    url = f"/api/v1/children/{child.pk}/next-moves"
    [move] = alice_client.get(url + "?today=2026-11-20").json()
    response = alice_client.post(
        url + "/dismiss?today=2026-11-20", {"key": move["key"]}, content_type="application/json"
    )
    assert response.status_code == 200
    assert alice_client.get(url + "?today=2026-11-20").json() == []
    ask.reply_due = date(2026, 11, 1) + timedelta(days=5)
    ask.save()
    assert [m["move"] for m in alice_client.get(url + "?today=2026-11-20").json()] == ["follow_up"]


def test_dismissing_an_unknown_key_is_refused(alice_client, child):
    response = alice_client.post(
        f"/api/v1/children/{child.pk}/next-moves/dismiss",
        {"key": "made-up"},
        content_type="application/json",
    )
    assert response.status_code == 422
    assert Dismissal.objects.count() == 0


def test_other_households_get_404_and_read_only_members_403(
    charlie_client, child, case_manager, client, bob
):
    _ask(child, case_manager)
    assert charlie_client.get(f"/api/v1/children/{child.pk}/next-moves").status_code == 404
    client.force_login(bob)
    assert client.get(f"/api/v1/children/{child.pk}/next-moves").status_code == 200
    response = client.post(
        f"/api/v1/children/{child.pk}/next-moves/dismiss",
        {"key": "x"},
        content_type="application/json",
    )
    assert response.status_code == 403


def test_next_moves_speak_spanish_under_accept_language_es(alice_client, child, case_manager):
    """Issue 19: the coach's title and reason follow the request's language; the key, the
    move and the letter it offers do not, and English is unchanged."""
    _ask(child, case_manager)
    url = f"/api/v1/children/{child.pk}/next-moves?today=2026-11-20"
    [english] = alice_client.get(url).json()
    [spanish] = alice_client.get(url, HTTP_ACCEPT_LANGUAGE="es").json()
    assert english["title"] == "Follow up on an OT evaluation"
    assert spanish["title"] == "Dé seguimiento a «an OT evaluation»"
    assert "lleva 19 días sin respuesta" in spanish["why"]
    assert "has had no reply" not in spanish["why"]
    for same in ("key", "move", "letter_kind", "urgency"):
        assert spanish.get(same) == english.get(same), same
    # The answer in English is not the one kept for Spanish (the coach's cache is per language).
    [again] = alice_client.get(url).json()
    assert again["title"] == english["title"]


def test_spanish_dates_in_the_coach(alice_client, child, case_manager):
    ask = _ask(child, case_manager)
    ask.channel = "phone"
    ask.save()
    url = f"/api/v1/children/{child.pk}/next-moves?today=2026-11-20"
    [spanish] = alice_client.get(url, HTTP_ACCEPT_LANGUAGE="es").json()
    assert spanish["title"] == "Ponga por escrito su pedido de «an OT evaluation»"
    assert "por teléfono el 1 de noviembre de 2026" in spanish["why"]


def test_the_kind_of_no_is_explained_in_spanish(alice_client, child, case_manager):
    from playbook.refusals.models import Refusal

    Refusal.objects.create(
        child=child,
        said_by=case_manager,
        said_on=date(2026, 11, 18),
        words="We don't have the staff for a one-to-one aide this year.",
    )
    url = f"/api/v1/children/{child.pk}/next-moves?today=2026-11-20"
    english = {m["title"]: m for m in alice_client.get(url).json()}
    spanish = {m["title"]: m for m in alice_client.get(url, HTTP_ACCEPT_LANGUAGE="es").json()}
    assert (
        "What your child needs does not depend"
        in english["Answer a no about staff, money or time"]["why"]
    )
    answer = spanish["Responda a un no sobre personal, dinero o tiempo"]
    assert "el 18 de noviembre de 2026" in answer["why"]
    assert "no depende del presupuesto ni del personal de la escuela" in answer["why"]
    assert answer["why"].endswith(
        "Pida por escrito la negativa y sus razones (notificación previa por escrito)."
    )
    # The school's words are quoted as said.
    assert "We don't have the staff for a one-to-one aide this year." in answer["why"]
    # One move per no (decision 0122): a no about staff is answered by prior written
    # notice, not also by asking for a written policy; a blanket rule is.
    assert "Pregunte a Dana Cole qué norma escrita dice que no" not in spanish
    Refusal.objects.create(
        child=child,
        said_by=case_manager,
        said_on=date(2026, 11, 19),
        words="We don't do Orton-Gillingham at this school.",
    )
    spanish = {m["title"]: m for m in alice_client.get(url, HTTP_ACCEPT_LANGUAGE="es").json()}
    assert "Pregunte a Dana Cole qué norma escrita dice que no" in spanish


def test_a_move_says_what_the_parent_must_add_before_its_letter_can_be_drafted(
    alice_client, child, case_manager
):
    """The meeting request the coach offers needs three dates only the parent knows: the move
    names them (letter_needs), so a client that drafts its letter from letter_params alone
    knows what to ask for instead of meeting a 422 it could not foresee."""
    from playbook.advocacy.models import Concern

    _ask(child, case_manager)
    Concern.objects.create(child=child, title="Reading is not improving")
    url = f"/api/v1/children/{child.pk}/next-moves?today=2026-11-20"
    moves = {m["move"]: m for m in alice_client.get(url).json()}
    meeting, follow_up = moves["request_meeting"], moves["follow_up"]
    assert follow_up["letter_needs"] == []
    [need] = meeting["letter_needs"]
    assert need["param"] == "availability" and need["label"] and need["help"]

    letters = f"/api/v1/children/{child.pk}/letters?today=2026-11-20"
    alone = {"kind": meeting["letter_kind"], **meeting["letter_params"]}
    refused = alice_client.post(letters, alone, content_type="application/json")
    assert refused.status_code == 422 and "availability" in refused.json()["detail"]
    days = [{"date": f"2026-12-0{d}"} for d in (1, 2, 3)]
    drafted = alice_client.post(
        letters, {**alone, need["param"]: days}, content_type="application/json"
    )
    assert drafted.status_code == 201, drafted.json()
    follow = {"kind": follow_up["letter_kind"], **follow_up["letter_params"]}
    assert alice_client.post(letters, follow, content_type="application/json").status_code == 201

    [spanish] = [
        m["letter_needs"]
        for m in alice_client.get(url, HTTP_ACCEPT_LANGUAGE="es").json()
        if m["move"] == "request_meeting"
    ]
    assert spanish[0]["param"] == "availability" and spanish[0]["label"] != need["label"]
