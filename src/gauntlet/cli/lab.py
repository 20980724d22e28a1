"""`gauntlet lab`: list the labs, describe one, run one.

    gauntlet lab list
    gauntlet lab info NAME                      # parameters, what to notice, linked questions
    gauntlet lab run NAME [--seed N] [--param k=v ...] [--out DIR] [--json]

`run` prints the key numbers and tables, writes the figures (PNG) and the numbers (JSON) into DIR
(default: the data directory's labs/NAME-seedN), then says what to notice. NumPy, matplotlib and
the lab itself are imported only inside the commands, so `gauntlet --help` stays fast.
"""

from __future__ import annotations

import json
import time
from pathlib import Path
from typing import TYPE_CHECKING

import typer
from rich import box
from rich.markup import escape
from rich.panel import Panel
from rich.table import Table

from gauntlet.cli.state import STATE, console, err_console

if TYPE_CHECKING:
    from rich.progress import Progress, TaskID

app = typer.Typer(
    help="Labs: seeded experiments that show each concept, with numbers, figures and what to notice.",
    no_args_is_help=True,
    add_completion=False,
    pretty_exceptions_enable=False,
)

PROGRESS_AFTER_S = 1.0


@app.command("list")
def list_labs() -> None:
    """Every lab with its id (for `gauntlet lab run ID`) and what it shows."""
    from gauntlet.cli.render import ListColumn, list_table
    from gauntlet.labs.catalog import LABS

    # One line per lab: what it shows is cut (or left out) to fit; `lab info ID` has it whole.
    columns = [ListColumn("id", "key", style="cyan"), ListColumn("lab", "title"),
               ListColumn("what it shows", "blurb", style="dim")]
    console.print(list_table(columns, [(lab.id, lab.title, lab.summary) for lab in LABS], console.width))
    console.print("Run one with `gauntlet lab run ID`; see what it shows and its parameters with "
                  "`gauntlet lab info ID`.", style="dim")


@app.command("info")
def info(name: str = typer.Argument(..., help="Lab id (see `gauntlet lab list`).")) -> None:
    """A lab's parameters, what to notice, the interview takeaway, and the questions it illustrates."""
    from gauntlet.labs.runner import lab_spec_of

    spec = lab_spec_of(name)
    console.print(f"[bold]{escape(spec.title)}[/] ({spec.id})\n{escape(spec.summary)}\n")
    table = Table(title="Parameters (--param NAME=VALUE)", box=box.SIMPLE_HEAD, title_justify="left")
    table.add_column("name", style="cyan", no_wrap=True)
    table.add_column("type / range")
    table.add_column("meaning", style="dim")
    for p in spec.params:
        table.add_row(p.name, p.describe(), p.help)
    console.print(table)
    _print_notice(spec, [])
    _print_linked_questions(spec.id)


@app.command("run")
def run(
    name: str = typer.Argument(..., help="Lab id (see `gauntlet lab list`)."),
    seed: int = typer.Option(0, "--seed", help="Random seed; the same seed gives the same numbers."),
    param: list[str] = typer.Option([], "--param", "-p", help="NAME=VALUE (repeatable); see `gauntlet lab info`."),
    out: Path | None = typer.Option(None, "--out", help="Folder for the PNG figures and the JSON of numbers."),
    no_figures: bool = typer.Option(False, "--no-figures", help="Write only the JSON (faster)."),
    as_json: bool = typer.Option(False, "--json", help="Print the result as JSON instead of tables."),
) -> None:
    """Run a lab: key numbers, tables, figures + JSON in --out, and what to notice."""
    from gauntlet.labs.catalog import entry
    from gauntlet.labs.runner import lab_spec_of, run_lab
    from gauntlet.labs.spec import parse_assignments
    from gauntlet.paths import data_dir

    lab = entry(name)  # unknown id: fail before importing NumPy
    overrides = parse_assignments(param)
    bar = _DelayedProgress(f"{lab.title} (seed {seed})", enabled=not as_json)
    try:
        result = run_lab(name, seed, overrides, progress=bar)
    finally:
        bar.close()
    out_dir = out if out is not None else data_dir() / "labs" / f"{name}-seed{seed}"
    written = result.save(out_dir, figures=not no_figures)
    if as_json:
        # Plain print: Rich would wrap long lines and break the JSON.
        print(json.dumps(result.to_dict(), ensure_ascii=False, indent=2))
        return
    spec = lab_spec_of(name)
    _print_result(spec, result)
    _print_notice(spec, result.notices)
    console.print("\n[bold]Written[/]")
    for path in written:
        console.print(f"  {escape(str(path))}")
    _print_linked_questions(name)
    console.print(f"[dim]Ran in {result.timings['total_s']:.2f} s.[/]")


