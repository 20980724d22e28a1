"""Reading ids, numbers and answers from forms and paths: what a database can store, or a clear 4xx."""

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


# One limit for every typed answer (question page, drill, mock interview), stated once. The grader
# compares the first ~1,100 words for meaning anyway (grade.analysis.MAX_EMBEDDED_PIECES) and says so;
# a limit far above that keeps every honest answer and stops one account from tying up the graders
# with megabytes. In UTF-8 it stays under the form parser's own 1 MB per field.
MAX_ANSWER_CHARS = 100_000
# Code for a coding drill: far beyond any solution; keeps a pasted blob out of the sandbox and the store.
MAX_CODE_CHARS = 100_000


def typed_answer(text: str, *, required: bool = True) -> str:
    """An answer as typed, or a clear InputError: empty (when required) or over ``MAX_ANSWER_CHARS``."""
    if required and not text.strip():
        raise InputError("the answer is empty: type what you would say to the interviewer")
    if len(text) > MAX_ANSWER_CHARS:
        raise InputError(f"the answer is {len(text):,} characters long; the limit is {MAX_ANSWER_CHARS:,} "
                         "(the grader reads about the first 1,100 words for meaning)")
    return text
