"""`gauntlet code`: coding drills judged in a sandbox.

    gauntlet code list
    gauntlet code show NAME                 # the statement, limits and the visible examples
    gauntlet code start NAME [DIR]          # writes the starter file (DIR/NAME.py)
    gauntlet code test NAME FILE            # runs the visible examples only
    gauntlet code submit NAME FILE [--json] # examples + hidden tests: verdict, per-test timing, stored
    gauntlet code history [NAME]            # your stored submissions, newest first

Your code runs in a separate sandboxed process (see `gauntlet.drills.isolation`); `--sandbox` or
GAUNTLET_SANDBOX picks the level. The judge and NumPy are imported inside the commands, so
`gauntlet --help` stays fast.
"""

from __future__ import annotations

import json
import warnings
from pathlib import Path
from typing import TYPE_CHECKING

import typer
from rich import box
from rich.markup import escape
from rich.panel import Panel
from rich.table import Table
from rich.text import Text

from gauntlet.cli.state import STATE, console, err_console

if TYPE_CHECKING:
    from gauntlet.drills.attempts import CodeAttempt
    from gauntlet.drills.verdict import Submission

app = typer.Typer(
    help="Coding drills: implement an algorithm in NumPy; a sandboxed judge runs hidden tests.",
    no_args_is_help=True,
    add_completion=False,
    pretty_exceptions_enable=False,
)

DIFFICULTY_STYLE = {"beginner": "green", "intermediate": "yellow", "advanced": "red"}
VERDICT_STYLE = {"accepted": "bold green", "wrong_answer": "bold red", "runtime_error": "bold red",
                 "time_limit": "bold yellow", "memory_limit": "bold yellow", "forbidden": "bold magenta",
                 "not_run": "dim"}
SANDBOX_HELP = ("Sandbox level: auto (bubblewrap, else refuse), bwrap, or for your own code a weaker unshare or "
                "rlimits (warns what it exposes). Env: GAUNTLET_SANDBOX.")


def _record_attempt(submission: Submission) -> CodeAttempt:
    """Store a judged submission for the CLI's user (the local user of the ``--db`` database)."""
    from gauntlet.drills.attempts import record_code_attempt

    store = STATE.store()
    return record_code_attempt(store, store.local_user_id, submission, submission.code)


@app.command("list")
def list_drills() -> None:
    """Every coding drill with its id (for the other commands), difficulty and topic."""
    from gauntlet.cli.render import ListColumn, list_table
    from gauntlet.drills.loader import load_catalog

    # One line per drill: the level and topic only where the title leaves room; `code show ID` has both.
    columns = [ListColumn("id", "key", style="cyan"), ListColumn("drill", "title"),
               ListColumn("topic", rank=1, style="dim"), ListColumn("level", rank=0)]
    rows = [(d.id, d.title, d.topic, Text(d.difficulty, style=DIFFICULTY_STYLE.get(d.difficulty, "")))
            for d in load_catalog()]
    console.print(list_table(columns, rows, console.width))
    console.print("Read one with `gauntlet code show ID`, then `gauntlet code start ID`.", style="dim")


@app.command("show")
def show(name: str = typer.Argument(..., help="Drill id (see `gauntlet code list`).")) -> None:
    """The task: statement, limits, and the visible examples your code must pass."""
    from rich.markdown import Markdown
    from rich.syntax import Syntax

    from gauntlet.drills.loader import load_drill

    drill = load_drill(name)
    console.print(Panel(
        Markdown(drill.statement()),
        title=f"[bold]{escape(drill.title)}[/] ({drill.id})",
        subtitle=(f"{drill.topic} · {drill.difficulty} · time {drill.time_limit_s:g} s "
                  f"· memory {drill.memory_limit_mb} MB"),
        border_style="cyan",
    ))
    console.print(Panel(Syntax(drill.examples_path.read_text(encoding="utf-8"), "python", theme="ansi_dark"),
                        title="Visible examples (`gauntlet code test` runs these)", border_style="blue"))
    console.print(f"Start with `gauntlet code start {drill.id}` (writes {drill.starter_filename()}).", style="dim")


