"""Words kept in English and shown in the reader's language (issue 19).

The trail writes some sentences once, in English, where the API, the command line and
the stored records read them: why an email import left a message out, why the hash chain
does not verify. A page shows them through ``KeptEnglish.shown``, which reads them back
against the (gettext_noop) templates they were made from and writes them again with the
reader's words. A value that is itself such a sentence is shown the same way; a ``day``
("March 3, 2026") in the reader's date format; any other value (a file's name, a number)
as it is; and words no template makes, as they are (like iep_import.reading.shown).
"""

from __future__ import annotations

import re
from datetime import datetime
from functools import cache

from django.utils import formats
from django.utils.translation import gettext

_VALUE = re.compile(r"%\((\w+)\)s")
# How the English writes a day inside these sentences.
ENGLISH_DAY = "%B %d, %Y"


def english_day(day) -> str:
    """ "March 3, 2026", as a ``day`` value is written in the English."""
    return f"{day:%B} {day.day}, {day.year}"


@cache
def _pattern(template: str) -> re.Pattern:
    """The template as a pattern that finds its values in the English."""
    parts = _VALUE.split(template)
    return re.compile(
        "".join(re.escape(p) if i % 2 == 0 else f"(?P<{p}>.+?)" for i, p in enumerate(parts)),
        re.S,
    )


class KeptEnglish:
    def __init__(self, *templates: str) -> None:
        self.templates = list(templates)

    def kept(self, template: str) -> str:
        """Keep this (gettext_noop) template among the words read back, and give it back
        to be named: ``MISSING = WORDS.kept(gettext_noop("entry %(seq)s is missing"))``."""
        self.templates.append(template)
        return template

    def shown(self, words: str) -> str:
        """The English words in the reader's language."""
        for template in self.templates:
            found = _pattern(template).fullmatch(words or "")
            if found:
                values = {name: self._value(name, v) for name, v in found.groupdict().items()}
                return gettext(template) % values if values else gettext(template)
        # A stored gettext_noop message of its own (a job's stage), or words unknown.
        return gettext(words) if words else words

    def _value(self, name: str, value: str) -> str:
        if name == "day":
            try:
                day = datetime.strptime(value, ENGLISH_DAY).date()
            except ValueError:
                return value
            return formats.date_format(day, "DATE_FORMAT")
        return self.shown(value)
