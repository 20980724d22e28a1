"""Find, load and validate drill folders (``src/gauntlet/drills/catalog/<id>/``).

``drill_ids`` only lists folders: the question-bank validator and CLI start-up use it, so it must not
parse YAML or import NumPy. ``load_drill`` and ``load_catalog`` validate everything a drill needs
without running any of its code (the Python files are parsed with ``ast``), and report every defect
with file and line.
"""

from __future__ import annotations

import re
from pathlib import Path
from typing import TYPE_CHECKING, TypeGuard

from gauntlet.drills.model import DIFFICULTIES, HIDDEN_TEST_CATEGORIES, Drill, WrongSolution
from gauntlet.errors import ContentError, ContentProblem, NotFoundError

if TYPE_CHECKING:
    import ast

EXPECTABLE_VERDICTS = ("wrong_answer", "runtime_error", "time_limit", "memory_limit", "forbidden")
REQUIRED_FILES = ("drill.yaml", "statement.md", "starter.py", "examples.py", "hidden_tests.py", "solution.py",
                  "slow_solution.py")
MAX_TIME_LIMIT_S = 120
MAX_MEMORY_LIMIT_MB = 4096
MIN_WRONG_SOLUTIONS = 3  # known-wrong solutions per drill that the hidden tests must reject

_ID = re.compile(r"^[a-z0-9]+(-[a-z0-9]+)*$")
_EXPECT_LINE = re.compile(r"^#\s*expect:\s*([a-z_]+)\s*$")
_FIELDS = {"id", "title", "topic", "difficulty", "entry", "time_limit_s", "memory_limit_mb", "tags", "questions"}
_OPTIONAL_FIELDS = {"questions"}


class DrillContentError(ContentError):
    """Drill folders are malformed; ``problems`` lists every defect with file and line."""

    def __init__(self, problems: list[ContentProblem]):
        super().__init__(problems)
        count = len(self.problems)
        self.args = (f"{count} problem{'s' if count != 1 else ''} in the coding drills:\n"
                     + "\n".join(f"  {p}" for p in self.problems),)


def catalog_dir() -> Path:
    """The drills shipped with Gauntlet."""
    return Path(__file__).resolve().parent / "catalog"


def drill_ids(root: Path | None = None) -> list[str]:
    """Ids of the drills under ``root`` (default: the shipped catalog), sorted. Cheap: lists folders."""
    folder = root or catalog_dir()
    if not folder.is_dir():
        return []
    return sorted(p.name for p in folder.iterdir() if (p / "drill.yaml").is_file())


def load_drill(drill_id: str, root: Path | None = None) -> Drill:
    """The validated drill ``drill_id``. Raises ``NotFoundError`` (with close matches) or
    ``DrillContentError``."""
    ids = drill_ids(root)
    if drill_id not in ids:
        import difflib

        close = difflib.get_close_matches(drill_id, ids, n=3, cutoff=0.5)
        suggestion = f" Did you mean: {', '.join(close)}?" if close else ""
        raise NotFoundError(f"no coding drill named '{drill_id}'.{suggestion} See `gauntlet code list`.")
    drill, problems = read_drill_folder((root or catalog_dir()) / drill_id)
    if problems:
        raise DrillContentError(problems)
    assert drill is not None
    return drill


def load_catalog(root: Path | None = None) -> list[Drill]:
    """Every drill under ``root``, validated; one ``DrillContentError`` lists all defects found."""
    drills, problems = [], []
    for drill_id in drill_ids(root):
        drill, found = read_drill_folder((root or catalog_dir()) / drill_id)
        problems.extend(found)
        if drill is not None and not found:
            drills.append(drill)
    if problems:
        raise DrillContentError(problems)
    return drills


