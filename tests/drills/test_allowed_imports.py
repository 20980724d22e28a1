"""What a statement allows ("NumPy and the standard library") is allowed: every standard-library module
imports in the sandbox without a false "forbidden", while the user's own imports of the dangerous ones
(network, processes, raw memory) are still stopped, however they are spelt."""

from __future__ import annotations

import sys
from pathlib import Path

import pytest

from gauntlet.drills.judge import submit
from gauntlet.drills.loader import load_drill
from gauntlet.drills.verdict import Verdict
from gauntlet.drills.worker import _Tripwire

pytestmark = pytest.mark.slow

PROBE = load_drill("escape-probe", Path(__file__).resolve().parent / "fixtures")
# Left out: they open windows or browsers, print on import, or are the interactive tools around Python.
NOT_FOR_DRILLS = {"antigravity", "this", "idlelib", "tkinter", "turtle", "turtledemo", "pydoc_data", "ensurepip",
                  "venv", "lib2to3", "msilib", "winreg", "winsound", "msvcrt", "nt", "_winapi"}


def allowed_modules() -> list[str]:
    dangerous = _Tripwire._DANGEROUS_IMPORTS
    return sorted(name for name in sys.stdlib_module_names
                  if not name.startswith("_") and name not in dangerous and name not in NOT_FOR_DRILLS)


def importer(names: list[str]) -> str:
    return ("import importlib\n"
            "def attack():\n"
            f"    for name in {names!r}:\n"
            "        try:\n"
            "            importlib.import_module(name)\n"
            "        except ImportError:\n"
            "            pass  # not built on this platform\n"
            "    return 'ok'\n")


def test_every_standard_library_module_a_statement_allows_can_be_imported():
    names = allowed_modules()
    assert {"copy", "dataclasses", "unittest", "pprint", "doctest", "heapq", "functools"} <= set(names)
    result = submit(PROBE, importer(names) + "import copy, dataclasses, unittest, pprint, doctest\n"
                                            "import numpy.testing\n")
    decisive = result.decisive_result()
    assert result.verdict is Verdict.ACCEPTED, (decisive.name, decisive.message) if decisive else result.verdict


@pytest.mark.parametrize("statement", ["import socket", "import subprocess", "from ctypes import CDLL\nCDLL(None)",
                                       "import importlib\nimportlib.import_module('socket')",
                                       "__import__('multiprocessing')", "import http.client"])
def test_the_users_own_dangerous_imports_are_still_forbidden(statement):
    source = statement + "\ndef attack():\n    return 'ok'\n"
    assert submit(PROBE, source).verdict is Verdict.FORBIDDEN
