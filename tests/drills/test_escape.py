"""Escape tests: hostile submissions are contained, get the right verdict, and leave the host working.

Each attack is submitted to the fixture drill ``escape-probe`` (``attack()`` must return "ok"; time
limit 2 s, memory 256 MB). After every run: a canary process of ours is still alive, no process of the
sandbox is left, nothing was written outside the sandbox, and the hidden tests' marker appears nowhere
in the stored attempt.

The time limit is on the wall clock, so on a busy machine any slow run can use it up (the memory bomb
got "Time limit" under load). Only the attacks meant to end on the time limit are judged with it; the
others get a roomy copy of the drill, so their verdict is the one the attack earns, however loaded the
machine.

With the tripwire on (as users run) each attack gets its clear verdict. With it off, the namespaces and
rlimits alone must contain the attack; that part is checked for the levels that claim to (bwrap,
unshare). The default run tries a few attacks at the strongest level; ``--all`` runs every attack at
every level.
"""

from __future__ import annotations

import dataclasses
import json
import os
import socket
import subprocess
import uuid
from pathlib import Path

import pytest

from gauntlet.drills.isolation import LEVELS, SANDBOX_UID_RANGE, IsolationLevel, probe, select_level
from gauntlet.drills.judge import submit
from gauntlet.drills.loader import load_drill
from gauntlet.drills.verdict import Verdict
from tests.support import slow_after

# The weaker levels are tested here on purpose: their warning (tested in test_isolation) is noise here.
pytestmark = pytest.mark.filterwarnings("ignore::gauntlet.drills.isolation.WeakIsolationWarning")

FIXTURES = Path(__file__).resolve().parent / "fixtures"
PROBE = load_drill("escape-probe", FIXTURES)
ROOMY_PROBE = dataclasses.replace(PROBE, time_limit_s=60)
HIDDEN_MARKER = "HIDDEN-CANARY-5b1e0f"
assert HIDDEN_MARKER in PROBE.hidden_tests_path.read_text(encoding="utf-8")


@pytest.fixture
def listener():
    """A TCP server on the host's loopback that the user's code tries to reach."""
    server = socket.socket()
    server.bind(("127.0.0.1", 0))
    server.listen(8)
    server.settimeout(0.2)
    yield server
    server.close()


@pytest.fixture
def canary():
    """A process of the judge's user: the user's code must not be able to kill it."""
    process = subprocess.Popen(["sleep", "600"])
    yield process
    assert process.poll() is None, "the canary process was killed"
    process.kill()
    process.wait()


@pytest.fixture
def outside_path():
    path = Path("/tmp") / f"gauntlet-escape-{uuid.uuid4().hex}"  # /tmp: writable by anyone on the host
    yield path
    path.unlink(missing_ok=True)


def attacks(listener_port: int, outside: Path) -> dict[str, str]:
    return {
        "network": (
            "import socket\n"
            "def attack():\n"
            f"    socket.create_connection(('127.0.0.1', {listener_port}), timeout=1).close()\n"
            "    return 'ok'\n"),
        "write_outside": (
            "def attack():\n"
            f"    open({str(outside)!r}, 'w').write('escaped')\n"
            "    return 'ok'\n"),
        "read_hidden_tests": (
            "def attack():\n"
            f"    text = open({str(PROBE.hidden_tests_path)!r}).read()\n"
            "    print(text)\n"
            "    return text\n"),
        "fork_bomb": (
            "import os, time\n"
            "def attack():\n"
            "    while True:\n"
            "        try:\n"
            "            os.fork()\n"
            "        except OSError:\n"
            "            time.sleep(60)\n"),
        "memory_bomb": (
            "def attack():\n"
            "    hoard = []\n"
            "    while True:\n"
            "        hoard.append(bytearray(50 * 2**20))\n"),
        "infinite_loop": (
            "def attack():\n"
            "    while True:\n"
            "        pass\n"),
        "kill_parent": (
            "import os, signal\n"
            "def attack():\n"
            "    os.kill(os.getppid(), signal.SIGKILL)\n"
            "    os.kill(-1, signal.SIGKILL)\n"
            "    return 'ok'\n"),
        "huge_output": (
            "def attack():\n"
            "    while True:\n"
            "        print('x' * 10000)\n"),
        "tamper_with_the_channel": (
            "import os, sys\n"
            "def attack():\n"
            "    os.write(int(sys.argv[2]), b'\\xff' * 64)\n"
            "    return 'ok'\n"),
        "ctypes": (
            "import ctypes\n"
            "def attack():\n"
            "    ctypes.CDLL(None).getpid()\n"
            "    return 'ok'\n"),
    }


