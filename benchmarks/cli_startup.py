"""Cold-start time of bank commands: median wall time of a fresh `gauntlet` process.

Usage: python benchmarks/cli_startup.py [--runs N]
Target (issue 3): `gauntlet list` median <= 0.3 s.
"""

from __future__ import annotations

import argparse
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

COMMANDS = [["list"], ["--help"], ["topics"], ["search", "gradient"], ["check"]]


def gauntlet() -> list[str]:
    script = Path(sys.executable).with_name("gauntlet")
    return [str(script)] if script.exists() else [shutil.which("gauntlet") or "gauntlet"]


def time_command(args: list[str], runs: int, env: dict[str, str]) -> list[float]:
    subprocess.run(gauntlet() + args, env=env, capture_output=True, check=True)  # warm the page cache / .pyc
    times = []
    for _ in range(runs):
        start = time.perf_counter()
        subprocess.run(gauntlet() + args, env=env, capture_output=True, check=True)
        times.append(time.perf_counter() - start)
    return times


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=15)
    args = parser.parse_args()
    env = dict(os.environ, GAUNTLET_HOME=tempfile.mkdtemp(prefix="gauntlet-bench-"), COLUMNS="120")
    print(f"{'command':<22}{'median s':>10}{'min s':>9}{'max s':>9}   ({args.runs} runs each)")
    for command in COMMANDS:
        times = time_command(command, args.runs, env)
        label = "gauntlet " + " ".join(command)
        print(f"{label:<22}{statistics.median(times):>10.3f}{min(times):>9.3f}{max(times):>9.3f}")
    print(f"heavy modules imported by `gauntlet list`: {', '.join(heavy_modules(['list'], env)) or 'none'}")


HEAVY = ("numpy", "sqlalchemy", "alembic", "matplotlib", "tokenizers", "safetensors", "fastapi")


def heavy_modules(args: list[str], env: dict[str, str]) -> list[str]:
    """Heavy modules a command imports (run in a fresh interpreter; the answer goes to stderr)."""
    probe = (f"import sys\nfrom gauntlet.cli.main import app\n"
             f"try:\n    app({args!r})\nexcept (SystemExit, Exception):\n    pass\n"
             f"print('HEAVY=' + ','.join(m for m in {HEAVY!r} if m in sys.modules), file=sys.stderr)")
    stderr = subprocess.run([sys.executable, "-c", probe], env=env, capture_output=True, text=True).stderr
    line = [row for row in stderr.splitlines() if row.startswith("HEAVY=")][-1]
    return [m for m in line.removeprefix("HEAVY=").split(",") if m]


if __name__ == "__main__":
    main()
