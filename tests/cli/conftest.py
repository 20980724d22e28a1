from __future__ import annotations

import os
import sys
from pathlib import Path

import pytest

FIXTURE_BANK = Path(__file__).resolve().parents[1] / "fixtures" / "mybank"


def gauntlet_command() -> list[str]:
    """The installed console script, run exactly as a user would."""
    script = Path(sys.executable).with_name("gauntlet")
    return [str(script)] if script.exists() else [sys.executable, "-m", "gauntlet.cli.main"]


@pytest.fixture
def cli_env(isolated_home) -> dict[str, str]:
    env = dict(os.environ)
    env.update(GAUNTLET_HOME=str(isolated_home), COLUMNS="120", TERM="dumb")
    return env
