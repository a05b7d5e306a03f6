"""The app's urls plus /bench/bare/: the floor every page is compared with."""

from django.contrib.auth.decorators import login_required
from django.http import HttpResponse
from django.urls import path

from playbook.urls import handler400, handler403, handler404, handler500, urlpatterns

__all__ = ["handler400", "handler403", "handler404", "handler500", "urlpatterns"]

BARE_HTML = "<!doctype html><html lang=en><title>Bare</title><p>Hello.</p></html>"


@login_required
def bare(request):
    """A logged-in page that does nothing: session, user and middleware, no app code."""
    return HttpResponse(BARE_HTML)


urlpatterns = [path("bench/bare/", bare, name="bench_bare"), *urlpatterns]
