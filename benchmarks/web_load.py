"""Load test of the web app: 50 concurrent simulated users for 60 s against a local server.

Each user has an account (shared mode) and loops over: browse the bank, open a question, answer it
(and get it graded), and drill a card (reveal, half the time with a typed answer that is graded, rate).
The server runs in its own process (`gauntlet serve`) on loopback; the load comes from this one. The
run is bounded: it stops after --seconds whatever happens, and the server is stopped with it. Load
starts once the server reports (GET /healthz) that its background grader warm-up is done; the
warm-up time is printed too.

Prints p50/p95/p99 latency per route, the error count, and lost reviews (ratings the server
acknowledged that are missing from the database), for SQLite and for PostgreSQL.

Each simulated user pauses between actions (--think, 1 s on average, exponentially distributed) as a
person does, and users arrive spread over their first loop (the first ~6 s are a ramp-up); --think 0
sends requests back to back, which measures saturation rather than the latency a user sees.

With --hostile, one more account sends the longest answers the form takes (100,000 characters) back to
back, four at a time, to the question page and the drill: the others' pages must stay as fast.

Usage: python benchmarks/web_load.py [--users 50] [--seconds 60] [--think 1] [--backend sqlite|postgres|both]
       [--grading-workers N] [--hostile] [--servers N]
--servers N runs N servers behind nginx with TLS, as deploy/ describes (SQLite allows it too, but a
team deploys them on PostgreSQL: --backend postgres).
Targets (issue 7): p95 <= 50 ms for page views, <= 100 ms for grading, 0 errors, 0 lost reviews.
"""

from __future__ import annotations

import argparse
import asyncio
import contextlib
import os
import random
import re
import signal
import subprocess
import sys
import tempfile
import time
from collections import defaultdict
from pathlib import Path

import httpx

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from gauntlet.web.inputs import MAX_ANSWER_CHARS  # noqa: E402

ANSWERS = [
    "Bias is error from too-simple assumptions, variance is sensitivity to the training sample; more data "
    "lowers variance, a richer model lowers bias, and cross-validation tells you where you are.",
    "I would compare the live feature distributions with the training ones using a KS test and PSI, alert when "
    "PSI goes above 0.25, and retrain on recent data once labels confirm the drop.",
    "L1 adds the absolute values of the weights and drives some exactly to zero; L2 adds squares and shrinks "
    "them smoothly, which is more stable with correlated features.",
]


def percentile(values: list[float], q: float) -> float:
    ordered = sorted(values)
    return ordered[min(int(q * len(ordered)), len(ordered) - 1)] if ordered else float("nan")


class Stats:
    def __init__(self):
        self.latency: dict[str, list[float]] = defaultdict(list)
        self.errors: dict[str, int] = defaultdict(int)
        self.ratings_acknowledged = 0
        self.refused = 0  # the hostile user's answers refused beyond its share (429)
        self.error_samples: list[str] = []  # the first few failures, said in full so a run can be diagnosed

    def record(self, route: str, seconds: float, ok: bool, detail: str = "") -> None:
        self.latency[route].append(seconds * 1000)
        if not ok:
            self.errors[route] += 1
            if len(self.error_samples) < 5:
                self.error_samples.append(f"{route} after {seconds * 1000:.0f} ms: {detail}")


async def timed(client: httpx.AsyncClient, stats: Stats, route: str, method: str, url: str,
                **kw) -> httpx.Response | None:
    start = time.perf_counter()
    try:
        response = await client.request(method, url, **kw)
    except httpx.HTTPError as exc:
        stats.record(route, time.perf_counter() - start, ok=False, detail=f"{type(exc).__name__}: {exc}")
        return None
    ok = response.status_code < 400 or (route == "POST /login" and response.status_code == 303)
    stats.record(route, time.perf_counter() - start, ok, detail=f"HTTP {response.status_code} {response.text[:300]!r}")
    return response