@app.command("start")
def start(
    name: str = typer.Argument(..., help="Drill id (see `gauntlet code list`)."),
    directory: Path = typer.Argument(Path("."), help="Folder to write the starter file into."),
    force: bool = typer.Option(False, "--force", help="Overwrite an existing file."),
) -> None:
    """Write the drill's starter file (signature and docstring) for you to fill in."""
    from gauntlet.drills.loader import load_drill
    from gauntlet.errors import InputError

    drill = load_drill(name)
    target = directory / drill.starter_filename()
    if target.exists() and not force:
        raise InputError(f"{target} already exists; pass --force to overwrite it, or choose another folder")
    try:
        directory.mkdir(parents=True, exist_ok=True)
        target.write_text(drill.starter(), encoding="utf-8")
    except OSError as exc:
        raise InputError(f"cannot write {target}: {exc.strerror}") from None
    console.print(f"Wrote [bold]{escape(str(target))}[/]. Implement {', '.join(drill.entry)}, then:")
    console.print(f"  gauntlet code test {drill.id} {escape(str(target))}     [dim]# visible examples[/]")
    console.print(f"  gauntlet code submit {drill.id} {escape(str(target))}   [dim]# hidden tests, verdict[/]")


@app.command("test")
def test(
    name: str = typer.Argument(..., help="Drill id."),
    file: Path = typer.Argument(..., help="Your solution (a .py file)."),
    sandbox: str | None = typer.Option(None, "--sandbox", help=SANDBOX_HELP),
) -> None:
    """Run the visible examples against your file (nothing is stored). Exit status 1 unless all pass."""
    from gauntlet.drills.judge import run_examples
    from gauntlet.drills.loader import load_drill

    drill = load_drill(name)
    source = _read_solution(file)
    submission = _with_isolation_notice(lambda: run_examples(drill, source, filename=file.name, level=sandbox))
    render_submission(submission)
    if submission.verdict.value != "accepted":
        raise typer.Exit(1)


@app.command("submit")
def submit(
    name: str = typer.Argument(..., help="Drill id."),
    file: Path = typer.Argument(..., help="Your solution (a .py file)."),
    sandbox: str | None = typer.Option(None, "--sandbox", help=SANDBOX_HELP),
    as_json: bool = typer.Option(False, "--json", help="Print the stored attempt as JSON."),
) -> None:
    """Judge your file on the examples and the hidden tests; the attempt is stored. Exit status 1
    unless accepted."""
    from gauntlet.drills.judge import submit as judge_submit
    from gauntlet.drills.loader import load_drill

    drill = load_drill(name)
    source = _read_solution(file)
    submission = _with_isolation_notice(lambda: judge_submit(drill, source, filename=file.name, level=sandbox))
    stored = _record_attempt(submission)
    if as_json:
        print(json.dumps({"attempt_id": stored.id, **submission.public_dict()}, ensure_ascii=False, indent=2))
    else:
        render_submission(submission)
        console.print(f"Stored as attempt #{stored.id}; `gauntlet code history {drill.id}` lists your attempts.",
                      style="dim")
    if submission.verdict.value != "accepted":
        raise typer.Exit(1)


@app.command("history")
def history(
    name: str | None = typer.Argument(None, help="Only this drill's attempts (default: every drill)."),
    limit: int = typer.Option(20, "--limit", min=1, help="How many attempts to list, newest first."),
    as_json: bool = typer.Option(False, "--json", help="Print the attempts (code and results too) as JSON."),
) -> None:
    """Your stored submissions, newest first: verdict, tests passed, time and sandbox."""
    from gauntlet.drills.attempts import code_attempts_for
    from gauntlet.drills.loader import drill_ids, load_drill

    if name is not None and name not in drill_ids():
        load_drill(name)  # raises NotFoundError naming close matches
    store = STATE.store()
    attempts = code_attempts_for(store, store.local_user_id, drill_id=name, limit=limit)
    if as_json:
        print(json.dumps([a.public_dict() for a in attempts], ensure_ascii=False, indent=2))
        return
    if not attempts:
        where = f" at {name}" if name else ""
        console.print(f"No submissions{where} yet: `gauntlet code submit NAME FILE` judges and stores one.")
        return
    from gauntlet.cli.render import ListColumn, list_table

    # One line per attempt: which one, at which drill, with what verdict first; the rest as width allows.
    columns = [ListColumn("#", "key", style="dim", justify="right"), ListColumn("submitted", rank=3),
               ListColumn("drill", "key", style="cyan"), ListColumn("verdict", "title"),
               ListColumn("tests", rank=0, justify="right"), ListColumn("your code", rank=1, justify="right"),
               ListColumn("sandbox", rank=2, style="dim")]
    rows = [(str(a.id), a.submitted_at.astimezone().strftime("%Y-%m-%d %H:%M"), a.drill_id,
             Text(a.verdict.label, style=VERDICT_STYLE[a.verdict.value]), f"{a.passed}/{a.total}",
             f"{a.user_seconds:.2f} s", a.sandbox) for a in attempts]
    console.print(list_table(columns, rows, console.width))


