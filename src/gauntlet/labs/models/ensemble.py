"""Tree ensembles: random forests (bagging + random feature subsets) and gradient boosting.

Shapes: ``X`` (n_samples, n_features), ``y`` (n_samples,). Ensembles keep their fitted trees in
``estimators_`` (a list; for multi-class boosting a list of per-class lists).
"""

from __future__ import annotations

from collections import deque
from collections.abc import Callable, Iterator
from typing import Generic, TypeVar

import numpy as np

from gauntlet.labs.models.base import (
    Classifier,
    Estimator,
    Regressor,
    check_n_features,
    check_X_y,
    encode_labels,
    make_rng,
    one_hot,
    require,
)
from gauntlet.labs.models.logistic import sigmoid, softmax
from gauntlet.labs.models.tree import (
    DecisionTreeClassifier,
    DecisionTreeRegressor,
    SortedColumns,
    _BaseTree,
    grow_trees,
    n_features_to_try,
)

MAX_SEED = 2**31 - 1
BATCH_ELEMENTS = 4_000_000  # rows x features grown together: bounds the per-level working arrays


TreeT = TypeVar("TreeT", bound=_BaseTree)


class _Forest(Estimator, Generic[TreeT]):
    """Bagging shared by both forests: every tree is fit on its own bootstrap sample of the rows."""

    n_estimators: int
    max_depth: int | None
    min_samples_split: int
    min_samples_leaf: int
    max_features: int | float | str | None
    bootstrap: bool
    oob_score: bool
    random_state: int | None
    estimators_: list[TreeT]
    n_features_in_: int

    def _bootstrap_weights(self, n: int, rng: np.random.Generator) -> np.ndarray:
        if not self.bootstrap:
            return np.ones(n)
        # a bootstrap sample as multiplicities: drawing n rows with replacement leaves about
        # (1 - 1/n)^n ~ 37% of the rows out (the out-of-bag rows)
        return np.bincount(rng.integers(0, n, n), minlength=n).astype(np.float64)

    def _fit_trees(self, X: np.ndarray, targets: np.ndarray, make_tree: Callable[[], TreeT], criterion: str,
                   y: np.ndarray | None = None) -> list[np.ndarray]:
        """Fit ``n_estimators`` trees on bootstrap samples; return each tree's sample weights.

        ``targets`` (n, n_outputs) are the unweighted per-sample targets (one-hot classes, or y as
        one column; regression also passes ``y`` for the node variances). The trees are grown
        together, a batch at a time (see ``grow_trees``): the same trees as fitting them one by
        one, far fewer numpy calls.
        """
        require(self.n_estimators >= 1, "n_estimators must be >= 1")
        rng = make_rng(self.random_state)
        n, p = X.shape
        self.estimators_ = [make_tree() for _ in range(self.n_estimators)]
        for tree in self.estimators_:
            tree._check_tree_params()
        max_features = n_features_to_try(self.max_features, p)
        weights = [self._bootstrap_weights(n, rng) for _ in range(self.n_estimators)]
        sorted_columns = SortedColumns.of(X)  # every tree reuses one sort of X
        per_batch = max(1, BATCH_ELEMENTS // (n * p))
        for first in range(0, self.n_estimators, per_batch):
            batch = weights[first:first + per_batch]
            row_sample = np.concatenate([np.flatnonzero(w) for w in batch])
            row_root = np.concatenate([np.full(np.count_nonzero(w), t) for t, w in enumerate(batch)])
            row_weight = np.concatenate([w[w > 0] for w in batch])
            trees = grow_trees(
                X, row_sample, targets[row_sample] * row_weight[:, None], row_weight, row_root, len(batch),
                criterion=criterion, max_depth=self.max_depth, min_samples_split=self.min_samples_split,
                min_samples_leaf=self.min_samples_leaf, max_features=max_features,
                rng=np.random.default_rng(int(rng.integers(MAX_SEED))),
                y_squared=None if y is None else row_weight * y[row_sample] ** 2, sorted_columns=sorted_columns,
            )
            for tree, grown in zip(self.estimators_[first:first + per_batch], trees, strict=True):
                tree.tree_ = grown
                tree.n_features_in_ = p
        return weights

    @property
    def feature_importances_(self) -> np.ndarray:
        """(n_features,) mean over trees of each tree's impurity-based importances."""
        return np.mean([tree.feature_importances_ for tree in self.estimators_], axis=0)


class RandomForestClassifier(_Forest[DecisionTreeClassifier], Classifier):
    """Bootstrap-aggregated CART classifiers, each node choosing among ``max_features`` random
    features (default sqrt(n_features)); predicts the class with the highest mean tree probability.

    ``oob_score=True`` also computes ``oob_score_``: accuracy of each training row predicted only by
    the trees that did not see it (a free validation estimate).
    """

    def __init__(self, n_estimators: int = 100, *, criterion: str = "gini", max_depth: int | None = None,
                 min_samples_split: int = 2, min_samples_leaf: int = 1,
                 max_features: int | float | str | None = "sqrt", bootstrap: bool = True, oob_score: bool = False,
                 random_state: int | None = None):
        self.n_estimators = n_estimators
        self.criterion = criterion
        self.max_depth = max_depth
        self.min_samples_split = min_samples_split
        self.min_samples_leaf = min_samples_leaf
        self.max_features = max_features
        self.bootstrap = bootstrap
        self.oob_score = oob_score
        self.random_state = random_state

    def fit(self, X: np.ndarray, y: np.ndarray) -> RandomForestClassifier:
        X, y = check_X_y(X, y)
        self.classes_, codes = encode_labels(y)
        self.n_features_in_ = X.shape[1]

        require(self.criterion in ("gini", "entropy"), "criterion must be 'gini' or 'entropy'")

        def make_tree() -> DecisionTreeClassifier:
            tree = DecisionTreeClassifier(criterion=self.criterion, max_depth=self.max_depth,
                                          min_samples_split=self.min_samples_split,
                                          min_samples_leaf=self.min_samples_leaf, max_features=self.max_features)
            # trees work on class codes, so every tree's probability columns line up with classes_
            tree.classes_ = np.arange(len(self.classes_))
            return tree

        weights = self._fit_trees(X, one_hot(codes, len(self.classes_)), make_tree, self.criterion)
        if self.oob_score:
            require(self.bootstrap, "oob_score needs bootstrap=True")
            totals = np.zeros((len(X), len(self.classes_)))
            for tree, w in zip(self.estimators_, weights, strict=True):
                out = w == 0
                totals[out] += self._tree_proba(tree, X[out])
            seen = totals.sum(axis=1) > 0
            self.oob_score_ = float(np.mean(np.argmax(totals[seen], axis=1) == codes[seen]))
        return self

    def _tree_proba(self, tree: DecisionTreeClassifier, X: np.ndarray) -> np.ndarray:
        proba = np.zeros((len(X), len(self.classes_)))
        proba[:, tree.classes_] = tree.tree_.value[tree.tree_.apply(X)]
        return proba

    def predict_proba(self, X: np.ndarray) -> np.ndarray:
        """(n_samples, n_classes) mean of the trees' leaf class shares."""
        X = check_n_features(self, X)
        return np.mean([self._tree_proba(tree, X) for tree in self.estimators_], axis=0)

    def predict(self, X: np.ndarray) -> np.ndarray:
        return self.classes_[np.argmax(self.predict_proba(X), axis=1)]


class RandomForestRegressor(_Forest[DecisionTreeRegressor], Regressor):
    """Bootstrap-aggregated CART regressors; predicts the mean of the trees' predictions.

    ``max_features`` defaults to 1.0 (all features, i.e. plain bagging), scikit-learn's default for
    regression; "sqrt" or a fraction decorrelates the trees further.
    """

    def __init__(self, n_estimators: int = 100, *, max_depth: int | None = None, min_samples_split: int = 2,
                 min_samples_leaf: int = 1, max_features: int | float | str | None = 1.0, bootstrap: bool = True,
                 oob_score: bool = False, random_state: int | None = None):
        self.n_estimators = n_estimators
        self.max_depth = max_depth
        self.min_samples_split = min_samples_split
        self.min_samples_leaf = min_samples_leaf
        self.max_features = max_features
        self.bootstrap = bootstrap
        self.oob_score = oob_score
        self.random_state = random_state

    def fit(self, X: np.ndarray, y: np.ndarray) -> RandomForestRegressor:
        X, y = check_X_y(X, y, y_numeric=True)
        self.n_features_in_ = X.shape[1]

        def make_tree() -> DecisionTreeRegressor:
            return DecisionTreeRegressor(max_depth=self.max_depth, min_samples_split=self.min_samples_split,
                                         min_samples_leaf=self.min_samples_leaf, max_features=self.max_features)

        weights = self._fit_trees(X, y[:, None], make_tree, "squared_error", y=y)
        if self.oob_score:
            require(self.bootstrap, "oob_score needs bootstrap=True")
            totals, votes = np.zeros(len(X)), np.zeros(len(X))
            for tree, w in zip(self.estimators_, weights, strict=True):
                out = w == 0
                totals[out] += tree.tree_.value[tree.tree_.apply(X[out]), 0]
                votes[out] += 1
            seen = votes > 0
            prediction = totals[seen] / votes[seen]
            residual = float(np.sum((y[seen] - prediction) ** 2))
            self.oob_score_ = 1.0 - residual / float(np.sum((y[seen] - y[seen].mean()) ** 2))
        return self

    def predict(self, X: np.ndarray) -> np.ndarray:
        X = check_n_features(self, X)
        return np.mean([tree.tree_.value[tree.tree_.apply(X), 0] for tree in self.estimators_], axis=0)


class _Boosting(Estimator):
    """Stage-wise additive model: F_m(x) = F_{m-1}(x) + learning_rate * tree_m(x).

    ``n_estimators`` stages of depth-``max_depth`` regression trees; ``learning_rate`` shrinks each
    (smaller rates need more stages and generalise better); ``subsample`` < 1 fits each stage on a
    random share of the rows (stochastic gradient boosting).
    """

    def __init__(self, n_estimators: int = 100, *, learning_rate: float = 0.1, max_depth: int = 3,
                 min_samples_split: int = 2, min_samples_leaf: int = 1, subsample: float = 1.0,
                 random_state: int | None = None):
        self.n_estimators = n_estimators
        self.learning_rate = learning_rate
        self.max_depth = max_depth
        self.min_samples_split = min_samples_split
        self.min_samples_leaf = min_samples_leaf
        self.subsample = subsample
        self.random_state = random_state

    def _check_boosting_params(self) -> None:
        require(self.n_estimators >= 1, "n_estimators must be >= 1")
        require(self.learning_rate > 0, "learning_rate must be > 0")
        require(0 < self.subsample <= 1, "subsample must be in (0, 1]")

    def _stage_rows(self, n: int, rng: np.random.Generator) -> np.ndarray:
        """Rows a stage's tree is fit on: all, or a random ``subsample`` share (stochastic boosting)."""
        if self.subsample >= 1.0:
            return np.ones(n)
        weights = np.zeros(n)
        weights[rng.permutation(n)[: max(1, int(self.subsample * n))]] = 1.0
        return weights

    def _stage_tree(self, seed: int) -> DecisionTreeRegressor:
        return DecisionTreeRegressor(max_depth=self.max_depth, min_samples_split=self.min_samples_split,
                                     min_samples_leaf=self.min_samples_leaf, random_state=seed)


class GradientBoostingRegressor(_Boosting, Regressor):
    """Gradient boosting with squared loss ``(y - F)^2 / 2``: each tree fits the residuals y - F
    (the negative gradient), shrunk by ``learning_rate``; F starts at the mean of y.

    ``train_loss_history_`` (n_estimators,) is the training mean squared error after each stage.
    """

    estimators_: list[DecisionTreeRegressor]

    def fit(self, X: np.ndarray, y: np.ndarray) -> GradientBoostingRegressor:
        self._check_boosting_params()
        X, y = check_X_y(X, y, y_numeric=True)
        self.n_features_in_ = X.shape[1]
        rng = make_rng(self.random_state)
        self.init_ = float(y.mean())
        F = np.full(len(y), self.init_)
        self.estimators_, history = [], []
        sorted_columns = SortedColumns.of(X)
        for _ in range(self.n_estimators):
            tree = self._stage_tree(int(rng.integers(MAX_SEED)))
            tree.fit(X, y - F, sample_weight=self._stage_rows(len(y), rng), sorted_columns=sorted_columns)
            F += self.learning_rate * tree.tree_.value[tree.tree_.apply(X), 0]
            self.estimators_.append(tree)
            history.append(float(np.mean((y - F) ** 2)))
        self.train_loss_history_ = np.asarray(history)
        return self

    def staged_predict(self, X: np.ndarray) -> Iterator[np.ndarray]:
        """Yield the (n_samples,) prediction after each stage: the test-error-vs-trees curve."""
        X = check_n_features(self, X)
        F = np.full(len(X), self.init_)
        for tree in self.estimators_:
            F = F + self.learning_rate * tree.tree_.value[tree.tree_.apply(X), 0]
            yield F

    def predict(self, X: np.ndarray) -> np.ndarray:
        return deque(self.staged_predict(X), maxlen=1).pop()  # the last stage's prediction


class GradientBoostingClassifier(_Boosting, Classifier):
    """Gradient boosting with log loss, scikit-learn's scheme.

    Binary: F is the log-odds, starting at log(p / (1 - p)) of the training positive rate; each
    stage fits a regression tree to the residuals y - sigmoid(F), then replaces every leaf's value
    by one Newton step for that leaf, sum(residual) / sum(p (1 - p)).
    Multi-class (K classes): K trees per stage, one per class score F_k, residuals y_k - softmax_k,
    and leaf values (K - 1) / K * sum(r) / sum(|r| (1 - |r|)); F_k starts at log(prior_k).

    ``train_loss_history_`` (n_estimators,) is the training log loss after each stage.
    """

    estimators_: list[list[DecisionTreeRegressor]]  # per stage, one tree per score column

    def fit(self, X: np.ndarray, y: np.ndarray) -> GradientBoostingClassifier:
        self._check_boosting_params()
        X, y = check_X_y(X, y)
        self.classes_, codes = encode_labels(y)
        require(len(self.classes_) >= 2, "GradientBoostingClassifier needs at least two classes")
        self.n_features_in_ = X.shape[1]
        rng = make_rng(self.random_state)
        n, k = len(X), len(self.classes_)
        Y = one_hot(codes, k) if k > 2 else codes[:, None].astype(np.float64)
        prior = Y.mean(axis=0)
        self.init_ = np.log(prior / (1 - prior)) if k == 2 else np.log(prior)
        F = np.tile(self.init_, (n, 1))
        self.estimators_, history = [], []
        sorted_columns = SortedColumns.of(X)
        for _ in range(self.n_estimators):
            P = _probabilities(F)
            rows = self._stage_rows(n, rng)
            stage: list[DecisionTreeRegressor] = []
            for c in range(Y.shape[1]):
                residual = Y[:, c] - P[:, c]
                tree = self._stage_tree(int(rng.integers(MAX_SEED)))
                tree.fit(X, residual, sample_weight=rows, sorted_columns=sorted_columns)
                leaves = tree.tree_.apply(X)
                # Newton step per leaf, over the rows this stage trained on
                numerator = np.bincount(leaves, weights=residual * rows, minlength=tree.tree_.node_count)
                if k == 2:
                    curvature = P[:, 0] * (1 - P[:, 0])
                else:
                    curvature = np.abs(residual) * (1 - np.abs(residual))
                denominator = np.bincount(leaves, weights=curvature * rows, minlength=tree.tree_.node_count)
                scale = 1.0 if k == 2 else (k - 1) / k
                with np.errstate(divide="ignore", invalid="ignore"):
                    step = np.where(np.abs(denominator) < 1e-150, 0.0, scale * numerator / denominator)
                tree.tree_.value[:, 0] = step
                F[:, c] += self.learning_rate * step[leaves]
                stage.append(tree)
            self.estimators_.append(stage)
            P = _probabilities(F)
            history.append(float(-np.mean(np.log(np.clip(_full_proba(P)[np.arange(n), codes], 1e-15, None)))))
        self.train_loss_history_ = np.asarray(history)
        return self

    def staged_decision_function(self, X: np.ndarray) -> Iterator[np.ndarray]:
        """Yield the raw scores after each stage: (n_samples,) log-odds, or (n_samples, K)."""
        X = check_n_features(self, X)
        F = np.tile(self.init_, (len(X), 1))
        for stage in self.estimators_:
            F = F.copy()
            for c, tree in enumerate(stage):
                F[:, c] += self.learning_rate * tree.tree_.value[tree.tree_.apply(X), 0]
            yield F[:, 0] if F.shape[1] == 1 else F

    def decision_function(self, X: np.ndarray) -> np.ndarray:
        return deque(self.staged_decision_function(X), maxlen=1).pop()  # the last stage's scores

    def predict_proba(self, X: np.ndarray) -> np.ndarray:
        """(n_samples, n_classes) probabilities, columns ordered like ``classes_``."""
        scores = self.decision_function(X)
        return _full_proba(_probabilities(scores[:, None] if scores.ndim == 1 else scores))

    def predict(self, X: np.ndarray) -> np.ndarray:
        return self.classes_[np.argmax(self.predict_proba(X), axis=1)]


def _probabilities(F: np.ndarray) -> np.ndarray:
    """Sigmoid of a single score column, softmax of several; neither overflows for large |F|."""
    if F.shape[1] == 1:
        return sigmoid(F)  # 1 / (1 + exp(-F)) would overflow exp for F below about -709
    return softmax(F)


def _full_proba(P: np.ndarray) -> np.ndarray:
    return np.column_stack([1 - P[:, 0], P[:, 0]]) if P.shape[1] == 1 else P
