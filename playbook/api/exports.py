"""API route for the binder (API.md)."""

from __future__ import annotations

from datetime import date
from uuid import UUID

from django.http import HttpRequest, HttpResponse
from ninja import Field, Query, Router, Schema
from ninja.errors import HttpError

from playbook.accounts.access import get_for_user
from playbook.advocacy.asks import family_today
from playbook.advocacy.models import Concern
from playbook.children.models import Child
from playbook.exports.binder import Scope, render_pdf

router = Router(tags=["exports"])


class BinderQuery(Schema):
    from_: date | None = Field(None, alias="from")
    to: date | None = None
    concern: UUID | None = None
    today: date | None = None

    model_config = {"populate_by_name": True}


@router.get(
    "children/{child_id}/binder.pdf",
    response={200: None},
    openapi_extra={
        "responses": {"200": {"description": "The binder", "content": {"application/pdf": {}}}}
    },
)
def binder_pdf(request: HttpRequest, child_id: str, query: Query[BinderQuery]):
    """The binder as a PDF; ?from=&to=&concern= narrow it."""
    child = get_for_user(request.user, Child, child_id)
    date_from = query.from_
    if date_from and query.to and query.to < date_from:
        raise HttpError(422, "to: must not be before from.")
    concern = None
    if query.concern:
        concern = Concern.objects.filter(child=child, pk=query.concern).first()
        if concern is None:
            raise HttpError(422, "concern: no concern of this child has that id.")
    pdf = render_pdf(child, Scope(date_from, query.to, concern), query.today or family_today(child))
    response = HttpResponse(pdf, content_type="application/pdf")
    response["Content-Disposition"] = f'attachment; filename="binder-{child.pk}.pdf"'
    return response
