"""Kill a real `gauntlet review` with SIGKILL at random moments and count reviews lost.

Each round starts `gauntlet review` in a pseudo-terminal, answers or recalls cards and rates them, and
kills the process at a random point (while typing, while rating, in the middle of a commit...). After
each kill it checks that every review the process reported saved ("Saved review #N") is in the log,
that no review exists that was never rated, that every card equals the replay of its log through
`fsrs` (no half-updated card) and that SQLite's integrity check passes.

Usage: python benchmarks/crash_soak.py [--rounds 200] [--seed 0]     Target: 0 lost.
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import os
import random
import re
import signal
import sys
import tempfile
import time
from dataclasses import dataclass, field
from pathlib import Path

import pexpect

SAVED = re.compile(r"Saved review #(\d+)")
QUESTION_TEMPLATE = """\
id: {qid}
title: Soak question {n}
prompt: Question number {n} for the crash soak?
topic: core-fundamentals
difficulty: beginner
audience: fresher
model_answer: Answer {n}.
key_points: [Point one, Point two, Point three, Point four]
"""


@dataclass
class SoakResult:
    rounds: int = 0
    ratings_sent: int = 0
    reported_saved: set[int] = field(default_factory=set)
    lost: list[int] = field(default_factory=list)  # reported saved but missing from the log
    phantom: int = 0  # more log rows than ratings ever sent
    inconsistent_cards: list[str] = field(default_factory=list)
    corrupt_rounds: list[int] = field(default_factory=list)


def make_bank(folder: Path, count: int = 40) -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    for n in range(count):
        (folder / f"soak-{n:03d}.yaml").write_text(QUESTION_TEMPLATE.format(qid=f"soak-{n:03d}", n=n))
    return folder


def gauntlet_command() -> list[str]:
    script = Path(sys.executable).with_name("gauntlet")
    return [str(script)] if script.exists() else [sys.executable, "-m", "gauntlet.cli.main"]


def check_database(db_path: Path, result: SoakResult, round_no: int) -> None:
    import sqlite3

    from fsrs import Card, Rating

    from gauntlet.review.cards import make_scheduler

    with sqlite3.connect(db_path) as db:
        if db.execute("PRAGMA integrity_check").fetchone()[0] != "ok":
            result.corrupt_rounds.append(round_no)
        logged = {row[0] for row in db.execute("SELECT id FROM review_logs")}
        result.lost = sorted(result.reported_saved - logged)
        result.phantom = max(len(logged) - result.ratings_sent, 0)
        logs = db.execute("SELECT question_id, rating, reviewed_at, card_after, desired_retention "
                          "FROM review_logs ORDER BY id").fetchall()
        stored = {q: json.loads(c) for q, c in db.execute(
            "SELECT question_id, json_object('state', state, 'step', step, 'stability', stability, "
            "'difficulty', difficulty) FROM cards")}
    replay: dict[str, Card] = {}
    for question_id, rating, reviewed_at, card_after, retention in logs:
        when = dt.datetime.fromisoformat(reviewed_at).replace(tzinfo=dt.UTC)
        before = replay.get(question_id) or Card(card_id=json.loads(card_after)["card_id"], due=when)
        replay[question_id], _ = make_scheduler(retention).review_card(before, Rating(rating), review_datetime=when)
    for question_id, card in replay.items():
        expected = {"state": int(card.state), "step": card.step, "stability": card.stability,
                    "difficulty": card.difficulty}
        got = stored.get(question_id)
        if got is None or any(
            (got[k] != expected[k]) if not isinstance(expected[k], float) else abs(got[k] - expected[k]) > 1e-9
            for k in expected
        ):
            result.inconsistent_cards.append(question_id)
    if len(stored) != len(replay):
        result.inconsistent_cards.append(f"{len(stored)} cards but {len(replay)} reviewed questions")


def run_round(rng: random.Random, env: dict[str, str], bank: Path, db_path: Path, result: SoakResult) -> None:
    command = gauntlet_command() + ["--db", str(db_path), "--bank", str(bank), "drill", "--new", "1000",
                                    "--limit", "12", "--no-grade"]
    child = pexpect.spawn(command[0], command[1:], env=env, encoding="utf-8", timeout=30, dimensions=(50, 120))
    kill_at = rng.randint(0, 10)  # which interaction the kill lands in
    steps = 0
    try:
        while True:
            event = child.expect(["Type your answer", r"Rate: .*", SAVED, "Session over", "Nothing due",
                                  pexpect.EOF])
            if event == 2:
                result.reported_saved.add(int(child.match.group(1)))
                continue
            if event >= 3:
                break
            if event == 0:
                if rng.random() < 0.4:
                    child.sendline(f"typed answer {rng.random():.6f}")
                    child.sendline(".")
                else:
                    child.sendline("")
            else:
                child.sendline(str(rng.randint(1, 4)))
                result.ratings_sent += 1
            steps += 1
            if steps > kill_at:
                # Land the kill anywhere: before the input is read, mid-commit, or after the output.
                time.sleep(rng.choice([0.0, rng.uniform(0.0, 0.003), rng.uniform(0.0, 0.05), 0.2]))
                break
        # Collect whatever the process printed up to the kill (a "Saved" may already be on its way).
        try:
            while child.expect([SAVED, pexpect.TIMEOUT, pexpect.EOF], timeout=0.0) == 0:
                result.reported_saved.add(int(child.match.group(1)))
        except pexpect.ExceptionPexpect:
            pass
    finally:
        if child.isalive():
            child.kill(signal.SIGKILL)
        child.close(force=True)


def age_cards(db_path: Path, by: dt.timedelta = dt.timedelta(days=2)) -> None:
    """Move every card's due date back, as if days had passed between rounds, so cards keep coming due.

    Only ``due`` changes; the state checks replay the log and never look at it.
    """
    import sqlite3

    with sqlite3.connect(db_path) as db:
        rows = db.execute("SELECT id, due FROM cards").fetchall()
        db.executemany("UPDATE cards SET due = ? WHERE id = ?", [
            ((dt.datetime.fromisoformat(due) - by).strftime("%Y-%m-%d %H:%M:%S.%f"), card_id)
            for card_id, due in rows])


def soak(rounds: int, seed: int = 0, workdir: Path | None = None) -> SoakResult:
    workdir = Path(workdir or tempfile.mkdtemp(prefix="gauntlet-soak-"))
    bank = make_bank(workdir / "bank")
    db_path = workdir / "soak.db"
    env = dict(os.environ, GAUNTLET_HOME=str(workdir / "home"), COLUMNS="120", TERM="dumb")
    rng = random.Random(seed)
    result = SoakResult()
    for round_no in range(rounds):
        if db_path.exists():
            age_cards(db_path)
        run_round(rng, env, bank, db_path, result)
        result.rounds += 1
        if db_path.exists():
            check_database(db_path, result, round_no)
    return result


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rounds", type=int, default=200)
    parser.add_argument("--seed", type=int, default=0)
    args = parser.parse_args()
    started = time.perf_counter()
    result = soak(args.rounds, args.seed)
    print(f"rounds (SIGKILLs):        {result.rounds}")
    print(f"ratings sent:             {result.ratings_sent}")
    print(f"reviews reported saved:   {len(result.reported_saved)}")
    print(f"lost (reported, missing): {len(result.lost)}")
    print(f"phantom reviews:          {result.phantom}")
    print(f"half-updated cards:       {len(result.inconsistent_cards)}")
    print(f"corrupt database checks:  {len(result.corrupt_rounds)}")
    print(f"wall time:                {time.perf_counter() - started:.1f} s")
    if not result.ratings_sent:
        print("no rating was ever sent: the drill did not start (run `gauntlet check`); the soak proves nothing")
        sys.exit(2)
    sys.exit(0 if not (result.lost or result.phantom or result.inconsistent_cards or result.corrupt_rounds) else 1)


if __name__ == "__main__":
    main()
