"""The judge's handle on one sandboxed worker: start it, call the user's functions, always clean up.

Everything the worker sends is untrusted: replies are read with a deadline and a size cap and decoded
by ``wire`` (no pickle, no eval); the user's stdout/stderr are drained on separate pipes and capped; a
worker that overruns its time, floods its output or breaks the protocol is killed with its whole
process tree. Failures of the user's code surface as ``UserCodeFailed`` with a verdict.
"""

from __future__ import annotations

import os
import selectors
import shutil
import signal
import subprocess
import time
from dataclasses import dataclass, field
from typing import Any, NoReturn

from gauntlet.drills import wire
from gauntlet.drills.isolation import IsolationLevel, Launch, Resources, build_launch
from gauntlet.drills.verdict import Verdict
from gauntlet.errors import GauntletError

OUTPUT_LIMIT_BYTES = 1024 * 1024  # the user's prints, both streams; more ends the run
OUTPUT_KEPT_BYTES = 16 * 1024  # what is kept to show
SETUP_TIMEOUT_S = 60  # starting the sandbox and NumPy, not charged to the user; generous for busy machines
_REPLY_KINDS = {"armed", "ready", "value", "runtime_error", "memory_limit", "forbidden", "sandbox_error"}


class SandboxError(GauntletError):
    """The sandbox itself failed (not the user's code): the message carries the worker's report."""


class UserCodeFailed(Exception):
    """The user's code did not return normally: ``verdict`` says how, ``message``/``traceback`` say
    where (the traceback holds the user's frames only)."""

    def __init__(self, verdict: Verdict, message: str, traceback: str = ""):
        super().__init__(message)
        self.verdict, self.message, self.traceback = verdict, message, traceback


@dataclass
class CapturedOutput:
    """What the user's code printed: the first ``OUTPUT_KEPT_BYTES`` and the total size."""

    kept: bytearray = field(default_factory=bytearray)
    total: int = 0

    def add(self, chunk: bytes) -> None:
        self.total += len(chunk)
        room = OUTPUT_KEPT_BYTES - len(self.kept)
        if room > 0:
            self.kept += chunk[:room]

    def text(self) -> str:
        shown = self.kept.decode("utf-8", "replace")
        if self.total > len(self.kept):
            shown += f"\n... ({self.total - len(self.kept)} more bytes not shown)"
        return shown


