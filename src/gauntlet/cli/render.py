"""Rich renderings shared by commands: question lists, a question's answer sheet, tables."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from rich import box
from rich.console import Group, JustifyMethod, RenderableType
from rich.panel import Panel
from rich.table import Table
from rich.text import Text

from gauntlet.bank.model import Bank, ComparisonTable, Question

DIFFICULTY_STYLE = {"beginner": "green", "intermediate": "yellow", "advanced": "red"}


# A list's columns are separated by 3 characters: a space of padding, the (blank) rule, a space; the
# table's (blank) edges take one more on each side.
COLUMN_GAP = 3
EDGES = 2
TITLE_MIN_WIDTH = 10  # a title cut shorter than this says nothing
BLURB_MIN_WIDTH = 24  # likewise a description: below this it is dropped, not cut


@dataclass(frozen=True)
class ListColumn:
    """One column of a list command's table, and what it gives up when the terminal is narrow.

    ``role``: "key" (an id the user types next) is always whole; "title" is whole when it fits beside the
    keys, else cut with an ellipsis; "extra" is whole or left out; "blurb" (a description) takes what room
    is left, cut with an ellipsis. Extras and blurbs claim room by ``rank``, lowest first.
    """

    header: str
    role: str = "extra"
    rank: int = 0
    style: str | None = None
    justify: JustifyMethod = "left"


def list_table(columns: Sequence[ListColumn], rows: Sequence[Sequence[str | Text]], width: int,
               title: str | None = None) -> Table:
    """A table whose every row takes one line of a ``width``-column terminal.

    The ids and titles come first: the other columns are shown only in the room they leave, so an
    80-column terminal gets a readable list rather than each row folded over five lines (the command's
    info or show subcommand has the rest). Plain ``str`` cells are text, never Rich markup.
    """
    cells = [[Text(cell) if isinstance(cell, str) else cell for cell in row] for row in rows]
    natural = [max([len(c.header)] + [row[i].cell_len for row in cells]) for i, c in enumerate(columns)]
    shown: dict[int, int] = {i: natural[i] for i, c in enumerate(columns) if c.role in ("key", "title")}

    def used() -> int:
        return EDGES + sum(shown.values()) + COLUMN_GAP * (len(shown) - 1)

    for i in (i for i, c in enumerate(columns) if c.role == "title"):
        over = used() - width
        if over > 0:
            shown[i] = max(natural[i] - over, min(natural[i], TITLE_MIN_WIDTH))
    optional = sorted((i for i, c in enumerate(columns) if c.role in ("extra", "blurb")), key=lambda i: columns[i].rank)
    for i in optional:
        room = width - used() - COLUMN_GAP
        if room >= natural[i]:
            shown[i] = natural[i]
        elif columns[i].role == "blurb" and room >= BLURB_MIN_WIDTH:
            shown[i] = room
    table = Table(title=title, box=box.SIMPLE_HEAD, pad_edge=False)
    for i in sorted(shown):
        column = columns[i]
        # An id is folded (only ever in a terminal too narrow for it alone), never cut: "…" would leave the
        # user nothing to type. The other columns already fit their widths or are cut with an ellipsis.
        key = column.role == "key"
        table.add_column(column.header, style=column.style, justify=column.justify, width=shown[i], no_wrap=not key,
                         overflow="fold" if key else "ellipsis")
    for row in cells:
        table.add_row(*(row[i] for i in sorted(shown)))
    return table


def question_table(questions: list[Question], bank: Bank, title: str | None = None,
                   scores: dict[str, float] | None = None, width: int = 80) -> Table:
    """Questions one per line: the id and title first; level, topic and audience as ``width`` allows."""
    columns = [ListColumn("id", "key", style="cyan"), ListColumn("title", "title"),
               ListColumn("topic", rank=2, style="dim"), ListColumn("level", rank=1),
               ListColumn("for", rank=3, style="dim")]
    if scores is not None:
        columns.append(ListColumn("score", rank=0, justify="right"))
    names = {t.id: t.name for t in bank.topics}
    rows = []
    for q in questions:
        level = Text(q.difficulty, style=DIFFICULTY_STYLE.get(q.difficulty, ""))
        title_text = q.title + (" [scenario]" if q.kind == "scenario" else "")
        # Text, not str: a plain string is read as Rich markup, which swallowed "[scenario]" as a style tag
        # (and skipping the markup parse of every cell also trims `gauntlet list`).
        row = [Text(q.id), Text(title_text), Text(names.get(q.topic, q.topic)), level, Text(q.audience)]
        if scores is not None:
            row.append(Text(f"{scores[q.id]:.1f}" if q.id in scores else ""))
        rows.append(row)
    return list_table(columns, rows, width, title=title)


def prompt_panel(q: Question, bank: Bank) -> Panel:
    topic = bank.topic(q.topic).name if any(t.id == q.topic for t in bank.topics) else q.topic
    subtitle = f"{topic} · {q.difficulty} · {q.audience}" + (" · scenario" if q.kind == "scenario" else "")
    return Panel(Text(q.prompt), title=f"[bold]{q.title}[/] ({q.id})", subtitle=subtitle, border_style="cyan")


def answer_sheet(q: Question) -> Group:
    """Model answer, key points, pitfalls, follow-ups and senior angle, for self-check."""
    from rich.markdown import Markdown  # markdown-it costs ~25 ms: only commands that show prose pay it

    parts: list[RenderableType] = [Panel(Markdown(q.model_answer), title="Model answer", border_style="green")]
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
        parts.append(Panel("\n".join(f"• {f.text}" for f in q.follow_ups), title="Follow-ups", border_style="magenta"))
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
    parts: list[RenderableType] = [table]
    if t.notes:
        parts.append(Markdown(t.notes))
    return Group(*parts)
