"""Nearest-neighbour search over embeddings by cosine similarity: exact, random-hyperplane LSH, and IVF.

Shapes: corpus ``X`` (n_docs, dim), queries ``Q`` (n_queries, dim). Searches return (n_queries, k)
document indices, most similar first, and (n_queries,) the number of documents each query scored
exactly (its cost). Approximate indexes find candidates cheaply, then rank the candidates by exact
cosine similarity, so their only error is a true neighbour that never became a candidate.
"""

from __future__ import annotations

import numpy as np

from gauntlet.labs.models.base import ModelInputError, check_array, make_rng, require
from gauntlet.labs.models.cluster import KMeans


def normalize_rows(X: np.ndarray) -> np.ndarray:
    """Each row divided by its Euclidean length (a zero row is refused: it has no direction)."""
    X = check_array(X)
    norms = np.linalg.norm(X, axis=1, keepdims=True)
    if np.any(norms == 0):
        raise ModelInputError("a zero vector has no direction: cosine similarity is undefined for it")
    return X / norms


def cosine_similarity(A: np.ndarray, B: np.ndarray) -> np.ndarray:
    """(len(A), len(B)) cosine of the angle between every row of A and every row of B, in [-1, 1]."""
    return normalize_rows(A) @ normalize_rows(B).T


def top_k(scores: np.ndarray, k: int) -> np.ndarray:
    """(n_rows, k) column indices of each row's k largest scores, largest first (ties: lower index first)."""
    require(1 <= k <= scores.shape[1], f"k must be in [1, {scores.shape[1]}]")
    part = np.argpartition(-scores, k - 1, axis=1)[:, :k] if k < scores.shape[1] else \
        np.tile(np.arange(scores.shape[1]), (len(scores), 1))
    order = np.lexsort((part, -np.take_along_axis(scores, part, axis=1)), axis=1)
    return np.take_along_axis(part, order, axis=1)


def exact_search(X: np.ndarray, Q: np.ndarray, k: int) -> np.ndarray:
    """(n_queries, k) indices of the k documents with the highest cosine similarity to each query."""
    return top_k(cosine_similarity(Q, X), k)


def recall_at_k(found: np.ndarray, exact: np.ndarray) -> float:
    """Mean over queries of the share of the exact top k that ``found`` (n_queries, k) contains (-1 = empty)."""
    hits = [len(np.intersect1d(f[f >= 0], e)) for f, e in zip(found, exact, strict=True)]
    return float(np.mean(hits) / exact.shape[1])


def _rank_candidates(X_unit: np.ndarray, q_unit: np.ndarray, candidates: np.ndarray, k: int) -> np.ndarray:
    """The k best of ``candidates`` by exact cosine (padded with -1 when there are fewer than k)."""
    out = np.full(k, -1)
    if len(candidates):
        scores = X_unit[candidates] @ q_unit
        best = top_k(scores[None, :], min(k, len(candidates)))[0]
        out[:len(best)] = candidates[best]
    return out


