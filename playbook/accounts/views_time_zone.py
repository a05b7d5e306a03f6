"""The family's time zone: today's date, letters' dates and deadlines all follow it."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils import formats
from django.utils.translation import gettext as _

from . import invites
from .forms import TimeZoneForm
from .households import household_for_new_child


@login_required
def time_zone(request: HttpRequest) -> HttpResponse:
    household = household_for_new_child(request.user)
    if household is None or not invites.can_manage(household, request.user):
        raise PermissionDenied("Only the family's owner or a parent can change the time zone.")
    form = TimeZoneForm(request.POST or None, initial={"time_zone": household.time_zone})
    if request.method == "POST" and form.is_valid():
        try:
            household.set_time_zone(form.cleaned_data["time_zone"])
        except ValidationError as exc:
            form.add_error("time_zone", exc.message_dict["time_zone"])
        else:
            today = household.today()
            day = formats.date_format(today, "l") + ", " + formats.date_format(today, "DATE_FORMAT")
            messages.success(request, _("Saved. For your family it is now %(day)s.") % {"day": day})
            return redirect("household_time_zone")
    return render(
        request,
        "accounts/time_zone.html",
        {"form": form, "household": household, "today": household.today(), "section": "account"},
        status=400 if form.errors else 200,
    )
