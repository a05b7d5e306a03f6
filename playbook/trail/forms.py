"""Forms of the trail pages: the quick log, a correction, the email upload, the filters,
the fingerprint check."""

from __future__ import annotations

from datetime import datetime, timedelta

from django import forms
from django.forms.utils import flatatt
from django.utils import timezone
from django.utils.choices import BaseChoiceIterator
from django.utils.html import format_html
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from playbook.children.models import Child, TeamMember
from playbook.days_in_reach import in_reach
from playbook.plain_text import validate_block, validate_one_line
from playbook.widgets import DateInput, LongSelect, TextInput, option_tags

from . import labels
from .chain import BadFingerprint, Fingerprint, parse_fingerprint
from .filters import EntryFilter, household_zone
from .log_entry import LogKind
from .models import Entry

_DATETIME = forms.DateTimeInput(attrs={"type": "datetime-local"}, format="%Y-%m-%dT%H:%M")


class _WhenField(forms.DateTimeField):
    """A date and time in the household's zone, never in the future."""

    def __init__(self, **kwargs) -> None:
        super().__init__(
            widget=_DATETIME,
            input_formats=["%Y-%m-%dT%H:%M", "%Y-%m-%d %H:%M", "%Y-%m-%d"],
            error_messages={"invalid": _("Enter the date and time, like 2026-09-14 15:30.")},
            **kwargs,
        )


def _local_now(child: Child) -> datetime:
    return timezone.localtime(timezone.now(), household_zone(child)).replace(
        second=0, microsecond=0, tzinfo=None
    )


class _ChildForm(forms.Form):
    def __init__(self, child: Child, *args, **kwargs) -> None:
        self.child = child
        super().__init__(*args, **kwargs)

    def _aware(self, when: datetime) -> datetime:
        # The form read the wall-clock time in the server's zone; it was meant in the
        # household's.
        if timezone.is_aware(when):
            when = timezone.make_naive(when, timezone.get_current_timezone())
        when = when.replace(tzinfo=household_zone(self.child))
        if when > timezone.now() + timedelta(minutes=5):
            raise forms.ValidationError(_("That is in the future: log what has already happened."))
        return when

    def _team_field(self, label: str, empty: str) -> forms.ModelChoiceField:
        return forms.ModelChoiceField(
            queryset=TeamMember.objects.filter(child=self.child),
            required=False,
            label=label,
            empty_label=empty,
            help_text=_("Someone missing? Add them on the Team page."),
        )


class LogForm(_ChildForm):
    kind = forms.ChoiceField(
        choices=labels.log_kind_choices,
        initial=LogKind.CALL,
        widget=forms.RadioSelect,
        label=_("What happened?"),
    )
    when = _WhenField(label=_("When"))
    text = forms.CharField(
        widget=forms.Textarea(attrs={"rows": 6}),
        label=_("What was said"),
        help_text=_("Their words where you remember them; what was agreed; what happens next."),
        validators=[validate_block],
        error_messages={"required": _("Write what was said, even a line or two.")},
    )

    def __init__(self, child: Child, *args, **kwargs) -> None:
        super().__init__(child, *args, **kwargs)
        self.fields["who"] = self._team_field(_("Who from the school team"), _("Not on the list"))
        self.order_fields(["kind", "who", "when", "text"])
        self.fields["when"].initial = _local_now(child)

    def clean_when(self) -> datetime:
        return self._aware(self.cleaned_data["when"])

    @property
    def log_kind(self) -> LogKind:
        return LogKind(self.cleaned_data["kind"])


class CorrectionForm(_ChildForm):
    when = _WhenField(label=_("When it happened"))
    kind = forms.ChoiceField(choices=labels.kind_choices, label=_("Kind"))
    direction = forms.ChoiceField(choices=labels.direction_choices, label=_("Direction"))
    subject = forms.CharField(
        max_length=500, required=False, label=_("Subject"), validators=[validate_one_line]
    )
    body = forms.CharField(
        # What was recorded, as the family or the school wrote it (issue 19).
        widget=forms.Textarea(attrs={"rows": 8, "data-own-words": ""}),
        label=_("What happened, corrected"),
        validators=[validate_block],
        error_messages={"required": _("Write the corrected account.")},
    )
    why = forms.CharField(
        max_length=300,
        required=False,
        label=_("What was wrong"),
        validators=[validate_one_line],
        help_text=_("For example: wrong date, wrong person, left out what was agreed."),
    )

    def __init__(self, child: Child, original: Entry, *args, **kwargs) -> None:
        super().__init__(child, *args, **kwargs)
        self.fields["who"] = self._team_field(
            _("Who from the school team"), _("Nobody in particular")
        )
        self.order_fields(["when", "kind", "direction", "who", "subject", "body", "why"])
        if not self.is_bound:
            zone = household_zone(child)
            self.initial = {
                "when": timezone.localtime(original.occurred_at, zone).replace(tzinfo=None),
                "kind": original.kind,
                "direction": original.direction,
                "who": original.counterpart_id,
                "subject": original.subject,
                "body": original.body,
            }

    def clean_when(self) -> datetime:
        return self._aware(self.cleaned_data["when"])