async def sign_up(client: httpx.AsyncClient, n: int) -> str:
    """Create user n's account (logged in by the signup); returns the CSRF token for their forms, read
    from a page as a browser has it (once signed in, the token is bound to the session)."""
    await client.get("/login")
    csrf = client.cookies.get("gauntlet_csrf")
    response = await client.post("/signup", data={"username": f"user{n:03d}", "password": "load-test-password",
                                                  "csrf_token": csrf})
    if response.status_code != 303:
        raise RuntimeError(f"signup of user {n} failed: HTTP {response.status_code}")
    page = await client.get("/bank")
    return re.search(r'name="csrf_token" value="([^"]+)"', page.text).group(1)


async def simulated_user(client: httpx.AsyncClient, csrf: str, n: int, deadline: float, stats: Stats,
                         question_ids: list[str], think_s: float) -> None:
    rng = random.Random(n)

    async def think() -> None:
        # a person reads, types and decides between two actions: exponential pauses (mean think_s,
        # capped at 5x) as in the usual closed-population load model, so users drift out of step
        if think_s > 0:
            await asyncio.sleep(min(rng.expovariate(1 / think_s), 5 * think_s))

    if think_s > 0:
        # users arrive spread over one loop (six pauses), not all at the same instant: otherwise
        # all fifty grade in the same second of every loop, a burst no real population makes
        await asyncio.sleep(rng.uniform(0, 6 * think_s))
    while time.monotonic() < deadline:
        await timed(client, stats, "GET /bank", "GET", "/bank", params={"q": rng.choice(["", "drift", "bias"])})
        await think()
        qid = rng.choice(question_ids)
        await timed(client, stats, "GET /questions/{id}", "GET", f"/questions/{qid}")
        await think()
        answered = await timed(client, stats, "POST answer (grade)", "POST", f"/questions/{qid}/answer",
                               data={"answer": rng.choice(ANSWERS), "csrf_token": csrf, "started_at": ""})
        if answered is not None and answered.status_code == 303:
            await timed(client, stats, "GET /attempts/{id}", "GET", answered.headers["location"])
        await think()
        drill = await timed(client, stats, "GET /review", "GET", "/review")
        if drill is None:
            continue
        found = re.search(r'name="question_id" value="([^"]+)"', drill.text)
        if not found:
            continue
        shown = re.search(r'name="shown_at" value="([^"]+)"', drill.text).group(1)
        typed = rng.random() < 0.5  # half the time the user types an answer, which is graded
        await timed(client, stats, "POST /review/answer (grade)" if typed else "POST /review/answer", "POST",
                    "/review/answer",
                    data={"question_id": found.group(1), "answer": rng.choice(ANSWERS) if typed else "",
                                           "shown_at": shown, "csrf_token": csrf})
        await think()
        rated = await timed(client, stats, "POST /review/rate", "POST", "/review/rate",
                            data={"question_id": found.group(1), "rating": str(rng.randint(1, 4)),
                                  "shown_at": shown, "csrf_token": csrf})
        if rated is not None and rated.status_code == 303:
            stats.ratings_acknowledged += 1
        await think()
        await timed(client, stats, "GET /", "GET", "/")


async def hostile_user(client: httpx.AsyncClient, csrf: str, deadline: float, stats: Stats,
                       question_ids: list[str]) -> None:
    """One account that sends the longest answers the form takes, back to back, to the question page
    and the drill, several at a time: its grades must not slow everyone else's pages (429s are the
    expected refusals of answers beyond its share, not errors)."""
    longest = ("The model overfits because it memorises noise in the training data. " * 2000)[:MAX_ANSWER_CHARS]

    async def sender(k: int) -> None:
        rng = random.Random(1000 + k)
        while time.monotonic() < deadline:
            qid = rng.choice(question_ids)
            if k % 2:
                url, data = f"/questions/{qid}/answer", {"answer": longest, "csrf_token": csrf, "started_at": ""}
            else:
                url = "/review/answer"
                data = {"question_id": qid, "answer": longest, "shown_at": "", "csrf_token": csrf}
            start = time.perf_counter()
            try:
                response = await client.post(url, data=data)
            except httpx.HTTPError as exc:
                stats.record("HOSTILE 100k answers", time.perf_counter() - start, ok=False, detail=repr(exc))
                continue
            ok = response.status_code < 400 or response.status_code == 429
            stats.record("HOSTILE 100k answers", time.perf_counter() - start, ok, detail=f"HTTP {response.status_code}")
            stats.refused += response.status_code == 429

    await asyncio.gather(*(sender(k) for k in range(4)))


