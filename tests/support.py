"""Helpers shared by test modules (fixtures live in conftest.py)."""

from __future__ import annotations

import sys
from pathlib import Path

FIXTURE_BANK = Path(__file__).resolve().parent / "fixtures" / "mybank"


def gauntlet_command() -> list[str]:
    """The installed console script, run exactly as a user would."""
    script = Path(sys.executable).with_name("gauntlet")
    return [str(script)] if script.exists() else [sys.executable, "-m", "gauntlet.cli.main"]
