"""Prepared questions kept on disk, so a server that starts (or a second one beside it) is ready in
seconds instead of re-encoding every question (about 0.5 s each on one core, 90-150 s for the bank).

One file per prepared question in the user's cache folder (``GAUNTLET_CACHE``), named by the question's
content and by what prepared it: the model's files and every source and data file of the grader. Any
change to either gives new names, so a stale preparation is never read; old files are simply left
unused. Files are written to a temporary name and renamed into place (atomic): several grading workers
can prepare and read at once.

The files are pickles: the cache folder is the user's own (as ``~/.bashrc`` is), and nothing else
reads it.
"""

from __future__ import annotations

import functools
import hashlib
import os
import pickle
import tempfile
from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from gauntlet.grade.grader import PreparedQuestion

GRADE_PACKAGE = Path(__file__).resolve().parent


@functools.lru_cache(maxsize=1)
def _preparer_fingerprint() -> str:
    """What prepared a question: the model's files and the grader's code and data (not its bank
    index, which is read at grading time)."""
    from gauntlet.grade.model_files import model_zip_path, zip_fingerprint

    digest = hashlib.sha256(zip_fingerprint(model_zip_path()).encode())
    for path in sorted(GRADE_PACKAGE.rglob("*")):
        if path.is_file() and path.suffix in (".py", ".txt", ".json") and "__pycache__" not in path.parts:
            digest.update(path.relative_to(GRADE_PACKAGE).as_posix().encode())
            digest.update(path.read_bytes())
    return digest.hexdigest()[:16]


def _folder() -> Path:
    from gauntlet.paths import cache_dir

    return cache_dir() / "prepared" / _preparer_fingerprint()


def load(key: str) -> PreparedQuestion | None:
    """The prepared question stored under ``key``, or None (not there, unreadable, or from another
    Python: it is then prepared again)."""
    try:
        with open(_folder() / f"{key}.pickle", "rb") as stored:
            prepared: PreparedQuestion = pickle.load(stored)
            return prepared
    except (OSError, pickle.UnpicklingError, EOFError, AttributeError, ImportError, TypeError, ValueError):
        return None


def store(key: str, prepared: PreparedQuestion) -> None:
    """Keep ``prepared`` for the next process; a cache that cannot be written is only a slower start."""
    try:
        folder = _folder()
        folder.mkdir(parents=True, exist_ok=True)
        handle, temporary = tempfile.mkstemp(dir=folder, prefix=".tmp-", suffix=".pickle")
        with os.fdopen(handle, "wb") as out:
            pickle.dump(prepared, out, protocol=pickle.HIGHEST_PROTOCOL)
        os.replace(temporary, folder / f"{key}.pickle")
    except OSError:
        return
