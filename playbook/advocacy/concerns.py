"""Concerns and their evidence: one bullet per example, reason or data point."""

from __future__ import annotations

from datetime import date

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import UploadedFile
from django.db import transaction
from django.db.models import Count, Max
from django.utils.translation import gettext

from .models import Concern, Evidence


def check_attachment(upload: UploadedFile | None) -> None:
    """Refuse a file over the upload limit before anything is stored."""
    if upload is None:
        return
    limit = settings.MAX_UPLOAD_BYTES
    if upload.size is not None and upload.size > limit:
        raise ValidationError(
            gettext(
                "That file is %(size)s MB; the limit is %(limit)s MB. Try a smaller scan "
                "or a photo of the page."
            )
            % {"size": f"{upload.size / 1_048_576:.1f}", "limit": limit // 1_048_576}
        )


def add_evidence(
    concern: Concern,
    *,
    text: str,
    kind: str = Evidence.Kind.EXAMPLE,
    date: date | None = None,
    attachment: UploadedFile | None = None,
) -> Evidence:
    check_attachment(attachment)
    with transaction.atomic():
        last = concern.evidence.aggregate(last=Max("position"))["last"]
        evidence = Evidence(
            concern=concern,
            text=text.strip(),
            kind=kind,
            date=date,
            position=0 if last is None else last + 1,
        )
        if attachment is not None:
            evidence.attachment_name = (attachment.name or "attachment")[:255]
            evidence.attachment.save(attachment.name or "attachment", attachment, save=False)
        evidence.save()
    return evidence


def remove_evidence(evidence: Evidence) -> None:
    if evidence.attachment:
        evidence.attachment.delete(save=False)
    evidence.delete()


def with_evidence_counts(concerns):
    return concerns.annotate(evidence_count=Count("evidence"))


def resolve(concern: Concern) -> None:
    concern.status = Concern.Status.RESOLVED
    concern.save(update_fields=["status"])


def reopen(concern: Concern) -> None:
    concern.status = Concern.Status.OPEN
    concern.save(update_fields=["status"])
