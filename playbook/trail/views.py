"""The trail pages: timeline, quick log, entry detail and correction, email import, the
chain check, and attachment downloads."""

from __future__ import annotations

import uuid

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import FileResponse, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext
from django.views.decorators.http import require_GET

from playbook.accounts.access import can_write, get_for_user
from playbook.children.access import child_for_read, child_for_write
from playbook.children.conditional import conditional_page
from playbook.children.models import Child

from . import cards, chain, email_import, import_jobs, import_words, paging, signals
from .downloads import attachment_response
from .filters import EntryFilter, FilterError, household_zone, listing
from .forms import CorrectionForm, FingerprintForm, ImportForm, LogForm, TimelineFilterForm
from .log_entry import LogKind, detect_refusal
from .models import Attachment, Direction, EmailImport, Entry, Kind

PER_PAGE = 50


def _page(request: HttpRequest, template: str, child: Child, context: dict, status: int = 200):
    context = {
        "child": child,
        "section": "timeline",
        "zone": household_zone(child).key,
        "can_write": can_write(child),
        **context,
    }
    return render(request, template, context, status=status)


@login_required
@require_GET
@conditional_page
def timeline(request: HttpRequest, child_id) -> HttpResponse:
    """Everything on the child's trail, filtered and searched, 50 to a page. The page costs
    the same number of queries, and about the same time, for 10 entries as for 100,000,
    on its first page as on its thousandth ("Older entries" starts after the last one
    shown)."""
    child = child_for_read(request, child_id)
    # The filters' choices as plain (id, name) rows: 200 asks need no model instances.
    form = TimelineFilterForm(
        request.GET or None,
        team=child.team.values_list("id", "name"),
        # The asks and concerns above the trail, through the child's reverse relations.
        concerns=child.concerns.values_list("id", "title"),
        asks=child.asks.values_list("id", "subject"),
    )
    wanted = form.entry_filter()
    after = _after(request, child)
    number = _page_number(request) if after is None else 1
    try:
        page = paging.read_page(
            child,
            wanted,
            order=form.chosen_order,
            limit=PER_PAGE,
            offset=(number - 1) * PER_PAGE,
            after=after,
            columns=cards.COLUMNS,
        )
    except FilterError as error:
        form.add_error(None, str(error))
        page = paging.read_page(
            child, EntryFilter(), order=form.chosen_order, limit=PER_PAGE, columns=cards.COLUMNS
        )
    query = request.GET.copy()
    query.pop("page", None)
    query.pop("after", None)
    return _page(
        request,
        "trail/timeline.html",
        child,
        {
            "form": form,
            "filtering": wanted.active,
            "page": page,
            "number": number,
            "paged": page.more or page.offset or after is not None,
            "entries": page.entries,
            "cards": cards.entry_cards(page.entries, child, household_zone(child)),
            "query": query.urlencode(),
            "fingerprint_form": FingerprintForm(),
        },
    )


def _after(request: HttpRequest, child: Child) -> Entry | None:
    """The entry the page starts after (``?after=``); a stale or foreign id starts over."""
    raw = request.GET.get("after", "")
    try:
        return paging.entry_after(child, uuid.UUID(raw)) if raw else None
    except ValueError:
        return None


def _page_number(request: HttpRequest) -> int:
    """``?page=N`` as older links gave it; anything unreadable is page 1."""
    try:
        return max(1, min(int(request.GET.get("page", 1)), 100_000))
    except ValueError:
        return 1


@login_required
@require_GET
def chain_check(request: HttpRequest, child_id) -> HttpResponse:
    """Whether the hash chain holds, and holds the fingerprint the parent kept when one is
    given (``?fingerprint=``). The timeline loads this badge after the page (htmx), so a
    long trail never slows the timeline down, and the badge walks only the entries added
    since the last check; without JavaScript, or asked for, it is a page that walks them
    all."""
    child = child_for_read(request, child_id)
    form = FingerprintForm(request.GET if "fingerprint" in request.GET else None)
    kept = form.cleaned_data["fingerprint"] if form.is_bound and form.is_valid() else None
    # The badge goes on from where the last check ended; the page walks every entry.
    incremental = bool(request.htmx) and request.GET.get("full") != "1"
    report = chain.verify(child, against=kept, incremental=incremental)
    template = "trail/_chain_badge.html" if request.htmx else "trail/check.html"
    context = {"report": report, "fingerprint_form": form}
    return _page(request, template, child, context, status=400 if form.errors else 200)


