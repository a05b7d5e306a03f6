"""One module per letter kind; importing this package registers them all."""

from . import (  # noqa: F401
    courtesy_note,
    escalation,
    follow_up,
    meeting_recap,
    policy_renewal,
    policy_request,
    prior_written_notice_request,
    written_concerns,
)
