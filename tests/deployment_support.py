"""The deployment of deploy/: N `gauntlet serve` processes behind Debian's nginx, for the deployment
test and `benchmarks/web_load.py --servers N`.

nginx runs our own deploy/nginx.conf, changed only where a test machine must differ (ports, host
name, a throwaway self-signed certificate), inside a minimal main configuration of its own (pid, logs
and temp files in a temporary folder, foreground).
"""

from __future__ import annotations

import os
import re
import shutil
import signal
import socket
import subprocess
import time
from pathlib import Path

import httpx

from tests.support import gauntlet_command

ROOT = Path(__file__).resolve().parents[1]
SITE_CONF = ROOT / "deploy" / "nginx.conf"
UPSTREAM_LINE = re.compile(r"^\s*server 127\.0\.0\.1:\d+ [^;]*;\n", re.M)


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def _wait_until(check, what: str, limit_s: float, process: subprocess.Popen | None = None, log: Path | None = None):
    deadline = time.monotonic() + limit_s
    while time.monotonic() < deadline:
        if process is not None and process.poll() is not None:
            raise RuntimeError(f"{what} exited: {log.read_text(errors='replace')[-2000:] if log else ''}")
        try:
            if check():
                return
        except httpx.HTTPError:
            pass
        time.sleep(0.2)
    raise RuntimeError(f"{what} did not come up within {limit_s:.0f} s")


def render_site(upstream_ports: list[int], http_port: int, https_port: int, cert: Path, key: Path) -> str:
    """deploy/nginx.conf with this machine's ports and certificate; raises if the file no longer has
    the parts a deployment has to fill in (so the test breaks rather than silently testing less)."""
    site = SITE_CONF.read_text(encoding="utf-8")
    first = UPSTREAM_LINE.search(site)
    if first is None:
        raise AssertionError("deploy/nginx.conf has no `server 127.0.0.1:PORT ...;` upstream line")
    template = first.group(0)
    lines = "".join(re.sub(r"127\.0\.0\.1:\d+", f"127.0.0.1:{port}", template) for port in upstream_ports)
    site = UPSTREAM_LINE.sub("", site)
    site = site[:first.start()] + lines + site[first.start():]
    replacements = {
        "listen 80;": f"listen 127.0.0.1:{http_port};",
        "listen 443 ssl;": f"listen 127.0.0.1:{https_port} ssl;",
        "/etc/ssl/certs/gauntlet.example.org.pem": str(cert),
        "/etc/ssl/private/gauntlet.example.org.key": str(key),
        "gauntlet.example.org": "localhost",
    }
    for old, new in replacements.items():
        if old not in site:
            raise AssertionError(f"deploy/nginx.conf no longer contains {old!r}")
        site = site.replace(old, new)
    return site


