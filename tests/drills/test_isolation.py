"""Choosing the isolation level: bubblewrap by default, or nothing (with what to do); a weaker level
only when named, with one warning of what it exposes; a named level that does not work is an error,
never a silent downgrade. Missing tools are simulated with a PATH that lacks them (real probes)."""

from __future__ import annotations

import os
import shutil
import warnings
from pathlib import Path

import pytest

from gauntlet.drills.isolation import (
    ENV_VAR,
    LEVELS,
    IsolationLevel,
    SandboxUnavailable,
    WeakIsolationWarning,
    forget_probes,
    probe,
    select_level,
)
from gauntlet.drills.judge import submit
from gauntlet.drills.loader import load_drill
from gauntlet.drills.verdict import Verdict
from tests.support import slow_after

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


@pytest.mark.slow
@pytest.mark.parametrize("level", [level.value for level in LEVELS])
def test_each_level_can_be_chosen_by_name_and_is_recorded(level, monkeypatch):
    available(IsolationLevel(level))
    monkeypatch.setenv(ENV_VAR, level)
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always", WeakIsolationWarning)
        result = submit(PROBE, SOLUTION)
    assert result.verdict is Verdict.ACCEPTED and result.isolation == level
    assert submit(PROBE, SOLUTION, level=level).isolation == level
    weak = [w for w in caught if issubclass(w.category, WeakIsolationWarning)]
    if level == "bwrap":
        assert weak == []
    else:  # a weaker level chosen by name runs, once warned of exactly what it exposes
        assert len(weak) == 1 and "as you chose" in str(weak[0].message) and "exposes" in str(weak[0].message)


def test_an_unknown_level_is_refused():
    with pytest.raises(SandboxUnavailable, match="use auto, bwrap, unshare or rlimits"):
        select_level("chroot")


def test_an_unknown_level_names_where_it_came_from(monkeypatch):
    monkeypatch.setenv(ENV_VAR, "chroot")
    with pytest.raises(SandboxUnavailable, match=f"from {ENV_VAR}"):
        select_level()
    with pytest.raises(SandboxUnavailable, match="from --sandbox"):
        select_level("foo")


@pytest.mark.slow
def test_without_bubblewrap_auto_refuses_instead_of_running_on_a_weaker_level(tmp_path, monkeypatch):
    """The weaker levels leave the project's git history (reference solutions) and the user's database
    within reach of the code: never chosen for the user, only named by them."""
    available(IsolationLevel.UNSHARE)
    monkeypatch.setenv("PATH", path_with(tmp_path, {"unshare": shutil.which("unshare")}))
    with pytest.raises(SandboxUnavailable) as refused:
        submit(PROBE, SOLUTION)
    text = str(refused.value)
    assert "`bwrap` is not installed" in text and "apt-get install bubblewrap" in text
    assert f"{ENV_VAR}=unshare" in text and "unshare exposes" in text and "rlimits exposes the network" in text
    monkeypatch.setenv(ENV_VAR, "unshare")  # named, it runs, with the warning
    with pytest.warns(WeakIsolationWarning, match="as you chose"):
        assert submit(PROBE, SOLUTION).isolation == "unshare"
    with warnings.catch_warnings():
        warnings.simplefilter("error", WeakIsolationWarning)
        assert submit(PROBE, SOLUTION).isolation == "unshare"  # said once per process, not per run


def test_a_bubblewrap_that_cannot_create_namespaces_is_reported(tmp_path, monkeypatch):
    broken = "echo 'bwrap: No permissions to creating new namespace' >&2; exit 1"
    monkeypatch.setenv("PATH", path_with(tmp_path, {"bwrap": broken, "unshare": shutil.which("unshare")}))
    with pytest.raises(SandboxUnavailable, match="No permissions to creating new namespace"):
        select_level()


def test_with_neither_tool_only_a_named_rlimits_runs_and_it_warns_about_the_network(tmp_path, monkeypatch):
    monkeypatch.setenv("PATH", path_with(tmp_path, {}))
    with pytest.raises(SandboxUnavailable, match="bubblewrap"):
        submit(PROBE, SOLUTION)
    with pytest.warns(WeakIsolationWarning) as caught:
        result = submit(PROBE, SOLUTION, level="rlimits")
    assert result.isolation == "rlimits" and result.verdict is Verdict.ACCEPTED
    assert "rlimits exposes the network" in str(caught[0].message)


def test_a_forced_level_that_does_not_work_is_an_error_not_a_downgrade(tmp_path, monkeypatch):
    monkeypatch.setenv("PATH", path_with(tmp_path, {"unshare": shutil.which("unshare")}))
    monkeypatch.setenv(ENV_VAR, "bwrap")
    with pytest.raises(SandboxUnavailable, match="'bwrap' sandbox does not work here.*not installed"):
        submit(PROBE, SOLUTION)


@pytest.mark.skipif(os.geteuid() != 0, reason="the uid drop happens only when the judge runs as root")
@pytest.mark.parametrize("level", slow_after(1, [level.value for level in LEVELS]))
def test_as_root_the_users_code_never_runs_as_root(level):
    available(IsolationLevel(level))
    source = "import os\ndef attack():\n    return 'ok' if os.getuid() != 0 and os.geteuid() != 0 else 'root'\n"
    assert submit(PROBE, source, level=level).verdict is Verdict.ACCEPTED
