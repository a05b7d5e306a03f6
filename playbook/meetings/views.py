"""Pages for meetings (and their prep pack), trials, and progress data."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.db.models import Count
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils import formats
from django.utils.translation import gettext, ngettext, pgettext
from django.views.decorators.http import require_POST

from playbook.accounts.access import can_write, get_for_user
from playbook.children.access import child_for_form, child_for_read, child_for_write
from playbook.children.conditional import conditional_page
from playbook.children.models import Goal
from playbook.meetings.models import DataSeries, Meeting, Trial

from . import trials as trial_terms
from .charts import readers_words, series_svg
from .forms import (
    STATUS_LABELS,
    MeetingForm,
    OutcomeForm,
    PointForm,
    SeriesForm,
    TrialForm,
    role_words,
)
from .forms import spanish as _spanish
from .meetings import (
    NEXT_STATUS,
    missing_roles,
    save_meeting,
    shown_roles,
    shown_student_invitation,
    status_words,
)


def _month_day(day) -> str:
    """March 9 / 9 de marzo, for a message."""
    if _spanish():
        return formats.date_format(day, r"j \d\e F")
    return f"{day:%B} {day.day}"


def _steps() -> list[tuple[str, str]]:
    """The statuses a meeting goes through, in the reader's language."""
    return [
        (value, STATUS_LABELS.get(value, label))
        for value, label in Meeting.Status.choices
        if value != "cancelled"
    ]


def _page(request, template, child, section, status=200, **context) -> HttpResponse:
    context.update(child=child, section=section, can_write=can_write(child))
    return render(request, template, context, status=status)


# Meetings -----------------------------------------------------------------------------


@login_required
@conditional_page
def meeting_list(request: HttpRequest, child_id) -> HttpResponse:
    child = child_for_read(request, child_id)
    meetings = list(
        Meeting.objects.filter(child=child)
        .annotate(invited=Count("invitees"))
        .order_by("-date", "-created_at")
    )
    today = child.today()
    upcoming = [m for m in meetings if m.status != "held" and (m.date is None or m.date >= today)]
    past = [m for m in meetings if m not in upcoming]
    return _page(request, "meetings/list.html", child, "meetings", upcoming=upcoming, past=past)


@login_required
def meeting_new(request: HttpRequest, child_id) -> HttpResponse:
    child = child_for_form(request, child_id)
    initial = {"agenda": request.GET.getlist("concern")}
    form = MeetingForm(request.POST or None, child=child, initial=initial)
    if request.method == "POST" and form.is_valid():
        meeting = form.save(commit=False)
        meeting.child = child
        try:
            save_meeting(
                meeting,
                was=None,
                invitees=form.cleaned_data["invitees"],
                agenda=form.cleaned_data["agenda"],
            )
        except ValidationError as error:
            form.add_error(None, error)
        else:
            messages.success(request, gettext("Meeting saved."))
            return redirect("meeting_detail", child_id=child.pk, meeting_id=meeting.pk)
    return _page(
        request,
        "meetings/form.html",
        child,
        "meetings",
        status=400 if form.errors else 200,
        form=form,
        meeting=None,
    )


def _with_roles(invitees) -> list:
    """The invitees, each with ``shown_role``: the role in the reader's language."""
    invitees = list(invitees)
    for member in invitees:
        member.shown_role = role_words(member)
    return invitees


def _meeting(request, child, meeting_id, *, write=False) -> Meeting:
    meeting = get_for_user(
        request.user,
        Meeting,
        meeting_id,
        write=write,
        queryset=Meeting.objects.prefetch_related("invitees", "agenda"),
    )
    if meeting.child_id != child.pk:
        raise Http404
    return meeting


@login_required
def meeting_detail(request: HttpRequest, child_id, meeting_id) -> HttpResponse:
    child = child_for_read(request, child_id)
    meeting = _meeting(request, child, meeting_id)
    invitees = _with_roles(meeting.invitees.all())
    return _page(
        request,
        "meetings/detail.html",
        child,
        "meetings",
        meeting=meeting,
        invitees=invitees,
        missing=shown_roles(missing_roles(invitees)),
        student_invitation=shown_student_invitation(child, meeting),
        next_status=NEXT_STATUS.get(meeting.status),
        next_words=_next_words(meeting),
        steps=_steps(),
        outcome_form=OutcomeForm(initial={"outcome": meeting.outcome}),
    )


