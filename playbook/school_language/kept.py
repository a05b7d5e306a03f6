"""The trained recogniser, kept on disk so that each process loads it instead of training it
again (decision 0102).

Training takes 2 to 4 s of CPU. Every process that reads school words (each web worker, the
task worker, each test worker) used to pay that on its first reading, so the first reply a
parent recorded after a start waited for it. Now the model is trained once for each version of
what training reads, and kept in ``settings.RECOGNISER_DIR`` under a name made from a
fingerprint of all of it: the training files, this package's code, and the versions of the
libraries that build the model. Loading it takes about 0.05 s.

The file is a pickle, which must only ever be read from a trusted place: it is written by the
app itself into its own data folder (beside the database and the secret key, which whoever can
write there already controls), and read from nowhere else.
"""

from __future__ import annotations

import hashlib
import logging
import os
import pickle
import sys
import tempfile
from collections.abc import Callable
from importlib import metadata
from pathlib import Path
from typing import TypeVar

from django.conf import settings

from . import corpus

logger = logging.getLogger(__name__)

PACKAGE = Path(__file__).resolve().parent
PREFIX = "recogniser-"
SUFFIX = ".pickle"
# The libraries whose objects the pickle holds: another version may not read them back.
LIBRARIES = ("scikit-learn", "numpy", "scipy")

T = TypeVar("T")


def fingerprint() -> str:
    """Everything training reads: the training files (by content), this package's code,
    the libraries' versions and Python's."""
    digest = hashlib.sha256()
    digest.update(sys.version.encode())
    for library in LIBRARIES:
        digest.update(f"\0{library}={metadata.version(library)}".encode())
    sources = [corpus.CORPUS / name for name in corpus.TRAINING_FILES]
    sources += sorted(PACKAGE.glob("*.py")) + sorted((PACKAGE / "corpus").glob("*.py"))
    for path in sources:
        digest.update(f"\0{path.name}\0".encode())
        digest.update(path.read_bytes())
    return digest.hexdigest()


def path() -> Path:
    return Path(settings.RECOGNISER_DIR) / f"{PREFIX}{fingerprint()[:24]}{SUFFIX}"


def is_current() -> bool:
    return path().is_file()


def load_or_train(train: Callable[[], T], kind: type[T]) -> T:
    """The kept model if there is a readable one for this fingerprint; otherwise ``train()``
    and keep what it returns (a folder that cannot be written to only costs the next process
    the same training)."""
    kept = path()
    try:
        with kept.open("rb") as handle:
            loaded = pickle.load(handle)
    except FileNotFoundError:
        pass
    except Exception as error:  # a file cut short, or written by code that has since moved
        logger.warning("The kept recogniser could not be read (%s); training it again.", error)
    else:
        if isinstance(loaded, kind):
            return loaded
        logger.warning("The kept recogniser is not a model; training it again.")
    trained = train()
    try:
        keep(trained, kept)
    except Exception as error:  # a folder not writable, a disk full, a model pickle refuses
        logger.warning("The trained recogniser could not be kept (%s).", error)
    return trained


def keep(trained: object, kept: Path | None = None) -> None:
    """Written beside its final name, then renamed: a process reading at the same moment
    sees the whole file or none. Models of earlier versions are removed."""
    kept = kept or path()
    kept.parent.mkdir(parents=True, exist_ok=True)
    descriptor, written = tempfile.mkstemp(dir=kept.parent, prefix=".training-")
    try:
        with os.fdopen(descriptor, "wb") as handle:
            pickle.dump(trained, handle, protocol=pickle.HIGHEST_PROTOCOL)
        os.replace(written, kept)
    except BaseException:
        Path(written).unlink(missing_ok=True)
        raise
    for earlier in kept.parent.glob(f"{PREFIX}*{SUFFIX}"):
        if earlier != kept:
            earlier.unlink(missing_ok=True)
