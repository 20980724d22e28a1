"""`gauntlet progress`: mastery per topic, reviews due, streak and retention forecast."""

from __future__ import annotations

from pathlib import Path

import typer
from rich import box
from rich.table import Table

from gauntlet.cli.state import STATE, console


def progress(plot: Path | None = typer.Option(None, "--plot",
                                              help="Also draw the figures into this PNG file.")) -> None:
    """Your progress: mastery by topic, reviews due, streak, and how much you will remember."""
    from gauntlet.review.progress import compute_progress, plot_progress

    store = STATE.store()
    p = compute_progress(store, STATE.bank(), user_id=store.local_user_id)
    table = Table(box=box.SIMPLE_HEAD, title="Mastery by topic")
    for column in ("topic", "practised", "mastery"):
        table.add_column(column, justify="left" if column == "topic" else "right")
    for t in p.topics:
        bar = "█" * round(t.mastery * 20) + "·" * (20 - round(t.mastery * 20))
        table.add_row(t.name, f"{t.practised}/{t.questions}", f"{bar} {t.mastery:4.0%}")
    console.print(table)
    console.print(f"Reviews due today: [bold]{p.due_today}[/] · this week: [bold]{p.due_this_week}[/] · "
                  f"streak: [bold]{p.streak_days}[/] day{'s' if p.streak_days != 1 else ''} · "
                  f"{p.cards} cards, {p.reviews} reviews")
    if p.cards:
        from gauntlet.review.progress import FORECAST_DAYS

        forecast = " · ".join(f"in {d} days: {p.retention_forecast[d]:.0%}" if d
                              else f"now: {p.retention_forecast[d]:.0%}" for d in FORECAST_DAYS)
        console.print(f"Expected recall of reviewed questions (no further review) — {forecast}")
    else:
        console.print("No reviews yet: `gauntlet review` starts your first session.", style="dim")
    if plot:
        plot_progress(p, plot)
        console.print(f"Figures written to {plot}", style="green")
