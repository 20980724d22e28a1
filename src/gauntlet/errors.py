"""The few exception types Gauntlet raises on purpose.

Each message says what is wrong and, where it can, what to do next. The shells turn these into one
clear line (CLI, non-zero exit) or a 4xx page (web); anything else is a bug and keeps its traceback.

"What to do next" differs per shell: the terminal names a command (`gauntlet list`) or a flag
(``--minutes``), the browser a page or a form field. So an error carries its parts apart: ``what`` is
wrong (in neither shell's words), the ``option`` it concerns, and a ``Hint`` worded for each shell.
``str(error)`` is the CLI wording (the CLI prints it as is); ``web_message()`` the browser's.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path


@dataclass(frozen=True)
class Hint:
    """Where to look next, said once for the terminal and once for the browser.

    ``sep`` joins the hint to what is wrong (both shells). ``link`` is (words of ``web``, URL): the web
    page makes those words a link.
    """

    cli: str
    web: str
    link: tuple[str, str] | None = None
    sep: str = "; "


QUESTION_IDS = Hint("`gauntlet list` shows the ids", "the question bank lists every question",
                    ("the question bank", "/bank"))
QUESTION_TAGS = Hint("`gauntlet list` shows each question's tags", "the question bank lists the tags",
                     ("the question bank", "/bank"))
ANY_QUESTION = Hint("`gauntlet list` shows what there is", "the question bank shows what there is",
                    ("the question bank", "/bank"))
DRILL_IDS = Hint("See `gauntlet code list`.", "The coding drills page lists them.", ("coding drills page", "/code"),
                 sep=" ")
SEARCH_EXAMPLE = Hint("try e.g. `gauntlet search gradient`", "type a word to look for, e.g. gradient")
HISTORY_FILE = Hint("(expected the output of `gauntlet export json`)", "(expected a file saved by Gauntlet's export)",
                    sep=" ")

# The hints the core's messages end with. A message raised as one string is split on these, so the core
# need not change for the web to word them its own way (raising with ``hint=`` says it directly).
KNOWN_HINTS = (QUESTION_IDS, QUESTION_TAGS, ANY_QUESTION, DRILL_IDS, SEARCH_EXAMPLE, HISTORY_FILE)

_LEADING_OPTION = re.compile(r"--([a-z][a-z0-9-]*) (.+)", re.DOTALL)
_CLI_COMMAND = re.compile(r"`gauntlet [^`]*`")


class GauntletError(Exception):
    """Base class for errors caused by user input or environment, not by a bug.

    ``GauntletError("what is wrong", option="minutes", hint=QUESTION_IDS)`` keeps the parts apart; a
    single message string is split into them where it follows the core's usual forms
    (``"--minutes must be ..."``, ``"...; `gauntlet list` shows the ids"``).
    """

    def __init__(self, *args: object, option: str | None = None, hint: Hint | None = None) -> None:
        if option is not None or hint is not None:
            what = str(args[0]) if args else ""
            args = (_cli_wording(what, option, hint),)
        else:
            what, option, hint = _split(args[0]) if len(args) == 1 and isinstance(args[0], str) else ("", None, None)
        super().__init__(*args)
        self.what, self.option, self.hint = what, option, hint

    @property
    def structured(self) -> bool:
        """Whether the message has a part worded for one shell (an option or a hint)."""
        return self.option is not None or self.hint is not None

    def cli_message(self) -> str:
        """The terminal's wording: commands and flags as typed."""
        return str(self)

    def web_message(self) -> str:
        """The browser's wording: the form field and the page instead of the flag and the command."""
        if not self.structured:
            return _without_commands(str(self))
        what = self.what
        if self.option is not None:
            what = f"{self.option.replace('-', ' ').capitalize()} {what}"
        return what + (self.hint.sep + self.hint.web if self.hint is not None else "")


def _cli_wording(what: str, option: str | None, hint: Hint | None) -> str:
    text = f"--{option} {what}" if option is not None else what
    return text + (hint.sep + hint.cli if hint is not None else "")


def _split(message: str) -> tuple[str, str | None, Hint | None]:
    """(what, option, hint) of a message in the core's usual CLI wording; (message, None, None) otherwise."""
    what, option, hint = message, None, None
    for known in KNOWN_HINTS:
        if what.endswith(known.sep + known.cli):
            what, hint = what[: -len(known.sep + known.cli)], known
            break
    leading = _LEADING_OPTION.fullmatch(what)
    if leading:
        option, what = leading.group(1), leading.group(2)
    return what, option, hint


def _without_commands(message: str) -> str:
    """A message with no known hint, for the browser: the clauses that name a CLI command are dropped
    (a terminal command is no advice in a browser), unless that would leave nothing."""
    if not _CLI_COMMAND.search(message):
        return message
    kept = [clause for clause in message.split("; ") if not _CLI_COMMAND.search(clause)]
    return "; ".join(kept) if kept else message


@dataclass(frozen=True)
class ContentProblem:
    """One defect in one content file: where it is and what is wrong."""

    path: Path
    line: int | None  # 1-based; None when the defect concerns the file as a whole
    message: str

    def __str__(self) -> str:
        where = f"{self.path}:{self.line}" if self.line else f"{self.path}"
        return f"{where}: {self.message}"


class ContentError(GauntletError):
    """One or more content files are malformed. ``problems`` lists every defect found."""

    def __init__(self, problems: list[ContentProblem]):
        self.problems = sorted(problems, key=lambda p: (str(p.path), p.line or 0, p.message))
        count = len(self.problems)
        head = f"{count} problem{'s' if count != 1 else ''} in the question bank"
        super().__init__(head + ":\n" + "\n".join(f"  {p}" for p in self.problems))


class NotFoundError(GauntletError):
    """A named thing (question, lab, drill, report...) does not exist."""


class StoreError(GauntletError):
    """The database cannot be opened or migrated; the message says how to fix it."""


class InputError(GauntletError):
    """A command-line or form argument is invalid."""
