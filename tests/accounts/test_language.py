"""Each person reads the app in English or Spanish (issue 19): chosen at sign-up, on the
account page and with the switch on every page; the API answers in the language asked."""

from __future__ import annotations

from playbook.accounts.models import User

from ..conftest import PASSWORD, signed_in


def test_the_switch_saves_the_choice_on_the_person_and_returns_to_the_page(alice_client, alice):
    page = alice_client.get("/account/")
    assert '<html lang="en">' in page.content.decode()
    assert 'action="/language/"' in page.content.decode()
    answer = alice_client.post("/language/", {"language": "es", "next": "/account/"})
    assert answer.status_code == 302 and answer["Location"] == "/account/"
    alice.refresh_from_db()
    assert alice.language == "es"
    spanish = alice_client.get("/account/").content.decode()
    assert '<html lang="es">' in spanish
    assert "Su nombre" in spanish and "Idioma" in spanish


def test_two_parents_of_a_household_each_keep_their_own(client, alice, bob):
    bob.language = "es"
    bob.save(update_fields=["language"])
    assert "Su nombre" in signed_in(client, bob).get("/account/").content.decode()
    client.logout()
    assert "Your name" in signed_in(client, alice).get("/account/").content.decode()


def test_the_switch_refuses_an_outside_address_and_an_unknown_language(alice_client, alice):
    away = alice_client.post("/language/", {"language": "es", "next": "https://evil.example/"})
    assert away["Location"] == "/"
    alice_client.post("/language/", {"language": "fr", "next": "/"})
    alice.refresh_from_db()
    assert alice.language == "es"
    assert alice_client.get("/language/").status_code == 405


def test_a_visitor_chooses_with_the_cookie_or_the_browser(client, db):
    assert (
        "Contraseña"
        in client.get("/signup/", HTTP_ACCEPT_LANGUAGE="es-MX,es;q=0.9").content.decode()
    )
    assert "Password" in client.get("/signup/", HTTP_ACCEPT_LANGUAGE="en-US").content.decode()
    client.post("/language/", {"language": "es", "next": "/signup/"})
    assert "Contraseña" in client.get("/signup/", HTTP_ACCEPT_LANGUAGE="en-US").content.decode()


def test_the_language_chosen_at_sign_up_is_saved(client, db):
    answer = client.post(
        "/signup/",
        {
            "display_name": "Rosa",
            "email": "rosa@example.com",
            "password": PASSWORD,
            "language": "es",
        },
    )
    assert answer.status_code == 302
    assert User.objects.get(email="rosa@example.com").language == "es"
    bad = client.post(
        "/signup/",
        {"display_name": "Ana", "email": "ana@example.com", "password": PASSWORD, "language": "xx"},
    )
    assert bad.status_code == 400


def test_the_account_page_changes_the_language(alice_client, alice):
    answer = alice_client.post(
        "/account/",
        {"display_name": "Alice Parent", "email": alice.email, "language": "es"},
    )
    assert answer.status_code == 302
    alice.refresh_from_db()
    assert alice.language == "es"


def test_the_api_answers_in_the_language_asked(alice_client):
    answer = alice_client.get("/api/v1/children/not-an-id", HTTP_ACCEPT_LANGUAGE="es")
    assert answer["Content-Language"] == "es"
    assert (
        alice_client.get("/api/v1/children/not-an-id?lang=en", HTTP_ACCEPT_LANGUAGE="es")[
            "Content-Language"
        ]
        == "en"
    )


def test_the_glossary_has_150_terms_side_by_side(client, db):
    from playbook.pages.glossary import glossary

    data = glossary()
    assert len(data["terms"]) >= 150
    for term in data["terms"]:
        assert term["en"].strip() and term["es"].strip()
        assert term.get("source", "osep") in data["sources"]
    page = client.get("/glossary/", HTTP_ACCEPT_LANGUAGE="es").content.decode()
    assert "<h1>Glosario</h1>" in page
    assert '<td lang="es">aviso previo por escrito</td>' in page
    assert '<th scope="row" lang="en">prior written notice</th>' in page
