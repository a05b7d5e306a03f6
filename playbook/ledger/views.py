"""Pages: the services ledger, the quick log, the CSV import, the IEP comparison and the IEP
checks. Every page reaches the child through ``get_for_user``."""

from __future__ import annotations

from datetime import date
from urllib.parse import urlencode

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import dateformat
from django.utils.translation import get_language, gettext
from django.views.decorators.http import require_POST

from playbook.accounts.access import can_write
from playbook.children.access import child_for_form, child_for_read, child_for_write
from playbook.children.conditional import conditional_page
from playbook.children.models import IEP, Child, Service

from . import labels
from .checks import check_iep, previous_iep
from .compare import PWN_CITATION, compare_ieps
from .csv_import import import_service_log
from .forms import (
    CompareForm,
    ImportForm,
    RangeForm,
    SessionForm,
    ThresholdForm,
    usual_session_minutes,
)
from .lines import child_ledger, iep_in_force
from .models import LedgerSettings, ServiceSession, SessionStatus

SESSIONS_SHOWN = 10  # per service, newest first; a year of sessions is hundreds of rows


def _page(request, template: str, child: Child, context: dict, status: int = 200):
    context = {"child": child, "section": "services", "can_write": can_write(child), **context}
    return render(request, template, context, status=status)


def _current_services(child: Child, today: date) -> tuple[IEP | None, list[Service]]:
    iep = iep_in_force(list(child.ieps.all()), today)
    return iep, (list(iep.services.all()) if iep else [])


@login_required
@conditional_page
def services(request: HttpRequest, child_id) -> HttpResponse:
    child = child_for_read(request, child_id)
    today = child.today()
    range_form = RangeForm(request.GET or None)
    start = end = None
    if range_form.is_valid():
        start, end = range_form.cleaned_data["start"], range_form.cleaned_data["end"]
    ledger = child_ledger(child, today=today, start=start, end=end)
    show_all = request.GET.get("sessions") == "all"
    for line in ledger.lines:
        line.sessions_shown = None if show_all else SESSIONS_SHOWN
    threshold_form = ThresholdForm(initial={"owed_threshold_minutes": ledger.threshold})
    return _page(
        request,
        "ledger/services.html",
        child,
        {
            "ledger": ledger,
            "range_form": range_form,
            "threshold_form": threshold_form,
            "today": today,
            "show_all_sessions": show_all,
            "all_sessions_query": urlencode({**request.GET.dict(), "sessions": "all"}),
            "range_query": _range_query(request),
        },
        status=400 if range_form.errors else 200,
    )


def _range_query(request: HttpRequest) -> str:
    """The dates the parent chose, to carry between the services page and a service's weeks."""
    return urlencode({key: request.GET[key] for key in ("start", "end") if request.GET.get(key)})


@login_required
@conditional_page
def service_weeks(request: HttpRequest, child_id, service_id) -> HttpResponse:
    """One service week by week (month by month for a monthly service): the evidence table
    for a make-up services request, on its own page so the services page stays a summary."""
    child = child_for_read(request, child_id)
    service = get_object_or_404(Service, pk=service_id, iep__child=child)
    today = child.today()
    range_form = RangeForm(request.GET or None)
    start = end = None
    if range_form.is_valid():
        start, end = range_form.cleaned_data["start"], range_form.cleaned_data["end"]
    ledger = child_ledger(child, today=today, start=start, end=end)
    line = ledger.line_for(service)
    if line is None:
        raise Http404
    return _page(
        request,
        "ledger/weeks.html",
        child,
        {
            "ledger": ledger,
            "line": line,
            "range_query": _range_query(request),
        },
    )


@login_required
def log_session(request: HttpRequest, child_id) -> HttpResponse:
    child = child_for_form(request, child_id)
    today = child.today()
    iep, current = _current_services(child, today)
    if not current:
        return _page(request, "ledger/log.html", child, {"form": None, "iep": iep})
    last = dict(
        ServiceSession.objects.filter(service__in=current)
        .filter(status__in=[SessionStatus.DELIVERED, SessionStatus.MADE_UP])
        .order_by("service_id", "date", "created_at")
        .values_list("service_id", "minutes")
    )  # dict() keeps the last pair per service: the newest
    usual = {str(s.pk): usual_session_minutes(s, last.get(s.pk)) for s in current}
    chosen = request.GET.get("service") if request.GET.get("service") in usual else None
    form = SessionForm(
        request.POST or None,
        services=current,
        today=today,
        usual=usual,
        initial={
            "service": chosen or str(current[0].pk),
            "date": today,
            "status": SessionStatus.DELIVERED,
        },
    )
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        session = ServiceSession.objects.create(
            service=data["service"],
            date=data["date"],
            minutes=data["minutes"],
            status=data["status"],
            reason=data["reason"],
            provider=data["provider"],
            note=data["note"],
        )
        messages.success(
            request,
            gettext("Logged: %(service)s, %(status)s, %(minutes)s minutes on %(day)s.")
            % {
                "service": session.service.service,
                "status": labels.status_label(session.status).lower(),
                "minutes": session.minutes,
                "day": _month_day(session.date),
            },
        )
        return redirect("ledger_services", child_id=child.pk)
    return _page(
        request,
        "ledger/log.html",
        child,
        {"form": form, "iep": iep, "usual": usual},
        status=400 if form.errors else 200,
    )


