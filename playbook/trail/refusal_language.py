"""Recognising refusal language ("we can't do that") in what the school wrote or said.

The phrasings live in ``refusal_phrases.toml`` (id, signal, plain explanation, regular
expressions). A detection is explainable: ``matched`` lists the phrases found, exactly as they
stand in the text (so a page can highlight them), and ``findings`` says where each is, which
pattern found it and why it matters. Matching itself sees straight apostrophes and single
spaces.

Before matching, the parent's own quoted words are cut away (``> `` lines, "On <date>,
<name> wrote:" and Outlook "-----Original Message-----" / "From: ... Sent: ..." blocks), so
a reply is judged only on what the school added. A match is dropped when the words just
before it in the same sentence turn it around ("it's not that we can't"), when its sentence
is a question, or when its sentence matches one of the pattern's ``unless`` expressions.
"""

from __future__ import annotations

import re
import tomllib
from dataclasses import dataclass, field, replace
from functools import cache
from pathlib import Path

from django.utils.translation import gettext

from playbook import school_language
from playbook.school_language.classifier import normalise as normalise_words
from playbook.school_language.quotes import mask_quoted, strip_quoted
from playbook.school_language.speakers import NEGATION

__all__ = ["detect", "find", "load_phrase_book", "mask_quoted", "strip_quoted"]

PHRASES_FILE = Path(__file__).with_name("refusal_phrases.toml")

REFUSAL = "refusal"
NEEDS_SUPERVISOR = "needs_supervisor"
SIGNALS = (REFUSAL, NEEDS_SUPERVISOR)

# How much of the sentence before a match is read for a negation.
_LOOKBACK = 60

_APOSTROPHES = str.maketrans({"\u2019": "'", "\u2018": "'", "\u02bc": "'", "\u2032": "'"})
_SENTENCE_END = re.compile(r"[.!?;\n]")


@dataclass(frozen=True)
class Pattern:
    id: str
    signal: str
    explanation: str
    regexes: tuple[re.Pattern[str], ...]
    unless: tuple[re.Pattern[str], ...] = ()


@dataclass(frozen=True)
class Finding:
    """One phrase found: ``phrase`` is exactly ``text[start:end]`` of the text checked."""

    pattern: str
    signal: str
    phrase: str
    explanation: str
    start: int = 0
    end: int = 0


@dataclass(frozen=True)
class Detection:
    refusal: bool
    matched: list[str] = field(default_factory=list)
    needs_supervisor: bool = False
    supervisor_matched: list[str] = field(default_factory=list)
    findings: list[Finding] = field(default_factory=list)
    # Every sentence the school wrote, read by the trained recogniser (issue 14).
    sentences: list[school_language.SentenceReading] = field(default_factory=list)
    note: str = ""
    unread: tuple[str, ...] = ()  # what the recogniser did not read, in kept English

    @property
    def kind(self) -> school_language.Kind | None:
        refusals = [s for s in self.sentences if s.refusal]
        surest = max(refusals, key=lambda s: s.confidence, default=None)
        return surest.kind if surest else None


@dataclass(frozen=True)
class PhraseBook:
    patterns: tuple[Pattern, ...]
    negations: tuple[re.Pattern[str], ...]


def _compile(expression: str, where: str) -> re.Pattern[str]:
    try:
        return re.compile(expression, re.IGNORECASE)
    except re.error as exc:  # a broken data file must fail loudly, naming the pattern
        raise ValueError(f"{PHRASES_FILE.name}: {where}: {exc}") from exc


def load_phrase_book(path: Path = PHRASES_FILE) -> PhraseBook:
    data = tomllib.loads(path.read_text(encoding="utf-8"))
    patterns = []
    seen: set[str] = set()
    for item in data["pattern"]:
        pid = item["id"]
        if pid in seen:
            raise ValueError(f"{path.name}: pattern id {pid!r} appears twice")
        seen.add(pid)
        if item["signal"] not in SIGNALS:
            raise ValueError(f"{path.name}: {pid}: signal must be one of {SIGNALS}")
        regexes = item["regex"] if isinstance(item["regex"], list) else [item["regex"]]
        patterns.append(
            Pattern(
                id=pid,
                signal=item["signal"],
                explanation=item["explanation"],
                regexes=tuple(_compile(r, pid) for r in regexes),
                unless=tuple(_compile(r, f"{pid} unless") for r in item.get("unless", [])),
            )
        )
    negations = tuple(_compile(r, "negation") for r in data.get("negation", {}).get("before", []))
    return PhraseBook(tuple(patterns), negations)


@cache
def phrase_book() -> PhraseBook:
    return load_phrase_book()


_SPACE_CHARS = frozenset(" \t\u00a0\u202f\u3000") | frozenset(map(chr, range(0x2000, 0x200C)))
_TERMINALS = frozenset("\n.!?;:")


