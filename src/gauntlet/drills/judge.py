"""Judge a solution: run a drill's examples (and hidden tests) against the user's sandboxed module.

The tests are trusted code and run here, in the judge's process, never in the sandbox; each one gets
``sol``, a proxy whose attributes are the drill's entry functions, and every call goes through the
``Worker`` to the user's code. The time limit is a budget for everything the user's code does in one
run (loading the module, every call, restarts after a crash); the judge's own checking is not counted.

Outcome per test: passed; ``wrong_answer`` if its assertion (or its checking of the returned value)
fails; otherwise the verdict of the user's code (runtime error, memory limit, time limit, forbidden).
A time limit or forbidden operation ends the run; later tests are ``not_run``. The run's verdict is
the most serious outcome (``verdict.SEVERITY``).
"""

from __future__ import annotations

import functools
import importlib.util
import inspect
import math
import time
from collections.abc import Callable
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from gauntlet.drills.isolation import IsolationLevel, Resources, select_level
from gauntlet.drills.loader import check_category
from gauntlet.drills.model import Drill
from gauntlet.drills.sandbox import CapturedOutput, UserCodeFailed, Worker
from gauntlet.drills.verdict import Submission, TestResult, Verdict, overall_verdict

MAX_RESTARTS = 3  # after this many crashes the remaining tests are not run
_STOPPING = (Verdict.TIME_LIMIT, Verdict.FORBIDDEN)

RecordAttempt = Callable[[Submission], None]


@dataclass(frozen=True)
class Check:
    """One visible example or hidden test."""

    name: str
    category: str
    visible: bool
    function: Callable[[Any], None]

    def source(self) -> str:
        """The example's code, to show the user (examples only: hidden tests are never shown)."""
        if not self.visible:
            raise PermissionError("hidden tests are not shown")
        return inspect.getsource(self.function)


def run_examples(drill: Drill, source: str, *, filename: str = "solution.py",
                 level: str | IsolationLevel | None = None, tripwire: bool = True) -> Submission:
    """``gauntlet code test``: the visible examples only. Nothing is stored."""
    return _judge(drill, source, filename, "examples", load_checks(drill, hidden=False), level, tripwire)


def submit(drill: Drill, source: str, *, filename: str = "solution.py", level: str | IsolationLevel | None = None,
           tripwire: bool = True, record_attempt: RecordAttempt | None = None) -> Submission:
    """``gauntlet code submit``: the examples, then the hidden tests; ``record_attempt`` stores the result."""
    checks = load_checks(drill, hidden=False) + load_checks(drill, hidden=True)
    submission = _judge(drill, source, filename, "submit", checks, level, tripwire)
    if record_attempt is not None:
        record_attempt(submission)
    return submission


def load_checks(drill: Drill, *, hidden: bool) -> list[Check]:
    """The drill's hidden tests (``test_*`` in hidden_tests.py) or examples (``example_*`` in
    examples.py), in file order."""
    path, prefix = (drill.hidden_tests_path, "test_") if hidden else (drill.examples_path, "example_")
    module = _load_module(path, f"gauntlet_drill_checks.{drill.id.replace('-', '_')}.{path.stem}")
    return [
        Check(name, check_category(name) if hidden else "example", not hidden, function)
        for name, function in vars(module).items()
        if name.startswith(prefix) and inspect.isfunction(function) and function.__module__ == module.__name__
    ]


@functools.lru_cache(maxsize=128)
def _load_module_cached(path: Path, module_name: str, mtime_ns: int) -> Any:
    spec = importlib.util.spec_from_file_location(module_name, path)
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def _load_module(path: Path, module_name: str) -> Any:
    return _load_module_cached(path, module_name, path.stat().st_mtime_ns)


def _judge(drill: Drill, source: str, filename: str, suite: str, checks: list[Check],
           level: str | IsolationLevel | None, tripwire: bool) -> Submission:
    chosen = select_level(level)
    started = datetime.now(UTC)
    session = _Session(drill, source, filename, chosen, tripwire)
    results: list[TestResult] = []
    notes: list[str] = []
    visible_output = ""
    try:
        for check in checks:
            if session.stopped is not None:
                results.append(TestResult(check.name, check.category, check.visible, Verdict.NOT_RUN, 0.0))
                continue
            results.append(session.run(check))
            if check.visible:
                visible_output = session.output_text()
    finally:
        session.close()
    if session.stopped is not None and any(r.outcome is Verdict.NOT_RUN for r in results):
        skipped = sum(r.outcome is Verdict.NOT_RUN for r in results)
        notes.append(f"the run stopped ({session.stopped}); {skipped} test(s) not run")
    return Submission(
        drill_id=drill.id, suite=suite, verdict=overall_verdict([r.outcome for r in results]), results=results,
        isolation=chosen.value, started_at=started, finished_at=datetime.now(UTC), code=source,
        filename=filename, load_seconds=round(session.loading, 6), output=visible_output, notes=notes,
    )


