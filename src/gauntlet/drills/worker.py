"""The sandboxed side of a drill run: load the user's module, then answer the judge's calls over a pipe.

Run by the sandbox launcher as ``python -I -S -B worker.py REQUEST_FD REPLY_FD SYS_PATH``, inside whatever isolation
the machine allows (see ``gauntlet.drills.isolation``). It imports only the standard library, NumPy and
``wire.py`` from its own folder, because inside the sandbox the ``gauntlet`` package is not visible.

Order matters. Everything up to "user code" below runs trusted, before any line the user wrote:

1. read the start message (configuration + the user's source) from the request pipe;
2. at the ``unshare`` level only: build a root filesystem of its own and pivot into it;
3. import NumPy (so the user's ``import numpy`` is free and our baseline memory is known);
4. set rlimits (address space = baseline + the drill's memory limit, CPU, file size, open files,
   processes), drop root to the sandbox uid if we are root, forbid gaining privileges again;
5. install the audit-hook tripwire, then run the user's module and serve calls.

The tripwire (``sys.addaudithook``) turns attempts at the network, processes, signals, ctypes, writes
outside the working directory or reads of the judge's files into a clear ``forbidden`` verdict. It is
not the security boundary (user code in the same process can get around it): namespaces, rlimits and
the dropped uid are.
"""

from __future__ import annotations

import _thread
import os
import sys
from typing import TYPE_CHECKING, Any, cast

if TYPE_CHECKING:
    import ctypes
    from collections.abc import Callable
    from types import FrameType, ModuleType
    from typing import Protocol

    class _Wire(Protocol):
        """What the worker uses of ``wire.py``, which it loads from its own folder (the ``gauntlet``
        package is not visible in the sandbox); mypy checks ``gauntlet.drills.wire`` itself."""

        UnsupportedValue: type[Exception]

        def frame_size(self, head: bytes) -> int: ...

        def decode_frame(self, payload: bytes) -> dict[str, Any]: ...

        def encode_message(self, message: dict[str, Any]) -> bytes: ...

EXIT_FORBIDDEN = 86  # the tripwire's exit status, after it has sent its report

_HERE = os.path.dirname(os.path.abspath(__file__))
_OWN_FILES = (os.path.join(_HERE, "worker.py"), os.path.join(_HERE, "wire.py"))


def main(request_fd: int, reply_fd: int, sys_path: list[str]) -> None:
    sys.path[:] = sys_path
    wire = _load_wire_module()
    channel = _Channel(request_fd, reply_fd, wire)
    start = channel.receive()
    config, source = start["config"], start["source"]
    try:
        _prepare_process(config, request_fd)
    except Exception as exc:  # noqa: BLE001 - a broken sandbox must be reported, not look like user error
        import traceback

        channel.send({"kind": "sandbox_error", "message": f"{type(exc).__name__}: {exc}",
                      "traceback": traceback.format_exc()})
        return
    channel.send({"kind": "armed"})
    import linecache

    import numpy

    filename = config["display_name"]
    linecache.cache[filename] = (len(source), None, source.splitlines(True), filename)
    try:
        code = compile(source, filename, "exec", dont_inherit=True)
    except (SyntaxError, ValueError) as exc:  # ValueError: source with NUL bytes
        channel.send({"kind": "runtime_error", "message": _one_line(exc), "traceback": _format_exc(exc)})
        return
    if config.get("tripwire", True):
        tripwire = _Tripwire(config, channel, numpy_dir=os.path.dirname(numpy.__file__))
        sys.addaudithook(tripwire)

    # ---- user code from here on ----
    module = type(sys)("solution")
    module.__file__ = filename
    sys.modules["solution"] = module
    failure = _run_user(lambda: exec(code, module.__dict__))
    if failure is not None:
        channel.send(failure)
        return
    missing = [name for name in config["entries"] if not callable(getattr(module, name, None))]
    channel.send({"kind": "ready", "missing": missing})
    _serve(channel, module, wire)


def _prepare_process(config: dict[str, Any], request_fd: int) -> None:
    """The trusted set-up, steps 2-4 of the module docstring."""
    if config.get("private_root"):
        _private_root(config)
    import linecache  # noqa: F401  (imported now: the tripwire would see later imports as the user's)
    import traceback  # noqa: F401

    import numpy  # noqa: F401

    _start_watchdog(request_fd)
    _apply_limits(config)
    if config.get("drop_to_uid") is not None:
        handles = _hold_private_import_paths()
        _drop_privileges(config["drop_to_uid"], config["work_dir"])
        _reroute_imports(handles)
    _forbid_new_privileges()
    os.chdir(config["work_dir"])
    os.umask(0o077)


