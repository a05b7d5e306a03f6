"""Rules for files parents upload, and the one way such a file is served back.

Files live in the private default storage (settings.MEDIA_ROOT, never a public URL). They
are checked by their content, not their name, and sent back only as attachments from views
that have already checked the household (accounts.access).
"""

from __future__ import annotations

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import UploadedFile
from django.db.models.fields.files import FieldFile
from django.http import FileResponse, Http404
from django.utils.translation import gettext

from playbook.document_files import ZIP_MAGIC, is_pdf, is_word_document

# An IEP may be kept as the PDF or the Word document (.docx) the school sent.
WORD_DOCUMENT = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"


def document_suffix(name_or_content: str | bytes) -> str:
    """ ".docx" for a Word document (by its name, or by its first bytes: a zip), else ".pdf"."""
    if isinstance(name_or_content, bytes):
        return ".docx" if name_or_content.startswith(ZIP_MAGIC) else ".pdf"
    return ".docx" if name_or_content.lower().endswith(".docx") else ".pdf"


def document_type(stored_name: str) -> str:
    return WORD_DOCUMENT if document_suffix(stored_name) == ".docx" else "application/pdf"


def limit_in_mb() -> int:
    return settings.MAX_UPLOAD_BYTES // (1024 * 1024)


def check_size(upload: UploadedFile) -> None:
    if upload.size is None or upload.size > settings.MAX_UPLOAD_BYTES:
        raise ValidationError(
            gettext(
                "This file is larger than %(mb)s MB. Choose a smaller file, or save "
                "the document again with a lower image quality."
            )
            % {"mb": limit_in_mb()},
            code="too_large",
        )


def check_iep_document(upload: UploadedFile) -> str:
    """Refuse anything over the size limit or neither a PDF nor a Word document by its
    content; the suffix it is kept under (".pdf" or ".docx")."""
    check_size(upload)
    upload.seek(0)
    head = upload.read(1024)
    upload.seek(0)
    if is_pdf(head):
        return ".pdf"
    if is_word_document(upload.file if hasattr(upload, "file") else upload):
        return ".docx"
    raise ValidationError(
        gettext(
            "This file is not a PDF or a Word document, even if its name says so. Open it and "
            "save or export it as a PDF, then choose it again."
        ),
        code="not_a_document",
    )


def attachment_response(stored: FieldFile, filename: str, content_type: str) -> FileResponse:
    """The stored file as a download, never displayed inline by the browser."""
    if not stored:
        raise Http404
    try:
        handle = stored.open("rb")
    except FileNotFoundError as exc:
        raise Http404 from exc
    response = FileResponse(
        handle, as_attachment=True, filename=filename, content_type=content_type
    )
    response["X-Content-Type-Options"] = "nosniff"
    response["Cache-Control"] = "private, no-store"
    return response