def start_server(db_url: str, port: int, home: Path, grading_workers: int) -> subprocess.Popen:
    env = dict(os.environ, GAUNTLET_HOME=str(home), OMP_NUM_THREADS="1", OPENBLAS_NUM_THREADS="1")
    gauntlet = Path(sys.executable).with_name("gauntlet")
    # The server's stderr goes to a file (a pipe nobody reads could fill and stall it); printed on errors.
    log = open(home / "server.log", "wb")
    process = subprocess.Popen([str(gauntlet), "--db", db_url, "serve", "--shared", "--port", str(port),
                                "--grading-workers", str(grading_workers), "--signups-per-hour", "1000"], env=env,
                               stdout=subprocess.DEVNULL, stderr=log, start_new_session=True)
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline:
        try:
            if httpx.get(f"http://127.0.0.1:{port}/login", timeout=1).status_code == 200:
                return process
        except httpx.HTTPError:
            time.sleep(0.2)
        if process.poll() is not None:
            raise RuntimeError(f"server exited: {(home / 'server.log').read_text(errors='replace')}")
    process.kill()
    raise RuntimeError("server did not start within 60 s")


def wait_for_grader(port: int, limit_s: float = 600) -> float:
    """Wait until the server has prepared every question for grading (it does so in the background at
    start, ~0.5 s a question); returns how long that took. The load then measures the steady state."""
    started = time.monotonic()
    while time.monotonic() - started < limit_s:
        status = httpx.get(f"http://127.0.0.1:{port}/healthz", timeout=5).json()["grader"]
        if status is None:  # --grading-workers 0: grading in the request threads, nothing warmed
            return 0.0
        if status["error"]:
            raise RuntimeError(f"the grader cannot run: {status['error']}")
        if status["prepared"] >= status["questions"]:
            return time.monotonic() - started
        time.sleep(0.5)
    raise RuntimeError(f"the grader warm-up did not finish within {limit_s:.0f} s")


def count_reviews(db_url: str) -> int:
    from sqlalchemy import create_engine, text

    engine = create_engine(db_url)
    with engine.connect() as conn:
        count = conn.execute(text("SELECT count(*) FROM review_logs")).scalar_one()
    engine.dispose()
    return count


