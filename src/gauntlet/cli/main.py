"""The `gauntlet` command. Parses global options, registers commands, turns user errors into one line."""

from __future__ import annotations

import sys
from pathlib import Path

import typer

from gauntlet import __version__
from gauntlet.cli import ask as ask_cmd
from gauntlet.cli import bank_cmds, export_cmd, progress_cmd, review_cmd, settings_cmd
from gauntlet.cli import code as code_cmd
from gauntlet.cli import doctor as doctor_cmd
from gauntlet.cli import grade as grade_cmd
from gauntlet.cli import lab as lab_cmd
from gauntlet.cli import mock as mock_cmd
from gauntlet.cli import serve as serve_cmd
from gauntlet.cli.state import STATE, err_console

app = typer.Typer(
    name="gauntlet",
    help="Practise machine-learning interviews: questions, feedback, spaced-repetition review, mock interviews, "
         "labs, coding drills.",
    no_args_is_help=True,
    add_completion=False,
    pretty_exceptions_enable=False,
    rich_markup_mode="rich",
)


def _version(value: bool) -> None:
    if value:
        print(f"gauntlet {__version__}")
        raise typer.Exit()


@app.callback()
def main(
    db: str | None = typer.Option(None, "--db", envvar="GAUNTLET_DB", help="Database URL or SQLite file path."),
    bank: list[Path] = typer.Option([], "--bank", help="Also load your own folder of questions (repeatable)."),
    version: bool = typer.Option(False, "--version", callback=_version, is_eager=True, help="Show the version."),
) -> None:
    STATE.db_url = db
    STATE.extra_banks = tuple(bank)


app.command("topics")(bank_cmds.topics)
app.command("list")(bank_cmds.list_questions)
app.command("show")(bank_cmds.show)
app.command("search")(bank_cmds.search)
app.command("tips")(bank_cmds.tips)
app.command("faq")(bank_cmds.faq)
app.command("compare")(bank_cmds.compare)
app.command("check")(bank_cmds.check)
app.command("ask")(ask_cmd.ask)
app.command("grade")(grade_cmd.grade)
app.command("regrade")(grade_cmd.regrade)
app.command("review")(review_cmd.review_due)
# The command's old name, kept for muscle memory and old notes; "drill" now means a coding drill only.
app.command("drill", hidden=True)(review_cmd.review_due)
app.command("mock")(mock_cmd.mock)
app.command("reports")(mock_cmd.reports)
app.command("progress")(progress_cmd.progress)
app.command("settings")(settings_cmd.settings)
from gauntlet.cli import plan_cmd  # noqa: E402 - registered here so the import list above stays as others keep it

app.command("plan")(plan_cmd.plan)
app.command("memory")(plan_cmd.memory)
app.add_typer(lab_cmd.app, name="lab")
app.add_typer(code_cmd.app, name="code")
app.command("serve")(serve_cmd.serve)
app.command("doctor")(doctor_cmd.doctor)
app.add_typer(serve_cmd.user_app, name="user")
app.add_typer(export_cmd.export_app, name="export")
app.add_typer(export_cmd.import_app, name="import")


def run() -> None:
    """Console-script entry point: user mistakes print one clear line and exit 2, never a traceback."""
    from gauntlet.errors import ContentError, GauntletError

    try:
        app()
    except ContentError as exc:
        err_console.print(str(exc), style="red", markup=False)
        sys.exit(2)
    except GauntletError as exc:
        err_console.print(f"error: {exc}", style="red", markup=False)
        sys.exit(2)
    except KeyboardInterrupt:
        err_console.print("interrupted", style="yellow")
        sys.exit(130)


if __name__ == "__main__":
    run()
