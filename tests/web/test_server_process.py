"""`gauntlet serve` as a real process: nothing it started outlives it."""

from __future__ import annotations

import contextlib
import os
import signal
import socket
import subprocess
import time
import urllib.request
from pathlib import Path

import httpx
import pytest

from gauntlet.web.security import CSRF_COOKIE
from tests.support import gauntlet_command

pytestmark = pytest.mark.slow


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def _descendants(pid: int) -> set[int]:
    """Every live process below ``pid``, from /proc (Linux)."""
    children: dict[int, list[int]] = {}
    for entry in Path("/proc").iterdir():
        if not entry.name.isdigit():
            continue
        try:
            stat = (entry / "stat").read_text()
        except OSError:
            continue
        ppid = int(stat.rsplit(")", 1)[1].split()[1])
        children.setdefault(ppid, []).append(int(entry.name))
    found, todo = set(), [pid]
    while todo:
        for child in children.get(todo.pop(), []):
            found.add(child)
            todo.append(child)
    return found


def _alive(pid: int) -> bool:
    try:
        state = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()[0]
    except OSError:
        return False
    return state != "Z"


@contextlib.contextmanager
def running_server(tmp_path, *args: str):
    """``gauntlet serve`` on a free port of 127.0.0.1, in a process group of its own; yields its URL."""
    port = _free_port()
    server = subprocess.Popen(
        [*gauntlet_command(), "--db", str(tmp_path / "g.db"), "serve", "--port", str(port), *args],
        env={**os.environ, "GAUNTLET_HOME": str(tmp_path)}, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE,
        start_new_session=True)
    url = f"http://127.0.0.1:{port}"
    try:
        deadline = time.monotonic() + 60
        while True:
            assert server.poll() is None, server.stderr.read().decode()
            try:
                urllib.request.urlopen(f"{url}/healthz", timeout=2).read()
                break
            except OSError:
                assert time.monotonic() < deadline, "the server did not answer within 60 s"
                time.sleep(0.3)
        yield url
    finally:
        try:
            os.killpg(server.pid, signal.SIGKILL)
        except ProcessLookupError:
            pass
        server.wait(timeout=10)


def _failed_logins(url: str, forwarded_for: list[str]) -> list[int]:
    """Statuses of wrong-password logins to one account, each claiming the given client address."""
    with httpx.Client(base_url=url) as client:
        client.get("/login")
        token = client.cookies.get(CSRF_COOKIE)
        return [client.post("/login", data={"username": "alice", "password": "wrong", "csrf_token": token},
                            headers={"X-Forwarded-For": address}).status_code for address in forwarded_for]


def test_forwarded_addresses_are_believed_only_from_a_named_proxy(tmp_path):
    rotating = [f"203.0.113.{i}" for i in range(8)]
    with running_server(tmp_path / "a", "--shared", "--grading-workers", "0") as url:
        # Nobody named: a client rotating X-Forwarded-For is still one client, throttled after 5 tries.
        assert _failed_logins(url, rotating) == [401] * 5 + [429] * 3
    with running_server(tmp_path / "b", "--shared", "--grading-workers", "0", "--forwarded-allow-ips",
                        "127.0.0.1") as url:
        # Behind a named proxy each forwarded address is its own client: one does not lock out the rest.
        assert _failed_logins(url, rotating) == [401] * 8
        assert _failed_logins(url, ["198.51.100.7"] * 7) == [401] * 5 + [429] * 2


def test_a_killed_server_leaves_no_grading_worker_behind(tmp_path):
    port = _free_port()
    env = {**os.environ, "GAUNTLET_HOME": str(tmp_path)}
    server = subprocess.Popen(
        [*gauntlet_command(), "--db", str(tmp_path / "g.db"), "serve", "--port", str(port),
         "--grading-workers", "2"],
        env=env, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, start_new_session=True)
    try:
        deadline = time.monotonic() + 60
        started: set[int] = set()
        while time.monotonic() < deadline:
            assert server.poll() is None, server.stderr.read().decode()
            try:
                urllib.request.urlopen(f"http://127.0.0.1:{port}/healthz", timeout=2).read()
            except OSError:
                time.sleep(0.3)
                continue
            started = _descendants(server.pid)
            if len(started) >= 2:  # both workers are up (and multiprocessing's resource tracker)
                break
            time.sleep(0.3)
        assert len(started) >= 2, "the server started no grading workers"
        server.send_signal(signal.SIGKILL)
        server.wait(timeout=10)
        deadline = time.monotonic() + 10
        while time.monotonic() < deadline and any(_alive(pid) for pid in started):
            time.sleep(0.2)
        assert [pid for pid in started if _alive(pid)] == []
    finally:  # whatever the outcome, leave nothing running (the workers share the server's group)
        try:
            os.killpg(server.pid, signal.SIGKILL)
        except ProcessLookupError:
            pass
        server.wait(timeout=10)
