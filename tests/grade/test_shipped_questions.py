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
    """Each model answer, graded as a candidate's answer: excellent, no finding, no key point missed
    or contradicted. At most one may be only "partly" covered: the grader misses about one point in
    five that a reader would tick (README, "How answers are graded"), mostly imperative advice
    ("Check that...", "Ask for each feature...") said in other words."""
    problems = []
    for question in shipped_questions():
        model = grade_question(question, question.model_answer)
        statuses = [k.status for k in model.key_points]
        absent = [k.text for k in model.key_points if k.status in ("missed", "contradicted")]
        if model.score < 4.5 or model.findings or absent or statuses.count("partly") > 1:
            problems.append(f"{question.id}: model answer scores {model.score:.2f}, findings {model.findings}; "
                            f"missed or contradicted: {absent}; partly: {statuses.count('partly')}")
        wrong = grade_question(question, question.pitfalls[0].mistake)
        if not wrong.score < model.score:
            problems.append(f"{question.id}: the first pitfall scores {wrong.score:.2f} "
                            f">= model answer {model.score:.2f}")
    assert problems == []


def test_the_shipped_neighbour_index_matches_the_bank():
    """The key-point vectors that tell an answer to another question ship with the package; after an
    edit of the bank they must be rebuilt (`python -m gauntlet.grade.neighbours`), or off-topic
    answers are compared with old key points and name old titles."""
    from gauntlet.grade.neighbours import question_fingerprint, shipped_fingerprints

    expected = {q.id: question_fingerprint(q.prompt, [kp.text for kp in q.key_points])
                for q in shipped_questions() if q.key_points}
    assert shipped_fingerprints() == expected, ("stale grade/data/bank_index.npz: "
                                                "run python -m gauntlet.grade.neighbours")
