"""The mock interviewer's follow-up goes where the answer was weakest (issue 16, adaptive follow-ups).

Grades are built by hand here, so each rule is pinned without the sentence model; the flow and the
graded answer set (``test_follow_up_targets``) use the real grader.
"""

from __future__ import annotations

from gauntlet.bank.model import FollowUp, KeyPoint, Question
from gauntlet.grade.result import Evidence, Grade, KeyPointResult, PitfallMatch
from gauntlet.review.follow_up import QUOTE_CHARS, Aim, choose_follow_up

POINTS = ("Bias is error from wrong assumptions.", "Variance is sensitivity to the training sample.",
          "More data reduces variance.", "Regularisation trades variance for bias.")


def _question(follow_ups: tuple[FollowUp, ...]) -> Question:
    return Question(id="q", title="Bias and variance", prompt="Explain bias and variance.", topic="t",
                    difficulty="beginner", audience="all", kind="concept", source="original", model_answer="...",
                    key_points=tuple(KeyPoint(p) for p in POINTS), pitfalls=(), follow_ups=follow_ups,
                    senior_angle="")


QUESTION = _question((
    FollowUp("Your validation error climbs while training error falls: which one is it?", probes=1),
    FollowUp("What would doubling the data do, and what would it not fix?", probes=2),
    FollowUp("How would you explain this trade-off to a product manager?"),
))


def _grade(*statuses: str, spans: dict[int, str] | None = None, similarity: dict[int, float] | None = None,
           pitfall: PitfallMatch | None = None) -> Grade:
    spans, similarity = spans or {}, similarity or {}
    return Grade(score=3.0, label="partial", meaning="", pitfall=pitfall, key_points=tuple(
        KeyPointResult(POINTS[i], status, similarity.get(i, 0.5),
                       Evidence(0, len(spans[i]), spans[i]) if i in spans else None)
        for i, status in enumerate(statuses)))


def test_a_contradicted_point_is_challenged_quoting_what_was_said():
    grade = _grade("covered", "partly", "contradicted", "covered", spans={2: "More data reduces bias."})
    choice = choose_follow_up(QUESTION, grade, seed=1)
    assert (choice.aim, choice.target) == (Aim.CONTRADICTED, POINTS[2])
    assert choice.text == ('You said: "More data reduces bias". Are you sure? '
                           "What would doubling the data do, and what would it not fix?")


def test_a_missed_point_goes_before_a_contradicted_one_in_a_mostly_incomplete_answer():
    """The grader is surer of what is missing than of what is wrong (see review.follow_up)."""
    grade = _grade("missed", "missed", "contradicted", "covered", spans={2: "more data reduces bias"},
                   similarity={0: .4, 1: .2})
    assert (choose_follow_up(QUESTION, grade, seed=1).aim, choose_follow_up(QUESTION, grade, seed=1).target) == (
        Aim.MISSED, POINTS[1])


def test_an_answer_as_wrong_as_it_is_incomplete_is_challenged_on_what_it_got_wrong():
    grade = _grade("contradicted", "missed", "covered", "contradicted", spans={0: "bias is noise", 3: "it adds bias"},
                   similarity={0: .6, 3: .5})
    choice = choose_follow_up(QUESTION, grade, seed=1)
    assert (choice.aim, choice.target) == (Aim.CONTRADICTED, POINTS[3])
    assert choice.text.startswith('You said: "it adds bias". Are you sure?')


def test_a_contradicted_point_without_a_written_follow_up_is_challenged_without_the_answer():
    grade = _grade("contradicted", "covered", "covered", "covered", spans={0: "bias is noise"})
    choice = choose_follow_up(QUESTION, grade, seed=1)
    assert (choice.aim, choice.target) == (Aim.CONTRADICTED, POINTS[0])
    assert choice.text.startswith('You said: "bias is noise". Are you sure? Walk me through why')
    assert "wrong assumptions" not in choice.text  # the key point itself is not given away


def test_a_long_quote_is_cut_at_a_word():
    said = "word " * 100
    choice = choose_follow_up(QUESTION, _grade("contradicted", "covered", "covered", "covered", spans={0: said}), 1)
    quoted = choice.text.split('"')[1]
    assert len(quoted) <= QUOTE_CHARS + 1 and quoted.endswith("word…")


