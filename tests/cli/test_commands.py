"""Every bank command run as a user would: the installed `gauntlet` script in a subprocess."""

from __future__ import annotations

import re
import sqlite3
import subprocess

import pytest

from tests.support import FIXTURE_BANK, gauntlet_command


def run(args, env, input_text=None):
    return subprocess.run(gauntlet_command() + args, env=env, input=input_text, capture_output=True,
                          text=True, timeout=60)


def test_help_and_version(cli_env):
    result = run(["--help"], cli_env)
    assert result.returncode == 0
    for command in ("topics", "list", "show", "search", "tips", "faq", "compare", "check", "ask"):
        assert command in result.stdout
    assert run(["--version"], cli_env).stdout.startswith("gauntlet ")


@pytest.mark.slow
def test_list_filters_and_rejects_bad_values(cli_env):
    result = run(["--bank", str(FIXTURE_BANK), "list", "--topic", "mlops-production"], cli_env)
    assert result.returncode == 0 and "my-drift" in result.stdout and "my-overfitting" not in result.stdout
    result = run(["--bank", str(FIXTURE_BANK), "list", "--tag", "drift", "--difficulty", "advanced"], cli_env)
    assert "my-drift" in result.stdout
    bad = run(["list", "--difficulty", "easy"], cli_env)
    assert bad.returncode == 2
    assert "must be one of beginner, intermediate, advanced" in bad.stderr and "Traceback" not in bad.stderr
    bad_topic = run(["list", "--topic", "astrology"], cli_env)
    assert bad_topic.returncode == 2 and "no topic 'astrology'" in bad_topic.stderr


@pytest.mark.slow  # more CLI processes
def test_list_marks_scenario_questions_and_prints_titles_as_written(cli_env):
    from gauntlet.bank import load_bank

    scenario = next(q for q in load_bank().questions if q.kind == "scenario")
    result = run(["list", "--topic", scenario.topic], {**cli_env, "COLUMNS": "250"})
    line = next(line for line in result.stdout.splitlines() if scenario.id in line)
    assert f"{scenario.title} [scenario]" in line  # not swallowed as a Rich markup tag


@pytest.mark.slow
def test_show_hides_the_answer_until_asked(cli_env):
    prompt_only = run(["--bank", str(FIXTURE_BANK), "show", "my-overfitting"], cli_env)
    assert "What is overfitting?" in prompt_only.stdout and "Model answer" not in prompt_only.stdout
    full = run(["--bank", str(FIXTURE_BANK), "show", "my-overfitting", "--answer"], cli_env)
    for part in ("Model answer", "Key points", "Common pitfalls", "Follow-ups", "Senior angle",
                 "Overfitting is fitting noise", "How do you detect it?"):
        assert part in full.stdout
    missing = run(["show", "no-such-id"], cli_env)
    assert missing.returncode == 2 and "no question with id 'no-such-id'" in missing.stderr


@pytest.mark.slow  # more CLI processes
def test_search_finds_by_prefix_and_reports_nothing_found(cli_env):
    found = run(["--bank", str(FIXTURE_BANK), "search", "drif"], cli_env)
    assert "my-drift" in found.stdout and "my-overfitting" not in found.stdout
    nothing = run(["--bank", str(FIXTURE_BANK), "search", "zzzzqqq"], cli_env)
    assert nothing.returncode == 0 and "Nothing matches" in nothing.stdout


def word_run(text: str) -> str:
    """The words of ``text`` in order, one space apart: what is left of a passage once the terminal has
    wrapped it, drawn a box around it and rendered its Markdown."""
    return " " + " ".join(re.findall(r"\w+", text)) + " "


@pytest.mark.slow
def test_topics_tips_faq_show_the_shipped_content_whole(cli_env):
    from gauntlet.bank import load_bank

    bank = load_bank()
    shown = {}
    for command in ("topics", "tips", "faq"):
        result = run([command], cli_env)
        assert result.returncode == 0, result.stderr
        shown[command] = word_run(result.stdout)
    assert all(word_run(t.name) in shown["topics"] for t in bank.topics)
    missing = [(item.id, part) for items, parts, command in ((bank.faq, ("question", "answer"), "faq"),
                                                             (bank.tips, ("title", "body", "example"), "tips"))
               for item in items for part in parts if word_run(getattr(item, part)) not in shown[command]]
    assert missing == []  # every question with its whole answer, every tip with its whole text


