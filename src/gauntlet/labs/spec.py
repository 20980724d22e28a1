"""What a lab declares about itself: its parameters (typed, with ranges), what to notice, the takeaway.

Light on purpose (no NumPy): the CLI and the web app read specs to validate user input before any
experiment runs. Values typed by a user arrive as strings ("lr=0.1") and are parsed here; values
passed from Python arrive typed and are checked the same way.
"""

from __future__ import annotations

import math
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from typing import Literal

from gauntlet.errors import InputError

ParamKind = Literal["int", "float", "bool", "choice"]

# A lab reports progress as (steps done, total steps); the CLI turns it into a progress bar.
ProgressFn = Callable[[int, int], None]

_TRUE = ("1", "true", "yes", "on")
_FALSE = ("0", "false", "no", "off")


def no_progress(done: int, total: int) -> None:
    """The default progress callback: report nothing."""


@dataclass(frozen=True)
class Param:
    """One tunable parameter of a lab. ``low``/``high`` are inclusive bounds for int and float."""

    name: str
    kind: ParamKind
    default: int | float | bool | str
    help: str
    low: float | None = None
    high: float | None = None
    choices: tuple[str, ...] = ()

    def describe(self) -> str:
        """e.g. ``int in [1, 12] (default 8)``: what a user may type for this parameter."""
        if self.kind == "choice":
            allowed = "one of " + ", ".join(self.choices)
        elif self.kind == "bool":
            allowed = "true or false"
        elif self.low is not None and self.high is not None:
            allowed = f"{self.kind} in [{_fmt(self.low)}, {_fmt(self.high)}]"
        else:
            allowed = self.kind
        return f"{allowed} (default {_fmt(self.default)})"

    def coerce(self, value: object) -> int | float | bool | str:
        """The value as this parameter's type, within its range; InputError otherwise."""
        if self.kind == "bool":
            return self._parse_bool(value)
        if self.kind == "choice":
            choice = self._parse_choice(value)
            if choice not in self.choices:
                raise InputError(f"parameter '{self.name}' = {choice!r} is not allowed; expected {self.describe()}")
            return choice
        number = self._parse_number(value)
        if isinstance(number, float) and not math.isfinite(number):
            raise InputError(f"parameter '{self.name}' must be finite; expected {self.describe()}")
        if (self.low is not None and number < self.low) or (self.high is not None and number > self.high):
            raise InputError(f"parameter '{self.name}' = {_fmt(number)} is out of range; "
                             f"expected {self.describe()}")
        return number

    def _wrong_type(self, value: object) -> InputError:
        return InputError(f"parameter '{self.name}' = {value!r} has the wrong type; expected {self.describe()}")

    def _parse_bool(self, value: object) -> bool:
        if isinstance(value, bool):
            return value
        if isinstance(value, str) and value.strip().lower() in _TRUE + _FALSE:
            return value.strip().lower() in _TRUE
        raise self._wrong_type(value)

    def _parse_choice(self, value: object) -> str:
        if isinstance(value, str):
            return value.strip()
        raise self._wrong_type(value)

    def _parse_number(self, value: object) -> int | float:
        convert: type[int] | type[float] = int if self.kind == "int" else float
        accepted = (int,) if self.kind == "int" else (int, float)
        if isinstance(value, accepted) and not isinstance(value, bool):  # True is not a learning rate
            return convert(value)
        if isinstance(value, str):
            try:
                return convert(value.strip())
            except ValueError:
                raise self._wrong_type(value) from None
        raise self._wrong_type(value)


@dataclass(frozen=True)
class LabSpec:
    """A lab's self-description, shared by every shell.

    ``notice`` is what to look at in the output and why it happens; ``takeaway`` is what to say in an
    interview. Both are general statements that hold for every seed and every allowed parameter value;
    run-specific observations with the measured numbers go in ``LabResult.notices``.
    """

    id: str
    title: str
    summary: str
    params: tuple[Param, ...]
    notice: tuple[str, ...]
    takeaway: str

    def param(self, name: str) -> Param:
        for p in self.params:
            if p.name == name:
                return p
        raise InputError(f"lab '{self.id}' has no parameter '{name}'; valid parameters: {self.param_help()}")

    def param_help(self) -> str:
        if not self.params:
            return "none"
        return "; ".join(f"{p.name} ({p.describe()})" for p in self.params)

    def defaults(self) -> dict[str, int | float | bool | str]:
        return {p.name: p.default for p in self.params}

    def resolve(self, overrides: Mapping[str, object]) -> dict[str, int | float | bool | str]:
        """Defaults updated with ``overrides`` (strings or typed values), every one checked."""
        values = self.defaults()
        for name, value in overrides.items():
            values[name] = self.param(name).coerce(value)
        return values


def parse_assignments(items: list[str]) -> dict[str, str]:
    """``["lr=0.1", "steps=50"]`` -> ``{"lr": "0.1", "steps": "50"}``; InputError on a malformed item."""
    parsed: dict[str, str] = {}
    for item in items:
        name, sep, value = item.partition("=")
        name = name.strip()
        if not sep or not name:
            raise InputError(f"--param expects NAME=VALUE, got {item!r}")
        if name in parsed:
            raise InputError(f"parameter '{name}' is given twice")
        parsed[name] = value
    return parsed


def _fmt(value: object) -> str:
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, float):
        return f"{value:g}"
    return str(value)
