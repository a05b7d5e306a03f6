"""The deadlines page, the evaluation-consent dates behind it, and the calendar files."""

from __future__ import annotations

from datetime import date

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_POST

from playbook.accounts.access import can_write, get_for_user
from playbook.children.access import child_for_form, child_for_read, child_for_write
from playbook.children.conditional import conditional_page
from playbook.children.models import Child

from . import feeds
from .calendar import build_calendar
from .engine import DISCLAIMER, deadlines_for
from .forms import ConsentForm, ReportReceivedForm
from .models import EvaluationConsent


def today_from(request: HttpRequest, child: Child) -> date:
    """``?today=YYYY-MM-DD`` when given and valid, else today where the family lives."""
    raw = request.GET.get("today", "")
    try:
        return date.fromisoformat(raw) if raw else child.today()
    except ValueError:
        return child.today()


def _deadlines_context(request, child, today, consent_form=None):
    items = deadlines_for(child, today, alone=True)  # nothing else here reads the asks
    rows = [(d, d.when_words(today), d.is_overdue(today)) for d in items]
    return {
        "child": child,
        "section": "deadlines",
        "today": today,
        "items": rows,
        # The summary on top: what is overdue, then the next three dated ones.
        "overdue": [row for row in rows if row[2]],
        "next_up": [row for row in rows if row[0].due is not None and not row[2]][:3],
        "needs_birth_date": child.birth_date is None,
        "unverified": [d for d in items if d.due is None],
        "disclaimer": gettext(DISCLAIMER),
        "feed_url": request.build_absolute_uri(
            feeds.feed_path(feeds.token_for(child, request.user))
        ),
        "can_write": can_write(child),
        "consent_form": consent_form or ConsentForm(),
        "consents": list(child.evaluation_consents.all()),
        "break_count": len(child.breaks.all()),
    }


@login_required
@conditional_page
def deadlines_page(request: HttpRequest, child_id) -> HttpResponse:
    # The breaks and consents are read here too; the removals only by the engine.
    child = child_for_read(request, child_id, prefetch=("breaks", "evaluation_consents"))
    return render(
        request,
        "deadlines/deadlines.html",
        _deadlines_context(request, child, today_from(request, child)),
    )


@login_required
@require_POST
def consent_add(request: HttpRequest, child_id) -> HttpResponse:
    child = child_for_write(request, child_id, prefetch=("breaks", "evaluation_consents"))
    form = ConsentForm(request.POST)
    if form.is_valid():
        consent = form.save(commit=False)
        consent.child = child
        consent.save()
        messages.success(request, gettext("Saved. The evaluation deadline is now in the list."))
        return redirect("deadlines", child_id=child.pk)
    context = _deadlines_context(request, child, today_from(request, child), consent_form=form)
    return render(request, "deadlines/deadlines.html", context, status=400)


@login_required
def consent_report(request: HttpRequest, child_id, consent_id) -> HttpResponse:
    child = child_for_form(request, child_id, prefetch=("breaks", "evaluation_consents"))
    consent = get_for_user(
        request.user, EvaluationConsent, consent_id, write=request.method == "POST"
    )
    if consent.child_id != child.pk:
        raise Http404
    form = ReportReceivedForm(request.POST or None, instance=consent)
    if request.method == "POST" and form.is_valid():
        form.save()
        messages.success(request, gettext("Saved. That evaluation clock is done."))
        return redirect("deadlines", child_id=child.pk)
    context = {"child": child, "section": "deadlines", "consent": consent, "form": form}
    return render(
        request, "deadlines/consent_report.html", context, status=400 if form.errors else 200
    )


@login_required
@require_POST
def consent_remove(request: HttpRequest, child_id, consent_id) -> HttpResponse:
    child = child_for_write(request, child_id, prefetch=("breaks", "evaluation_consents"))
    consent = get_for_user(request.user, EvaluationConsent, consent_id, write=True)
    if consent.child_id != child.pk:
        raise Http404
    consent.delete()
    messages.success(request, gettext("Removed that consent date."))
    return redirect("deadlines", child_id=child.pk)


@login_required
@require_POST
def feed_renew(request: HttpRequest, child_id) -> HttpResponse:
    child = child_for_write(request, child_id)
    feeds.renew(child, request.user)
    messages.success(
        request,
        gettext(
            "Here is your new calendar link. The old link no longer works: update your "
            "calendar app."
        ),
    )
    return redirect("deadlines", child_id=child.pk)


def ics_response(child, today: date, language: str | None = None) -> HttpResponse:
    response = HttpResponse(
        build_calendar(child, today, language), content_type="text/calendar; charset=utf-8"
    )
    slug = "".join(c for c in child.first_name.lower() if c.isalnum()) or "child"
    response["Content-Disposition"] = f'attachment; filename="{slug}-iep-deadlines.ics"'
    return response


@login_required
def calendar_download(request: HttpRequest, child_id) -> HttpResponse:
    child = child_for_read(request, child_id, prefetch=("breaks", "evaluation_consents"))
    return ics_response(child, today_from(request, child))


@never_cache
def calendar_feed(request: HttpRequest, token: str) -> HttpResponse:
    """The subscription URL: no login, the token is the key. Wrong or renewed-away: 404."""
    found = feeds.feed_for_token(token)
    if found is None:
        raise Http404
    # Written in the language of the person whose feed it is, whoever fetches it.
    child, language = found
    response = ics_response(child, child.today(), language)
    response["Content-Disposition"] = "inline"
    return response
