"""Pages of the IEP import: upload the PDF, follow its reading (a background task), then
review what was read and save the IEP."""

from __future__ import annotations

from django.conf import settings
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.core.files.storage import default_storage
from django.http import (
    Http404,
    HttpRequest,
    HttpResponse,
    HttpResponseBadRequest,
    HttpResponseNotAllowed,
)
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.formats import date_format
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _
from django.views.decorators.http import require_http_methods

from playbook.children.access import child_for_write
from playbook.children.ieps import create_iep
from playbook.children.models import Child

from . import iep_hold, readings
from .forms import AccommodationFormSet, DatesForm, GoalFormSet, ServiceFormSet, UploadForm
from .models import IepReading
from .reading import FACTS, shown

MISSING = {
    "meeting_date": _("We could not find the meeting date; add it if you know it."),
    "start_date": _("We could not find the start date; it is needed, so add it from the IEP."),
    "end_date": _(
        "We could not find the end date (when the annual review is due); it is needed, "
        "so add it from the IEP."
    ),
    "last_evaluation_date": _(
        "We could not find the date of the last evaluation; add it if you know it."
    ),
    "reevaluation_due": _("We could not find the reevaluation date; add it if you know it."),
    "services": _("We could not find any services; add them below if the IEP lists them."),
    "goals": _("We could not find any goals; add them below."),
    "accommodations": _(
        "We could not find any accommodations; add them below if the IEP has them."
    ),
}


def _iep_section(child: Child) -> str:
    return reverse("iep", args=[child.pk])


@login_required
@require_http_methods(["GET", "POST"])
def upload(request: HttpRequest, child_id: str) -> HttpResponse:
    child = child_for_write(request, child_id)
    form = UploadForm(request.POST or None, request.FILES or None)
    if request.method == "POST" and form.is_valid():
        job = readings.start(child, form.cleaned_data["file"], request.user, for_review=True)
        return redirect("iep_import_reading", child_id=child.pk, reading_id=job.pk)
    context = {
        "child": child,
        "section": "iep",
        "form": form,
        "waiting": iep_hold.held(request, child),
        "max_mb": settings.MAX_UPLOAD_BYTES // (1024 * 1024),
    }
    return render(request, "iep_import/upload.html", context)


REFRESH_SECONDS = 2


@login_required
@require_http_methods(["GET"])
def reading_page(request: HttpRequest, child_id: str, reading_id: str) -> HttpResponse:
    """How the reading of an uploaded PDF is getting on. Once read, the PDF is taken into
    review; a PDF that could not be read says why. The page reloads itself every few
    seconds while the worker reads (a Refresh header: no script needed)."""
    child = child_for_write(request, child_id)
    job = readings.job_of(request.user, child.pk, reading_id, write=True)
    status, error = readings.status_of(job)
    kept = bool(job.file) and default_storage.exists(job.file.name)
    if status == IepReading.Status.DONE and kept:
        iep_hold.hold(request, child, job)
        return redirect("iep_import_review", child_id=child.pk)
    context = {
        "child": child,
        "section": "iep",
        "job": job,
        "status": status,
        "error": shown(error),
        "stage": readings.shown_stage(job),
    }
    response = render(request, "iep_import/reading.html", context)
    if status in (IepReading.Status.QUEUED, IepReading.Status.RUNNING):
        response["Refresh"] = str(REFRESH_SECONDS)
    return response


def _initial(reading: dict) -> tuple[dict, list[dict], list[dict], list[dict]]:
    dates = {name: (found or {}).get("value") for name, found in reading["facts"].items()}
    dates["placement"] = ((reading.get("placement") or {}).get("text") or "")[:300]
    dates["parent_concerns_text"] = (reading.get("parent_concerns") or {}).get("text") or ""
    services = [
        {k: s.get(k) for k in ("service", "minutes", "per", "setting", "provider_role", "page")}
        | {"sessions": s.get("sessions")}
        for s in reading["services"]
    ]
    # The model keeps one list: supplementary aids join it under their own name, so the
    # parent sees which is which and can still save both.
    aids = [
        {"text": f"Supplementary aid: {aid['text']}", "page": aid["page"]}
        for aid in reading.get("supplementary_aids", [])
    ]
    return dates, services, reading["goals"], reading["accommodations"] + aids


def _forms(request: HttpRequest, reading: dict):
    dates, services, goals, accommodations = _initial(reading)
    data = request.POST if request.method == "POST" else None
    dates_form = DatesForm(data, initial=dates)
    for name in FACTS:
        found = reading["facts"].get(name)
        dates_form.fields[name].help_text = (
            gettext("Read from the PDF (page %(page)s).") % {"page": found["page"]}
            if found
            else gettext("Not found in the PDF.")
        )
    return (
        dates_form,
        ServiceFormSet(data, initial=services, prefix="services"),
        GoalFormSet(data, initial=goals, prefix="goals"),
        AccommodationFormSet(data, initial=accommodations, prefix="accommodations"),
    )