def _format(value) -> str:
    if isinstance(value, bool):
        return "yes" if value else "no"
    if isinstance(value, float):
        return f"{value:.4g}"
    return "" if value is None else str(value)


def _print_result(spec, result) -> None:
    params = ", ".join(f"{k}={_format(v)}" for k, v in result.params.items())
    console.print(f"[bold]{escape(spec.title)}[/]  seed {result.seed}  [dim]{escape(params)}[/]")
    numbers = Table(title="Key numbers", box=box.SIMPLE_HEAD, title_justify="left")
    numbers.add_column("quantity", style="cyan")
    numbers.add_column("value", justify="right")
    for key, value in result.numbers.items():
        numbers.add_row(key.replace("_", " "), _format(value))
    for key, seconds in result.timings.items():
        if key != "total_s":
            numbers.add_row(key.replace("_", " ") + " [dim](wall clock, varies)[/]", f"{seconds:.4g}")
    console.print(numbers)
    for t in result.tables:
        table = Table(title=t.title, box=box.SIMPLE_HEAD, title_justify="left")
        for i, column in enumerate(t.columns):
            table.add_column(column, justify="left" if i == 0 else "right")
        for row in t.rows:
            table.add_row(*(_format(v) for v in row))
        console.print(table)


def _print_notice(spec, observations: list[str]) -> None:
    lines = [f"• {escape(text)}" for text in spec.notice]
    if observations:
        lines.append("\n[bold]In this run[/]")
        lines.extend(f"• {escape(text)}" for text in observations)
    console.print(Panel("\n".join(lines), title="What to notice", border_style="green", title_align="left"))
    console.print(Panel(escape(spec.takeaway), title="In an interview", border_style="yellow", title_align="left"))


def _print_linked_questions(lab_id: str) -> None:
    from gauntlet.errors import ContentError

    try:
        bank = STATE.bank()
    except ContentError:
        err_console.print("(question links unavailable: the bank has errors, see `gauntlet check`)", style="dim")
        return
    linked = [q.id for q in bank.questions if lab_id in q.related.labs]
    if linked:
        console.print(f"[dim]Questions this lab illustrates: {', '.join(linked)} (`gauntlet show ID`)[/]")


class _DelayedProgress:
    """A progress callback that shows a Rich bar only once a run has taken more than a second.

    Quick labs then print nothing extra, and slow ones show where they are, without each lab
    having to declare in advance how long it takes.
    """

    def __init__(self, label: str, *, enabled: bool = True):
        self.label = label
        self.enabled = enabled
        self.started = time.perf_counter()
        self.progress: Progress | None = None
        self.task: TaskID | None = None

    def __call__(self, done: int, total: int) -> None:
        if not self.enabled:
            return
        if self.progress is None:
            if time.perf_counter() - self.started < PROGRESS_AFTER_S:
                return
            from rich.progress import BarColumn, Progress, TaskProgressColumn, TextColumn, TimeElapsedColumn

            self.progress = Progress(TextColumn("{task.description}"), BarColumn(), TaskProgressColumn(),
                                     TimeElapsedColumn(), console=err_console, transient=True)
            self.progress.start()
            self.task = self.progress.add_task(self.label, total=total)
        if self.task is not None:  # added with the bar
            self.progress.update(self.task, completed=done, total=total)

    def close(self) -> None:
        if self.progress is not None:
            self.progress.stop()
