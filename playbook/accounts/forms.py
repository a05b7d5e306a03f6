from __future__ import annotations

from urllib.parse import urlsplit

from django import forms
from django.conf import settings
from django.contrib.auth import forms as auth_forms
from django.contrib.auth import password_validation
from django.contrib.auth.forms import AuthenticationForm
from django.utils import translation
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _

from .models import INVITABLE_ROLES, ROLE_WORDS, User, is_time_zone, time_zone_names


class SignUpForm(forms.Form):
    display_name = forms.CharField(
        label=_("Your name"), max_length=150, help_text=_("Used to sign your letters.")
    )
    email = forms.EmailField(label=_("Email address"))
    password = forms.CharField(
        label=_("Password"),
        widget=forms.PasswordInput(attrs={"autocomplete": "new-password"}),
        help_text=_("At least 8 characters; not a common password."),
    )
    language = forms.ChoiceField(
        label=_("Language"),
        choices=settings.LANGUAGES,
        help_text=_("The language the app speaks to you in. You can change it any time."),
        required=False,
    )

    # Filled in by the browser (static/js/playbook.js) with its own time zone, so the
    # family's dates start right; left empty or wrong, the household keeps its default.
    time_zone = forms.CharField(required=False, widget=forms.HiddenInput, max_length=64)

    def __init__(self, *args, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.fields["language"].initial = _page_language()

    def clean_time_zone(self) -> str:
        zone = self.cleaned_data.get("time_zone", "").strip()
        return zone if is_time_zone(zone) else ""

    def clean_language(self) -> str:
        # Left out, the account starts in the language the sign-up page was read in.
        return self.cleaned_data.get("language") or _page_language()

    def clean_email(self) -> str:
        # Whether the address has an account is not said here (households.sign_up).
        return self.cleaned_data["email"].lower()

    def clean(self) -> dict:
        data = super().clean()
        if data.get("password"):
            user = User(email=data.get("email", ""), display_name=data.get("display_name", ""))
            try:
                password_validation.validate_password(data["password"], user)
            except forms.ValidationError as exc:
                self.add_error("password", exc)
        return data


def _page_language() -> str:
    current = (get_language() or "en").split("-")[0]
    return current if current in dict(settings.LANGUAGES) else "en"


class LoginForm(AuthenticationForm):
    username = forms.EmailField(
        label=_("Email address"), widget=forms.EmailInput(attrs={"autofocus": True})
    )
    error_messages = {
        "invalid_login": _(
            "That email and password don't match an account. Check both, or reset your password."
        ),
        "inactive": _("This account is switched off."),
    }


class PasswordResetForm(auth_forms.PasswordResetForm):
    """The emailed link names SITE_URL, never the Host the request came with: a forged Host
    would otherwise point a parent's reset link at someone else's site."""

    def save(self, **options) -> None:
        site = urlsplit(settings.SITE_URL)
        options.update(domain_override=site.netloc, use_https=site.scheme == "https")
        super().save(**options)

    def send_mail(self, subject_template_name, email_template_name, context, *args, **kw):
        """In the account's language (decision 0049), not the reset page's."""
        from .verification import mail_language

        with translation.override(mail_language(context.get("user"))):
            super().send_mail(subject_template_name, email_template_name, context, *args, **kw)


class ProfileForm(forms.ModelForm):
    class Meta:
        model = User
        fields = ["display_name", "email", "phone", "postal_address", "language"]
        labels = {
            "display_name": _("Your name"),
            "email": _("Email address"),
            "phone": _("Phone"),
            "postal_address": _("Postal address"),
            "language": _("Language"),
        }
        help_texts = {
            "display_name": _("Used to sign your letters."),
            "phone": _("Printed under your name on your letters, so the school can call you."),
            "postal_address": _("Printed at the top of your letters, as on a paper letter."),
        }
        widgets = {"postal_address": forms.Textarea(attrs={"rows": 3})}

    def __init__(self, *args, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.email_before = self.instance.email
        # Left out (an older form, a script), the language stays as it was.
        self.fields["language"].required = False

    def clean_language(self) -> str:
        return self.cleaned_data.get("language") or self.instance.language or "en"

    def clean_email(self) -> str:
        email = self.cleaned_data["email"].lower()
        taken = User.objects.filter(email__iexact=email).exclude(pk=self.instance.pk)
        if taken.exists():
            raise forms.ValidationError(_("Another account already uses this email address."))
        return email

    @property
    def email_changed(self) -> bool:
        return self.cleaned_data["email"] != self.email_before.lower()

    def save(self, commit: bool = True) -> User:
        # A new address is confirmed again: invitations go by address (accounts.invites).
        if self.email_changed:
            self.instance.email_verified_at = None
        return super().save(commit)


class TokenForm(forms.Form):
    name = forms.CharField(
        label=_("What is this token for?"),
        max_length=100,
        help_text=_("A name you will recognise later, like “home server”."),
        error_messages={"required": _("Give the token a name.")},
    )


class InviteForm(forms.Form):
    email = forms.EmailField(
        label=_("Their email address"),
        error_messages={
            "required": _("Enter the email address to send the invitation to."),
            "invalid": _("Enter an email address like name@example.com."),
        },
    )
    role = forms.ChoiceField(
        label=_("What they can do"),
        choices=[("", _("Choose"))] + [(r.value, _(ROLE_WORDS[r])) for r in INVITABLE_ROLES],
        help_text=_("Read only: they see everything but change nothing."),
        error_messages={
            "required": _("Choose what they can do."),
            "invalid_choice": _("Choose one of the roles in the list."),
        },
    )
    # Decision 0049: someone who already has an account reads it in their own language.
    language = forms.ChoiceField(
        label=_("Language of the invitation email"),
        choices=settings.LANGUAGES,
        required=False,
        help_text=_("If they already have an account, it is written in their language."),
        error_messages={"invalid_choice": _("Choose English or Spanish.")},
    )


class TimeZoneForm(forms.Form):
    time_zone = forms.ChoiceField(
        label=_("Time zone"),
        # The zones' names are the time zone database's own, in English, in every language.
        widget=forms.Select(attrs={"lang": "en"}),
        help_text=_(
            "Where your family lives. Today's date, the dates letters carry and the "
            "days deadlines count from all follow it."
        ),
        error_messages={
            "required": _("Choose your family's time zone."),
            "invalid_choice": _(
                "“%(value)s” is not a time zone we know. Choose one from the "
                "list, like America/Chicago."
            ),
        },
    )

    def __init__(self, *args, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.fields["time_zone"].choices = [(z, z.replace("_", " ")) for z in time_zone_names()]
