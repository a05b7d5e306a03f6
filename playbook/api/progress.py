"""API routes for progress reports and the goals' progress (docs/api.md, issue 16)."""

from __future__ import annotations

from datetime import date
from uuid import UUID

from django.conf import settings
from django.http import HttpRequest
from django.utils.translation import gettext
from ninja import File, Form, Router, Schema
from ninja.files import UploadedFile
from ninja.responses import Status

from playbook.accounts.access import get_for_user
from playbook.api.common import In, conditional_answer
from playbook.children.access import child_for_read, child_for_write
from playbook.children.models import Goal
from playbook.iep_import.progress_reading import read_progress_report
from playbook.iep_import.reading import ImportRefused, shown, too_large_message
from playbook.meetings.models import DataSeries
from playbook.progress.lines import FLAG_WORDS, GoalLine, goal_lines
from playbook.progress.models import ProgressReport
from playbook.progress.reports import ReportRefused, save_report

from .common import READ_ERRORS, WRITE_ERRORS, Day

router = Router(tags=["progress"])
OPTIONAL_FILE = File(None)


class EntryOut(Schema):
    goal_id: str
    date: date
    value: float | None
    unit: str
    status: str
    school_words: str
    page: int | None


class ReportOut(Schema):
    id: str
    report_date: date
    iep_id: str | None
    file_name: str
    entries: list[EntryOut]


class ImportedOut(ReportOut):
    unmatched: list[dict]


class ReportPointOut(Schema):
    date: date
    value: float | None
    unit: str
    status: str
    school_words: str
    expected: float | None
    below_the_line: bool


class FlagOut(Schema):
    flag: str
    why: str


class OwnPointOut(Schema):
    date: date
    value: float


class OwnDataOut(Schema):
    series_id: str
    name: str
    unit: str
    points: list[OwnPointOut]


class OwnDataIn(In):
    series_id: UUID | None = None


def _own(line: GoalLine) -> dict | None:
    if line.own is None:
        return None
    return {
        "series_id": str(line.own.series_id),
        "name": line.own.name,
        "unit": line.own.unit,
        "points": [{"date": day, "value": value} for day, value in line.own.points],
    }


class GoalLineOut(Schema):
    id: str
    number: int
    text: str
    area: str
    baseline_text: str
    baseline: float | None
    target: float | None
    unit: str
    start: date
    end: date
    reports: list[ReportPointOut]
    flags: list[FlagOut]
    own_data: OwnDataOut | None = None


def _report(report: ProgressReport) -> dict:
    return {
        "id": str(report.pk),
        "report_date": report.report_date,
        "iep_id": str(report.iep_id) if report.iep_id else None,
        "file_name": report.file_name,
        "entries": [
            {
                "goal_id": str(e.goal_id),
                "date": e.date,
                "value": e.value,
                "unit": e.unit,
                "status": e.status,
                "school_words": e.school_words,
                "page": e.page,
            }
            for e in report.entries.all()
        ],
    }


@router.post(
    "children/{child_id}/progress-reports",
    response={201: ImportedOut, **WRITE_ERRORS},
    summary="Import a progress report PDF, matched to the goals of the IEP in effect",
)
def import_progress_report(
    request: HttpRequest,
    child_id: str,
    file: UploadedFile | None = OPTIONAL_FILE,
    report_date: Form[Day | None] = None,
):
    """Reads the report (its date, and per goal a value and the school's words) and saves
    what matches a goal of the current IEP; `unmatched` lists what matched none. A file
    that cannot be read saves nothing and says why."""
    child = child_for_write(request, child_id)
    if file is None:
        return Status(
            400,
            {
                "detail": gettext(
                    "Send the report as a PDF or a Word document (.docx) in a multipart field "
                    "named 'file'."
                )
            },
        )
    if file.size and file.size > settings.MAX_UPLOAD_BYTES:
        return Status(413, {"detail": shown(too_large_message())})
    try:
        reading = read_progress_report(file.read())
        saved = save_report(
            child, reading.as_dict(), file_name=file.name or "", report_date=report_date
        )
    except ImportRefused as refused:
        return Status(refused.status, {"detail": shown(refused.message)})
    except ReportRefused as refused:
        return Status(422, {"detail": shown(refused.message)})
    return Status(201, _report(saved.report) | {"unmatched": saved.unmatched})


@router.get(
    "children/{child_id}/progress-reports",
    response={200: list[ReportOut], **READ_ERRORS},
    summary="The child's progress reports, oldest first, with their entries",
)
@conditional_answer
def list_progress_reports(request: HttpRequest, child_id: str):
    child = child_for_read(request, child_id)
    reports = ProgressReport.objects.filter(child=child).prefetch_related("entries")
    return [_report(report) for report in reports]


@router.get(
    "children/{child_id}/goals",
    response={200: list[GoalLineOut], **READ_ERRORS},
    summary="The current IEP's goals with their line, reports and flags",
)
@conditional_answer
def list_goals(request: HttpRequest, child_id: str):
    """Each goal of the IEP in effect: baseline and target (on one scale, when the IEP
    states them as numbers), every report with where the line expected it, and flags."""
    child = child_for_read(request, child_id)
    iep = child.current_iep()
    if iep is None:
        return []
    answer = []
    for number, line in enumerate(goal_lines(iep), start=1):
        answer.append(
            {
                "id": str(line.goal.pk),
                "number": number,
                "text": line.goal.text,
                "area": line.goal.area,
                "baseline_text": line.goal.baseline,
                "baseline": line.baseline.value if line.baseline else None,
                "target": line.target.value if line.target else None,
                "unit": line.unit,
                "start": line.start,
                "end": line.end,
                "reports": [
                    {
                        "date": p.day,
                        "value": p.value,
                        "unit": p.unit,
                        "status": p.status,
                        "school_words": p.words,
                        "expected": line.expected(p.day),
                        "below_the_line": p.below,
                    }
                    for p in line.points
                ],
                "flags": [{"flag": f, "why": gettext(FLAG_WORDS[f])} for f in line.flags],
                "own_data": _own(line),
            }
        )
    return answer


@router.put(
    "children/{child_id}/goals/{goal_id}/own-data",
    response={200: OwnDataOut | None, **WRITE_ERRORS},
    summary="Link one of the parent's data series to a goal (null: none)",
)
def set_own_data(request: HttpRequest, child_id: str, goal_id: str, payload: OwnDataIn):
    """The series' points are drawn on the goal's chart beside the school's reports and
    listed with the goal (`own_data`). Another series linked to the goal is unlinked."""
    child = child_for_write(request, child_id)
    goal = get_for_user(
        request.user, Goal, goal_id, write=True, queryset=Goal.objects.select_related("iep")
    )
    if goal.iep.child_id != child.pk:
        return Status(404, {"detail": gettext("No such goal for this child.")})
    series = None
    if payload.series_id is not None:
        series = get_for_user(request.user, DataSeries, payload.series_id, write=True)
        if series.child_id != child.pk:
            return Status(422, {"detail": gettext("That data series belongs to another child.")})
    DataSeries.link_to_goal(goal, series)
    if series is None:
        return Status(200, None)
    points = [{"date": p.date, "value": p.value} for p in series.points.all()]
    return {"series_id": str(series.pk), "name": series.name, "unit": series.unit, "points": points}
