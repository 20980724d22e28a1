"""Filtering and keyword search over a loaded bank (pure functions, no I/O)."""

from __future__ import annotations

import bisect
import re
import unicodedata
from collections.abc import Iterable
from functools import lru_cache

from gauntlet.bank.model import AUDIENCES, DIFFICULTIES, Bank, Question
from gauntlet.errors import InputError

_WORD = re.compile(r"[\w]+", re.UNICODE)
# Where a query word is found says how relevant the question is: a hit in the title beats one in the answer.
_FIELD_WEIGHTS = (("title", 4.0), ("tags", 3.0), ("prompt", 2.0), ("key_points", 1.5), ("model_answer", 1.0))


def filter_questions(
    bank: Bank,
    topic: str | None = None,
    difficulty: str | None = None,
    audience: str | None = None,
    tag: str | None = None,
    kind: str | None = None,
) -> list[Question]:
    """Questions matching every given filter, in bank order. Unknown filter values raise ``InputError``."""
    if topic is not None:
        bank.topic(topic)  # raises NotFoundError naming the known topics
    _check_choice("difficulty", difficulty, DIFFICULTIES)
    _check_choice("audience", audience, AUDIENCES)
    return [
        q
        for q in bank.questions
        if (topic is None or q.topic == topic)
        and (difficulty is None or q.difficulty == difficulty)
        and (audience is None or q.audience == audience)
        and (tag is None or tag in q.tags)
        and (kind is None or q.kind == kind)
    ]


def _check_choice(name: str, value: str | None, options: Iterable[str]) -> None:
    if value is not None and value not in options:
        raise InputError(f"--{name} must be one of {', '.join(options)} (got '{value}')")


def _normalise(text: str) -> str:
    # Fold accents and case so "regularisation" typed on any keyboard finds the same questions.
    folded = unicodedata.normalize("NFKD", text.casefold())
    return "".join(ch for ch in folded if not unicodedata.combining(ch))


def _words(text: str) -> list[str]:
    return _WORD.findall(_normalise(text))


@lru_cache(maxsize=8192)
def _searchable_words(q: Question) -> dict[str, tuple[str, ...]]:
    """Each searchable field's distinct words, sorted (so a prefix is found by bisection, not by a scan).
    Questions are immutable, so a server splits them once, not per query."""
    fields = {
        "title": q.title,
        "tags": " ".join(q.tags).replace("-", " "),
        "prompt": q.prompt,
        "key_points": " ".join(kp.text + " " + " ".join(kp.synonyms) for kp in q.key_points),
        "model_answer": q.model_answer,
    }
    return {name: tuple(sorted(set(_words(value)))) for name, value in fields.items()}


def _has_prefix(sorted_words: tuple[str, ...], prefix: str) -> bool:
    # Every word starting with ``prefix`` sorts at or after it, and the first of them right at the insertion point.
    at = bisect.bisect_left(sorted_words, prefix)
    return at < len(sorted_words) and sorted_words[at].startswith(prefix)


def search_questions(bank: Bank, text: str, limit: int = 20) -> list[tuple[Question, float]]:
    """Questions ranked by how well they match ``text`` (every word must appear somewhere).

    A word matches a field if it is a prefix of one of the field's words, so "regular" finds
    "regularisation". Scores add the weight of each field a word appears in.
    """
    query = _words(text)
    if not query:
        raise InputError("search text is empty; try e.g. `gauntlet search gradient`")
    ranked = []
    for q in bank.questions:
        words = _searchable_words(q)
        score = 0.0
        for term in query:
            hits = [w for name, w in _FIELD_WEIGHTS if _has_prefix(words[name], term)]
            if not hits:
                break
            score += sum(hits)
        else:
            ranked.append((q, score))
    ranked.sort(key=lambda pair: -pair[1])
    return ranked[:limit]
