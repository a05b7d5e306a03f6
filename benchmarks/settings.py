"""Settings for the benchmarks: the app's own settings, as hosted, plus a bare view.

The bare view lives in a benchmark-only urlconf so the app's urls stay as shipped.
"""

from playbook.settings import *  # noqa: F403
from playbook.settings import ALLOWED_HOSTS

ROOT_URLCONF = "benchmarks.urls"
# Django's test Client calls itself "testserver".
ALLOWED_HOSTS = [*ALLOWED_HOSTS, "testserver"]
# Every simulated parent comes from 127.0.0.1: a per-address limit would measure the
# limiter, not the app.
RATELIMIT_ENABLE = False
# The latency run makes a few thousand API requests a minute from one account: measure
# the routes, not the API's rate limit (whose counting still runs, as in production).
API_RATE_AUTHENTICATED = "1000000/m"
