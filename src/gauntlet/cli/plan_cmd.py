"""`gauntlet plan`: a study plan to the interview date; `gauntlet memory`: your own FSRS parameters."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import typer
from rich.text import Text

from gauntlet.cli.render import ListColumn, list_table
from gauntlet.cli.state import STATE, console


def plan(
    interview: str | None = typer.Option(None, "--interview", help="Interview date, YYYY-MM-DD: makes a new plan."),
    minutes_per_day: int = typer.Option(45, "--minutes-per-day", help="Minutes you can study a day."),
    level: str = typer.Option("all", "--level", help="fresher | all | senior: which questions the plan covers."),
    topics: str = typer.Option("", "--topics", help="Comma-separated topic ids (default: all; `gauntlet topics`)."),
    easy_days: str = typer.Option("", "--easy-days", help="Weekdays with a lighter load, e.g. sat,sun."),
    easy_factor: float = typer.Option(0.5, "--easy-factor", help="Share of the budget an easy day holds."),
    ics: Path | None = typer.Option(None, "--ics", help="Also write the plan as a calendar file (.ics)."),
    catch_up_days: int | None = typer.Option(None, "--catch-up-days",
                                             help="After a break: spread the overdue reviews over N days."),
    days: int = typer.Option(14, "--days", min=1, help="Days of the plan to list."),
) -> None:
    """A day-by-day plan to your interview: new questions, expected reviews, mock interviews, labs and drills."""
    from gauntlet.errors import InputError
    from gauntlet.review.backlog import start_recovery
    from gauntlet.review.plan import PlanOptions, describe_options, make_plan, plan_status, save_plan
    from gauntlet.review.plan_policy import parse_weekdays
    from gauntlet.review.settings import load_settings

    store, bank = STATE.store(), STATE.bank()
    user = store.local_user_id
    now = dt.datetime.now(dt.UTC)
    settings = load_settings(store, user)
    if catch_up_days is not None:
        recovery = start_recovery(store, now=now, days=catch_up_days, user_id=user)
        console.print(f"{len(recovery.question_ids)} overdue reviews spread over {recovery.days} days, most at-risk "
                      f"first: about {len(recovery.shares()[0])} today. `gauntlet review` follows it.", style="green")
    if interview is not None:
        try:
            date = dt.date.fromisoformat(interview)
        except ValueError:
            raise InputError("must be a date as YYYY-MM-DD", option="interview") from None
        options = PlanOptions(date, minutes_per_day, level, tuple(t.strip() for t in topics.split(",") if t.strip()),
                              parse_weekdays(easy_days), easy_factor)
        made = save_plan(store, make_plan(store, bank, options, now=now, user_id=user,
                                          desired_retention=settings.desired_retention), user)
        console.print(f"Plan saved: {describe_options(made.options)}.", style="green")
    status = plan_status(store, bank, now=now, user_id=user, desired_retention=settings.desired_retention)
    if status is None:
        if interview is None and catch_up_days is None:
            console.print("No study plan yet (or its interview date has passed): "
                          "`gauntlet plan --interview YYYY-MM-DD --minutes-per-day 45` makes one.", style="yellow")
        return
    current = status.plan
    if interview is None:
        console.print(describe_options(current.options), style="bold")
    if status.catch_up:
        console.print(status.catch_up, style="yellow")
    for warning in current.warnings:
        console.print(warning, style="yellow")
    rows = []
    for day in current.days[:days]:
        extra = [f"mock {day.mock_minutes} min"] if day.mock_minutes else []
        extra += [f"{p.kind} {p.id}" for p in day.practice]
        rows.append([Text(day.date.strftime("%a %d %b")), Text(f"{day.new:.0f}"), Text(f"{day.reviews:.0f}"),
                     Text(f"{day.minutes:.0f}/{day.budget_minutes:.0f}" + (" easy" if day.easy else "")),
                     Text(", ".join(extra))])
    columns = [ListColumn("day", "key"), ListColumn("new", "key", justify="right"),
               ListColumn("reviews", "key", justify="right"), ListColumn("min/budget", "key"),
               ListColumn("also", "blurb")]
    title = f"Next {min(days, len(current.days))} of {len(current.days)} days (reviews: FSRS simulation)"
    console.print(list_table(columns, rows, console.width, title=title))
    topic_rows = [[Text(t.topic), Text(f"{t.practised}/{t.questions}"), Text(f"{t.retention:.0%}")]
                  for t in sorted(current.topics, key=lambda t: t.retention)]
    console.print(list_table([ListColumn("topic", "key"), ListColumn("started", "key", justify="right"),
                              ListColumn("recall on the day", "key", justify="right")], topic_rows, console.width,
                             title=f"Projected retention on {current.options.interview_on:%d %b}: "
                                   f"{current.retention:.0%} (weakest first)"))
    console.print(_memory_line(store, user), style="dim")
    if ics is not None:
        from gauntlet.review.plan_ics import plan_to_ics

        ics.write_text(plan_to_ics(current, now=now, user_key=str(user)), encoding="utf-8", newline="")
        console.print(f"Calendar written to {ics}", style="green")


def _memory_line(store: object, user_id: int) -> str:
    from gauntlet.review.memory_model import MIN_REVIEWS, latest_fit, optimiser_available
    from gauntlet.store import Store

    assert isinstance(store, Store)
    fit = latest_fit(store, user_id)
    if fit is not None and fit.in_use:
        return (f"Memory model: your own FSRS parameters (fitted on {fit.reviews} reviews, log loss "
                f"{fit.log_loss_default:.3f} -> {fit.log_loss_fitted:.3f}).")
    if not optimiser_available():
        return ("Memory model: FSRS default parameters. Fitting your own needs the optimiser: "
                "pip install 'gauntlet[memory]' (no PyTorch).")
    return f"Memory model: FSRS default parameters (`gauntlet memory --fit` once you have {MIN_REVIEWS} reviews)."


def memory(
    fit: bool = typer.Option(False, "--fit", help="Fit FSRS parameters to your review log."),
    use: bool | None = typer.Option(None, "--use/--default",
                                    help="Schedule with your fitted parameters, or the defaults again."),
) -> None:
    """Your own memory model: FSRS parameters fitted to your reviews, with the log loss before and after."""
    from gauntlet.review.memory_model import fit_memory_model, latest_fit, use_memory_model

    store = STATE.store()
    user = store.local_user_id
    if fit:
        result = fit_memory_model(store, now=dt.datetime.now(dt.UTC), user_id=user)
        console.print(f"Fitted on {result.reviews} reviews. Log loss on your log: default parameters "
                      f"{result.log_loss_default:.4f}, yours {result.log_loss_fitted:.4f} (lower is better).",
                      style="green")
    latest = latest_fit(store, user)
    if use is not None:
        use_memory_model(store, latest.id if (use and latest) else None, user)
        if use and latest is None:
            console.print("No fit yet: `gauntlet memory --fit` first.", style="yellow")
    console.print(_memory_line(store, user))
