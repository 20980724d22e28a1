"""Prepared questions on disk: a new process reuses them (same grades), a change to the grader's code
or data is never served a stale preparation, a damaged file is prepared again."""

from __future__ import annotations

import json
import shutil
import subprocess
import sys

import pytest

from gauntlet.grade import prepared_cache

PROBE = """
import json, sys
from gauntlet.bank import load_bank
from gauntlet.grade import grader
calls = []
real = grader._prepare
grader._prepare = lambda *a, **k: calls.append(1) or real(*a, **k)
q = load_bank().question("bias-variance-tradeoff")
grade = grader.grade_question(q, "High bias underfits; high variance overfits; more data lowers variance.")
print(json.dumps({"prepared_here": len(calls), "grade": grade.to_dict()}))
"""


def run_probe(cache):
    import os

    done = subprocess.run([sys.executable, "-c", PROBE], env={**os.environ, "GAUNTLET_CACHE": str(cache)},
                          capture_output=True, text=True, timeout=300)
    assert done.returncode == 0, done.stderr
    return json.loads(done.stdout.strip().splitlines()[-1])


@pytest.mark.slow  # three processes, each loading the model
def test_a_second_process_reuses_the_preparation_and_grades_the_same(tmp_path):
    cache = tmp_path / "cache"
    first, second = run_probe(cache), run_probe(cache)
    assert first["prepared_here"] == 1 and second["prepared_here"] == 0
    assert first["grade"] == second["grade"]
    stored = list((cache / "prepared").rglob("*.pickle"))
    assert len(stored) == 1
    stored[0].write_bytes(b"not a pickle")  # damaged: prepared again, and the answer still graded
    third = run_probe(cache)
    assert third["prepared_here"] == 1 and third["grade"] == first["grade"]


def test_any_change_to_the_graders_code_or_data_changes_where_preparations_live(tmp_path, monkeypatch):
    copy = tmp_path / "grade"
    shutil.copytree(prepared_cache.GRADE_PACKAGE, copy, ignore=shutil.ignore_patterns("__pycache__", "*.npz"))
    monkeypatch.setattr(prepared_cache, "GRADE_PACKAGE", copy)
    fingerprints = []
    for change in (None, copy / "data" / "opposites.txt", copy / "coverage.py"):
        if change is not None:
            change.write_text(change.read_text(encoding="utf-8") + "\n# changed\n", encoding="utf-8")
        prepared_cache._preparer_fingerprint.cache_clear()
        fingerprints.append(prepared_cache._preparer_fingerprint())
    prepared_cache._preparer_fingerprint.cache_clear()
    assert len(set(fingerprints)) == 3
