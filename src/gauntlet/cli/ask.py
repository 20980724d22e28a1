"""`gauntlet ask`: answer one question in the terminal, then compare with the model answer."""

from __future__ import annotations

import sys
from pathlib import Path

import typer

from gauntlet.cli import render
from gauntlet.cli.state import STATE, console, err_console
from gauntlet.errors import InputError

END_MARK = "."


def read_answer_file(path: str) -> str:
    """Read an answer from a file, or from stdin for '-'. Any bytes are accepted (invalid UTF-8 replaced)."""
    if path == "-":
        raw = sys.stdin.buffer.read()
    else:
        try:
            raw = Path(path).expanduser().read_bytes()
        except FileNotFoundError:
            raise InputError(f"answer file '{path}' does not exist") from None
        except IsADirectoryError:
            raise InputError(f"'{path}' is a folder; give a text file with your answer") from None
        except OSError as exc:
            raise InputError(f"cannot read answer file '{path}': {exc.strerror}") from None
    text = raw.decode("utf-8", errors="replace")
    if "\ufffd" in text and b"\xef\xbf\xbd" not in raw:
        err_console.print("note: the answer was not valid UTF-8; unreadable bytes were replaced with �",
                          style="yellow")
    return text


def read_answer_interactively(allow_recall: bool = False) -> str | None:
    """Lines until a line holding only '.', or end of input (Ctrl-D).

    With ``allow_recall``, an empty first line means "I'll just recall it in my head" and returns "".
    Returns None if input ended before anything was typed (the user closed the stream).
    """
    hint = " Press Enter on an empty line to just recall it." if allow_recall else ""
    console.print(f"Type your answer. Finish with a line containing only [bold]{END_MARK}[/] (or Ctrl-D).{hint}",
                  style="dim")
    lines: list[str] = []
    while True:
        try:
            line = input()
        except EOFError:
            return "\n".join(lines) if lines else None
        if line.strip() == END_MARK:
            break
        if allow_recall and not lines and not line.strip():
            return ""
        lines.append(line)
    return "\n".join(lines)


def prepare_feedback(store, bank, no_grade: bool) -> str | None:
    """Before the user types: say if answers cannot be graded here (and that they are still saved), else
    grade any answer a previous run saved but did not grade. Returns why grading is off, or None."""
    from gauntlet.practice import grade_left_over, why_grading_is_unavailable

    if no_grade:
        return None
    unavailable = why_grading_is_unavailable()
    if unavailable:
        err_console.print(f"Feedback is off: {unavailable}. Answers are still saved; `gauntlet regrade` grades "
                          "them once the model is installed.", style="yellow")
    elif left_over := grade_left_over(store, bank, store.local_user_id):
        console.print(f"Graded {left_over} answer{'s' if left_over > 1 else ''} saved but not graded last time.",
                      style="dim")
    return unavailable


def ask(
    topic: str | None = typer.Option(None, "--topic", "-t", help="Pick from this topic."),
    difficulty: str | None = typer.Option(None, "--difficulty", "-d", help="beginner | intermediate | advanced"),
    audience: str | None = typer.Option(None, "--audience", "-a", help="fresher | all | senior"),
    question_id: str | None = typer.Option(None, "--id", help="Answer this question."),
    answer_file: str | None = typer.Option(None, "--answer-file", "-f",
                                           help="Read the answer from a file ('-' = stdin)."),
    no_grade: bool = typer.Option(False, "--no-grade", help="Skip automatic feedback; self-check only."),
) -> None:
    """Answer a question, save the attempt, then see the model answer (and feedback)."""
    import datetime as dt

    from gauntlet.practice import pick_question, submit_answer

    # A file answer is read before anything else so a wrong path fails fast, with nothing recorded.
    file_answer = read_answer_file(answer_file) if answer_file is not None else None
    bank = STATE.bank()
    store = STATE.store()
    question = bank.question(question_id) if question_id else pick_question(bank, store, topic, difficulty, audience,
                                                                            user_id=store.local_user_id)
    unavailable = prepare_feedback(store, bank, no_grade)
    console.print(render.prompt_panel(question, bank))
    started_at = dt.datetime.now(dt.UTC)
    if file_answer is not None:
        answer = file_answer
    elif not sys.stdin.isatty():
        answer = sys.stdin.read()
    else:
        answer = read_answer_interactively() or ""

    if not answer.strip():
        console.print("Empty answer: nothing saved. Here is the model answer to study.", style="yellow")
        console.print(render.answer_sheet(question))
        return
    # The attempt is committed before anything is printed about it, so "Saved" is a promise kept.
    saved: list = []
    try:
        submission = submit_answer(store, question, answer, started_at, source="ask",
                                   grade=not (no_grade or unavailable), on_saved=saved.append,
                                   user_id=store.local_user_id)
    except KeyboardInterrupt:
        if not saved:
            raise
        console.print(f"\nInterrupted while grading: attempt #{saved[0].id} is saved, not graded; the next "
                      "`gauntlet ask` or `gauntlet review` (or `gauntlet regrade`) grades it.", style="yellow")
        console.print(render.answer_sheet(question))
        raise typer.Exit(130) from None
    console.print(f"Saved attempt #{submission.attempt.id}" + (" (not graded: `gauntlet regrade` will grade it)."
                                                              if unavailable else "."), style="green")
    if submission.grade is not None:
        from gauntlet.cli.grade import print_feedback

        print_feedback(submission.grade, answer)
    console.print(render.answer_sheet(question))
