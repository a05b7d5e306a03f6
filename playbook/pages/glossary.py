"""The special-education words of the app, English and Spanish side by side (issue 19).

The terms live in glossary.json with, where one was checked, the public document whose
Spanish usage they follow."""

from __future__ import annotations

import json
from functools import cache
from pathlib import Path

from django.http import HttpRequest, HttpResponse
from django.shortcuts import render

DATA = Path(__file__).resolve().parent / "glossary.json"


@cache
def glossary() -> dict:
    return json.loads(DATA.read_text(encoding="utf-8"))


def terms() -> list[dict]:
    return glossary()["terms"]


def glossary_page(request: HttpRequest) -> HttpResponse:
    data = glossary()
    rows = [{**t, "source": data["sources"].get(t.get("source", ""))} for t in data["terms"]]
    return render(request, "pages/glossary.html", {"terms": rows, "sources": data["sources"]})
