"""`gauntlet export anki|json` and `gauntlet import json`."""

from __future__ import annotations

import json
import sys
from pathlib import Path

import typer

from gauntlet.cli.state import STATE, console
from gauntlet.errors import InputError

export_app = typer.Typer(help="Export the bank as an Anki deck, or your history as JSON.", no_args_is_help=True)
import_app = typer.Typer(help="Import a history exported with `gauntlet export json`.", no_args_is_help=True)


@export_app.command("anki")
def export_anki_cmd(path: Path = typer.Argument(..., metavar="FILE.apkg", help="Where to write the deck.")) -> None:
    """Write the question bank as an Anki deck, tagged by topic, difficulty and audience."""
    from gauntlet.review.anki import export_anki

    if path.suffix != ".apkg":
        raise InputError("the Anki deck file must end in .apkg")
    count = export_anki(STATE.bank(), path)
    console.print(f"Wrote {count} notes to {path}. Import it in Anki with File → Import.", style="green")


@export_app.command("json")
def export_json_cmd(path: Path | None = typer.Argument(None, metavar="[FILE]",
                                                       help="Output file (stdout if omitted).")) -> None:
    """Dump your history (attempts, cards, reviews, mock interviews) as JSON."""
    from gauntlet.review.history import export_history

    store = STATE.store()
    text = json.dumps(export_history(store, user_id=store.local_user_id), ensure_ascii=False, indent=1)
    if path is None:
        sys.stdout.write(text + "\n")
    else:
        path.write_text(text, encoding="utf-8")
        console.print(f"History written to {path}.", style="green")


@import_app.command("json")
def import_json_cmd(path: Path = typer.Argument(..., metavar="FILE",
                                                help="A file from `gauntlet export json`.")) -> None:
    """Merge an exported history into yours; rows already present are skipped."""
    from gauntlet.review.history import import_history

    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except FileNotFoundError:
        raise InputError(f"'{path}' does not exist") from None
    except (UnicodeDecodeError, json.JSONDecodeError) as exc:
        raise InputError(f"'{path}' is not valid JSON: {exc}") from None
    store = STATE.store()
    added = import_history(store, data, user_id=store.local_user_id)
    console.print("Imported: " + ", ".join(f"{n} {kind.replace('_', ' ')}" for kind, n in added.items())
                  + " (anything already present was skipped).", style="green")
