"""API routes for iep_import (API.md)."""

from __future__ import annotations

from ninja import Router

router = Router(tags=["iep_import"])
