"""API routes for advocacy (API.md)."""

from __future__ import annotations

from ninja import Router

router = Router(tags=["advocacy"])
