"""How strongly this machine can isolate the user's code, and the command that starts a worker.

Levels, strongest first (``GAUNTLET_SANDBOX=auto|bwrap|unshare|rlimits`` or the ``level`` argument
picks one; ``auto``, the default, means bubblewrap or nothing: the weaker two rest on this project's
own code (``unshare``) or on nothing but limits (``rlimits``, which leaves the project, its git history
and the user's database within reach), so they run only when named, with a warning that says what they
expose, and never for a shared server's accounts):

``bwrap``    bubblewrap: own network, pid, IPC, UTS (and user, when not root) namespaces; a new root
             filesystem holding only the interpreter, its standard library and NumPy, read-only; a fresh
             size-limited tmpfs as the only writable place; the judge's files simply are not there; the
             sandbox dies with the judge.
``unshare``  util-linux ``unshare``: own network, pid, IPC, UTS and mount namespaces (and a user
             namespace, when not root). The worker builds the same read-only tree on a tmpfs, pivots
             into it and detaches the host's root; then, as root, it drops to an unprivileged uid, and
             otherwise drops every capability of its user namespace.
``rlimits``  resource limits and a separate session only: NO network isolation, the host filesystem
             is visible; not as root, the user's code can also signal the user's other processes.

Every level also gets: rlimits (address space, CPU, file size, open files, and no new process or
thread, so the memory limit is the run's total, not each process's), a clean
environment, a wall-clock limit and a kill of the whole process tree in the judge, and the audit-hook
tripwire in the worker (a hint that names common attempts, never the wall). When the judge runs as
root, the user's code never does: the worker switches to a fresh unprivileged uid before loading it
(which also makes RLIMIT_NPROC count, see ``worker``).
"""

from __future__ import annotations

import dataclasses
import functools
import os
import secrets
import shutil
import subprocess
import sys
import warnings
from dataclasses import dataclass
from enum import StrEnum
from pathlib import Path
from typing import Any

from gauntlet.errors import GauntletError

ENV_VAR = "GAUNTLET_SANDBOX"
SANDBOX_WORK_DIR = "/sandbox"  # inside bubblewrap
SANDBOX_CODE_DIR = "/opt/gauntlet"  # inside bubblewrap: worker.py and wire.py, read-only
WORKER_FILES = ("worker.py", "wire.py")
# uids the worker drops to when the judge runs as root: unused by real accounts, one fresh uid per run
# so RLIMIT_NPROC counts only that run's processes and the judge can kill every one of them.
SANDBOX_UID_RANGE = (1_900_000_000, 2_000_000_000)


# How to get bubblewrap working, said the same way wherever it is missing (CLI, web, doctor).
BWRAP_FIX = ("install bubblewrap (Debian/Ubuntu: `apt-get install bubblewrap`) and allow user namespaces (sysctl "
             "kernel.unprivileged_userns_clone=1; in Docker, a seccomp profile that permits them)")


class IsolationLevel(StrEnum):
    BWRAP = "bwrap"
    UNSHARE = "unshare"
    RLIMITS = "rlimits"


LEVELS = (IsolationLevel.BWRAP, IsolationLevel.UNSHARE, IsolationLevel.RLIMITS)


class SandboxUnavailable(GauntletError):
    """The requested isolation level does not work on this machine."""


class WeakIsolationWarning(UserWarning):
    """Drills run below the strongest isolation level."""


@dataclass(frozen=True)
class Launch:
    """How to start one worker: the command, where it runs, and the worker's own configuration."""

    level: IsolationLevel
    argv: list[str]
    cwd: str
    env: dict[str, str]
    worker_config: dict[str, Any]
    sandbox_uid: int | None  # the uid the worker drops to (judge is root), else None
    host_work_dir: Path | None  # a host temp dir to remove afterwards (levels below bwrap)


@dataclass(frozen=True)
class Resources:
    """Limits applied inside the worker (see ``worker._apply_limits``)."""

    memory_limit_mb: int
    cpu_limit_s: int
    file_size_limit_mb: int = 16
    # Threads or processes the user's code may start. 0: the memory limit (RLIMIT_AS) is per process, so
    # each new process would bring a budget of its own; with no new task at all, the limit is the run's
    # total. Drills need neither threads nor processes.
    new_tasks: int = 0
    work_dir_size_mb: int = 64