def _serve(channel: _Channel, module: ModuleType, wire: _Wire) -> None:
    while True:
        request = channel.receive()
        if request.get("op") != "call":
            return
        outcome: dict[str, Any] = {}
        failure = _run_user(_user_call(module, request, outcome))
        _flush_user_output()
        if failure is not None:
            channel.send(failure)
            continue
        try:
            channel.send({"kind": "value", "value": outcome["value"]})
        except wire.UnsupportedValue as exc:
            channel.send({"kind": "runtime_error", "message": f"your function returned {exc}", "traceback": ""})
        except MemoryError:
            channel.send({"kind": "memory_limit", "message": "MemoryError while sending the result back",
                          "traceback": ""})


def _user_call(module: ModuleType, request: dict[str, Any], outcome: dict[str, Any]) -> Callable[[], None]:
    """The user's function called as ``request`` asks, its result kept in ``outcome["value"]``."""

    def call() -> None:
        outcome["value"] = getattr(module, request["name"])(*request["args"], **request["kwargs"])

    return call


def _run_user(action: Callable[[], None]) -> dict[str, Any] | None:
    """Run ``action``; ``None`` if it returned, else the failure message for the judge."""
    try:
        action()
    except MemoryError as exc:
        return {"kind": "memory_limit", "message": _one_line(exc), "traceback": _format_exc(exc)}
    except BaseException as exc:  # noqa: BLE001 - SystemExit and KeyboardInterrupt are the user's too
        return {"kind": "runtime_error", "message": _one_line(exc), "traceback": _format_exc(exc)}
    return None


def _one_line(exc: BaseException) -> str:
    text = str(exc).strip().splitlines()
    return f"{type(exc).__name__}: {text[0]}" if text else type(exc).__name__


def _format_exc(exc: BaseException) -> str:
    """The traceback without this file's frames: the user sees their own code (and library frames it
    called into), never the runner."""
    import traceback

    summary = traceback.extract_tb(exc.__traceback__)
    frames = [frame for frame in summary if frame.filename not in _OWN_FILES]
    lines = []
    if frames:
        lines.append("Traceback (most recent call last):\n")
        lines.extend(traceback.format_list(frames))
    lines.extend(traceback.format_exception_only(type(exc), exc))
    return "".join(lines)


def _flush_user_output() -> None:
    for stream in (sys.stdout, sys.stderr):
        try:
            stream.flush()
        except Exception:  # noqa: BLE001 - the user may have closed or replaced the stream
            pass


class _Channel:
    """Frames over two pipe ends the user's code does not know about (it could find them; the judge
    treats whatever arrives as untrusted)."""

    def __init__(self, request_fd: int, reply_fd: int, wire: _Wire) -> None:
        self.request_fd, self.reply_fd, self.wire = request_fd, reply_fd, wire

    def receive(self) -> dict[str, Any]:
        head = self._read_exactly(8)
        if head is None:
            raise SystemExit(0)  # the judge closed the pipe: nothing more to do
        body = self._read_exactly(self.wire.frame_size(head))
        if body is None:
            raise SystemExit(0)
        return self.wire.decode_frame(body)

    def send(self, message: dict[str, Any]) -> None:
        view = memoryview(self.wire.encode_message(message))
        while view:
            written = os.write(self.reply_fd, view)
            view = view[written:]

    def _read_exactly(self, size: int) -> bytes | None:
        chunks, remaining = [], size
        while remaining:
            chunk = os.read(self.request_fd, min(remaining, 1 << 20))
            if not chunk:
                return None
            chunks.append(chunk)
            remaining -= len(chunk)
        return b"".join(chunks)


def _load_wire_module() -> _Wire:
    import importlib.util

    spec = importlib.util.spec_from_file_location("_gauntlet_wire", os.path.join(_HERE, "wire.py"))
    if spec is None or spec.loader is None:
        raise ImportError(f"cannot load {os.path.join(_HERE, 'wire.py')}")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return cast("_Wire", module)