@login_required
def meeting_edit(request: HttpRequest, child_id, meeting_id) -> HttpResponse:
    child = child_for_read(request, child_id)
    meeting = _meeting(request, child, meeting_id, write=request.method == "POST")
    was = meeting.status
    form = MeetingForm(request.POST or None, instance=meeting, child=child)
    if request.method == "POST" and form.is_valid():
        try:
            save_meeting(
                form.save(commit=False),
                was=was,
                invitees=form.cleaned_data["invitees"],
                agenda=form.cleaned_data["agenda"],
            )
        except ValidationError as error:
            form.add_error(None, error)
        else:
            messages.success(request, gettext("Meeting updated."))
            return redirect("meeting_detail", child_id=child.pk, meeting_id=meeting.pk)
    return _page(
        request,
        "meetings/form.html",
        child,
        "meetings",
        status=400 if form.errors else 200,
        form=form,
        meeting=meeting,
    )


@login_required
@require_POST
def meeting_advance(request: HttpRequest, child_id, meeting_id) -> HttpResponse:
    """Move the meeting one step: requested -> acknowledged -> scheduled -> held."""
    child = child_for_read(request, child_id)
    meeting = _meeting(request, child, meeting_id, write=True)
    target = NEXT_STATUS.get(meeting.status)
    if target is None or request.POST.get("status") != target:
        messages.error(
            request, gettext("That step no longer applies; here is the meeting as it stands.")
        )
        return redirect("meeting_detail", child_id=child.pk, meeting_id=meeting.pk)
    was, meeting.status = meeting.status, target
    try:
        save_meeting(meeting, was=was)
    except ValidationError as error:
        if meeting.date is None:
            messages.error(request, gettext("Add the meeting's date first (Edit), then mark it."))
            return redirect("meeting_edit", child_id=child.pk, meeting_id=meeting.pk)
        messages.error(request, " ".join(error.messages))
    else:
        messages.success(
            request, gettext("Marked as %(status)s.") % {"status": status_words(meeting.status)}
        )
    return redirect("meeting_detail", child_id=child.pk, meeting_id=meeting.pk)


@login_required
@require_POST
def meeting_outcome(request: HttpRequest, child_id, meeting_id) -> HttpResponse:
    child = child_for_read(request, child_id)
    meeting = _meeting(request, child, meeting_id, write=True)
    form = OutcomeForm(request.POST)
    if form.is_valid():
        meeting.outcome = form.cleaned_data["outcome"]
        meeting.save(update_fields=["outcome"])
        messages.success(request, gettext("Notes saved. Send a recap while it is fresh."))
        return redirect("meeting_detail", child_id=child.pk, meeting_id=meeting.pk)
    invitees = _with_roles(meeting.invitees.all())
    return _page(
        request,
        "meetings/detail.html",
        child,
        "meetings",
        status=400,
        meeting=meeting,
        invitees=invitees,
        missing=shown_roles(missing_roles(invitees)),
        student_invitation=shown_student_invitation(child, meeting),
        next_status=NEXT_STATUS.get(meeting.status),
        next_words=_next_words(meeting),
        steps=_steps(),
        outcome_form=form,
    )


def _next_words(meeting) -> str:
    """The button that moves the meeting on: "Mark as acknowledged", in the reader's
    language."""
    target = NEXT_STATUS.get(meeting.status)
    if target is None:
        return ""
    return pgettext("button", "Mark as %(status)s") % {"status": status_words(target)}


# Trials -------------------------------------------------------------------------------


@login_required
@conditional_page
def trial_list(request: HttpRequest, child_id) -> HttpResponse:
    child = child_for_read(request, child_id)
    trials = list(Trial.objects.filter(child=child).select_related("concern"))
    return _page(request, "trials/list.html", child, "meetings", trials=trials, today=child.today())


@login_required
def trial_new(request: HttpRequest, child_id) -> HttpResponse:
    child = child_for_form(request, child_id)
    form = TrialForm(request.POST or None, child=child, initial=_trial_initial(request, child))
    if request.method == "POST" and form.is_valid():
        trial = form.save(commit=False)
        trial.child = child
        trial_terms.save_trial(trial)
        messages.success(
            request,
            gettext("Trial recorded. The review is due on %(day)s; put the terms in writing next.")
            % {"day": _month_day(trial.review_date)},
        )
        return redirect("trial_detail", child_id=child.pk, trial_id=trial.pk)
    return _page(
        request,
        "trials/form.html",
        child,
        "meetings",
        status=400 if form.errors else 200,
        form=form,
    )


