from __future__ import annotations

from django import forms
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.dates import WEEKDAYS as DAY_NAMES
from django.utils.translation import gettext, gettext_noop
from django.utils.translation import gettext_lazy as _
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_http_methods, require_POST

from playbook.accounts.access import can_write, first_membership
from playbook.accounts.models import Household, Role
from playbook.accounts.next_page import local_next
from playbook.children.access import child_for_read, child_for_write
from playbook.children.conditional import conditional_page
from playbook.children.links import link_for_each

from .digest import read_opt_out_token
from .models import WEEKDAYS, DigestOptOut, DigestSettings
from .moves import PREFETCH, dismiss, next_moves


@login_required
@conditional_page
def moves_page(request: HttpRequest, child_id: str) -> HttpResponse:
    """Every suggestion of the coach, plus the menu of every move by name."""
    child = child_for_read(request, child_id, prefetch=PREFETCH)
    suggestions = next_moves(child, child.today())
    context = {
        "child": child,
        "section": "home",
        "suggestions": suggestions,
        "menu": move_menu(child),
        "can_write": can_write(child),
    }
    return render(request, "coach/moves.html", context)


@login_required
@require_POST
def dismiss_move(request: HttpRequest, child_id: str) -> HttpResponse:
    child = child_for_write(request, child_id)
    key = request.POST.get("key", "")
    known = {s.key for s in next_moves(child, child.today(), include_dismissed=True)}
    if key in known:
        dismiss(child, key)
        messages.success(request, gettext("Hidden. It comes back if anything about it changes."))
    else:
        messages.error(
            request, gettext("That suggestion has already changed; here is the current list.")
        )
    if request.POST.get("next"):
        return redirect(local_next(request) or "/")
    return redirect("child_moves", child_id=child.pk)


class DigestForm(forms.Form):
    wanted = forms.BooleanField(label=_("Send me the weekly digest email"), required=False)
    family = forms.BooleanField(label=_("Send the weekly digest to our family"), required=False)
    # The days' names from Django's own catalogue (WEEKDAYS keeps English for the model).
    weekday = forms.TypedChoiceField(
        label=_("Day of the week"),
        choices=[(number, DAY_NAMES[number]) for number, _name in WEEKDAYS],
        coerce=int,
        initial=0,
    )


@login_required
def digest_settings(request: HttpRequest) -> HttpResponse:
    membership = first_membership(request.user)
    household = membership.household
    settings_row, _ = DigestSettings.objects.get_or_create(household=household)
    opted_out = DigestOptOut.objects.filter(household=household, user=request.user).exists()
    form = DigestForm(
        request.POST or None,
        initial={
            "wanted": not opted_out,
            "family": settings_row.enabled,
            "weekday": settings_row.weekday,
        },
    )
    can_set_day = membership.role in (Role.OWNER, Role.PARENT)
    if request.method == "POST" and form.is_valid():
        if form.cleaned_data["wanted"]:
            DigestOptOut.objects.filter(household=household, user=request.user).delete()
        else:
            DigestOptOut.objects.get_or_create(household=household, user=request.user)
        if can_set_day:
            settings_row.weekday = form.cleaned_data["weekday"]
            settings_row.enabled = form.cleaned_data["family"]
            settings_row.save(update_fields=["weekday", "enabled"])
        messages.success(request, gettext("Saved your digest settings."))
        return redirect("digest_settings")
    return render(
        request,
        "coach/digest_settings.html",
        {"form": form, "household": household, "can_set_day": can_set_day},
        status=400 if form.errors else 200,
    )


@csrf_exempt  # the one-click unsubscribe of mail clients posts without a session
@require_http_methods(["GET", "POST"])
def digest_opt_out(request: HttpRequest, token: str) -> HttpResponse:
    household_id = read_opt_out_token(token)
    household = Household.objects.filter(pk=household_id).first() if household_id else None
    if household is None:
        raise Http404
    done = False
    if request.method == "POST":
        DigestSettings.objects.update_or_create(household=household, defaults={"enabled": False})
        done = True
    return render(request, "coach/digest_opt_out.html", {"done": done})


def move_menu(child) -> list[tuple[str, str, str]]:
    """The menu's rows for ``child``: the link to each move's letter, its name and its
    purpose, in the reader's language. One reverse for the twelve links, each letter kind
    in the stand-in id's place (a slug, as the id's text is): a reverse and two translate
    tags a row cost the template 0.3 ms, a sixth of the page's drawing."""
    letter = link_for_each("letter_new", child.pk)
    return [(letter(kind), gettext(title), gettext(purpose)) for title, kind, purpose in MOVE_MENU]


# The "Make a move" menu: every move by name (UX.md), with the letter each one drafts.
MOVE_MENU = [
    (
        gettext_noop("Put it in writing"),
        "written_concerns",
        gettext_noop("Turn a concern into a written request with your evidence."),
    ),
    (
        gettext_noop("Request a meeting"),
        "meeting_request",
        gettext_noop("Ask for an IEP meeting at any time of year."),
    ),
    (
        gettext_noop("Parent concerns statement"),
        "parent_concerns",
        gettext_noop("Your view, in your words, for the IEP itself."),
    ),
    (
        gettext_noop("Trial a proposal"),
        "trial_terms",
        gettext_noop("Agree to try the team's idea on measured terms."),
    ),
    (
        gettext_noop("Ask for the written policy"),
        "policy_request",
        gettext_noop("When the answer is a blanket no."),
    ),
    (
        gettext_noop("Go up the chain"),
        "escalation",
        gettext_noop("Bring in someone who can decide."),
    ),
    (gettext_noop("Follow up"), "follow_up", gettext_noop("When a request has had no reply.")),
    (
        gettext_noop("Recap a meeting or call"),
        "meeting_recap",
        gettext_noop("Turn a conversation into a record."),
    ),
    (
        gettext_noop("Request records"),
        "records_request",
        gettext_noop("See your child's records before a meeting."),
    ),
    (
        gettext_noop("Request prior written notice"),
        "prior_written_notice_request",
        gettext_noop("Get a refusal and its reasons in writing."),
    ),
    (
        gettext_noop("Request an independent evaluation"),
        "iee_request",
        gettext_noop("When you disagree with the school's evaluation."),
    ),
    (
        gettext_noop("Request make-up services"),
        "comp_services_request",
        gettext_noop("When promised service minutes were missed."),
    ),
]
