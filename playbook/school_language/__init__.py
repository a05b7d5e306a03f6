"""Hearing a "no" however the school says it (issue 14).

A ground-floor package without models: ``read(text)`` cuts what the school wrote into
sentences (quoted earlier messages left out) and says, for each, whether it is a refusal,
what kind (``kinds``), how sure, and why. The classifier is trained from ``corpus/``.
"""

from . import sentences
from .kinds import KINDS, Kind, kind
from .reading import Reading, SentenceReading, read

__all__ = ["KINDS", "Kind", "Reading", "SentenceReading", "kind", "read", "sentences"]