class _Session:
    """The user's module across one run: started lazily, restarted after a crash, timed throughout."""

    def __init__(self, drill: Drill, source: str, filename: str, level: IsolationLevel, tripwire: bool):
        from gauntlet.paths import data_dir

        self.drill, self.source, self.filename, self.level, self.tripwire = drill, source, filename, level, tripwire
        self.resources = Resources(memory_limit_mb=drill.memory_limit_mb,
                                   cpu_limit_s=math.ceil(drill.time_limit_s) + 2)
        # the drill's own folder tree and the user's data: the tripwire guards them everywhere, and
        # levels that share the host filesystem hide them
        self.hidden_paths = (str(drill.folder.resolve().parent), str(data_dir()))
        self.worker: Worker | None = None
        self.outputs: list[CapturedOutput] = []
        self.spent = 0.0  # everything charged to the user's code: loading and calls
        self.loading = 0.0  # the part of ``spent`` that went to starting workers
        self.restarts = -1  # the first start is not a restart
        self.stopped: str | None = None
        self.failure: UserCodeFailed | None = None  # the user-code failure during the current test

    def run(self, check: Check) -> TestResult:
        self.failure = None
        before = self.spent - self.loading
        message, trace = "", ""
        try:
            check.function(_SolutionProxy(self, self.drill.entry))
            outcome = Verdict.ACCEPTED
        except UserCodeFailed as failure:
            self.failure = failure
        except AssertionError as exc:
            outcome, message = Verdict.WRONG_ANSWER, str(exc) or "an assertion failed"
        except Exception as exc:  # noqa: BLE001 - the returned value broke the check: a wrong answer
            outcome, message = Verdict.WRONG_ANSWER, f"checking your result raised {type(exc).__name__}: {exc}"
        if self.failure is not None:  # also when the test caught it: the user's code failed
            outcome, message, trace = self.failure.verdict, self.failure.message, self.failure.traceback
            if outcome is Verdict.TIME_LIMIT:
                message = (f"your code used up this drill's time limit of {self.drill.time_limit_s:g} s "
                           "(loading your module plus every call, examples and hidden tests together)")
            if outcome in _STOPPING:
                self.stopped = outcome.label.lower()
        seconds = self.spent - self.loading - before
        return TestResult(check.name, check.category, check.visible, outcome, round(seconds, 6), message, trace)

    def call(self, name: str, *args: Any, **kwargs: Any) -> Any:
        try:
            if self.worker is None or not self.worker.alive:
                self._start_worker()
            assert self.worker is not None
            started = time.monotonic()
            try:
                return self.worker.call(name, args, kwargs, started + self._budget_left())
            finally:
                self.spent += time.monotonic() - started
        except UserCodeFailed as failure:
            self.failure = failure
            raise

    def _budget_left(self) -> float:
        return max(0.0, self.drill.time_limit_s - self.spent)

    def _start_worker(self) -> None:
        if self.worker is not None:
            self.worker.close()
        self.restarts += 1
        if self.restarts > MAX_RESTARTS:
            self.stopped = "too many crashes"
            raise UserCodeFailed(Verdict.RUNTIME_ERROR, f"your code crashed the process {MAX_RESTARTS + 1} times")
        self.worker = Worker(self.source, self.filename, self.drill.entry, self.level, self.resources,
                             self.hidden_paths, self.tripwire)
        self.outputs.append(self.worker.output)
        try:
            self.worker.start(self._budget_left())
        except UserCodeFailed:
            # loading the module failed (syntax error, missing function, module-level error): it
            # would fail the same way for every test
            self.stopped = "your module could not be loaded"
            raise
        finally:
            self.spent += self.worker.load_seconds
            self.loading += self.worker.load_seconds

    def output_text(self) -> str:
        return "".join(output.text() for output in self.outputs)

    def close(self) -> None:
        if self.worker is not None:
            self.worker.close()


class _SolutionProxy:
    """``sol`` in the tests: ``sol.<entry>(...)`` calls the user's function in the sandbox."""

    def __init__(self, session: _Session, entries: tuple[str, ...]):
        self._session, self._entries = session, entries

    def __getattr__(self, name: str) -> Callable[..., Any]:
        if name.startswith("_") or name not in self._entries:
            raise AttributeError(f"the drill has no entry function {name!r}")
        return functools.partial(self._session.call, name)
