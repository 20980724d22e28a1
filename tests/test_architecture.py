"""The core never imports the shells: `cli` and `web` are thin layers over it."""

import ast
from pathlib import Path

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
