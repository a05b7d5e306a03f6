"""One module per letter kind; importing this package registers them all."""

from . import (  # noqa: F401
    comp_services_request,
    courtesy_note,
    discipline_review_request,
    escalation,
    follow_up,
    goal_revision_request,
    iee_request,
    interpreter_request,
    meeting_recap,
    meeting_request,
    parent_concerns,
    policy_renewal,
    policy_request,
    prior_written_notice_request,
    records_request,
    removal_in_writing,
    translation_request,
    trial_terms,
    written_concerns,
)