WITH_TRIPWIRE = {
    "network": Verdict.FORBIDDEN,
    "write_outside": Verdict.FORBIDDEN,
    "read_hidden_tests": Verdict.FORBIDDEN,
    "fork_bomb": Verdict.FORBIDDEN,
    "memory_bomb": Verdict.MEMORY_LIMIT,
    "infinite_loop": Verdict.TIME_LIMIT,
    "kill_parent": Verdict.FORBIDDEN,
    "huge_output": Verdict.RUNTIME_ERROR,
    "tamper_with_the_channel": Verdict.FORBIDDEN,
    "ctypes": Verdict.FORBIDDEN,
}
# Without the tripwire the operation itself fails inside the namespaces (or the limits stop it).
WITHOUT_TRIPWIRE = {
    "network": Verdict.RUNTIME_ERROR,
    "write_outside": Verdict.RUNTIME_ERROR,
    "read_hidden_tests": Verdict.RUNTIME_ERROR,
    "fork_bomb": Verdict.TIME_LIMIT,
    "memory_bomb": Verdict.MEMORY_LIMIT,
    "infinite_loop": Verdict.TIME_LIMIT,
    "kill_parent": Verdict.RUNTIME_ERROR,
    "huge_output": Verdict.RUNTIME_ERROR,
    "tamper_with_the_channel": Verdict.FORBIDDEN,
}
STRONGEST = select_level().value


@pytest.fixture
def sandbox_uids(monkeypatch):
    """The uids this test's workers dropped to (a spy on the real launcher; other people's sandboxes
    may be running on the same machine, with uids of their own)."""
    import gauntlet.drills.sandbox as sandbox_module

    used: list[int] = []
    real_build_launch = sandbox_module.build_launch

    def recording_build_launch(*args, **kwargs):
        launch = real_build_launch(*args, **kwargs)
        if launch.sandbox_uid is not None:
            used.append(launch.sandbox_uid)
        return launch

    monkeypatch.setattr(sandbox_module, "build_launch", recording_build_launch)
    return used


def live_processes_of(uids: list[int]) -> list[int]:
    """Processes (not zombies awaiting collection) owned by one of ``uids``."""
    found = []
    for entry in os.listdir("/proc"):
        if not entry.isdigit():
            continue
        try:
            uid = os.stat(f"/proc/{entry}").st_uid
            with open(f"/proc/{entry}/stat", "rb") as stat:
                state = stat.read().rsplit(b")", 1)[1].split()[0]
        except OSError:
            continue
        if uid in uids and state != b"Z":
            found.append(int(entry))
    return found


def check_contained(attack: str, level: str, tripwire: bool, expected: Verdict, listener, canary, outside,
                    sandbox_uids):
    source = attacks(listener.getsockname()[1], outside)[attack]
    drill = PROBE if expected is Verdict.TIME_LIMIT else ROOMY_PROBE
    result = submit(drill, source, filename="attack.py", level=level, tripwire=tripwire)
    decisive = result.decisive_result()
    assert result.verdict is expected, (decisive.name, decisive.message) if decisive else result.verdict
    assert result.isolation == level

    assert canary.poll() is None, "the user's code killed a process of the judge's user"
    with pytest.raises(socket.timeout):
        listener.accept()[0].close()  # no connection reached the host
    assert not outside.exists(), "the user's code wrote outside its sandbox"
    assert HIDDEN_MARKER not in json.dumps(result.to_dict()), "hidden test content reached the output"
    if os.geteuid() == 0:
        assert sandbox_uids and all(SANDBOX_UID_RANGE[0] <= uid < SANDBOX_UID_RANGE[1] for uid in sandbox_uids)
        assert live_processes_of(sandbox_uids) == [], "sandbox processes outlived the run"
    assert subprocess.run(["true"]).returncode == 0, "the host can no longer start processes"
    assert len(result.output) < 64 * 1024
    return result


# The fast suite tries two walls (network, files); every attack, the limits included, runs with --all.
FAST_ATTACKS = ("network", "read_hidden_tests")


@pytest.mark.parametrize("attack", [a if a in FAST_ATTACKS else pytest.param(a, marks=pytest.mark.slow)
                                    for a in sorted(WITH_TRIPWIRE)])
def test_attack_gets_a_clear_verdict_at_the_strongest_level(attack, listener, canary, outside_path, sandbox_uids):
    result = check_contained(attack, STRONGEST, True, WITH_TRIPWIRE[attack], listener, canary, outside_path,
                             sandbox_uids)
    decisive = result.decisive_result()
    if result.verdict is Verdict.FORBIDDEN and attack != "tamper_with_the_channel":
        assert "attack.py" in decisive.traceback, "a forbidden verdict says where in the user's code"
    if attack == "huge_output":
        assert "output limit" in decisive.message


@pytest.mark.slow
@pytest.mark.parametrize("attack", sorted(WITH_TRIPWIRE))
@pytest.mark.parametrize("level", [level.value for level in LEVELS])
def test_attack_gets_a_clear_verdict_at_every_level(level, attack, listener, canary, outside_path, sandbox_uids):
    if probe(IsolationLevel(level)):
        pytest.skip(f"{level} does not work here: {probe(IsolationLevel(level))}")
    check_contained(attack, level, True, WITH_TRIPWIRE[attack], listener, canary, outside_path, sandbox_uids)