def test_the_surest_gap_is_taken_the_point_the_answer_came_least_close_to():
    choice = choose_follow_up(QUESTION, _grade("missed", "missed", "covered", "covered", similarity={0: .4, 1: .2}), 1)
    assert (choice.aim, choice.target, choice.text) == (Aim.MISSED, POINTS[1], QUESTION.follow_ups[0].text)
    choice = choose_follow_up(QUESTION, _grade("missed", "missed", "covered", "covered", similarity={0: .1, 1: .2}), 1)
    assert (choice.aim, choice.target) == (Aim.MISSED, POINTS[0])
    assert choice.text.startswith("You did not get to this: Bias is error")  # no bank follow-up probes it


def test_a_missed_point_no_follow_up_probes_gets_a_question_built_from_it():
    choice = choose_follow_up(QUESTION, _grade("covered", "covered", "covered", "missed"), seed=1)
    assert (choice.aim, choice.target) == (Aim.MISSED, POINTS[3])
    assert choice.text == ("You did not get to this: Regularisation trades variance for bias. "
                           "Why does it matter here, and what goes wrong if it is ignored?")


def test_a_common_mistake_is_challenged_through_the_point_it_bears_on():
    mistake = PitfallMatch("More data reduces bias.", "More data reduces variance; bias needs a richer model.", 0.8,
                           Evidence(10, 38, "adding data fixes the bias"))
    choice = choose_follow_up(QUESTION, _grade("covered", "covered", "partly", "covered", pitfall=mistake), seed=1)
    assert (choice.aim, choice.target) == (Aim.PITFALL, POINTS[2])  # before a partly covered point
    assert choice.text == ('You said: "adding data fixes the bias". Are you sure? '
                           "What would doubling the data do, and what would it not fix?")
    contradicted = _grade("covered", "contradicted", "covered", "covered", pitfall=mistake)
    assert choose_follow_up(QUESTION, contradicted, seed=1).aim == Aim.CONTRADICTED  # a wrong key point first
    missed = _grade("covered", "covered", "covered", "missed", pitfall=mistake)
    assert choose_follow_up(QUESTION, missed, seed=1).aim == Aim.MISSED  # then a missing one


def test_missed_goes_before_partly():
    choice = choose_follow_up(QUESTION, _grade("partly", "covered", "missed", "covered"), seed=1)
    assert (choice.aim, choice.target) == (Aim.MISSED, POINTS[2])
    choice = choose_follow_up(QUESTION, _grade("partly", "covered", "covered", "covered"), seed=1)
    assert (choice.aim, choice.target) == (Aim.PARTLY, POINTS[0])
    assert choice.text.startswith("You only touched on this: Bias is error")


def test_nothing_missing_asks_a_broader_follow_up():
    choice = choose_follow_up(QUESTION, _grade("covered", "covered", "covered", "covered"), seed=1)
    assert (choice.aim, choice.target, choice.text) == (Aim.SENIOR, None, QUESTION.follow_ups[2].text)
    only_tagged = _question(QUESTION.follow_ups[:2])
    choice = choose_follow_up(only_tagged, _grade("covered", "covered", "covered", "covered"), seed=1)
    assert choice.aim == Aim.SENIOR and "Bias and variance" in choice.text and "production" in choice.text


def test_without_a_grade_a_bank_follow_up_is_drawn_the_same_for_a_seed():
    drawn = {choose_follow_up(QUESTION, None, seed) for seed in range(40)}
    assert {c.text for c in drawn} == {f.text for f in QUESTION.follow_ups}
    assert all(c.aim == Aim.UNGRADED for c in drawn)
    assert {c.target for c in drawn} == {POINTS[1], POINTS[2], None}  # what each drawn one probes
    assert choose_follow_up(QUESTION, None, 7) == choose_follow_up(QUESTION, None, 7)
    assert choose_follow_up(_question(()), None, 7) is None


def test_a_grade_against_other_key_points_is_not_aimed_with():
    """A stored grade from before the bank's key points changed: its statuses would point at the wrong
    points, so the follow-up is drawn instead."""
    stale = Grade(score=3.0, label="partial", meaning="",
                  key_points=(KeyPointResult("old point", "missed", 0.1, None),))
    assert choose_follow_up(QUESTION, stale, seed=1).aim == Aim.UNGRADED
    ungraded = Grade(score=None, label="not graded", meaning="")
    assert choose_follow_up(QUESTION, ungraded, seed=1).aim == Aim.UNGRADED


def test_a_question_without_bank_follow_ups_still_gets_an_aimed_one():
    choice = choose_follow_up(_question(()), _grade("covered", "missed", "covered", "covered"), seed=1)
    assert (choice.aim, choice.target) == (Aim.MISSED, POINTS[1])
