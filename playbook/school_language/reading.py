"""Reading what the school said, sentence by sentence: which sentences are a "no", what kind
of no, how sure, and why (the words that carried it and the closest labelled example)."""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from django.utils.translation import gettext, gettext_noop

from . import classifier, decisions, quotes, sentences
from .kinds import Kind, kind

# Far more than any email or meeting note; keeps one reading under a second of CPU.
MAX_CHARS = 200_000
MAX_SENTENCES = 3_000

# What a reading says it did not read. Kept in English where it is stored (an entry's flags,
# playbook.trail.import_words), shown in the reader's language.
NOT_ENGLISH = gettext_noop(
    "This does not look like English. The recogniser only reads English, so nothing was "
    "flagged: read it yourself, or paste an English translation."
)
SOME_NOT_ENGLISH = gettext_noop("Sentences not in English were not read.")
CUT_SHORT = gettext_noop("Only the first %(n)s characters were read.")

# Short words nearly every English sentence has; too few of them and the text is not English.
_ENGLISH = frozenset(
    [
        "the",
        "a",
        "an",
        "to",
        "of",
        "and",
        "in",
        "is",
        "it",
        "that",
        "we",
        "you",
        "i",
        "he",
        "she",
        "they",
        "this",
        "for",
        "not",
        "be",
        "are",
        "was",
        "on",
        "with",
        "have",
        "has",
        "do",
        "does",
        "can",
        "will",
        "would",
        "at",
        "as",
        "your",
        "our",
        "his",
        "her",
        "him",
        "them",
        "if",
        "or",
        "but",
        "no",
        "so",
        "there",
        "what",
        "about",
        "my",
        "me",
        "us",
    ]
)
# Short words of Spanish (the product's other language) that English does not use: a Spanish
# sentence can still carry "no", "a" or "me", which the list above counts as English.
_SPANISH = frozenset(
    [
        "el",
        "la",
        "los",
        "las",
        "lo",
        "de",
        "del",
        "que",
        "y",
        "en",
        "por",
        "para",
        "con",
        "sus",
        "ese",
        "esa",
        "este",
        "esta",
        "es",
        "son",
        "una",
        "un",
        "pero",
        "muy",
        "mas",
        "más",
        "podemos",
        "puede",
        "pueden",
        "siento",
        "usted",
        "ustedes",
        "su",
        "hijo",
        "hija",
        "escuela",
    ]
)
# "Dear Mrs. Rivera," "Hi Alice," "Best regards," "Thanks,": the frame of a letter, not a no.
_GREETING = re.compile(
    r"^(?:(?:dear|hi|hello|hey|good (?:morning|afternoon|evening)|greetings)\b[^.!?]{0,60}"
    r"|[^.!?,]{0,30}),$",
    re.I,
)


# A sentence with few of those short words ("Most public schools won't test until 3rd grade.")
# is still English when most of its words are words the recogniser learned; a sentence of
# another language shares a quarter of them at most (the tests' French, Spanish, German).
KNOWN_SHARE = 0.5


# Fewer words than this are too few to tell a language by: they pass if written in ASCII.
FEW_WORDS = 4


def _words(text: str) -> list[str]:
    return [w.lower() for w in classifier.WORD.findall(text)]


def _looks_english(words: list[str], known: frozenset[str]) -> bool:
    if len(words) < FEW_WORDS:
        return all(w.isascii() for w in words)
    english = sum(w in _ENGLISH for w in words)
    spanish = sum(w in _SPANISH for w in words)
    if spanish and spanish >= english:
        return False
    if english / len(words) >= 0.12:
        return True
    return sum(w in known for w in words) / len(words) >= KNOWN_SHARE


@dataclass(frozen=True)
class SentenceReading:
    text: str
    start: int
    end: int
    refusal: bool
    confidence: float
    why: str
    kind: Kind | None = None
    words: tuple[str, ...] = ()

    def as_dict(self) -> dict:
        return {
            "text": self.text,
            "refusal": self.refusal,
            "kind": self.kind.id if self.kind else None,
            "confidence": round(self.confidence, 2),
            "why": self.why,
        }


@dataclass(frozen=True)
class Reading:
    sentences: list[SentenceReading] = field(default_factory=list)
    note: str = ""
    # What was left unread (NOT_ENGLISH, SOME_NOT_ENGLISH, CUT_SHORT), in English: ``note``
    # says it in the reader's language, beside why there was nothing to read.
    unread: tuple[str, ...] = ()

    @property
    def refusals(self) -> list[SentenceReading]:
        return [s for s in self.sentences if s.refusal]

    @property
    def refusal(self) -> bool:
        return bool(self.refusals)

    @property
    def kind(self) -> Kind | None:
        """The kind of the surest no, if any."""
        found = max(self.refusals, key=lambda s: s.confidence, default=None)
        return found.kind if found else None