class Nginx:
    """Debian's nginx running deploy/nginx.conf in front of ``upstream_ports``; ``url`` is its HTTPS
    address (a self-signed certificate: clients must not verify it)."""

    def __init__(self, folder: Path, upstream_ports: list[int]):
        self.folder = folder
        self.upstream_ports = upstream_ports
        self.http_port, self.https_port = free_port(), free_port()
        self.url = f"https://localhost:{self.https_port}"
        self.process: subprocess.Popen | None = None

    def start(self) -> str:
        binary = shutil.which("nginx") or "/usr/sbin/nginx"
        if not Path(binary).exists():
            raise RuntimeError("nginx is not installed (apt-get install nginx)")
        self.folder.mkdir(parents=True, exist_ok=True)
        cert, key = self.folder / "cert.pem", self.folder / "key.pem"
        subprocess.run(["openssl", "req", "-x509", "-newkey", "rsa:2048", "-nodes", "-days", "1", "-subj",
                        "/CN=localhost",
                        "-keyout", str(key), "-out", str(cert)], check=True, capture_output=True, timeout=60)
        (self.folder / "site.conf").write_text(
            render_site(self.upstream_ports, self.http_port, self.https_port, cert, key), encoding="utf-8")
        temp = self.folder / "tmp"
        temp.mkdir(exist_ok=True)
        user = "user root;\n" if os.geteuid() == 0 else ""  # workers may then read the key and temp folder
        (self.folder / "main.conf").write_text(
            f"{user}worker_processes 1;\npid {self.folder / 'nginx.pid'};\nerror_log {self.folder / 'error.log'};\n"
            "events { worker_connections 1024; }\n"
            "http {\n  access_log off;\n"
            + "".join(f"  {kind}_temp_path {temp / kind};\n"
                      for kind in ("client_body", "proxy", "fastcgi", "uwsgi", "scgi"))
            + f"  include {self.folder / 'site.conf'};\n}}\n", encoding="utf-8")
        self.process = subprocess.Popen([binary, "-p", str(self.folder), "-c", str(self.folder / "main.conf"),
                                         "-g", "daemon off;"], stdout=subprocess.DEVNULL, stderr=subprocess.PIPE,
                                        start_new_session=True)
        _wait_until(lambda: httpx.get(f"{self.url}/healthz", verify=False, timeout=2).status_code == 200,
                    "nginx (or the servers behind it)", 30, self.process, self.folder / "error.log")
        return self.url

    def stop(self) -> None:
        if self.process is not None and self.process.poll() is None:
            self.process.send_signal(signal.SIGQUIT)
            try:
                self.process.wait(timeout=10)
            except subprocess.TimeoutExpired:
                self.process.kill()
                self.process.wait(timeout=10)


class GauntletServers:
    """``count`` `gauntlet serve --shared` processes on one database, started as deploy/'s systemd
    unit starts them (forwarded headers from the local proxy, secure cookies)."""

    def __init__(self, folder: Path, db_url: str, count: int, grading_workers: int = 0,
                 extra: tuple[str, ...] = ()):
        self.folder, self.db_url, self.count = folder, db_url, count
        self.grading_workers, self.extra = grading_workers, extra
        self.ports = [free_port() for _ in range(count)]
        self.processes: list[subprocess.Popen] = []

    def start(self) -> list[int]:
        self.folder.mkdir(parents=True, exist_ok=True)
        env = dict(os.environ, GAUNTLET_HOME=str(self.folder), OMP_NUM_THREADS="1", OPENBLAS_NUM_THREADS="1")
        for port in self.ports:
            log = self.folder / f"server-{port}.log"
            self.processes.append(subprocess.Popen(
                [*gauntlet_command(), "--db", self.db_url, "serve", "--shared", "--port", str(port),
                 "--public-host", "localhost", "--secure-cookies", "--forwarded-allow-ips", "127.0.0.1",
                 "--grading-workers", str(self.grading_workers), *self.extra],
                env=env, stdout=subprocess.DEVNULL, stderr=open(log, "wb"), start_new_session=True))
        for port, process in zip(self.ports, self.processes, strict=True):
            _wait_until(lambda port=port: httpx.get(f"http://127.0.0.1:{port}/healthz", timeout=2).status_code == 200,
                        f"gauntlet serve on port {port}", 60, process, self.folder / f"server-{port}.log")
        return self.ports

    def wait_ready(self, limit_s: float = 900) -> float:
        """Until every server's /readyz says ready (grader warm-up done); returns the seconds waited."""
        started = time.monotonic()
        for port in self.ports:
            _wait_until(lambda port=port: httpx.get(f"http://127.0.0.1:{port}/readyz", timeout=5).status_code == 200,
                        f"readiness of the server on port {port}", limit_s)
        return time.monotonic() - started

    def stop(self) -> None:
        for process in self.processes:
            try:
                os.killpg(process.pid, signal.SIGTERM)
            except ProcessLookupError:
                continue
        for process in self.processes:
            try:
                process.wait(timeout=30)
            except subprocess.TimeoutExpired:
                os.killpg(process.pid, signal.SIGKILL)
                process.wait(timeout=10)
