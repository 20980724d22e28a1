"""One account's share of the graders on a shared server (web.fair_share), with an injected clock."""

from __future__ import annotations

import pytest
from fastapi import HTTPException

from gauntlet.web.fair_share import GradingShares


class Clock:
    def __init__(self):
        self.now = 1000.0

    def __call__(self):
        return self.now


def grade(shares, user, chars):
    with shares.slot(user, chars):
        pass


def test_an_account_gets_a_window_of_characters_and_waits_for_the_oldest_to_leave_it():
    clock = Clock()
    shares = GradingShares(chars_per_window=10_000, window_s=600, clock=clock)
    grade(shares, 1, 6_000)
    clock.now += 100
    grade(shares, 1, 4_000)  # exactly the window's share
    clock.now += 50
    with pytest.raises(HTTPException) as refused:
        grade(shares, 1, 1)
    assert refused.value.status_code == 429 and "characters of answers" in refused.value.detail
    assert int(refused.value.headers["Retry-After"]) == 600 - 150 + 1  # when the first answer leaves
    grade(shares, 2, 10_000)  # another account is not affected
    clock.now += 451
    grade(shares, 1, 5_000)  # the first answer left the window


def test_an_answer_of_the_maximum_length_always_fits_an_empty_window():
    shares = GradingShares(clock=Clock())
    grade(shares, 1, shares.chars_per_window)


def test_a_local_server_has_no_cap():
    shares = GradingShares(enabled=False, chars_per_window=10, clock=Clock())
    for _ in range(5):
        grade(shares, 1, 1_000)


def test_old_entries_are_forgotten_for_every_account():
    clock = Clock()
    shares = GradingShares(window_s=60, clock=clock)
    for user in range(100):
        grade(shares, user, 10)
    clock.now += 61
    grade(shares, 0, 10)
    assert len(shares._sent) == 1 and shares.in_progress() == 0