def select_level(requested: str | IsolationLevel | None = None) -> IsolationLevel:
    """The level to use: ``requested`` (or ``$GAUNTLET_SANDBOX``), else bubblewrap.

    Only bubblewrap keeps the user's code away from the project, its git history and the user's
    database, so ``auto`` never settles for less: without it, it raises ``SandboxUnavailable`` saying
    how to install it, and what each weaker level would expose to someone who chooses one by name. A
    named level that does not work raises too (never a silent downgrade); a weaker one that works
    warns once per process (``WeakIsolationWarning``) with that list of exposures.
    """
    name = str(requested.value if isinstance(requested, IsolationLevel) else requested or "").strip()
    source = "--sandbox" if name else ENV_VAR
    name = name or os.environ.get(ENV_VAR, "").strip() or "auto"
    if name == "auto":
        problem = probe(IsolationLevel.BWRAP)
        if problem:
            raise SandboxUnavailable(
                f"coding drills run only inside bubblewrap, and it does not work here ({problem}): {BWRAP_FIX}. "
                f"To run your own code on your own machine anyway, choose a weaker level by name ({ENV_VAR}=unshare or "
                f"=rlimits, or --sandbox): {exposure(IsolationLevel.UNSHARE)}; {exposure(IsolationLevel.RLIMITS)}")
        return IsolationLevel.BWRAP
    try:
        level = IsolationLevel(name)
    except ValueError:
        raise SandboxUnavailable(f"unknown sandbox level '{name}' (from {source}); use auto, bwrap, unshare or "
                                 "rlimits") from None
    problem = probe(level)
    if problem:
        raise SandboxUnavailable(f"the '{level.value}' sandbox does not work here: {problem}")
    _warn_once(level)
    return level


def exposure(level: IsolationLevel) -> str:
    """What the user's code can reach at ``level``, said plainly (empty for bubblewrap)."""
    root = judge_is_root()
    if level is IsolationLevel.BWRAP:
        return ""
    if level is IsolationLevel.UNSHARE:
        return ("unshare exposes nothing of the host but the interpreter, its standard library and NumPy, "
                "read-only, as bubblewrap does; but that view is built by this project's own code, not by "
                "bubblewrap, a small tool reviewed for exactly this")
    if root:
        return ("rlimits exposes the network (loopback services included), world-readable files, other "
                "processes' command lines, /tmp and /dev/shm, with no cap on total disk")
    return ("rlimits exposes the network (loopback services included), every file your user can read and "
            "write (this project, its git history, your Gauntlet database), other processes' command lines, "
            "your other processes (they can be signalled), /tmp and /dev/shm, with no cap on total disk; and "
            "a process that detaches can outlive the run")


def describe(level: IsolationLevel) -> str:
    """One line on what ``level`` protects, for the CLI and the stored verdict."""
    root = judge_is_root()
    if level is IsolationLevel.BWRAP:
        return "bubblewrap: no network, private filesystem view, own process tree"
    if level is IsolationLevel.UNSHARE:
        return "unshare: no network, own process tree, a read-only view of only the interpreter and NumPy"
    if root:
        return "rlimits only: NO network isolation; the host filesystem is visible to an unprivileged uid"
    return ("rlimits only: NO network isolation; the host filesystem and your other processes are reachable "
            "as your user")


_warned: set[IsolationLevel] = set()


def _warn_once(level: IsolationLevel) -> None:
    if level is IsolationLevel.BWRAP or level in _warned:
        return
    _warned.add(level)
    warnings.warn(WeakIsolationWarning(
        f"Coding drills run at sandbox level '{level.value}' ({describe(level)}), as you chose: "
        f"{exposure(level)}. Use it only for your own code on your own machine; for isolation install "
        "bubblewrap (Debian/Ubuntu: `apt-get install bubblewrap`) and drop the setting."
    ), stacklevel=3)


@functools.cache
def probe(level: IsolationLevel) -> str:
    """Empty string if ``level`` works here, else why not. Starts the real interpreter through the
    real isolation once (a few tens of milliseconds) and caches the answer for the process."""
    if level is IsolationLevel.RLIMITS:
        return ""
    tool = "bwrap" if level is IsolationLevel.BWRAP else "unshare"
    if shutil.which(tool) is None:
        package = "bubblewrap" if tool == "bwrap" else "util-linux"
        return f"`{tool}` is not installed (package {package})"
    launch = build_launch(level, Resources(memory_limit_mb=64, cpu_limit_s=5), worker_argv=["-c", "pass"])
    try:
        completed = subprocess.run(launch.argv, cwd=launch.cwd, env=launch.env, stdin=subprocess.DEVNULL,
                                   capture_output=True, timeout=20)
    except (OSError, subprocess.TimeoutExpired) as exc:
        return f"{tool} could not start: {exc}"
    finally:
        if launch.host_work_dir is not None:
            shutil.rmtree(launch.host_work_dir, ignore_errors=True)
    if completed.returncode != 0:
        message = completed.stderr.decode("utf-8", "replace").strip().splitlines()
        return f"{tool} failed ({message[-1] if message else f'exit status {completed.returncode}'})"
    return ""