def _start_watchdog(request_fd: int) -> None:
    """Exit when the judge goes away, even in the middle of a user call (a sleeping call would otherwise
    outlive it). Polling the request pipe for hang-up consumes nothing from it."""
    import select
    import threading

    def watch() -> None:
        poller = select.poll()
        poller.register(request_fd, select.POLLHUP | select.POLLERR)
        while True:
            for _fd, events in poller.poll(1000):
                if events & (select.POLLHUP | select.POLLERR):
                    os._exit(0)

    threading.stack_size(256 * 1024)  # counted in the address-space limit: keep it small
    threading.Thread(target=watch, name="judge-watchdog", daemon=True).start()
    threading.stack_size(0)


def _apply_limits(config: dict[str, Any]) -> None:
    import resource
    import signal

    def cap(which: int, value: int) -> None:
        resource.setrlimit(which, (value, value))

    # Address space: what the interpreter and NumPy already map, plus the drill's budget, so the same
    # memory_limit_mb means the same amount of user data on every machine.
    cap(resource.RLIMIT_AS, _mapped_bytes() + config["memory_limit_mb"] * 1024 * 1024)
    cpu = config["cpu_limit_s"]
    resource.setrlimit(resource.RLIMIT_CPU, (cpu, cpu + 1))  # SIGXCPU first, then SIGKILL
    cap(resource.RLIMIT_FSIZE, config["file_size_limit_mb"] * 1024 * 1024)
    cap(resource.RLIMIT_NOFILE, 64)
    cap(resource.RLIMIT_CORE, 0)
    # RLIMIT_NPROC caps the tasks (threads and processes) of this uid: set to what exists now, no new one
    # can start, so no child brings an address-space budget of its own (4 forks would have made the
    # memory limit 5 times larger). Root is exempt, hence the drop to a fresh uid (``_drop_privileges``).
    if config.get("count_existing_processes"):
        # Without a user or pid namespace of our own, RLIMIT_NPROC counts every process of this uid.
        tasks = _processes_of_uid(os.getuid())
    else:
        tasks = len(os.listdir("/proc/self/task"))
    cap(resource.RLIMIT_NPROC, tasks + config["new_tasks"])
    # A too-large file then fails with an OSError the user sees, instead of a silent kill.
    signal.signal(signal.SIGXFSZ, signal.SIG_IGN)


def _mapped_bytes() -> int:
    with open("/proc/self/status", encoding="ascii") as status:
        for line in status:
            if line.startswith("VmSize:"):
                return int(line.split()[1]) * 1024
    raise RuntimeError("/proc/self/status has no VmSize")


def _processes_of_uid(uid: int) -> int:
    """Tasks (threads count, as for RLIMIT_NPROC) of ``uid`` on the whole machine."""
    count = 0
    for entry in os.listdir("/proc"):
        if entry.isdigit():
            try:
                if os.stat(f"/proc/{entry}").st_uid == uid:
                    count += len(os.listdir(f"/proc/{entry}/task"))
            except OSError:  # the process ended meanwhile
                pass
    return count


def _drop_privileges(uid: int, work_dir: str) -> None:
    """From root to an unprivileged uid used by nothing else: the kernel then enforces RLIMIT_NPROC (it
    exempts root), file permissions apply, and all capabilities are gone."""
    os.chown(work_dir, uid, uid)
    os.setgroups([])
    os.setresgid(uid, uid, uid)
    os.setresuid(uid, uid, uid)
    try:
        os.setuid(0)
    except PermissionError:
        return
    raise RuntimeError("could not drop root privileges")  # pragma: no cover - would be a kernel surprise


def _hold_private_import_paths() -> dict[str, int]:
    """Before dropping root: an O_PATH handle on every ``sys.path`` folder the sandbox uid could not
    reach (e.g. an interpreter installed under root's 0700 home). Levels without a filesystem view of
    their own need this, or the user could import nothing the worker had not imported already."""
    handles = {}
    for entry in sys.path:
        if os.path.isdir(entry) and not _reachable_by_others(entry):
            handles[entry] = os.open(entry, os.O_PATH | os.O_DIRECTORY | os.O_CLOEXEC)
    return handles


def _reachable_by_others(path: str) -> bool:
    import stat

    current = os.path.realpath(path)
    while True:
        if not os.stat(current).st_mode & stat.S_IXOTH:
            return False
        if current == "/":
            return True
        current = os.path.dirname(current)


