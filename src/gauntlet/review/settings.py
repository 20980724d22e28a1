"""Per-user practice settings, stored as JSON values in ``user_settings``."""

from __future__ import annotations

import json
from dataclasses import dataclass, fields

from sqlalchemy import delete, insert, select

from gauntlet.errors import InputError
from gauntlet.store import Store
from gauntlet.store.schema import user_settings


@dataclass(frozen=True)
class Settings:
    desired_retention: float = 0.9  # FSRS target probability of recall when a card comes due
    new_per_day: int = 10  # new questions introduced per day by `gauntlet review`

    def validated(self) -> Settings:
        if not 0.7 <= self.desired_retention <= 0.97:
            raise InputError("desired retention must be between 0.70 and 0.97 (0.9 is the usual choice)")
        if not 0 <= self.new_per_day <= 500:
            raise InputError("new cards per day must be between 0 and 500")
        return self


def load_settings(store: Store, user_id: int) -> Settings:
    with store.engine.connect() as conn:
        rows = conn.execute(select(user_settings.c.key, user_settings.c.value)
                            .where(user_settings.c.user_id == user_id)).all()
    known = {f.name for f in fields(Settings)}
    return Settings(**{key: json.loads(value) for key, value in rows if key in known})


def save_settings(store: Store, settings: Settings, user_id: int) -> None:
    settings.validated()
    with store.transaction() as conn:
        conn.execute(delete(user_settings).where(user_settings.c.user_id == user_id))
        conn.execute(insert(user_settings), [
            {"user_id": user_id, "key": f.name, "value": json.dumps(getattr(settings, f.name))}
            for f in fields(Settings)
        ])
