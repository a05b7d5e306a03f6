"""Pages for refusals (move 4), the chain of command (move 5) and the routes outside the
district."""

from __future__ import annotations

from datetime import date

from django import forms
from django.conf import settings
from django.contrib.auth.decorators import login_required
from django.http import FileResponse, Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.formats import date_format
from django.utils.translation import gettext, gettext_noop
from django.utils.translation import gettext_lazy as _
from django.views.decorators.http import require_safe

from playbook.accounts.access import can_write, for_user, get_for_user
from playbook.advocacy.forms import OwnWordsSelect, OwnWordsTextarea, team_member_label
from playbook.advocacy.models import Ask
from playbook.children.access import child_for_form, child_for_read, child_for_write, page_today
from playbook.children.conditional import conditional_page
from playbook.children.models import Child
from playbook.days_in_reach import in_reach
from playbook.refusals.models import Refusal
from playbook.trail.models import Attachment
from playbook.trail.refusal_language import detect

from . import outside_routes
from .refusals import SAID_LATER, PolicyDocument, log_refusal, record_policy_outcome

PolicyOutcome = Refusal.PolicyOutcome
MAX_WORDS = 20_000
# The phrase book's explanations a page shows (trail/refusal_phrases.toml: the
# needs-a-supervisor one), translated there with {% translate finding.explanation %}.
# tests/i18n/test_advocacy_spanish.py fails when the phrase book has one not listed here.
PHRASE_EXPLANATIONS = (
    gettext_noop(
        "The person you asked may agree but lacks authority: the next rung of the ladder "
        "can decide."
    ),
)


def _today(request: HttpRequest, child, *, view_only: bool = False) -> date:
    return page_today(request, child, view_only=view_only)


def _ask_label(ask: Ask) -> str:
    # The date as it always was here (2026-03-02): no language's own way of writing it.
    return gettext("%(subject)s (asked %(day)s)") % {
        "subject": ask.subject,
        "day": ask.asked_on.isoformat(),
    }


class RefusalForm(forms.Form):
    said_by = forms.ModelChoiceField(
        queryset=None,
        required=False,
        label=_("Who said no?"),
        empty_label=_("Not on the team list, or not sure"),
    )
    said_on = forms.DateField(
        validators=[in_reach],
        label=_("When?"),
        widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
    )
    words = forms.CharField(
        label=_("The words they used"),
        help_text=_("As close as you remember them. Quotes are best."),
        max_length=MAX_WORDS,
        widget=OwnWordsTextarea(attrs={"rows": 5}),
    )
    ask = forms.ModelChoiceField(
        queryset=None,
        required=False,
        label=_("Which of your asks was this an answer to?"),
        empty_label=_("None of them"),
        widget=OwnWordsSelect(),
    )

    def __init__(self, *args, child: Child, today: date, **kwargs):
        super().__init__(*args, **kwargs)
        self.today = today
        self.fields["said_by"].queryset = child.team.all()
        self.fields["said_by"].label_from_instance = team_member_label
        self.fields["ask"].queryset = child.asks.all()
        self.fields["ask"].label_from_instance = _ask_label

    def clean_said_on(self):
        said_on = self.cleaned_data["said_on"]
        if said_on > self.today:
            raise forms.ValidationError(gettext(SAID_LATER))
        return said_on

    def clean_words(self):
        words = self.cleaned_data["words"].strip()
        if not words:
            raise forms.ValidationError(gettext("Write down what they said, even roughly."))
        return words