class ImportForm(forms.Form):
    file = forms.FileField(
        label=_("Email file (.eml or .mbox)"),
        help_text=_("One message saved as .eml, or a whole mailbox exported as .mbox."),
        error_messages={"required": _("Choose the .eml or .mbox file to import.")},
        widget=forms.ClearableFileInput(attrs={"accept": ".eml,.msg,.mbox,.mbx,message/rfc822"}),
    )


class FingerprintForm(forms.Form):
    """A chain head the parent kept, from a binder or a weekly email, to check against."""

    fingerprint = forms.CharField(
        label=_("The fingerprint you kept"),
        max_length=200,
        help_text=_(
            "From a binder or a weekly email, like 214:3f9a…: the entry number, a "
            "colon, and 64 letters and digits. Copy it in full."
        ),
        error_messages={
            "required": _("Paste the fingerprint you kept, like 214:3f9a…."),
            "max_length": _(
                "That is longer than a fingerprint: paste only the entry number, "
                "the colon and the 64 letters and digits after it."
            ),
        },
        widget=TextInput(attrs={"spellcheck": "false", "autocomplete": "off"}),
    )

    def clean_fingerprint(self) -> Fingerprint:
        try:
            return parse_fingerprint(self.cleaned_data["fingerprint"])
        except BadFingerprint as error:
            raise forms.ValidationError(str(error)) from None


class OwnWordsSelect(LongSelect):
    """A list of the family's concerns, asks or services: each one's title is the family's
    own words (issue 19); an empty choice ("Any ...") is the app's."""

    def render(self, name, value, attrs=None, renderer=None):
        selected = {str(v) for v in self.format_value(value)}
        options = option_tags(self.choices, selected, own_words=True)
        final_attrs = self.build_attrs(self.attrs, attrs)
        return format_html('<select name="{}"{}>{}</select>', name, flatatt(final_attrs), options)


class _Pairs(BaseChoiceIterator):
    """Flat (value, label) pairs, the form Django normalizes choices into, handed to a
    field as they are: a list is normalized again pair by pair, about 1 ms a page for the
    timeline's 260 people, concerns and asks."""

    def __init__(self, pairs: list[tuple[str, object]]) -> None:
        self.pairs = pairs

    def __iter__(self):
        return iter(self.pairs)


class TimelineFilterForm(forms.Form):
    """The timeline's filters. Choices come from lists the page has already fetched."""

    q = forms.CharField(required=False, label=_("Search words"), max_length=200)
    kind = forms.ChoiceField(required=False, label=_("Kind"), widget=LongSelect)
    person = forms.ChoiceField(required=False, label=_("Person"), widget=LongSelect)
    concern = forms.ChoiceField(required=False, label=_("Concern"), widget=OwnWordsSelect)
    ask = forms.ChoiceField(required=False, label=_("Ask"), widget=OwnWordsSelect)
    date_from = forms.DateField(
        validators=[in_reach],
        required=False,
        label=pgettext_lazy("dates", "From"),
        widget=DateInput(attrs={"type": "date"}),
        error_messages={"invalid": _("Enter a date like 2026-09-14.")},
    )
    date_to = forms.DateField(
        validators=[in_reach],
        required=False,
        label=pgettext_lazy("dates", "To"),
        widget=DateInput(attrs={"type": "date"}),
        error_messages={"invalid": _("Enter a date like 2026-09-14.")},
    )
    order = forms.ChoiceField(
        required=False,
        label=_("Order"),
        widget=LongSelect,
        choices=[
            ("newest", _("Newest first")),
            ("oldest", _("Oldest first")),
            ("relevance", _("Best match first (when searching)")),
        ],
    )

    def __init__(self, data, *, team, concerns, asks) -> None:
        """``team``, ``concerns`` and ``asks``: (id, name) pairs, in the order to list them."""
        super().__init__(data)
        self.fields["kind"].choices = [("", _("Any kind")), *labels.kind_choices()]
        self.fields["person"].choices = _Pairs(
            [("", _("Anyone")), *((str(pk), name) for pk, name in team)]
        )
        self.fields["concern"].choices = _Pairs(
            [("", _("Any concern")), *((str(pk), title) for pk, title in concerns)]
        )
        self.fields["ask"].choices = _Pairs(
            [("", _("Any ask")), *((str(pk), subject) for pk, subject in asks)]
        )

    def clean(self):
        data = super().clean()
        start, end = data.get("date_from"), data.get("date_to")
        if start and end and start > end:
            self.add_error("date_to", _("The end date comes before the start date."))
        return data

    def entry_filter(self) -> EntryFilter:
        data = self.cleaned_data if self.is_bound and self.is_valid() else {}
        return EntryFilter(
            kind=data.get("kind", ""),
            counterpart=data.get("person", ""),
            date_from=data.get("date_from"),
            date_to=data.get("date_to"),
            ask=data.get("ask", ""),
            concern=data.get("concern", ""),
            q=data.get("q", ""),
        )

    @property
    def newest_first(self) -> bool:
        return self.chosen_order != "oldest"

    @property
    def chosen_order(self) -> str:
        """newest, oldest or relevance (the best matches of a search first)."""
        data = self.cleaned_data if self.is_bound and self.is_valid() else {}
        return data.get("order") or "newest"
