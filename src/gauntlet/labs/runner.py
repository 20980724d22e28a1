"""Run any lab by id: validate the seed and parameters against its SPEC, run it, time it."""

from __future__ import annotations

import time
from collections.abc import Mapping

from gauntlet.errors import InputError
from gauntlet.labs.catalog import load_lab
from gauntlet.labs.result import LabResult
from gauntlet.labs.spec import LabSpec, ProgressFn, no_progress

MAX_SEED = 2**32 - 1  # NumPy's legacy seeding range; default_rng accepts more, but keep one rule


def single_threaded_blas():
    """Limit BLAS to one thread while a lab runs (a no-op without threadpoolctl).

    Labs multiply small matrices, where BLAS worker threads cost more in synchronisation than they
    save, and on a busy machine they spin-wait for each other (on a loaded two-core machine the pca
    lab's tests ran many times slower with two OpenBLAS threads than with one). One thread also keeps
    the floating-point summation order, hence the numbers, independent of the machine's core count.
    """
    from threadpoolctl import threadpool_limits  # a dependency of the package: missing means a broken install

    return threadpool_limits(limits=1, user_api="blas")


def lab_spec_of(lab_id: str) -> LabSpec:
    """The SPEC of ``lab_id`` (imports the lab's module)."""
    return load_lab(lab_id).SPEC


def run_lab(lab_id: str, seed: int = 0, params: Mapping[str, object] | None = None,
            progress: ProgressFn = no_progress) -> LabResult:
    """Run ``lab_id`` with ``seed`` and ``params`` (strings or typed values) over its defaults.

    Raises NotFoundError for an unknown lab and InputError for a bad seed or parameter, each
    message listing what is valid. The same lab, seed and params always give the same numbers.
    """
    module = load_lab(lab_id)
    values = module.SPEC.resolve(params or {})
    if isinstance(seed, bool) or not isinstance(seed, int) or not 0 <= seed <= MAX_SEED:
        raise InputError(f"seed must be an integer in [0, {MAX_SEED}], got {seed!r}")
    started = time.perf_counter()
    with single_threaded_blas():
        result = module.run(seed, progress=progress, **values)
    result.timings["total_s"] = time.perf_counter() - started
    result.params = dict(values)
    return result
