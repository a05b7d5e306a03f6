"""Which language a person reads the app in (decision 0034).

The order: a `lang` parameter on the request (the API's way, and a link's); for the API,
its Accept-Language header; the person's saved choice; the switch's cookie (a visitor not
signed in); then the browser's Accept-Language. Anything else falls back to English.
"""

from __future__ import annotations

from django.conf import settings
from django.http import HttpRequest, HttpResponse, HttpResponseRedirect
from django.middleware.locale import LocaleMiddleware
from django.utils import translation
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation.trans_real import parse_accept_lang_header
from django.views.decorators.http import require_POST

CODES = [code for code, _name in settings.LANGUAGES]


def known(code: str | None) -> str | None:
    """The code if the app speaks it ("es-MX" reads as "es"), else None."""
    if not code:
        return None
    base = code.strip().lower().split("-")[0].split("_")[0]
    return base if base in CODES else None


def chosen(request: HttpRequest) -> str | None:
    if lang := known(request.GET.get("lang")):
        return lang
    if request.path_info.startswith("/api/") and (lang := from_header(request)):
        # A program says per request which language its people read.
        return lang
    user = getattr(request, "user", None)
    if user is not None and user.is_authenticated:
        return known(user.language)
    return None


def from_header(request: HttpRequest) -> str | None:
    header = request.META.get("HTTP_ACCEPT_LANGUAGE", "")
    for code, _quality in parse_accept_lang_header(header):
        if lang := known(code):
            return lang
    return None


class LanguageMiddleware(LocaleMiddleware):
    def process_request(self, request: HttpRequest) -> None:
        lang = chosen(request)
        if lang is None:
            super().process_request(request)
            return
        translation.activate(lang)
        request.LANGUAGE_CODE = lang


@require_POST
def switch_language(request: HttpRequest) -> HttpResponse:
    """The switch on every page: saved on the person, and in a cookie for visitors. A
    language the app does not speak leaves the choice as it was."""
    target = request.POST.get("next") or "/"
    if not url_has_allowed_host_and_scheme(
        target, allowed_hosts={request.get_host()}, require_https=request.is_secure()
    ):
        target = "/"
    response = HttpResponseRedirect(target)
    lang = known(request.POST.get("language"))
    if lang is None:
        return response
    if request.user.is_authenticated and request.user.language != lang:
        request.user.language = lang
        request.user.save(update_fields=["language"])
    response.set_cookie(
        settings.LANGUAGE_COOKIE_NAME,
        lang,
        max_age=365 * 24 * 3600,
        samesite="Lax",
        secure=request.is_secure(),
    )
    return response
