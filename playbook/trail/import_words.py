"""What the email import says about a message: why it was not imported, what was left out
of it, what was guessed (issue 19).

The words are kept in English where they are stored (the import's report, an entry's
flags), as the API gives them; ``shown`` writes them in the reader's language
(playbook.trail.kept_english), a report stored before it was written too.
"""

from __future__ import annotations

from django.utils.translation import gettext_noop

from .kept_english import KeptEnglish

# Why a file cannot be imported at all, and how far reading it has got.
NOT_A_MAILBOX = gettext_noop(
    "Upload a .eml file (one message) or a .mbox file (a mailbox export, such as Gmail's "
    "Takeout or Thunderbird's ImportExportTools)."
)
FILE_TOO_LARGE = gettext_noop(
    "That file is %(size)s MB; an email import can be at most %(limit)s MB. Split the mailbox "
    "by date (export a few months at a time) or export fewer messages, then import each part: "
    "messages already on the trail are skipped."
)
READING_SO_FAR = gettext_noop("Reading the messages: %(count)s so far")

# Why a message was not imported.
THE_MESSAGE = gettext_noop("the message")
NO_MESSAGES = gettext_noop("no messages were found in it: is it an mbox export?")
EMPTY = gettext_noop("it is empty: no message was found")
NO_HEADERS = gettext_noop("it is not an email message (it has no headers)")
NO_SENDER = gettext_noop("it has no sender (no From address)")
UNREADABLE = gettext_noop("it could not be read as an email message")
TOO_LARGE = gettext_noop(
    "it is %(size)s MB; one message can be at most %(limit)s MB. Save its attachments on "
    "their own and import the message without them"
)
CUT_OFF = gettext_noop("it is cut off: one of its parts never ends (the file may be truncated)")
PARTS_MISSING = gettext_noop("its parts cannot be found (the file may be truncated or damaged)")
ENCODING_CUT = gettext_noop("part of it is cut off or damaged (its encoding is incomplete)")

# What was left out of a message, and what was guessed.
ATTACHMENT_TOO_LARGE = gettext_noop("it is larger than %(limit)s MB; keep it elsewhere")
ATTACHMENT_LEFT_OUT = gettext_noop("attachment %(name)s was not kept: %(reason)s")
NO_DATE = gettext_noop("had no Date")
DATE_UNREADABLE = gettext_noop("had a Date that could not be read")
DATE_WRONG = gettext_noop("had a Date that could not be right")
DATE_GUESSED = gettext_noop("it %(problem)s: the time of import was used")
DATE_GUESSED_ON_ENTRY = gettext_noop(
    "The message %(problem)s; the time of import was used instead."
)

KEPT = KeptEnglish(
    NOT_A_MAILBOX,
    FILE_TOO_LARGE,
    READING_SO_FAR,
    THE_MESSAGE,
    NO_MESSAGES,
    EMPTY,
    NO_HEADERS,
    NO_SENDER,
    UNREADABLE,
    TOO_LARGE,
    CUT_OFF,
    PARTS_MISSING,
    ENCODING_CUT,
    ATTACHMENT_TOO_LARGE,
    ATTACHMENT_LEFT_OUT,
    NO_DATE,
    DATE_UNREADABLE,
    DATE_WRONG,
    DATE_GUESSED,
    DATE_GUESSED_ON_ENTRY,
)
shown = KEPT.shown
