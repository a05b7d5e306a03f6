"""The child's school breaks and the federal holidays school is in session: the one write
of each, used by the breaks page (deadlines) and the API (children/{id}/breaks)."""

from __future__ import annotations

from datetime import date

from django.core.exceptions import ValidationError

from .models import Child, SchoolBreak
from .school_calendar import federal_holiday_names

END_BEFORE_START = "The last day off must be on or after the first day off."


def add_break(child: Child, *, name: str, start: date, end: date) -> SchoolBreak:
    """A stretch with no school; one ending before it starts is refused (ValidationError)."""
    if end < start:
        raise ValidationError({"end": END_BEFORE_START})
    return SchoolBreak.objects.create(child=child, name=name.strip()[:100], start=start, end=end)


def remove_break(school_break: SchoolBreak) -> None:
    school_break.delete()


def set_holidays_in_session(child: Child, holidays: list[str]) -> None:
    """The federal holidays the district teaches on (they count as school days); a name
    that is not a federal holiday is refused (ValidationError)."""
    known = federal_holiday_names()
    unknown = [name for name in holidays if name not in known]
    if unknown:
        raise ValidationError(
            {"holidays": f"not a federal holiday: {', '.join(unknown)}. Use: {', '.join(known)}."}
        )
    child.holidays_in_session = [name for name in known if name in holidays]
    child.save(update_fields=["holidays_in_session"])
