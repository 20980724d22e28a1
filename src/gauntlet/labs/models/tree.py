"""CART decision trees (classification: Gini or entropy; regression: squared error).

Shapes: ``X`` (n_samples, n_features), ``y`` (n_samples,), optional ``sample_weight`` (n_samples,)
(a forest passes bootstrap counts there). The fitted tree is ``tree_``, a ``Tree`` of flat arrays.

How the split search is vectorised (the point of this module, besides CART itself): the tree grows
one *level* at a time. For every node of the level and every feature at once, the node's samples
are kept sorted by that feature's value; cumulative sums of the targets down each sorted column give,
at every candidate position, the left child's class counts (or sum of y) in O(1), and the right
child's as total minus left. The impurity proxy is then computed for all positions and features in
a few array operations, and the best one per node is a segmented arg-max. The samples are never
re-sorted by value: a stable re-grouping by child id keeps each child's samples in sorted order.

Split rule (scikit-learn's): a node is split on the candidate with the largest impurity decrease,
thresholds lie halfway between consecutive distinct values, each child needs ``min_samples_leaf``
samples, and a node is a leaf when it is pure, at ``max_depth``, smaller than
``min_samples_split``, or has no valid split. Ties go to the lowest feature index, then the lowest
threshold (scikit-learn visits features in a seeded random order, so a tie can go elsewhere there).
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from gauntlet.labs.models.base import (
    Classifier,
    Regressor,
    check_n_features,
    check_X_y,
    encode_labels,
    make_rng,
    require,
)

CLASSIFICATION_CRITERIA = ("gini", "entropy")
FEATURE_THRESHOLD = 1e-7  # values closer than this count as equal: no threshold between them
LEAF = -1


@dataclass
class Tree:
    """A fitted binary tree as parallel arrays indexed by node id (0 is the root).

    ``feature[i]``/``threshold[i]``: split of internal node i (samples with x[feature] <= threshold
    go to ``left[i]``, others to ``right[i]``); leaves have ``left == right == -1``. ``value[i]`` is
    (n_outputs,): class probabilities for a classifier, the mean target for a regressor.
    ``impurity``, ``n_node_samples`` (distinct samples), ``weighted_n_node_samples`` and ``depth``
    describe every node.
    """

    feature: np.ndarray
    threshold: np.ndarray
    left: np.ndarray
    right: np.ndarray
    value: np.ndarray
    impurity: np.ndarray
    n_node_samples: np.ndarray
    weighted_n_node_samples: np.ndarray
    depth: np.ndarray

    @property
    def node_count(self) -> int:
        return len(self.feature)

    @property
    def max_depth(self) -> int:
        return int(self.depth.max())

    def apply(self, X: np.ndarray) -> np.ndarray:
        """(n_samples,) id of the leaf each row of X falls in."""
        node = np.zeros(len(X), dtype=np.intp)
        rows = np.arange(len(X))
        for _ in range(self.max_depth):
            internal = self.left[node] != LEAF
            if not internal.any():
                break
            goes_left = X[rows, self.feature[node]] <= self.threshold[node]
            node = np.where(internal, np.where(goes_left, self.left[node], self.right[node]), node)
        return node


def _n_features_to_try(max_features: int | float | str | None, n_features: int) -> int:
    if max_features is None:
        return n_features
    if max_features == "sqrt":
        return max(1, int(np.sqrt(n_features)))
    if max_features == "log2":
        return max(1, int(np.log2(n_features)))
    if isinstance(max_features, float):
        require(0 < max_features <= 1, "a float max_features is a fraction in (0, 1]")
        return max(1, int(max_features * n_features))
    require(isinstance(max_features, (int, np.integer)) and 1 <= max_features <= n_features,
            f"max_features must be None, 'sqrt', 'log2', a fraction or an int in [1, {n_features}]")
    return int(max_features)


def _impurity(criterion: str, totals: np.ndarray, weight: np.ndarray, sum_sq: np.ndarray | None) -> np.ndarray:
    """Node impurity from per-node target sums: (n_nodes,)."""
    safe = np.where(weight > 0, weight, 1.0)
    if criterion == "gini":
        share = totals / safe[:, None]
        return 1.0 - np.sum(share * share, axis=1)
    if criterion == "entropy":
        share = totals / safe[:, None]
        with np.errstate(divide="ignore", invalid="ignore"):
            terms = np.where(share > 0, share * np.log2(np.where(share > 0, share, 1.0)), 0.0)
        return -terms.sum(axis=1)
    mean = totals[:, 0] / safe
    return sum_sq / safe - mean * mean


def _split_proxy(criterion: str, left: list[np.ndarray], right: list[np.ndarray], w_left: np.ndarray,
                 w_right: np.ndarray) -> np.ndarray:
    """A quantity that is largest where the weighted child impurity is smallest (same arg-max as
    the impurity decrease, cheaper): for Gini sum_k L_k^2 / w_L + sum_k R_k^2 / w_R, for squared
    error (sum y_L)^2 / w_L + (sum y_R)^2 / w_R, for entropy sum_k L_k log(L_k / w_L) + (same R).

    ``left``/``right`` hold one (m, p) array per output (class weight or weighted y sum).
    """
    with np.errstate(divide="ignore", invalid="ignore"):
        if criterion == "entropy":
            def part(sums: list[np.ndarray], weight: np.ndarray) -> np.ndarray:
                total = np.zeros_like(sums[0])
                for counts in sums:
                    positive = counts > 0
                    total += np.where(positive, counts * np.log(np.where(positive, counts / weight, 1.0)), 0.0)
                return total
            return part(left, w_left) + part(right, w_right)
        # Gini and squared error share the form: sum of squared sums over the child weight
        square_left = left[0] * left[0]
        square_right = right[0] * right[0]
        for sums_left, sums_right in zip(left[1:], right[1:]):
            square_left += sums_left * sums_left
            square_right += sums_right * sums_right
        return square_left / w_left + square_right / w_right


def build_tree(
    X: np.ndarray, targets: np.ndarray, weight: np.ndarray, *, criterion: str, max_depth: int | None,
    min_samples_split: int, min_samples_leaf: int, max_features: int, rng: np.random.Generator,
    y_squared: np.ndarray | None = None,
) -> Tree:
    """Grow a tree level by level (see the module docstring).

    ``targets`` (n, n_outputs) are weighted per-sample targets: ``weight * one_hot(class)`` for
    classification, ``weight * y`` (one column) for regression, where ``y_squared`` holds
    ``weight * y^2`` to compute the node variance. Samples with zero weight are ignored.
    """
    keep = weight > 0
    X, targets, weight = X[keep], targets[keep], weight[keep]
    sq = y_squared[keep] if y_squared is not None else None
    n, p = X.shape
    max_depth = np.iinfo(np.int64).max if max_depth is None else max_depth
    columns = np.arange(p)
    # per-sample quantities accumulated down the sorted columns: the targets, then the weight
    # (skipped when every weight is 1: the weight of a prefix is then its length)
    unit_weight = bool(np.all(weight == 1.0))
    stacked = targets if unit_weight else np.column_stack([targets, weight])

    feature, threshold, left_child, right_child = [], [], [], []
    values, impurities, counts, weights, depths = [], [], [], [], []

    def add_nodes(totals: np.ndarray, node_weight: np.ndarray, node_count: np.ndarray,
                  node_sq: np.ndarray | None, depth: int) -> tuple[np.ndarray, np.ndarray]:
        first = len(feature)
        imp = _impurity(criterion, totals, node_weight, node_sq)
        size = len(totals)
        feature.extend([LEAF] * size)
        threshold.extend([np.nan] * size)
        left_child.extend([LEAF] * size)
        right_child.extend([LEAF] * size)
        values.append(totals / node_weight[:, None])
        impurities.append(imp)
        counts.append(node_count)
        weights.append(node_weight)
        depths.extend([depth] * size)
        ids = np.arange(first, first + size)
        splittable = (
            (depth < max_depth)
            & (node_count >= min_samples_split)
            & (node_count >= 2 * min_samples_leaf)
            & (imp > np.finfo(float).eps)
        )
        return ids, splittable

    root_ids, root_open = add_nodes(
        targets.sum(axis=0, keepdims=True), np.array([weight.sum()]), np.array([n]),
        None if sq is None else np.array([sq.sum()]), 0,
    )
    if not root_open[0]:
        return _finish(feature, threshold, left_child, right_child, values, impurities, counts, weights, depths)

    order = np.argsort(X, axis=0, kind="stable")  # (n, p): sample indices, sorted per column
    subset = max_features < p
    if subset:
        # With a random feature subset per node, sorting only the chosen columns is cheaper than
        # keeping all p sorted: sort keys are (node, rank of the value), ranks computed once.
        sorted_values = np.take_along_axis(X, order, axis=0)
        dense = np.vstack([np.zeros((1, p), dtype=np.int64), np.diff(sorted_values, axis=0) > 0]).cumsum(axis=0)
        rank = np.empty((n, p), dtype=np.int64)
        np.put_along_axis(rank, order, dense, axis=0)
    samples = np.arange(n)  # samples of the open nodes, grouped by node in level order
    group = np.zeros(n, dtype=np.intp)  # position of each sample's open node within the level
    level_nodes = root_ids  # global ids of the open nodes, in group order
    depth = 0
    while len(level_nodes):
        m = len(samples)
        n_nodes = len(level_nodes)
        sizes = np.bincount(group[samples], minlength=n_nodes)
        ends = np.cumsum(sizes)
        starts = ends - sizes
        row_group = np.repeat(np.arange(n_nodes), sizes)  # (m,) node of each sorted row
        if subset:
            row_rank = rank[samples]  # (m, p)
            constant = np.minimum.reduceat(row_rank, starts, axis=0) == np.maximum.reduceat(row_rank, starts, axis=0)
            node_features = _draw_features(constant, max_features, rng)  # (n_nodes, q)
            row_features = node_features[row_group]
            keys = row_rank[np.arange(m)[:, None], row_features] + row_group[:, None] * n
            column_order = samples[np.argsort(keys, axis=0)]  # (m, q)
        else:
            node_features = np.broadcast_to(np.arange(p), (n_nodes, p))
            row_features = np.broadcast_to(np.arange(p), (m, p))
            column_order = order
        q = node_features.shape[1]
        values_sorted = X[column_order, row_features]  # (m, q)
        before_rows = np.maximum(starts - 1, 0)
        left, right = [], []
        for column in stacked.T:
            running = np.cumsum(column[column_order], axis=0)  # (m, q)
            before = np.where((starts > 0)[:, None], running[before_rows], 0.0)  # (n_nodes, q)
            node_total = running[ends - 1, 0] - before[:, 0]  # (n_nodes,), the same in every column
            # subtract each segment's offset: prefix sums restart at every node
            prefix = running - np.repeat(before, sizes, axis=0)
            left.append(prefix)
            right.append(np.repeat(node_total, sizes)[:, None] - prefix)
        n_left = np.arange(m) - starts[row_group] + 1
        n_right = sizes[row_group] - n_left
        if unit_weight:
            w_left, w_right = n_left[:, None].astype(float), n_right[:, None].astype(float)
        else:
            w_left, w_right = left.pop(), right.pop()
        proxy = _split_proxy(criterion, left, right, w_left, w_right)
        next_value = np.vstack([values_sorted[1:], np.full((1, q), np.inf)])
        valid = (
            ((n_left >= min_samples_leaf) & (n_right >= min_samples_leaf))[:, None]
            & (next_value > values_sorted + FEATURE_THRESHOLD)
        )
        proxy = np.where(valid, proxy, -np.inf)
        best_per_column = np.maximum.reduceat(proxy, starts, axis=0)  # (n_nodes, q)
        # arg-max takes the first maximum: in full mode the lowest feature index wins a tie
        best_column = np.argmax(best_per_column, axis=1)
        best_value = best_per_column[np.arange(n_nodes), best_column]
        splits = np.isfinite(best_value)
        # first sorted row (lowest threshold) reaching the node's best proxy, in its best column
        chosen = proxy[np.arange(m), best_column[row_group]]
        hit = np.where(chosen == best_value[row_group], np.arange(m), m)
        position = np.minimum.reduceat(hit, starts)
        split_nodes = level_nodes[splits]
        c_split = best_column[splits]
        f_split = node_features[np.arange(n_nodes), best_column][splits]
        pos = position[splits]
        low = values_sorted[pos, c_split]
        high = values_sorted[pos + 1, c_split]
        cut = (low + high) / 2.0
        cut = np.where((cut == high) | ~np.isfinite(cut), low, cut)  # rounding can land on the upper value

        depth += 1
        if not len(split_nodes):
            break
        # route each sample of a split node to its child: slot 2g (left) or 2g + 1 (right)
        node_feature = np.full(n_nodes, -1)
        node_cut = np.zeros(n_nodes)
        node_feature[splits], node_cut[splits] = f_split, cut
        sample_group = group[samples]
        is_split = splits[sample_group]
        goes_right = X[samples, np.maximum(node_feature[sample_group], 0)] > node_cut[sample_group]
        child_slot = np.where(is_split, 2 * sample_group + goes_right, -1)
        # children numbered in slot order: (left, right) of each split node, level order kept
        slots = np.flatnonzero(np.repeat(splits, 2))
        slot_rank = np.full(2 * n_nodes, -1)
        slot_rank[slots] = np.arange(len(slots))
        child = np.where(child_slot >= 0, slot_rank[np.maximum(child_slot, 0)], -1)
        live = child >= 0
        n_children = len(slots)
        live_samples, live_child = samples[live], child[live]
        child_totals = np.zeros((n_children, targets.shape[1]))
        np.add.at(child_totals, live_child, targets[live_samples])
        child_weight = np.bincount(live_child, weights=weight[live_samples], minlength=n_children)
        child_count = np.bincount(live_child, minlength=n_children)
        child_sq = None if sq is None else np.bincount(live_child, weights=sq[live_samples], minlength=n_children)
        child_ids, child_open = add_nodes(child_totals, child_weight, child_count, child_sq, depth)
        for node, f, c, lid, rid in zip(split_nodes, f_split, cut, child_ids[0::2], child_ids[1::2]):
            feature[node], threshold[node], left_child[node], right_child[node] = int(f), float(c), int(lid), int(rid)

        # keep only samples whose child is still open, regrouped by child (stably: in full mode
        # each column stays sorted by value within every child)
        open_rank = np.full(n_children, -1)
        open_rank[child_open] = np.arange(int(child_open.sum()))
        new_group = np.full(n, -1)
        new_group[live_samples] = open_rank[live_child]
        sample_new_group = new_group[samples]
        still_open = sample_new_group >= 0
        if not still_open.any():
            break
        samples = samples[still_open][np.argsort(sample_new_group[still_open], kind="stable")]
        if not subset:
            row_new_group = new_group[order]  # (m, p)
            n_keep = len(samples)
            kept = order.T[row_new_group.T >= 0].reshape(p, n_keep).T
            kept_group = row_new_group.T[row_new_group.T >= 0].reshape(p, n_keep).T
            order = np.take_along_axis(kept, np.argsort(kept_group, axis=0, kind="stable"), axis=0)
        group = np.where(new_group >= 0, new_group, 0)
        level_nodes = child_ids[child_open]
    return _finish(feature, threshold, left_child, right_child, values, impurities, counts, weights, depths)


def _draw_features(constant: np.ndarray, max_features: int, rng: np.random.Generator) -> np.ndarray:
    """(n_nodes, max_features) features each node may split on, drawn at random per node.

    Like scikit-learn, features constant within a node do not use up the budget: the node keeps
    drawing until it has ``max_features`` features that vary there (or none are left).
    """
    n_nodes, p = constant.shape
    draw_rank = np.argsort(rng.random((n_nodes, p)), axis=1)
    return np.argsort(draw_rank + p * constant, axis=1)[:, :max_features]


def _finish(feature, threshold, left, right, values, impurities, counts, weights, depths) -> Tree:
    return Tree(
        feature=np.asarray(feature, dtype=np.intp),
        threshold=np.asarray(threshold, dtype=np.float64),
        left=np.asarray(left, dtype=np.intp),
        right=np.asarray(right, dtype=np.intp),
        value=np.vstack(values),
        impurity=np.concatenate(impurities),
        n_node_samples=np.concatenate(counts).astype(np.intp),
        weighted_n_node_samples=np.concatenate(weights).astype(np.float64),
        depth=np.asarray(depths, dtype=np.intp),
    )


class _BaseTree:
    """Parameters and helpers shared by the classifier and the regressor."""

    tree_: Tree
    n_features_in_: int

    def _check_tree_params(self) -> None:
        require(self.max_depth is None or self.max_depth >= 1, "max_depth must be None or >= 1")
        require(self.min_samples_split >= 2, "min_samples_split must be >= 2")
        require(self.min_samples_leaf >= 1, "min_samples_leaf must be >= 1")

    def _weights(self, sample_weight: np.ndarray | None, n: int) -> np.ndarray:
        if sample_weight is None:
            return np.ones(n)
        w = np.asarray(sample_weight, dtype=np.float64)
        require(w.shape == (n,) and np.all(w >= 0), "sample_weight must be (n_samples,) and >= 0")
        return w

    @property
    def feature_importances_(self) -> np.ndarray:
        """(n_features,) total weighted impurity decrease of each feature's splits, summing to 1
        ("mean decrease in impurity"; biased towards features with many distinct values)."""
        t = self.tree_
        internal = np.flatnonzero(t.left != LEAF)
        weighted = t.weighted_n_node_samples * t.impurity
        decrease = weighted[internal] - weighted[t.left[internal]] - weighted[t.right[internal]]
        importances = np.bincount(t.feature[internal], weights=decrease, minlength=self.n_features_in_)
        total = importances.sum()
        return importances / total if total > 0 else importances

    def apply(self, X: np.ndarray) -> np.ndarray:
        """(n_samples,) leaf id of each row."""
        return self.tree_.apply(check_n_features(self, X))

    def get_depth(self) -> int:
        return self.tree_.max_depth

    def get_n_leaves(self) -> int:
        return int(np.sum(self.tree_.left == LEAF))


class DecisionTreeClassifier(_BaseTree, Classifier):
    """CART classifier. ``criterion`` "gini" (1 - sum p_k^2) or "entropy" (-sum p_k log2 p_k).

    ``max_features`` (None = all, "sqrt", "log2", int, fraction) makes each node consider a random
    subset of features (what a random forest uses); ``random_state`` seeds that draw.
    """

    def __init__(self, *, criterion: str = "gini", max_depth: int | None = None, min_samples_split: int = 2,
                 min_samples_leaf: int = 1, max_features: int | float | str | None = None,
                 random_state: int | None = None):
        self.criterion = criterion
        self.max_depth = max_depth
        self.min_samples_split = min_samples_split
        self.min_samples_leaf = min_samples_leaf
        self.max_features = max_features
        self.random_state = random_state

    def fit(self, X: np.ndarray, y: np.ndarray, sample_weight: np.ndarray | None = None) -> "DecisionTreeClassifier":
        require(self.criterion in CLASSIFICATION_CRITERIA, f"criterion must be one of {CLASSIFICATION_CRITERIA}")
        self._check_tree_params()
        X, y = check_X_y(X, y)
        self.classes_, codes = encode_labels(y)
        self.n_features_in_ = X.shape[1]
        w = self._weights(sample_weight, len(X))
        targets = np.zeros((len(X), len(self.classes_)))
        targets[np.arange(len(X)), codes] = w
        self.tree_ = build_tree(
            X, targets, w, criterion=self.criterion, max_depth=self.max_depth,
            min_samples_split=self.min_samples_split, min_samples_leaf=self.min_samples_leaf,
            max_features=_n_features_to_try(self.max_features, X.shape[1]), rng=make_rng(self.random_state),
        )
        return self

    def predict_proba(self, X: np.ndarray) -> np.ndarray:
        """(n_samples, n_classes): class shares (by weight) in each row's leaf."""
        return self.tree_.value[self.apply(X)]

    def predict(self, X: np.ndarray) -> np.ndarray:
        return self.classes_[np.argmax(self.predict_proba(X), axis=1)]


