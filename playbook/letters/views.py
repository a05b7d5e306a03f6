"""Letter pages: choose what the letter is about, see and edit the draft, get it as a file,
and say "I sent it" (the only step that writes to the trail)."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import Http404, HttpRequest, HttpResponse, QueryDict
from django.shortcuts import redirect, render
from django.utils import formats
from django.utils.translation import get_language, gettext
from django.views.decorators.http import require_POST

from playbook.accounts.access import can_write, get_for_user
from playbook.advocacy.models import Concern
from playbook.children.access import child_for_read, child_for_write
from playbook.children.conditional import conditional_page
from playbook.plain_text import validate_one_line

from . import compose, drafts, files, registry
from .forms import (
    NEW_CONCERN,
    LetterInputsForm,
    LetterTextForm,
    SentForm,
    check_edited_text,
    concern_param,
)
from .models import DeliveryError, Letter
from .params import ParamError


def _letter(request, child_id, letter_id, *, write: bool = False) -> Letter:
    letter = get_for_user(
        request.user,
        Letter,
        letter_id,
        write=write,
        queryset=Letter.objects.select_related("child", "child__household", "ask"),
    )
    if letter.child_id != child_id:
        raise Http404
    letter.child.viewer_role = letter.viewer_role
    return letter


def _kind(name: str) -> registry.LetterKind:
    try:
        return registry.get(name)
    except registry.UnknownKind as exc:
        raise Http404(str(exc)) from exc


@login_required
@conditional_page
def letter_list(request: HttpRequest, child_id) -> HttpResponse:
    child = child_for_read(request, child_id)
    letters = list(child.letters.order_by("-created_at"))
    return render(
        request,
        "letters/list.html",
        {
            "child": child,
            "section": "letters",
            "writable": can_write(child),
            "drafts": [x for x in letters if x.is_draft],
            "sent": [x for x in letters if not x.is_draft],
            "kinds": registry.all_kinds(),
        },
    )


@login_required
def letter_new(request: HttpRequest, child_id, kind: str) -> HttpResponse:
    letter_kind = _kind(kind)
    adding = request.method == "POST" and "add_concern" in request.POST
    saving = request.method == "POST" and not request.POST.get("redraw") and not adding
    typed_concern = (
        (request.POST.get(NEW_CONCERN) or "").strip() if request.method == "POST" else ""
    )
    writing = saving or (adding and typed_concern)
    child = (child_for_write if writing else child_for_read)(request, child_id)
    data = request.POST if request.method == "POST" else request.GET
    first_look = request.method == "GET" and not data
    if first_look:
        # Draft straight away when nothing needs choosing first (the Parent Concerns
        # statement, a records request), or when the one open concern is the obvious choice.
        data = _first_draft_inputs(letter_kind, child)
    if writing and typed_concern:
        data = _with_added_concern(request, letter_kind, child, data, typed_concern)
    inputs = LetterInputsForm(data or None, kind=letter_kind, child=child)
    if (request.method == "GET" or adding) and inputs.is_bound and inputs.lacks_required():
        # A link, or a concern just added, carried only some inputs: no errors for the rest.
        inputs = LetterInputsForm(initial=inputs.typed(), kind=letter_kind, child=child)
    draft = None
    letter_lang = _letter_language(data, letter_kind, request.user)
    if inputs.is_bound and inputs.is_valid():
        try:
            draft = compose.draft(
                child,
                kind,
                inputs.raw_params(),
                today=child.today(),
                sender=compose.Sender.of(request.user),
                lang=letter_lang,
            )
        except ParamError as error:
            if first_look:
                # Drafted unasked on opening the page: a choice it still needs is the
                # parent's to make, not an error to greet them with.
                inputs = LetterInputsForm(initial=inputs.typed(), kind=letter_kind, child=child)
            else:
                field = error.name if error.name in inputs.fields else None
                inputs.add_error(field, error.shown_message)
    text, edited = _kept_text(data, draft)
    if saving and draft is not None and check_edited_text(inputs, text):
        letter = drafts.save_draft(
            child, draft, author=request.user, subject=text["subject"], body=text["body"]
        )
        messages.success(
            request, gettext("Draft saved. Copy it, download it, or send it, then tell us.")
        )
        return redirect("letter_detail", child.pk, letter.pk)
    status = 400 if saving or (inputs.is_bound and inputs.errors and data.get("redraw")) else 200
    return render(
        request,
        "letters/new.html",
        {
            "child": child,
            "section": "letters",
            "kind": letter_kind,
            "inputs": inputs,
            # A kind may use "to" for something else (the make-up services letter's end date).
            "chooses_addressee": any(
                p.name == "to" and p.model for p in compose.all_params(letter_kind)
            ),
            "draft": draft,
            "text": text,
            "edited": edited,
            "writable": can_write(child),
            "letter_lang": letter_lang,
        },
        status=status,
    )


def _first_draft_inputs(kind: registry.LetterKind, child) -> QueryDict:
    data = QueryDict(mutable=True)
    required = [p for p in compose.all_params(kind) if p.required]
    param = concern_param(kind)
    if param is not None and param.required and required == [param]:
        open_concerns = list(child.concerns.filter(status="open").values_list("pk", flat=True)[:2])
        if len(open_concerns) == 1:
            data[param.name] = str(open_concerns[0])
            required = []
    if not required:
        data["redraw"] = ""
    return data


def _with_added_concern(request, kind, child, data, title: str) -> QueryDict:
    """The concern typed inside the letter form, saved with the child's concerns and chosen
    for this letter (checked like any one-line text; a bad one is left to the form)."""
    param = concern_param(kind)
    try:
        validate_one_line(title)
    except ValidationError:
        return data
    if param is None or len(title) > 200:
        return data
    concern = Concern.objects.create(child=child, title=title)
    messages.success(
        request, gettext("“%(title)s” is saved with your concerns.") % {"title": title}
    )
    data = data.copy()
    if param.many:
        data.setlist(param.name, [*data.getlist(param.name), str(concern.pk)])
    else:
        data[param.name] = str(concern.pk)
    data[NEW_CONCERN] = ""
    return data


def _letter_language(data, kind: registry.LetterKind, user) -> str:
    """The language asked for, else the parent's own when this kind is written in it."""
    if data.get("lang"):
        return data["lang"]
    return user.language if user.language in kind.languages else "en"