def run_backend(label: str, db_url: str, users: int, seconds: float, think_s: float, grading_workers: int,
                hostile: bool = False, servers: int | None = None) -> bool:
    """``servers``: that many `gauntlet serve` processes behind nginx with TLS (deploy/), else one
    server reached directly."""
    from tests.web.browser_support import free_port

    from gauntlet.bank import load_bank

    question_ids = [q.id for q in load_bank().questions]
    home = Path(tempfile.mkdtemp(prefix="gauntlet-load-"))
    stats = Stats()
    if servers:
        from tests.deployment_support import GauntletServers, Nginx

        fleet = GauntletServers(home / "servers", db_url, servers, grading_workers, ("--signups-per-hour", "1000"))
        balancer = Nginx(home / "nginx", fleet.start())
        base = balancer.start()
        warm_up_s = fleet.wait_ready()
        label = f"{label}, {servers} server{'s' if servers > 1 else ''} behind nginx (TLS)"

        def stop() -> None:
            balancer.stop()
            fleet.stop()
    else:
        port = free_port()
        server = start_server(db_url, port, home, grading_workers)
        warm_up_s = wait_for_grader(port)
        base = f"http://127.0.0.1:{port}"

        def stop() -> None:
            os.killpg(server.pid, signal.SIGTERM)
            server.wait(timeout=30)
    try:

        async def main() -> None:
            async with contextlib.AsyncExitStack() as stack:
                clients = [await stack.enter_async_context(httpx.AsyncClient(base_url=base, timeout=30, verify=False))
                           for _ in range(users)]
                # Accounts first (argon2 hashing is deliberately slow), then the timed load.
                tokens = await asyncio.gather(*(sign_up(client, n) for n, client in enumerate(clients)))
                deadline = time.monotonic() + seconds
                work = [simulated_user(client, tokens[n], n, deadline, stats, question_ids, think_s)
                        for n, client in enumerate(clients)]
                if hostile:
                    attacker = await stack.enter_async_context(httpx.AsyncClient(base_url=base, timeout=60,
                                                                                 verify=False))
                    work.append(hostile_user(attacker, await sign_up(attacker, users), deadline, stats, question_ids))
                await asyncio.wait_for(asyncio.gather(*work), timeout=seconds + 60)

        asyncio.run(main())
    finally:
        stop()
    stored = count_reviews(db_url)
    lost = max(stats.ratings_acknowledged - stored, 0)
    requests = sum(len(v) for v in stats.latency.values())
    print(f"\n== {label}: {users} users, {think_s:g} s mean think time, for {seconds:.0f} s: "
          f"{requests / seconds:.0f} requests/s, {grading_workers} grading workers "
          f"(after the grader warm-up: {len(question_ids)} questions in {warm_up_s:.0f} s) ==")
    print(f"{'route':<24}{'requests':>9}{'p50 ms':>9}{'p95 ms':>9}{'p99 ms':>9}{'errors':>8}")
    for route in sorted(stats.latency):
        values = stats.latency[route]
        print(f"{route:<24}{len(values):>9}{percentile(values, .5):>9.1f}{percentile(values, .95):>9.1f}"
              f"{percentile(values, .99):>9.1f}{stats.errors[route]:>8}")
    total_errors = sum(stats.errors.values())
    for sample in stats.error_samples:
        print(f"  error: {sample}")
    if total_errors:
        for log in sorted(home.rglob("server*.log")):
            print(f"  {log.name} (last 3000 characters):\n" + log.read_text(errors="replace")[-3000:])
    if hostile:
        print(f"hostile account: {len(stats.latency['HOSTILE 100k answers'])} answers of {MAX_ANSWER_CHARS:,} "
              f"characters sent, {stats.refused} refused beyond its share (429)")
    print(f"errors: {total_errors} · reviews acknowledged: {stats.ratings_acknowledged} · stored: {stored} "
          f"· lost: {lost}")
    return total_errors == 0 and lost == 0


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--users", type=int, default=50)
    parser.add_argument("--seconds", type=float, default=60)
    parser.add_argument("--backend", choices=["sqlite", "postgres", "both"], default="both")
    parser.add_argument("--think", type=float, default=1.0,
                        help="mean pause between a user's actions, in seconds (0: back-to-back, a saturation test)")
    parser.add_argument("--grading-workers", type=int, default=None,
                        help="the server's grading processes (`gauntlet serve --grading-workers`; "
                             "default: its own default)")
    parser.add_argument("--servers", type=int, default=None,
                        help="run N `gauntlet serve` processes behind nginx with TLS (deploy/nginx.conf) "
                             "instead of one server reached directly (needs nginx: apt-get install nginx)")
    parser.add_argument("--hostile", action="store_true",
                        help="add one account sending 100,000-character answers back to back, 4 at a time")
    args = parser.parse_args()
    if args.grading_workers is None:
        from gauntlet.grade.pool import default_workers

        args.grading_workers = default_workers()
    ok = True
    if args.backend in ("sqlite", "both"):
        folder = Path(tempfile.mkdtemp(prefix="gauntlet-load-db-"))
        ok &= run_backend("SQLite", f"sqlite:///{folder / 'load.db'}", args.users, args.seconds, args.think,
                          args.grading_workers,
                          args.hostile, args.servers)
    if args.backend in ("postgres", "both"):
        from tests.pg_server import TempPostgres

        url = os.environ.get("GAUNTLET_TEST_PG_URL")
        server = None
        if not url:
            server = TempPostgres(Path(tempfile.mkdtemp(prefix="gauntlet-pg-")) / "server")
            url = server.start()
        try:
            ok &= run_backend("PostgreSQL", url, args.users, args.seconds, args.think, args.grading_workers,
                              args.hostile, args.servers)
        finally:
            if server:
                server.stop()
    sys.exit(0 if ok else 1)


if __name__ == "__main__":
    main()