class DecisionTreeRegressor(_BaseTree, Regressor):
    """CART regressor minimising the squared error; a leaf predicts its (weighted) mean target."""

    def __init__(self, *, max_depth: int | None = None, min_samples_split: int = 2, min_samples_leaf: int = 1,
                 max_features: int | float | str | None = None, random_state: int | None = None):
        self.max_depth = max_depth
        self.min_samples_split = min_samples_split
        self.min_samples_leaf = min_samples_leaf
        self.max_features = max_features
        self.random_state = random_state

    def fit(self, X: np.ndarray, y: np.ndarray, sample_weight: np.ndarray | None = None) -> "DecisionTreeRegressor":
        self._check_tree_params()
        X, y = check_X_y(X, y, y_numeric=True)
        self.n_features_in_ = X.shape[1]
        w = self._weights(sample_weight, len(X))
        self.tree_ = build_tree(
            X, (w * y)[:, None], w, criterion="squared_error", max_depth=self.max_depth,
            min_samples_split=self.min_samples_split, min_samples_leaf=self.min_samples_leaf,
            max_features=_n_features_to_try(self.max_features, X.shape[1]), rng=make_rng(self.random_state),
            y_squared=w * y * y,
        )
        return self

    def predict(self, X: np.ndarray) -> np.ndarray:
        """(n_samples,) mean target of each row's leaf."""
        return self.tree_.value[self.apply(X), 0]
