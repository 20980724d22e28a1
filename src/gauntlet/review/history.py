"""Export a user's history as JSON, and import it back without creating duplicates.

Rows are matched on natural keys, not database ids, so a file can be imported into another machine's
database, or twice into the same one: attempts by (question, submission time, text), review log
entries by (question, review time, rating), cards by question (the most recently reviewed state wins),
mock interviews by (start time, level, length), coding-drill submissions by (drill, submission time, code).
A file without coding-drill submissions (written before they were exported) imports as before.
"""

from __future__ import annotations

import datetime as dt
import json
from collections.abc import Sequence
from types import SimpleNamespace
from typing import Any

from sqlalchemy import Connection, Row, Table, insert, select, update

from gauntlet.drills.attempts import CodeAttempt
from gauntlet.errors import InputError
from gauntlet.review.mock import AnswerStatus, SessionStatus
from gauntlet.store import Store
from gauntlet.store.attempts import OLD_SOURCE_NAMES
from gauntlet.store.db import as_utc, inserted_id, storable_text, utcnow
from gauntlet.store.schema import attempts, cards, code_attempts, mock_answers, mock_sessions, review_logs

FORMAT = "gauntlet-history"
VERSION = 1


def _iso(value: dt.datetime | None) -> str | None:
    return as_utc(value).isoformat() if value is not None else None


def _when(value: str | None) -> dt.datetime | None:
    return dt.datetime.fromisoformat(value) if value else None


def _rows(conn: Connection, table: Table, owner: int) -> Sequence[Row[Any]]:
    return conn.execute(select(table).where(table.c.user_id == owner).order_by(table.c.id)).all()


def export_history(store: Store, user_id: int) -> dict[str, Any]:
    with store.engine.connect() as conn:
        attempt_rows = _rows(conn, attempts, user_id)
        card_rows = _rows(conn, cards, user_id)
        log_rows = _rows(conn, review_logs, user_id)
        session_rows = _rows(conn, mock_sessions, user_id)
        answer_rows = conn.execute(select(mock_answers).where(
            mock_answers.c.session_id.in_([s.id for s in session_rows])).order_by(mock_answers.c.id)).all()
        code_rows = _rows(conn, code_attempts, user_id)
    attempt_key = {a.id: i for i, a in enumerate(attempt_rows)}
    return {
        "format": FORMAT,
        "version": VERSION,
        "exported_at": utcnow().isoformat(),
        "attempts": [{
            "question_id": a.question_id, "answer": a.answer, "source": a.source, "started_at": _iso(a.started_at),
            "submitted_at": _iso(a.submitted_at), "score": a.score,
            "grade": json.loads(a.grade_json) if a.grade_json else None, "grader_version": a.grader_version,
        } for a in attempt_rows],
        "cards": [{
            "question_id": c.question_id, "fsrs_card_id": c.fsrs_card_id, "state": c.state, "step": c.step,
            "stability": c.stability, "difficulty": c.difficulty, "due": _iso(c.due),
            "last_review": _iso(c.last_review), "reps": c.reps,
        } for c in card_rows],
        "review_logs": [{
            "question_id": r.question_id, "rating": r.rating, "suggested_rating": r.suggested_rating,
            "reviewed_at": _iso(r.reviewed_at), "duration_ms": r.duration_ms, "was_new": r.was_new,
            "card_before": json.loads(r.card_before) if r.card_before else None,
            "card_after": json.loads(r.card_after), "desired_retention": r.desired_retention,
            "attempt": attempt_key.get(r.attempt_id),  # index into "attempts"
        } for r in log_rows],
        "mock_sessions": [{
            "level": s.level, "minutes": s.minutes, "plan": json.loads(s.plan_json), "status": s.status,
            "started_at": _iso(s.started_at), "finished_at": _iso(s.finished_at),
            "report": json.loads(s.report_json) if s.report_json else None,
            "answers": [{
                "position": m.position, "question_id": m.question_id, "status": m.status, "answer": m.answer,
                "time_used_s": m.time_used_s, "follow_up": m.follow_up, "follow_up_answer": m.follow_up_answer,
                "follow_up_time_s": m.follow_up_time_s, "attempt": attempt_key.get(m.attempt_id),
            } for m in answer_rows if m.session_id == s.id],
        } for s in session_rows],
        "code_attempts": [{
            "drill_id": c.drill_id, "code": c.code, "verdict": c.verdict, "passed": c.passed, "total": c.total,
            "results": json.loads(c.results_json), "sandbox": c.sandbox, "user_seconds": c.user_seconds,
            "duration_s": c.duration_s, "submitted_at": _iso(c.submitted_at),
        } for c in code_rows],
    }