def _quoted(words: list[str]) -> str:
    return ", ".join(f"\u201c{w}\u201d" for w in words)


def _why_a_no(the_kind: Kind, words: list[str], like: str) -> str:
    """Why a sentence was heard as a no, in the active language (issue 19). The school's
    words and the labelled example stay as written, in \u201c...\u201d, so a page can mark them
    as the school's (decision 0041)."""
    why = gettext("A no about %(kind)s.") % {"kind": gettext(the_kind.name)}
    if words:
        why += " " + gettext("The words that carry it: %(words)s.") % {"words": _quoted(words)}
    like = f"\u201c{like}\u201d" + ("" if like[-1:] in ".!?" else ".")
    return why + " " + gettext("Like %(example)s") % {"example": like}


def _not_a_no(part: sentences.Sentence, confidence: float, why: str) -> SentenceReading:
    return SentenceReading(part.text, part.start, part.end, False, confidence, why)


def read(text: str | None) -> Reading:
    text = text or ""
    if not text.strip():
        return Reading(note=gettext("There is no text to check."))
    unread: list[tuple[str, dict]] = []
    if sentences.looks_like_html(text):
        text = sentences.html_to_text(text)
    if len(text) > MAX_CHARS:
        text = text[:MAX_CHARS]
        unread.append((CUT_SHORT, {"n": f"{MAX_CHARS:,}"}))
    parts = sentences.split(text)[:MAX_SENTENCES]
    if not parts:
        return Reading(note=gettext("There are no sentences to check in this text."))
    model = classifier.model()
    words_of = {p.start: _words(p.text) for p in parts}
    english = {at for at, words in words_of.items() if _looks_english(words, model.known_words)}
    # A letter in English and in Spanish is read for its English sentences, however long its
    # Spanish half; a text is set aside only when no sentence of it reads as English.
    long_ones = {at for at, words in words_of.items() if len(words) >= FEW_WORDS}
    all_words = [w for words in words_of.values() for w in words]
    if not english & long_ones and not _looks_english(all_words, model.known_words):
        return _finished([], [(NOT_ENGLISH, {})])
    scored = [
        p for p in parts if not p.is_question and not _GREETING.match(p.text) and p.start in english
    ]
    if long_ones - english:
        unread.append((SOME_NOT_ENGLISH, {}))
    # What is weighed: each sentence without the parent's own words it quotes.
    weighed = {p.start: quotes.without_parents_words(p.text) for p in scored}
    vectors = model.vectors([weighed[p.start] for p in scored])
    probability = dict(
        zip((p.start for p in scored), model.refusal_probability(vectors), strict=True)
    )
    # The words of a written decision are a no whatever the model weighs (decision 0093).
    decided = {
        p.start: found
        for p in scored
        if probability[p.start] < classifier.THRESHOLD
        and (found := decisions.decision(classifier.normalise(weighed[p.start])))
    }
    flagged = [
        i
        for i, p in enumerate(scored)
        if probability[p.start] >= classifier.THRESHOLD or p.start in decided
    ]
    flagged_vectors = vectors[flagged]
    flagged_at = {scored[i].start: n for n, i in enumerate(flagged)}
    kinds = model.kind_of(flagged_vectors)
    nearest = model.nearest_examples(flagged_vectors)
    readings = []
    for part in parts:
        if part.is_question:
            readings.append(_not_a_no(part, 1.0, gettext("A question.")))
        elif _GREETING.match(part.text):
            readings.append(_not_a_no(part, 1.0, gettext("A greeting.")))
        elif part.start not in probability:
            readings.append(_not_a_no(part, 1.0, gettext("Not in English.")))
        elif part.start not in flagged_at:
            readings.append(
                _not_a_no(part, 1 - float(probability[part.start]), gettext("Not a no."))
            )
        else:
            n = flagged_at[part.start]
            the_kind = kind(kinds[n])
            if part.start in decided:
                words = [decided[part.start]]
                confidence = decisions.CONFIDENCE
            else:
                words = model.carrying_words(flagged_vectors[n])
                confidence = float(probability[part.start])
            why = _why_a_no(the_kind, words, nearest[n].text)
            readings.append(
                SentenceReading(
                    part.text,
                    part.start,
                    part.end,
                    True,
                    confidence,
                    why,
                    the_kind,
                    tuple(words),
                )
            )
    return _finished(readings, unread)


def _finished(readings: list[SentenceReading], unread: list[tuple[str, dict]]) -> Reading:
    """The reading, with what was not read said in the reader's language and kept in English."""
    note = " ".join(gettext(template) % values for template, values in unread)
    kept = tuple(template % values for template, values in unread)
    return Reading(readings, note, kept)