def _trial_initial(request: HttpRequest, child) -> dict:
    """Six weeks; and, from the coach's "try what the school offered" (``?ask=``), what was
    asked for and its concern. An id that is not one of this child's asks is ignored."""
    initial = {"weeks": 6}
    try:
        ask = child.asks.filter(pk=request.GET.get("ask", "")).first()
    except ValidationError:
        ask = None
    if ask is not None:
        initial.update(instead_of=ask.subject[:300], concern=ask.concern_id)
    return initial


@login_required
def trial_detail(request: HttpRequest, child_id, trial_id) -> HttpResponse:
    child = child_for_read(request, child_id)
    trial = get_for_user(
        request.user,
        Trial,
        trial_id,
        queryset=Trial.objects.select_related("concern", "series").prefetch_related(
            "series__points"
        ),
    )
    if trial.child_id != child.pk:
        raise Http404
    points = trial_terms.during(
        list(trial.series.points.all()) if trial.series else [], trial.start_date, trial.review_date
    )
    today = child.today()
    return _page(
        request,
        "trials/detail.html",
        child,
        "meetings",
        trial=trial,
        points=points,
        summary=trial_terms.summary(points, trial_terms.baseline(trial)),
        baseline=trial_terms.baseline(trial),
        extension=None if trial.outcome else trial_terms.extension(trial),
        days_left=(trial.review_date - today).days,
        days_overdue=(today - trial.review_date).days,
    )


def _trial(request, child, trial_id, *, write=False) -> Trial:
    trial = get_for_user(request.user, Trial, trial_id, write=write)
    if trial.child_id != child.pk:
        raise Http404
    return trial


@login_required
def trial_edit(request: HttpRequest, child_id, trial_id) -> HttpResponse:
    """Change a trial's terms, link its data series, or move its review (the API's PATCH
    trials/{id}: the same trials.save_trial)."""
    child = child_for_form(request, child_id)
    trial = _trial(request, child, trial_id, write=True)
    form = TrialForm(request.POST or None, instance=trial, child=child)
    if request.method == "POST" and form.is_valid():
        trial = form.save(commit=False)
        if not form.cleaned_data.get("review_date"):
            trial.review_date = None
        try:
            trial_terms.save_trial(trial)
        except ValidationError as error:
            for field, problems in error.message_dict.items():
                form.add_error(field if field in form.fields else None, problems)
        else:
            messages.success(request, gettext("Trial updated."))
            return redirect("trial_detail", child_id=child.pk, trial_id=trial.pk)
    return _page(
        request,
        "trials/form.html",
        child,
        "meetings",
        status=400 if form.errors else 200,
        form=form,
        trial=trial,
    )


@login_required
@require_POST
def trial_extend(request: HttpRequest, child_id, trial_id) -> HttpResponse:
    """Move the review so the trial has its full school weeks after a break inside it."""
    child = child_for_form(request, child_id)
    trial = _trial(request, child, trial_id, write=True)
    trial.review_date = trial_terms.school_weeks_review(trial)
    trial_terms.save_trial(trial)
    messages.success(
        request,
        ngettext(
            "The review moved to %(day)s, so the trial has its %(weeks)s school week.",
            "The review moved to %(day)s, so the trial has its %(weeks)s school weeks.",
            trial.weeks,
        )
        % {"day": _month_day(trial.review_date), "weeks": trial.weeks},
    )
    return redirect("trial_detail", child_id=child.pk, trial_id=trial.pk)


@login_required
@require_POST
def trial_delete(request: HttpRequest, child_id, trial_id) -> HttpResponse:
    child = child_for_form(request, child_id)
    trial = _trial(request, child, trial_id, write=True)
    trial_terms.delete_trial(trial)
    messages.success(request, gettext("Trial deleted."))
    return redirect("trial_list", child_id=child.pk)


# Progress data ------------------------------------------------------------------------


@login_required
@conditional_page
def series_list(request: HttpRequest, child_id) -> HttpResponse:
    child = child_for_read(request, child_id)
    series = list(
        DataSeries.objects.filter(child=child).select_related("concern").annotate(n=Count("points"))
    )
    return _page(request, "data/list.html", child, "data", series=series)


@login_required
def series_new(request: HttpRequest, child_id) -> HttpResponse:
    child = child_for_form(request, child_id)
    form = SeriesForm(
        request.POST or None, child=child, initial={"concern": request.GET.get("concern")}
    )
    if request.method == "POST" and form.is_valid():
        series = form.save(commit=False)
        series.child = child
        series.save()
        messages.success(request, gettext("Data series created. Add your first data point."))
        return redirect("series_detail", child_id=child.pk, series_id=series.pk)
    return _page(
        request, "data/form.html", child, "data", status=400 if form.errors else 200, form=form
    )


