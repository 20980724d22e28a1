"""Rich renderings shared by commands: question lists, a question's answer sheet, tables."""

from __future__ import annotations

from rich import box
from rich.console import Group
from rich.panel import Panel
from rich.table import Table
from rich.text import Text

from gauntlet.bank.model import Bank, ComparisonTable, Question

DIFFICULTY_STYLE = {"beginner": "green", "intermediate": "yellow", "advanced": "red"}


def question_table(questions: list[Question], bank: Bank, title: str | None = None,
                   scores: dict[str, float] | None = None) -> Table:
    table = Table(title=title, box=box.SIMPLE_HEAD, expand=False)
    table.add_column("id", style="cyan", no_wrap=True)
    table.add_column("title")
    table.add_column("topic", style="dim")
    table.add_column("level")
    table.add_column("for", style="dim")
    if scores is not None:
        table.add_column("score", justify="right")
    names = {t.id: t.name for t in bank.topics}
    for q in questions:
        level = Text(q.difficulty, style=DIFFICULTY_STYLE.get(q.difficulty, ""))
        title_text = q.title + (" [scenario]" if q.kind == "scenario" else "")
        # Text, not str: a plain string is read as Rich markup, which swallowed "[scenario]" as a style tag
        # (and skipping the markup parse of every cell also trims `gauntlet list`).
        row = [Text(q.id), Text(title_text), Text(names.get(q.topic, q.topic)), level, Text(q.audience)]
        if scores is not None:
            row.append(Text(f"{scores[q.id]:.1f}" if q.id in scores else ""))
        table.add_row(*row)
    return table


def prompt_panel(q: Question, bank: Bank) -> Panel:
    topic = bank.topic(q.topic).name if any(t.id == q.topic for t in bank.topics) else q.topic
    subtitle = f"{topic} · {q.difficulty} · {q.audience}" + (" · scenario" if q.kind == "scenario" else "")
    return Panel(Text(q.prompt), title=f"[bold]{q.title}[/] ({q.id})", subtitle=subtitle, border_style="cyan")


def answer_sheet(q: Question) -> Group:
    """Model answer, key points, pitfalls, follow-ups and senior angle, for self-check."""
    from rich.markdown import Markdown  # markdown-it costs ~25 ms: only commands that show prose pay it

    parts = [Panel(Markdown(q.model_answer), title="Model answer", border_style="green")]
    points = Table(box=None, show_header=False, padding=(0, 1))
    for i, kp in enumerate(q.key_points, 1):
        points.add_row(f"{i}.", kp.text)
    parts.append(Panel(points, title="Key points", border_style="blue"))
    if q.pitfalls:
        pit = Table(box=None, show_header=False, padding=(0, 1))
        for p in q.pitfalls:
            pit.add_row("✗", Text(p.mistake, style="red"))
            pit.add_row("✓", p.correction)
        parts.append(Panel(pit, title="Common pitfalls", border_style="red"))
    if q.follow_ups:
        parts.append(Panel("\n".join(f"• {f}" for f in q.follow_ups), title="Follow-ups", border_style="magenta"))
    if q.senior_angle:
        parts.append(Panel(Markdown(q.senior_angle), title="Senior angle", border_style="yellow"))
    links = []
    if q.related.labs:
        links.append("See it run: " + ", ".join(f"gauntlet lab run {lab}" for lab in q.related.labs))
    if q.related.drills:
        links.append("Implement it: " + ", ".join(f"gauntlet code start {d}" for d in q.related.drills))
    if q.related.questions:
        links.append("Related: " + ", ".join(q.related.questions))
    if links:
        parts.append(Text("\n".join(links), style="dim"))
    return Group(*parts)


def comparison_table(t: ComparisonTable) -> Group:
    from rich.markdown import Markdown

    table = Table(title=t.title, box=box.ROUNDED, show_lines=True)
    for i, column in enumerate(t.columns):
        # A word wider than its column is broken onto the next line, never cut to "Binary-classificat…".
        table.add_column(column, style="bold" if i == 0 else None, overflow="fold")
    for row in t.rows:
        table.add_row(*row)
    parts = [table]
    if t.notes:
        parts.append(Markdown(t.notes))
    return Group(*parts)