def read_drill_folder(folder: Path) -> tuple[Drill | None, list[ContentProblem]]:
    """Parse and check one drill folder. Never raises for content defects: they come back as problems."""
    problems = [ContentProblem(folder / name, None, "missing file") for name in REQUIRED_FILES
                if not (folder / name).is_file()]
    drill = _read_drill_yaml(folder, problems) if (folder / "drill.yaml").is_file() else None
    entries = drill.entry if drill is not None else ()
    for name in ("starter.py", "solution.py", "slow_solution.py"):
        tree = _parse_python(folder / name, problems)
        if tree is not None:
            _require_functions(folder / name, tree, entries, problems)
    _check_suite(folder / "examples.py", "example_", None, problems)
    _check_suite(folder / "hidden_tests.py", "test_", HIDDEN_TEST_CATEGORIES, problems)
    if (folder / "statement.md").is_file() and not (folder / "statement.md").read_text(encoding="utf-8").strip():
        problems.append(ContentProblem(folder / "statement.md", None, "the statement is empty"))
    wrong = folder / "wrong"
    wrong_paths = sorted(wrong.glob("*.py")) if wrong.is_dir() else []
    if len(wrong_paths) < MIN_WRONG_SOLUTIONS:
        message = (f"add at least {MIN_WRONG_SOLUTIONS} known-wrong solutions (wrong/<name>.py), each a distinct "
                   f"mistake; found {len(wrong_paths)}")
        problems.append(ContentProblem(wrong, None, message))
    for path in wrong_paths:
        try:
            expected_verdict(path)
        except ValueError as exc:
            problems.append(ContentProblem(path, 1, str(exc)))
    return drill, problems


def wrong_solutions(drill: Drill) -> list[WrongSolution]:
    """The drill's known-wrong solutions with the verdict each must get."""
    return [WrongSolution(path, expected_verdict(path)) for path in sorted(drill.wrong_dir.glob("*.py"))]


def expected_verdict(path: Path) -> str:
    """The verdict named on a wrong solution's first line, ``# expect: <verdict>``."""
    first = path.read_text(encoding="utf-8").split("\n", 1)[0]
    match = _EXPECT_LINE.match(first)
    if not match or match.group(1) not in EXPECTABLE_VERDICTS:
        raise ValueError(f"first line must be '# expect: <verdict>' with one of {', '.join(EXPECTABLE_VERDICTS)}")
    return match.group(1)


def _read_drill_yaml(folder: Path, problems: list[ContentProblem]) -> Drill | None:
    from gauntlet.bank.yamlsource import read_yaml

    path = folder / "drill.yaml"
    doc = read_yaml(path)
    problems.extend(doc.problems)
    if doc.data is None:
        return None
    data = doc.data
    if not isinstance(data, dict):
        problems.append(ContentProblem(path, 1, "drill.yaml must be a mapping of fields"))
        return None
    before = len(problems)

    def problem(key: str, message: str) -> None:
        problems.append(ContentProblem(path, doc.line(key), message))

    for key in sorted(set(data) - _FIELDS, key=str):
        problem(key, f"unknown field '{key}' (allowed: {', '.join(sorted(_FIELDS))})")
    for key in sorted(_FIELDS - _OPTIONAL_FIELDS - set(data)):
        problems.append(ContentProblem(path, 1, f"missing field '{key}'"))

    if "id" in data and data["id"] != folder.name:
        problem("id", f"id '{data['id']}' must equal the folder name '{folder.name}'")
    if not _ID.match(folder.name):
        problem("id", "drill ids are lowercase words joined by hyphens")
    for key in ("title", "topic"):
        if key in data and not (isinstance(data[key], str) and data[key].strip()):
            problem(key, f"'{key}' must be a non-empty string")
    topics = _topic_ids()
    if isinstance(data.get("topic"), str) and topics and data["topic"] not in topics:
        problem("topic", f"unknown topic '{data['topic']}' (one of: {', '.join(sorted(topics))})")
    if "difficulty" in data and data["difficulty"] not in DIFFICULTIES:
        problem("difficulty", f"difficulty must be one of {', '.join(DIFFICULTIES)}")
    entry = data.get("entry")
    if "entry" in data and not (isinstance(entry, list) and entry
                                and all(isinstance(e, str) and e.isidentifier() for e in entry)):
        problem("entry", "entry must be a non-empty list of function names")
    limit = data.get("time_limit_s")
    if "time_limit_s" in data and not (_is_number(limit) and 0 < limit <= MAX_TIME_LIMIT_S):
        problem("time_limit_s", f"time_limit_s must be a number of seconds in (0, {MAX_TIME_LIMIT_S}]")
    memory = data.get("memory_limit_mb")
    if "memory_limit_mb" in data and not (isinstance(memory, int) and not isinstance(memory, bool)
                                          and 16 <= memory <= MAX_MEMORY_LIMIT_MB):
        problem("memory_limit_mb", f"memory_limit_mb must be a whole number of MB in [16, {MAX_MEMORY_LIMIT_MB}]")
    for key in ("tags", "questions"):
        if key in data and not (isinstance(data[key], list) and all(isinstance(t, str) for t in data[key])):
            problem(key, f"'{key}' must be a list of strings")
    if len(problems) > before:
        return None
    return Drill(
        id=data["id"], title=data["title"].strip(), topic=data["topic"], difficulty=data["difficulty"],
        entry=tuple(data["entry"]), time_limit_s=float(data["time_limit_s"]),
        memory_limit_mb=int(data["memory_limit_mb"]),
        tags=tuple(data["tags"]), questions=tuple(data.get("questions", [])), folder=folder,
    )