def _reroute_imports(handles: dict[str, int]) -> None:
    """Point imports at ``/proc/self/fd/N`` for the held folders: opening through the handle needs
    no search permission on the folders above it. The process must be dumpable again (dropping root
    made it not) for its own /proc/self/fd to be readable."""
    if not handles:
        return
    import ctypes

    PR_SET_DUMPABLE = 4
    if ctypes.CDLL(None, use_errno=True).prctl(PR_SET_DUMPABLE, 1, 0, 0, 0) != 0:
        raise OSError(ctypes.get_errno(), "prctl(PR_SET_DUMPABLE) failed")
    routes = {old: f"/proc/self/fd/{fd}" for old, fd in handles.items()}

    def reroute(path: str) -> str:
        for old in sorted(routes, key=len, reverse=True):
            if path == old or path.startswith(old + os.sep):
                return routes[old] + path[len(old):]
        return path

    sys.path[:] = [reroute(p) for p in sys.path]
    for module in list(sys.modules.values()):  # packages already imported (numpy) import lazily later
        package_path = getattr(module, "__path__", None)
        if isinstance(package_path, list):
            package_path[:] = [reroute(p) for p in package_path]
    sys.path_importer_cache.clear()


def _forbid_new_privileges() -> None:
    """PR_SET_NO_NEW_PRIVS: no set-uid binary or file capability can raise privileges after this."""
    import ctypes

    libc = ctypes.CDLL(None, use_errno=True)
    PR_SET_NO_NEW_PRIVS = 38
    if libc.prctl(PR_SET_NO_NEW_PRIVS, 1, 0, 0, 0) != 0:
        raise OSError(ctypes.get_errno(), "prctl(PR_SET_NO_NEW_PRIVS) failed")


def _private_root(config: dict[str, Any]) -> None:
    """``unshare`` level, as root of a private mount namespace (real root, or the user mapped to root of
    a user namespace of its own): build on a tmpfs the tree bubblewrap builds - the interpreter, its
    standard library and NumPy, bound read-only at their own paths, /proc, four /dev nodes, and a
    fresh size-limited tmpfs at the working folder - and pivot into it. The host's other files (the
    project, its git data, the user's database, other checkouts) are then not there at all, whatever
    their permissions. Not as root, every capability is dropped afterwards (bounding set included),
    so the user's code cannot undo a mount."""
    import ctypes

    tree = config["private_root"]
    libc = ctypes.CDLL(None, use_errno=True)
    libc.mount.argtypes = [ctypes.c_char_p, ctypes.c_char_p, ctypes.c_char_p, ctypes.c_ulong, ctypes.c_char_p]
    MS_RDONLY, MS_NOSUID, MS_NODEV, MS_NOEXEC, MS_BIND, MS_REC = 1, 2, 4, 8, 4096, 16384

    def check(result: int, what: str) -> None:
        if result != 0:
            errno = ctypes.get_errno()
            raise OSError(errno, f"{what} failed: {os.strerror(errno)}")

    def mount(source: str | None, target: str, fstype: str | None, flags: int, options: str | None = None) -> None:
        check(libc.mount(source and source.encode(), target.encode(), fstype and fstype.encode(), flags,
                         options and options.encode()), f"mounting {source or fstype} on {target}")

    class MountAttr(ctypes.Structure):
        _fields_ = [("attr_set", ctypes.c_uint64), ("attr_clr", ctypes.c_uint64),
                    ("propagation", ctypes.c_uint64), ("userns_fd", ctypes.c_uint64)]

    SYS_mount_setattr, AT_FDCWD, AT_RECURSIVE = 442, -100, 0x8000
    MOUNT_ATTR_RDONLY, MOUNT_ATTR_NOSUID, MOUNT_ATTR_NODEV = 0x1, 0x2, 0x4

    def read_only(target: str, recursive: bool = True) -> None:
        # mount_setattr adds flags and keeps those the host locked (a plain remount would have to repeat them)
        attr = MountAttr(MOUNT_ATTR_RDONLY | MOUNT_ATTR_NOSUID | MOUNT_ATTR_NODEV, 0, 0, 0)
        check(libc.syscall(SYS_mount_setattr, AT_FDCWD, target.encode(), AT_RECURSIVE if recursive else 0,
                           ctypes.byref(attr), ctypes.sizeof(attr)), f"making {target} read-only")

    root = tree["root"]
    mount("tmpfs", root, "tmpfs", MS_NOSUID | MS_NODEV, "size=1m,mode=0755")
    for path, target in tree["symlinks"]:
        os.symlink(target, root + path)
    for folder in tree["folders"]:
        os.makedirs(root + folder, mode=0o755, exist_ok=True)
        mount(folder, root + folder, None, MS_BIND | MS_REC)
        read_only(root + folder)
    devices = ("/dev/null", "/dev/zero", "/dev/random", "/dev/urandom")
    for file in (*tree["files"], *devices):
        os.makedirs(os.path.dirname(root + file), mode=0o755, exist_ok=True)
        open(root + file, "x").close()
        mount(file, root + file, None, MS_BIND)
        if file not in devices:
            read_only(root + file)
    for path in config["hidden_paths"]:  # only there if a judge folder lies inside a bound one
        if os.path.isdir(root + path):
            mount("tmpfs", root + path, "tmpfs", MS_RDONLY | MS_NOSUID | MS_NODEV, "size=4k,mode=0555")
    os.makedirs(root + "/proc", mode=0o555)
    mount("proc", root + "/proc", "proc", MS_NOSUID | MS_NODEV | MS_NOEXEC)
    os.makedirs(root + config["work_dir"], mode=0o700)
    uid = config.get("drop_to_uid") or 0
    mount("tmpfs", root + config["work_dir"], "tmpfs", MS_NOSUID | MS_NODEV,
          f"size={config['work_dir_size_mb']}m,mode=0700,uid={uid},gid={uid}")
    # pivot_root(".", "."): the old root ends up stacked under the new one and is detached at once
    os.chdir(root)
    SYS_pivot_root = {"x86_64": 155, "aarch64": 41}.get(os.uname().machine)
    if SYS_pivot_root is None:
        raise OSError(f"no pivot_root syscall number known for {os.uname().machine}")
    check(libc.syscall(SYS_pivot_root, b".", b"."), "pivot_root")
    MNT_DETACH = 2
    check(libc.umount2(b".", MNT_DETACH), "detaching the host's root")
    os.chdir("/")
    read_only("/", recursive=False)  # the tree itself; the working folder is a mount of its own
    if config.get("drop_to_uid") is None:
        _drop_capabilities(libc)