def import_history(store: Store, data: object, user_id: int) -> dict[str, int]:
    """Merge an exported history into the user's own. Returns how many rows of each kind were added.

    All or nothing: one transaction, so a bad file changes nothing.
    """
    if not isinstance(data, dict) or data.get("format") != FORMAT:
        raise InputError("not a Gauntlet history file (expected the output of `gauntlet export json`)")
    if data.get("version") != VERSION:
        raise InputError(f"history file version {data.get('version')} is not supported (this Gauntlet reads {VERSION})")
    added = {"attempts": 0, "cards": 0, "review_logs": 0, "mock_sessions": 0, "code_attempts": 0}
    try:
        with store.transaction() as conn:
            attempt_ids = _import_attempts(conn, user_id, data.get("attempts", []), added)
            card_ids = _import_cards(conn, user_id, data.get("cards", []), added)
            _import_logs(conn, user_id, data.get("review_logs", []), card_ids, attempt_ids, added)
            _import_sessions(conn, user_id, data.get("mock_sessions", []), attempt_ids, added)
            _import_code_attempts(conn, user_id, data.get("code_attempts", []), added)
    except (KeyError, TypeError, ValueError) as exc:
        raise InputError(f"history file is malformed ({type(exc).__name__}: {exc}); nothing was imported") from exc
    return added


def _import_attempts(conn: Connection, owner: int, items: list[dict[str, Any]], added: dict[str, int]) -> list[int]:
    existing = {(r.question_id, as_utc(r.submitted_at), r.answer): r.id
                for r in conn.execute(select(attempts.c.id, attempts.c.question_id, attempts.c.submitted_at,
                                             attempts.c.answer).where(attempts.c.user_id == owner))}
    ids = []
    for a in items:
        key = (a["question_id"], _when(a["submitted_at"]), a["answer"])
        if key not in existing:
            existing[key] = inserted_id(conn.execute(insert(attempts).values(
                user_id=owner, question_id=a["question_id"], answer=a["answer"],
                source=OLD_SOURCE_NAMES.get(a["source"], a["source"]),  # an export from before the rename
                started_at=_when(a["started_at"]), submitted_at=_when(a["submitted_at"]), score=a.get("score"),
                grade_json=json.dumps(a["grade"]) if a.get("grade") else None,
                grader_version=a.get("grader_version"))))
            added["attempts"] += 1
        ids.append(existing[key])
    return ids


def _import_cards(conn: Connection, owner: int, items: list[dict[str, Any]], added: dict[str, int]) -> dict[str, int]:
    current = {r.question_id: r for r in conn.execute(select(cards).where(cards.c.user_id == owner))}
    for c in items:
        values = dict(fsrs_card_id=c["fsrs_card_id"], state=c["state"], step=c["step"], stability=c["stability"],
                      difficulty=c["difficulty"], due=_when(c["due"]), last_review=_when(c["last_review"]),
                      reps=c["reps"])
        mine = current.get(c["question_id"])
        if mine is None:
            conn.execute(insert(cards).values(user_id=owner, question_id=c["question_id"], **values))
            added["cards"] += 1
        elif values["last_review"] and (mine.last_review is None or as_utc(mine.last_review) < values["last_review"]):
            conn.execute(update(cards).where(cards.c.id == mine.id).values(**values))
    return {r.question_id: r.id for r in conn.execute(select(cards.c.id, cards.c.question_id)
                                                      .where(cards.c.user_id == owner))}


