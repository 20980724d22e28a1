"""The drill loader: the shipped catalog loads, ``drill_ids`` stays light, defects name file and line."""

from __future__ import annotations

import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from gauntlet.drills.loader import (
    MIN_WRONG_SOLUTIONS,
    DrillContentError,
    drill_ids,
    load_catalog,
    load_drill,
    wrong_solutions,
)
from gauntlet.errors import NotFoundError

FIXTURES = Path(__file__).resolve().parent / "fixtures"


def test_every_shipped_drill_loads_and_has_enough_known_wrong_solutions():
    drills = load_catalog()
    assert [d.id for d in drills] == drill_ids() and drills
    for drill in drills:
        assert drill.entry and drill.time_limit_s > 0 and drill.memory_limit_mb >= 16
        assert len(wrong_solutions(drill)) >= MIN_WRONG_SOLUTIONS == 3, drill.id


@pytest.mark.slow
def test_every_shipped_drill_links_the_bank_questions_it_trains():
    """A drill is practice for interview questions: each names at least one, and each named one exists
    (the drill's page and `gauntlet code info` link them)."""
    from gauntlet.bank import load_bank

    bank_ids = {q.id for q in load_bank().questions}
    for drill in load_catalog():
        assert drill.questions, f"{drill.id}: drill.yaml names no bank question under 'questions:'"
        assert set(drill.questions) <= bank_ids, (drill.id, set(drill.questions) - bank_ids)


def test_drill_ids_imports_neither_numpy_nor_yaml():
    code = ("import sys; from gauntlet.drills.loader import drill_ids; ids = drill_ids(); "
            "print(len(ids), 'numpy' in sys.modules, 'yaml' in sys.modules)")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True).stdout.split()
    assert out == [str(len(drill_ids())), "False", "False"]


def test_unknown_drill_suggests_close_names():
    with pytest.raises(NotFoundError, match="Did you mean: knn"):
        load_drill("knnn")


def broken_copy(tmp_path: Path) -> Path:
    folder = tmp_path / "escape-probe"
    shutil.copytree(FIXTURES / "escape-probe", folder)
    return folder


def problems_of(root: Path) -> list[str]:
    with pytest.raises(DrillContentError) as caught:
        load_catalog(root)
    assert "problem" in str(caught.value) and "coding drills" in str(caught.value)
    return [str(p) for p in caught.value.problems]


def test_yaml_defects_are_reported_with_file_and_line(tmp_path):
    folder = broken_copy(tmp_path)
    (folder / "drill.yaml").write_text(
        "id: other-name\ntitle: T\ntopic: astrology\ndifficulty: easy\nentry: [attack]\n"
        "time_limit_s: 0\nmemory_limit_mb: 1\ntags: [x]\ncolour: red\n", encoding="utf-8")
    found = problems_of(tmp_path)
    yaml_path = folder / "drill.yaml"
    expected = {
        1: "must equal the folder name 'escape-probe'",
        3: "unknown topic 'astrology'",
        4: "difficulty must be one of",
        6: "time_limit_s must be",
        7: "memory_limit_mb must be",
        9: "unknown field 'colour'",
    }
    for line, text in expected.items():
        assert any(p.startswith(f"{yaml_path}:{line}: ") and text in p for p in found), (line, found)


def test_python_and_file_defects_are_reported(tmp_path):
    folder = broken_copy(tmp_path)
    (folder / "statement.md").unlink()
    (folder / "solution.py").write_text("def something_else():\n    return 1\n", encoding="utf-8")
    (folder / "hidden_tests.py").write_text("def test_sideways_x(sol):\n    pass\n\n\ndef test_edge_y():\n    pass\n",
                                            encoding="utf-8")
    (folder / "examples.py").write_text("def example_a(sol):\n    pass\n  oops\n", encoding="utf-8")
    (folder / "wrong" / "returns_none.py").write_text("# expected: wrong\ndef attack():\n    pass\n", encoding="utf-8")
    found = problems_of(tmp_path)
    assert f"{folder / 'statement.md'}: missing file" in found
    assert any(p.startswith(f"{folder / 'solution.py'}:") and "entry function 'attack'" in p for p in found)
    assert any(p.startswith(f"{folder / 'hidden_tests.py'}:1: ") and "category one of edge" in p for p in found)
    assert any(p.startswith(f"{folder / 'hidden_tests.py'}:5: ") and "exactly one argument" in p for p in found)
    assert any(p.startswith(f"{folder / 'examples.py'}:3: ") and "syntax error" in p for p in found)
    assert any(p.startswith(f"{folder / 'wrong' / 'returns_none.py'}:1: ") and "# expect:" in p for p in found)


def test_a_drill_without_wrong_solutions_is_incomplete(tmp_path):
    folder = broken_copy(tmp_path)
    shutil.rmtree(folder / "wrong")
    expected = f"{folder / 'wrong'}: add at least 3 known-wrong solutions"
    assert any(p.startswith(expected) and p.endswith("found 0") for p in problems_of(tmp_path))


def test_a_drill_with_fewer_than_three_wrong_solutions_is_incomplete(tmp_path):
    folder = broken_copy(tmp_path)
    wrong = sorted((folder / "wrong").glob("*.py"))
    assert len(wrong) == 3
    wrong[0].unlink()
    found = problems_of(tmp_path)
    expected = f"{folder / 'wrong'}: add at least 3 known-wrong solutions"
    assert any(p.startswith(expected) and p.endswith("found 2") for p in found), found
    wrong[1].write_text("def attack():\n    return None\n", encoding="utf-8")
    # two files present but one without its '# expect:' line: both defects are reported
    found = problems_of(tmp_path)
    assert any("found 2" in p for p in found) and any(p.startswith(f"{wrong[1]}:1: ") for p in found), found


def test_a_drill_needs_a_slow_solution_that_defines_the_entry_functions(tmp_path):
    folder = broken_copy(tmp_path)
    (folder / "slow_solution.py").unlink()
    assert f"{folder / 'slow_solution.py'}: missing file" in problems_of(tmp_path)
    (folder / "slow_solution.py").write_text("def attack_slowly():\n    return 'ok'\n", encoding="utf-8")
    found = problems_of(tmp_path)
    assert any(p.startswith(f"{folder / 'slow_solution.py'}:") and "entry function 'attack'" in p for p in found)
    (folder / "slow_solution.py").write_text("def attack(:\n", encoding="utf-8")
    found = problems_of(tmp_path)
    assert any(p.startswith(f"{folder / 'slow_solution.py'}:1: ") and "syntax error" in p for p in found)
