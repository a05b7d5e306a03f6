"""The child's school breaks: entered once, they make school-day deadlines exact."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext
from django.views.decorators.http import require_POST

from playbook.accounts.access import can_write, get_for_user
from playbook.children import school_breaks
from playbook.children.access import child_for_form, child_for_write
from playbook.children.models import SchoolBreak

from .forms import InSessionForm, SchoolBreakForm, holiday_name


@login_required
def breaks_page(request: HttpRequest, child_id) -> HttpResponse:
    writing = request.method == "POST"
    child = child_for_form(request, child_id)
    form = SchoolBreakForm(request.POST or None)
    if writing and form.is_valid():
        data = form.cleaned_data
        school_break = school_breaks.add_break(
            child, name=data["name"], start=data["start"], end=data["end"]
        )
        messages.success(request, gettext("Added %(name)s.") % {"name": school_break.name})
        return redirect("school_breaks", child_id=child.pk)
    context = {
        "child": child,
        "section": "deadlines",
        "breaks": list(child.breaks.all()),
        "form": form,
        "in_session_form": InSessionForm(initial={"holidays": child.holidays_in_session}),
        "can_write": can_write(child),
        "shown_holidays": [holiday_name(n) for n in child.holidays_in_session],
    }
    return render(request, "deadlines/breaks.html", context, status=400 if form.errors else 200)


@login_required
@require_POST
def break_remove(request: HttpRequest, child_id, break_id) -> HttpResponse:
    child = child_for_write(request, child_id)
    school_break = get_for_user(request.user, SchoolBreak, break_id, write=True)
    if school_break.child_id != child.pk:
        raise Http404
    school_breaks.remove_break(school_break)
    messages.success(request, gettext("Removed %(name)s.") % {"name": school_break.name})
    return redirect("school_breaks", child_id=child.pk)


@login_required
@require_POST
def holidays_in_session(request: HttpRequest, child_id) -> HttpResponse:
    """The federal holidays the district teaches on: they count as school days."""
    child = child_for_write(request, child_id)
    form = InSessionForm(request.POST)
    if not form.is_valid():
        messages.error(request, gettext("Choose holidays from the list."))
        return redirect("school_breaks", child_id=child.pk)
    school_breaks.set_holidays_in_session(child, form.cleaned_data["holidays"])
    messages.success(request, gettext("Saved the holidays school is in session."))
    return redirect("school_breaks", child_id=child.pk)
