"""Parsed documents are reused across runs only while their file is unchanged."""

from __future__ import annotations

import os

from gauntlet.bank import document_cache
from gauntlet.bank.document_cache import DocumentCache


def _counting_reads(monkeypatch) -> list:
    calls = []
    real = document_cache.read_yaml
    monkeypatch.setattr(document_cache, "read_yaml", lambda path: calls.append(path) or real(path))
    return calls


def test_an_unchanged_file_is_parsed_once_across_runs_and_a_changed_one_again(tmp_path, monkeypatch):
    root, cache_file = tmp_path / "content", tmp_path / "cache" / "docs.pickle"
    root.mkdir()
    doc = root / "a.yaml"
    doc.write_text("id: a\ntitle: First\n", encoding="utf-8")
    calls = _counting_reads(monkeypatch)

    first = DocumentCache(root, cache_file)
    assert first.read(doc).data == {"id": "a", "title": "First"}
    first.save()
    second = DocumentCache(root, cache_file)  # a new run
    assert second.read(doc).data == {"id": "a", "title": "First"} and len(calls) == 1
    assert second.read(doc).line("title") == 2  # line numbers survive the cache

    doc.write_text("id: a\ntitle: Second, longer\n", encoding="utf-8")
    assert DocumentCache(root, cache_file).read(doc).data["title"] == "Second, longer" and len(calls) == 2
    stat = doc.stat()
    doc.write_text("id: a\ntitle: Second, LONGER\n", encoding="utf-8")  # same size...
    os.utime(doc, ns=(stat.st_atime_ns, stat.st_mtime_ns + 1_000_000))  # ...but a newer time
    assert DocumentCache(root, cache_file).read(doc).data["title"] == "Second, LONGER"


def test_files_outside_the_cached_folder_are_always_parsed(tmp_path, monkeypatch):
    root, elsewhere = tmp_path / "content", tmp_path / "mine.yaml"
    root.mkdir()
    elsewhere.write_text("id: mine\n", encoding="utf-8")
    calls = _counting_reads(monkeypatch)
    cache = DocumentCache(root, tmp_path / "docs.pickle")
    cache.read(elsewhere)
    cache.save()
    DocumentCache(root, tmp_path / "docs.pickle").read(elsewhere)
    assert len(calls) == 2 and not (tmp_path / "docs.pickle").exists()


def test_a_damaged_or_unwritable_cache_only_costs_speed(tmp_path):
    root = tmp_path / "content"
    root.mkdir()
    (root / "a.yaml").write_text("id: a\n", encoding="utf-8")
    damaged = tmp_path / "docs.pickle"
    damaged.write_bytes(b"\x80\x05not a pickle")
    assert DocumentCache(root, damaged).read(root / "a.yaml").data == {"id": "a"}
    blocked = tmp_path / "a-file" / "docs.pickle"  # its folder cannot be created: a file is in the way
    (tmp_path / "a-file").write_text("", encoding="utf-8")
    cache = DocumentCache(root, blocked)
    cache.read(root / "a.yaml")
    cache.save()  # no exception
    assert not blocked.exists()
