"""Wall time of every lab with its default parameters, on one core.

Usage: python benchmarks/labs_runtime.py [--repeats N] [--lab ID ...] [--no-figures]
Target (labs issue): every lab, numbers plus figures, in <= 10 s on one core.

BLAS and OpenMP are limited to one thread before NumPy is imported, and the process is pinned to
one CPU where the OS allows it. "run" is ``run_lab`` (the experiment); "figures" renders and writes
every PNG plus the JSON, as `gauntlet lab run` does. Times are the median over the repeats.
"""

from __future__ import annotations

import os

for _var in ("OMP_NUM_THREADS", "OPENBLAS_NUM_THREADS", "MKL_NUM_THREADS", "NUMEXPR_NUM_THREADS"):
    os.environ[_var] = "1"

import argparse  # noqa: E402
import statistics  # noqa: E402
import tempfile  # noqa: E402
import time  # noqa: E402

TARGET_S = 10.0


def pin_to_one_cpu() -> str:
    if not hasattr(os, "sched_setaffinity"):
        return "not pinned (no sched_setaffinity on this OS)"
    cpu = min(os.sched_getaffinity(0))
    os.sched_setaffinity(0, {cpu})
    return f"pinned to CPU {cpu}"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeats", type=int, default=1, help="runs per lab (the median is reported)")
    parser.add_argument("--lab", action="append", default=[], help="only this lab (repeatable)")
    parser.add_argument("--no-figures", action="store_true", help="time the experiment only")
    args = parser.parse_args()
    pinned = pin_to_one_cpu()

    from gauntlet.labs.catalog import lab_ids
    from gauntlet.labs.runner import run_lab

    ids = args.lab or lab_ids()
    print(f"{len(ids)} labs, default parameters, seed 0, {args.repeats} run(s) each, one thread, {pinned}")
    print(f"{'lab':<26}{'run s':>8}{'figures s':>11}{'total s':>9}{'figures':>9}   target <= {TARGET_S:g} s")
    worst = 0.0
    with tempfile.TemporaryDirectory(prefix="gauntlet-labs-bench-") as out:
        for lab_id in ids:
            run_times, figure_times, n_figures = [], [], 0
            for _ in range(args.repeats):
                started = time.perf_counter()
                result = run_lab(lab_id, 0)
                run_times.append(time.perf_counter() - started)
                started = time.perf_counter()
                written = result.save(os.path.join(out, lab_id), figures=not args.no_figures)
                figure_times.append(time.perf_counter() - started)
                n_figures = len(written) - 1
            run_s, figures_s = statistics.median(run_times), statistics.median(figure_times)
            total = run_s + figures_s
            worst = max(worst, total)
            verdict = "ok" if total <= TARGET_S else "OVER"
            print(f"{lab_id:<26}{run_s:>8.2f}{figures_s:>11.2f}{total:>9.2f}{n_figures:>9}   {verdict}")
    print(f"slowest lab: {worst:.2f} s ({'within' if worst <= TARGET_S else 'OVER'} the {TARGET_S:g} s target)")


if __name__ == "__main__":
    main()
