"""One module per letter kind; importing this package registers them all."""

from . import (  # noqa: F401
    follow_up,
    meeting_recap,
    meeting_request,
    parent_concerns,
    trial_terms,
    written_concerns,
)