class RandomHyperplaneLSH:
    """Locality-sensitive hashing for cosine similarity (Charikar's SimHash).

    Each bit of a vector's code is the side of a random hyperplane through the origin it falls on.
    Two vectors at angle theta agree on a bit with probability 1 - theta / pi, so on all ``n_bits`` of a
    table with probability (1 - theta / pi)^n_bits: similar vectors tend to share a bucket. A query's
    candidates are the documents sharing its bucket in any of ``n_tables`` independent tables. More
    bits: smaller buckets, fewer candidates, lower recall; more tables: more chances, higher recall
    and cost.
    """

    def __init__(self, n_bits: int = 12, n_tables: int = 8, *, random_state: int | None = None):
        require(1 <= n_bits <= 62 and n_tables >= 1, "n_bits must be in [1, 62] and n_tables >= 1")
        self.n_bits = n_bits
        self.n_tables = n_tables
        self.random_state = random_state

    def _codes(self, X_unit: np.ndarray) -> np.ndarray:
        """(n_tables, n) integer codes: bit b of table t is 1 when the vector is on the positive side of plane b."""
        projections = X_unit @ self.planes_.reshape(-1, X_unit.shape[1]).T  # (n, n_tables * n_bits)
        sides = projections.reshape(len(X_unit), self.n_tables, self.n_bits).transpose(1, 0, 2) > 0
        return (sides * (1 << np.arange(self.n_bits))).sum(axis=2)

    def fit(self, X: np.ndarray) -> RandomHyperplaneLSH:
        self.X_unit_ = normalize_rows(X)
        rng = make_rng(self.random_state)
        self.planes_ = rng.standard_normal((self.n_tables, self.n_bits, self.X_unit_.shape[1]))
        codes = self._codes(self.X_unit_)
        self.buckets_: list[dict[int, np.ndarray]] = []
        for table in codes:
            order = np.argsort(table, kind="stable")
            values, starts = np.unique(table[order], return_index=True)
            members = np.split(order, starts[1:])
            self.buckets_.append(dict(zip(values.tolist(), members, strict=True)))
        return self

    def candidates(self, q: np.ndarray, n_tables: int | None = None) -> np.ndarray:
        """Sorted document indices sharing a bucket with query ``q`` (dim,) in the first ``n_tables`` tables."""
        used = self.n_tables if n_tables is None else n_tables
        codes = self._codes(normalize_rows(q[None, :]))[:used, 0]
        chosen = np.zeros(len(self.X_unit_), dtype=bool)  # the union of the buckets, without sorting it
        for table, code in enumerate(codes):
            members = self.buckets_[table].get(int(code))
            if members is not None:
                chosen[members] = True
        return np.flatnonzero(chosen)

    def search(self, Q: np.ndarray, k: int, n_tables: int | None = None) -> tuple[np.ndarray, np.ndarray]:
        """Top-k indices (n_queries, k; -1 where fewer candidates) and candidates scored per query."""
        Q_unit = normalize_rows(Q)
        results, cost = np.full((len(Q), k), -1), np.zeros(len(Q), dtype=int)
        for i, q in enumerate(Q_unit):
            found = self.candidates(q, n_tables)
            results[i], cost[i] = _rank_candidates(self.X_unit_, q, found, k), len(found)
        return results, cost


class IVFIndex:
    """Inverted-file index: k-means splits the corpus into ``n_lists`` cells; a query scores only the
    documents of the ``n_probe`` cells whose centroids are most similar to it.

    The centroids are learned on at most ``train_size`` documents (a sample, as large indexes do),
    then every document is filed under its nearest centroid. ``n_probe = n_lists`` scans everything
    and is exact.
    """

    def __init__(self, n_lists: int = 100, *, train_size: int | None = None, random_state: int | None = None):
        require(n_lists >= 1, "n_lists must be >= 1")
        self.n_lists = n_lists
        self.train_size = train_size
        self.random_state = random_state

    def fit(self, X: np.ndarray) -> IVFIndex:
        self.X_unit_ = normalize_rows(X)
        require(self.n_lists <= len(self.X_unit_), f"n_lists must be at most the {len(self.X_unit_)} documents")
        rng = make_rng(self.random_state)
        sample = self.X_unit_
        if self.train_size is not None and self.train_size < len(sample):
            sample = sample[rng.choice(len(sample), self.train_size, replace=False)]
        # Euclidean k-means on unit vectors: ||a - b||^2 = 2 - 2 cos(a, b), so the nearest centroid is the
        # most cosine-similar one up to the centroids' own lengths
        kmeans = KMeans(self.n_lists, n_init=1, max_iter=25, random_state=int(rng.integers(2**31))).fit(sample)
        self.centroids_ = kmeans.cluster_centers_
        self.assignment_ = kmeans.predict(self.X_unit_)
        self.lists_ = [np.flatnonzero(self.assignment_ == c) for c in range(self.n_lists)]
        return self

    def search(self, Q: np.ndarray, k: int, n_probe: int = 1) -> tuple[np.ndarray, np.ndarray]:
        """Top-k indices (n_queries, k; -1 where fewer candidates) and documents scored per query."""
        require(1 <= n_probe <= self.n_lists, f"n_probe must be in [1, {self.n_lists}]")
        Q_unit = normalize_rows(Q)
        # the cells to open: smallest Euclidean distance from the (unit) query to the centroid
        distances = ((Q_unit[:, None, :] - self.centroids_[None, :, :]) ** 2).sum(axis=2)
        cells = top_k(-distances, n_probe)
        results, cost = np.full((len(Q), k), -1), np.zeros(len(Q), dtype=int)
        for i, q in enumerate(Q_unit):
            found = np.sort(np.concatenate([self.lists_[c] for c in cells[i]]))
            results[i], cost[i] = _rank_candidates(self.X_unit_, q, found, k), len(found)
        return results, cost
