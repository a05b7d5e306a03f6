# The browser-test fixtures (chromium path, axe-core) are shared from tests/browser.
from tests.browser.conftest import (  # noqa: F401
    axe_check,
    browser_context_args,
    browser_type_launch_args,
    screenshot,
)
