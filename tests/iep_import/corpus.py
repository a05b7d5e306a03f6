"""The IEP corpus (corpora/ieps/): each document's PDF, built from its JSON description,
and a score of what the import read against the facts the document states.

A field is right when it is exactly what the document says; a fact the document does not
state and the import returns anyway is counted as invented (the aim is none)."""

from __future__ import annotations

import json
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path

from playbook.iep_import.reading import ImportRefused, read_iep

from .docx_files import make_docx
from .pdfs import Placed, Table, make_pdf

CORPUS = Path(__file__).resolve().parents[2] / "corpora" / "ieps"
DATES = (
    "meeting_date",
    "start_date",
    "end_date",
    "last_evaluation_date",
    "reevaluation_due",
    "date_of_birth",
)


def documents(held_out: bool | None = None) -> dict[str, dict]:
    found = {}
    for path in sorted(CORPUS.glob("*.json")):
        doc = json.loads(path.read_text())
        if held_out is None or doc["held_out"] == held_out:
            found[path.stem] = doc
    return found


def _pages(doc: dict) -> list[list[str | Table | Placed]]:
    pages = []
    for page in doc["pages"]:
        items = []
        for item in page:
            if isinstance(item, str):
                items.append(item)
            elif "table" in item:
                items.append(Table(item["table"], item["widths"]))
            else:
                items.append(Placed([tuple(run) for run in item["placed"]], item["height"]))
        pages.append(items)
    return pages


def build_pdf(doc: dict, *, fillable: bool = False) -> bytes:
    """The document as printed, or (``fillable``) as a fillable form filled in and not
    flattened: the labels printed, every value in a form field."""
    return make_pdf(*_pages(doc), fillable=fillable)


def build_docx(doc: dict, word: str = "typed") -> bytes:
    """The document typed into Word (docx_files.make_docx): "typed" plainly, its pages marked
    by page breaks; or "templated", as a district's template lays it out: each page framed in
    a table of one cell, its numbered lines items of Word's own lists, and its pages marked as
    Word last laid them out."""
    templated = word == "templated"
    return make_docx(*_pages(doc), rendered_breaks=templated, framed=templated, lists=templated)


@dataclass
class Score:
    right: Counter = field(default_factory=Counter)  # field kind -> right
    total: Counter = field(default_factory=Counter)  # field kind -> stated in the document
    invented: list[str] = field(default_factory=list)
    wrong: list[str] = field(default_factory=list)

    def add(self, other: Score) -> None:
        self.right.update(other.right)
        self.total.update(other.total)
        self.invented += other.invented
        self.wrong += other.wrong

    def share(self, kind: str | None = None) -> float:
        kinds = [kind] if kind else list(self.total)
        total = sum(self.total[k] for k in kinds)
        return sum(self.right[k] for k in kinds) / total if total else 1.0


def score(name: str, doc: dict, *, fillable: bool = False, word: str = "") -> Score:
    """``word``: the document as a Word file, in one of build_docx's ways."""
    s = Score()
    expected = doc["expected"]
    document = build_docx(doc, word) if word else build_pdf(doc, fillable=fillable)
    try:
        reading = read_iep(document)
    except ImportRefused as refused:
        s.wrong.append(f"{name}: refused ({refused.message})")
        got_dates: dict = {}
        services: list = []
        goals: list = []
    else:
        got_dates = {k: (v or {}).get("value") for k, v in reading.facts.items()}
        got_dates["date_of_birth"] = (reading.date_of_birth or {}).get("value")
        services, goals = reading.services, reading.goals
    for fact in DATES:
        want, got = expected["facts"].get(fact), got_dates.get(fact)
        if want is None:
            if got is not None:
                s.invented.append(f"{name}: {fact} {got}")
            continue
        s.total["dates"] += 1
        if got == want:
            s.right["dates"] += 1
        else:
            s.wrong.append(f"{name}: {fact} {got} (document: {want})")
    got_services = [(x["service"], x["minutes"], x["per"]) for x in services]
    for want in map(tuple, expected["services"]):
        s.total["services"] += 1
        if want in got_services:
            s.right["services"] += 1
        else:
            s.wrong.append(f"{name}: service {want} not read (read: {got_services})")
    names = {tuple(w)[0] for w in expected["services"]}
    s.invented += [f"{name}: service {g}" for g in got_services if g[0] not in names]
    for want in expected["goals"]:
        s.total["goals"] += 1
        match = [g for g in goals if g["text"].startswith(want["starts"])]
        if match and match[0].get("baseline") == want.get("baseline"):
            s.right["goals"] += 1
        else:
            s.wrong.append(f"{name}: goal {want['starts']!r} (read: {match or goals})")
    starts = [w["starts"] for w in expected["goals"]]
    s.invented += [
        f"{name}: goal {g['text'][:40]!r}"
        for g in goals
        if not any(g["text"].startswith(start) for start in starts)
    ]
    return s
