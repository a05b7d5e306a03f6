from __future__ import annotations

from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.views.decorators.http import require_safe

from playbook.accounts.access import get_for_user

from .models import Child


@login_required
def child_new(request: HttpRequest) -> HttpResponse:
    return render(request, "children/child_form.html", {})


@require_safe
@login_required
def child_home(request: HttpRequest, child_id: str) -> HttpResponse:
    child = get_for_user(request.user, Child, child_id)
    return render(request, "children/home.html", {"child": child})
