"""On the graded answer set, the mock interview's follow-up goes to a key point the answer really missed
or got wrong (by the set's human labels) in >= 90 % of answers that have one (issue 16). Grades every
answer of the set with the real grader: slow. ``benchmarks/follow_up_targets.py`` prints the figures."""

from __future__ import annotations

import pytest
from benchmarks.follow_up_targets import measure
from benchmarks.grader_indomain import load_set


@pytest.mark.slow
def test_follow_ups_target_a_real_gap_on_the_graded_answer_set():
    stats = measure(load_set())
    assert stats.with_gap > 600  # the whole set, not a slice of it
    assert stats.target_rate >= 0.90, stats.misses[:20]
    # A complete answer is mostly asked a broader question, not told it missed something.
    assert stats.broader >= stats.complete // 4