def build_launch(level: IsolationLevel, resources: Resources, *, request_fd: int = -1, reply_fd: int = -1,
                 hidden_paths: tuple[str, ...] = (), tripwire: bool = True,
                 worker_argv: list[str] | None = None) -> Launch:
    """The command that starts a worker at ``level``. ``worker_argv`` replaces the worker script and its
    fd arguments (the probe runs ``-c pass``)."""
    import tempfile

    root = judge_is_root()
    uid = secrets.randbelow(SANDBOX_UID_RANGE[1] - SANDBOX_UID_RANGE[0]) + SANDBOX_UID_RANGE[0] if root else None
    python = interpreter()
    host_work_dir = None
    if level is IsolationLevel.BWRAP:
        work_dir, code_dir = SANDBOX_WORK_DIR, SANDBOX_CODE_DIR
    else:
        # The worker starts from a copy of its files in a fresh temp folder, so nothing about the process
        # (argv, its code's path) points at the checkout. At ``unshare`` the folder is then covered by
        # the worker's own root filesystem (``worker._private_root``), whose working folder is /sandbox.
        host_work_dir = Path(tempfile.mkdtemp(prefix="gauntlet-sandbox-"))
        for name in WORKER_FILES:
            shutil.copyfile(Path(__file__).resolve().parent / name, host_work_dir / name)
        code_dir = str(host_work_dir)
        work_dir = SANDBOX_WORK_DIR if level is IsolationLevel.UNSHARE else str(host_work_dir)
    args = worker_argv if worker_argv is not None else [
        f"{code_dir}/worker.py", str(request_fd), str(reply_fd), os.pathsep.join(worker_sys_path())]
    command = [python, "-I", "-S", "-B", *args]
    env = clean_environment(work_dir)
    if level is IsolationLevel.BWRAP:
        # --clearenv empties the sandbox's environment, so it gets ours through --setenv
        setenv = [part for name, value in env.items() for part in ("--setenv", name, value)]
        argv = _bwrap_prefix(root, hidden_paths, resources) + setenv + command
    elif level is IsolationLevel.UNSHARE:
        argv = [_tool("unshare"), "--net", "--pid", "--fork", "--kill-child", "--mount", "--propagation", "private",
                "--mount-proc", "--ipc", "--uts", *([] if root else ["--map-root-user"]), *command]
    else:
        argv = command
    config = {
        "work_dir": work_dir,
        "memory_limit_mb": resources.memory_limit_mb,
        "cpu_limit_s": resources.cpu_limit_s,
        "file_size_limit_mb": resources.file_size_limit_mb,
        "new_tasks": resources.new_tasks,
        "work_dir_size_mb": resources.work_dir_size_mb,
        # without a user or pid namespace of its own, a non-root worker shares RLIMIT_NPROC with the user
        "count_existing_processes": level is IsolationLevel.RLIMITS and not root,
        "drop_to_uid": uid,
        # unshare: the worker, root of its own mount (and, not as root, user) namespace, builds the same
        # read-only tree bubblewrap would, on a tmpfs, and pivots into it
        "private_root": (dict(dataclasses.asdict(visible_tree()), root=str(host_work_dir))
                         if level is IsolationLevel.UNSHARE else None),
        "hidden_paths": list(hidden_paths),
        "tripwire": tripwire,
    }
    return Launch(level=level, argv=argv, cwd=str(host_work_dir) if host_work_dir else "/", env=env,
                  worker_config=config,
                  sandbox_uid=uid, host_work_dir=host_work_dir)


def judge_is_root() -> bool:
    """Root judges drop the user's code to a fresh uid; others run it in a user namespace of its own."""
    return os.geteuid() == 0


def _tool(name: str) -> str:
    """Absolute path, found on the judge's PATH (the worker's clean environment has a minimal one)."""
    found = shutil.which(name)
    if found is None:
        raise SandboxUnavailable(f"`{name}` is not installed")
    return found


def forget_probes() -> None:
    """Probe again and warn again next time (tests; a long-running server after bubblewrap is installed)."""
    probe.cache_clear()
    _warned.clear()


def clean_environment(work_dir: str) -> dict[str, str]:
    """Nothing from the judge's environment: no PYTHONPATH, no secrets, one BLAS thread."""
    return {
        "PATH": "/usr/bin:/bin",
        "HOME": work_dir,
        "TMPDIR": work_dir,
        "LANG": "C.UTF-8",
        "PYTHONIOENCODING": "utf-8",
        "PYTHONDONTWRITEBYTECODE": "1",
        "PYTHONHASHSEED": "0",  # the same set/dict-of-str order on every run: reproducible verdicts
        "OMP_NUM_THREADS": "1",
        "OPENBLAS_NUM_THREADS": "1",
        "MKL_NUM_THREADS": "1",
    }


def interpreter() -> str:
    """The real interpreter binary (a venv's ``python`` is a link or a copy of it; with ``-I -S`` the
    venv adds nothing, NumPy's folder is put on ``sys.path`` explicitly)."""
    return os.path.realpath(getattr(sys, "_base_executable", None) or sys.executable)