def _kept_text(data, draft) -> tuple[dict, bool]:
    """The draft text to show: the parent's edit when they changed what we generated
    (so redrawing never throws their words away), else the fresh draft."""
    generated = {"subject": draft.subject if draft else "", "body": draft.body if draft else ""}
    text = dict(generated)
    edited = False
    for name in ("subject", "body"):
        typed = (data.get(name) or "").strip()
        before = (data.get(f"generated_{name}") or "").strip()
        if typed and typed != before and not data.get("fresh"):
            text[name] = typed
            edited = True
    text.update({f"generated_{k}": v for k, v in generated.items()})
    return text, edited


@login_required
def letter_detail(request: HttpRequest, child_id, letter_id) -> HttpResponse:
    letter = _letter(request, child_id, letter_id)
    return _detail(request, letter)


def _detail(request, letter, *, text_form=None, sent_form=None, status=200):
    child = letter.child
    today = child.today()
    kind = _kind(letter.kind)
    # A kind may offer the next letter once this one is sent (escalation: the courtesy note).
    follow_on = getattr(kind, "follow_on", None)
    return render(
        request,
        "letters/detail.html",
        {
            "child": child,
            "section": "letters",
            "letter": letter,
            "kind": kind,
            "writable": can_write(letter),
            "follow_on": follow_on(letter) if follow_on and can_write(letter) else None,
            "text_form": text_form
            or LetterTextForm(initial={"subject": letter.subject, "body": letter.body}),
            "sent_form": sent_form
            or SentForm(initial={"date": today, "via": letter.planned_delivery}),
            "mailto": files.mailto(letter),
        },
        status=status,
    )


@require_POST
@login_required
def letter_edit(request: HttpRequest, child_id, letter_id) -> HttpResponse:
    letter = _letter(request, child_id, letter_id, write=True)
    form = LetterTextForm(request.POST)
    if not letter.is_draft:
        messages.error(request, gettext("This letter was sent, so it can no longer change."))
        return redirect("letter_detail", child_id, letter.pk)
    if not form.is_valid() or not form.cleaned_data["body"].strip():
        if form.is_valid():
            form.add_error("body", gettext("The letter text can't be empty."))
        return _detail(request, letter, text_form=form, status=400)
    drafts.edit_draft(letter, subject=form.cleaned_data["subject"], body=form.cleaned_data["body"])
    messages.success(request, gettext("Your changes are saved."))
    return redirect("letter_detail", child_id, letter.pk)


