"""Forms for concerns, evidence, asks and replies."""

from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _

from playbook.plain_text import validate_block, validate_one_line

from .asks import DEFAULT_REPLY_SCHOOL_DAYS, REPLY_OUTCOMES
from .concerns import check_attachment
from .models import Ask, AskStatus, Channel, Concern, Evidence


class DateInput(forms.DateInput):
    input_type = "date"

    def __init__(self, **kwargs) -> None:
        super().__init__(format="%Y-%m-%d", **kwargs)


DATE_ERROR = {"invalid": "Enter a real date, like 2026-03-14."}


class ConcernForm(forms.ModelForm):
    class Meta:
        model = Concern
        fields = ["title", "area", "details", "request"]
        labels = {
            "title": "Your concern, in a few words",
            "area": "Area",
            "details": "More about it",
            "request": "What you are asking the school to do",
        }
        help_texts = {
            "title": "For example: Reading is not improving.",
            "area": "Reading, behaviour, speech, OT, placement...",
            "request": "Be specific: what, how often, starting when.",
        }
        widgets = {
            "details": forms.Textarea(attrs={"rows": 4}),
            "request": forms.Textarea(attrs={"rows": 3}),
        }
        error_messages = {"title": {"required": "Give the concern a short title."}}


class EvidenceForm(forms.Form):
    text = forms.CharField(
        label="One piece of evidence",
        help_text="One example, reason or data point. Keep it to a sentence or two.",
        widget=forms.Textarea(attrs={"rows": 2}),
        error_messages={"required": "Write the evidence before adding it."},
    )
    kind = forms.ChoiceField(label="What kind", choices=Evidence.Kind.choices)
    date = forms.DateField(
        label="When", required=False, widget=DateInput(), error_messages=DATE_ERROR
    )
    attachment = forms.FileField(
        label="A file that shows it",
        required=False,
        help_text="A photo, scan or document, up to the upload limit.",
    )

    def clean_attachment(self):
        upload = self.cleaned_data.get("attachment")
        check_attachment(upload)
        return upload


class AskForm(forms.ModelForm):
    class Meta:
        model = Ask
        fields = ["subject", "details", "asked_of", "asked_on", "channel", "reply_due", "concern"]
        labels = {
            "subject": "What you asked for",
            "details": "More detail",
            "asked_of": "Who you asked",
            "asked_on": "When you asked",
            "channel": "How you asked",
            "reply_due": "Reply expected by",
            "concern": "About which concern",
        }
        help_texts = {
            "reply_due": f"Leave empty for {DEFAULT_REPLY_SCHOOL_DAYS} school days after you asked.",
            "asked_of": "From your child's team list.",
        }
        widgets = {
            "details": forms.Textarea(attrs={"rows": 3}),
            "asked_on": DateInput(),
            "reply_due": DateInput(),
        }
        error_messages = {
            "subject": {"required": "Say what you asked for."},
            "asked_on": {"required": "Give the date you asked.", **DATE_ERROR},
            "reply_due": DATE_ERROR,
        }

    def __init__(self, *args, child, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.fields["asked_of"].queryset = child.team.all()
        self.fields["asked_of"].empty_label = "Not on the team list"
        self.fields["concern"].queryset = child.concerns.all()
        self.fields["concern"].empty_label = "None"


class ReplyForm(forms.Form):
    text = forms.CharField(
        label="What the school said",
        help_text="Paste the reply, or write down what was said.",
        widget=forms.Textarea(attrs={"rows": 5}),
        error_messages={"required": "Write down the reply."},
    )
    date = forms.DateField(
        label="Date of the reply",
        widget=DateInput(),
        error_messages={"required": "Give the date of the reply.", **DATE_ERROR},
    )
    outcome = forms.ChoiceField(
        label="What it came to",
        choices=[(value, AskStatus(value).label) for value in REPLY_OUTCOMES],
    )
    channel = forms.ChoiceField(label="How it came", choices=Channel.choices)

    def __init__(self, *args, ask: Ask, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.ask = ask


class FirstConcernForm(forms.Form):
    """The first-run question: what is worrying you, and what you have seen."""

    title = forms.CharField(
        label=_("What's worrying you?"),
        max_length=200,
        validators=[validate_one_line],
        help_text=_("In a few words. For example: Reading is not improving."),
        error_messages={"required": _("Say in a few words what is worrying you.")},
    )
    evidence = forms.CharField(
        label=_("What have you seen? One example per line"),
        widget=forms.Textarea(attrs={"rows": 5}),
        validators=[validate_block],
        help_text=_("Examples, dates, numbers, what a teacher said. Each line becomes a bullet."),
        error_messages={"required": _("Write at least one thing you have seen.")},
    )
    request = forms.CharField(
        label=_("What would you like the school to do?"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 2}),
        validators=[validate_block],
    )

    def bullets(self) -> list[str]:
        lines = (self.cleaned_data["evidence"] or "").splitlines()
        return [line.strip().lstrip("-*\u2022 ").strip() for line in lines if line.strip()]
