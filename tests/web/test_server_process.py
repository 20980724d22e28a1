"""`gauntlet serve` as a real process: nothing it started outlives it."""

from __future__ import annotations

import os
import signal
import socket
import subprocess
import time
import urllib.request
from pathlib import Path

import pytest

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