@login_required
@require_POST
def delete_session(request: HttpRequest, child_id, session_id) -> HttpResponse:
    child = child_for_write(request, child_id)
    session = get_object_or_404(
        ServiceSession.objects.select_related("service"),
        pk=session_id,
        service__iep__child=child,
    )
    session.delete()
    messages.success(
        request,
        gettext("Removed the %(service)s session of %(day)s.")
        % {"service": session.service.service, "day": _month_day(session.date)},
    )
    return redirect("ledger_services", child_id=child.pk)


@login_required
@require_POST
def save_threshold(request: HttpRequest, child_id) -> HttpResponse:
    child = child_for_write(request, child_id)
    instance = LedgerSettings.objects.filter(child=child).first() or LedgerSettings(child=child)
    form = ThresholdForm(request.POST, instance=instance)
    if form.is_valid():
        form.save()
        messages.success(
            request,
            gettext("Saved: we'll flag a service once it owes %(minutes)s minutes.")
            % {"minutes": instance.owed_threshold_minutes},
        )
        return redirect("ledger_services", child_id=child.pk)
    today = child.today()
    return _page(
        request,
        "ledger/services.html",
        child,
        {
            "ledger": child_ledger(child, today=today),
            "range_form": RangeForm(),
            "threshold_form": form,
            "today": today,
        },
        status=400,
    )


@login_required
def import_log(request: HttpRequest, child_id) -> HttpResponse:
    child = child_for_form(request, child_id)
    today = child.today()
    iep, current = _current_services(child, today)
    form = ImportForm(
        request.POST or None,
        request.FILES or None,
        services=current,
        initial={"service": request.GET.get("service")},
    )
    report = None
    if request.method == "POST" and form.is_valid():
        service = form.cleaned_data["service"]
        report = import_service_log(service, form.cleaned_data["file"].read(), today=today)
        form = ImportForm(services=current, initial={"service": str(service.pk)})
    return _page(
        request,
        "ledger/import.html",
        child,
        {"form": form, "report": report, "iep": iep},
        status=400 if form.errors else 200,
    )


@login_required
def compare(request: HttpRequest, child_id) -> HttpResponse:
    child = child_for_read(request, child_id)
    ieps = list(child.ieps.prefetch_related("services", "goals", "accommodations"))
    context: dict = {"ieps": ieps, "citation": PWN_CITATION, "comparison": None}
    if len(ieps) >= 2:
        default = {"a": str(ieps[1].pk), "b": str(ieps[0].pk)}
        form = CompareForm(request.GET or default, ieps=ieps)
        if form.is_valid():
            a, b = form.ieps[form.cleaned_data["a"]], form.ieps[form.cleaned_data["b"]]
            context["comparison"] = compare_ieps(a, b)
        context["form"] = form
    return _page(
        request,
        "ledger/compare.html",
        child,
        {**context, "section": "iep"},
        status=400 if context.get("form") and context["form"].errors else 200,
    )


@login_required
def checks(request: HttpRequest, child_id) -> HttpResponse:
    child = child_for_read(request, child_id)
    today = child.today()
    ieps = list(child.ieps.prefetch_related("services", "goals", "accommodations"))
    iep = iep_in_force(ieps, today) or (ieps[0] if ieps else None)
    findings = check_iep(iep, previous_iep(ieps, iep)) if iep else []
    return _page(
        request,
        "ledger/checks.html",
        child,
        {
            "iep": iep,
            "findings": [(f, f.concern_url(child.pk)) for f in findings],
            "section": "iep",
        },
    )


def _month_day(day) -> str:
    """ "Feb 26" in English, as the messages always wrote it; "26 feb" in Spanish."""
    if (get_language() or "en").startswith("en"):
        return f"{day:%b} {day.day}"
    return dateformat.format(day, "j b")
