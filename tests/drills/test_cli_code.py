"""`gauntlet code` as a user runs it: a real process, real sandbox, one line for user mistakes."""

from __future__ import annotations

import json
import subprocess

import pytest

from gauntlet.drills.attempts import code_attempts_for, get_code_attempt
from gauntlet.drills.isolation import select_level
from gauntlet.drills.loader import drill_ids, load_drill
from gauntlet.drills.verdict import Verdict
from gauntlet.store import open_store
from tests.support import gauntlet_command


def gauntlet_code(args, env, cwd=None):
    """The installed `gauntlet` script, as a user runs it."""
    return subprocess.run([*gauntlet_command(), "code", *map(str, args)], env=env, cwd=cwd,
                          capture_output=True, text=True, timeout=120)


@pytest.mark.slow  # three CLI processes
def test_list_and_show(cli_env):
    listed = gauntlet_code(["list"], cli_env)
    assert listed.returncode == 0
    assert all(drill_id in listed.stdout for drill_id in drill_ids())
    shown = gauntlet_code(["show", "knn"], cli_env)
    assert shown.returncode == 0
    assert "k-nearest-neighbours classifier" in shown.stdout and "def example_majority_of_three" in shown.stdout
    assert "def test_" not in shown.stdout  # hidden tests are never shown
    missing = gauntlet_code(["show", "knnn"], cli_env)
    assert missing.returncode == 2 and "Did you mean: knn" in missing.stderr and "Traceback" not in missing.stderr


@pytest.mark.slow  # three CLI processes
def test_start_writes_the_starter_once(cli_env, tmp_path):
    first = gauntlet_code(["start", "knn", tmp_path / "work"], cli_env)
    written = tmp_path / "work" / "knn.py"
    assert first.returncode == 0 and written.read_text() == load_drill("knn").starter()
    again = gauntlet_code(["start", "knn", tmp_path / "work"], cli_env)
    assert again.returncode == 2 and "--force" in again.stderr and "Traceback" not in again.stderr
    assert gauntlet_code(["start", "knn", tmp_path / "work", "--force"], cli_env).returncode == 0


@pytest.mark.slow
def test_test_runs_the_visible_examples(cli_env, tmp_path):
    drill = load_drill("knn")
    accepted = gauntlet_code(["test", "knn", drill.solution_path], cli_env)
    assert accepted.returncode == 0 and "Accepted" in accepted.stdout and "hidden" not in accepted.stdout

    starter = tmp_path / "knn.py"
    starter.write_text(drill.starter())
    unfinished = gauntlet_code(["test", "knn", starter], cli_env)
    assert unfinished.returncode == 1
    assert "Runtime error" in unfinished.stdout and 'File "knn.py", line' in unfinished.stdout
    assert "NotImplementedError" in unfinished.stdout and "worker.py" not in unfinished.stdout

    wrong = tmp_path / "wrong.py"
    wrong.write_text("import numpy as np\ndef knn_predict(X_train, y_train, X_test, k):\n"
                     "    return np.zeros(len(X_test), dtype=int)\n")
    failed = gauntlet_code(["test", "knn", wrong], cli_env)
    assert failed.returncode == 1 and "Wrong answer" in failed.stdout
    assert "Failed example: example_majority_of_three" in failed.stdout
    assert "expected [0, 1], got [0, 0]" in failed.stdout  # the example's own message

    missing = gauntlet_code(["test", "knn", tmp_path / "nope.py"], cli_env)
    assert missing.returncode == 2 and "does not exist" in missing.stderr and "Traceback" not in missing.stderr


@pytest.mark.slow  # sandboxed runs through the CLI
def test_submit_shows_counts_and_hints_but_never_the_hidden_tests(cli_env):
    drill = load_drill("knn")
    wrong = drill.wrong_dir / "counter_tie_break.py"
    result = gauntlet_code(["submit", "knn", wrong], cli_env)
    assert result.returncode == 1 and "Wrong answer" in result.stdout
    assert "hidden tests failed. Where to look" in result.stdout and "edge ×" in result.stdout
    hidden_source = drill.hidden_tests_path.read_text()
    for line in hidden_source.splitlines():
        if len(line.strip()) > 25:
            assert line.strip() not in result.stdout
    assert "test_edge" not in result.stdout and "hidden #1" in result.stdout


