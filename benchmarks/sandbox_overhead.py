"""Time from submit to verdict: what the sandbox costs on top of the user's own code.

    python benchmarks/sandbox_overhead.py [--runs N] [--levels bwrap,unshare,rlimits] [--no-cli]

Prints, per sandbox level, the median (and 90th percentile) wall time of ``judge.submit`` for

* a trivial accepted solution (a one-line drill with one example and one hidden test, written to a
  temp folder): the fixed cost of starting the sandbox, loading NumPy in it and the round trips;
* typical drills from the catalog, with their reference solutions (mse-gradient: light; knn: a
  vectorised distance matrix over 6,000 x 1,000 points in the largest hidden test),

plus the "your code" share the judge charges to the solution. Then the same trivial submission through
the CLI in a fresh process (`gauntlet code submit`), which adds interpreter start-up and imports.
Target: median <= 0.5 s for the trivial solution in-process.
"""

from __future__ import annotations

import argparse
import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

TRIVIAL_DRILL = {
    "drill.yaml": "id: add\ntitle: Add two numbers\ntopic: core-fundamentals\ndifficulty: beginner\n"
                  "entry: [add]\ntime_limit_s: 5\nmemory_limit_mb: 256\ntags: [benchmark]\n",
    "statement.md": "# Add\n\nReturn `a + b`.\n",
    "starter.py": "def add(a, b):\n    raise NotImplementedError\n",
    "examples.py": "def example_small(sol):\n    assert sol.add(1, 2) == 3\n",
    "hidden_tests.py": "def test_edge_zero(sol):\n    assert sol.add(0, 0) == 0\n",
    "solution.py": "def add(a, b):\n    return a + b\n",
    "slow_solution.py": "# Slow but correct: a sum over a list.\ndef add(a, b):\n    return sum([a, b])\n",
    "wrong/minus.py": "# expect: wrong_answer\ndef add(a, b):\n    return a - b\n",
    "wrong/times.py": "# expect: wrong_answer\ndef add(a, b):\n    return a * b\n",
    "wrong/raises.py": "# expect: runtime_error\ndef add(a, b):\n    raise ValueError(a)\n",
}


def write_trivial_drill(root: Path) -> None:
    for name, text in TRIVIAL_DRILL.items():
        path = root / "add" / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text, encoding="utf-8")


def time_submissions(drill, runs: int, level: str) -> tuple[list[float], list[float]]:
    from gauntlet.drills.judge import submit

    source = drill.solution_path.read_text(encoding="utf-8")
    walls, charged = [], []
    submit(drill, source, level=level)  # warm-up: probes, test modules, page cache
    for _ in range(runs):
        started = time.perf_counter()
        result = submit(drill, source, level=level)
        walls.append(time.perf_counter() - started)
        charged.append(result.user_seconds)
        assert result.verdict.value == "accepted", (drill.id, result.verdict)
    return walls, charged


def summary(values: list[float]) -> str:
    ordered = sorted(values)
    p90 = ordered[min(len(ordered) - 1, int(round(0.9 * (len(ordered) - 1))))]
    return f"median {statistics.median(values):6.3f} s   p90 {p90:6.3f} s"


def cli_submission_times(root: Path, runs: int) -> list[float]:
    solution = root / "add" / "solution.py"
    code = ("import sys; from pathlib import Path; import gauntlet.drills.loader as c; "
            f"c.catalog_dir = lambda: Path({str(root)!r}); "
            "from gauntlet.cli.code import app; sys.argv = ['gauntlet code', 'submit', 'add', "
            f"{str(solution)!r}]; app()")
    times = []
    for _ in range(runs):
        started = time.perf_counter()
        completed = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, env=dict(os.environ))
        times.append(time.perf_counter() - started)
        if completed.returncode != 0:
            raise SystemExit(f"CLI run failed:\n{completed.stdout}\n{completed.stderr}")
    return times


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--runs", type=int, default=15)
    parser.add_argument("--levels", default="bwrap,unshare,rlimits")
    parser.add_argument("--no-cli", action="store_true", help="skip the fresh-process CLI timing")
    args = parser.parse_args()

    from gauntlet.drills.isolation import IsolationLevel, probe
    from gauntlet.drills.loader import load_drill

    with tempfile.TemporaryDirectory(prefix="gauntlet-bench-") as folder:
        root = Path(folder)
        write_trivial_drill(root)
        drills = [("trivial (add)", load_drill("add", root)), ("mse-gradient", load_drill("mse-gradient")),
                  ("knn", load_drill("knn"))]
        for name in args.levels.split(","):
            level = IsolationLevel(name.strip())
            problem = probe(level)
            if problem:
                print(f"[{level.value}] not available here: {problem}")
                continue
            print(f"[{level.value}] {args.runs} submissions each (wall time: submit -> verdict)")
            for label, drill in drills:
                walls, charged = time_submissions(drill, args.runs, level.value)
                print(f"  {label:16s} {summary(walls)}   (charged to the solution: median "
                      f"{statistics.median(charged):.3f} s)")
        if not args.no_cli:
            runs = max(3, args.runs // 3)
            times = cli_submission_times(root, runs)
            print(f"[cli, auto level] `gauntlet code submit add` in a fresh process, {runs} runs: {summary(times)}")


if __name__ == "__main__":
    main()
