"""Parsed YAML documents of the shipped bank, kept between runs so a command does not re-parse them.

Parsing the shipped bank's ~190 files with line numbers takes about 0.12 s, close to half of a bank
command's start-up (`gauntlet list`). Like Python's own ``.pyc`` files, each document is kept with the
size and modification time of its file, and any change to either re-parses that file. Only files under
the shipped content folder are cached: a user's own folder is small and may live anywhere.

The cache is one pickle file in the user's cache folder, replaced atomically, so concurrent runs never
see half a file; one that cannot be read (another version, a truncated disk) is ignored and rebuilt.
Whoever can write to the user's cache folder can already change the user's files, so reading a
pickle from it adds no risk.
"""

from __future__ import annotations

import contextlib
import os
import pickle
import tempfile
from pathlib import Path

from gauntlet import __version__
from gauntlet.bank.yamlsource import YamlDocument, read_yaml

# Bump when YamlDocument or the parser's output changes shape, so old caches are ignored.
FORMAT = 2
CACHE_NAME = "bank-documents.pickle"

_Signature = tuple[int, int]  # (st_mtime_ns, st_size)


class DocumentCache:
    """Read YAML files through the cache; ``save()`` writes it back if anything was parsed."""

    def __init__(self, cached_root: Path, cache_file: Path | None):
        self.cached_root = cached_root.resolve()
        self.cache_file = cache_file
        self.entries: dict[str, tuple[_Signature, YamlDocument]] = self._load()
        self.changed = False

    def _load(self) -> dict[str, tuple[_Signature, YamlDocument]]:
        if self.cache_file is None:
            return {}
        try:
            with open(self.cache_file, "rb") as handle:
                stamp, entries = pickle.load(handle)
        except Exception:  # missing, truncated, or written by another version: start afresh
            return {}
        return entries if stamp == (FORMAT, __version__) and isinstance(entries, dict) else {}

    def read(self, path: Path) -> YamlDocument:
        if not path.resolve().is_relative_to(self.cached_root):
            return read_yaml(path)
        try:
            stat = path.stat()
        except OSError:
            return read_yaml(path)  # reports the problem with file and line as usual
        key, signature = str(path.resolve()), (stat.st_mtime_ns, stat.st_size)
        found = self.entries.get(key)
        if found is not None and found[0] == signature:
            return found[1]
        doc = read_yaml(path)
        self.entries[key] = (signature, doc)
        self.changed = True
        return doc

    def save(self) -> None:
        if not self.changed or self.cache_file is None:
            return
        self.changed = False
        # A read-only or full cache folder only costs speed: the bank was parsed all the same.
        try:
            self.cache_file.parent.mkdir(parents=True, exist_ok=True)
            handle, temporary = tempfile.mkstemp(dir=self.cache_file.parent, prefix=".bank-documents-")
        except OSError:
            return
        try:
            with os.fdopen(handle, "wb") as out:
                pickle.dump(((FORMAT, __version__), self.entries), out, protocol=pickle.HIGHEST_PROTOCOL)
            os.replace(temporary, self.cache_file)
        except OSError:
            with contextlib.suppress(OSError):
                os.unlink(temporary)


def default_cache_file() -> Path | None:
    from gauntlet.paths import cache_dir

    try:
        return cache_dir() / CACHE_NAME
    except Exception:  # no resolvable home folder: run without the cache
        return None
