from __future__ import annotations

import contextlib
from urllib.parse import urlencode

from django.conf import settings
from django.contrib import messages
from django.contrib.auth import login, update_session_auth_hash
from django.contrib.auth.decorators import login_required
from django.contrib.auth.forms import PasswordChangeForm
from django.core.exceptions import PermissionDenied, ValidationError
from django.db.models import Prefetch
from django.http import Http404, HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext
from django.views.decorators.debug import sensitive_post_parameters
from django.views.decorators.http import require_POST

from playbook.accounts.access import first_membership, for_user, get_for_user

from . import invites, verification
from .clock import show_times_in
from .forms import InviteForm, ProfileForm, SignUpForm, TokenForm
from .households import sign_up
from .models import ROLE_WORDS, ApiToken, Household, Invite, Membership, Role
from .next_page import local_next


@sensitive_post_parameters("password")
def signup(request: HttpRequest) -> HttpResponse:
    if request.user.is_authenticated:
        return redirect("home")
    initial = {"email": request.GET.get("email", "")}
    form = SignUpForm(request.POST or None, initial=initial)
    if request.method == "POST" and form.is_valid():
        # New address or not, the same answer: the email says which (households.sign_up).
        user = sign_up(
            form.cleaned_data["email"],
            form.cleaned_data["password"],
            form.cleaned_data["display_name"],
            next_url=local_next(request) or "",
            language=form.cleaned_data["language"],
            time_zone=form.cleaned_data["time_zone"],
        )
        if user is not None and _starts_at_once():
            # On a laptop, the one person at the keyboard starts straight away (decision 0033).
            login(request, user, backend="django.contrib.auth.backends.ModelBackend")
            messages.success(
                request,
                "Your account is ready. The link that confirms your email address is printed "
                "where IEP Playbook runs; you need it only to join a family that invites you.",
            )
            return redirect(local_next(request) or "home")
        return redirect("signup_sent")
    return render(
        request,
        "accounts/signup.html",
        {"form": form, "next": local_next(request) or ""},
        status=400 if form.errors else 200,
    )


def _email_goes_to_the_console() -> bool:
    return settings.EMAIL_BACKEND == "django.core.mail.backends.console.EmailBackend"


def _starts_at_once() -> bool:
    """A laptop: no email is really sent and an unconfirmed address may start. There a new
    account is signed in at once; wherever email goes out, it waits for the link."""
    return _email_goes_to_the_console() and not settings.REQUIRE_VERIFIED_EMAIL


def signup_sent(request: HttpRequest) -> HttpResponse:
    return render(request, "accounts/signup_sent.html", {"console": _email_goes_to_the_console()})


@login_required
def confirm_email(request: HttpRequest) -> HttpResponse:
    """The "check your email" page an account sees until it confirms its address."""
    if request.user.email_verified:
        return redirect(local_next(request) or "home")
    if request.method == "POST":
        next_url = local_next(request)
        if verification.send_confirmation(request.user, next_url or ""):
            messages.success(request, f"We sent a new link to {request.user.email}.")
        else:
            messages.error(
                request, "We could not send the email just now. Try again in a few minutes."
            )
        return redirect(next_url or "confirm_email")
    return render(
        request,
        "accounts/confirm_email.html",
        {
            "console": _email_goes_to_the_console(),
            "may_start": not settings.REQUIRE_VERIFIED_EMAIL,
        },
    )


def verify_email(request: HttpRequest, uidb64: str, token: str) -> HttpResponse:
    """The link in the confirmation email. It confirms the address, then carries on where
    the parent was going (an invitation, say), through the log-in page if need be."""
    user = verification.user_for_link(uidb64)
    if user is None or not (verification.confirm(user, token) or user.email_verified):
        return render(request, "accounts/confirm_email_invalid.html", status=404)
    next_url = local_next(request) or reverse("home")
    if request.user.is_authenticated and request.user.pk != user.pk:
        messages.info(
            request,
            gettext(
                "%(email)s is confirmed. You are logged in as %(current)s: log out, "
                "then log in as %(email)s to use it."
            )
            % {"email": user.email, "current": request.user.email},
        )
        return redirect("home")
    if request.user.is_authenticated:
        messages.success(request, gettext("Your email address is confirmed."))
        return redirect(next_url)
    messages.success(request, gettext("Your email address is confirmed. Log in to continue."))
    return redirect(f"{reverse('login')}?{urlencode({'next': next_url})}")


