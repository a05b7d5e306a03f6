"""The ledger's statuses, reasons and amounts in the reader's language
(``playbook.ledger.labels``)."""

from __future__ import annotations

from django import template

from playbook.ledger import cards, labels

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


@register.simple_tag(takes_context=True)
def session_rows(context, sessions, child, can_write):
    """A service's session rows, drawn in Python (``playbook.ledger.cards``), with the
    words the page's tables share made once for this render."""
    made = context.render_context
    if "ledger_row_words" not in made:
        made["ledger_row_words"] = cards.RowWords.now(child, context.get("csrf_token"))
    words = made["ledger_row_words"]
    return cards.session_rows(sessions, child, can_write, context.get("csrf_token"), words)


@register.simple_tag
def tally_facts(tally, child):
    """A service line's promised, delivered, missed and owed (``playbook.ledger.cards``)."""
    return cards.tally_facts(tally, child.first_name)
