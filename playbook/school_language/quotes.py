"""The parent's own earlier words inside a reply: ``> `` lines, "On <date>, <name> wrote:",
Outlook's "-----Original Message-----" and "From: ... Sent: ..." blocks. A reply is judged
only on what the school added, so these are cut away (or blanked, to keep offsets). Words of
the parent's quoted inside a sentence ('You wrote, "we don't want him pulled out of
recess," and ...') are set aside when the sentence is weighed (``without_parents_words``)."""

from __future__ import annotations

import re

# Where the quoted part of a reply begins. Everything from there on is the parent's own
# earlier message (or an older one), not what the school is saying now.
_QUOTE_STARTS = (
    # "On Mon, Mar 3, 2025 at 9:14 AM Alice Parent <alice@example.com> wrote:" (may wrap)
    re.compile(r"^[ \t]*On\b[^\n]{0,200}?(?:\n[^\n]{0,200}?)?\bwrote:[ \t]*$", re.M | re.I),
    re.compile(r"^[ \t]*-{2,}\s*Original Message\s*-{2,}", re.M | re.I),
    # Outlook: a From: line followed within a few lines by Sent:/Date:/To:/Subject:.
    re.compile(
        r"^[ \t]*\*?From:\*?[^\n]*\n(?:[^\n]*\n){0,3}?[ \t]*\*?(?:Sent|Date|To|Subject):",
        re.M | re.I,
    ),
    re.compile(r"^[ \t]*_{10,}[ \t]*$", re.M),
)
_QUOTED_LINE = re.compile(r"^[ \t]*>[^\n]*(?:\n|$)", re.M)


def _quote_cut(text: str) -> int:
    cut = len(text)
    for start in _QUOTE_STARTS:
        found = start.search(text)
        if found and found.start() < cut:
            cut = found.start()
    return cut


def strip_quoted(text: str) -> str:
    """The text without the earlier messages a reply quotes."""
    return _QUOTED_LINE.sub("", text[: _quote_cut(text)])


def _blank(part: str) -> str:
    return re.sub(r"[^\n]", " ", part)


def mask_quoted(text: str) -> str:
    """The text with its quoted parts blanked out, every other character where it was, so a
    phrase found in it is at the same place in the original."""
    cut = _quote_cut(text)
    kept = _QUOTED_LINE.sub(lambda m: _blank(m.group(0)), text[:cut])
    return kept + _blank(text[cut:])


# "You said, "...",", "as you wrote: "..."", "your email says "..."": the school quoting the
# parent to the parent. Not "your request to "...": a school restates a request to refuse it.
_PARENTS_QUOTED = re.compile(
    r"((?:\b(?:you|you've|you have)\s+(?:said|wrote|written|mentioned|stated|asked|noted"
    r"|shared|indicated|explained|expressed|told (?:us|me))(?:\s+that)?"
    r"|\bas you (?:said|wrote|put it|mentioned)"
    r"|\byour (?:email|e-mail|letter|message|note)\s+(?:said|says|stated|states|reads?))"
    r"[^\"\u201c\u201d.]{0,40}?[,:]?\s*[\"\u201c])[^\"\u201c\u201d]{1,300}([\"\u201d])",
    re.I,
)
IN_THEIR_WORDS = "your words"


def without_parents_words(sentence: str) -> str:
    """The sentence with the parent's own words it quotes replaced by a neutral phrase: what
    the school says about them is weighed, not the "no" the parent once wrote."""
    return _PARENTS_QUOTED.sub(rf"\g<1>{IN_THEIR_WORDS}\g<2>", sentence)