def _import_logs(conn: Connection, owner: int, items: list[dict[str, Any]], card_ids: dict[str, int],
                 attempt_ids: list[int], added: dict[str, int]) -> None:
    existing = {(r.question_id, as_utc(r.reviewed_at), r.rating) for r in conn.execute(
        select(review_logs.c.question_id, review_logs.c.reviewed_at, review_logs.c.rating)
        .where(review_logs.c.user_id == owner))}
    for r in items:
        key = (r["question_id"], _when(r["reviewed_at"]), r["rating"])
        if key in existing:
            continue
        existing.add(key)
        conn.execute(insert(review_logs).values(
            user_id=owner, card_id=card_ids[r["question_id"]], question_id=r["question_id"], rating=r["rating"],
            suggested_rating=r.get("suggested_rating"), reviewed_at=_when(r["reviewed_at"]),
            duration_ms=r.get("duration_ms"), was_new=bool(r["was_new"]),
            card_before=json.dumps(r["card_before"]) if r.get("card_before") else None,
            card_after=json.dumps(r["card_after"]), desired_retention=r["desired_retention"],
            attempt_id=attempt_ids[r["attempt"]] if r.get("attempt") is not None else None))
        added["review_logs"] += 1


def _import_sessions(conn: Connection, owner: int, items: list[dict[str, Any]], attempt_ids: list[int],
                     added: dict[str, int]) -> None:
    existing = {(as_utc(s.started_at), s.level, s.minutes) for s in conn.execute(
        select(mock_sessions.c.started_at, mock_sessions.c.level, mock_sessions.c.minutes)
        .where(mock_sessions.c.user_id == owner))}
    for s in items:
        key = (_when(s["started_at"]), s["level"], s["minutes"])
        if key in existing:
            continue
        existing.add(key)
        session_id = inserted_id(conn.execute(insert(mock_sessions).values(
            user_id=owner, level=s["level"], minutes=s["minutes"], plan_json=json.dumps(s["plan"]),
            status=SessionStatus(s["status"]).value, started_at=_when(s["started_at"]),
            finished_at=_when(s.get("finished_at")),
            report_json=json.dumps(s["report"]) if s.get("report") else None)))
        for m in s.get("answers", []):
            conn.execute(insert(mock_answers).values(
                session_id=session_id, position=m["position"], question_id=m["question_id"],
                status=AnswerStatus(m["status"]).value,
                answer=m["answer"], time_used_s=m["time_used_s"], follow_up=m.get("follow_up"),
                follow_up_answer=m.get("follow_up_answer"), follow_up_time_s=m.get("follow_up_time_s", 0.0),
                attempt_id=attempt_ids[m["attempt"]] if m.get("attempt") is not None else None))
        added["mock_sessions"] += 1


def _import_code_attempts(conn: Connection, owner: int, items: list[dict[str, Any]], added: dict[str, int]) -> None:
    existing = {(r.drill_id, as_utc(r.submitted_at), r.code) for r in conn.execute(
        select(code_attempts.c.drill_id, code_attempts.c.submitted_at, code_attempts.c.code)
        .where(code_attempts.c.user_id == owner))}
    for c in items:
        values = dict(
            user_id=owner, drill_id=c["drill_id"], code=storable_text(c["code"]), verdict=c["verdict"],
            passed=int(c["passed"]), total=int(c["total"]),
            results_json=json.dumps(c["results"], ensure_ascii=False), sandbox=c["sandbox"],
            user_seconds=float(c["user_seconds"]), duration_s=float(c["duration_s"]),
            submitted_at=_when(c["submitted_at"]))
        key = (values["drill_id"], values["submitted_at"], values["code"])
        if key in existing:
            continue
        existing.add(key)
        # Read back exactly as the app will read it, so a file it could not show is refused here, whole.
        CodeAttempt.from_row(SimpleNamespace(id=0, **values), strict=True)
        conn.execute(insert(code_attempts).values(**values))
        added["code_attempts"] += 1