@require_POST
@login_required
def letter_sent(request: HttpRequest, child_id, letter_id) -> HttpResponse:
    letter = _letter(request, child_id, letter_id, write=True)
    form = SentForm(request.POST)
    if not form.is_valid():
        return _detail(request, letter, sent_form=form, status=400)
    try:
        letter = drafts.mark_sent(
            letter,
            form.cleaned_data["date"],
            form.cleaned_data["via"],
            form.cleaned_data["tracking_number"],
        )
    except drafts.AlreadySent as exc:
        messages.error(request, str(exc))
        return redirect("letter_detail", child_id, letter.pk)
    except DeliveryError as exc:
        form.add_error("tracking_number", gettext(exc.message))
        return _detail(request, letter, sent_form=form, status=400)
    except drafts.SentLater as exc:
        form.add_error("date", str(exc))
        return _detail(request, letter, sent_form=form, status=400)
    except ParamError as exc:
        form.add_error(
            None,
            gettext(
                "Something this letter is about has changed (%(problem)s). Start a fresh draft."
            )
            % {"problem": exc.shown},
        )
        return _detail(request, letter, sent_form=form, status=400)
    messages.success(request, confirmation(letter))
    return redirect("letter_detail", child_id, letter.pk)


@require_POST
@login_required
def letter_send_lang(request: HttpRequest, child_id, letter_id) -> HttpResponse:
    """Which text of a pair goes to the school: the English letter or the Spanish one."""
    letter = _letter(request, child_id, letter_id, write=True)
    try:
        drafts.choose_send_lang(letter, request.POST.get("send_lang", ""))
    except drafts.SendTextError as exc:
        messages.error(request, exc.message)
        return redirect("letter_detail", child_id, letter.pk)
    if letter.sends_translation:
        messages.success(request, gettext("You will send the Spanish letter."))
    else:
        messages.success(request, gettext("You will send the English letter."))
    return redirect("letter_detail", child_id, letter.pk)


def confirmation(letter: Letter) -> str:
    """What the page says once a letter is marked sent, in the reader's language."""
    said = gettext("Added to your paper trail as sent on %(day)s.") % {"day": _day(letter.sent_on)}
    if letter.ask and letter.ask.reply_due:
        more = gettext("We'll remind you if there's no reply by %(day)s.") % {
            "day": _day(letter.ask.reply_due)
        }
        return f"{said} {more}"
    return said


def _day(day) -> str:
    if (get_language() or "en").startswith("en"):
        return f"{day:%B} {day.day}, {day.year}"
    return formats.date_format(day, "DATE_FORMAT")


@login_required
def letter_file(request: HttpRequest, child_id, letter_id, ext: str) -> HttpResponse:
    if ext not in files.RENDERERS:
        raise Http404
    letter = _letter(request, child_id, letter_id)
    content = files.RENDERERS[ext](letter, files.sender_address(request.user))
    response = HttpResponse(content, content_type=files.CONTENT_TYPES[ext])
    response["Content-Disposition"] = f'attachment; filename="{files.filename(letter, ext)}"'
    response["Cache-Control"] = "private, no-store"
    return response


@login_required
def letter_pair_file(request: HttpRequest, child_id, letter_id, ext: str) -> HttpResponse:
    """The bilingual pair: the English letter and the parent's Spanish copy, numbered alike."""
    letter = _letter(request, child_id, letter_id)
    if ext not in files.PAIR_RENDERERS or not letter.is_pair:
        raise Http404
    content = files.PAIR_RENDERERS[ext](letter, files.sender_address(request.user))
    response = HttpResponse(content, content_type=files.CONTENT_TYPES[ext])
    name = files.filename(letter, ext).replace(f".{ext}", f"-en-es.{ext}")
    response["Content-Disposition"] = f'attachment; filename="{name}"'
    response["Cache-Control"] = "private, no-store"
    return response