@pytest.mark.slow  # more CLI processes
def test_compare_wraps_every_cell_and_cuts_none(cli_env):
    """At 80 to 120 columns every word of every cell is on screen: a word too long for its column is
    folded onto the next line, never cut with an ellipsis."""
    from gauntlet.bank import load_bank

    def on_screen(word: str, words: set[str]) -> bool:
        return word in words or any(word[:i] in words and word[i:] in words for i in range(1, len(word)))

    for width in ("80", "120"):
        result = run(["compare"], {**cli_env, "COLUMNS": width})
        assert result.returncode == 0 and "…" not in result.stdout, width
        words = set(re.findall(r"\w+", result.stdout))
        assert all(t.title in result.stdout for t in load_bank().tables)
        missing = [(t.id, word) for t in load_bank().tables for row in (t.columns, *t.rows) for cell in row
                   for word in re.findall(r"\w+", str(cell)) if not on_screen(word, words)]
        assert missing == [], width


@pytest.mark.slow  # more CLI processes (check_bank is tested in tests/bank)
def test_check_passes_on_a_valid_folder_and_fails_with_file_and_line(cli_env, tmp_path):
    ok = run(["check", str(FIXTURE_BANK)], cli_env)
    assert ok.returncode == 0 and "is valid" in ok.stdout
    broken = tmp_path / "broken-one.yaml"
    broken.write_text((FIXTURE_BANK / "my-drift.yaml").read_text().replace("id: my-drift", "id: broken-one")
                      .replace("difficulty: advanced", "difficulty: hard"))
    bad = run(["check", str(tmp_path)], cli_env)
    assert bad.returncode == 1
    assert f"{broken}:5: field 'difficulty' must be one of" in bad.stdout.replace("\n", "")
    assert "Traceback" not in bad.stdout + bad.stderr


@pytest.mark.slow
def test_ask_with_answer_file_records_the_attempt(cli_env, tmp_path, isolated_home):
    answer = tmp_path / "answer.txt"
    answer.write_bytes("It memorises noise: low training error, high validation error. \xff".encode("latin-1"))
    result = run(["--bank", str(FIXTURE_BANK), "ask", "--id", "my-overfitting", "--answer-file", str(answer),
                  "--no-grade"], cli_env)
    assert result.returncode == 0, result.stderr
    assert "Saved attempt #1" in result.stdout and "Model answer" in result.stdout
    assert "not valid UTF-8" in result.stderr
    with sqlite3.connect(isolated_home / "gauntlet.db") as db:
        rows = db.execute("SELECT question_id, source, answer FROM attempts").fetchall()
    assert rows == [("my-overfitting", "ask", "It memorises noise: low training error, high validation error. �")]


@pytest.mark.slow  # more CLI processes
def test_ask_reads_stdin_and_skips_empty_answers(cli_env, isolated_home):
    empty = run(["--bank", str(FIXTURE_BANK), "ask", "--id", "my-drift"], cli_env, input_text="  \n")
    assert empty.returncode == 0 and "nothing saved" in empty.stdout
    piped = run(["--bank", str(FIXTURE_BANK), "ask", "--topic", "mlops-production", "--no-grade"], cli_env,
                input_text="Compare feature distributions with a KS test.\n")
    assert "Saved attempt #1" in piped.stdout
    missing = run(["ask", "--answer-file", "/nonexistent/answer.txt"], cli_env)
    assert missing.returncode == 2 and "does not exist" in missing.stderr


@pytest.mark.slow  # more CLI processes
def test_db_option_points_to_any_sqlite_file(cli_env, tmp_path):
    db_file = tmp_path / "custom.db"
    result = run(["--db", str(db_file), "--bank", str(FIXTURE_BANK), "ask", "--id", "my-drift", "--no-grade"],
                 cli_env, input_text="KS test per feature.\n")
    assert result.returncode == 0 and db_file.exists()


@pytest.mark.slow  # more CLI processes
def test_lab_and_code_lists_take_one_line_per_row_at_80_columns(cli_env):
    from gauntlet.drills.loader import drill_ids
    from gauntlet.labs.catalog import LABS

    for args, ids in ((["code", "list"], drill_ids()), (["lab", "list"], [lab.id for lab in LABS])):
        out = run(args, {**cli_env, "COLUMNS": "80"}).stdout
        rows = [line for line in out.splitlines() if line.strip().split(" ")[0] in ids]
        assert len(rows) == len(ids), args  # every id whole, at the start of its own line
        assert all(len(line) <= 80 for line in out.splitlines())
    # Ids and titles first: the level shows where the titles leave room for it.
    assert "advanced" in run(["code", "list"], {**cli_env, "COLUMNS": "120"}).stdout
