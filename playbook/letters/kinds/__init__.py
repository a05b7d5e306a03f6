"""One module per letter kind; importing this package registers them all."""

from . import (  # noqa: F401
    courtesy_note,
    escalation,
    follow_up,
    meeting_recap,
    meeting_request,
    parent_concerns,
    policy_renewal,
    policy_request,
    prior_written_notice_request,
    trial_terms,
    written_concerns,
)