def worker_sys_path() -> list[str]:
    """The standard library (zip, source, extension modules) and the folder NumPy is installed in."""
    stdlib = os.path.dirname(os.__file__)
    version = f"python{sys.version_info.major}{sys.version_info.minor}.zip"
    paths = [os.path.join(os.path.dirname(stdlib), version), stdlib, os.path.join(stdlib, "lib-dynload")]
    return [p for p in paths if os.path.exists(p)] + [str(numpy_dir().parent)]


def numpy_dir() -> Path:
    import importlib.util

    spec = importlib.util.find_spec("numpy")
    if spec is None or not spec.submodule_search_locations:
        raise SandboxUnavailable("NumPy is not installed; it is required to judge coding drills")
    return Path(list(spec.submodule_search_locations)[0]).resolve()


@dataclass(frozen=True)
class VisibleTree:
    """What the user's code may see of the host, for the levels that build a filesystem of their own
    (bubblewrap, and ``unshare`` in the worker): the interpreter, its standard library and NumPy, all
    read-only. Nothing else of the host is there: no project, no git data, no user data, no checkout."""

    symlinks: tuple[tuple[str, str], ...]  # (path, what it points to): /bin -> usr/bin on merged-/usr systems
    folders: tuple[str, ...]  # bound read-only at the same path
    files: tuple[str, ...]  # bound read-only at the same path


def visible_tree() -> VisibleTree:
    symlinks, folders = [], []
    for name in ("usr", "bin", "sbin", "lib", "lib32", "lib64", "libx32"):
        host = Path("/") / name
        if host.is_symlink():
            symlinks.append((str(host), os.readlink(host)))
        elif host.is_dir():
            folders.append(host)
    numpy_folder = numpy_dir()
    wanted = [Path(sys.base_prefix).resolve(), Path(interpreter()).parent, numpy_folder,
              numpy_folder.parent / "numpy.libs"]  # manylinux wheels keep OpenBLAS next to the package
    for path in wanted:
        if path.exists() and not any(path == b or b in path.parents for b in folders):
            folders.append(path)
    files = [f for f in ("/etc/ld.so.cache",) if os.path.exists(f)]
    return VisibleTree(tuple(symlinks), tuple(str(f) for f in folders), tuple(files))


def _bwrap_prefix(root: bool, hidden_paths: tuple[str, ...], resources: Resources) -> list[str]:
    args = [_tool("bwrap"), "--unshare-ipc", "--unshare-pid", "--unshare-net", "--unshare-uts", "--unshare-cgroup-try",
            "--die-with-parent", "--new-session", "--clearenv", "--hostname", "sandbox"]
    if root:
        # No user namespace as root: uid 0 inside one would still be root to RLIMIT_NPROC. The worker
        # keeps just enough to hand its working directory to a fresh uid and switch to it.
        args += ["--cap-drop", "ALL", "--cap-add", "CAP_SETUID", "--cap-add", "CAP_SETGID", "--cap-add", "CAP_CHOWN"]
    else:
        args += ["--unshare-user"]
    tree = visible_tree()
    for path, target in tree.symlinks:
        args += ["--symlink", target, path]
    bound: list[Path] = []
    made: set[Path] = set()
    for folder in map(Path, tree.folders):
        args += _make_parents(folder, bound, made) + ["--ro-bind", str(folder), str(folder)]
        bound.append(folder)
    for file in tree.files:
        args += ["--ro-bind-try", file, file]
    for name in WORKER_FILES:
        args += ["--ro-bind", str(Path(__file__).resolve().parent / name), f"{SANDBOX_CODE_DIR}/{name}"]
    for hidden in hidden_paths:  # only matters if a judge folder lies inside something bound above
        hidden_dir = Path(hidden).resolve()
        if hidden_dir.is_dir() and any(b in hidden_dir.parents for b in bound):
            args += ["--perms", "0555", "--size", "4096", "--tmpfs", str(hidden_dir)]
    args += ["--proc", "/proc", "--dev", "/dev",
             "--perms", "0700", "--size", str(resources.work_dir_size_mb * 1024 * 1024), "--tmpfs", SANDBOX_WORK_DIR,
             "--chdir", SANDBOX_WORK_DIR]
    return args


def _make_parents(path: Path, bound: list[Path], made: set[Path]) -> list[str]:
    """bubblewrap creates missing parents of a mount point as 0700 root: the dropped uid could not walk
    through them, so create them world-traversable first."""
    args = []
    for parent in reversed(path.parents):
        if parent == Path("/") or parent in made or any(parent == b or b in parent.parents for b in bound):
            continue
        made.add(parent)
        args += ["--perms", "0755", "--dir", str(parent)]
    return args
