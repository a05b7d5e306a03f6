"""Forms for concerns, evidence, asks and replies."""

from __future__ import annotations

import html

from django import forms
from django.utils.html import strip_tags
from django.utils.translation import get_language, gettext, ngettext
from django.utils.translation import gettext_lazy as _

from playbook.children.templatetags.children_labels import role_shown
from playbook.days_in_reach import in_reach
from playbook.plain_text import validate_block, validate_one_line

from . import labels
from .asks import ASKED_LATER, DEFAULT_REPLY_SCHOOL_DAYS, REPLY_OUTCOMES
from .concerns import check_attachment
from .models import Ask, Concern


class DateInput(forms.DateInput):
    input_type = "date"

    def __init__(self, **kwargs) -> None:
        super().__init__(format="%Y-%m-%d", **kwargs)


DATE_ERROR = {"invalid": _("Enter a real date, like 2026-03-14.")}


def _marking_own_words() -> bool:
    """The family's words are marked as theirs on a page in another language than English
    (decision 0041: the English HTML is unchanged, and tests pin it)."""
    return not (get_language() or "en").startswith("en")


class OwnWordsTextarea(forms.Textarea):
    """A textarea holding the family's words (a concern's details, the school's reply), shown
    as written whatever the page's language: marked data-own-words (decision 0041)."""

    def get_context(self, name, value, attrs):
        context = super().get_context(name, value, attrs)
        if _marking_own_words():
            context["widget"]["attrs"]["data-own-words"] = True
        return context


class OwnWordsSelect(forms.Select):
    """A select whose options (but the empty one) are the family's words: a concern's
    title, an ask's subject. Marked so, as a page marks a record's title (decision 0041)."""

    def create_option(self, name, value, label, selected, index, subindex=None, attrs=None):
        option = super().create_option(name, value, label, selected, index, subindex, attrs)
        if value not in (None, "") and _marking_own_words():
            option["attrs"]["data-own-words"] = True
        return option


def team_member_label(member) -> str:
    """A team member as an option: name (role), the role in the reader's language. An
    option holds text only, so the role's marks (a discipline is the family's word) go."""
    return f"{member.name} ({html.unescape(strip_tags(role_shown(member)))})"


class ConcernForm(forms.ModelForm):
    class Meta:
        model = Concern
        fields = ["title", "area", "details", "request"]
        labels = {
            "title": _("Your concern, in a few words"),
            "area": _("Area"),
            "details": _("More about it"),
            "request": _("What you are asking the school to do"),
        }
        help_texts = {
            "title": _("For example: Reading is not improving."),
            "area": _("Reading, behaviour, speech, OT, placement..."),
            "request": _("Be specific: what, how often, starting when."),
        }
        widgets = {
            "details": OwnWordsTextarea(attrs={"rows": 4}),
            "request": OwnWordsTextarea(attrs={"rows": 3}),
        }
        error_messages = {"title": {"required": _("Give the concern a short title.")}}


class EvidenceForm(forms.Form):
    text = forms.CharField(
        label=_("One piece of evidence"),
        help_text=_("One example, reason or data point. Keep it to a sentence or two."),
        widget=forms.Textarea(attrs={"rows": 2}),
        error_messages={"required": _("Write the evidence before adding it.")},
    )
    kind = forms.ChoiceField(label=_("What kind"), choices=labels.choices(labels.EVIDENCE_KINDS))
    date = forms.DateField(
        validators=[in_reach],
        label=_("When"),
        required=False,
        widget=DateInput(),
        error_messages=DATE_ERROR,
    )
    attachment = forms.FileField(
        label=_("A file that shows it"),
        required=False,
        help_text=_("A photo, scan or document, up to the upload limit."),
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
            "subject": _("What you asked for"),
            "details": _("More detail"),
            "asked_of": _("Who you asked"),
            "asked_on": _("When you asked"),
            "channel": _("How you asked"),
            "reply_due": _("Reply expected by"),
            "concern": _("About which concern"),
        }
        help_texts = {
            "asked_of": _("From your child's team list."),
        }
        widgets = {
            "details": OwnWordsTextarea(attrs={"rows": 3}),
            "asked_on": DateInput(),
            "reply_due": DateInput(),
            "concern": OwnWordsSelect(),
        }
        error_messages = {
            "subject": {"required": _("Say what you asked for.")},
            "asked_on": {"required": _("Give the date you asked."), **DATE_ERROR},
            "reply_due": DATE_ERROR,
        }

    def __init__(self, *args, child, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.child = child
        self.fields["asked_of"].queryset = child.team.all()
        self.fields["asked_of"].empty_label = gettext("Not on the team list")
        self.fields["asked_of"].label_from_instance = team_member_label
        self.fields["concern"].queryset = child.concerns.all()
        self.fields["concern"].empty_label = gettext("None")
        self.fields["channel"].choices = labels.choices(labels.CHANNELS)
        self.fields["reply_due"].help_text = ngettext(
            "Leave empty for %(n)s school day after you asked.",
            "Leave empty for %(n)s school days after you asked.",
            DEFAULT_REPLY_SCHOOL_DAYS,
        ) % {"n": DEFAULT_REPLY_SCHOOL_DAYS}

    def clean(self):
        # Said here in the reader's language before the model's constraint says it in
        # English (a field with an error is left out of the constraint's check).
        data = super().clean()
        asked_on, reply_due = data.get("asked_on"), data.get("reply_due")
        if asked_on and "asked_on" in self.changed_data and asked_on > self.child.today():
            self.add_error("asked_on", gettext(ASKED_LATER))
        if asked_on and reply_due and reply_due < asked_on:
            self.add_error(
                "reply_due", gettext("The reply date can't be before the day you asked.")
            )
        return data


class ReplyForm(forms.Form):
    text = forms.CharField(
        label=_("What the school said"),
        help_text=_("Paste the reply, or write down what was said."),
        widget=OwnWordsTextarea(attrs={"rows": 5}),
        error_messages={"required": _("Write down the reply.")},
    )
    date = forms.DateField(
        validators=[in_reach],
        label=_("Date of the reply"),
        widget=DateInput(),
        error_messages={"required": _("Give the date of the reply."), **DATE_ERROR},
    )
    outcome = forms.ChoiceField(
        label=_("What it came to"),
        choices=[(str(value), labels.ASK_STATUSES[value]) for value in REPLY_OUTCOMES],
        # The trial compromise (moves.md, section 3) starts from an offer: a parent told no,
        # with something else offered, otherwise records a plain no and is never offered it.
        help_text=_(
            "They offered something else instead, such as a shared aide instead of a 1:1 "
            "aide? Choose Partly granted: you can then agree to try their offer on measured "
            "terms."
        ),
    )
    channel = forms.ChoiceField(label=_("How it came"), choices=labels.choices(labels.CHANNELS))

    def __init__(self, *args, ask: Ask, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.ask = ask

    def clean_date(self):
        # asks.record_reply refuses it too (in English, for the API); said here first.
        on = self.cleaned_data["date"]
        if on < self.ask.asked_on:
            raise forms.ValidationError(gettext("The reply can't come before the day you asked."))
        if on > self.ask.child.today():
            raise forms.ValidationError(
                gettext("That date has not come yet. Use the day the reply came.")
            )
        return on


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
