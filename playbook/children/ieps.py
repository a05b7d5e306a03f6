"""Saving an IEP with its services, goals and accommodations, all or nothing."""

from __future__ import annotations

from datetime import date

from django.core.exceptions import ValidationError
from django.core.files.base import ContentFile
from django.db import transaction

from .computed import records_changed
from .models import IEP, Accommodation, Child, Goal, Per, Service
from .uploads import document_suffix

DATE_FIELDS = {
    "meeting_date": "The meeting date",
    "start_date": "The start date",
    "end_date": "The end date (annual review)",
    "last_evaluation_date": "The last evaluation date",
    "reevaluation_due": "The reevaluation date",
}


def _date(value: object, field: str, errors: dict) -> date | None:
    if value in (None, ""):
        return None
    if isinstance(value, date):
        return value
    try:
        return date.fromisoformat(str(value))
    except ValueError:
        errors.setdefault(field, []).append(
            f"{DATE_FIELDS[field]} must be a date written as YYYY-MM-DD."
        )
        return None


def _text(item: object) -> str:
    if isinstance(item, dict):
        item = item.get("text", "")
    return " ".join(str(item or "").split())


def _area(item: object) -> str:
    area = item.get("area", "") if isinstance(item, dict) else ""
    return " ".join(str(area or "").split())[:100]


def _baseline(item: object) -> str:
    baseline = item.get("baseline", "") if isinstance(item, dict) else ""
    return " ".join(str(baseline or "").split())[:500]


def _services(items: list, errors: dict) -> list[Service]:
    services = []
    for n, item in enumerate(items, start=1):
        name = " ".join(str(item.get("service") or "").split())
        minutes = item.get("minutes")
        per = item.get("per")
        problems = []
        if not name:
            problems.append(f"Service {n} needs a name, like Speech-language therapy.")
        if isinstance(minutes, bool) or not isinstance(minutes, int) or minutes < 1:
            try:
                minutes = int(str(minutes))
                if minutes < 1:
                    raise ValueError
            except ValueError:
                problems.append(f"Service {n} needs its minutes as a whole number above 0.")
        if per not in Per.values:
            problems.append(f"Service {n} needs how often: per day, per week or per month.")
        if problems:
            errors.setdefault("services", []).extend(problems)
            continue
        services.append(
            Service(
                service=name[:150],
                minutes=minutes,
                per=per,
                sessions=item.get("sessions") or None,
                setting=" ".join(str(item.get("setting") or "").split())[:150],
                provider_role=" ".join(str(item.get("provider_role") or "").split())[:150],
                position=len(services),
            )
        )
    return services


def create_iep(
    child: Child, facts: dict, *, file_content: bytes | None = None, file_name: str = ""
) -> IEP:
    """A new IEP for the child from ``facts``: the five dates (dates or YYYY-MM-DD, start
    and end required), ``services`` [{service, minutes, per, setting?, sessions?,
    provider_role?}], ``goals`` (texts or {text, area?, baseline?}) and ``accommodations`` (texts or
    {text}); blank goals and accommodations are skipped. Raises ValidationError naming every problem, field by
    field, and then saves nothing. ``file_content`` is kept as the IEP's PDF."""
    errors: dict[str, list[str]] = {}
    dates = {field: _date(facts.get(field), field, errors) for field in DATE_FIELDS}
    for field in ("start_date", "end_date"):
        if dates[field] is None and field not in errors:
            errors[field] = [f"{DATE_FIELDS[field]} is needed: it is printed on the IEP."]
    if dates["start_date"] and dates["end_date"] and dates["end_date"] <= dates["start_date"]:
        errors.setdefault("end_date", []).append(
            "The end date (annual review) must come after the start date."
        )
    last, due = dates["last_evaluation_date"], dates["reevaluation_due"]
    if last and due and due <= last:
        errors.setdefault("reevaluation_due", []).append(
            "The reevaluation date must come after the last evaluation."
        )
    services = _services(list(facts.get("services") or []), errors)
    goals = [
        (text, _area(item), _baseline(item))
        for item in facts.get("goals") or []
        if (text := _text(item))
    ]
    accommodations = [t for t in map(_text, facts.get("accommodations") or []) if t]
    if errors:
        raise ValidationError(errors)

    iep = IEP(
        child=child,
        file_name=file_name[:255],
        placement=" ".join(str(facts.get("placement") or "").split())[:300],
        parent_concerns_text=str(facts.get("parent_concerns_text") or "").strip(),
        **dates,
    )
    with transaction.atomic():
        if file_content:
            name = f"iep{document_suffix(file_content)}"
            iep.file.save(name, ContentFile(file_content), save=False)
        try:
            iep.save()
            for service in services:
                service.iep = iep
            Service.objects.bulk_create(services)
            Goal.objects.bulk_create(
                Goal(iep=iep, text=text, area=area, baseline=baseline, position=i)
                for i, (text, area, baseline) in enumerate(goals)
            )
            Accommodation.objects.bulk_create(
                Accommodation(iep=iep, text=text, position=i)
                for i, text in enumerate(accommodations)
            )
            records_changed(child.pk)  # bulk_create sends no post_save
        except Exception:
            if iep.file:
                iep.file.delete(save=False)
            raise
    return iep
