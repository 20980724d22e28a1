"""Typing an answer against the clock: a small line editor with a live countdown (Rich Live).

In a terminal, keys are read one by one (cbreak mode) so the countdown keeps ticking while the user
types, and the answer is submitted as-is when time runs out. Without a terminal (piped input), lines
are read until the deadline. Submit with Ctrl-D or a line holding only ".".
"""

from __future__ import annotations

import codecs
import os
import select
import sys
import time
from collections.abc import Callable
from dataclasses import dataclass

from rich.console import Group, RenderableType
from rich.panel import Panel
from rich.text import Text

from gauntlet.cli.state import console

VISIBLE_LINES = 14
TICK_S = 0.25


@dataclass(frozen=True)
class TimedAnswer:
    text: str
    elapsed_s: float
    timed_out: bool  # the deadline passed before the user submitted
    interrupted: bool = False  # Ctrl-C: the caller saves a draft and stops


def clock(seconds: float) -> str:
    seconds = max(int(seconds + 0.999), 0)
    return f"{seconds // 60:02d}:{seconds % 60:02d}"


class LineEditor:
    """Applies keystrokes to a text buffer. Pure, so it is tested without a terminal."""

    def __init__(self, initial: str = ""):
        self.text = initial
        self.submitted = False
        self._escape: str | None = None  # inside an escape sequence (arrow keys...), ignored

    def feed(self, chars: str) -> None:
        for ch in chars:
            if self.submitted:
                return
            if self._escape is not None:
                self._escape += ch
                # CSI sequences end with a letter or '~'; a lone ESC followed by anything else ends too.
                if (len(self._escape) == 1 and ch != "[") or (len(self._escape) > 1 and (ch.isalpha() or ch == "~")):
                    self._escape = None
                continue
            if ch == "\x1b":
                self._escape = ""
            elif ch == "\x04":  # Ctrl-D
                self.submitted = True
            elif ch in ("\r", "\n"):
                last_line = self.text.rsplit("\n", 1)[-1]
                if last_line.strip() == ".":
                    self.text = self.text[: len(self.text) - len(last_line)].rstrip("\n")
                    self.submitted = True
                else:
                    self.text += "\n"
            elif ch in ("\x7f", "\x08"):
                self.text = self.text[:-1]
            elif ch == "\x15":  # Ctrl-U: clear the current line
                self.text = self.text[: len(self.text) - len(self.text.rsplit("\n", 1)[-1])]
            elif ch == "\t":
                self.text += "    "
            elif ch >= " ":
                self.text += ch


def _view(header: RenderableType, text: str, question_left: float, overall_left: float, label: str) -> Group:
    lines = text.split("\n")
    shown = lines[-VISIBLE_LINES:]
    body = Text("\n".join(shown) + "▌")
    if len(lines) > VISIBLE_LINES:
        body = Text(f"… {len(lines) - VISIBLE_LINES} earlier lines\n", style="dim") + body
    urgent = min(question_left, overall_left) <= 30
    status = Text.assemble(
        (f"⏱ {label} {clock(question_left)} left", "bold red" if urgent else "bold"),
        (f" · interview {clock(overall_left)} left", "red" if overall_left <= 60 else ""),
        (" · submit: Ctrl-D or a line with only '.'", "dim"),
    )
    return Group(header, Panel(body, title="Your answer", border_style="cyan"), status)


def read_timed_answer(
    header: RenderableType,
    question_s: float,
    overall_s: float,
    initial: str = "",
    label: str = "question",
    on_tick: Callable[[str, float], None] | None = None,
    tick_every_s: float = 5.0,
    now: Callable[[], float] = time.monotonic,
) -> TimedAnswer:
    """Read an answer within ``min(question_s, overall_s)`` seconds.

    ``on_tick(text, elapsed_s)`` is called every ``tick_every_s`` seconds (to save a draft). ``now`` is
    the clock every deadline, countdown and tick is measured on (seconds; tests drive their own).
    """
    if sys.stdin.isatty():
        return _read_in_terminal(header, question_s, overall_s, initial, label, on_tick, tick_every_s, now)
    return _read_lines(header, question_s, overall_s, initial, on_tick, tick_every_s, now)


def _read_in_terminal(header, question_s, overall_s, initial, label, on_tick, tick_every_s, now) -> TimedAnswer:
    import termios
    import tty

    from rich.live import Live

    fd = sys.stdin.fileno()
    saved = termios.tcgetattr(fd)
    decoder = codecs.getincrementaldecoder("utf-8")(errors="replace")
    editor = LineEditor(initial)
    start = now()
    last_tick = start
    deadline_s = min(question_s, overall_s)
    try:
        tty.setcbreak(fd)
        with Live(_view(header, editor.text, question_s, overall_s, label), console=console,
                  auto_refresh=False, transient=False) as live:
            while True:
                elapsed = now() - start
                if elapsed >= deadline_s:
                    return TimedAnswer(editor.text, deadline_s, timed_out=True)
                ready, _, _ = select.select([fd], [], [], min(TICK_S, deadline_s - elapsed))
                if ready:
                    chunk = os.read(fd, 4096)
                    if not chunk:  # the terminal went away: keep what was typed
                        return TimedAnswer(editor.text, now() - start, timed_out=False)
                    editor.feed(decoder.decode(chunk))
                    if editor.submitted:
                        live.update(_view(header, editor.text, question_s - elapsed, overall_s - elapsed, label),
                                    refresh=True)
                        return TimedAnswer(editor.text, now() - start, timed_out=False)
                current = now()
                if on_tick and current - last_tick >= tick_every_s:
                    on_tick(editor.text, current - start)
                    last_tick = current
                live.update(_view(header, editor.text, question_s - (current - start), overall_s - (current - start),
                                  label), refresh=True)
    except KeyboardInterrupt:
        return TimedAnswer(editor.text, now() - start, timed_out=False, interrupted=True)
    finally:
        termios.tcsetattr(fd, termios.TCSADRAIN, saved)


def _read_lines(header, question_s, overall_s, initial, on_tick, tick_every_s, now) -> TimedAnswer:
    console.print(header)
    deadline_s = min(question_s, overall_s)
    console.print(f"You have {clock(deadline_s)}. Finish with a line holding only '.' (or end of input).", style="dim")
    lines = [initial] if initial else []
    start = now()
    last_tick = start
    try:
        while True:
            left = deadline_s - (now() - start)
            if left <= 0:
                return TimedAnswer("\n".join(lines), deadline_s, timed_out=True)
            ready, _, _ = select.select([sys.stdin], [], [], min(left, 1.0))
            if ready:
                line = sys.stdin.readline()
                if not line or line.strip() == ".":
                    return TimedAnswer("\n".join(lines), now() - start, timed_out=False)
                lines.append(line.rstrip("\n"))
            if on_tick and now() - last_tick >= tick_every_s:
                on_tick("\n".join(lines), now() - start)
                last_tick = now()
    except KeyboardInterrupt:
        return TimedAnswer("\n".join(lines), now() - start, timed_out=False, interrupted=True)
