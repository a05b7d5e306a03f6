"""The Spanish catalogue is complete (issue 19): every message marked for translation in
the code and the templates has a Spanish text, and none is fuzzy. (Run makemessages -l es
from playbook/ after marking new text; this test then fails until it is translated.)"""

from __future__ import annotations

from playbook.catalogue import LOCALE_DIR, Message, compile_mo, parse

SPANISH = LOCALE_DIR / "es" / "LC_MESSAGES" / "django.po"


def problems(messages: list[Message]) -> list[str]:
    found = []
    for m in messages:
        if not m.msgid:  # the header
            continue
        if m.fuzzy:
            found.append(f"line {m.line}: fuzzy: {m.msgid!r}")
        elif not m.translated:
            found.append(f"line {m.line}: untranslated: {m.msgid!r}")
    return found


def test_every_spanish_message_is_translated_and_none_is_fuzzy():
    messages = parse(SPANISH)
    assert len(messages) > 20
    assert problems(messages) == []


def test_the_check_finds_untranslated_and_fuzzy_messages(tmp_path):
    po = tmp_path / "django.po"
    po.write_text(
        'msgid ""\nmsgstr "Content-Type: text/plain; charset=UTF-8\\n"\n\n'
        'msgid "Glossary"\nmsgstr "Glosario"\n\n'
        'msgid "Language"\nmsgstr ""\n\n'
        '#, fuzzy\nmsgid "English"\nmsgstr "Inglés"\n\n'
        'msgid "{n} word"\nmsgid_plural "{n} words"\nmsgstr[0] "{n} palabra"\nmsgstr[1] ""\n',
        encoding="utf-8",
    )
    found = problems(parse(po))
    assert [p.split(": ", 1)[1] for p in found] == [
        "untranslated: 'Language'",
        "fuzzy: 'English'",
        "untranslated: '{n} word'",
    ]


def test_the_compiled_catalogue_is_what_gettext_reads(tmp_path):
    import gettext

    mo = tmp_path / "django.mo"
    mo.write_bytes(compile_mo(parse(SPANISH)))
    with mo.open("rb") as handle:
        catalogue = gettext.GNUTranslations(handle)
    assert catalogue.gettext("Glossary") == "Glosario"
    assert catalogue.gettext("Language") == "Idioma"
    assert catalogue.gettext("not in the catalogue") == "not in the catalogue"
