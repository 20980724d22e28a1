"""Data splitting for honest evaluation: k-fold, stratified k-fold, time-series (forward-chaining) splits,
train/test split, cross-validation.

Splitters yield index arrays ``(train_index, test_index)`` into the n_samples rows; every sample is
in exactly one test fold. Without shuffling, the folds are the ones scikit-learn's KFold and
StratifiedKFold produce (same sizes, same order), so results can be compared index for index.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from typing import Any

import numpy as np

from gauntlet.labs.models.base import Classifier, ModelInputError, Regressor, clone, make_rng, require


def _n_samples(X: Any) -> int:
    return len(X) if not isinstance(X, int) else X


class KFold:
    """Split n samples into ``n_splits`` consecutive folds; each is the test set once.

    The first ``n % n_splits`` folds get one extra sample. ``shuffle=True`` permutes the samples once
    (seeded by ``random_state``) before cutting; otherwise folds follow row order, which leaks any
    ordering (time, class, source) in the data into the folds.
    """

    def __init__(self, n_splits: int = 5, *, shuffle: bool = False, random_state: int | None = None):
        require(int(n_splits) >= 2, "n_splits must be at least 2")
        self.n_splits = int(n_splits)
        self.shuffle = shuffle
        self.random_state = random_state

    def _test_folds(self, n: int, y: Any) -> list[np.ndarray]:
        require(self.n_splits <= n, f"cannot make {self.n_splits} folds from {n} samples")
        indices = make_rng(self.random_state).permutation(n) if self.shuffle else np.arange(n)
        sizes = np.full(self.n_splits, n // self.n_splits)
        sizes[: n % self.n_splits] += 1
        bounds = np.r_[0, np.cumsum(sizes)]
        return [indices[bounds[i]:bounds[i + 1]] for i in range(self.n_splits)]

    def split(self, X: Any, y: Any = None) -> Iterator[tuple[np.ndarray, np.ndarray]]:
        """Yield ``(train_index, test_index)`` for each fold; ``X`` may be an array or a sample count."""
        n = _n_samples(X)
        for test in self._test_folds(n, y):
            mask = np.ones(n, dtype=bool)
            mask[test] = False
            yield np.flatnonzero(mask), np.sort(test)

    def get_n_splits(self) -> int:
        return self.n_splits


class StratifiedKFold(KFold):
    """K-fold keeping each class's share in every fold as close as possible to the whole set's.

    Scheme (scikit-learn's since 0.22): classes are numbered in order of first appearance; the
    class-sorted label list is dealt round-robin into the folds to decide how many samples of each
    class every fold gets; then each class's samples, in row order (or shuffled when ``shuffle``),
    fill fold 0 first, then fold 1, and so on. Fold sizes differ by at most one sample per class.
    """

    def _test_folds(self, n: int, y: Any) -> list[np.ndarray]:
        if y is None:
            raise ModelInputError("StratifiedKFold.split needs the labels y")
        y = np.asarray(y)
        require(len(y) == n, "X and y differ in length")
        _, first_index, inverse = np.unique(y, return_index=True, return_inverse=True)
        # renumber classes by first appearance so the allocation does not depend on label values
        order_of_appearance = np.argsort(np.argsort(first_index))
        codes = order_of_appearance[inverse.reshape(-1)]
        n_classes = len(first_index)
        counts = np.bincount(codes, minlength=n_classes)
        require(self.n_splits <= counts.max(), f"n_splits={self.n_splits} exceeds the largest class size")
        dealt = np.sort(codes)
        allocation = np.array([np.bincount(dealt[i::self.n_splits], minlength=n_classes)
                               for i in range(self.n_splits)])
        rng = make_rng(self.random_state)
        fold_of = np.empty(n, dtype=int)
        for k in range(n_classes):
            folds = np.repeat(np.arange(self.n_splits), allocation[:, k])
            if self.shuffle:
                rng.shuffle(folds)
            fold_of[codes == k] = folds
        return [np.flatnonzero(fold_of == i) for i in range(self.n_splits)]


class TimeSeriesSplit:
    """Forward chaining for time-ordered rows: each split trains on the past and tests on the block after it.

    The last ``n_splits * test_size`` rows are cut into ``n_splits`` consecutive test blocks
    (``test_size`` defaults to n // (n_splits + 1)); each block's training rows are all rows before
    it, minus the ``gap`` rows just before the block (so a model is not scored right next to the rows
    it learned from), and only the most recent ``max_train_size`` of them if that is set. Rows must be
    in time order. The splits are scikit-learn's TimeSeriesSplit's.
    """

    def __init__(self, n_splits: int = 5, *, max_train_size: int | None = None, test_size: int | None = None,
                 gap: int = 0):
        require(int(n_splits) >= 2, "n_splits must be at least 2")
        require(gap >= 0, "gap must be >= 0")
        self.n_splits = int(n_splits)
        self.max_train_size = max_train_size
        self.test_size = test_size
        self.gap = gap

    def split(self, X: Any, y: Any = None) -> Iterator[tuple[np.ndarray, np.ndarray]]:
        """Yield ``(train_index, test_index)`` for each block, oldest first; ``X`` may be a sample count."""
        n = _n_samples(X)
        test_size = self.test_size if self.test_size is not None else n // (self.n_splits + 1)
        require(test_size >= 1, f"cannot make {self.n_splits} test blocks from {n} samples")
        first_test = n - self.n_splits * test_size
        require(first_test - self.gap > 0, f"{n} samples leave no training rows before the first test block "
                f"(n_splits={self.n_splits}, test_size={test_size}, gap={self.gap})")
        for start in range(first_test, n, test_size):
            train_end = start - self.gap
            train_start = max(0, train_end - self.max_train_size) if self.max_train_size else 0
            yield np.arange(train_start, train_end), np.arange(start, start + test_size)

    def get_n_splits(self) -> int:
        return self.n_splits


def train_test_split(
    *arrays: Any, test_size: float | int = 0.25, shuffle: bool = True, stratify: Any = None,
    random_state: int | None = None,
) -> list[np.ndarray]:
    """Split each array into train and test rows: returns ``[a_train, a_test, b_train, b_test, ...]``.

    ``test_size`` is a fraction in (0, 1) or a count; the test count is rounded up, as in
    scikit-learn. ``stratify`` (labels) keeps class shares equal in both parts (shuffled).
    """
    require(len(arrays) > 0, "train_test_split needs at least one array")
    arrays_np = [np.asarray(a) for a in arrays]
    n = len(arrays_np[0])
    require(all(len(a) == n for a in arrays_np), "all arrays must have the same number of rows")
    n_test = int(np.ceil(test_size * n)) if isinstance(test_size, float) else int(test_size)
    require(0 < n_test < n, f"test_size={test_size} leaves no train or no test rows out of {n}")
    rng = make_rng(random_state)
    if stratify is not None:
        labels = np.asarray(stratify)
        test_parts = []
        classes, codes = np.unique(labels, return_inverse=True)
        # each class contributes its share of the test rows; rounding remainders go to the
        # classes with the largest fractional parts so the total is exactly n_test
        exact = np.bincount(codes) * n_test / n
        per_class = np.floor(exact).astype(int)
        remainder = n_test - per_class.sum()
        per_class[np.argsort(-(exact - per_class), kind="stable")[:remainder]] += 1
        for k in range(len(classes)):
            members = rng.permutation(np.flatnonzero(codes == k))
            test_parts.append(members[: per_class[k]])
        test = rng.permutation(np.concatenate(test_parts))
    else:
        order = rng.permutation(n) if shuffle else np.arange(n)
        test = order[n - n_test:] if not shuffle else order[:n_test]
    mask = np.ones(n, dtype=bool)
    mask[test] = False
    train = rng.permutation(np.flatnonzero(mask)) if shuffle else np.flatnonzero(mask)
    out: list[np.ndarray] = []
    for a in arrays_np:
        out.extend([a[train], a[test]])
    return out


def cross_val_score(
    estimator: Regressor | Classifier, X: Any, y: Any, *, cv: int | KFold = 5,
    scoring: Callable[[Regressor | Classifier, np.ndarray, np.ndarray], float] | None = None,
) -> np.ndarray:
    """Fit a fresh clone of ``estimator`` on each training fold; return (n_splits,) test scores.

    ``cv`` as an integer means StratifiedKFold for classifiers, KFold otherwise (unshuffled, as in
    scikit-learn). ``scoring(model, X_test, y_test)`` defaults to the model's own ``score``.
    """
    X, y = np.asarray(X), np.asarray(y)
    if isinstance(cv, int):
        cv = StratifiedKFold(cv) if isinstance(estimator, Classifier) else KFold(cv)
    scores = []
    for train, test in cv.split(X, y):
        model = clone(estimator).fit(X[train], y[train])
        scores.append(scoring(model, X[test], y[test]) if scoring else model.score(X[test], y[test]))
    return np.asarray(scores, dtype=float)
