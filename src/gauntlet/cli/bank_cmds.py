"""Commands that read the question bank: topics, list, show, search, tips, faq, compare, check."""

from __future__ import annotations

from pathlib import Path

import typer
from rich import box
from rich.panel import Panel
from rich.table import Table

from gauntlet.cli import render
from gauntlet.cli.state import STATE, console


def topics(
    breakdown: bool = typer.Option(False, "--breakdown", help="Count questions per topic × difficulty × audience."),
) -> None:
    """Topics with their level, audience and number of questions."""
    bank = STATE.bank()
    if breakdown:
        _print_breakdown(bank)
        return
    # One line per topic: the id and the whole name first (a name is never folded mid-word); the counts
    # and the level as the width allows.
    columns = [render.ListColumn("id", "key", style="cyan"), render.ListColumn("topic", "title"),
               render.ListColumn("level", rank=1), render.ListColumn("for", rank=3),
               render.ListColumn("qs", rank=0, justify="right"), render.ListColumn("scen.", rank=2, justify="right")]
    rows = []
    for t in bank.topics:
        qs = bank.questions_in(t.id)
        rows.append((t.id, t.name, t.difficulty, t.audience, str(len(qs)), str(sum(q.kind == "scenario" for q in qs))))
    console.print(render.list_table(columns, rows, console.width))
    console.print(f"{len(bank.questions)} questions in {len(bank.topics)} topics.", style="dim")


def _print_breakdown(bank) -> None:
    from gauntlet.bank.model import AUDIENCES, DIFFICULTIES

    pairs = [(d, a) for d in DIFFICULTIES for a in AUDIENCES]
    id_width = max(len(t.id) for t in bank.topics)
    # Two-line headers keep each count column 5 wide; the topic id stays whole. When even that is wider
    # than the terminal, the counts are per difficulty only, so every row still takes one line.
    split = render.EDGES + id_width + (len(pairs) + 2) * (5 + render.COLUMN_GAP) <= console.width
    groups = pairs if split else [(d, None) for d in DIFFICULTIES]
    table = Table(box=box.SIMPLE_HEAD, pad_edge=False,
                  title="Questions per topic × difficulty" + (" × audience" if split else ""))
    table.add_column("topic", style="cyan", no_wrap=True, min_width=id_width)
    for d, a in groups:
        table.add_column(f"{d[:5]}\n{a[:3]}" if a else d[:5], justify="right", no_wrap=True)
    table.add_column("total", justify="right", no_wrap=True)
    table.add_column("scen.", justify="right", no_wrap=True)
    for t in bank.topics:
        qs = bank.questions_in(t.id)
        counts = [sum(q.difficulty == d and (a is None or q.audience == a) for q in qs) for d, a in groups]
        table.add_row(t.id, *[str(c) if c else "·" for c in counts], str(len(qs)),
                      str(sum(q.kind == "scenario" for q in qs)))
    console.print(table)
    scenarios = sum(q.kind == "scenario" for q in bank.questions)
    console.print(f"{len(bank.questions)} questions, {scenarios} scenarios "
                  f"({scenarios / max(len(bank.questions), 1):.0%}).", style="dim")
    if not split:
        console.print("A wider terminal also splits each difficulty by audience.", style="dim")


def list_questions(
    topic: str | None = typer.Option(None, "--topic", "-t", help="Topic id (see `gauntlet topics`)."),
    difficulty: str | None = typer.Option(None, "--difficulty", "-d", help="beginner | intermediate | advanced"),
    audience: str | None = typer.Option(None, "--audience", "-a", help="fresher | all | senior"),
    tag: str | None = typer.Option(None, "--tag", help="Only questions with this tag."),
    scenario: bool = typer.Option(False, "--scenario", help="Only scenario questions."),
) -> None:
    """List questions, optionally filtered."""
    from gauntlet.bank.query import filter_questions

    bank = STATE.bank()
    found = filter_questions(bank, topic, difficulty, audience, tag, "scenario" if scenario else None)
    if not found:
        console.print("No question matches these filters.")
        return
    console.print(render.question_table(found, bank, width=console.width))
    console.print(f"{len(found)} question{'s' if len(found) != 1 else ''}.", style="dim")


