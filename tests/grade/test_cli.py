"""`gauntlet grade` for a question that is not in the bank, as text, as JSON and from stdin."""

from __future__ import annotations

import json

import pytest
from typer.testing import CliRunner

from gauntlet.cli.grade import app
from gauntlet.errors import InputError

QUESTION = "What does dropout do at inference time?"
REFERENCE = "Dropout is switched off at inference; inverted dropout already rescaled activations during training."
ARGS = ["--question", QUESTION, "--reference", REFERENCE,
        "-k", "Dropout is switched off at inference.", "-k", "Inverted dropout rescales activations during training."]
ANSWER = "At inference dropout is turned off, because inverted dropout already scaled the activations while training."


@pytest.fixture
def answer_file(tmp_path):
    path = tmp_path / "answer.txt"
    path.write_text(ANSWER, encoding="utf-8")
    return path


def test_text_output_shows_score_key_points_and_signals(answer_file):
    result = CliRunner().invoke(app, ARGS + ["--answer-file", str(answer_file)], env={"COLUMNS": "200"})
    assert result.exit_code == 0, result.output
    assert "Score " in result.output and "/5" in result.output
    assert "2 of 2 covered" in result.output
    assert "Explains the why" in result.output and "Links to business impact" in result.output


def test_json_output_is_the_grade_dict(answer_file):
    result = CliRunner().invoke(app, ARGS + ["-f", str(answer_file), "--json"])
    assert result.exit_code == 0, result.output
    data = json.loads(result.output)
    assert 0 <= data["score"] <= 5 and [k["status"] for k in data["key_points"]] == ["covered", "covered"]


def test_answer_from_stdin():
    result = CliRunner().invoke(app, ARGS + ["-f", "-", "--json"], input=ANSWER)
    assert result.exit_code == 0, result.output
    assert json.loads(result.output)["key_points"][0]["status"] == "covered"


def test_answers_with_markup_characters_print_literally(tmp_path):
    path = tmp_path / "a.txt"
    path.write_text("[bold]dropout[/bold] is switched off at inference [red]", encoding="utf-8")
    result = CliRunner().invoke(app, ARGS + ["-f", str(path)], env={"COLUMNS": "200"})
    assert result.exit_code == 0, result.output
    assert "[bold]dropout[/bold]" in result.output


@pytest.mark.parametrize("args",
                         [[], ["--question", QUESTION], ["some-id", "--question", QUESTION, "--reference", "r"]])
def test_wrong_arguments_are_input_errors(args, answer_file):
    result = CliRunner().invoke(app, args + ["-f", str(answer_file)])
    assert isinstance(result.exception, InputError)


def test_missing_answer_file_is_an_input_error():
    result = CliRunner().invoke(app, ARGS + ["-f", "/nonexistent/answer.txt"])
    assert isinstance(result.exception, InputError)
