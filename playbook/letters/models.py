"""Letters the app drafted for a move; sending one writes the trail and opens an ask."""

from __future__ import annotations

import uuid

from django.db import models
from django.utils import timezone

from playbook.advocacy.models import Ask
from playbook.children.models import Child, TeamMember
from playbook.days_in_reach import in_reach
from playbook.trail.models import Entry


class Delivery(models.TextChoices):
    """How the parent sent a letter: the letter states it, and the trail keeps it."""

    EMAIL = "email", "Email"
    HAND = "hand", "Hand delivered"
    CERTIFIED = "certified", "Certified mail"
    PORTAL = "portal", "The school's parent portal"


#: The delivery line a letter carries, above the inside address.
DELIVERY_LINES = {
    Delivery.EMAIL: "Sent by email",
    Delivery.HAND: "Delivered by hand",
    Delivery.CERTIFIED: "Sent by certified mail, return receipt requested",
    Delivery.PORTAL: "Sent through the school's parent portal",
}
#: The same line in the parent's Spanish copy (decision 0034).
DELIVERY_LINES_ES = {
    Delivery.EMAIL: "Enviada por correo electrónico",
    Delivery.HAND: "Entregada en mano",
    Delivery.CERTIFIED: "Enviada por correo certificado, con acuse de recibo",
    Delivery.PORTAL: "Enviada por el portal de padres de la escuela",
}


def delivery_line(via: str, tracking: str = "", lang: str = "en") -> str:
    if lang == "es":
        line = DELIVERY_LINES_ES.get(via, DELIVERY_LINES_ES[Delivery.EMAIL])
        return f"{line} (número de seguimiento {tracking})" if tracking else line
    line = DELIVERY_LINES.get(via, DELIVERY_LINES[Delivery.EMAIL])
    return f"{line} (tracking number {tracking})" if tracking else line


class DeliveryError(ValueError):
    def __init__(self, name: str, message: str) -> None:
        super().__init__(f"{name}: {message}")
        self.name = name
        self.message = message


def check_delivery(via: str, tracking: str) -> str:
    """The tracking number to keep (certified mail needs one); raises DeliveryError."""
    if via not in Delivery.values:
        allowed = ", ".join(Delivery.values)
        raise DeliveryError("via", f"{via!r} is not a way of sending; use one of {allowed}.")
    tracking = " ".join((tracking or "").split())
    if via == Delivery.CERTIFIED and not tracking:
        raise DeliveryError(
            "tracking_number", "Give the tracking number from the certified mail receipt."
        )
    if len(tracking) > 60:
        raise DeliveryError("tracking_number", "Keep the tracking number to 60 characters.")
    return tracking if via == Delivery.CERTIFIED else ""


class SendTextError(ValueError):
    """The text chosen to send is not one the letter has, or the letter was sent."""

    def __init__(self, message: str) -> None:
        super().__init__(f"send_lang: {message}")
        self.message = message


class Letter(models.Model):
    household_path = "child__household"
    path_param = "letter_id"

    class State(models.TextChoices):
        DRAFT = "draft", "Draft"
        SENT = "sent", "Sent"

    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    child = models.ForeignKey(Child, models.CASCADE, related_name="letters")
    kind = models.CharField(max_length=40)
    params = models.JSONField(default=dict, blank=True)
    to = models.JSONField(default=list, blank=True, help_text="Addresses, as 'Name <email>'.")
    cc = models.JSONField(default=list, blank=True)
    addressee = models.ForeignKey(
        TeamMember, models.SET_NULL, null=True, blank=True, related_name="letters"
    )
    # The reply-by date the letter states, so the ask opened on sending matches it.
    reply_by = models.DateField(null=True, blank=True, validators=[in_reach])
    subject = models.CharField(max_length=300)
    body = models.TextField()
    # Written in Spanish: the English letter above goes to the school, and the parent keeps
    # the same letter in Spanish, paragraph for paragraph (decision 0034).
    lang = models.CharField(max_length=8, default="en")
    translation_subject = models.CharField(max_length=300, blank=True)
    translation = models.TextField(blank=True)
    # Which of a pair's texts goes to the school (and so to the files and the trail): the
    # English letter, or the Spanish one for a bilingual school or the record (decision 0049).
    send_lang = models.CharField(
        max_length=8, choices=[("en", "English"), ("es", "Spanish")], default="en"
    )
    state = models.CharField(max_length=10, choices=State.choices, default=State.DRAFT)
    sent_on = models.DateField(null=True, blank=True, validators=[in_reach])
    sent_via = models.CharField(max_length=10, choices=Delivery.choices, blank=True)
    tracking_number = models.CharField(max_length=60, blank=True)
    entry = models.ForeignKey(Entry, models.SET_NULL, null=True, blank=True, related_name="+")
    ask = models.ForeignKey(Ask, models.SET_NULL, null=True, blank=True, related_name="letters")
    created_by = models.ForeignKey(
        "accounts.User", models.SET_NULL, null=True, blank=True, related_name="+"
    )
    created_at = models.DateTimeField(default=timezone.now)
    updated_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["-created_at"]

    def __str__(self) -> str:
        return self.subject

    @property
    def to_addresses(self) -> list[str]:
        """Only the entries a mail header can carry (a name without an email is left out)."""
        return [a for a in self.to if "@" in a]

    @property
    def cc_addresses(self) -> list[str]:
        return [a for a in self.cc if "@" in a]

    @property
    def planned_delivery(self) -> str:
        """How the parent said, when drafting, they would send it."""
        planned = (self.params or {}).get("delivery")
        return planned if planned in Delivery.values else Delivery.EMAIL

    @property
    def is_pair(self) -> bool:
        return bool(self.translation.strip())

    @property
    def is_draft(self) -> bool:
        return self.state == self.State.DRAFT

    @property
    def sends_translation(self) -> bool:
        return self.send_lang != "en" and self.is_pair

    @property
    def outgoing_subject(self) -> str:
        """The subject of the text that goes to the school."""
        return self.translation_subject if self.sends_translation else self.subject

    @property
    def outgoing_body(self) -> str:
        """The text that goes to the school: the files, the mail and the trail use it."""
        return self.translation if self.sends_translation else self.body

    def choose_send_lang(self, lang: str) -> None:
        """Set which text is sent (``en``, or ``es`` for a pair). The one place that checks
        it: the letter page, the API's PATCH and its "sent" route all come here. Does not
        save; raises SendTextError."""
        lang = (lang or "en").strip().lower()
        if lang not in ("en", "es"):
            raise SendTextError(f"{lang!r} is not a text a letter is sent in: en or es.")
        if not self.is_draft and lang != self.send_lang:
            raise SendTextError("this letter was sent; the text it went in can't change.")
        if lang != "en" and not (self.is_pair and self.lang == lang):
            raise SendTextError("this letter was written in English only; send it in English.")
        self.send_lang = lang
