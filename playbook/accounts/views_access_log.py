"""The household owner's access log."""

from __future__ import annotations

from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils import timezone
from django.views.decorators.http import require_safe

from .access import first_membership
from .models import AccessEvent, Role


@require_safe
@login_required
def access_log(request: HttpRequest) -> HttpResponse:
    membership = first_membership(request.user)
    if membership.role != Role.OWNER:
        raise PermissionDenied("Only the family's owner can read who opened the records.")
    events = AccessEvent.objects.filter(household=membership.household).select_related(
        "user", "child"
    )
    page = Paginator(events, 50).get_page(request.GET.get("page"))
    household = membership.household
    zone = household.zone()
    return render(
        request,
        "accounts/access_log.html",
        {
            "household": household,
            "page": page,
            "zone": zone,
            "zone_label": zone.key.replace("_", " "),
            "zone_abbr": timezone.localtime(timezone=zone).tzname(),
        },
    )
