"""API routes for accounts (API.md)."""

from __future__ import annotations

from ninja import Router

router = Router(tags=["accounts"])
