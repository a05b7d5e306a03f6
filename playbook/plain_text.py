"""Text as people type it and as files carry it.

Two kinds of text go through the app: a *line* (a name, an email address, a subject) that
must never break, because it ends up in a mail header or a file name; and a *block* (a
letter, what was said on a call) where line breaks and tabs belong.

Where a person typed the text (a form, the API), characters that cannot be saved or sent
are refused with a message in plain words: the validators below for Django forms; for the
API's pydantic schemas, ``refuse_unsavable`` (every text of a request, by a block's rules:
api.common.In) and ``TypedLine`` (a field that must stay on one line). Where text arrives
from elsewhere (an imported email, a PDF, a CSV) or was stored before these checks (an old
row), it is cleaned instead: ``one_line()`` and ``block()`` never fail.

What cannot be saved or sent: control characters (C0, DEL, C1; a line of course may not
hold a line break either), the non-characters U+FFFE and U+FFFF (XML, so .docx, refuses
them), and lone surrogates (half of a UTF-16 pair: JSON can carry "\\ud800", but no
database stores it and no file encodes it).
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Callable
from typing import Any

from django.core.exceptions import ValidationError
from django.utils.translation import gettext
from pydantic import BeforeValidator

_CONTROLS = "\x00-\x1f\x7f-\x9f"  # C0, DEL and C1: Unicode's category Cc
_SEPARATORS = "\u2028\u2029"  # LINE and PARAGRAPH SEPARATOR
_SURROGATE = re.compile("[\ud800-\udfff]")
_NON_CHARACTER = re.compile("[\ufffe\uffff]")
# Every character str.splitlines() breaks a line at.
_BREAK = re.compile(f"\r\n|[\n\r\x0b\x0c\x1c-\x1e\x85{_SEPARATORS}]")
# What a block may not hold: control characters but tab, LF and CR; non-characters.
_UNSAVABLE = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\ufffe\uffff]")
# In a line, a run of control characters (tab and breaks included) with the spaces around
# it becomes one space.
_NOT_IN_LINE = f"{_CONTROLS}{_SEPARATORS}"
_FOLD = re.compile(f"[ {_NOT_IN_LINE}]*[{_NOT_IN_LINE}][ {_NOT_IN_LINE}]*")

REPLACEMENT = "\ufffd"


def unsavable_text() -> str:
    """For when the character is not known (pydantic's own refusal of a lone surrogate)."""
    return gettext(
        "This text has a character that cannot be saved. Remove it, or type the text "
        "again rather than pasting it."
    )


# --- Cleaning: never fails -------------------------------------------------------------------


def one_line(text: str) -> str:
    """The text on one line: line breaks, tabs and other control characters folded to
    single spaces, lone surrogates shown as U+FFFD, trimmed. Safe in a mail header."""
    text = _NON_CHARACTER.sub("", _SURROGATE.sub(REPLACEMENT, str(text)))
    return _FOLD.sub(" ", text).strip()


def block(text: str) -> str:
    """The text with its lines and tabs kept: every kind of line break becomes ``\\n``
    (CR LF, and the U+000B Word uses for a line break, included), other control
    characters are dropped, lone surrogates shown as U+FFFD. Clean text comes back as it
    was."""
    text = _BREAK.sub("\n", _SURROGATE.sub(REPLACEMENT, str(text)))
    return _UNSAVABLE.sub("", text)


# --- Refusing: where a person typed it -------------------------------------------------------


def line_problem(text: str) -> str:
    """Why this text cannot be kept as one line, in plain words; empty when it can."""
    if _BREAK.search(text):
        return gettext("Keep this on one line: remove the line break.")
    if "\t" in text:
        return gettext("Keep this on one line: remove the tab.")
    return block_problem(text)


def block_problem(text: str) -> str:
    """Why this text cannot be saved, in plain words; empty when it can. Line breaks and
    tabs are fine (a browser sends a textarea's lines as CR LF)."""
    found = _SURROGATE.search(text) or _UNSAVABLE.search(text)
    if found is None:
        return ""
    return gettext(
        "This text has a character that cannot be saved (%(which)s). Remove it, or type "
        "the text again rather than pasting it."
    ) % {"which": _describe(found.group())}


def _describe(char: str) -> str:
    code = f"U+{ord(char):04X}"
    if "\ud800" <= char <= "\udfff":
        return gettext("%(code)s, half of an emoji or symbol that lost its other half") % {
            "code": code
        }
    if unicodedata.category(char) == "Cc":
        return gettext("%(code)s, an invisible control character") % {"code": code}
    return gettext("%(code)s, which is not a character") % {"code": code}


def validate_one_line(value: str) -> None:
    """A Django validator for a field that must stay on one line (names, subjects)."""
    problem = line_problem(value)
    if problem:
        raise ValidationError(problem, code="not_one_line")


def validate_block(value: str) -> None:
    """A Django validator for text with lines (a letter, what was said)."""
    problem = block_problem(value)
    if problem:
        raise ValidationError(problem, code="unsavable_character")


# --- The same checks for the API (pydantic) -------------------------------------------------


def _refuse(problem_of: Callable[[str], str]) -> Callable[[Any], Any]:
    def check(value: Any) -> Any:
        # Anything but text goes on to pydantic's own type check and its message. What
        # surrounds the text is trimmed before it is kept, as a form's text is.
        if isinstance(value, str):
            problem = problem_of(value.strip())
            if problem:
                raise ValueError(problem)
        return value

    return check


# Runs before the type's own checks: pydantic itself refuses a lone surrogate in a
# constrained string, with a message no parent would understand.
TypedLine = BeforeValidator(_refuse(line_problem))

_refuse_in_a_block = _refuse(block_problem)


def refuse_unsavable(value: Any) -> Any:
    """Any text a request sends, alone or in a list, held to a block's rules (the API's
    request schemas run it on every field: a NUL that reached PostgreSQL answered 500)."""
    if isinstance(value, list | tuple):
        for item in value:
            _refuse_in_a_block(item)
        return value
    return _refuse_in_a_block(value)
