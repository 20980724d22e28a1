"""Helpers shared by test modules (fixtures live in conftest.py)."""

from __future__ import annotations

import sys
from collections.abc import Iterable
from pathlib import Path
from typing import Any

import pytest

FIXTURE_BANK = Path(__file__).resolve().parent / "fixtures" / "mybank"


def gauntlet_command() -> list[str]:
    """The installed console script, run exactly as a user would."""
    script = Path(sys.executable).with_name("gauntlet")
    return [str(script)] if script.exists() else [sys.executable, "-m", "gauntlet.cli.main"]


def slow_after(keep: int, cases: Iterable[Any]) -> list[Any]:
    """``cases`` for ``pytest.mark.parametrize``, all but the first ``keep`` marked slow.

    The fast suite (`pytest`) then runs a representative of a parametrised test and `pytest --all` runs
    every case: a newcomer's run still catches a broken feature, CI still covers each case. A case is a
    value, a tuple of values (several argument names) or a ``pytest.param``.
    """
    out: list[Any] = []
    for index, case in enumerate(cases):
        if index < keep:
            out.append(case)
        elif hasattr(case, "values") and hasattr(case, "marks"):  # a pytest.param
            out.append(pytest.param(*case.values, marks=(*case.marks, pytest.mark.slow), id=case.id))
        else:
            values = case if isinstance(case, tuple) else (case,)
            out.append(pytest.param(*values, marks=pytest.mark.slow))
    return out
