"""Every drill's reference solution is accepted, its deliberately slow solution too (the time limit leaves
room for readable, naive code), and every known-wrong solution gets exactly the verdict its ``# expect:``
line names, judged in the real sandbox. New drills are picked up on their own.

The default run judges a few drills' references, each with one quick wrong solution, and checks without
running them that every slow solution exists, says why it is slow and is not the reference; ``--all``
judges every drill, every slow solution and every wrong solution (time-limit ones use up their drill's
whole time budget, so they are slow by design).
"""

from __future__ import annotations

import pytest

from gauntlet.drills.judge import submit
from gauntlet.drills.loader import drill_ids, load_drill, wrong_solutions
from gauntlet.drills.verdict import Verdict

# The drills the fast suite judges: quick ones, of different kinds (each judgement starts sandboxed processes).
FAST_DRILLS = ("batchnorm-forward",)
assert set(FAST_DRILLS) <= set(drill_ids()), "a fast drill was renamed: pick another"


def _wrong_cases():
    cases = []
    for drill_id in drill_ids():
        quick_one_taken = drill_id not in FAST_DRILLS
        for wrong in wrong_solutions(load_drill(drill_id)):
            quick = wrong.expect != "time_limit" and not quick_one_taken
            quick_one_taken = quick_one_taken or quick
            marks = () if quick else (pytest.mark.slow,)
            cases.append(pytest.param(drill_id, wrong.path, wrong.expect, marks=marks,
                                      id=f"{drill_id}/{wrong.path.stem}"))
    return cases


@pytest.mark.parametrize("drill_id", [d if d in FAST_DRILLS else pytest.param(d, marks=pytest.mark.slow)
                                      for d in drill_ids()])
def test_reference_solution_is_accepted(drill_id):
    drill = load_drill(drill_id)
    result = submit(drill, drill.solution_path.read_text(encoding="utf-8"))
    failures = [(r.name, r.outcome.value, r.message[:300]) for r in result.results if r.outcome is not Verdict.ACCEPTED]
    assert result.verdict is Verdict.ACCEPTED, failures
    assert result.passed == len(result.results) > 0
    assert result.user_seconds < drill.time_limit_s


@pytest.mark.parametrize("drill_id", drill_ids())
def test_slow_solution_is_naive_not_a_copy_of_the_reference(drill_id):
    drill = load_drill(drill_id)
    slow = drill.slow_solution_path.read_text(encoding="utf-8")
    assert slow.startswith("# Slow but correct:"), "the first line says what makes this solution slow"
    assert slow != drill.solution_path.read_text(encoding="utf-8"), "the slow solution is the reference"


@pytest.mark.slow
@pytest.mark.parametrize("drill_id", drill_ids())
def test_slow_solution_is_accepted(drill_id):
    drill = load_drill(drill_id)
    result = submit(drill, drill.slow_solution_path.read_text(encoding="utf-8"), filename="slow_solution.py")
    failures = [(r.name, r.outcome.value, r.message[:300]) for r in result.results if r.outcome is not Verdict.ACCEPTED]
    assert result.verdict is Verdict.ACCEPTED, failures
    assert result.passed == len(result.results) > 0
    assert result.user_seconds < drill.time_limit_s


@pytest.mark.parametrize(("drill_id", "path", "expect"), _wrong_cases())
def test_known_wrong_solution_gets_its_expected_verdict(drill_id, path, expect):
    result = submit(load_drill(drill_id), path.read_text(encoding="utf-8"), filename=path.name)
    decisive = result.decisive_result()
    detail = (decisive.name, decisive.message[:300]) if decisive else None
    assert result.verdict.value == expect, detail
