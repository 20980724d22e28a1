"""`gauntlet serve` (the web app) and `gauntlet user add` (accounts for shared mode)."""

from __future__ import annotations

import typer

from gauntlet.cli.state import STATE, console
from gauntlet.errors import InputError

KEEP_ALIVE_S = 75  # seconds an idle HTTP connection is kept (common proxy default; browsers keep theirs longer)

user_app = typer.Typer(help="Accounts for a shared server.", no_args_is_help=True)


def serve(
    host: str = typer.Option("127.0.0.1", "--host", help="Address to listen on."),
    port: int = typer.Option(8000, "--port", help="Port to listen on."),
    shared: bool = typer.Option(False, "--shared", help="Accounts and login (implied by a PostgreSQL --db)."),
    no_signup: bool = typer.Option(False, "--no-signup",
                                   help="Shared mode: only `gauntlet user add` creates accounts."),
    signups_per_hour: int = typer.Option(5, "--signups-per-hour", min=1,
                                         help="Shared mode: new accounts allowed per client address per hour."),
    secure_cookies: bool = typer.Option(False, "--secure-cookies", help="Mark cookies Secure (behind HTTPS)."),
    public_host: list[str] = typer.Option(
        [], "--public-host",
        help="Shared mode: a host name users reach the server by (repeatable); other Host headers are refused."),
    forwarded_allow_ips: str | None = typer.Option(
        None, "--forwarded-allow-ips", envvar="FORWARDED_ALLOW_IPS",
        help="Behind a reverse proxy: the proxy addresses (comma-separated, or *) whose X-Forwarded-For and "
             "X-Forwarded-Proto are believed. Unset: none are, and every client is its connection's address."),
    db_connections: int | None = typer.Option(
        None, "--db-connections", min=2,
        help="At most this many connections to a PostgreSQL server, per `serve` process (N servers: N times it)."),
    grading_workers: int | None = typer.Option(
        None, "--grading-workers", min=0,
        help="Processes that grade answers (default: half the cores, at least 1; 0: grade in the request threads)."),
) -> None:
    """Run the web app. Local by default (you alone, on 127.0.0.1, no login); --shared for many users."""
    import uvicorn

    from gauntlet.grade.pool import default_workers
    from gauntlet.paths import db_url_from_user, default_db_url
    from gauntlet.web.app import assets_missing, create_app
    from gauntlet.web.config import WebConfig

    url = db_url_from_user(STATE.db_url) if STATE.db_url else default_db_url()
    config = WebConfig(db_url=url, shared=shared, extra_banks=STATE.extra_banks, allow_signup=not no_signup,
                       signups_per_hour=signups_per_hour,
                       **({"db_connections": db_connections} if db_connections else {}),
                       secure_cookies=secure_cookies, public_hosts=tuple(public_host),
                       grading_workers=default_workers() if grading_workers is None else grading_workers).checked(host)
    missing = assets_missing()
    if missing:
        raise InputError(missing)
    app = create_app(config)
    mode = "shared (accounts)" if config.shared else "local (no login)"
    console.print(f"Gauntlet on http://{host}:{port} · {mode} · database {url.split('@')[-1]}", style="green")
    # Keep idle connections open well past a person's pause between clicks: with uvicorn's default of 5 s
    # a browser that reuses a connection just as the server closes it gets a reset instead of a page
    # (seen once in `benchmarks/web_load.py`, whose pauses reach 5 s: "ReadError after 3 ms").
    # Forwarded headers only from a proxy named here: believed from anyone, a client could rotate
    # X-Forwarded-For and escape the login throttle, which counts per client address.
    uvicorn.run(app, host=host, port=port, log_level="warning", timeout_keep_alive=KEEP_ALIVE_S,
                proxy_headers=bool(forwarded_allow_ips), forwarded_allow_ips=forwarded_allow_ips or None)


@user_app.command("add")
def add_user(username: str = typer.Argument(...),
             password: str | None = typer.Option(None, "--password", help="Prompted for if omitted.")) -> None:
    """Create an account for shared mode."""
    from gauntlet.store.users import create_user

    if password is None:
        password = typer.prompt("Password", hide_input=True, confirmation_prompt=True)
    user = create_user(STATE.store(), username, password)
    console.print(f"Created user '{user.username}'.", style="green")
