"""The simulated parents of benchmarks/scale_out.py (locust). Each parent is one seeded
household with its own child, logged in by a session cookie, and comes back every few
seconds to read the child page, log a call on the quick log page, draft a follow-up
letter for one of its asks, or tick this month's plan. Parents alternate between the two
app processes. Reads BENCH_PARENTS (a JSON file scale_out.py writes) and BENCH_HOSTS.
"""

from __future__ import annotations

import itertools
import json
import os
import re

from locust import HttpUser, between, task

PARENTS = json.loads(open(os.environ["BENCH_PARENTS"]).read())  # noqa: SIM115
HOSTS = os.environ["BENCH_HOSTS"].split(",")
WAIT = [float(s) for s in os.environ.get("BENCH_WAIT", "5,15").split(",")]
_next = itertools.count()

HIDDEN = re.compile(r'<input type="hidden" name="(item|period|month|done)" value="([^"]*)"')
WHEN = re.compile(r'name="when"[^>]*value="([^"]+)"|value="([^"]+)"[^>]*name="when"')


class Parent(HttpUser):
    wait_time = between(*WAIT)
    host = HOSTS[0]

    def on_start(self) -> None:
        n = next(_next)
        me = PARENTS[n % len(PARENTS)]
        self.base = HOSTS[n % len(HOSTS)] + f"/children/{me['child']}/"
        self.ask = me["ask"]
        self.client.cookies.set("sessionid", me["cookie"])

    def _post(self, url: str, data: dict, name: str) -> None:
        data["csrfmiddlewaretoken"] = self.client.cookies.get("csrftoken", "")
        with self.client.post(url, data=data, name=name, allow_redirects=False,
                              catch_response=True) as response:  # fmt: skip
            if response.status_code != 302:
                response.failure(f"expected a redirect, got {response.status_code}")

    @task(4)
    def read_child_page(self) -> None:
        self.client.get(self.base, name="read child page")

    @task(2)
    def log_entry(self) -> None:
        page = self.client.get(self.base + "timeline/log/", name="log entry: form")
        found = WHEN.search(page.text)
        when = (found.group(1) or found.group(2)) if found else ""
        self._post(self.base + "timeline/log/", {"kind": "call", "who": "", "when": when,
                   "text": "Called the case manager about reading minutes; she will check."},
                   "log entry: save")  # fmt: skip

    @task(1)
    def draft_letter(self) -> None:
        url = self.base + f"letters/new/follow_up/?ask={self.ask}"
        self.client.get(url, name="draft letter: form")
        self._post(self.base + "letters/new/follow_up/", {"ask": self.ask}, "draft letter: save")

    @task(1)
    def tick_plan(self) -> None:
        with self.client.get(self.base + "plan/", name="tick plan: page",
                             catch_response=True) as page:  # fmt: skip
            fields = dict(HIDDEN.findall(page.text)[:4])
            if "item" not in fields:
                page.failure("no plan item to tick")
                return
        self._post(self.base + "plan/tick/", fields, "tick plan: save")
