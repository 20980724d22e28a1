"""Your own memory model: FSRS parameters fitted to your review log.

The fitting is done by ``fsrs-rs-python`` (the FSRS project's Rust optimiser, a 0.6 MB wheel with no
dependencies: no PyTorch), installed with the optional extra ``pip install 'gauntlet[memory]'``. py-fsrs's
own ``Optimizer`` needs PyTorch, which the default install must not pull in. Without the extra, the
default parameters stay and the CLI and web app say so.

A fit needs ``MIN_REVIEWS`` reviews. It is stored with the log loss of the default and of the fitted
parameters on the same log (lower is better); the drill schedules with it only once the user chooses to
use it, and each review log row names the model that scheduled it.
"""

from __future__ import annotations

import datetime as dt
import importlib.util
import json
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from sqlalchemy import Connection, Row, insert, select, update

from gauntlet.errors import Hint, InputError, NotFoundError
from gauntlet.store import Store
from gauntlet.store.db import as_utc
from gauntlet.store.schema import memory_models, review_logs

MIN_REVIEWS = 400
EXTRA = "memory"
INSTALL_HINT = Hint("install it with `pip install 'gauntlet[memory]'`",
                    "the server's administrator can install it (the 'memory' extra of Gauntlet)")


def optimiser_available() -> bool:
    return importlib.util.find_spec("fsrs_rs_python") is not None


@dataclass(frozen=True)
class MemoryFit:
    id: int
    fitted_at: dt.datetime
    reviews: int
    parameters: tuple[float, ...]
    log_loss_default: float
    log_loss_fitted: float
    in_use: bool


def review_histories(store: Store, user_id: int) -> tuple[list[list[tuple[int, int]]], int]:
    """Each card's reviews as (rating, days since the previous review; 0 for the first and same-day
    ones), oldest first; and the number of reviews."""
    with store.engine.connect() as conn:
        rows = conn.execute(select(review_logs.c.card_id, review_logs.c.rating, review_logs.c.reviewed_at)
                            .where(review_logs.c.user_id == user_id)
                            .order_by(review_logs.c.card_id, review_logs.c.reviewed_at, review_logs.c.id)).all()
    histories: dict[int, list[tuple[int, int]]] = {}
    last_day: dict[int, dt.date] = {}
    for card_id, rating, reviewed_at in rows:
        moment = as_utc(reviewed_at)
        assert moment is not None
        day = moment.astimezone().date()
        delta = (day - last_day[card_id]).days if card_id in last_day else 0
        histories.setdefault(card_id, []).append((int(rating), delta))
        last_day[card_id] = day
    return list(histories.values()), len(rows)


def training_items(histories: Sequence[Sequence[tuple[int, int]]]) -> list[list[tuple[int, int]]]:
    """One item per review made a day or more after the previous one (what the optimiser predicts):
    the card's history up to and including it."""
    return [list(h[: k + 1]) for h in histories for k in range(1, len(h)) if h[k][1] > 0]


def fit_memory_model(store: Store, *, now: dt.datetime, user_id: int, min_reviews: int = MIN_REVIEWS) -> MemoryFit:
    """Fit FSRS parameters to the user's log and store them (not yet in use)."""
    if not optimiser_available():
        raise InputError("the FSRS optimiser (fsrs-rs-python) is not installed, so the default parameters stay",
                         hint=INSTALL_HINT)
    import fsrs_rs_python as rs

    histories, count = review_histories(store, user_id)
    if count < min_reviews:
        raise InputError(f"your own memory model needs at least {min_reviews} reviews; you have {count}, so the "
                         "default FSRS parameters stay")
    items = [rs.FSRSItem([rs.FSRSReview(rating, delta) for rating, delta in item])
             for item in training_items(histories)]
    if not items:
        raise InputError("no review came a day or more after the previous one: nothing to fit yet")
    default = rs.FSRS(rs.DEFAULT_PARAMETERS)
    fitted = tuple(float(p) for p in default.compute_parameters(items))
    _check_bounds(fitted)
    before = float(default.evaluate(items).log_loss)
    after = float(rs.FSRS(list(fitted)).evaluate(items).log_loss)
    with store.transaction() as conn:
        result = conn.execute(insert(memory_models).values(
            user_id=user_id, fitted_at=now, reviews=count, parameters_json=json.dumps(fitted),
            log_loss_default=before, log_loss_fitted=after, in_use=False))
        key = result.inserted_primary_key
        assert key is not None
    return MemoryFit(int(key[0]), now, count, fitted, before, after, False)


def _check_bounds(parameters: Sequence[float]) -> None:
    """py-fsrs must accept what the optimiser found (it checks each parameter's bounds)."""
    from fsrs import Scheduler

    Scheduler(parameters=parameters)


def _from_row(row: Row[Any]) -> MemoryFit:
    fitted_at = as_utc(row.fitted_at)
    assert fitted_at is not None
    return MemoryFit(int(row.id), fitted_at, int(row.reviews), tuple(json.loads(row.parameters_json)),
                     float(row.log_loss_default), float(row.log_loss_fitted), bool(row.in_use))


def latest_fit(store: Store, user_id: int) -> MemoryFit | None:
    with store.engine.connect() as conn:
        row = conn.execute(select(memory_models).where(memory_models.c.user_id == user_id)
                           .order_by(memory_models.c.fitted_at.desc(), memory_models.c.id.desc()).limit(1)).first()
    return _from_row(row) if row else None


def use_memory_model(store: Store, model_id: int | None, user_id: int) -> None:
    """Schedule with this fit from now on (None: back to the default parameters)."""
    with store.transaction() as conn:
        if model_id is not None and conn.execute(select(memory_models.c.id).where(
                memory_models.c.id == model_id, memory_models.c.user_id == user_id)).first() is None:
            raise NotFoundError(f"no memory model #{model_id}")
        conn.execute(update(memory_models).where(memory_models.c.user_id == user_id).values(in_use=False))
        if model_id is not None:
            conn.execute(update(memory_models).where(memory_models.c.id == model_id).values(in_use=True))


def model_in_use(conn: Connection, user_id: int) -> tuple[int, tuple[float, ...]] | None:
    """(id, parameters) of the fit the user schedules with, inside the caller's transaction; None: defaults."""
    row = conn.execute(select(memory_models.c.id, memory_models.c.parameters_json)
                       .where(memory_models.c.user_id == user_id, memory_models.c.in_use.is_(True))
                       .limit(1)).first()
    return (int(row.id), tuple(json.loads(row.parameters_json))) if row else None
