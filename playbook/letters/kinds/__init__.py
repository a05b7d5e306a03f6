"""One module per letter kind; importing this package registers them all."""

from . import (  # noqa: F401
    comp_services_request,
    follow_up,
    iee_request,
    meeting_recap,
    records_request,
    written_concerns,
)
