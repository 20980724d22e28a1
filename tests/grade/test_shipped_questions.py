"""Every shipped question grades its own model answer as excellent, and a wrong answer lower.

If this fails for a question, the usual cause is a key point the model answer does not actually make
in so many words (or one key point that bundles two claims): fix the content, not the threshold.
"""

from __future__ import annotations

import pytest

from gauntlet.bank import load_bank
from gauntlet.grade import grade_question


def shipped_questions():
    return load_bank().questions


@pytest.mark.slow
def test_model_answers_cover_every_key_point_and_wrong_answers_grade_lower():
    problems = []
    for question in shipped_questions():
        model = grade_question(question, question.model_answer)
        uncovered = [k.text for k in model.key_points if k.status != "covered"]
        if model.score < 4.0 or uncovered:
            problems.append(f"{question.id}: model answer scores {model.score:.2f}; not covered: {uncovered}")
        wrong = grade_question(question, question.pitfalls[0].mistake)
        if not wrong.score < model.score:
            problems.append(f"{question.id}: the first pitfall scores {wrong.score:.2f} >= model answer {model.score:.2f}")
    assert problems == []
