"""one_line() and block() clean any text so files can carry it; the validators refuse what
a person typed that could not be saved or sent, in plain words."""

from __future__ import annotations

import pytest
from django import forms
from hypothesis import given
from hypothesis import strategies as st

from playbook.plain_text import (
    block,
    block_problem,
    line_problem,
    one_line,
    validate_block,
    validate_one_line,
)

LONE_SURROGATE = "\ud800"


@pytest.mark.parametrize(
    "text, line",
    [
        ("Dana\r\nCole", "Dana Cole"),
        ("Dana \n\n Cole", "Dana Cole"),
        ("Dana\tCole", "Dana Cole"),
        ("Hello\x07 there\x1b", "Hello there"),
        ("Next\x85line\u2028and\u2029more", "Next line and more"),
        ("  trimmed \r\n", "trimmed"),
        (f"half {LONE_SURROGATE} an emoji", "half \ufffd an emoji"),
        ("not\ufffea character", "nota character"),
        ("Ms. O’Brien — 😀", "Ms. O’Brien — 😀"),
    ],
)
def test_one_line_folds_breaks_and_controls_into_single_spaces(text, line):
    assert one_line(text) == line


@pytest.mark.parametrize(
    "text, cleaned",
    [
        ("First line\r\nSecond line\rThird", "First line\nSecond line\nThird"),
        ("Word's\x0bsoft break\x0cand page", "Word's\nsoft break\nand page"),
        ("- item\n\t- indented", "- item\n\t- indented"),
        ("bell\x07 escape\x1b nul\x00 del\x7f c1\x9b", "bell escape nul del c1"),
        (f"lone {LONE_SURROGATE}", "lone \ufffd"),
        ("not\uffffa character", "nota character"),
    ],
)
def test_block_keeps_lines_and_tabs_and_drops_other_controls(text, cleaned):
    assert block(text) == cleaned


@given(st.text())
def test_cleaned_text_always_encodes_and_passes_the_checks(text):
    line, lines = one_line(text), block(text)
    line.encode("utf-8")
    lines.encode("utf-8")
    assert line_problem(line) == ""
    assert block_problem(lines) == ""
    assert one_line(line) == line and block(lines) == lines


CLEAN = st.characters(
    blacklist_categories=("Cc", "Cs", "Zl", "Zp"), blacklist_characters="\ufffe\uffff"
)


@given(st.text(alphabet=CLEAN))
def test_clean_text_is_left_as_it_was(text):
    assert block(text) == text
    assert one_line(text) == text.strip()


@pytest.mark.parametrize(
    "text, words",
    [
        ("Dana\r\nCole", "remove the line break"),
        ("Dana\nCole", "remove the line break"),
        ("Dana\u2028Cole", "remove the line break"),
        ("Dana\tCole", "remove the tab"),
        ("Dana\x07", "U+0007, an invisible control character"),
        (f"Dana{LONE_SURROGATE}", "U+D800, half of an emoji or symbol"),
        ("Dana\ufffe", "U+FFFE, which is not a character"),
    ],
)
def test_a_line_with_a_break_or_control_is_refused_in_plain_words(text, words):
    with pytest.raises(forms.ValidationError) as refused:
        validate_one_line(text)
    assert words in refused.value.messages[0]


@pytest.mark.parametrize("text", ["Two\r\nlines\n\nand a\ttab", "Plain words — 😀"])
def test_a_block_may_have_lines_and_tabs(text):
    validate_block(text)  # raises if refused
    assert block_problem(text) == ""


@pytest.mark.parametrize("char", ["\x00", "\x07", "\x0b", "\x1b", "\x85", "\x9b", LONE_SURROGATE])
def test_a_block_with_a_control_or_lone_surrogate_is_refused(char):
    with pytest.raises(forms.ValidationError) as refused:
        validate_block(f"Dear team,\r\nThank you{char}.")
    assert refused.value.messages[0].startswith("This text has a character that cannot be saved")
    assert f"U+{ord(char):04X}" in refused.value.messages[0]