def _is_number(value: object) -> TypeGuard[int | float]:
    return isinstance(value, (int, float)) and not isinstance(value, bool)


def _topic_ids() -> set[str]:
    from gauntlet.paths import content_dir

    return {p.stem for p in (content_dir() / "topics").glob("*.yaml")}


def _parse_python(path: Path, problems: list[ContentProblem]) -> ast.Module | None:
    import ast

    if not path.is_file():
        return None
    try:
        return ast.parse(path.read_text(encoding="utf-8"), filename=str(path))
    except SyntaxError as exc:
        problems.append(ContentProblem(path, exc.lineno, f"syntax error: {exc.msg}"))
    except UnicodeDecodeError:
        problems.append(ContentProblem(path, None, "not valid UTF-8"))
    return None


def _top_level_functions(tree: ast.Module) -> list[ast.FunctionDef]:
    import ast

    return [node for node in tree.body if isinstance(node, ast.FunctionDef)]


def _require_functions(path: Path, tree: ast.Module, names: tuple[str, ...], problems: list[ContentProblem]) -> None:
    defined = {f.name for f in _top_level_functions(tree)}
    for name in names:
        if name not in defined:
            problems.append(ContentProblem(path, None, f"does not define the entry function '{name}'"))


def _check_suite(path: Path, prefix: str, categories: tuple[str, ...] | None,
                 problems: list[ContentProblem]) -> None:
    tree = _parse_python(path, problems)
    if tree is None:
        return
    checks = [f for f in _top_level_functions(tree) if f.name.startswith(prefix)]
    if not checks:
        problems.append(ContentProblem(path, None, f"defines no '{prefix}...' functions"))
    seen: dict[str, int] = {}
    for check in checks:
        if check.name in seen:
            problems.append(ContentProblem(path, check.lineno, f"'{check.name}' is defined twice (first at line "
                                                                f"{seen[check.name]}); the second hides the first"))
        seen.setdefault(check.name, check.lineno)
        params = check.args.args
        if len(params) != 1 or check.args.vararg or check.args.kwonlyargs:
            problems.append(ContentProblem(path, check.lineno, f"'{check.name}' must take exactly one argument, sol"))
        if categories is not None and check_category(check.name) not in categories:
            problems.append(ContentProblem(path, check.lineno, f"'{check.name}' must be named test_<category>_<name> "
                                                                f"with category one of {', '.join(categories)}"))


def check_category(test_name: str) -> str:
    """``test_edge_k_equals_n`` -> ``edge``."""
    parts = test_name.split("_")
    return parts[1] if len(parts) > 2 and parts[0] == "test" else ""
