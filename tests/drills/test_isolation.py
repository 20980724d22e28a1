"""Choosing the isolation level: each level can be forced and is recorded in the verdict; a missing or
broken stronger level falls back with one clear warning; a forced level that does not work is an error,
never a silent downgrade. Missing tools are simulated with a PATH that lacks them (real probes)."""

from __future__ import annotations

import os
import shutil
import warnings
from pathlib import Path

import pytest

from gauntlet.drills.catalog import load_drill
from gauntlet.drills.isolation import (ENV_VAR, LEVELS, IsolationLevel, SandboxUnavailable, WeakIsolationWarning,
                                       forget_probes, probe, select_level)
from gauntlet.drills.judge import submit
from gauntlet.drills.verdict import Verdict

PROBE = load_drill("escape-probe", Path(__file__).resolve().parent / "fixtures")
SOLUTION = PROBE.solution_path.read_text(encoding="utf-8")


@pytest.fixture(autouse=True)
def fresh_probes(monkeypatch):
    monkeypatch.delenv(ENV_VAR, raising=False)
    forget_probes()
    yield
    forget_probes()


def path_with(tmp_path: Path, tools: dict[str, str | None]) -> str:
    """A PATH holding only ``tools``: name -> the real tool it links to, or a shell script's body."""
    folder = tmp_path / "bin"
    folder.mkdir()
    for name, target in tools.items():
        if target is not None and target.startswith("/"):
            (folder / name).symlink_to(target)
        else:
            (folder / name).write_text(f"#!/bin/sh\n{target}\n")
            (folder / name).chmod(0o755)
    return str(folder)


def available(level: IsolationLevel) -> None:
    if probe(level):
        pytest.skip(f"{level.value} does not work on this machine: {probe(level)}")


@pytest.mark.parametrize("level", [level.value for level in LEVELS])
def test_each_level_can_be_forced_by_the_environment_and_is_recorded(level, monkeypatch):
    available(IsolationLevel(level))
    monkeypatch.setenv(ENV_VAR, level)
    with warnings.catch_warnings():
        warnings.simplefilter("error", WeakIsolationWarning)  # a level asked for by name does not warn
        result = submit(PROBE, SOLUTION)
    assert result.verdict is Verdict.ACCEPTED and result.isolation == level
    assert submit(PROBE, SOLUTION, level=level).isolation == level


def test_an_unknown_level_is_refused():
    with pytest.raises(SandboxUnavailable, match="use auto, bwrap, unshare or rlimits"):
        select_level("chroot")


def test_without_bubblewrap_auto_falls_back_to_unshare_and_says_so_once(tmp_path, monkeypatch):
    available(IsolationLevel.UNSHARE)
    monkeypatch.setenv("PATH", path_with(tmp_path, {"unshare": shutil.which("unshare")}))
    with pytest.warns(WeakIsolationWarning) as caught:
        assert submit(PROBE, SOLUTION).isolation == "unshare"
    assert len(caught) == 1
    text = str(caught[0].message)
    assert "'unshare'" in text and "`bwrap` is not installed" in text and "apt-get install bubblewrap" in text
    with warnings.catch_warnings():
        warnings.simplefilter("error", WeakIsolationWarning)
        assert submit(PROBE, SOLUTION).isolation == "unshare"  # said once per process, not per run


def test_a_bubblewrap_that_cannot_create_namespaces_is_reported_and_skipped(tmp_path, monkeypatch):
    available(IsolationLevel.UNSHARE)
    broken = "echo 'bwrap: No permissions to creating new namespace' >&2; exit 1"
    monkeypatch.setenv("PATH", path_with(tmp_path, {"bwrap": broken, "unshare": shutil.which("unshare")}))
    with pytest.warns(WeakIsolationWarning, match="No permissions to creating new namespace"):
        assert select_level() is IsolationLevel.UNSHARE


def test_with_neither_tool_auto_runs_on_rlimits_and_warns_about_the_network(tmp_path, monkeypatch):
    monkeypatch.setenv("PATH", path_with(tmp_path, {}))
    with pytest.warns(WeakIsolationWarning) as caught:
        result = submit(PROBE, SOLUTION)
    assert result.isolation == "rlimits" and result.verdict is Verdict.ACCEPTED
    assert "NO network isolation" in str(caught[0].message)


def test_a_forced_level_that_does_not_work_is_an_error_not_a_downgrade(tmp_path, monkeypatch):
    monkeypatch.setenv("PATH", path_with(tmp_path, {"unshare": shutil.which("unshare")}))
    monkeypatch.setenv(ENV_VAR, "bwrap")
    with pytest.raises(SandboxUnavailable, match="'bwrap' sandbox does not work here.*not installed"):
        submit(PROBE, SOLUTION)


@pytest.mark.skipif(os.geteuid() != 0, reason="the uid drop happens only when the judge runs as root")
@pytest.mark.parametrize("level", [level.value for level in LEVELS])
def test_as_root_the_users_code_never_runs_as_root(level):
    available(IsolationLevel(level))
    source = "import os\ndef attack():\n    return 'ok' if os.getuid() != 0 and os.geteuid() != 0 else 'root'\n"
    assert submit(PROBE, source, level=level).verdict is Verdict.ACCEPTED
