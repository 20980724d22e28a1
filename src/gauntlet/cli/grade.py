"""`gauntlet grade`: feedback on an answer, for a bank question or any question you bring.

    gauntlet grade ID --answer-file answer.txt        # a bank question
    gauntlet grade ID -f -  < answer.txt              # answer from stdin
    gauntlet grade --question TEXT --reference TEXT [--key-point TEXT ...] -f answer.txt
    ... --json                                         # the Grade as JSON (Grade.to_dict())

Shows the score with what it means, the key points covered and missed (missed ones as what to add),
the interview signals present and absent (with a tip for each absent one), and the pitfall the
answer fell into, if any. The grader (NumPy, the model) is imported only when a command runs.
"""

from __future__ import annotations

import json
import sys

import typer
from rich.markup import escape

from gauntlet.cli.state import STATE, console
from gauntlet.errors import InputError

app = typer.Typer(
    help="Grade an answer: score, key points covered/missed, interview signals, pitfalls.",
    add_completion=False,
    pretty_exceptions_enable=False,
)

SNIPPET = 90


@app.command()
def grade(
    question_id: str | None = typer.Argument(None, help="Bank question id (see `gauntlet list`)."),
    answer_file: str | None = typer.Option(None, "--answer-file", "-f", help="Answer text file ('-' = stdin)."),
    question: str | None = typer.Option(None, "--question", help="A question not in the bank (needs --reference)."),
    reference: str | None = typer.Option(None, "--reference", help="Its reference answer."),
    key_point: list[str] = typer.Option([], "--key-point", "-k", help="A key point of the reference (repeatable)."),
    as_json: bool = typer.Option(False, "--json", help="Print the grade as JSON."),
) -> None:
    """Grade an answer to a bank question, or to any --question with its --reference."""
    from gauntlet.cli.ask import read_answer_file

    if question_id and (question or reference):
        raise InputError("give either a question id or --question/--reference, not both")
    if not question_id and not (question and reference):
        raise InputError("give a question id (see `gauntlet list`), or both --question and --reference")
    if key_point and question_id:
        raise InputError("--key-point goes with --question/--reference; bank questions have their own")
    if answer_file is None:
        if sys.stdin.isatty():
            raise InputError("give the answer with --answer-file FILE (or '-' to read it from stdin)")
        answer_file = "-"
    answer = read_answer_file(answer_file)

    from gauntlet.grade import grade_answer, grade_question

    if question_id:
        result = grade_question(STATE.bank().question(question_id), answer)
    else:
        assert question is not None and reference is not None  # both given: checked above
        result = grade_answer(question, reference, answer, key_point or None)
    if as_json:
        # Plain print: Rich would wrap long lines and break the JSON.
        print(json.dumps(result.to_dict(), ensure_ascii=False, indent=2))
        return
    print_feedback(result, answer)


def _snippet(text: str) -> str:
    flat = " ".join(text.split())
    return flat if len(flat) <= SNIPPET else flat[: SNIPPET - 1] + "…"


def print_feedback(result, answer: str) -> None:
    """Render a ``gauntlet.grade.Grade`` in the terminal (also used after `gauntlet ask`)."""
    if result.score is None:
        console.print(f"[bold yellow]Not graded[/]  {escape(result.meaning)}")
        for note in result.notes:
            console.print(f"\n[dim]{escape(note)}[/]")
        return
    colour = "green" if result.score >= 3.75 else "yellow" if result.score >= 2.75 else "red"
    console.print(f"[bold {colour}]Score {result.score:.1f}/5[/] ({escape(result.label)})  {escape(result.meaning)}")
    if result.answers_question:
        console.print(f"[dim]It reads as an answer to: {escape(result.answers_question['title'])} "
                      f"(gauntlet show {escape(result.answers_question['id'])})[/]")
    if result.key_points:
        covered = sum(1 for k in result.key_points if k.status == "covered")
        console.print(f"\n[bold]Key points[/] ({covered} of {len(result.key_points)} covered)")
        for point in result.key_points:
            if point.status == "covered":
                quote = f'  [dim]"{escape(_snippet(point.span.text))}"[/]' if point.span else ""
                console.print(f"  [green]✓[/] {escape(point.text)}{quote}")
            elif point.status == "partly":
                console.print(f"  [yellow]~[/] {escape(point.tip)}")
            elif point.status == "contradicted" or point.contradicted:
                quote = f'  [dim]you said: "{escape(_snippet(point.span.text))}"[/]' if point.span else ""
                console.print(f"  [red]✗[/] {escape(point.tip)}{quote}")
            else:
                console.print(f"  [red]✗[/] {escape(point.tip)}")
    if result.signals:
        console.print("\n[bold]Interview signals[/]")
        for signal in result.signals:
            if signal.present:
                quote = f'  [dim]"{escape(_snippet(signal.span.text))}"[/]' if signal.span else ""
                console.print(f"  [green]✓[/] {escape(signal.name)}{quote}")
            else:
                console.print(f"  [dim]·[/] {escape(signal.name)}: [dim]{escape(signal.tip)}[/]")
    if result.pitfall:
        console.print("\n[bold red]Pitfall[/]")
        console.print(f'  You said: [italic]"{escape(_snippet(result.pitfall.span.text))}"[/]')
        console.print(f"  Common mistake: {escape(result.pitfall.mistake)}")
        console.print(f"  [green]In fact:[/] {escape(result.pitfall.correction)}")
    for note in result.notes:
        console.print(f"\n[dim]{escape(note)}[/]")


def regrade(
    show: bool = typer.Option(False, "--show", help="List each re-graded attempt with its old and new score."),
) -> None:
    """Grade your stored answers again with the current grader (those never graded or graded by an
    older version). Each old grade is kept in the attempt's history."""
    from gauntlet.grade import GRADER_VERSION
    from gauntlet.practice import regrade_attempts

    store = STATE.store()
    with console.status("Re-grading stored answers…"):
        summary = regrade_attempts(store, STATE.bank(), store.local_user_id)
    if not summary.regraded and not summary.kept:
        console.print(f"Nothing to re-grade: every answer is graded by {GRADER_VERSION}.")
        return
    console.print(f"Re-graded {summary.regraded} answer(s) with {GRADER_VERSION}; "
                  "the earlier grades are kept in history.")
    if summary.kept:
        console.print(f"[dim]{summary.kept} answer(s) to questions no longer in the bank kept their grade.[/]")
    if show:
        for attempt_id, question_id, old, new in summary.changes:
            before = "—" if old is None else f"{old:.1f}"
            after = "not graded" if new is None else f"{new:.1f}"
            console.print(f"  #{attempt_id} {escape(question_id)}: {before} → {after}")