def _drop_capabilities(libc: ctypes.CDLL) -> None:
    """Every capability, now and after any exec (bounding set emptied): root of a user namespace could
    otherwise unmount what hides the host."""
    import ctypes

    PR_CAPBSET_DROP, PR_CAP_AMBIENT, PR_CAP_AMBIENT_CLEAR_ALL = 24, 47, 4
    for capability in range(64):
        if libc.prctl(PR_CAPBSET_DROP, capability, 0, 0, 0) != 0 and ctypes.get_errno() != 22:  # EINVAL: none
            raise OSError(ctypes.get_errno(), f"dropping capability {capability} failed")
    libc.prctl(PR_CAP_AMBIENT, PR_CAP_AMBIENT_CLEAR_ALL, 0, 0, 0)

    class Header(ctypes.Structure):
        _fields_ = [("version", ctypes.c_uint32), ("pid", ctypes.c_int)]

    class Data(ctypes.Structure):
        _fields_ = [("effective", ctypes.c_uint32), ("permitted", ctypes.c_uint32),
                    ("inheritable", ctypes.c_uint32)]

    header, data = Header(0x20080522, 0), (Data * 2)()  # _LINUX_CAPABILITY_VERSION_3, all zero
    if libc.capset(ctypes.byref(header), ctypes.byref(data)) != 0:
        raise OSError(ctypes.get_errno(), "dropping capabilities failed")
    with open("/proc/self/status", encoding="ascii") as status:
        left = {line.split(":")[0]: int(line.split()[1], 16) for line in status if line.startswith("Cap")}
    if left.get("CapEff") or left.get("CapPrm") or left.get("CapBnd"):
        raise RuntimeError(f"capabilities left after dropping them: {left}")


