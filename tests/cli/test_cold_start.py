"""Bank commands must not pay for heavy modules (NumPy, the model, the database) at start-up."""

import os

import pytest
from benchmarks.cli_startup import heavy_modules

from tests.support import slow_after


@pytest.mark.slow
@pytest.mark.parametrize("args", slow_after(2, [["list"], ["show", "bias-variance-tradeoff"], ["topics"],
                                                 ["search", "drift"], ["tips"], ["faq"], ["compare"], ["--help"]]))
def test_bank_commands_import_no_heavy_module(args, isolated_home):
    env = dict(os.environ, GAUNTLET_HOME=str(isolated_home))
    assert heavy_modules(args, env) == []
