"""Reading ids and numbers from forms and paths: what a database can store, or a clear 4xx."""

from __future__ import annotations

from gauntlet.errors import InputError, NotFoundError

# Ids are 64-bit integers in both databases; a larger number names nothing.
MAX_ID = 2**63 - 1


def form_id(text: str) -> int:
    """An id typed into a form field: ASCII digits within the database's range, or NotFoundError."""
    if not (text.isascii() and text.isdigit()):
        raise InputError(f"not an id: {text[:40]!r}")
    value = int(text)
    if not 0 < value <= MAX_ID:
        raise NotFoundError(f"no item #{text[:40]}")
    return value
