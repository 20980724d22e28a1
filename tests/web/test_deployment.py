"""The deployment in deploy/, for real: PostgreSQL, two `gauntlet serve` processes and Debian's nginx
with TLS, then simulated users through nginx (benchmarks/web_load.py's users, fewer and shorter)."""

from __future__ import annotations

import asyncio
import contextlib
import time

import httpx
import pytest
from benchmarks.web_load import Stats, count_reviews, sign_up, simulated_user

from gauntlet.bank import load_bank
from tests.deployment_support import GauntletServers, Nginx

pytestmark = [pytest.mark.slow, pytest.mark.postgres]

USERS = 12
SECONDS = 20


@pytest.fixture
def deployment(postgres_db, tmp_path):
    servers = GauntletServers(tmp_path / "servers", postgres_db, count=2, extra=("--signups-per-hour", "1000"))
    nginx = Nginx(tmp_path / "nginx", servers.start())
    try:
        nginx.start()
        yield postgres_db, servers, nginx
    finally:
        nginx.stop()
        servers.stop()


def test_users_through_nginx_lose_nothing_and_get_no_error(deployment):
    db_url, servers, nginx = deployment
    stats = Stats()
    question_ids = [q.id for q in load_bank().questions][:8]

    async def main() -> None:
        async with contextlib.AsyncExitStack() as stack:
            clients = [await stack.enter_async_context(httpx.AsyncClient(base_url=nginx.url, verify=False, timeout=60))
                       for _ in range(USERS)]
            tokens = await asyncio.gather(*(sign_up(client, n) for n, client in enumerate(clients)))
            deadline = time.monotonic() + SECONDS
            await asyncio.gather(*(simulated_user(client, tokens[n], n, deadline, stats, question_ids, 0.3)
                                   for n, client in enumerate(clients)))

    asyncio.run(main())
    assert sum(stats.errors.values()) == 0, stats.error_samples
    assert stats.ratings_acknowledged > 0
    assert count_reviews(db_url) == stats.ratings_acknowledged  # every acknowledged rating stored once


def test_the_login_throttle_is_counted_once_across_servers_and_per_real_client(deployment):
    _db_url, _servers, nginx = deployment
    with httpx.Client(base_url=nginx.url, verify=False) as owner:
        owner.get("/login")
        owner.post("/signup", data={"username": "alice", "password": "correct horse battery",
                                    "csrf_token": owner.cookies.get("gauntlet_csrf")})
    with httpx.Client(base_url=nginx.url, verify=False) as guesser:
        guesser.get("/login")
        token = guesser.cookies.get("gauntlet_csrf")
        statuses = [guesser.post("/login", data={"username": "alice", "password": f"wrong-{i}", "csrf_token": token})
                    .status_code for i in range(7)]
    # nginx alternates the two servers: one count in the database, not five per server.
    assert statuses == [401] * 5 + [429] * 2
    # The owner, from another address, is not held up; TLS ends at nginx and the servers know it
    # (X-Forwarded-Proto), so the session cookie is Secure.
    elsewhere = httpx.HTTPTransport(local_address="127.0.0.2", verify=False)
    with httpx.Client(base_url=nginx.url, transport=elsewhere) as owner:
        owner.get("/login")
        signed_in = owner.post("/login", data={"username": "alice", "password": "correct horse battery",
                                               "csrf_token": owner.cookies.get("gauntlet_csrf")})
        assert signed_in.status_code == 303
        assert "secure" in signed_in.headers["set-cookie"].lower()
    # Plain HTTP is sent to HTTPS.
    redirect = httpx.get(f"http://127.0.0.1:{nginx.http_port}/bank", headers={"Host": "localhost"})
    assert redirect.status_code == 301 and redirect.headers["location"].startswith("https://localhost")
