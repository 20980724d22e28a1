"""`gauntlet lab`: list, info and run (PNG + JSON written, numbers and notes printed, user errors clear)."""

from __future__ import annotations

import json

import pytest
from typer.testing import CliRunner

from gauntlet.cli.lab import app
from gauntlet.errors import InputError, NotFoundError

runner = CliRunner()


def test_list_shows_every_lab():
    from gauntlet.labs.catalog import lab_ids

    result = runner.invoke(app, ["list"], env={"COLUMNS": "200"})
    assert result.exit_code == 0
    for lab_id in lab_ids():
        assert lab_id in result.stdout


@pytest.mark.slow
def test_run_writes_png_and_json_and_says_what_to_notice(tmp_path):
    out = tmp_path / "out"
    result = runner.invoke(app, ["run", "learning-rate", "--seed", "4", "--param", "steps=30", "--out", str(out)],
                           env={"COLUMNS": "200"})
    assert result.exit_code == 0, result.output
    data = json.loads((out / "learning-rate.json").read_text())
    assert data["seed"] == 4 and data["params"]["steps"] == 30
    pngs = sorted(p.name for p in out.glob("*.png"))
    assert pngs == ["learning-rate-loss_curves.png", "learning-rate-sweep.png", "learning-rate-trajectories.png"]
    for text in ("Key numbers", "condition number", "What to notice", "In this run", "In an interview",
                 str(out / "learning-rate.json")):
        assert text in result.stdout


def test_run_json_prints_exactly_what_it_saves(tmp_path):
    result = runner.invoke(app, ["run", "learning-rate", "--json", "--no-figures", "--out", str(tmp_path)])
    assert result.exit_code == 0, result.output
    printed = json.loads(result.stdout)
    saved = json.loads((tmp_path / "learning-rate.json").read_text())
    assert printed["numbers"] == saved["numbers"] and not list(tmp_path.glob("*.png"))


def test_default_output_folder_is_in_the_data_dir(isolated_home):
    result = runner.invoke(app, ["run", "learning-rate", "--seed", "2", "--no-figures"])
    assert result.exit_code == 0, result.output
    import os
    from pathlib import Path

    assert (Path(os.environ["GAUNTLET_HOME"]) / "labs" / "learning-rate-seed2" / "learning-rate.json").exists()


@pytest.mark.parametrize("args, error, message", [
    (["run", "nope"], NotFoundError, "valid labs: bias-variance"),
    (["run", "learning-rate", "--param", "speed=3"], InputError, "valid parameters: steps"),
    (["run", "learning-rate", "--param", "steps"], InputError, "NAME=VALUE"),
    (["run", "learning-rate", "--param", "steps=1e9"], InputError, "wrong type"),
    (["run", "learning-rate", "--param", "rho=1.5"], InputError, "out of range"),
    (["info", "nope"], NotFoundError, "valid labs"),
])
def test_user_mistakes_raise_the_errors_the_shell_prints_as_one_line(args, error, message, tmp_path):
    result = runner.invoke(app, args + (["--out", str(tmp_path)] if args[0] == "run" else []))
    assert isinstance(result.exception, error)
    assert message in str(result.exception)


def test_info_lists_parameters_and_takeaway():
    result = runner.invoke(app, ["info", "l1-vs-l2"], env={"COLUMNS": "200"})
    assert result.exit_code == 0
    for text in ("n_informative", "int in [1, 100] (default 5)", "What to notice", "In an interview"):
        assert text in result.stdout
