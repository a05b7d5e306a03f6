"""Which task workers are alive: each one says so every few seconds."""

from __future__ import annotations

from django.db import models
from django.utils import timezone


class WorkerBeat(models.Model):
    """A worker's last sign of life. A task still marked running whose worker has not been
    seen for a while was cut off (the process was killed, the host went down) and is
    handed to another worker (playbook.background.recovery)."""

    worker_id = models.CharField(max_length=64, primary_key=True)
    host = models.CharField(max_length=255)
    pid = models.PositiveIntegerField()
    started_at = models.DateTimeField(default=timezone.now)
    seen_at = models.DateTimeField(default=timezone.now)

    def __str__(self) -> str:
        return f"worker {self.worker_id} on {self.host} (pid {self.pid})"
