"""The plan's content (plan.toml), loaded and checked once."""

from __future__ import annotations

import tomllib
from dataclasses import dataclass
from functools import cache
from pathlib import Path

from django.utils.translation import get_language, gettext_lazy

PLAN_FILE = Path(__file__).with_name("plan.toml")
# The same items in Spanish, by id (issue 19).
SPANISH_FILE = Path(__file__).with_name("plan_es.toml")

BANDS = {
    "ec": gettext_lazy("Early childhood"),
    "elem": gettext_lazy("Elementary school"),
    "mid": gettext_lazy("Middle school"),
    "hs": gettext_lazy("High school and transition"),
}
ANCHORS = (
    "annual_review",
    "progress_report",
    "reevaluation",
    "evaluation_report",
    "birthday",
    "age_of_majority",
)


@dataclass(frozen=True)
class PlanItem:
    id: str
    title: str
    why: str
    bands: tuple[str, ...]
    month: int | None = None
    anchor: str = ""
    offset_days: int = 0
    offset_weeks: int = 0
    offset_months: int = 0
    age_years: int = 0
    age_months: int = 0
    order: int = 0
    #: Left out in a month with a progress report: the report's own item says the same.
    unless_progress_month: bool = False
    title_es: str = ""
    why_es: str = ""

    @property
    def shown_title(self) -> str:
        """The title in the reader's language: Spanish where plan_es.toml gives it."""
        return self.title_es if self.title_es and _spanish() else self.title

    @property
    def shown_why(self) -> str:
        return self.why_es if self.why_es and _spanish() else self.why


@dataclass(frozen=True)
class Plan:
    items: tuple[PlanItem, ...]
    progress_report_months: tuple[int, ...]

    def by_id(self, item_id: str) -> PlanItem | None:
        return next((i for i in self.items if i.id == item_id), None)


class PlanFileError(ValueError):
    pass


def _spanish() -> bool:
    return (get_language() or "en").startswith("es")


def parse(text: str, spanish: str = "") -> Plan:
    data = tomllib.loads(text)
    es = tomllib.loads(spanish) if spanish else {}
    items = []
    seen = set()
    for order, raw in enumerate(data.get("item", [])):
        item_id = raw.get("id", "")
        where = f"item {order + 1} ({item_id or 'no id'})"
        if not item_id or item_id in seen:
            raise PlanFileError(f"{where}: every item needs its own id")
        seen.add(item_id)
        for name in ("title", "why"):
            if not str(raw.get(name, "")).strip():
                raise PlanFileError(f"{where}: {name} is missing")
        bands = tuple(raw.get("bands", ()))
        if not bands or any(b not in BANDS for b in bands):
            raise PlanFileError(f"{where}: bands must be some of {', '.join(BANDS)}")
        month, anchor = raw.get("month"), raw.get("anchor", "")
        if (month is None) == (not anchor):
            raise PlanFileError(f"{where}: give either a month or an anchor")
        if month is not None and not 1 <= month <= 12:
            raise PlanFileError(f"{where}: month must be 1 to 12")
        if anchor and anchor not in ANCHORS:
            raise PlanFileError(f"{where}: unknown anchor {anchor!r}")
        if anchor == "birthday" and not (raw.get("age_years") or raw.get("age_months")):
            raise PlanFileError(f"{where}: a birthday anchor needs age_years or age_months")
        items.append(
            PlanItem(
                id=item_id,
                title=raw["title"].strip(),
                why=raw["why"].strip(),
                bands=bands,
                month=month,
                anchor=anchor,
                offset_days=int(raw.get("offset_days", 0)),
                offset_weeks=int(raw.get("offset_weeks", 0)),
                offset_months=int(raw.get("offset_months", 0)),
                age_years=int(raw.get("age_years", 0)),
                age_months=int(raw.get("age_months", 0)),
                order=order,
                unless_progress_month=bool(raw.get("unless_progress_month", False)),
                title_es=es.get(item_id, {}).get("title", "").strip(),
                why_es=es.get(item_id, {}).get("why", "").strip(),
            )
        )
    months = tuple(int(m) for m in data.get("progress_report_months", ()))
    return Plan(items=tuple(items), progress_report_months=months)


@cache
def plan() -> Plan:
    return parse(PLAN_FILE.read_text(encoding="utf-8"), SPANISH_FILE.read_text(encoding="utf-8"))
