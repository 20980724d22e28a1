"""The worker as the user's code sees it, and what the judge makes of each way that code can end."""

from __future__ import annotations

import time
from pathlib import Path

import numpy as np
import pytest

from gauntlet.drills.isolation import Resources, clean_environment, select_level
from gauntlet.drills.judge import submit
from gauntlet.drills.loader import load_drill
from gauntlet.drills.sandbox import UserCodeFailed, Worker
from gauntlet.drills.verdict import Verdict

FIXTURES = Path(__file__).resolve().parent / "fixtures"
PROBE = load_drill("escape-probe", FIXTURES)  # attack() must return "ok"; 2 s; 256 MB
LEVEL = select_level()


def worker(source: str, entries=("f",), memory_mb: int = 256, tripwire: bool = True) -> Worker:
    started = Worker(source, "mine.py", tuple(entries), LEVEL, Resources(memory_limit_mb=memory_mb, cpu_limit_s=10),
                     tripwire=tripwire)
    started.start(time.monotonic() + 10)
    return started


def call(w: Worker, *args, name: str = "f"):
    return w.call(name, args, {}, time.monotonic() + 10)


def test_values_cross_both_ways_unchanged():
    with worker("import numpy as np\ndef f(x, y):\n    return x * 2, {'y': y, 'sum': np.sum(x)}\n") as w:
        doubled, extra = call(w, np.arange(6.0).reshape(2, 3), (1, None))
    np.testing.assert_array_equal(doubled, np.arange(6.0).reshape(2, 3) * 2)
    assert extra == {"y": (1, None), "sum": np.float64(15.0)} and isinstance(extra["sum"], np.float64)


@pytest.mark.slow
def test_the_environment_is_clean_and_the_working_directory_is_fresh():
    source = "import os\ndef f():\n    return dict(os.environ), os.getcwd(), sorted(os.listdir('.'))\n"
    with worker(source) as w:
        environment, cwd, listing = call(w)
    assert environment.pop("PWD", cwd) == cwd  # bubblewrap sets PWD when it changes directory
    assert environment == clean_environment(cwd)
    assert listing == []


@pytest.mark.slow
def test_the_working_directory_is_the_only_writable_place():
    source = (
        "import os\n"
        "def f():\n"
        "    written = []\n"
        "    for folder in ('.', '/', '/usr', '/etc', '/tmp', '/var/tmp', '/dev/shm', '/root', '/home'):\n"
        "        try:\n"
        "            with open(os.path.join(folder, 'probe.txt'), 'w') as out:\n"
        "                out.write('x')\n"
        "            written.append(os.path.realpath(folder))\n"
        "        except OSError:\n"
        "            pass\n"
        "    return written, os.getcwd()\n")
    with worker(source, tripwire=False) as w:  # the operating system's answer, not the tripwire's
        written, cwd = call(w)
    assert written == [cwd]


@pytest.mark.slow
def test_a_file_over_the_size_limit_fails_with_an_error_not_a_kill():
    source = ("def f():\n    try:\n        open('big', 'wb').write(b'x' * (40 * 2**20))\n"
              "    except OSError as exc:\n        return type(exc).__name__\n    return 'written'\n")
    with worker(source) as w:
        assert call(w) == "OSError"
        assert w.alive


def test_runtime_errors_show_only_the_users_frames():
    source = "def helper(x):\n    return 1 / x\n\ndef f(x):\n    return helper(x)\n"
    with worker(source) as w, pytest.raises(UserCodeFailed) as caught:
        call(w, 0)
    failure = caught.value
    assert failure.verdict is Verdict.RUNTIME_ERROR and failure.message.startswith("ZeroDivisionError")
    assert 'File "mine.py", line 5, in f' in failure.traceback
    assert 'File "mine.py", line 2, in helper' in failure.traceback
    assert "worker.py" not in failure.traceback and "wire.py" not in failure.traceback


@pytest.mark.parametrize(("source", "expected"), [
    ("def f(:\n    pass\n", 'File "mine.py", line 1'),
    ("def g():\n    return 1\n", "does not define the function(s): f"),
    ("raise RuntimeError('at import')\ndef f():\n    pass\n", "RuntimeError: at import"),
])
def test_a_module_that_cannot_load_is_a_runtime_error(source, expected):
    with pytest.raises(UserCodeFailed) as caught:
        worker(source).close()
    assert caught.value.verdict is Verdict.RUNTIME_ERROR
    assert expected in caught.value.message + caught.value.traceback


@pytest.mark.slow
def test_the_memory_limit_is_on_top_of_numpy_and_is_reported_as_such():
    source = "import numpy as np\ndef f(mb):\n    return float(np.ones(mb * 2**20 // 8).sum())\n"
    with worker(source, memory_mb=256) as w:
        assert call(w, 200) == 200 * 2**20 / 8  # fits: the limit does not count the interpreter and NumPy
        with pytest.raises(UserCodeFailed) as caught:
            call(w, 300)
        assert caught.value.verdict is Verdict.MEMORY_LIMIT
        assert call(w, 10) == 10 * 2**20 / 8  # and the worker carries on


@pytest.mark.slow
def test_other_exceptions_are_runtime_errors_not_memory_limits():
    with worker("def f():\n    raise ValueError('bad input')\n") as w, pytest.raises(UserCodeFailed) as caught:
        call(w)
    assert caught.value.verdict is Verdict.RUNTIME_ERROR


@pytest.mark.slow
def test_returning_something_that_cannot_cross_is_explained():
    with worker("def f():\n    return {1, 2}\n") as w, pytest.raises(UserCodeFailed) as caught:
        call(w)
    assert caught.value.verdict is Verdict.RUNTIME_ERROR and "cannot be passed" in caught.value.message


@pytest.mark.slow
def test_the_time_limit_is_one_budget_for_the_whole_run():
    # 0.7 s per call, 2 s in all: the example and the first hidden test fit (with 0.6 s to spare for
    # loading the module and passing the calls, on a busy machine too), a third call never can
    result = submit(PROBE, "import time\ndef attack():\n    time.sleep(0.7)\n    return 'ok'\n")
    assert [r.outcome for r in result.results] == [Verdict.ACCEPTED, Verdict.ACCEPTED, Verdict.TIME_LIMIT]
    assert result.verdict is Verdict.TIME_LIMIT and "2 s" in result.results[-1].message


@pytest.mark.slow
def test_a_crashing_process_is_restarted_for_the_next_test():
    result = submit(PROBE, "import os\ndef attack():\n    os._exit(3)\n", tripwire=False)
    assert [r.outcome for r in result.results] == [Verdict.RUNTIME_ERROR] * 3
    assert "exit status 3" in result.results[0].message


@pytest.mark.slow
def test_prints_from_the_examples_are_kept_and_from_hidden_tests_are_not():
    source = "calls = 0\ndef attack():\n    global calls\n    calls += 1\n    print('call', calls)\n    return 'ok'\n"
    result = submit(PROBE, source)
    assert result.verdict is Verdict.ACCEPTED
    assert result.output == "call 1\n"


def test_wrong_answers_keep_the_failed_assertion_for_visible_examples():
    result = submit(PROBE, "def attack():\n    return 'nope'\n")
    assert result.verdict is Verdict.WRONG_ANSWER
    example, *hidden = result.results
    assert example.visible and "expected 'ok', got 'nope'" in example.message
    assert all(not r.visible and r.outcome is Verdict.WRONG_ANSWER for r in hidden)
    assert [r.category for r in hidden] == ["edge", "random"]