class PolicyOutcomeForm(forms.Form):
    OUTCOMES = [
        (PolicyOutcome.PENDING, _("I asked, and I'm waiting for the answer")),
        (PolicyOutcome.PRODUCED, _("They showed me a written policy or law")),
        (PolicyOutcome.NONE_EXISTS, _("They said there is no such written policy")),
        (PolicyOutcome.NO_REPLY, _("I asked and got no reply")),
    ]
    outcome = forms.ChoiceField(
        choices=OUTCOMES, widget=forms.RadioSelect, label=_("What happened when you asked?")
    )
    on = forms.DateField(
        validators=[in_reach],
        label=_("When?"),
        widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
    )
    citation = forms.CharField(
        label=_("The policy's name or number"),
        help_text=_("For example: Board Policy 6164.4, or the law or regulation they named."),
        required=False,
        max_length=300,
    )
    document = forms.FileField(
        label=_("The policy document"),
        help_text=_("A PDF, photo or document. It is kept in your timeline."),
        required=False,
    )
    notes = forms.CharField(
        label=_("Notes"),
        required=False,
        max_length=5000,
        widget=OwnWordsTextarea(attrs={"rows": 3}),
    )

    def __init__(self, *args, today: date, **kwargs):
        super().__init__(*args, **kwargs)
        self.today = today

    def clean_on(self):
        on = self.cleaned_data["on"]
        if on > self.today:
            raise forms.ValidationError(gettext("That date is in the future."))
        return on

    def clean_document(self):
        document = self.cleaned_data.get("document")
        if document and document.size > settings.MAX_UPLOAD_BYTES:
            limit = settings.MAX_UPLOAD_BYTES // (1024 * 1024)
            raise forms.ValidationError(
                gettext("That file is too large: the limit is %(limit)s MB.") % {"limit": limit}
            )
        return document

    def clean(self):
        data = super().clean()
        produced = data.get("outcome") == PolicyOutcome.PRODUCED
        if produced and not data.get("citation") and not data.get("document"):
            self.add_error(
                "citation",
                gettext(
                    "Note the policy's name or number, or attach the document, so you can quote it."
                ),
            )
        return data


def _refusal(request: HttpRequest, child: Child, refusal_id) -> Refusal:
    queryset = Refusal.objects.select_related("said_by", "ask", "policy_entry", "child")
    refusal = get_for_user(request.user, Refusal, refusal_id, queryset=queryset)
    if refusal.child_id != child.pk:
        raise Http404
    return refusal


@require_safe
@login_required
@conditional_page
def refusal_list(request: HttpRequest, child_id) -> HttpResponse:
    child = child_for_read(request, child_id)
    refusals = list(
        for_user(request.user, Refusal).filter(child=child).select_related("said_by", "ask__about")
    )
    return render(
        request,
        "refusals/list.html",
        {
            "child": child,
            "section": "refusals",
            "refusals": refusals,
            "can_write": can_write(child),
        },
    )


@login_required
def refusal_new(request: HttpRequest, child_id) -> HttpResponse:
    child = child_for_write(request, child_id)
    today = _today(request, child)
    if request.method == "POST" and request.htmx and request.POST.get("check"):
        # Live check of the words as they are typed: nothing is saved.
        words = request.POST.get("words", "")[:MAX_WORDS]
        return render(request, "refusals/new.html#recognised", _recognised(words))
    if request.method == "POST":
        form = RefusalForm(request.POST, child=child, today=today)
        if form.is_valid():
            data = form.cleaned_data
            refusal = log_refusal(
                child,
                said_by=data["said_by"],
                said_on=data["said_on"],
                words=data["words"],
                ask=data["ask"],
            )
            return redirect("refusal_detail", child_id=child.pk, refusal_id=refusal.pk)
    else:
        form = RefusalForm(
            child=child, today=today, initial=_initial_from_ask(request, child, today)
        )
    words = form["words"].value() or ""
    return render(
        request,
        "refusals/new.html",
        {"child": child, "section": "refusals", "form": form, **_recognised(words)},
    )


def _recognised(words: str) -> dict:
    """What the recogniser hears in the words, and why it could not read them (not English,
    too long) once there are words to read."""
    detection = detect(words)
    return {"detection": detection, "reading_note": detection.note if words.strip() else ""}


