"""What the email import says about a message: why it was not imported, what was left out
of it, what was guessed (issue 19).

The words are kept in English where they are stored (the import's report, an entry's
flags), as the API gives them; ``shown`` writes them in the reader's language
(playbook.trail.kept_english), a report stored before it was written too.
"""

from __future__ import annotations

from django.utils.translation import gettext_noop

from playbook.school_language import reading

from .kept_english import KeptEnglish

KEPT = KeptEnglish()

# Why a file cannot be imported at all, and how far reading it has got.
NOT_A_MAILBOX = KEPT.kept(
    gettext_noop(
        "Upload a .eml file (one message) or a .mbox file (a mailbox export, such as Gmail's "
        "Takeout or Thunderbird's ImportExportTools)."
    )
)
OUTLOOK_MESSAGE = KEPT.kept(
    gettext_noop(
        "This is an Outlook message file (.msg), which we cannot read. Save the message as a "
        ".eml file and upload that: Outlook on the web and the new Outlook can download a "
        "message as .eml. Or forward it to an email account that can, such as Gmail (open the "
        "message, then More, then Download message)."
    )
)
FILE_TOO_LARGE = KEPT.kept(
    gettext_noop(
        "That file is %(size)s MB; an email import can be at most %(limit)s MB. Split the mailbox "
        "by date (export a few months at a time) or export fewer messages, then import each part: "
        "messages already on the trail are skipped."
    )
)
READING_SO_FAR = KEPT.kept(gettext_noop("Reading the messages: %(count)s so far"))

# Why a message was not imported.
THE_MESSAGE = KEPT.kept(gettext_noop("the message"))
NO_MESSAGES = KEPT.kept(gettext_noop("no messages were found in it: is it an mbox export?"))
EMPTY = KEPT.kept(gettext_noop("it is empty: no message was found"))
NO_HEADERS = KEPT.kept(gettext_noop("it is not an email message (it has no headers)"))
NO_SENDER = KEPT.kept(gettext_noop("it has no sender (no From address)"))
UNREADABLE = KEPT.kept(gettext_noop("it could not be read as an email message"))
TOO_LARGE = KEPT.kept(
    gettext_noop(
        "it is %(size)s MB; one message can be at most %(limit)s MB. Save its attachments on "
        "their own and import the message without them"
    )
)
CUT_OFF = KEPT.kept(
    gettext_noop("it is cut off: one of its parts never ends (the file may be truncated)")
)
PARTS_MISSING = KEPT.kept(
    gettext_noop("its parts cannot be found (the file may be truncated or damaged)")
)
ENCODING_CUT = KEPT.kept(
    gettext_noop("part of it is cut off or damaged (its encoding is incomplete)")
)

# What was left out of a message, and what was guessed.
ATTACHMENT_TOO_LARGE = KEPT.kept(gettext_noop("it is larger than %(limit)s MB; keep it elsewhere"))
ATTACHMENT_LEFT_OUT = KEPT.kept(gettext_noop("attachment %(name)s was not kept: %(reason)s"))
NO_DATE = KEPT.kept(gettext_noop("had no Date"))
DATE_UNREADABLE = KEPT.kept(gettext_noop("had a Date that could not be read"))
DATE_WRONG = KEPT.kept(gettext_noop("had a Date that could not be right"))
DATE_GUESSED = KEPT.kept(gettext_noop("it %(problem)s: the time of import was used"))
DATE_GUESSED_ON_ENTRY = KEPT.kept(
    gettext_noop("The message %(problem)s; the time of import was used instead.")
)

# What the recogniser could not read in a message or a logged note (an entry's ``not_read``).
for _unread in (reading.NOT_ENGLISH, reading.SOME_NOT_ENGLISH, reading.CUT_SHORT):
    KEPT.kept(_unread)

shown = KEPT.shown
