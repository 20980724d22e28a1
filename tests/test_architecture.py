"""The core never imports the shells: `cli` and `web` are thin layers over it."""

import ast
from pathlib import Path

import pytest

import gauntlet

SRC = Path(gauntlet.__file__).parent
SHELLS = ("gauntlet.cli", "gauntlet.web")


def imported_modules(path: Path) -> set[str]:
    tree = ast.parse(path.read_text(encoding="utf-8"))
    names = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            names.update(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            names.add(node.module)
    return names


@pytest.mark.slow
def test_core_modules_do_not_import_cli_or_web():
    offenders = []
    for path in SRC.rglob("*.py"):
        relative = path.relative_to(SRC).parts
        if relative[0] in ("cli", "web"):
            continue
        for name in imported_modules(path):
            if name.startswith(SHELLS):
                offenders.append(f"{path.relative_to(SRC)} imports {name}")
    assert offenders == []


def test_store_depends_on_no_feature_package():
    """`store` owns the engine, the schema and migrations, and the rows every feature shares (users,
    answer attempts, login throttle). A feature package (review, drills, grade, labs, bank) keeps its
    own repository module over that schema, so dependencies point down: features import store, never
    the other way round."""
    allowed = ("gauntlet.store", "gauntlet.errors", "gauntlet.paths")
    offenders = []
    for path in (SRC / "store").rglob("*.py"):
        for name in imported_modules(path):
            if name.startswith("gauntlet") and not name.startswith(allowed) and name != "gauntlet":
                offenders.append(f"{path.relative_to(SRC)} imports {name}")
    assert offenders == []
