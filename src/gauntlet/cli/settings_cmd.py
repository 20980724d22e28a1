"""`gauntlet settings`: show or change practice settings (desired retention, new cards per day)."""

from __future__ import annotations

from dataclasses import replace
from typing import Any

import typer

from gauntlet.cli.state import STATE, console


def settings(
    retention: float | None = typer.Option(None, "--retention",
                                           help="FSRS desired retention, 0.70-0.97 (default 0.9)."),
    new_per_day: int | None = typer.Option(None, "--new-per-day", help="New questions per day in `gauntlet review`."),
) -> None:
    """Show your practice settings, or change them."""
    from gauntlet.review.settings import load_settings, save_settings

    store = STATE.store()
    current = load_settings(store, user_id=store.local_user_id)
    changes: dict[str, Any] = {k: v for k, v in (("desired_retention", retention), ("new_per_day", new_per_day))
                               if v is not None}
    if changes:
        current = replace(current, **changes).validated()
        save_settings(store, current, user_id=store.local_user_id)
    console.print(f"desired retention: {current.desired_retention:.2f}  (higher = more reviews, better recall)")
    console.print(f"new questions per day: {current.new_per_day}")