def _error_list(dates_form, named_formsets) -> list[tuple[str, str]]:
    """(field id, message) for the summary at the top of the page."""
    errors = []
    for name, field_errors in dates_form.errors.items():
        target = dates_form[name].auto_id if name in dates_form.fields else ""
        label = dates_form.fields[name].label if name in dates_form.fields else ""
        errors += [(target, f"{label}: {e}" if label else e) for e in field_errors]
    for noun, formset in named_formsets:
        for n, form in enumerate(formset.forms, start=1):
            if formset.can_delete and formset._should_delete_form(form):
                continue
            for name, field_errors in form.errors.items():
                label = f"{noun} {n}, {str(form.fields[name].label).lower()}"
                errors += [(form[name].auto_id, f"{label}: {e}") for e in field_errors]
        errors += [("", e) for e in formset.non_form_errors()]
    return errors


def _facts(dates_form, services, goals, accommodations) -> dict:
    return dates_form.cleaned_data | {
        "services": [
            f.cleaned_data
            for f in services.forms
            if f.cleaned_data and not f.cleaned_data.get("DELETE")
        ],
        "goals": [f.cleaned_data for f in goals.forms if f.cleaned_data],
        "accommodations": [
            f.cleaned_data.get("text", "") for f in accommodations.forms if f.cleaned_data
        ],
    }


@login_required
@require_http_methods(["GET", "POST"])
def review(request: HttpRequest, child_id: str) -> HttpResponse:
    child = child_for_write(request, child_id)
    entry = iep_hold.held(request, child)
    if entry is None:
        messages.info(request, gettext("There is no IEP waiting for review. Upload the PDF first."))
        return redirect("iep_import", child_id=child.pk)
    reading = entry["reading"]
    dates_form, services, goals, accommodations = _forms(request, reading)
    forms_valid = request.method == "POST" and all(
        [form.is_valid() for form in (dates_form, services, goals, accommodations)]
    )
    if forms_valid:
        try:
            iep = create_iep(
                child,
                _facts(dates_form, services, goals, accommodations),
                file_content=iep_hold.held_content(entry),
                file_name=entry["file_name"],
            )
        except ValidationError as invalid:
            for field, field_errors in invalid.message_dict.items():
                target = field if field in dates_form.fields else None
                for message in field_errors:
                    dates_form.add_error(target, message)
        else:
            iep_hold.discard(request, child)
            messages.success(
                request,
                gettext("IEP saved: %(start)s to %(end)s. The PDF is kept with it.")
                % {
                    "start": date_format(iep.start_date, "DATE_FORMAT"),
                    "end": date_format(iep.end_date, "DATE_FORMAT"),
                },
            )
            return redirect(_iep_section(child))
    context = {
        "child": child,
        "section": "iep",
        "file_name": entry["file_name"],
        "dates_form": dates_form,
        "services": services,
        "goals": goals,
        "accommodations": accommodations,
        "missing": [
            MISSING[name]
            for name in reading["missing"]
            if name in MISSING
            and not (name == "accommodations" and reading.get("supplementary_aids"))
        ],
        "unreadable_pages": reading.get("unreadable_pages", []),
        "errors": _error_list(
            dates_form,
            [
                (gettext("Service"), services),
                (gettext("Goal"), goals),
                (gettext("Accommodation"), accommodations),
            ],
        )
        if request.method == "POST"
        else [],
    }
    return render(request, "iep_import/review.html", context)


ROWS = {
    "services": (ServiceFormSet, "service"),
    "goals": (GoalFormSet, "goal"),
    "accommodations": (AccommodationFormSet, "accommodation"),
}
MAX_ROWS = 200


@login_required
@require_http_methods(["GET"])
def add_row(request: HttpRequest, child_id: str, row_kind: str) -> HttpResponse:
    """One more blank service, goal or accommodation for the review form (htmx)."""
    kind = row_kind
    child = child_for_write(request, child_id)
    if kind not in ROWS:
        raise Http404
    if iep_hold.held(request, child) is None:
        return HttpResponseBadRequest(
            gettext("Upload the IEP first: there is no IEP being checked.")
        )
    try:
        index = int(request.GET.get(f"{kind}-TOTAL_FORMS", ""))
    except ValueError:
        return HttpResponseBadRequest(gettext("The form's row count is missing."))
    if not 0 <= index < MAX_ROWS:
        return HttpResponseBadRequest(gettext("That is as many rows as one form can take."))
    formset_class, noun = ROWS[kind]
    formset = formset_class(prefix=kind)
    form = formset.form(
        auto_id=formset.auto_id,
        prefix=formset.add_prefix(index),
        empty_permitted=True,
        use_required_attribute=False,
    )
    first = "service" if kind == "services" else "text"
    form.fields[first].widget.attrs["autofocus"] = True
    context = {"form": form, "kind": kind, "noun": noun, "total": index + 1}
    return render(request, "iep_import/_added_row.html", context)


@login_required
def discard(request: HttpRequest, child_id: str) -> HttpResponse:
    # Access first: another household's id is a 404 whatever the method.
    child = child_for_write(request, child_id)
    if request.method != "POST":
        return HttpResponseNotAllowed(["POST"])
    iep_hold.discard(request, child)
    messages.info(request, gettext("The uploaded PDF was discarded. Nothing was saved."))
    return redirect("iep_import", child_id=child.pk)
