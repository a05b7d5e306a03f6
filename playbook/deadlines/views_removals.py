"""The removals log: each suspension, early pick-up or in-school removal, the count of
removal days this school year and what the count means (34 CFR §§ 300.530-300.536)."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext
from django.views.decorators.http import require_POST

from playbook.accounts.access import can_write, get_for_user
from playbook.children.access import child_for_form, child_for_write

from .discipline import removal_year
from .forms import RemovalForm
from .models import Removal


@login_required
def removals_page(request: HttpRequest, child_id) -> HttpResponse:
    writing = request.method == "POST"
    child = child_for_form(request, child_id)
    form = RemovalForm(request.POST or None)
    if writing and form.is_valid():
        removal = form.save(commit=False)
        removal.child = child
        removal.save()
        messages.success(request, gettext("Saved the removal."))
        return redirect("removals", child_id=child.pk)
    removals = list(child.removals.all())
    context = {
        "child": child,
        "section": "removals",
        "year": removal_year(child, child.today(), removals),
        "removals": removals,
        "form": form,
        "can_write": can_write(child),
    }
    return render(request, "deadlines/removals.html", context, status=400 if form.errors else 200)


@login_required
@require_POST
def removal_delete(request: HttpRequest, child_id, removal_id) -> HttpResponse:
    child = child_for_write(request, child_id)
    removal = get_for_user(request.user, Removal, removal_id, write=True)
    if removal.child_id != child.pk:
        raise Http404
    removal.delete()
    messages.success(request, gettext("Removed that entry."))
    return redirect("removals", child_id=child.pk)
