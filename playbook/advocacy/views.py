"""Pages for concerns (with evidence) and asks (with replies)."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import FileResponse, Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.formats import date_format
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from playbook.accounts.access import can_write, get_for_user
from playbook.children.access import child_for_form, child_for_read
from playbook.children.conditional import conditional_page
from playbook.children.views import SETUP_STEPS
from playbook.trail import refusal_language

from . import asks as ask_rules
from . import concerns as concern_rules
from .forms import AskForm, ConcernForm, EvidenceForm, FirstConcernForm, ReplyForm
from .models import Ask, AskStatus, Concern, Evidence
from .rows import ask_rows


def _of_child(request, model, pk, child_id, *, write: bool = False, related=("child",)):
    """An object of this child, through the scoping helper; another child's id is a 404."""
    obj = get_for_user(
        request.user,
        model,
        pk,
        write=write,
        queryset=model._default_manager.select_related(*related),
    )
    owner = obj.child_id if hasattr(obj, "child_id") else obj.concern.child_id
    if owner != child_id:
        raise Http404
    if hasattr(obj, "child_id"):
        obj.child.viewer_role = obj.viewer_role
    return obj


def _page(request, template, child, section, status=200, **context) -> HttpResponse:
    context.update(child=child, section=section, writable=can_write(child))
    return render(request, template, context, status=status)


# Concerns


@login_required
@conditional_page
def concern_list(request: HttpRequest, child_id) -> HttpResponse:
    child = child_for_read(request, child_id)
    concerns = list(concern_rules.with_evidence_counts(child.concerns.all()))
    return _page(
        request,
        "advocacy/concern_list.html",
        child,
        "concerns",
        open_concerns=[c for c in concerns if c.status == Concern.Status.OPEN],
        resolved=[c for c in concerns if c.status == Concern.Status.RESOLVED],
    )


@login_required
def concern_first(request: HttpRequest, child_id) -> HttpResponse:
    """Set-up's third step: the worry, with what the parent has seen, becomes a concern
    with its evidence, and the letter that puts it in writing opens with the draft."""
    child = child_for_form(request, child_id)
    form = FirstConcernForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        concern = Concern.objects.create(
            child=child, title=form.cleaned_data["title"], request=form.cleaned_data["request"]
        )
        for text in form.bullets():
            concern_rules.add_evidence(concern, text=text)
        messages.success(
            request, _("Your concern is saved. Here is the letter that puts it in writing.")
        )
        letter = reverse("letter_new", args=[child.pk, "written_concerns"])
        return redirect(f"{letter}?concern={concern.pk}")
    return _page(
        request,
        "advocacy/setup_concern.html",
        child,
        "concerns",
        status=400 if form.errors else 200,
        form=form,
        steps=SETUP_STEPS,
        step="concern",
    )


@login_required
def concern_new(request: HttpRequest, child_id) -> HttpResponse:
    child = child_for_form(request, child_id)
    # A link may start the concern with its words ("Raise this as a concern" on the IEP
    # checks): shown as the form's first values, checked like any other when saved.
    offered = {name: request.GET.get(name, "")[:2000] for name in ("title", "details", "area")}
    form = ConcernForm(request.POST or None, initial={k: v for k, v in offered.items() if v})
    if request.method == "POST" and form.is_valid():
        concern = form.save(commit=False)
        concern.child = child
        concern.save()
        messages.success(request, _("Concern saved. Now add your evidence, one bullet at a time."))
        return redirect(reverse("concern_detail", args=[child.pk, concern.pk]) + "#add-evidence")
    return _page(
        request,
        "advocacy/concern_form.html",
        child,
        "concerns",
        status=400 if form.errors else 200,
        form=form,
        concern=None,
    )


@login_required
def concern_detail(request: HttpRequest, child_id, concern_id) -> HttpResponse:
    concern = _of_child(request, Concern, concern_id, child_id)
    return _concern_page(request, concern, EvidenceForm())


