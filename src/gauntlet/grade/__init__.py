"""The answer grader: sentence encoder, key-point coverage, interview signals, calibrated score.

Importing this package is cheap (no NumPy, no model): the grading functions load on first use, so
shells can import it eagerly and `gauntlet --help` stays fast.

    from gauntlet.grade import grade_answer, grade_question, Grade
    grade = grade_answer(question, reference, answer, key_points=[...], pitfalls=[...])
    grade.score, grade.key_points, grade.signals, grade.pitfall, grade.to_dict()
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from gauntlet.grade.result import (
    GRADER_VERSION,
    Evidence,
    Grade,
    KeyPointResult,
    PitfallMatch,
    SignalResult,
    describe_score,
)

if TYPE_CHECKING:  # pragma: no cover
    from gauntlet.grade.grader import grade_answer, grade_question, prepare_bank_question, prepare_question
    from gauntlet.grade.model_files import SentenceModelMissingError

_LAZY = {
    "grade_answer": "gauntlet.grade.grader",
    "grade_question": "gauntlet.grade.grader",
    "prepare_question": "gauntlet.grade.grader",
    "prepare_bank_question": "gauntlet.grade.grader",
    "SentenceModelMissingError": "gauntlet.grade.model_files",
}

__all__ = [
    "GRADER_VERSION", "Evidence", "Grade", "KeyPointResult", "PitfallMatch", "SentenceModelMissingError",
    "SignalResult", "describe_score", "grade_answer", "grade_question", "prepare_bank_question",
    "prepare_question",
]


def __getattr__(name: str) -> Any:
    module = _LAZY.get(name)
    if module is None:
        raise AttributeError(f"module 'gauntlet.grade' has no attribute {name!r}")
    import importlib

    value = getattr(importlib.import_module(module), name)
    globals()[name] = value
    return value
