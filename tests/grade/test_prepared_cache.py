"""Prepared questions on disk: a new process reuses them (same grades), a change to the grader's code
or data is never served a stale preparation, a damaged file is prepared again."""

from __future__ import annotations

import json
import pickle
import shutil
import subprocess
import sys

import pytest

from gauntlet.grade import prepared_cache

PROBE = """
import json
from gauntlet.bank import load_bank
from gauntlet.grade import grade_question
q = load_bank().question("bias-variance-tradeoff")
grade = grade_question(q, "High bias underfits; high variance overfits; more data lowers variance.")
print(json.dumps(grade.to_dict()))
"""


def run_probe(cache):
    import os

    done = subprocess.run([sys.executable, "-c", PROBE], env={**os.environ, "GAUNTLET_CACHE": str(cache)},
                          capture_output=True, text=True, timeout=300)
    assert done.returncode == 0, done.stderr
    return json.loads(done.stdout.strip().splitlines()[-1])


@pytest.mark.slow  # three processes, each loading the model
def test_a_second_process_reuses_the_preparation_and_grades_the_same(tmp_path):
    from gauntlet.grade.model_files import model_dir

    cache = tmp_path / "cache"
    cache.mkdir()
    (cache / "models").symlink_to(model_dir().parent, target_is_directory=True)  # the shared, unpacked model
    first = run_probe(cache)
    (stored,) = (cache / "prepared").rglob("*.pickle")  # the first process prepared the question
    written = (stored.stat().st_mtime_ns, stored.read_bytes())
    second = run_probe(cache)
    assert second == first
    assert list((cache / "prepared").rglob("*.pickle")) == [stored]
    assert (stored.stat().st_mtime_ns, stored.read_bytes()) == written  # read, not prepared and written again
    stored.write_bytes(b"not a pickle")  # damaged: prepared again, and the answer still graded
    third = run_probe(cache)
    assert third == first
    assert pickle.loads(stored.read_bytes()) is not None  # and stored again, readable


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
