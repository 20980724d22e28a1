"""The ``gauntlet.labs.models`` package: lazy at run time, fully typed for type checkers."""

from __future__ import annotations

import ast
import subprocess
import sys
from pathlib import Path

import gauntlet.labs.models as models


def _type_checking_imports() -> dict[str, tuple[str, ...]]:
    """module -> names imported under ``if TYPE_CHECKING:`` in the package's ``__init__``."""
    tree = ast.parse(Path(models.__file__).read_text(encoding="utf-8"))
    block = next(node for node in tree.body
                 if isinstance(node, ast.If) and isinstance(node.test, ast.Name) and node.test.id == "TYPE_CHECKING")
    found: dict[str, list[str]] = {}
    for statement in block.body:
        assert isinstance(statement, ast.ImportFrom) and statement.module is not None
        for alias in statement.names:
            assert alias.asname == alias.name, f"{alias.name} must be imported as itself to be re-exported"
            found.setdefault(statement.module.removeprefix("gauntlet.labs.models."), []).append(alias.name)
    return {module: tuple(sorted(names)) for module, names in found.items()}


def test_type_checking_imports_match_the_lazy_exports():
    exports = {module: tuple(sorted(names)) for module, names in models._EXPORTS.items()}
    assert _type_checking_imports() == exports


def test_every_export_resolves():
    for name in models.__all__:
        assert getattr(models, name) is not None


def test_importing_the_package_imports_no_model_module():
    probe = ("import sys, gauntlet.labs.models; "
             "print(','.join(m for m in sys.modules if m.startswith('gauntlet.labs.models.')))")
    loaded = subprocess.run([sys.executable, "-c", probe], capture_output=True, text=True, check=True).stdout.strip()
    assert loaded == ""