def normalise(text: str) -> tuple[str, list[int]]:
    """Straight apostrophes and single spaces; a line wrapped mid-sentence is joined, a blank
    line kept (it ends a sentence). Also answers, for each character of the result, where it
    came from in ``text``."""
    text = text.translate(_APOSTROPHES)
    out: list[str] = []
    where: list[int] = []
    for index, char in enumerate(text):
        following = text[index + 1 : index + 2]
        if char == "\r":
            if following == "\n":
                continue
            char = "\n"
        if char == "\n":
            if out and out[-1] == " ":
                out.pop()
                where.pop()
            soft = out and out[-1] not in _TERMINALS and following not in ("", "\n", "\r")
            char = " " if soft else "\n"
        elif char in _SPACE_CHARS:
            char = " "
        if char == " " and out and out[-1] in " \n":
            continue
        if char == "\n" and out and out[-1] == " ":
            out[-1], where[-1] = "\n", index
            continue
        out.append(char)
        where.append(index)
    return "".join(out), where


def _sentence_bounds(text: str, start: int, end: int) -> tuple[int, int, str]:
    before = max((m.end() for m in _SENTENCE_END.finditer(text, 0, start)), default=0)
    after = _SENTENCE_END.search(text, end)
    stop = after.start() if after else len(text)
    terminator = after.group(0) if after else ""
    return before, stop, terminator


def _turned_around(book: PhraseBook, lead_in: str) -> bool:
    return any(negation.search(lead_in) for negation in book.negations)


def find(text: str, book: PhraseBook | None = None) -> list[Finding]:
    """Every refusal or needs-a-supervisor phrase in the school's own words, in order."""
    book = book or phrase_book()
    text = text or ""
    clean, where = normalise(mask_quoted(text))
    hits: list[tuple[int, int, Pattern]] = []
    for pattern in book.patterns:
        for regex in pattern.regexes:
            for found in regex.finditer(clean):
                start, end = found.span()
                sentence_start, sentence_end, terminator = _sentence_bounds(clean, start, end)
                if terminator == "?":
                    continue
                lead_in = clean[max(sentence_start, start - _LOOKBACK) : start]
                if _turned_around(book, lead_in):
                    continue
                sentence = clean[sentence_start:sentence_end]
                if any(u.search(sentence) for u in pattern.unless):
                    continue
                hits.append((start, end, pattern))
    hits.sort(key=lambda h: (h[0], -(h[1] - h[0])))
    findings: list[Finding] = []
    taken_until = -1
    for start, end, pattern in hits:
        if start < taken_until:  # overlaps a longer or earlier phrase already reported
            continue
        taken_until = end
        original_start, original_end = where[start], where[end - 1] + 1
        findings.append(
            Finding(
                pattern.id,
                pattern.signal,
                text[original_start:original_end],
                pattern.explanation,
                original_start,
                original_end,
            )
        )
    return findings


@cache
def _supervisor_book() -> PhraseBook:
    book = phrase_book()
    return PhraseBook(
        tuple(p for p in book.patterns if p.signal == NEEDS_SUPERVISOR), book.negations
    )


@cache
def _precedence_book() -> PhraseBook:
    """The forms of decision 0080 that take precedence over a "no"; the approval named after
    "without" or "only ... can" (0119) only raises the signal."""
    book = _supervisor_book()
    return PhraseBook(tuple(p for p in book.patterns if p.id == NEEDS_SUPERVISOR), book.negations)


def _only_whose_approval(sentence: school_language.SentenceReading) -> bool:
    """A sentence that says whose approval is needed ("That would need approval from the
    district.") and says no "no" of its own is the needs-a-supervisor signal, not a refusal
    (decision 0080): the person may agree, and the next rung can decide. "Not up to me" or
    "we can't without the director" still carries a negation and stays the recogniser's."""
    if NEGATION.search(normalise_words(sentence.text)):
        return False
    return bool(find(sentence.text, _precedence_book()))


def _as_supervisor_signal(
    sentence: school_language.SentenceReading,
) -> school_language.SentenceReading:
    return replace(
        sentence,
        refusal=False,
        kind=None,
        words=(),
        confidence=1.0,
        why=gettext("Not a no: it says who can decide. Ask that person (the next rung)."),
    )


def detect(text: str) -> Detection:
    """A refusal is a sentence the trained recogniser hears as a "no" (school_language,
    issue 14): ``matched`` lists those sentences as they stand in the text. The phrase book
    still finds the needs-a-supervisor signal, which takes precedence over the recogniser in
    a sentence that only says whose approval is needed."""
    text = text or ""
    reading = school_language.read(text)
    sentences = [
        _as_supervisor_signal(s) if s.refusal and _only_whose_approval(s) else s
        for s in reading.sentences
    ]
    same_text = not school_language.sentences.looks_like_html(text)
    refusals = [
        Finding(
            s.kind.id if s.kind else "refusal",
            REFUSAL,
            text[s.start : s.end] if same_text else s.text,
            s.why,
            s.start,
            s.end,
        )
        for s in sentences
        if s.refusal
    ]
    supervisor = find(text, _supervisor_book())
    findings = sorted(refusals + supervisor, key=lambda f: f.start)
    return Detection(
        refusal=bool(refusals),
        matched=[f.phrase for f in refusals],
        needs_supervisor=bool(supervisor),
        supervisor_matched=[f.phrase for f in supervisor],
        findings=findings,
        sentences=sentences,
        note=reading.note,
        unread=reading.unread,
    )