def _initial_from_ask(request: HttpRequest, child: Child, today: date) -> dict:
    initial: dict = {"said_on": today}
    ask_id = request.GET.get("ask")
    if not ask_id:
        return initial
    try:
        ask = for_user(request.user, Ask).filter(child=child, pk=ask_id).first()
    except (ValueError, forms.ValidationError):
        ask = None
    if ask is None:
        return initial
    initial.update(
        ask=ask.pk,
        said_by=ask.asked_of_id,
        said_on=ask.reply_date or today,
        words=ask.reply_text,
    )
    return initial


@login_required
def refusal_detail(request: HttpRequest, child_id, refusal_id) -> HttpResponse:
    child = child_for_form(request, child_id)
    refusal = _refusal(request, child, refusal_id)
    today = _today(request, child)
    if request.method == "POST":
        form = PolicyOutcomeForm(request.POST, request.FILES, today=today)
        if form.is_valid():
            data = form.cleaned_data
            upload = data.get("document")
            document = None
            if upload:
                document = PolicyDocument(
                    upload.name, upload.read(), upload.content_type or "application/octet-stream"
                )
            record_policy_outcome(
                refusal,
                outcome=data["outcome"],
                on=data["on"],
                citation=data["citation"],
                notes=data["notes"],
                document=document,
            )
            return redirect("refusal_detail", child_id=child.pk, refusal_id=refusal.pk)
    else:
        form = PolicyOutcomeForm(
            today=today,
            initial={
                "outcome": refusal.policy_outcome or None,
                "on": refusal.policy_outcome_on or today,
                "citation": refusal.policy_citation,
                "notes": refusal.policy_notes,
            },
        )
    attachments = list(refusal.policy_entry.attachments.all()) if refusal.policy_entry else []
    return render(
        request,
        "refusals/detail.html",
        {
            "child": child,
            "section": "refusals",
            "refusal": refusal,
            "detection": detect(refusal.words),
            "form": form,
            "attachments": attachments,
            "can_write": can_write(child),
            "PolicyOutcome": PolicyOutcome,
        },
    )


@require_safe
@login_required
def policy_document(request: HttpRequest, child_id, refusal_id, attachment_id) -> FileResponse:
    child = child_for_read(request, child_id)
    refusal = _refusal(request, child, refusal_id)
    attachment = get_for_user(request.user, Attachment, attachment_id)
    if refusal.policy_entry_id is None or attachment.entry_id != refusal.policy_entry_id:
        raise Http404
    try:
        handle = attachment.file.open("rb")
    except (FileNotFoundError, ValueError) as exc:
        raise Http404 from exc
    return FileResponse(
        handle,
        as_attachment=True,
        filename=attachment.filename,
        content_type=attachment.content_type or "application/octet-stream",
    )


@require_safe
@login_required
def outside_routes_page(request: HttpRequest, child_id) -> HttpResponse:
    child = child_for_read(request, child_id)
    today = _today(request, child, view_only=True)
    triggers = outside_routes.triggers_for(child)
    chosen_error = ""
    chosen = request.GET.get("on", "")
    if chosen:
        try:
            on = date.fromisoformat(chosen)
        except ValueError:
            chosen_error = gettext("Use a date like 2025-03-03.")
        else:
            if on > today:
                chosen_error = gettext("That date is in the future.")
            else:
                triggers.insert(
                    0,
                    outside_routes.Trigger(
                        on,
                        "chosen",
                        gettext("the date you chose, %(day)s")
                        % {"day": date_format(on, "DATE_FORMAT")},
                    ),
                )
    routes = []
    for route in outside_routes.ROUTES:
        found = outside_routes.deadlines(route, triggers, today)
        still_open = [d for d in found if not d.closed]
        # The summary on top names each route's soonest window still open.
        routes.append(
            {
                "route": route,
                "deadlines": found,
                "next": min(still_open, key=lambda d: d.file_by) if still_open else None,
            }
        )
    return render(
        request,
        "refusals/outside_routes.html",
        {
            "child": child,
            "section": "outside_routes",
            "routes": routes,
            "triggers": triggers,
            "chosen": chosen,
            "chosen_error": chosen_error,
            "today": today,
        },
    )
