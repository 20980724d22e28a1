"""SIGKILL a real `gauntlet review` at random moments >= 50 times: no rated review is ever lost."""

import pytest
from benchmarks.crash_soak import soak


@pytest.mark.slow
def test_fifty_random_kills_lose_no_review(tmp_path):
    result = soak(rounds=50, seed=20261125, workdir=tmp_path)
    assert result.rounds == 50
    assert len(result.reported_saved) >= 50, "the soak must actually rate cards between kills"
    assert result.lost == []
    assert result.phantom == 0
    assert result.inconsistent_cards == []
    assert result.corrupt_rounds == []
