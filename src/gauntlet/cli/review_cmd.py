"""`gauntlet review`: an FSRS review session in the terminal. Every rating is committed before the next card."""

from __future__ import annotations

import time

import typer
from rich.panel import Panel

from gauntlet.cli import render
from gauntlet.cli.ask import prepare_feedback, read_answer_interactively
from gauntlet.cli.state import STATE, console

RATING_PROMPT = "Rate: 1 again · 2 hard · 3 good · 4 easy"


def _ask_rating(suggested: int | None) -> int | None:
    """Read a rating; Enter accepts the suggestion; q or end of input stops the session (None)."""
    from gauntlet.errors import InputError
    from gauntlet.review.cards import RATING_NAMES, parse_rating

    default = f" [Enter = {suggested} {RATING_NAMES[suggested]}]" if suggested else ""
    while True:
        console.print(f"{RATING_PROMPT}{default} · q to stop", style="bold")
        try:
            raw = input("> ")
        except EOFError:
            return None
        if raw.strip().lower() in ("q", "quit"):
            return None
        if not raw.strip() and suggested:
            return suggested
        try:
            return parse_rating(raw)
        except InputError as exc:
            console.print(str(exc), style="yellow")


def review_due(
    topic: str | None = typer.Option(None, "--topic", "-t", help="Only this topic."),
    difficulty: str | None = typer.Option(None, "--difficulty", "-d", help="beginner | intermediate | advanced"),
    tag: str | None = typer.Option(None, "--tag", help="Only questions with this tag (see `gauntlet list`)."),
    new: int | None = typer.Option(None, "--new", min=0, help="New questions allowed today (default: your setting)."),
    limit: int = typer.Option(20, "--limit", min=1, help="At most this many cards in this session."),
    no_grade: bool = typer.Option(False, "--no-grade", help="Skip automatic feedback and rating suggestions."),
) -> None:
    """Review due questions (FSRS), then new ones: answer or recall, see the model answer, rate."""
    import datetime as dt

    from rich.markdown import Markdown  # markdown-it costs ~25 ms: imported by the command that shows prose

    from gauntlet.practice import submit_answer
    from gauntlet.review.cards import RATING_NAMES, humanise_interval, review, suggest_rating
    from gauntlet.review.queue import build_queue
    from gauntlet.review.settings import load_settings

    bank, store = STATE.bank(), STATE.store()
    settings = load_settings(store, user_id=store.local_user_id)
    queue = build_queue(store, bank, topic=topic, difficulty=difficulty, tag=tag,
                        new_limit=new, limit=limit,
                        user_id=store.local_user_id)
    if not queue:
        console.print("Nothing due and no new questions left for today. Come back tomorrow, or "
                      "`gauntlet review --new 5` to learn more now.", style="green")
        return
    unavailable = prepare_feedback(store, bank, no_grade)
    due_count = sum(not item.is_new for item in queue)
    console.print(f"{len(queue)} cards: {due_count} due, {len(queue) - due_count} new.", style="bold")
    done: dict[int, int] = {}
    in_hand: dict = {}  # what the card being worked on has saved so far, for the Ctrl-C summary
    try:
        for position, item in enumerate(queue, 1):
            in_hand.clear()
            q = item.question
            label = ("new" if item.card is None
                     else f"due {humanise_interval(dt.datetime.now(dt.UTC) - item.card.due)} ago")
            console.rule(f"Card {position}/{len(queue)} · {item.reason or label}")
            console.print(render.prompt_panel(q, bank))
            shown_at = time.monotonic()
            started_at = dt.datetime.now(dt.UTC)
            answer = read_answer_interactively(allow_recall=True)
            if answer is None:
                break
            attempt_id, suggested, points_listed = None, None, False
            if answer.strip():
                grade = not (no_grade or unavailable)
                in_hand["answer"] = None
                submission = submit_answer(store, q, answer, started_at, source="review", grade=grade,
                                           on_saved=lambda attempt: in_hand.update(answer=attempt.id),
                                           user_id=store.local_user_id)
                attempt_id = submission.attempt.id
                in_hand["graded"] = submission.grade is not None
                if submission.grade is not None:
                    from gauntlet.cli.grade import print_feedback

                    print_feedback(submission.grade, answer)
                    points_listed = submission.grade.score is not None and bool(submission.grade.key_points)
                    suggested = suggest_rating(submission.grade.score, submission.grade.false_claims)
            console.print(Panel(Markdown(q.model_answer), title="Model answer", border_style="green"))
            if not points_listed:
                # The feedback, when there was one, has already listed every key point (a missed one as
                # "Add: ..."): listing them again made each missed point appear twice.
                console.print(Panel("\n".join(f"• {kp.text}" for kp in q.key_points), title="Key points",
                                    border_style="blue"))
            rating = _ask_rating(suggested)
            if rating is None:
                break
            result = review(store, q.id, rating, desired_retention=settings.desired_retention,
                            duration_ms=int((time.monotonic() - shown_at) * 1000), suggested_rating=suggested,
                            attempt_id=attempt_id, user_id=store.local_user_id, queue_reason=item.reason or None)
            done[rating] = done.get(rating, 0) + 1
            in_hand.clear()
            # Printed only after the commit: the crash tests treat this line as a promise.
            console.print(f"Saved review #{result.log_id} ({RATING_NAMES[rating]}) · next in "
                          f"{humanise_interval(result.interval)}.", style="green")
    except KeyboardInterrupt:
        console.print()
        _session_summary(done, interrupted=True, in_hand=in_hand)
        raise typer.Exit(130) from None
    _session_summary(done)


def _session_summary(done: dict[int, int], interrupted: bool = False, in_hand: dict | None = None) -> None:
    """The same summary however the session ends; after Ctrl-C, also what the card in hand left saved."""
    from gauntlet.review.cards import RATING_NAMES

    reviewed = sum(done.values())
    summary = ", ".join(f"{count} {RATING_NAMES[r]}" for r, count in sorted(done.items())) or "none"
    console.print(f"Session {'interrupted' if interrupted else 'over'}: {reviewed} reviewed ({summary}), "
                  f"each saved when rated.", style="bold")
    if in_hand and in_hand.get("answer"):
        graded = ("graded" if in_hand.get("graded")
                  else "not graded yet: the next `gauntlet review` or `gauntlet regrade` grades it")
        console.print(f"Your answer to the last card is saved as attempt #{in_hand['answer']} ({graded}); that card "
                      "was not rated, so it stays in the queue.", style="yellow")
    elif interrupted:
        console.print("The card in hand was not rated; it stays in the queue.", style="yellow")
