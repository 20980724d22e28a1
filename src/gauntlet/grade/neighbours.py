"""Which bank question does an answer actually answer?

A fluent answer to a *different* question of the same topic shares the topic's vocabulary and embeds
close to the right reference, so closeness to one's own question cannot tell it apart. Closeness to
every question can: for each question, the answer's *coverage profile* is the mean, over that
question's key points, of the best cosine between the key point and a span of the answer. An answer
whose profile is clearly higher for another question than for its own is answering that one.

The key-point vectors of the shipped bank ship with the package (``data/bank_index.npz``, rebuilt by
``python -m gauntlet.grade.neighbours``, checked fresh by a test), so no answer waits for 800 key points
to be encoded. Questions prepared in this process (a user's own bank, an edited question) join or
replace their entry when they are prepared.
"""

from __future__ import annotations

import hashlib
import json
import threading
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

import numpy as np

if TYPE_CHECKING:
    from gauntlet.bank.model import Bank

INDEX_FILE = Path(__file__).resolve().parent / "data" / "bank_index.npz"


def question_fingerprint(prompt: str, key_points: Sequence[str]) -> str:
    """Identity of a question by content: the same prompt and key points are the same question."""
    return hashlib.sha256(json.dumps([prompt, list(key_points)]).encode("utf-8", "surrogatepass")).hexdigest()[:16]


@dataclass(frozen=True)
class Neighbour:
    question_id: str
    title: str
    fit: float  # mean over its key points of the best span cosine
    own_fit: float


class BankIndex:
    """Key-point vectors of known questions, grouped by question."""

    def __init__(self) -> None:
        self._lock = threading.Lock()
        self._entries: dict[str, tuple[str, str, np.ndarray]] = {}  # fingerprint -> (id, title, vectors)
        self._by_id: dict[str, str] = {}  # question id -> fingerprint
        self._matrix: np.ndarray | None = None
        self._owners: np.ndarray | None = None
        self._order: list[str] = []

    def add(self, fingerprint: str, question_id: str, title: str, vectors: np.ndarray) -> None:
        with self._lock:
            if fingerprint in self._entries:
                return
            old = self._by_id.get(question_id)
            if old is not None and question_id:
                self._entries.pop(old, None)  # an edited question replaces its old entry
            self._entries[fingerprint] = (question_id, title, np.asarray(vectors, dtype=np.float32))
            if question_id:
                self._by_id[question_id] = fingerprint
            self._matrix = None

    def __len__(self) -> int:
        return len(self._entries)

    def _stacked(self) -> tuple[np.ndarray, np.ndarray, list[str]]:
        with self._lock:
            if self._matrix is None:
                self._order = list(self._entries)
                blocks = [self._entries[f][2] for f in self._order]
                self._matrix = np.concatenate(blocks) if blocks else np.zeros((0, 384), np.float32)
                self._owners = np.concatenate([np.full(len(b), i) for i, b in enumerate(blocks)]) if blocks \
                    else np.zeros(0, int)
            assert self._owners is not None  # set with the matrix
            return self._matrix, self._owners, self._order

    def best_other(self, span_embeddings: np.ndarray, own_fingerprint: str, own_fit: float,
                   own_id: str = "") -> Neighbour | None:
        """The other question whose key points the answer's spans fit best, with its fit."""
        matrix, owners, order = self._stacked()
        if not len(matrix) or not len(span_embeddings):
            return None
        best_per_point = (matrix @ span_embeddings.T).max(axis=1)
        sums = np.bincount(owners, weights=best_per_point, minlength=len(order))
        counts = np.bincount(owners, minlength=len(order))
        fits = sums / np.maximum(counts, 1)
        for i, fingerprint in enumerate(order):
            question_id = self._entries[fingerprint][0]
            if fingerprint == own_fingerprint or (own_id and question_id == own_id):
                fits[i] = -1.0
        best = int(np.argmax(fits))
        if fits[best] < 0:
            return None
        question_id, title, _ = self._entries[order[best]]
        return Neighbour(question_id, title, float(fits[best]), own_fit)


_INDEX: BankIndex | None = None
_INDEX_LOCK = threading.Lock()


def bank_index() -> BankIndex:
    """The process-wide index, seeded from the shipped file."""
    global _INDEX
    with _INDEX_LOCK:
        if _INDEX is None:
            index = BankIndex()
            if INDEX_FILE.exists():
                with np.load(INDEX_FILE, allow_pickle=False) as data:
                    meta = json.loads(str(data["meta"]))
                    vectors = data["vectors"].astype(np.float32)
                    at = 0
                    for entry in meta:
                        n = entry["points"]
                        index.add(entry["fingerprint"], entry["id"], entry["title"], vectors[at: at + n])
                        at += n
            _INDEX = index
        return _INDEX


def build_index_file(bank: Bank, path: Path = INDEX_FILE) -> int:
    """Encode every key point of ``bank`` and write the index file. Returns the number of questions."""
    from gauntlet.grade.encoder import get_encoder

    encoder = get_encoder()
    meta, blocks = [], []
    for question in bank.questions:
        texts = [kp.text for kp in question.key_points]
        if not texts:
            continue
        blocks.append(encoder.embed(texts))
        meta.append({"id": question.id, "title": question.title, "points": len(texts),
                     "fingerprint": question_fingerprint(question.prompt, texts)})
    path.parent.mkdir(parents=True, exist_ok=True)
    np.savez_compressed(path, meta=np.array(json.dumps(meta)), vectors=np.concatenate(blocks).astype(np.float16))
    return len(meta)


def shipped_fingerprints() -> dict[str, str]:
    """question id -> fingerprint, as recorded in the shipped index file."""
    if not INDEX_FILE.exists():
        return {}
    with np.load(INDEX_FILE, allow_pickle=False) as data:
        return {entry["id"]: entry["fingerprint"] for entry in json.loads(str(data["meta"]))}


if __name__ == "__main__":  # python -m gauntlet.grade.neighbours: rebuild the shipped index
    from gauntlet.bank import load_bank

    count = build_index_file(load_bank())
    print(f"wrote {INDEX_FILE} ({count} questions)")
