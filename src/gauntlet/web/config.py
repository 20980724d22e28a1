"""How the web app runs: local (one implicit user, no login) or shared (accounts)."""

from __future__ import annotations

import os
from dataclasses import dataclass, field
from pathlib import Path

from gauntlet.store.db import DEFAULT_CONNECTIONS


@dataclass(frozen=True)
class WebConfig:
    db_url: str | None = None  # None: GAUNTLET_DB or the SQLite file in the data dir
    shared: bool = False  # accounts, login, per-user isolation
    extra_banks: tuple[Path, ...] = field(default_factory=tuple)
    allow_signup: bool = True  # shared mode: may visitors create accounts?
    secure_cookies: bool = False  # set behind HTTPS (a reverse proxy); loopback HTTP cannot use Secure cookies
    login_attempts: int = 5  # failed logins allowed per window for one (username, client) (store.login_throttle)
    login_window_s: float = 300.0
    signups_per_hour: int = 5  # shared mode with sign-up open: new accounts per client address per hour
    # Grade in this many worker processes (gauntlet.grade.pool), which also encode every question's model
    # answer in the background at start (~0.5 s each on one core), so the first answer to a question is
    # graded as fast as the next. 0: grade in the request thread, nothing warmed (most tests).
    grading_workers: int = 0
    request_threads: int = 4  # worker threads for page requests (see gauntlet.web.threads)
    db_connections: int = DEFAULT_CONNECTIONS  # at most this many connections to a database server
    # Shared mode: the host names the server is reached by (Host header); empty: any. Local mode
    # answers loopback names only (security.host_allowed).
    public_hosts: tuple[str, ...] = ()

    def checked(self, listen_host: str | None = None) -> WebConfig:
        """The rules every launcher must follow: a PostgreSQL database is shared by many, so it means
        shared mode; a local server has no login, so it listens on loopback only."""
        from dataclasses import replace

        from gauntlet.errors import InputError
        from gauntlet.web.security import is_loopback_name

        config = self
        url = self.db_url or os.environ.get("GAUNTLET_DB", "")
        if url.startswith("postgresql") and not self.shared:
            config = replace(self, shared=True)
        if listen_host is not None and not config.shared and not is_loopback_name(listen_host):
            raise InputError(f"a local server has no login, so it only listens on loopback; use --shared to "
                             f"serve on {listen_host}")
        return config