@login_required
def log(request: HttpRequest, child_id) -> HttpResponse:
    """Log a call, conversation, meeting note, reply or note in seconds."""
    child = child_for_write(request, child_id)
    form = LogForm(child, request.POST or None)
    if request.method == "POST" and form.is_valid():
        kind = form.log_kind
        who = form.cleaned_data["who"]
        text = form.cleaned_data["text"].strip()
        flags = {"logged_as": kind.value}
        # A reply is what the school wrote; a call, conversation or meeting note is the
        # parent's account of what the school said ("the principal told me ..."): both are read.
        if kind.direction == Direction.RECEIVED or kind.offers_recap:
            flags.update(detect_refusal(text))
        entry = chain.append(
            child,
            occurred_at=form.cleaned_data["when"],
            kind=kind.entry_kind,
            direction=kind.direction,
            counterpart=who,
            subject=kind.subject(who.name if who else ""),
            body=text,
            flags=flags,
        )
        signals.heard([entry])
        messages.success(
            request, gettext("Saved to %(name)s's trail.") % {"name": child.first_name}
        )
        return redirect(reverse("trail_entry", args=[child.pk, entry.pk]) + "?saved=1")
    return _page(
        request, "trail/log.html", child, {"form": form}, status=400 if form.errors else 200
    )


def _entry(request: HttpRequest, child: Child, entry_id) -> Entry:
    return get_for_user(
        request.user, Entry, entry_id, queryset=listing(Entry.objects.filter(child=child))
    )


@login_required
@require_GET
def entry_detail(request: HttpRequest, child_id, entry_id) -> HttpResponse:
    child = child_for_read(request, child_id)
    entry = _entry(request, child, entry_id)
    logged_as = entry.flags.get("logged_as") if isinstance(entry.flags, dict) else None
    offers_recap = entry.kind in (Kind.CALL, Kind.MEETING) or logged_as == LogKind.CONVERSATION
    return _page(
        request,
        "trail/entry.html",
        child,
        {
            "entry": entry,
            "just_saved": request.GET.get("saved") == "1",
            "recap_url": (
                reverse("letter_new", args=[child.pk, "meeting_recap"]) + f"?entry={entry.pk}"
                if offers_recap
                else ""
            ),
        },
    )


@login_required
def correct(request: HttpRequest, child_id, entry_id) -> HttpResponse:
    """A correction is a new entry that points at the old one; the old one stays as it
    was, so the trail shows both what was first recorded and what was corrected."""
    child = child_for_write(request, child_id)
    original = _entry(request, child, entry_id)
    form = CorrectionForm(child, original, request.POST or None)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        flags = {"correction_reason": data["why"].strip()} if data["why"].strip() else {}
        if data["direction"] == Direction.RECEIVED:
            flags.update(detect_refusal(data["body"]))
        entry = chain.append(
            child,
            occurred_at=data["when"],
            kind=data["kind"],
            direction=data["direction"],
            counterpart=data["who"],
            subject=data["subject"].strip(),
            body=data["body"].strip(),
            sender=original.sender,
            recipients=original.recipients,
            corrects=original,
            flags=flags,
        )
        messages.success(
            request,
            gettext("Correction saved. Entry %(seq)s stays as it was.") % {"seq": original.seq},
        )
        return redirect("trail_entry", child.pk, entry.pk)
    return _page(
        request,
        "trail/correct.html",
        child,
        {"form": form, "original": original},
        status=400 if form.errors else 200,
    )


@login_required
def import_email(request: HttpRequest, child_id) -> HttpResponse:
    """The upload form. The import itself runs in the background (a mailbox takes up to a
    minute); the parent is sent to its job page, which follows it."""
    child = child_for_write(request, child_id)
    form = ImportForm(request.POST or None, request.FILES or None)
    if request.method == "POST" and form.is_valid():
        try:
            job = import_jobs.start(child, form.cleaned_data["file"], request.user)
        except (email_import.UnsupportedFile, email_import.TooLarge) as error:
            form.add_error("file", import_words.shown(str(error)))
        else:
            return redirect("trail_import_job", child_id=child.pk, import_id=job.pk)
    recent = EmailImport.objects.filter(child=child).only(
        "id", "filename", "status", "created_at", "child_id"
    )[:5]
    return _page(
        request,
        "trail/import.html",
        child,
        {"form": form, "recent": list(recent)},
        status=400 if form.errors else 200,
    )


@login_required
@require_GET
def import_job(request: HttpRequest, child_id, import_id) -> HttpResponse:
    """How an import is getting on, then what it added; the page polls its status part."""
    job = import_jobs.job_of(request.user, child_id, import_id)
    template = "trail/import_job.html#status" if request.htmx else "trail/import_job.html"
    return _page(request, template, job.child, {"job": job, "interrupted": import_jobs.INTERRUPTED})


@login_required
@require_GET
def attachment(request: HttpRequest, child_id, attachment_id) -> FileResponse:
    found = get_for_user(
        request.user,
        Attachment,
        attachment_id,
        queryset=Attachment.objects.filter(entry__child_id=child_id),
    )
    return attachment_response(found)