# The account page


def _account_page(request: HttpRequest, **context) -> HttpResponse:
    status = context.pop("status", 200)
    context.setdefault("profile_form", ProfileForm(instance=request.user))
    context.setdefault("token_form", TokenForm())
    context["tokens"] = request.user.api_tokens.order_by("-created_at")
    # A token is the person's, not a family's: its dates are drawn on their first family's
    # clock, as the household pages are.
    with contextlib.suppress(Http404):  # someone in no family yet: the server's clock
        show_times_in(first_membership(request.user).household.zone())
    return render(request, "accounts/account.html", context, status=status)


@login_required
def account(request: HttpRequest) -> HttpResponse:
    if request.method == "POST":
        form = ProfileForm(request.POST, instance=request.user)
        if form.is_valid():
            user = form.save()
            if form.email_changed:
                verification.send_confirmation(user)
                messages.success(
                    request,
                    f"Your details are saved. We sent a link to {user.email}: open it to "
                    "confirm your new address.",
                )
            else:
                messages.success(request, "Your details are saved.")
            return redirect("account")
        return _account_page(request, profile_form=form, status=400)
    return _account_page(request)


@login_required
@sensitive_post_parameters("old_password", "new_password1", "new_password2")
def password_change(request: HttpRequest) -> HttpResponse:
    form = PasswordChangeForm(request.user, request.POST or None)
    if request.method == "POST" and form.is_valid():
        had_api_tokens = request.user.api_tokens.exists()
        user = form.save()  # also revokes the API tokens (User.save)
        update_session_auth_hash(request, user)
        messages.success(
            request,
            gettext("Your password is changed.")
            + (
                " "
                + gettext(
                    "Your API tokens no longer work: make a new one below for any program"
                    " that still needs one."
                )
                if had_api_tokens
                else ""
            ),
        )
        return redirect("account")
    return render(
        request,
        "accounts/password_change.html",
        {"form": form},
        status=400 if form.errors else 200,
    )


@login_required
@require_POST
def token_create(request: HttpRequest) -> HttpResponse:
    form = TokenForm(request.POST)
    if not form.is_valid():
        return _account_page(request, token_form=form, status=400)
    token, raw = ApiToken.issue(request.user, form.cleaned_data["name"])
    # Rendered, not redirected: the raw key is shown this once and stored nowhere.
    response = _account_page(request, new_token=token, raw_token=raw)
    response["Cache-Control"] = "no-store"
    return response


@login_required
@require_POST
def token_revoke(request: HttpRequest, token_id) -> HttpResponse:
    token = request.user.api_tokens.filter(pk=token_id).first()
    if token is None:
        raise Http404
    token.delete()
    messages.success(request, f"The token \u201c{token.name}\u201d no longer works.")
    return redirect("account")


# Sharing


def _sharing_page(request: HttpRequest, **context) -> HttpResponse:
    status = context.pop("status", 200)
    open_invites = Invite.objects.filter(accepted_at__isnull=True, revoked_at__isnull=True)
    households = list(
        for_user(request.user, Household)
        .order_by("created_at")
        .prefetch_related(
            Prefetch(
                "memberships",
                queryset=Membership.objects.select_related("user").order_by("created_at"),
            ),
            Prefetch("invites", queryset=open_invites.order_by("-created_at"), to_attr="open"),
        )
    )
    for household in households:
        mine = next(m for m in household.memberships.all() if m.user_id == request.user.pk)
        household.my_role_label = gettext(ROLE_WORDS[Role(mine.role)])
        household.my_role = mine.role
        household.manageable = mine.role in (Role.OWNER, Role.PARENT)
        bound = context.get("invite_form")
        if bound is not None and context.get("invite_household") == household.pk:
            household.invite_form = bound
        else:
            household.invite_form = InviteForm(
                auto_id=f"id_{household.pk.hex[:8]}_%s",
                initial={"language": request.user.language or "en"},
            )
    context.update(households=households, section="sharing")
    return render(request, "accounts/sharing.html", context, status=status)


@login_required
def sharing(request: HttpRequest) -> HttpResponse:
    return _sharing_page(request)