class _Tripwire:
    """Audit hook: the first forbidden event is reported to the judge and ends the process at once (an
    exception could be caught by the user's code)."""

    _PROCESS_EVENTS = {"os.fork", "os.forkpty", "os.exec", "os.posix_spawn", "os.spawn", "os.system",
                       "os.startfile", "subprocess.Popen", "pty.spawn"}
    _SIGNAL_EVENTS = {"os.kill", "os.killpg", "signal.pthread_kill"}
    _PATH_WRITE_EVENTS = {"os.remove", "os.rename", "os.rmdir", "os.mkdir", "os.chmod", "os.chown",
                          "os.utime", "os.truncate", "os.setxattr", "os.removexattr", "shutil.rmtree"}
    _DANGEROUS_IMPORTS = {"socket", "_socket", "ssl", "_ssl", "subprocess", "_posixsubprocess",
                          "multiprocessing", "_multiprocessing", "ctypes", "_ctypes", "pty", "fcntl",
                          "termios", "resource", "asyncio", "socketserver", "ftplib", "smtplib", "poplib",
                          "imaplib", "nntplib", "telnetlib", "webbrowser", "urllib.request", "http.client",
                          "http.server", "xmlrpc.client", "xmlrpc.server",
                          # standard modules built on the ones above (sockets, file locks, the terminal)
                          "asynchat", "asyncore", "smtpd", "cgi", "mailbox", "getpass", "tty"}
    _DEVICES_READABLE = {"/dev/null", "/dev/zero", "/dev/urandom", "/dev/random"}

    def __init__(self, config: dict[str, Any], channel: _Channel, numpy_dir: str) -> None:
        self.channel = channel
        self.work_dir = os.path.realpath(config["work_dir"])
        self.hidden = tuple(os.path.realpath(p) for p in config["hidden_paths"])
        self.protocol_fds = (channel.request_fd, channel.reply_fd)
        self.numpy_dir = numpy_dir + os.sep
        self.stdlib_dir = os.path.dirname(os.__file__) + os.sep
        self.importlib_dir = os.path.join(self.stdlib_dir, "importlib") + os.sep
        self.allowed_top_level = set(sys.stdlib_module_names) | {"numpy", "solution"}
        self.tripped = False
        self.busy_threads: set[int] = set()

    def __call__(self, event: str, args: tuple[Any, ...]) -> None:
        thread = _thread.get_ident()
        # re-entry: the hook's own work (sys._getframe, realpath...) raises events of its own
        if self.tripped or thread in self.busy_threads:
            return
        self.busy_threads.add(thread)
        try:
            reason = self._judge(event, args, sys._getframe(1) if event == "import" else None)
        finally:
            self.busy_threads.discard(thread)
        if reason is not None:
            self.tripped = True
            self._report(f"{reason} ({event})")

    def _judge(self, event: str, args: tuple[Any, ...], caller: FrameType | None) -> str | None:
        if event == "open":
            return self._judge_open(*args[:3])
        if event == "import":
            return self._judge_import(args[0], caller)
        if event.startswith("socket.") or event in ("urllib.Request", "webbrowser.open"):
            return "network access is not allowed"
        if event in self._PROCESS_EVENTS:
            return "starting processes is not allowed"
        if event in self._SIGNAL_EVENTS:
            return "sending signals is not allowed"
        if event.startswith("ctypes."):
            return "ctypes (foreign calls, raw memory) is not allowed"
        if event.startswith("resource.") or event == "fcntl.ioctl":
            return "changing resource limits or devices is not allowed"
        if event in ("os.symlink", "os.link"):
            return "creating links is not allowed"
        if event in self._PATH_WRITE_EVENTS or event == "sqlite3.connect":
            return self._judge_write_paths(event, args)
        if event in ("os.listdir", "os.scandir", "os.chdir") and args and self._is_hidden(args[0]):
            return "reading the judge's files is not allowed"
        return None

    # Audit events pass the arguments of the audited call as they were given: any type.
    def _judge_open(self, path: Any, mode: Any, flags: Any) -> str | None:
        if isinstance(path, int):
            return "the judge's channel is off limits" if path in self.protocol_fds else None
        resolved = self._resolve(path)
        if resolved is None:
            return None
        writing = (isinstance(mode, str) and any(c in mode for c in "wax+")) or (
            isinstance(flags, int) and flags & (os.O_WRONLY | os.O_RDWR | os.O_CREAT | os.O_TRUNC | os.O_APPEND)
        )
        if writing and resolved != "/dev/null" and not self._inside_work_dir(resolved):
            return f"writing outside your working directory is not allowed: {path!r}"
        if self._is_hidden(resolved):
            return "reading the judge's files is not allowed"
        if resolved.startswith("/dev/") and resolved not in self._DEVICES_READABLE:
            return f"opening devices is not allowed: {path!r}"
        parts = resolved.split("/")
        if len(parts) > 2 and parts[1] == "proc" and parts[2].isdigit() and parts[2] != str(os.getpid()):
            return "looking at other processes is not allowed"
        return None

    def _judge_import(self, name: Any, caller: FrameType | None) -> str | None:
        if not isinstance(name, str):
            return None
        top = name.split(".")[0]
        dangerous = name in self._DANGEROUS_IMPORTS or top in self._DANGEROUS_IMPORTS
        if top in self.allowed_top_level and not dangerous:
            return None
        if self._on_behalf_of_numpy(caller):
            return None
        frame = self._importer(caller)
        importer = frame.f_code.co_filename if frame is not None else ""
        if top not in self.allowed_top_level:
            if self._in_stdlib(importer):
                # The standard library probing for what is not there (``copy`` tries Jython's
                # ``org.python.core``): it fails with ImportError, as the library expects.
                return None
            return f"only numpy and the standard library may be imported, not {name!r}"
        return f"importing {name!r} is not allowed (no network, processes or raw memory)"

    def _importer(self, frame: FrameType | None) -> FrameType | None:
        """The frame of the code that asked for an import, past the import machinery's own frames
        (``importlib.import_module`` included), or None."""
        while frame is not None:
            filename = frame.f_code.co_filename
            if not (filename.startswith("<frozen importlib") or filename.startswith(self.importlib_dir)):
                return frame
            frame = frame.f_back
        return None

    def _on_behalf_of_numpy(self, frame: FrameType | None) -> bool:
        """NumPy asked for this, directly or through standard modules it imports: ``numpy.testing``
        imports ``subprocess`` (which imports ``fcntl``) and, further down, ``email.utils`` imports
        ``socket``. Not the user's doing. Walks out past the import machinery and standard-library
        frames; the first other frame decides (NumPy: yes; the user's code: no)."""
        while frame is not None:
            filename = frame.f_code.co_filename
            if filename.startswith(self.numpy_dir):
                return True
            if not (filename.startswith("<frozen importlib") or filename.startswith(self.importlib_dir)
                    or self._in_stdlib(filename)):
                return False
            frame = frame.f_back
        return False

    def _in_stdlib(self, filename: str) -> bool:
        if filename.startswith("<frozen "):  # a frozen standard-library module (os, codecs...)
            return True
        return (filename.startswith(self.stdlib_dir) and "-packages" + os.sep not in filename
                and not self._inside_work_dir(os.path.realpath(filename)))

    def _judge_write_paths(self, event: str, args: tuple[Any, ...]) -> str | None:
        paths = [a for a in args[:2] if isinstance(a, (str, bytes, os.PathLike))]
        if event == "sqlite3.connect" and paths and paths[0] in (":memory:", b":memory:", ""):
            return None
        for path in paths:
            resolved = self._resolve(path)
            if resolved is not None and not self._inside_work_dir(resolved):
                return f"changing files outside your working directory is not allowed: {path!r}"
        return None

    def _resolve(self, path: Any) -> str | None:
        try:
            return os.path.realpath(os.fsdecode(path))
        except (TypeError, ValueError, OSError):
            return None

    def _inside_work_dir(self, resolved: str) -> bool:
        return resolved == self.work_dir or resolved.startswith(self.work_dir + os.sep)

    def _is_hidden(self, path: Any) -> bool:
        resolved = path if isinstance(path, str) and path.startswith("/") else self._resolve(path)
        return resolved is not None and any(resolved == h or resolved.startswith(h + os.sep) for h in self.hidden)

    def _report(self, reason: str) -> None:
        _flush_user_output()
        try:
            self.channel.send({"kind": "forbidden", "message": reason, "traceback": _caller_trace()})
        finally:
            os._exit(EXIT_FORBIDDEN)


def _caller_trace() -> str:
    """Where in the user's code the forbidden operation happened (their frames only)."""
    import traceback

    frames = [f for f in traceback.extract_stack(sys._getframe(3)) if f.filename not in _OWN_FILES
              and not f.filename.startswith("<frozen")]
    return "".join(["Traceback (most recent call last):\n", *traceback.format_list(frames)]) if frames else ""


if __name__ == "__main__":
    main(int(sys.argv[1]), int(sys.argv[2]), sys.argv[3].split(os.pathsep))