@login_required
@require_POST
def goal_own_data(request: HttpRequest, child_id, goal_id) -> HttpResponse:
    """From the goals page: which of the parent's data series measures this goal ("" for
    none). Its points are then drawn on the goal's chart (issue 16)."""
    child = child_for_write(request, child_id)
    goal = get_for_user(
        request.user, Goal, goal_id, write=True, queryset=Goal.objects.select_related("iep")
    )
    if goal.iep.child_id != child.pk:
        raise Http404
    chosen = request.POST.get("series", "")
    series = _series(request, child, chosen, write=True) if chosen else None
    DataSeries.link_to_goal(goal, series)
    if series is None:
        messages.success(request, gettext("The goal's chart no longer shows your own data."))
    else:
        messages.success(
            request,
            gettext("The goal's chart now shows your data: %(name)s.") % {"name": series.name},
        )
    return redirect("goals", child_id=child.pk)


def _series(request, child, series_id, *, write=False) -> DataSeries:
    series = get_for_user(
        request.user,
        DataSeries,
        series_id,
        write=write,
        queryset=DataSeries.objects.select_related("concern").prefetch_related("points"),
    )
    if series.child_id != child.pk:
        raise Http404
    return series


@login_required
def series_detail(request: HttpRequest, child_id, series_id) -> HttpResponse:
    child = child_for_read(request, child_id)
    write = request.method == "POST"
    series = _series(request, child, series_id, write=write)
    form = PointForm(request.POST or None, initial={"date": child.today()})
    if write and form.is_valid():
        point = form.save(commit=False)
        point.series = series
        if _saved(form, point):
            messages.success(request, gettext("Data point added."))
            return redirect("series_detail", child_id=child.pk, series_id=series.pk)
    return _page(
        request,
        "data/detail.html",
        child,
        "data",
        status=400 if form.errors else 200,
        series=series,
        points=list(series.points.all()),
        form=form,
    )


def _saved(form: PointForm, point) -> bool:
    """Save through the one write; what it refuses is shown on the form's field."""
    try:
        trial_terms.save_point(point)
    except ValidationError as error:
        for field, problems in error.message_dict.items():
            form.add_error(field if field in form.fields else None, " ".join(problems))
        return False
    return True


def _point(request, child, series_id, measurement_id):
    series = _series(request, child, series_id, write=True)
    point = series.points.filter(pk=measurement_id).first()
    if point is None:
        raise Http404
    return series, point


@login_required
def point_edit(request: HttpRequest, child_id, series_id, measurement_id) -> HttpResponse:
    """Correct a data point (the API's PATCH .../points/{id}: the same trials.save_point)."""
    child = child_for_form(request, child_id)
    series, point = _point(request, child, series_id, measurement_id)
    form = PointForm(request.POST or None, instance=point)
    if request.method == "POST" and form.is_valid() and _saved(form, form.save(commit=False)):
        messages.success(request, gettext("Data point updated."))
        return redirect("series_detail", child_id=child.pk, series_id=series.pk)
    return _page(
        request,
        "data/point_form.html",
        child,
        "data",
        status=400 if form.errors else 200,
        series=series,
        point=point,
        form=form,
    )


@login_required
@require_POST
def point_delete(request: HttpRequest, child_id, series_id, measurement_id) -> HttpResponse:
    child = child_for_form(request, child_id)
    series, point = _point(request, child, series_id, measurement_id)
    trial_terms.delete_point(point)
    messages.success(request, gettext("Data point deleted."))
    return redirect("series_detail", child_id=child.pk, series_id=series.pk)


@login_required
def series_chart(request: HttpRequest, child_id, series_id) -> HttpResponse:
    child = child_for_read(request, child_id)
    series = _series(request, child, series_id)
    marks = []
    for trial in series.trials.all():
        marks += [
            (trial.start_date, pgettext("chart", "trial starts")),
            (trial.review_date, pgettext("chart", "trial review")),
        ]
    svg = series_svg(
        series.name,
        series.unit,
        [(p.date, p.value) for p in series.points.all()],
        goal=series.goal,
        baseline=series.baseline,
        marks=marks,
        narrow=request.GET.get("size") == "narrow",
        words=readers_words(),
    )
    response = HttpResponse(svg, content_type="image/svg+xml")
    response["Cache-Control"] = "private, no-store"
    return response