def _read_solution(file: Path) -> str:
    from gauntlet.errors import InputError

    try:
        return file.read_text(encoding="utf-8")
    except FileNotFoundError:
        raise InputError(f"{file} does not exist; `gauntlet code start NAME` writes a starter file") from None
    except UnicodeDecodeError:
        raise InputError(f"{file} is not UTF-8 text; save it as UTF-8") from None
    except OSError as exc:
        raise InputError(f"cannot read {file}: {exc.strerror}") from None


def _with_isolation_notice(run):
    """Run the judge; show the one-time weaker-sandbox warning as a clear yellow line, not a Python
    warning dump."""
    from gauntlet.drills.isolation import WeakIsolationWarning

    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always", WeakIsolationWarning)
        result = run()
    for warning in caught:
        if issubclass(warning.category, WeakIsolationWarning):
            err_console.print(f"warning: {warning.message}", style="yellow", markup=False)
        else:
            warnings.warn_explicit(warning.message, warning.category, warning.filename, warning.lineno)
    return result


def render_submission(submission: Submission) -> None:
    """Verdict line, per-test timing table, then what went wrong (never a hidden test's content)."""
    from rich.syntax import Syntax

    from gauntlet.drills.explanation import explain
    from gauntlet.drills.loader import load_drill
    from gauntlet.drills.verdict import Verdict

    examples = [r for r in submission.results if r.visible]
    hidden = [r for r in submission.results if not r.visible]
    counts = f"{sum(r.outcome is Verdict.ACCEPTED for r in examples)}/{len(examples)} examples"
    if hidden:
        counts += f", {sum(r.outcome is Verdict.ACCEPTED for r in hidden)}/{len(hidden)} hidden tests"
    style = VERDICT_STYLE[submission.verdict.value]
    console.print(f"[{style}]{submission.verdict.label}[/]  {counts} · your code: {submission.user_seconds:.2f} s "
                  f"(loading {submission.load_seconds:.2f} s) · sandbox: {submission.isolation}")

    table = Table(box=box.SIMPLE_HEAD)
    table.add_column("test")
    table.add_column("kind", style="dim")
    table.add_column("result")
    table.add_column("time", justify="right")
    hidden_number = 0
    for r in submission.results:
        if r.visible:
            label = r.name
        else:
            hidden_number += 1
            label = f"hidden #{hidden_number}"
        shown = "passed" if r.outcome is Verdict.ACCEPTED else r.outcome.label.lower()
        table.add_row(label, r.category, f"[{VERDICT_STYLE[r.outcome.value]}]{shown}[/]",
                      "" if r.outcome is Verdict.NOT_RUN else f"{r.seconds * 1000:.1f} ms")
    console.print(table)

    explanation = explain(load_drill(submission.drill_id), submission)
    if explanation.failed_example is not None:
        failed = explanation.failed_example
        console.print(Panel(Syntax(failed.source, "python", theme="ansi_dark"),
                            title=f"Failed example: {failed.name}", border_style="red"))
        console.print(f"[red]{escape(failed.message)}[/]")
    decisive = explanation.decisive
    if decisive is not None:
        # a traceback ends with the error line itself; a message adds to it only when there is none
        body = escape(decisive.traceback.rstrip() or decisive.message)
        if decisive.outcome is Verdict.FORBIDDEN and decisive.traceback:
            body = escape(decisive.message) + "\n\n" + body
        console.print(Panel(body, title=f"{decisive.outcome.label} in {explanation.decisive_place()}",
                            border_style="red"))
    if explanation.hidden_failures:
        lines = [explanation.hidden_summary()]
        for category, count in sorted(explanation.hidden_failures.items()):
            lines.append(f"  • {category} ×{count}: {explanation.hints[category]}")
        console.print("\n".join(escape(line) for line in lines))
    for note in submission.notes:
        console.print(f"[dim]Note: {escape(note)}[/]")
    if submission.output.strip():
        console.print(Panel(escape(submission.output.rstrip()), title="Your code printed (examples)",
                            border_style="dim"))