def _concern_page(request, concern, evidence_form, status=200):
    child = concern.child
    return _page(
        request,
        "advocacy/concern_detail.html",
        child,
        "concerns",
        status=status,
        concern=concern,
        evidence=list(concern.evidence.all()),
        evidence_form=evidence_form,
        asks=list(concern.asks.select_related("asked_of")),
        writable_concern=can_write(concern),
    )


@login_required
def concern_edit(request: HttpRequest, child_id, concern_id) -> HttpResponse:
    concern = _of_child(request, Concern, concern_id, child_id, write=request.method == "POST")
    form = ConcernForm(request.POST or None, instance=concern)
    if request.method == "POST" and form.is_valid():
        form.save()
        messages.success(request, _("Concern updated."))
        return redirect("concern_detail", child_id, concern.pk)
    return _page(
        request,
        "advocacy/concern_form.html",
        concern.child,
        "concerns",
        status=400 if form.errors else 200,
        form=form,
        concern=concern,
    )


@require_POST
@login_required
def concern_status(request: HttpRequest, child_id, concern_id) -> HttpResponse:
    concern = _of_child(request, Concern, concern_id, child_id, write=True)
    if request.POST.get("status") == Concern.Status.RESOLVED:
        concern_rules.resolve(concern)
        messages.success(request, _("Marked as resolved. You can reopen it at any time."))
    else:
        concern_rules.reopen(concern)
        messages.success(request, _("Reopened."))
    return redirect("concern_detail", child_id, concern.pk)


@require_POST
@login_required
def evidence_add(request: HttpRequest, child_id, concern_id) -> HttpResponse:
    concern = _of_child(request, Concern, concern_id, child_id, write=True)
    form = EvidenceForm(request.POST, request.FILES)
    if not form.is_valid():
        return _concern_page(request, concern, form, status=400)
    concern_rules.add_evidence(concern, **form.cleaned_data)
    messages.success(request, _("Evidence added."))
    return redirect(reverse("concern_detail", args=[child_id, concern.pk]) + "#add-evidence")


@require_POST
@login_required
def evidence_remove(request: HttpRequest, child_id, evidence_id) -> HttpResponse:
    evidence = _of_child(request, Evidence, evidence_id, child_id, write=True, related=("concern",))
    concern_id = evidence.concern_id
    concern_rules.remove_evidence(evidence)
    messages.success(request, _("Evidence removed."))
    return redirect("concern_detail", child_id, concern_id)


@login_required
def evidence_file(request: HttpRequest, child_id, evidence_id) -> FileResponse:
    evidence = _of_child(request, Evidence, evidence_id, child_id, related=("concern",))
    if not evidence.attachment:
        raise Http404
    response = FileResponse(
        evidence.attachment.open("rb"),
        as_attachment=True,
        filename=evidence.attachment_name or "evidence",
        content_type="application/octet-stream",
    )
    response["X-Content-Type-Options"] = "nosniff"
    response["Cache-Control"] = "private, no-store"
    return response


# Asks

ANSWERED_SHOWN = 25  # the latest; every one that waits is always listed


@login_required
@conditional_page
def ask_list(request: HttpRequest, child_id) -> HttpResponse:
    child = child_for_read(request, child_id, prefetch=("breaks",))
    today = child.today()
    # Every ask as a row, in the model's order (asked on, then created): one query for the
    # waiting and the answered, whom they were asked of read with the team.
    rows = ask_rows(child)
    answered = [row for row in reversed(rows) if row.status != AskStatus.OPEN]  # latest first
    show_all = request.GET.get("answered") == "all"
    return _page(
        request,
        "advocacy/ask_list.html",
        child,
        "asks",
        waiting=ask_rules.open_asks(child, today, asks=rows),
        answered=answered if show_all else answered[:ANSWERED_SHOWN],
        answered_count=len(answered),
        today=today,
    )