@login_required
@require_POST
def invite_create(request: HttpRequest, household_id) -> HttpResponse:
    household = get_for_user(request.user, Household, household_id, write=True)
    form = InviteForm(request.POST, auto_id=f"id_{household.pk.hex[:8]}_%s")
    if form.is_valid():
        try:
            invite = invites.create_invite(
                household,
                form.cleaned_data["email"],
                form.cleaned_data["role"],
                request.user,
                language=form.cleaned_data.get("language") or "",
            )
        except ValidationError as exc:
            for field, errors in exc.message_dict.items():
                form.add_error(field if field in form.fields else None, errors)
        else:
            messages.success(
                request,
                gettext(
                    "We emailed an invitation to %(email)s. The link works until they "
                    "accept it or you withdraw it."
                )
                % {"email": invite.email},
            )
            return redirect("sharing")
    return _sharing_page(request, invite_form=form, invite_household=household.pk, status=400)


@login_required
@require_POST
def invite_revoke(request: HttpRequest, household_id, invite_id) -> HttpResponse:
    household = get_for_user(request.user, Household, household_id, write=True)
    invite = household.invites.filter(pk=invite_id).first()
    if invite is None:
        raise Http404
    invites.revoke_invite(invite, request.user)
    messages.success(
        request, gettext("The invitation to %(email)s is withdrawn.") % {"email": invite.email}
    )
    return redirect("sharing")


@login_required
def member_remove(request: HttpRequest, household_id, membership_id) -> HttpResponse:
    household = get_for_user(request.user, Household, household_id, write=True)
    membership = household.memberships.select_related("user").filter(pk=membership_id).first()
    if membership is None:
        raise Http404
    if not invites.can_manage(household, request.user):
        raise PermissionDenied(gettext("Only the family's owner or a parent can remove people."))
    if membership.role == Role.OWNER:
        raise PermissionDenied(gettext("The family's owner cannot be removed."))
    if request.method == "POST":
        invites.remove_member(membership, request.user)
        messages.success(
            request,
            gettext("%(name)s no longer has access.") % {"name": membership.user.signature_name},
        )
        if membership.user_id == request.user.pk:
            return redirect("home")
        return redirect("sharing")
    return render(
        request,
        "accounts/member_remove.html",
        {"household": household, "membership": membership, "section": "sharing"},
    )


def invite_accept(request: HttpRequest, token: str) -> HttpResponse:
    """The page an invitation email links to."""
    invite = invites.open_invite(token)
    if invite is None:
        return render(request, "accounts/invite_invalid.html", status=404)
    context = {"invite": invite, "role_label": gettext(ROLE_WORDS[Role(invite.role)])}
    if not request.user.is_authenticated:
        return render(request, "accounts/invite_accept.html", context)
    context["wrong_account"] = invite.email.lower() != request.user.email.lower()
    context["unconfirmed"] = not request.user.email_verified
    if request.method == "POST":
        try:
            invites.accept_invite(invite, request.user)
        except ValidationError as exc:
            context["error"] = " ".join(exc.messages)
            return render(request, "accounts/invite_accept.html", context, status=400)
        except PermissionDenied:
            return render(request, "accounts/invite_accept.html", context, status=403)
        messages.success(
            request,
            gettext("You are now part of %(family)s.") % {"family": invite.household.name},
        )
        return redirect("home")
    return render(request, "accounts/invite_accept.html", context)


def _api_error(request: HttpRequest, status: int, detail: str) -> HttpResponse | None:
    """Under /api/ the contract is JSON {"detail": ...}, even for a path no route knows."""
    if request.path_info.startswith("/api/"):
        return JsonResponse({"detail": detail}, status=status)
    return None


def bad_request(request: HttpRequest, exception: Exception | None = None) -> HttpResponse:
    return _api_error(request, 400, "Bad request.") or render(
        request, "errors/400.html", status=400
    )


def permission_denied(request: HttpRequest, exception: Exception | None = None) -> HttpResponse:
    reason = str(exception or "")
    return _api_error(request, 403, reason or "Forbidden.") or render(
        request, "errors/403.html", {"reason": reason}, status=403
    )


def page_not_found(request: HttpRequest, exception: Exception | None = None) -> HttpResponse:
    return _api_error(
        request, 404, "Not Found: no such route in the API (see /api/v1/docs)."
    ) or render(request, "errors/404.html", status=404)


def server_error(request: HttpRequest) -> HttpResponse:
    return _api_error(
        request, 500, "Something went wrong on our side; nothing was saved."
    ) or render(request, "errors/500.html", status=500)