class Worker:
    """One worker process holding the user's module. Use as a context manager; ``close`` kills it."""

    def __init__(self, source: str, filename: str, entries: tuple[str, ...], level: IsolationLevel,
                 resources: Resources, hidden_paths: tuple[str, ...] = (), tripwire: bool = True) -> None:
        self.source, self.filename, self.entries = source, filename, entries
        self.level, self.resources = level, resources
        self.hidden_paths, self.tripwire = hidden_paths, tripwire
        self.output = CapturedOutput()
        self.process: subprocess.Popen[bytes] | None = None
        self.launch: Launch | None = None
        self._fds: dict[str, int] = {}
        self._started_at = 0.0
        self.load_seconds = 0.0  # running the module's top level: charged to the user's time budget
        self._inbox = bytearray()  # bytes from the reply pipe not yet taken as a frame
        self._armed = False  # the worker finished its trusted set-up; user code may run from now on

    def __enter__(self) -> Worker:
        return self

    def __exit__(self, *exc_info: object) -> None:
        self.close()

    # -- lifecycle -------------------------------------------------------------------------------

    def start(self, budget_s: float) -> None:
        """Launch the worker and load the user's module (``load_seconds``: the time that took).

        Setting up the sandbox (interpreter, NumPy, limits) is the judge's cost, bounded by
        ``SETUP_TIMEOUT_S``; running the module's top level is the user's, bounded by ``budget_s``.
        Raises ``UserCodeFailed`` if loading fails, a module-level statement misbehaves, or an entry
        function is missing; ``SandboxError`` if the sandbox itself cannot start.
        """
        request_read, request_write = os.pipe()
        reply_read, reply_write = os.pipe()
        out_read, out_write = os.pipe()
        err_read, err_write = os.pipe()
        self._fds = {"request": request_write, "reply": reply_read, "stdout": out_read, "stderr": err_read}
        try:
            self.launch = build_launch(self.level, self.resources, request_fd=request_read, reply_fd=reply_write,
                                       hidden_paths=self.hidden_paths, tripwire=self.tripwire)
            self._started_at = time.monotonic()
            self.process = subprocess.Popen(
                self.launch.argv, cwd=self.launch.cwd, env=self.launch.env, stdin=subprocess.DEVNULL,
                stdout=out_write, stderr=err_write, pass_fds=(request_read, reply_write),
                start_new_session=True,  # its own process group, so one kill reaches the whole tree
            )
        finally:
            for fd in (request_read, reply_write, out_write, err_write):
                os.close(fd)
        for fd in self._fds.values():
            os.set_blocking(fd, False)
        config = dict(self.launch.worker_config, display_name=self.filename, entries=list(self.entries))
        start_message = wire.encode_message({"config": config, "source": self.source})
        reply = self._exchange(start_message, time.monotonic() + SETUP_TIMEOUT_S, setup=True)
        if reply["kind"] != "armed":
            self._raise_failure(reply)
        self._armed = True
        loading_started = time.monotonic()
        try:
            reply = self._exchange(b"", loading_started + budget_s)
        finally:
            self.load_seconds = time.monotonic() - loading_started
        if reply["kind"] != "ready":
            self._raise_failure(reply)
        missing = reply.get("missing")
        if not isinstance(missing, list):
            self._protocol_violation("a malformed ready message")
        if missing:
            names = ", ".join(str(m) for m in missing)
            raise UserCodeFailed(Verdict.RUNTIME_ERROR, f"{self.filename} does not define the function(s): {names}")

    @property
    def alive(self) -> bool:
        return self.process is not None and self.process.poll() is None and bool(self._fds)

    def call(self, name: str, args: tuple[Any, ...], kwargs: dict[str, Any], deadline: float) -> Any:
        """``name(*args, **kwargs)`` in the sandbox. Raises ``UserCodeFailed``; after a time limit,
        crash or forbidden operation the worker is gone (``alive`` is False)."""
        try:
            request = wire.encode_message({"op": "call", "name": name, "args": list(args), "kwargs": kwargs})
        except wire.UnsupportedValue as exc:  # a bug in a test, not the user's doing
            raise ValueError(f"test passed an unsupported value to {name}: {exc}") from None
        reply = self._exchange(request, deadline)
        if reply["kind"] == "value" and "value" in reply:
            return reply["value"]
        self._raise_failure(reply)

    def close(self) -> None:
        """Kill the worker and everything it started, then release every resource. Idempotent."""
        if self.process is not None:
            self._kill_tree()
        for fd in self._fds.values():
            try:
                os.close(fd)
            except OSError:
                pass
        self._fds = {}
        if self.launch is not None and self.launch.host_work_dir is not None:
            shutil.rmtree(self.launch.host_work_dir, ignore_errors=True)

    # -- protocol --------------------------------------------------------------------------------

    def _exchange(self, outgoing: bytes, deadline: float, setup: bool = False) -> dict[str, Any]:
        """Send ``outgoing``, then return the next reply, draining the user's output meanwhile."""
        pending = memoryview(outgoing)
        frame = self._next_frame()  # the worker may have sent two messages at once (armed, ready)
        if frame is not None and not pending:
            return frame
        selector = selectors.DefaultSelector()
        try:
            if pending:
                selector.register(self._fds["request"], selectors.EVENT_WRITE, "request")
            for name in ("reply", "stdout", "stderr"):
                selector.register(self._fds[name], selectors.EVENT_READ, name)
            while True:
                remaining = deadline - time.monotonic()
                if remaining <= 0:
                    self._kill_tree()
                    if setup:
                        raise SandboxError(f"the {self.level.value} sandbox did not start within "
                                           f"{SETUP_TIMEOUT_S} s:\n{self.output.text()}")
                    raise UserCodeFailed(Verdict.TIME_LIMIT, "your code ran past the time limit")
                for key, _ in selector.select(min(remaining, 0.5)):
                    if key.data == "request":
                        try:
                            pending = pending[os.write(key.fd, pending[: 1 << 16]):]
                        except BrokenPipeError:
                            pending = pending[:0]  # the worker is gone; its reply pipe will say why
                        if not pending:
                            selector.unregister(key.fd)
                        continue
                    chunk = self._read(key.fd)
                    if chunk is None:
                        continue
                    if key.data != "reply":
                        if chunk:
                            self._take_output(chunk)
                        else:
                            selector.unregister(key.fd)
                        continue
                    if not chunk:
                        self._died()
                    self._inbox += chunk
                    frame = self._next_frame()
                    if frame is not None:
                        return frame
        finally:
            selector.close()

    def _next_frame(self) -> dict[str, Any] | None:
        """Take one complete frame off the inbox, if there is one."""
        if len(self._inbox) < 8:
            return None
        try:
            needed = 8 + wire.frame_size(bytes(self._inbox[:8]))
        except wire.WireError as exc:
            self._protocol_violation(str(exc))
        if len(self._inbox) < needed:
            return None
        body = bytes(self._inbox[8:needed])
        del self._inbox[:needed]
        return self._decode(body)

    @staticmethod
    def _read(fd: int) -> bytes | None:
        """Up to 1 MB from ``fd``; ``b""`` at end of file, ``None`` if nothing is there after all."""
        try:
            return os.read(fd, 1 << 20)
        except BlockingIOError:
            return None

    def _take_output(self, chunk: bytes) -> None:
        self.output.add(chunk)
        if self.output.total > OUTPUT_LIMIT_BYTES:
            self._kill_tree()
            raise UserCodeFailed(
                Verdict.RUNTIME_ERROR,
                f"output limit exceeded: your code printed more than {OUTPUT_LIMIT_BYTES // 1024} KB",
            )

    def _decode(self, body: bytes) -> dict[str, Any]:
        try:
            reply = wire.decode_frame(body)
        except wire.WireError as exc:
            self._protocol_violation(str(exc))
        if reply.get("kind") not in _REPLY_KINDS:
            self._protocol_violation("a reply of unknown kind")
        return reply

    def _raise_failure(self, reply: dict[str, Any]) -> None:
        kind = reply.get("kind")
        message, trace = reply.get("message"), reply.get("traceback", "")
        if kind == "sandbox_error" and not self._armed:  # only the set-up, before any user code, may say this
            self._kill_tree()
            raise SandboxError(f"the {self.level.value} sandbox could not set up the worker: {message}\n{trace}")
        if kind not in ("runtime_error", "memory_limit", "forbidden") or not isinstance(message, str) \
                or not isinstance(trace, str):
            self._protocol_violation("an unexpected reply")
        if kind == "forbidden":
            self._kill_tree()
            message = f"forbidden operation: {message}"
        raise UserCodeFailed(Verdict(kind), message, trace)

    def _protocol_violation(self, what: str) -> NoReturn:
        self._kill_tree()
        raise UserCodeFailed(Verdict.FORBIDDEN, f"the judge's channel was tampered with ({what})")

    def _died(self) -> None:
        """The reply pipe closed: the worker process ended without answering. Say how."""
        assert self.process is not None
        try:
            status = self.process.wait(timeout=2)
        except subprocess.TimeoutExpired:
            status = None
        self._kill_tree()
        if not self._armed:
            raise SandboxError(f"the {self.level.value} sandbox failed to start the worker (exit status {status}):\n"
                               f"{self.output.text()}")
        cpu_limit_reached = time.monotonic() - self._started_at >= self.resources.cpu_limit_s
        if status is not None and status < 0:
            sig = -status
        elif status is not None and status > 128 and self.level is not IsolationLevel.RLIMITS:
            sig = status - 128  # bubblewrap and unshare report a child killed by signal N as 128 + N
        else:
            sig = None
        if sig == signal.SIGXCPU or (sig == signal.SIGKILL and cpu_limit_reached):
            raise UserCodeFailed(Verdict.TIME_LIMIT, "your code used up its CPU time limit")
        if status == 86:  # worker.EXIT_FORBIDDEN without its report: the user got in the way
            raise UserCodeFailed(Verdict.FORBIDDEN, "forbidden operation (the report was cut short)")
        if sig is not None:
            name = signal.Signals(sig).name if sig in signal.Signals._value2member_map_ else f"signal {sig}"
            crashes = (signal.SIGSEGV, signal.SIGBUS, signal.SIGABRT)
            hint = " (a crash in native code; running out of memory inside a library can cause one)" \
                if sig in crashes else ""
            raise UserCodeFailed(Verdict.RUNTIME_ERROR, f"your code's process was killed by {name}{hint}")
        raise UserCodeFailed(Verdict.RUNTIME_ERROR,
                             f"your code ended the process (exit status {status}), e.g. with os._exit")

    # -- cleanup ---------------------------------------------------------------------------------

    def _kill_tree(self) -> None:
        """SIGKILL the process group; with a dropped uid, every process of that uid too (a process that
        left the group with setsid is still found). bubblewrap/unshare take their pid namespace down
        with them."""
        process = self.process
        if process is None:
            return
        # the dropped uid first: the launcher (unshare) is still there to reap its child then
        if self.launch is not None and self.launch.sandbox_uid is not None:
            kill_processes_of_uid(self.launch.sandbox_uid)
        try:
            os.killpg(process.pid, signal.SIGKILL)
        except ProcessLookupError:
            pass
        try:
            process.wait(timeout=5)
        except subprocess.TimeoutExpired:  # pragma: no cover - SIGKILL cannot be ignored
            pass


def kill_processes_of_uid(uid: int, timeout: float = 5.0) -> None:
    """SIGKILL every process owned by ``uid`` (a sandbox uid: nothing else uses it), and wait until
    none is left running: a fork bomb may fork between scan and kill, and a dying process that frees
    a lot of memory takes a moment to go."""
    give_up = time.monotonic() + timeout
    while True:
        alive = 0
        for entry in os.listdir("/proc"):
            if not entry.isdigit():
                continue
            try:
                if os.stat(f"/proc/{entry}").st_uid != uid or _is_zombie(entry):
                    continue
                os.kill(int(entry), signal.SIGKILL)
                alive += 1
            except (FileNotFoundError, ProcessLookupError):
                continue
        if not alive or time.monotonic() > give_up:
            return
        time.sleep(0.005)


def _is_zombie(pid: str) -> bool:
    """Already dead, waiting for its parent to collect it: nothing left to kill."""
    with open(f"/proc/{pid}/stat", "rb") as stat:
        # the state follows the command name, which is in parentheses and may itself contain ") "
        return stat.read().rsplit(b")", 1)[1].split()[0] == b"Z"