@pytest.mark.slow  # sandboxed runs through the CLI
def test_submit_json_is_the_stored_attempt(cli_env):
    drill = load_drill("mse-gradient")
    result = gauntlet_code(["submit", "mse-gradient", drill.solution_path, "--json"], cli_env)
    assert result.returncode == 0
    attempt = json.loads(result.stdout)
    assert attempt["drill_id"] == "mse-gradient" and attempt["verdict"] == "accepted"
    assert attempt["isolation"] in ("bwrap", "unshare", "rlimits")
    assert attempt["code"] == drill.solution_path.read_text()
    assert all(r["outcome"] == "accepted" and r["seconds"] >= 0 for r in attempt["results"])
    store = open_store()  # the database the command used: GAUNTLET_HOME is this test's own
    try:
        assert get_code_attempt(store, store.local_user_id, attempt["attempt_id"]).submission().public_dict() == {
            key: value for key, value in attempt.items() if key != "attempt_id"}
    finally:
        store.close()


@pytest.mark.slow  # sandboxed runs through the CLI
def test_json_output_never_shows_a_hidden_test(cli_env):
    """The table hides hidden tests' names and assertion messages; --json follows the same rule."""
    drill = load_drill("knn")
    wrong = drill.wrong_dir / "counter_tie_break.py"
    submitted = gauntlet_code(["submit", "knn", wrong, "--json"], cli_env)
    history = gauntlet_code(["history", "knn", "--json"], cli_env)
    assert submitted.returncode == 1 and history.returncode == 0
    hidden_names = [r["name"] for r in json.loads(submitted.stdout)["results"] if not r["visible"]]
    assert hidden_names and all(name.startswith("hidden #") for name in hidden_names)
    wrong_answers = [r for r in json.loads(submitted.stdout)["results"]
                     if not r["visible"] and r["outcome"] == "wrong_answer"]
    assert wrong_answers and all(r["message"] == "" for r in wrong_answers)
    hidden_source = drill.hidden_tests_path.read_text()
    test_names = [line.split("(")[0][4:] for line in hidden_source.splitlines() if line.startswith("def test_")]
    for output in (submitted.stdout, history.stdout):
        assert not any(name in output for name in test_names)


@pytest.mark.slow  # sandboxed runs through the CLI
def test_submit_stores_every_attempt_and_history_lists_them(cli_env):
    drill = load_drill("mse-gradient")
    accepted = gauntlet_code(["submit", "mse-gradient", drill.solution_path], cli_env)
    assert accepted.returncode == 0 and "Stored as attempt #1" in accepted.stdout
    wrong = drill.wrong_dir / "sign_flipped.py"
    rejected = gauntlet_code(["submit", "mse-gradient", wrong], cli_env)
    assert rejected.returncode == 1 and "Stored as attempt #2" in rejected.stdout

    store = open_store()
    try:
        newest, first = code_attempts_for(store, store.local_user_id, drill_id="mse-gradient")
    finally:
        store.close()
    assert (newest.id, newest.verdict, newest.code) == (2, Verdict.WRONG_ANSWER, wrong.read_text())
    assert (first.id, first.verdict, first.code) == (1, Verdict.ACCEPTED, drill.solution_path.read_text())
    assert first.passed == first.total == len(first.results) > 3 and newest.passed < newest.total
    assert first.sandbox == select_level(None).value  # the same sandbox the web app and its tests use
    assert all(r.seconds >= 0 for r in first.results) and first.user_seconds > 0

    listed = gauntlet_code(["history"], cli_env)
    assert listed.returncode == 0
    rows = [line.split() for line in listed.stdout.splitlines() if "mse-gradient" in line]
    assert [row[0] for row in rows] == ["2", "1"]  # newest first
    assert "Wrong answer" in listed.stdout and f"{first.total}/{first.total}" in listed.stdout
    none_yet = gauntlet_code(["history", "knn"], cli_env)
    assert none_yet.returncode == 0 and "No submissions at knn yet" in none_yet.stdout
    typo = gauntlet_code(["history", "mse-gradiant"], cli_env)
    assert typo.returncode == 2 and "Did you mean: mse-gradient" in typo.stderr and "Traceback" not in typo.stderr


@pytest.mark.slow  # sandboxed runs through the CLI
def test_examples_runs_are_not_stored(cli_env):
    drill = load_drill("mse-gradient")
    assert gauntlet_code(["test", "mse-gradient", drill.solution_path], cli_env).returncode == 0
    store = open_store()
    try:
        assert code_attempts_for(store, store.local_user_id) == []
    finally:
        store.close()


@pytest.mark.parametrize("level", ["rlimits"])
@pytest.mark.slow  # sandboxed runs through the CLI
def test_the_sandbox_option_picks_the_level(cli_env, level):
    drill = load_drill("mse-gradient")
    result = gauntlet_code(["test", "mse-gradient", drill.solution_path, "--sandbox", level], cli_env)
    assert result.returncode == 0 and f"sandbox: {level}" in result.stdout
    bad = gauntlet_code(["test", "mse-gradient", drill.solution_path, "--sandbox", "chroot"], cli_env)
    assert bad.returncode == 2 and "unknown sandbox level" in bad.stderr
