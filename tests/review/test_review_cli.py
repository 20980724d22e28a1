"""`gauntlet review` in a pseudo-terminal: answer, see the model answer, rate; the log matches the screen."""

from __future__ import annotations

import sqlite3

import pexpect
import pytest

from tests.support import FIXTURE_BANK, gauntlet_command


def spawn(args, env, db):
    command = gauntlet_command() + ["--db", str(db), "--bank", str(FIXTURE_BANK)] + args
    return pexpect.spawn(command[0], command[1:], env=env, encoding="utf-8", timeout=30, dimensions=(50, 120))


@pytest.mark.slow  # a terminal session end to end
def test_review_session_rates_new_cards_then_nothing_is_due(cli_env, tmp_path):
    db = tmp_path / "g.db"
    child = spawn(["review", "--tag", "my-bank", "--topic", "mlops-production", "--no-grade"], cli_env, db)
    child.expect("1 cards: 0 due, 1 new")
    child.expect("Type your answer")
    child.sendline("Compare live feature distributions with training ones.")
    child.sendline(".")
    child.expect("Model answer")
    child.expect("Rate:")
    child.sendline("7")
    child.expect("rate with 1")  # invalid input is refused, and asked again
    child.sendline("good")
    child.expect(r"Saved review #1 \(good\) · next in 10 min")
    child.expect("Session over: 1 reviewed")
    child.expect(pexpect.EOF)
    with sqlite3.connect(db) as conn:
        assert conn.execute("SELECT question_id, rating, was_new, attempt_id IS NOT NULL FROM review_logs"
                            ).fetchall() == [("my-drift", 3, 1, 1)]
        assert conn.execute("SELECT source FROM attempts").fetchall() == [("review",)]
    # The command's old name still runs it (hidden from --help: "drill" means a coding drill now).
    again = spawn(["drill", "--tag", "my-bank", "--topic", "mlops-production", "--new", "0"], cli_env, db)
    again.expect("Nothing due")


@pytest.mark.slow
def test_recall_without_typing_and_quit(cli_env, tmp_path):
    db = tmp_path / "g.db"
    child = spawn(["drill", "--tag", "my-bank", "--no-grade"], cli_env, db)
    child.expect("2 cards")
    child.expect("Type your answer")
    child.sendline("")  # just recall
    child.expect("Rate:")
    child.sendline("1")
    child.expect(r"Saved review #1 \(again\)")
    child.expect("Type your answer")
    child.sendline("")
    child.expect("Rate:")
    child.sendline("q")
    child.expect("Session over: 1 reviewed")
    with sqlite3.connect(db) as conn:
        assert conn.execute("SELECT count(*) FROM attempts").fetchone() == (0,)
        assert conn.execute("SELECT count(*) FROM review_logs").fetchone() == (1,)


@pytest.mark.slow  # a terminal session end to end
def test_unknown_tag_is_a_clear_error(cli_env, tmp_path):
    child = spawn(["drill", "--tag", "no-such-tag"], cli_env, tmp_path / "g.db")
    child.expect("no question has the tag 'no-such-tag'")
    child.expect(pexpect.EOF)
    child.close()
    assert child.exitstatus != 0


@pytest.mark.slow  # a terminal session end to end
def test_ctrl_c_prints_the_summary_and_what_was_saved(cli_env, tmp_path):
    db = tmp_path / "g.db"
    child = spawn(["drill", "--tag", "my-bank", "--no-grade"], cli_env, db)
    child.expect("Type your answer")
    child.sendline("")
    child.expect("Rate:")
    child.sendline("3")
    child.expect(r"Saved review #1 \(good\)")
    child.expect("Type your answer")
    child.sendcontrol("c")
    child.expect(r"Session interrupted: 1 reviewed \(1 good\), each saved when rated")
    child.expect("The card in hand was not rated; it stays in the queue")
    child.expect(pexpect.EOF)
    child.close()
    assert child.exitstatus == 130


@pytest.mark.slow  # a terminal session end to end
def test_an_answer_left_ungraded_is_graded_by_the_next_session(cli_env, tmp_path):
    """Saved, then interrupted before its grade (here: saved with --no-grade, which leaves the same
    state): the next session with feedback on grades it first and says so."""
    db = tmp_path / "g.db"
    child = spawn(["ask", "--id", "my-drift", "--no-grade"], cli_env, db)
    child.expect("Type your answer")
    child.sendline("Compare live feature distributions with the training ones using PSI.")
    child.sendline(".")
    child.expect("Saved attempt #1")
    child.expect(pexpect.EOF)
    with sqlite3.connect(db) as conn:
        assert conn.execute("SELECT score FROM attempts").fetchall() == [(None,)]
    again = spawn(["drill", "--tag", "my-bank", "--topic", "mlops-production"], cli_env, db)
    again.expect("Graded 1 answer saved but not graded last time")
    again.expect("Type your answer")
    again.sendcontrol("c")
    again.expect(pexpect.EOF)
    with sqlite3.connect(db) as conn:
        (score,) = conn.execute("SELECT score FROM attempts").fetchone()
    assert score is not None
