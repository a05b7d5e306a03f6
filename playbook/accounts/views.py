from __future__ import annotations

from django.contrib import messages
from django.contrib.auth import login
from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.views.decorators.debug import sensitive_post_parameters

from playbook.accounts.access import for_user
from playbook.children.models import Child

from .forms import SignUpForm
from .households import create_parent


@sensitive_post_parameters("password")
def signup(request: HttpRequest) -> HttpResponse:
    if request.user.is_authenticated:
        return redirect("home")
    form = SignUpForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        user = create_parent(
            form.cleaned_data["email"],
            form.cleaned_data["password"],
            form.cleaned_data["display_name"],
        )
        login(request, user, backend="django.contrib.auth.backends.ModelBackend")
        messages.success(request, "Welcome. Let's set up your child's playbook.")
        return redirect("home")
    return render(
        request, "accounts/signup.html", {"form": form}, status=400 if form.errors else 200
    )


@login_required
def home(request: HttpRequest) -> HttpResponse:
    """The household home: one card per child; with one child, straight to that child."""
    children = list(for_user(request.user, Child).order_by("name"))
    if not children:
        return redirect("child_new")
    if len(children) == 1 and not request.GET.get("all"):
        return redirect("child_home", child_id=children[0].pk)
    return render(request, "accounts/home.html", {"children": children})


@login_required
def account(request: HttpRequest) -> HttpResponse:
    return render(request, "accounts/account.html", {})


def bad_request(request: HttpRequest, exception: Exception | None = None) -> HttpResponse:
    return render(request, "errors/400.html", status=400)


def permission_denied(request: HttpRequest, exception: Exception | None = None) -> HttpResponse:
    return render(request, "errors/403.html", {"reason": str(exception or "")}, status=403)


def page_not_found(request: HttpRequest, exception: Exception | None = None) -> HttpResponse:
    return render(request, "errors/404.html", status=404)


def server_error(request: HttpRequest) -> HttpResponse:
    return render(request, "errors/500.html", status=500)


def invite_accept(request: HttpRequest, token: str) -> HttpResponse:
    """Placeholder replaced by the sharing pages (issue 2)."""
    from django.http import Http404

    raise Http404