@pytest.mark.slow
@pytest.mark.parametrize("attack", sorted(WITHOUT_TRIPWIRE))
@pytest.mark.parametrize("level", [IsolationLevel.BWRAP.value, IsolationLevel.UNSHARE.value])
def test_namespaces_contain_the_attack_without_the_tripwire(level, attack, listener, canary, outside_path,
                                                           sandbox_uids):
    if probe(IsolationLevel(level)):
        pytest.skip(f"{level} does not work here: {probe(IsolationLevel(level))}")
    check_contained(attack, level, False, WITHOUT_TRIPWIRE[attack], listener, canary, outside_path, sandbox_uids)


NO_NEW_TASKS = (
    "import os, threading\n"
    "def attack():\n"
    "    started = []\n"
    "    for _ in range(4):\n"
    "        try:\n"
    "            pid = os.fork()\n"
    "        except OSError:\n"
    "            continue\n"
    "        if pid == 0:\n"
    "            hoard = bytearray(300 * 2**20)  # a budget of its own, were it allowed\n"
    "            os._exit(0)\n"
    "        started.append(pid)\n"
    "    try:\n"
    "        threading.Thread(target=lambda: None).start()\n"
    "        started.append('thread')\n"
    "    except RuntimeError:\n"
    "        pass\n"
    "    return 'ok' if not started else f'started {started}'\n")


@pytest.mark.parametrize("level", slow_after(1, [level.value for level in LEVELS]))
def test_the_memory_limit_is_the_runs_total_no_process_or_thread_can_start(level):
    """RLIMIT_AS is per process: four forks at 300 MB each reached 1.6 GB against a 512 MB limit. With
    no new task possible (tripwire off, so the kernel's limit is what is tested), the limit is the total."""
    if probe(IsolationLevel(level)):
        pytest.skip(f"{level} does not work here: {probe(IsolationLevel(level))}")
    result = submit(ROOMY_PROBE, NO_NEW_TASKS, filename="attack.py", level=level, tripwire=False)
    decisive = result.decisive_result()
    assert result.verdict is Verdict.ACCEPTED, (decisive.name, decisive.message) if decisive else result.verdict


# What a submission once read at the unshare level: the reference solution from the checkout's git
# objects, and the user's SQLite file (to mark its own wrong attempts Accepted).
PROJECT = Path(__file__).resolve().parents[2]
LOOK_AROUND = (
    "import ctypes, os, sys\n"
    "def attack():\n"
    "    seen = {}\n"
    "    for path in PATHS:\n"
    "        try:\n"
    "            seen[path] = sorted(os.listdir(path)) if os.path.isdir(path) else open(path, 'rb').read(64)\n"
    "        except OSError as exc:\n"
    "            seen[path] = type(exc).__name__\n"
    "    libc = ctypes.CDLL(None, use_errno=True)\n"
    "    seen['umount'] = libc.umount2(b'/proc', 2)\n"
    "    seen['mount'] = libc.mount(b'tmpfs', b'/usr', b'tmpfs', 0, None)\n"
    "    try:\n"
    "        open(sys.executable + '.x', 'w')\n"
    "        seen['write'] = 'written'\n"
    "    except OSError as exc:\n"
    "        seen['write'] = type(exc).__name__\n"
    "    seen['argv'] = sys.argv[0]\n"
    "    return repr(seen)\n")


@pytest.mark.parametrize("judge_is_root", slow_after(1, [True, False]), ids=["root judge", "user namespace"])
def test_unshare_shows_only_the_interpreter_and_numpy(judge_is_root, tmp_path, monkeypatch):
    """Issue 14, items 9-10. The non-root path (a user namespace of its own, mapped to root, then every
    capability dropped) is forced here as root: what it hides is hidden by the mount view, whatever the
    uid. Tripwire off: the view itself is the wall."""
    if probe(IsolationLevel.UNSHARE):
        pytest.skip(f"unshare does not work here: {probe(IsolationLevel.UNSHARE)}")
    if os.geteuid() != 0 and judge_is_root:
        pytest.skip("the root path needs a root judge")
    from gauntlet.drills import isolation

    monkeypatch.setattr(isolation, "judge_is_root", lambda: judge_is_root)
    database = tmp_path / "gauntlet.db"
    database.write_bytes(b"SQLite format 3\x00")
    paths = [str(database), str(tmp_path), str(PROBE.hidden_tests_path), str(PROJECT / "pyproject.toml"),
             str(PROJECT / "src"), "/etc/passwd"]
    if (PROJECT / ".git").is_dir():
        paths.append(str(PROJECT / ".git" / "HEAD"))
    source = f"PATHS = {paths!r}\n" + LOOK_AROUND
    result = submit(ROOMY_PROBE, source, filename="attack.py", level="unshare", tripwire=False)
    first = result.results[0]
    assert first.message.startswith("expected 'ok', got"), (result.verdict, first.message)
    seen = eval(first.message.split("got ", 1)[1][1:-1].encode().decode("unicode_escape"))  # the repr we returned
    for path in paths:
        assert seen[path] == "FileNotFoundError", f"{path} is visible from the sandbox: {seen[path]!r}"
    assert seen["umount"] == -1 and seen["mount"] == -1, "the user's code could change its mounts"
    assert seen["write"] in ("OSError", "PermissionError"), "the interpreter's folder is writable"
    assert str(PROJECT) not in seen["argv"], "the worker's path names the checkout"
