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
# The latency run makes a few thousand API requests a minute from one account, far over
# the hosted rate, so the limit is raised; its counting still runs. Per second, not per
# minute: ninja's limiter keeps the time of every request in its window, and a minute of
# benchmark traffic is thousands of them, read and rewritten on every request, where a
# hosted account (600 a minute) keeps at most 600. A second of it is a few hundred.
API_RATE_AUTHENTICATED = "1000000/s"
