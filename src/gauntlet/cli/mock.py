"""`gauntlet mock`: a timed mock interview with a live countdown, a follow-up, and a report."""

from __future__ import annotations

import contextlib
import random
from pathlib import Path
from typing import TYPE_CHECKING

import typer
from rich import box
from rich.padding import Padding
from rich.panel import Panel
from rich.table import Table
from rich.text import Text

from gauntlet.cli.state import STATE, console
from gauntlet.errors import InputError

if TYPE_CHECKING:
    from gauntlet.review.mock_report import MockReport, Step


def _header(session, position, question, label: str, prompt: str | None = None) -> Panel:
    subtitle = f"{question.difficulty} · {question.topic}" + (" · scenario" if question.kind == "scenario" else "")
    return Panel(Text(prompt or question.prompt),
                 title=f"[bold]{label} {position + 1}/{len(session.plan)}[/]: {question.title}",
                 subtitle=subtitle, border_style="magenta" if prompt else "cyan")


def mock(
    minutes: int = typer.Option(30, "--minutes", "-m", help="Length of the interview (5-180)."),
    level: str = typer.Option("all", "--level", "-l", help="fresher | all | senior"),
    topics: str | None = typer.Option(None, "--topics", help="Comma-separated topic ids (default: all)."),
    tag: str | None = typer.Option(None, "--tag", help="Only questions with this tag."),
    resume: bool = typer.Option(False, "--resume", help="Continue the last interrupted interview."),
    seed: int | None = typer.Option(None, "--seed", help="Seed for choosing the questions."),
    out: Path | None = typer.Option(None, "--out", help="Folder for the Markdown and HTML report."),
    no_grade: bool = typer.Option(False, "--no-grade", help="Do not grade (report without scores)."),
) -> None:
    """Timed mock interview: questions of rising difficulty, a countdown, follow-ups, then a graded report."""
    from gauntlet.review.mock import latest_running_session, start_session
    from gauntlet.review.mock_plan import build_plan
    from gauntlet.store.attempts import attempt_counts

    bank, store = STATE.bank(), STATE.store()
    if resume:
        session = latest_running_session(store, user_id=store.local_user_id)
        if session is None:
            raise InputError("there is no interrupted mock interview to resume; start one with `gauntlet mock`")
        console.print(f"Resuming mock interview #{session.id}: {session.remaining_s / 60:.1f} minutes left.",
                      style="bold")
    else:
        paused = latest_running_session(store, user_id=store.local_user_id)
        if paused is not None and paused.remaining_s > 0:
            console.print(f"Note: mock interview #{paused.id} is paused with {paused.remaining_s / 60:.1f} minutes "
                          "left; `gauntlet mock --resume` continues it. Starting a new one.", style="yellow")
        topic_list = [t.strip() for t in topics.split(",") if t.strip()] if topics else None
        plan = build_plan(bank, minutes, level, topic_list, random.Random(seed),
                          attempt_counts(store, user_id=store.local_user_id), tag=tag)
        session = start_session(store, level, minutes, plan, user_id=store.local_user_id)
        console.print(Panel(
            f"{len(plan)} questions in {minutes} minutes, easiest first. Each has its own countdown; when it "
            "reaches zero your answer is taken as it stands. Submit early with Ctrl-D or a line holding only "
            "'.'. Ctrl-C pauses: `gauntlet mock --resume` continues.",
            title=f"Mock interview #{session.id} · {level} level", border_style="bold"))

    from gauntlet.review.mock_flow import current_turn, submit

    while (turn := current_turn(store, bank, session.id, store.local_user_id)) is not None:
        follow_up = turn.answer.follow_up if turn.in_follow_up else None
        header = _header(turn.session, turn.position, turn.question, "Follow-up" if turn.in_follow_up else "Question",
                         follow_up)
        turn, result = _answer_on_the_clock(store, turn, header)
        if result.timed_out:
            console.print("Time is up for this question; your answer was kept as typed.", style="yellow")
        grading = not no_grade and turn.grades_when_handed_in(result.text, result.timed_out)
        # Graded now, so the follow-up goes to the answer's weakest part.
        with console.status("Reading your answer…") if grading else contextlib.nullcontext():
            submit(store, turn, result.text, result.timed_out, grade=not no_grade)

    from gauntlet.paths import data_dir
    from gauntlet.review.mock_flow import finish_with_report
    from gauntlet.review.report_export import export_report

    with console.status("Grading your answers…"):
        report = finish_with_report(store, bank, session, grade=not no_grade)
    md_path, html_path = export_report(report, out or data_dir() / "reports")
    print_report(report)
    console.print(f"Report saved: {md_path}\n              {html_path}", style="green")


