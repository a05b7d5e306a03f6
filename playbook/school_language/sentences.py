"""Cutting what the school wrote into sentences, each with where it stands in the text.

Quoted earlier messages are blanked first (``quotes.mask_quoted``), so every sentence is the
school's own and ``text[start:end]`` is exactly the sentence as written. HTML is read as the
words it shows.
"""

from __future__ import annotations

import html
import re
from dataclasses import dataclass

from .quotes import mask_quoted

# Words whose full stop does not end a sentence.
_ABBREVIATIONS = frozenset(
    [
        "mr",
        "mrs",
        "ms",
        "dr",
        "st",
        "jr",
        "sr",
        "vs",
        "etc",
        "e.g",
        "i.e",
        "a.m",
        "p.m",
        "no",
        "dept",
        "approx",
        "min",
        "mins",
        "hr",
        "hrs",
        "jan",
        "feb",
        "mar",
        "apr",
        "jun",
        "jul",
        "aug",
        "sep",
        "sept",
        "oct",
        "nov",
        "dec",
        "mon",
        "tue",
        "tues",
        "wed",
        "thu",
        "thur",
        "thurs",
        "fri",
        "sat",
        "sun",
        "u.s",
    ]
)
_END = re.compile(r"[.!?]+[\"'\u201d\u2019)\]]*(?=\s|$)|[\u3002\uff01\uff1f]")
_BLANK_LINE = re.compile(r"\n[ \t]*\n")
_BULLET = re.compile(r"\n[ \t]*(?:[-*\u2022]|\d+[.)])[ \t]+")
# "Dear Mrs. Rivera," on a line of its own opens the letter; it is not part of the first sentence.
_GREETING_LINE = re.compile(
    r"^[ \t]*(?:dear|hi|hello|hey|good (?:morning|afternoon|evening))\b[^\n]{0,60},[ \t]*\n",
    re.I | re.M,
)
# Emails written on a phone end lines, not sentences ("Hi Maria\nWe can't add OT this year\nLet
# me know if you have questions?"): a line without end punctuation, followed by one that starts
# with a capital, is a sentence of its own, unless it stops on a word that carries on ("for",
# "the", "and"), as a line wrapped in the middle of a sentence does. A line ending in a comma
# is left alone: cut there, a short clause ("We can't add OT this year,") would read as the
# "Thanks," of a signature and never be scored.
# The lookbehind starts a match only where a word starts: without it, a long run of letters
# with no line break was tried from each of its letters (200,000 characters: minutes).
_LINE_THEN_CAPITAL = re.compile(
    r"(?<![\w'\u2019)\]-])([\w'\u2019)\]-]+)[ \t\r]*\n[ \t]*(?=[\"'\u201c(]?[A-Z])"
)
_CARRIES_ON = frozenset([
    "a", "an", "the", "and", "or", "but", "nor", "for", "to", "of", "in", "on", "at", "by", "with",
    "from", "as", "than", "that", "which", "who", "whose", "if", "because", "our", "your", "his",
    "her", "their", "its", "my", "this", "these", "those", "is", "are", "was", "were", "be", "been",
    "not", "no", "we", "i", "mr", "mrs", "ms", "dr",
])  # fmt: skip
_TAG = re.compile(r"<(script|style)\b.*?</\1\s*>|<[^>]{0,2000}>", re.I | re.S)
_HTML_HINT = re.compile(r"<(?:p|br|div|span|html|body|td|li|b|i|a)\b[^>]*>", re.I)


@dataclass(frozen=True)
class Sentence:
    text: str
    start: int
    end: int

    @property
    def is_question(self) -> bool:
        return self.text.rstrip("\"'\u201d\u2019) ").endswith("?")


def looks_like_html(text: str) -> bool:
    return bool(_HTML_HINT.search(text))


def html_to_text(text: str) -> str:
    """The words an HTML message shows: tags gone (block tags become line breaks)."""
    text = re.sub(r"<(?:br|/p|/div|/li|/tr|/h\d)\b[^>]*>", "\n", text, flags=re.I)
    return html.unescape(_TAG.sub(" ", text))


def _breaks(text: str) -> list[int]:
    """Offsets where a sentence ends."""
    cuts = {m.end() for m in _BLANK_LINE.finditer(text)}
    cuts |= {m.start() + 1 for m in _BULLET.finditer(text)}
    cuts |= {m.end() for m in _GREETING_LINE.finditer(text)}
    for found in _END.finditer(text):
        word = re.search(r"([\w.]+)$", text[max(0, found.start() - 12) : found.start()])
        if found.group(0).startswith(".") and word and word.group(1).lower() in _ABBREVIATIONS:
            continue
        cuts.add(found.end())
    # A line that ends in sentence punctuation or a colon ends its sentence, even if the next
    # line carries on without a capital (signatures, greetings, lists).
    for line_end in re.finditer(r"[.!?:;,]?[ \t]*\n", text):
        if line_end.group(0)[:1] in {".", "!", "?", ":", ";"}:
            cuts.add(line_end.end())
    for line_end in _LINE_THEN_CAPITAL.finditer(text):
        if line_end.group(1).lower() not in _CARRIES_ON:
            cuts.add(line_end.end())
    return sorted(cuts)


def split(text: str) -> list[Sentence]:
    """The school's own sentences, in order, quoted earlier messages left out."""
    masked = mask_quoted(text or "")
    sentences: list[Sentence] = []
    start = 0
    for cut in [*_breaks(masked), len(masked)]:
        if cut <= start:
            continue
        part = masked[start:cut]
        left = len(part) - len(part.lstrip())
        right = len(part.rstrip())
        if right > left:
            words = " ".join(part[left:right].split())
            if re.search(r"[^\W\d_]", words):  # a letter, in any script
                sentences.append(Sentence(words, start + left, start + right))
        start = cut
    return sentences
