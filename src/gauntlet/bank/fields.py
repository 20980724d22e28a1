"""Field-level checks shared by every content type: each returns a clean value or records a problem.

A ``Reader`` wraps one mapping from one file and knows where each of its values sits, so every message
names file and line. Unknown fields are errors too: a typo like ``key_point:`` must not silently drop
the key points.
"""

from __future__ import annotations

import datetime as _dt
import difflib
import re
from collections.abc import Iterable
from typing import Any

from gauntlet.bank.yamlsource import KeyPath, YamlDocument
from gauntlet.errors import ContentProblem

SLUG = re.compile(r"^[a-z0-9]+(?:-[a-z0-9]+)*$")
_MISSING = object()


class Reader:
    """Reads typed fields from ``mapping`` (found at ``key_path`` in ``doc``), collecting problems."""

    def __init__(self, doc: YamlDocument, mapping: Any, key_path: KeyPath = (), what: str = "file") -> None:
        self.doc = doc
        self.key_path = key_path
        self.what = what
        self.ok = isinstance(mapping, dict)
        self.mapping = mapping if self.ok else {}
        if not self.ok:
            self.problem(f"{what} must be a mapping of 'field: value' lines, got {_kind(mapping)}")

    # -- reporting ---------------------------------------------------------------------------------
    def problem(self, message: str, *sub_path: str | int) -> None:
        line = self.doc.line(*self.key_path, *sub_path)
        self.doc.problems.append(ContentProblem(self.doc.path, line, message))

    def reject_unknown(self, allowed: Iterable[str]) -> None:
        allowed = list(allowed)
        for key in self.mapping:
            if key not in allowed:
                hint = difflib.get_close_matches(str(key), allowed, n=1)
                suffix = f" (did you mean '{hint[0]}'?)" if hint else f" (allowed: {', '.join(allowed)})"
                self.problem(f"unknown field '{key}' in {self.what}{suffix}", key)

    # -- typed getters -----------------------------------------------------------------------------
    def _get(self, name: str, required: bool) -> Any:
        value = self.mapping.get(name, _MISSING)
        if value is _MISSING or value is None:
            if required:
                self.problem(f"missing required field '{name}' in {self.what}")
            return _MISSING
        return value

    def text(self, name: str, required: bool = True, default: str = "") -> str:
        value = self._get(name, required)
        if value is _MISSING:
            return default
        if isinstance(value, bool) or not isinstance(value, (str, int, float)):
            self.problem(f"field '{name}' must be text, got {_kind(value)}", name)
            return default
        stripped = str(value).strip()
        if not stripped and required:
            self.problem(f"field '{name}' is empty", name)
        return stripped

    def slug(self, name: str, required: bool = True) -> str:
        value = self.text(name, required)
        if value and not SLUG.match(value):
            self.problem(
                f"field '{name}' must be a lowercase slug like 'l1-vs-l2' (letters, digits, dashes), got '{value}'",
                name,
            )
        return value

    def choice(self, name: str, options: tuple[str, ...], required: bool = True) -> str:
        value = self.text(name, required)
        if value and value not in options:
            self.problem(f"field '{name}' must be one of {', '.join(options)} (got '{value}')", name)
        return value

    def integer(self, name: str, required: bool = True, default: int = 0) -> int:
        value = self._get(name, required)
        if value is _MISSING:
            return default
        if isinstance(value, bool) or not isinstance(value, int):
            self.problem(f"field '{name}' must be a whole number, got {_kind(value)}", name)
            return default
        return value

    def date(self, name: str, required: bool = False) -> str | None:
        value = self._get(name, required)
        if value is _MISSING:
            return None
        if isinstance(value, _dt.date):
            return value.isoformat()
        try:
            return _dt.date.fromisoformat(str(value)).isoformat()
        except ValueError:
            self.problem(f"field '{name}' must be a date like 2026-11-25, got '{value}'", name)
            return None

    def items(self, name: str, required: bool = True, min_items: int = 0) -> list[tuple[int, Any]]:
        """The entries of a list field as (index, raw value), after checking it is a list."""
        value = self._get(name, required)
        if value is _MISSING:
            return []
        if not isinstance(value, list):
            self.problem(f"field '{name}' must be a list (lines starting with '- '), got {_kind(value)}", name)
            return []
        if len(value) < min_items:
            if not value:
                self.problem(f"field '{name}' is empty; it needs at least {max(min_items, 1)} entr"
                             f"{'y' if max(min_items, 1) == 1 else 'ies'}", name)
            else:
                self.problem(f"field '{name}' has {len(value)} entries; at least {min_items} are required", name)
        return list(enumerate(value))

    def text_list(self, name: str, required: bool = True, min_items: int = 0, slugs: bool = False) -> tuple[str, ...]:
        out = []
        for index, value in self.items(name, required, min_items):
            if isinstance(value, bool) or not isinstance(value, (str, int, float)) or not str(value).strip():
                self.problem(f"entry {index + 1} of '{name}' must be non-empty text, got {_kind(value)}", name, index)
                continue
            value = str(value).strip()
            if slugs and not SLUG.match(value):
                self.problem(f"entry {index + 1} of '{name}' must be a lowercase slug, got '{value}'", name, index)
                continue
            out.append(value)
        return tuple(out)

    def child(self, name: str, index: int | None = None, what: str | None = None) -> Reader:
        sub = (name,) if index is None else (name, index)
        value = self.mapping.get(name) if index is None else self.mapping[name][index]
        return Reader(self.doc, value, self.key_path + sub, what or name)


def _kind(value: Any) -> str:
    if value is None:
        return "nothing"
    if isinstance(value, bool):
        return "true/false"
    if isinstance(value, dict):
        return "a mapping"
    if isinstance(value, list):
        return "a list"
    if isinstance(value, (int, float)):
        return f"the number {value}"
    return f"'{value}'"