@login_required
def ask_new(request: HttpRequest, child_id) -> HttpResponse:
    child = child_for_form(request, child_id)
    today = child.today()
    initial = {"asked_on": today, "concern": request.GET.get("concern") or None}
    form = AskForm(request.POST or None, child=child, initial=initial)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        ask = ask_rules.open_ask(
            child,
            subject=data["subject"],
            asked_on=data["asked_on"],
            reply_due_on=data["reply_due"],
            asked_of=data["asked_of"],
            details=data["details"],
            channel=data["channel"],
            concern=data["concern"],
        )
        day = date_format(ask.reply_due, "MONTH_DAY_FORMAT")
        messages.success(request, _("Saved. We'll count the days until %(day)s.") % {"day": day})
        return redirect("ask_detail", child.pk, ask.pk)
    return _page(
        request,
        "advocacy/ask_form.html",
        child,
        "asks",
        status=400 if form.errors else 200,
        form=form,
    )


@login_required
def ask_detail(request: HttpRequest, child_id, ask_id) -> HttpResponse:
    ask = _of_child(request, Ask, ask_id, child_id, related=("child", "asked_of", "concern"))
    today = ask.child.today()
    form = ReplyForm(ask=ask, initial={"date": today, "channel": ask.channel})
    return _ask_page(request, ask, form, today)


def _ask_page(request, ask, form, today, status=200):
    # Recognised from the stored reply, so the offer survives a reload; once the parent
    # has logged a refusal for this ask, it is not offered again.
    detection = refusal_language.detect(ask.reply_text) if ask.reply_text else None
    return _page(
        request,
        "advocacy/ask_detail.html",
        ask.child,
        "asks",
        status=status,
        ask=ask,
        form=form,
        wait=ask_rules.waiting(ask, today),
        detection=detection,
        # A reply saved as refused is a refusal even where nothing was heard (decision 0109).
        refusal_logged=ask.refusals.first() if ask.reply_text else None,
        writable_ask=can_write(ask),
        letters=list(ask.letters.all()),
        # The chain of command as one thread (decision 0036): where the request now waits.
        carried_to=(
            ask.original.carried_up.select_related("asked_of").order_by("-asked_on").first()
            if ask.escalated_on
            else None
        ),
    )


@login_required
def ask_edit(request: HttpRequest, child_id, ask_id) -> HttpResponse:
    ask = _of_child(
        request,
        Ask,
        ask_id,
        child_id,
        write=request.method == "POST",
        related=("child", "asked_of", "concern"),
    )
    form = AskForm(request.POST or None, instance=ask, child=ask.child)
    if request.method == "POST" and form.is_valid():
        ask = ask_rules.edit_ask(form.save(commit=False))
        messages.success(request, _("Ask updated."))
        return redirect("ask_detail", child_id, ask.pk)
    return _page(
        request,
        "advocacy/ask_form.html",
        ask.child,
        "asks",
        status=400 if form.errors else 200,
        form=form,
        ask=ask,
    )


@require_POST
@login_required
def ask_reply(request: HttpRequest, child_id, ask_id) -> HttpResponse:
    ask = _of_child(
        request, Ask, ask_id, child_id, write=True, related=("child", "asked_of", "concern")
    )
    today = ask.child.today()
    form = ReplyForm(request.POST, ask=ask)
    if not form.is_valid():
        return _ask_page(request, ask, form, today, status=400)
    data = form.cleaned_data
    try:
        reply = ask_rules.record_reply(
            ask,
            text=data["text"],
            on=data["date"],
            outcome=data["outcome"],
            channel=data["channel"],
        )
    except ValidationError as error:
        form.add_error(None, error)
        return _ask_page(request, ask, form, today, status=400)
    messages.success(request, _("Reply saved, and added to the paper trail."))
    if reply.refusal.refusal:
        messages.warning(request, _("The reply sounds like a refusal: see below."))
    elif reply.refusal_record is not None:  # refused in the parent's word, heard or not
        messages.warning(request, _("Saved as a refusal: see below for what to do next."))
    return redirect("ask_detail", child_id, ask.pk)
