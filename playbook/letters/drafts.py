"""Letters as stored: create a draft, edit it, mark it sent (the only step that writes the
trail and opens an ask)."""

from __future__ import annotations

from datetime import date

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext, gettext_noop

from playbook.children.models import Child
from playbook.trail import chain

from . import params as param_rules
from . import registry
from .compose import Draft, all_params
from .models import Letter, check_delivery, delivery_line
from .models import SendTextError as SendTextError


class AlreadySent(Exception):
    def __init__(self, letter: Letter) -> None:
        super().__init__(
            f"This letter was already marked as sent on {letter.sent_on:%B} "
            f"{letter.sent_on.day}, {letter.sent_on.year}; sent letters cannot change."
        )


# The trail records what has happened: a letter is sent on or before the family's today.
SENT_LATER = gettext_noop("That date has not come yet. Use the day you sent it.")


class SentLater(ValueError):
    def __init__(self) -> None:
        super().__init__(gettext(SENT_LATER))


def save_draft(child: Child, draft: Draft, *, author, subject: str = "", body: str = "") -> Letter:
    """Keep the draft; ``subject``/``body`` are the parent's edits when they made any."""
    return Letter.objects.create(
        child=child,
        kind=draft.kind,
        params=draft.params,
        to=draft.to,
        cc=draft.cc,
        addressee=draft.addressee,
        reply_by=draft.reply_by,
        subject=(subject.strip() or draft.subject)[:300],
        body=body.strip() + "\n" if body.strip() else draft.body,
        created_by=author if getattr(author, "is_authenticated", False) else None,
        lang=draft.lang,
        translation_subject=draft.translation_subject,
        translation=draft.translation,
    )


def edit_draft(letter: Letter, *, subject: str | None = None, body: str | None = None) -> Letter:
    if not letter.is_draft:
        raise AlreadySent(letter)
    if subject is not None and subject.strip():
        letter.subject = subject.strip()[:300]
    if body is not None and body.strip():
        letter.body = body.strip() + "\n"
    letter.updated_at = timezone.now()
    letter.save(update_fields=["subject", "body", "updated_at"])
    return letter


def choose_send_lang(letter: Letter, lang: str) -> Letter:
    """Which text of a pair goes to the school (decision 0049); raises SendTextError."""
    letter.choose_send_lang(lang)
    letter.updated_at = timezone.now()
    letter.save(update_fields=["send_lang", "updated_at"])
    return letter


def mark_sent(
    letter: Letter,
    on: date,
    via: str = "",
    tracking_number: str = "",
    send_lang: str | None = None,
) -> Letter:
    """Append the letter to the trail and open (or update) the ask it makes. Once only:
    the letter's row is locked, so two clicks cannot both send it. ``via`` is how it went
    (default: as planned when drafting); the letter's delivery line then says so. Raises
    models.DeliveryError for a way of sending we do not know or certified mail without
    its tracking number. ``send_lang`` chooses the text sent (``Letter.choose_send_lang``;
    default: as chosen on the draft), which the trail keeps; raises SendTextError. A date
    after the family's today raises SentLater."""
    via = via or letter.planned_delivery
    tracking_number = check_delivery(via, tracking_number)
    with transaction.atomic():
        locked = Letter.objects.select_for_update().get(pk=letter.pk)
        if not locked.is_draft:
            raise AlreadySent(locked)
        if on > letter.child.today():
            raise SentLater()
        if send_lang is not None:
            locked.choose_send_lang(send_lang)
        kind = registry.get(locked.kind)
        # The facts may have changed since drafting; the letter text stays as written.
        values = param_rules.validate(all_params(kind), locked.child, locked.params)
        locked.state = Letter.State.SENT
        locked.sent_on = on
        locked.sent_via = via
        locked.tracking_number = tracking_number
        locked.body = _stated_delivery(locked.body, locked.planned_delivery, via, tracking_number)
        if locked.is_pair:
            locked.translation = _stated_delivery(
                locked.translation, locked.planned_delivery, via, tracking_number, "es"
            )
        entry = chain.append(
            locked.child,
            occurred_at=locked.child.moment(on),
            kind="letter",
            direction="sent",
            subject=locked.outgoing_subject,
            body=locked.outgoing_body,
            counterpart=locked.addressee,
            sender=locked.created_by.signature_name if locked.created_by else "",
            recipients=", ".join([*locked.to, *locked.cc]),
        )
        locked.entry = entry
        locked.ask = kind.on_sent(locked, entry, values)
        if locked.ask is not None:
            locked.ask.entries.add(entry)
        locked.updated_at = timezone.now()
        locked.save(
            update_fields=[
                *("state", "sent_on", "sent_via", "tracking_number", "body", "translation"),
                "send_lang",
                *("entry", "ask", "updated_at"),
            ]
        )
    return locked


def _stated_delivery(
    body: str, planned_via: str, via: str, tracking_number: str, lang: str = "en"
) -> str:
    """The body with its delivery line saying how the letter really went."""
    planned = delivery_line(planned_via, lang=lang)
    actual = delivery_line(via, tracking_number, lang=lang)
    lines = body.split("\n")
    for number, line in enumerate(lines[:12]):
        if line.strip() == planned:
            lines[number] = actual
            return "\n".join(lines)
    return body
