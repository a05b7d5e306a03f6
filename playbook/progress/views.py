"""Pages: each goal's progress (chart, table, flags, the letter to ask for the data) and
importing a progress report."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.formats import date_format
from django.utils.translation import gettext, ngettext

from playbook.accounts.access import can_write
from playbook.children.access import child_for_form, child_for_read
from playbook.iep_import.progress_reading import read_progress_report
from playbook.iep_import.reading import ImportRefused, shown

from .charts import goal_svg
from .forms import ReportUploadForm
from .lines import FLAG_WORDS, goal_lines
from .reports import ReportRefused, save_report

LETTER_KIND = "goal_revision_request"


@login_required
def goals(request: HttpRequest, child_id) -> HttpResponse:
    child = child_for_read(request, child_id)
    iep = child.current_iep()
    lines = goal_lines(iep) if iep else []
    rows = [
        {
            "number": number,
            "line": line,
            "flags": [gettext(FLAG_WORDS[flag]) for flag in line.flags],
            "points": [(p, line.expected(p.day)) for p in line.points],
        }
        for number, line in enumerate(lines, start=1)
    ]
    writer = can_write(child)
    return render(
        request,
        "progress/goals.html",
        {
            "child": child,
            "section": "iep",
            "iep": iep,
            "rows": rows,
            "can_write": writer,
            "letter_kind": LETTER_KIND,
            # The parent's data series, to link one to a goal (read through the child's
            # reverse relation: the series live in a higher app).
            "own_series": list(child.data_series.all()) if writer and rows else [],
        },
    )


@login_required
def goal_chart(request: HttpRequest, child_id, goal_id) -> HttpResponse:
    child = child_for_read(request, child_id)
    iep = child.current_iep()
    lines = goal_lines(iep) if iep else []
    for number, line in enumerate(lines, start=1):
        if str(line.goal.pk) == str(goal_id):
            response = HttpResponse(
                goal_svg(line, gettext("Goal %(number)s") % {"number": number}),
                content_type="image/svg+xml",
            )
            response["Cache-Control"] = "private, no-store"
            return response
    raise Http404("No such goal in the IEP in effect.")


@login_required
def import_report(request: HttpRequest, child_id) -> HttpResponse:
    child = child_for_form(request, child_id)
    form = ReportUploadForm(request.POST or None, request.FILES or None)
    if request.method == "POST" and form.is_valid():
        upload = form.cleaned_data["file"]
        try:
            reading = read_progress_report(upload.read())
            saved = save_report(
                child,
                reading.as_dict(),
                file_name=upload.name or "",
                report_date=form.cleaned_data.get("report_date"),
            )
        except (ImportRefused, ReportRefused) as refused:
            field = "file" if isinstance(refused, ImportRefused) else None
            form.add_error(field, shown(refused.message))
        else:
            count = saved.report.entries.count()
            messages.success(
                request,
                ngettext(
                    "Progress report of %(day)s saved: %(count)s goal report.",
                    "Progress report of %(day)s saved: %(count)s goal reports.",
                    count,
                )
                % {"day": date_format(saved.report.report_date, "DATE_FORMAT"), "count": count},
            )
            if saved.unmatched:
                messages.warning(
                    request,
                    gettext(
                        "%(count)s part(s) of the report matched no goal of the "
                        "current IEP and were left out; check them against the report."
                    )
                    % {"count": len(saved.unmatched)},
                )
            return redirect(reverse("goals", kwargs={"child_id": child.pk}))
    status = 400 if request.method == "POST" else 200
    return render(
        request,
        "progress/import.html",
        {"child": child, "section": "iep", "form": form},
        status=status,
    )
