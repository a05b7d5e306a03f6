"""One module per letter kind; importing this package registers them all."""

from . import follow_up, meeting_recap, written_concerns  # noqa: F401