def show(
    question_id: str = typer.Argument(..., metavar="ID", help="Question id (see `gauntlet list`)."),
    answer: bool = typer.Option(False, "--answer", help="Also reveal model answer, key points, pitfalls..."),
) -> None:
    """Show a question (prompt first; --answer reveals the model answer and the rest)."""
    bank = STATE.bank()
    q = bank.question(question_id)
    console.print(render.prompt_panel(q, bank))
    if answer:
        console.print(render.answer_sheet(q))
    else:
        console.print(f"Think it through, then `gauntlet show {q.id} --answer` or `gauntlet ask --id {q.id}`.",
                      style="dim")


def search(words: list[str] = typer.Argument(..., metavar="TEXT", help="Words to look for.")) -> None:
    """Search questions by words in their title, tags, prompt, key points and answer."""
    from gauntlet.bank.query import search_questions

    bank = STATE.bank()
    found = search_questions(bank, " ".join(words))
    if not found:
        console.print(f"Nothing matches '{' '.join(words)}'. Try fewer or shorter words.")
        return
    console.print(render.question_table([q for q, _ in found], bank, width=console.width))


def tips() -> None:
    """Interview tips, and what interviewers look for."""
    from rich.markdown import Markdown  # markdown-it costs ~25 ms: only commands that show prose pay it

    bank = STATE.bank()
    for i, tip in enumerate(bank.tips, 1):
        body = tip.body + (f"\n\n*Example:* {tip.example}" if tip.example else "")
        console.print(Panel(Markdown(body), title=f"Tip {i}: {tip.title}", border_style="green"))
    if bank.signals:
        console.rule("What interviewers look for")
        for s in bank.signals:
            body = f"{s.description}\n\n**How to show it:** {s.how_to_show}"
            if s.example:
                body += f"\n\n*Example:* {s.example}"
            console.print(Panel(Markdown(body), title=s.name, border_style="blue"))


def faq() -> None:
    """Frequently asked questions about ML careers and interviews."""
    from rich.markdown import Markdown

    for entry in STATE.bank().faq:
        console.print(Panel(Markdown(entry.answer), title=entry.question, border_style="magenta"))


def compare(table_id: str | None = typer.Argument(None, metavar="[TABLE]", help="Table id; all if omitted.")) -> None:
    """Comparison tables (e.g. supervised vs unsupervised vs reinforcement learning)."""
    from gauntlet.errors import NotFoundError

    tables = STATE.bank().tables
    if table_id:
        tables = tuple(t for t in tables if t.id == table_id)
        if not tables:
            known = ", ".join(t.id for t in STATE.bank().tables)
            raise NotFoundError(f"no comparison table '{table_id}'; known: {known}")
    for t in tables:
        console.print(render.comparison_table(t))


def check(
    path: Path | None = typer.Argument(None,
                                       help="A folder (or file) of your own questions; the shipped bank if omitted."),
    strict: bool = typer.Option(False, "--strict", help="Hold your folder to the shipped bank's minimums."),
) -> None:
    """Validate the question bank (or your own folder) and list every problem with file and line."""
    from gauntlet.bank import check_bank

    problems = check_bank(path, strict=True if strict else None)
    target = str(path) if path else "the shipped question bank"
    if problems:
        for p in problems:
            console.print(str(p), style="red", markup=False, soft_wrap=True)
        console.print(f"{len(problems)} problem{'s' if len(problems) != 1 else ''} in {target}.", style="bold red")
        raise typer.Exit(1)
    from gauntlet.bank import load_bank

    bank = load_bank((path,)) if path else load_bank()
    console.print(f"OK: {target} is valid ({len(bank.questions)} questions, {len(bank.topics)} topics).",
                  style="green")
