"""API routes for deadlines (API.md)."""

from __future__ import annotations

from ninja import Router

router = Router(tags=["deadlines"])
