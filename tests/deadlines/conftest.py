from pathlib import Path

import pytest

# The browser-test fixtures (chromium path, axe-core) are shared from tests/browser.
from tests.browser.conftest import (  # noqa: F401
    axe_check,
    browser_context_args,
    browser_type_launch_args,
    screenshot,
)

STATIC = Path(__file__).resolve().parents[2] / "playbook" / "static"


@pytest.fixture(autouse=True)
def project_static_for_live_server(request, settings):
    # playbook/static belongs to no app, so the staticfiles finders (which live_server
    # uses) do not see it and htmx would not load; reported to the lead.
    if "live_server" in request.fixturenames:
        settings.STATICFILES_DIRS = [STATIC]
