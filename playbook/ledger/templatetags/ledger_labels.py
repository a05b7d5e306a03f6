"""The ledger's statuses, reasons and amounts in the reader's language
(``playbook.ledger.labels``)."""

from __future__ import annotations

from django import template

from playbook.ledger import labels

register = template.Library()


@register.filter
def status_label(status: str) -> str:
    return labels.status_label(status)


@register.filter
def reason_label(reason: str) -> str:
    return labels.reason_label(reason)


@register.filter
def amount(service) -> str:
    """A service's promise: "60 minutes per week"."""
    return labels.amount(service.minutes, service.per)