def _answer_on_the_clock(store, turn, header):
    """Read one timed answer for ``turn``, saving a draft (text and seconds used) every few seconds.

    Ctrl-C saves what was typed and the time used, then exits: `gauntlet mock --resume` continues.
    """
    from gauntlet.cli.timed_input import read_timed_answer
    from gauntlet.review.mock_flow import save_draft

    used_before = getattr(turn.answer, turn.time_used_field)
    turn = save_draft(store, turn, turn.draft, used_before)  # the question's clock has started

    def save(text: str, elapsed: float) -> None:  # every few seconds while the answer is typed
        save_draft(store, turn, text, used_before + elapsed)

    result = read_timed_answer(header, turn.question_left_s, turn.overall_left_s, initial=turn.draft,
                               label="follow-up" if turn.in_follow_up else "question", on_tick=save)
    turn = save_draft(store, turn, result.text, used_before + result.elapsed_s)
    if result.interrupted:
        console.print(f"\nPaused. `gauntlet mock --resume` continues interview #{turn.session.id}.", style="yellow")
        raise typer.Exit(0)
    return turn, result


def print_report(report: MockReport) -> None:
    """The debrief in the terminal: the results, then per question what was strong, what was missing and
    what to do next, then the interview's strengths, topics to work on and three next steps. Bank and
    candidate text is printed as text, never as Rich markup."""
    from gauntlet.cli.render import ListColumn, list_table
    from gauntlet.review.mock_report import score_text
    from gauntlet.review.report_export import minutes, status_text, summary_line

    o = report.overall
    console.rule(f"Mock interview #{report.session_id} · overall {score_text(o.mean_score)}")
    console.print(summary_line(report), style="dim", markup=False)
    columns = [ListColumn("#", "key"), ListColumn("question", "title"), ListColumn("score", rank=0),
               ListColumn("status", rank=1), ListColumn("time", rank=2), ListColumn("topic", rank=3)]
    rows = [[str(q.position), q.title, "—" if q.score is None else f"{q.score:.1f}", status_text(q.status),
             minutes(q.time_used_s), q.topic_name] for q in report.questions]
    console.print(list_table(columns, rows, console.width))
    for q in report.questions:
        console.print(Text(q.heading, style="bold"))
        d = q.debrief
        console.print(_labelled([("strong", Text(line, style="green")) for line in d.strong]
                                + [("missing", Text(line)) for line in d.missing] + _follow_up_rows(q)
                                + [("next", _step(d.next_step))]))
    console.print(Text("Strengths", style="bold"))
    console.print(_labelled([("•", Text(line)) for line in report.strengths]))
    console.print(Text("Topics to work on", style="bold"))
    console.print(_labelled([("•", Text(line)) for line in report.topics_to_work_on_text]))
    console.print(Text("Practise next", style="bold"))
    console.print(_labelled([(f"{i}.", _step(step)) for i, step in enumerate(report.practise_next, 1)]))


def _follow_up_rows(q) -> list[tuple[str, Text]]:
    """The follow-up the interviewer asked and the gap it targeted."""
    if not q.follow_up:
        return []
    text = Text(q.follow_up)
    if q.follow_up_reason:
        text.append("\n" + q.follow_up_reason, style="dim")
    return [("asked", text)]  # a label no wider than the others, so the debrief keeps its column


def _step(step: Step) -> Text:
    """A step as the terminal says it: what to do, then the command on a line of its own."""
    text = Text(step.text)
    if step.where is not None:
        text.append("\n→ ").append(step.where.command, style="cyan")
    return text


def _labelled(rows: list[tuple[str, Text]]) -> Padding:
    """Indented rows of a label and its text; the text wraps under itself, not under the label."""
    grid = Table.grid(padding=(0, 1))
    grid.add_column(style="dim", no_wrap=True)
    grid.add_column()
    for label, text in rows:
        grid.add_row(label, text)
    return Padding(grid, (0, 0, 0, 2))


def reports(
    session_id: int | None = typer.Argument(None, metavar="[ID]", help="A report to show and export."),
    out: Path | None = typer.Option(None, "--out", help="Folder to export the Markdown and HTML into."),
) -> None:
    """List your mock interviews, or show and export one report."""
    from gauntlet.paths import data_dir
    from gauntlet.review.mock import get_session, list_sessions
    from gauntlet.review.report_export import export_report

    store = STATE.store()
    if session_id is None:
        table = Table(box=box.SIMPLE_HEAD)
        for column in ("id", "started", "level", "minutes", "status", "score"):
            table.add_column(column)
        for s in list_sessions(store, user_id=store.local_user_id):
            score = s.report.overall.mean_score if s.report else None
            table.add_row(str(s.id), s.started_at.strftime("%Y-%m-%d %H:%M"), s.level, str(s.minutes), s.status,
                          "—" if score is None else f"{score:.1f}")
        console.print(table)
        return
    session = get_session(store, session_id, user_id=store.local_user_id)
    if session.report is None:
        raise InputError(f"mock interview #{session_id} is not finished; `gauntlet mock --resume` continues it")
    print_report(session.report)
    md_path, html_path = export_report(session.report, out or data_dir() / "reports")
    console.print(f"Report saved: {md_path}\n              {html_path}", style="green")
