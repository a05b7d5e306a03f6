"""The app's urls plus /bench/bare/: the floor every page is compared with."""

from django.contrib.auth.decorators import login_required
from django.http import HttpResponse
from django.template import engines
from django.urls import path

from playbook.urls import handler400, handler403, handler404, handler500, urlpatterns

__all__ = ["handler400", "handler403", "handler404", "handler500", "urlpatterns"]

BARE_HTML = "<!doctype html><html lang=en><title>Bare</title><p>Hello.</p></html>"


@login_required
def bare(request):
    """A logged-in page that does nothing: session, user and middleware, no app code."""
    return HttpResponse(BARE_HTML)


_LAYOUT = None


@login_required
def layout(request):
    """The app's layout (base.html) with nothing in it: what any page costs before its
    own content. A reference, not the aim."""
    global _LAYOUT
    if _LAYOUT is None:
        _LAYOUT = engines["django"].from_string(
            '{% extends "base.html" %}{% block content %}<p>Hello.</p>{% endblock %}'
        )
    return HttpResponse(_LAYOUT.render({}, request))


urlpatterns = [
    path("bench/bare/", bare, name="bench_bare"),
    path("bench/layout/", layout, name="bench_layout"),
    *urlpatterns,
]
