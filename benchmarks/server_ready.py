"""How long `gauntlet serve` takes to be ready (GET /readyz answers 200: every question prepared for
grading), with an empty cache of prepared questions and then with the one the first start left.

Usage: python benchmarks/server_ready.py [--grading-workers N]
Target (issue 20): a second server, or a restarted one, is ready in seconds.
"""

from __future__ import annotations

import argparse
import os
import shutil
import signal
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import httpx

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from tests.deployment_support import free_port  # noqa: E402
from tests.support import gauntlet_command  # noqa: E402


def seconds_to_ready(home: Path, cache: Path, workers: int) -> float:
    port = free_port()
    env = dict(os.environ, GAUNTLET_HOME=str(home), GAUNTLET_CACHE=str(cache))
    started = time.monotonic()
    server = subprocess.Popen([*gauntlet_command(), "serve", "--port", str(port), "--grading-workers", str(workers)],
                              env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, start_new_session=True)
    try:
        while time.monotonic() - started < 900:
            try:
                if httpx.get(f"http://127.0.0.1:{port}/readyz", timeout=2).status_code == 200:
                    return time.monotonic() - started
            except httpx.HTTPError:
                pass
            time.sleep(0.2)
        raise RuntimeError("not ready within 900 s")
    finally:
        os.killpg(server.pid, signal.SIGTERM)
        server.wait(timeout=30)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--grading-workers", type=int, default=1)
    args = parser.parse_args()
    folder = Path(tempfile.mkdtemp(prefix="gauntlet-ready-"))
    cache = folder / "cache"
    # The unpacked model is not what is measured: copy it in when this machine has one.
    from gauntlet.paths import cache_dir

    if (cache_dir() / "models").is_dir():
        shutil.copytree(cache_dir() / "models", cache / "models")
    cold = seconds_to_ready(folder / "a", cache, args.grading_workers)
    warm = seconds_to_ready(folder / "b", cache, args.grading_workers)
    print(f"ready with an empty cache of prepared questions: {cold:.1f} s; with the cache the first start left: "
          f"{warm:.1f} s ({args.grading_workers} grading worker{'s' if args.grading_workers > 1 else ''})")
    shutil.rmtree(folder, ignore_errors=True)


if __name__ == "__main__":
    main()
