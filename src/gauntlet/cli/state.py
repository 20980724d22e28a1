"""What every command may need, opened lazily: the bank (YAML) and the store (database).

Commands that only read the bank never open the database, and none of them import NumPy or the
model unless they grade, which keeps `gauntlet list` fast.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from rich.console import Console

console = Console(highlight=False)
err_console = Console(stderr=True, highlight=False)


@dataclass
class AppState:
    db_url: str | None = None
    extra_banks: tuple[Path, ...] = ()
    _store: object = field(default=None, repr=False)

    def bank(self):
        from gauntlet.bank import load_bank

        return load_bank(self.extra_banks)

    def store(self):
        if self._store is None:
            from gauntlet.paths import db_url_from_user
            from gauntlet.store import open_store

            self._store = open_store(db_url_from_user(self.db_url) if self.db_url else None)
        return self._store


STATE = AppState()
