"""CART decision trees (classification: Gini or entropy; regression: squared error).

Shapes: ``X`` (n_samples, n_features), ``y`` (n_samples,), optional ``sample_weight`` (n_samples,)
(a forest passes bootstrap counts there). The fitted tree is ``tree_``, a ``Tree`` of flat arrays.

How the split search is vectorised (the point of this module, besides CART itself): the tree grows
one *level* at a time. For every node of the level and every feature at once, the node's samples
are kept sorted by that feature's value; cumulative sums of the targets down each sorted column give,
at every candidate position, the left child's class counts (or sum of y) in O(1), and the right
child's as total minus left. The impurity proxy is then computed for all positions and features in
a few array operations, and the best one per node is a segmented arg-max. With all features
considered, the samples are sorted by value once: a stable re-grouping by child id keeps each
child's samples in sorted order. With a random feature subset per node (forests), only the chosen
columns are sorted at each level, by (node, precomputed rank of the value).

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
    Estimator,
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


def n_features_to_try(max_features: int | float | str | None, n_features: int) -> int:
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
        for sums_left, sums_right in zip(left[1:], right[1:], strict=True):
            square_left += sums_left * sums_left
            square_right += sums_right * sums_right
        return square_left / w_left + square_right / w_right


@dataclass(frozen=True)
class SortedColumns:
    """Per-feature sort of a training matrix, reusable by every tree fit on (subsets of) it.

    ``order`` (n, p): row indices sorted by each column's value. ``rank`` (n, p): dense rank of
    each value within its column (equal values, equal rank). A forest computes this once.
    """

    order: np.ndarray
    rank: np.ndarray
    tied: np.ndarray  # indices of the features with repeated values

    @classmethod
    def of(cls, X: np.ndarray) -> SortedColumns:
        order = np.argsort(X, axis=0, kind="stable")
        sorted_values = np.take_along_axis(X, order, axis=0)
        steps = np.vstack([np.zeros((1, X.shape[1]), dtype=np.int64), np.diff(sorted_values, axis=0) > 0])
        # int32 halves the memory traffic of the per-level rank look-ups
        rank = np.empty(X.shape, dtype=np.int32)
        np.put_along_axis(rank, order, steps.cumsum(axis=0, dtype=np.int32), axis=0)
        return cls(order, rank, np.flatnonzero(rank.max(axis=0) < len(X) - 1))


class _NodeTable:
    """Growing per-node arrays; a level's worth of nodes is appended at once."""

    def __init__(self, criterion: str, max_depth: int, min_samples_split: int, min_samples_leaf: int):
        self.criterion, self.max_depth = criterion, max_depth
        self.min_samples_split, self.min_samples_leaf = min_samples_split, min_samples_leaf
        self.values: list[np.ndarray] = []
        self.impurities: list[np.ndarray] = []
        self.counts: list[np.ndarray] = []
        self.weights: list[np.ndarray] = []
        self.depths: list[np.ndarray] = []
        self.roots: list[np.ndarray] = []  # which tree (root) each node belongs to
        self.splits: list[tuple[np.ndarray, ...]] = []  # (node, feature, threshold, left, right)
        self.size = 0

    def add(self, totals: np.ndarray, weight: np.ndarray, count: np.ndarray, sum_sq: np.ndarray | None,
            depth: int, root: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
        """Append nodes; return their ids and whether each may still be split."""
        impurity = _impurity(self.criterion, totals, weight, sum_sq)
        self.values.append(totals / weight[:, None])
        self.impurities.append(impurity)
        self.counts.append(count)
        self.weights.append(weight)
        self.depths.append(np.full(len(totals), depth))
        self.roots.append(root)
        ids = np.arange(self.size, self.size + len(totals))
        self.size += len(totals)
        splittable = (
            (depth < self.max_depth)
            & (count >= self.min_samples_split)
            & (count >= 2 * self.min_samples_leaf)
            & (impurity > np.finfo(float).eps)
        )
        return ids, splittable

    def trees(self, n_roots: int) -> list[Tree]:
        """One ``Tree`` per root, node ids renumbered from 0 (level order) within each."""
        feature = np.full(self.size, LEAF, dtype=np.intp)
        threshold = np.full(self.size, np.nan)
        left = np.full(self.size, LEAF, dtype=np.intp)
        right = np.full(self.size, LEAF, dtype=np.intp)
        for node, f, cut, lid, rid in self.splits:
            feature[node], threshold[node], left[node], right[node] = f, cut, lid, rid
        value, impurity = np.vstack(self.values), np.concatenate(self.impurities)
        counts, weights = np.concatenate(self.counts), np.concatenate(self.weights)
        depth, root = np.concatenate(self.depths), np.concatenate(self.roots)
        # nodes of one tree, in id order (the root first, then level by level)
        by_root = np.argsort(root, kind="stable")
        bounds = np.r_[0, np.cumsum(np.bincount(root, minlength=n_roots))]
        local = np.empty(self.size, dtype=np.intp)
        local[by_root] = np.arange(self.size) - np.repeat(bounds[:-1], np.diff(bounds))
        trees = []
        for r in range(n_roots):
            nodes = by_root[bounds[r]:bounds[r + 1]]
            internal = left[nodes] != LEAF
            trees.append(Tree(
                feature=feature[nodes], threshold=threshold[nodes],
                left=np.where(internal, local[np.maximum(left[nodes], 0)], LEAF),
                right=np.where(internal, local[np.maximum(right[nodes], 0)], LEAF),
                value=value[nodes], impurity=impurity[nodes], n_node_samples=counts[nodes].astype(np.intp),
                weighted_n_node_samples=weights[nodes].astype(np.float64), depth=depth[nodes].astype(np.intp),
            ))
        return trees


def build_tree(
    X: np.ndarray, targets: np.ndarray, weight: np.ndarray, *, criterion: str, max_depth: int | None,
    min_samples_split: int, min_samples_leaf: int, max_features: int, rng: np.random.Generator,
    y_squared: np.ndarray | None = None, sorted_columns: SortedColumns | None = None,
) -> Tree:
    """Grow one tree level by level (see the module docstring).

    ``targets`` (n, n_outputs) are weighted per-sample targets: ``weight * one_hot(class)`` for
    classification, ``weight * y`` (one column) for regression, where ``y_squared`` holds
    ``weight * y^2`` to compute the node variance. Samples with zero weight are ignored.
    ``sorted_columns`` may pass a precomputed ``SortedColumns.of(X)``.
    """
    rows = np.flatnonzero(weight > 0)
    return grow_trees(
        X, rows, targets[rows], weight[rows], np.zeros(len(rows), dtype=np.intp), 1, criterion=criterion,
        max_depth=max_depth, min_samples_split=min_samples_split, min_samples_leaf=min_samples_leaf,
        max_features=max_features, rng=rng, y_squared=None if y_squared is None else y_squared[rows],
        sorted_columns=sorted_columns,
    )[0]


def grow_trees(
    X: np.ndarray, row_sample: np.ndarray, targets: np.ndarray, weight: np.ndarray, row_root: np.ndarray,
    n_roots: int, *, criterion: str, max_depth: int | None, min_samples_split: int, min_samples_leaf: int,
    max_features: int, rng: np.random.Generator, y_squared: np.ndarray | None = None,
    sorted_columns: SortedColumns | None = None,
) -> list[Tree]:
    """Grow ``n_roots`` independent trees at once, level by level.

    Each row is one (tree, training sample) pair: ``row_sample`` (r,) indexes X, ``row_root`` (r,)
    says which tree, ``targets`` (r, n_outputs), ``weight`` (r,) > 0 and ``y_squared`` (r,) are the
    row's weighted targets. A forest passes all its bootstrap samples as rows, so every numpy call
    of a level serves all its trees (the per-call cost, not the arithmetic, dominates small nodes).
    """
    n, p = X.shape
    table = _NodeTable(criterion, np.iinfo(np.int64).max if max_depth is None else max_depth,
                       min_samples_split, min_samples_leaf)
    # per-row quantities accumulated down the sorted columns, one contiguous row each: the
    # targets, then the weight (skipped when every weight is 1: a prefix's weight is its length).
    # For classification the last class is left out: its count is the weight minus the others.
    unit_weight = bool(np.all(weight == 1.0))
    classification = criterion in CLASSIFICATION_CRITERIA
    summed = targets[:, :-1] if classification else targets
    stacked = (summed if unit_weight else np.column_stack([summed, weight])).T.copy()  # (n_stacked, r)
    roots = np.arange(n_roots)
    root_totals = np.column_stack([np.bincount(row_root, weights=targets[:, k], minlength=n_roots)
                                   for k in range(targets.shape[1])])
    level_nodes, root_open = table.add(
        root_totals, np.bincount(row_root, weights=weight, minlength=n_roots),
        np.bincount(row_root, minlength=n_roots),
        None if y_squared is None else np.bincount(row_root, weights=y_squared, minlength=n_roots), 0, roots,
    )
    level_roots = roots[root_open]
    level_nodes = level_nodes[root_open]
    if not len(level_nodes):
        return table.trees(n_roots)
    sorted_columns = sorted_columns or SortedColumns.of(X)
    rank = sorted_columns.rank
    subset = max_features < p
    tied = sorted_columns.tied
    key_type = np.int32 if n * (len(row_sample) + 1) < 2**31 else np.int64  # (node, rank) fits in int32?
    group = np.full(len(row_sample), -1, dtype=np.intp)  # each row's open node, as a position in the level
    open_rank = np.full(n_roots, -1)
    open_rank[root_open] = np.arange(int(root_open.sum()))
    group[:] = open_rank[row_root]
    samples = np.flatnonzero(group >= 0)  # rows of the open nodes, grouped by node in level order
    samples = samples[np.argsort(group[samples], kind="stable")]
    if not subset:
        # every column sorted by (node, value) once; later levels only regroup stably, which keeps
        # each child's rows in value order
        if n_roots == 1 and np.all(np.diff(row_sample) > 0):
            # one tree on distinct samples: filter the precomputed sort instead of sorting again
            row_of_sample = np.full(n, -1)
            row_of_sample[row_sample[samples]] = samples
            order = row_of_sample[sorted_columns.order]
            order = order.T[order.T >= 0].reshape(p, len(samples)).T
        else:
            keys = rank[row_sample[samples]].astype(np.int64) + group[samples][:, None] * n
            order = samples[np.argsort(keys, axis=0, kind="stable")]  # (m, p) row ids
    depth = 0
    while len(level_nodes):
        m = len(samples)
        n_nodes = len(level_nodes)
        sizes = np.bincount(group[samples], minlength=n_nodes)
        ends = np.cumsum(sizes)
        starts = ends - sizes
        row_group = np.repeat(np.arange(n_nodes), sizes)  # (m,) node of each sorted row
        if subset:
            # With a random feature subset per node, sorting only the chosen columns is cheaper
            # than keeping all p sorted: the sort key is (node, rank of the value in its column).
            row_x = row_sample[samples][:, None]
            constant = np.zeros((n_nodes, p), dtype=bool)
            if len(tied):
                # a node's rows are distinct samples, so only a feature with repeated values can be
                # constant in a node of two or more rows
                tied_rank = rank[row_x, tied]
                constant[:, tied] = (np.minimum.reduceat(tied_rank, starts, axis=0)
                                     == np.maximum.reduceat(tied_rank, starts, axis=0))
            node_features = _draw_features(constant, max_features, rng)  # (n_nodes, q)
            row_features = node_features[row_group]
            # sort keys (node, rank), laid out one chosen column per row for a contiguous sort
            keys = (rank[row_x, row_features].astype(key_type) + row_group[:, None].astype(key_type) * n).T
            column_order = samples[np.argsort(keys, axis=1)].T  # (m, q)
        else:
            node_features = np.broadcast_to(np.arange(p), (n_nodes, p))
            row_features = np.broadcast_to(np.arange(p), (m, p))
            column_order = order
        q = node_features.shape[1]
        values_sorted = X[row_sample[column_order], row_features]  # (m, q)
        # segmented prefix sums: one cumulative sum down each column, restarting at every node
        # (each segment start takes away the previous segment's total)
        gathered = stacked[:, column_order]  # (n_stacked, m, q)
        node_sums = np.add.reduceat(gathered, starts, axis=1)  # (n_stacked, n_nodes, q)
        if not classification:
            # centre y on each node's mean: the prefix sums then stay small instead of carrying
            # every earlier node's total (whose subtraction would cost precision), and the proxy
            # only shifts by a per-node constant, so the chosen split is the same
            node_weight = sizes[:, None] if unit_weight else node_sums[-1]
            mean = node_sums[0] / node_weight  # (n_nodes, q), equal across columns
            row_weight = 1.0 if unit_weight else gathered[-1]
            gathered[0] -= row_weight * np.repeat(mean, sizes, axis=0)
            node_sums[0] = np.add.reduceat(gathered[0], starts, axis=0)
        gathered[:, starts[1:]] -= node_sums[:, :-1]
        left = np.cumsum(gathered, axis=1)
        # node totals are the same in every column: take column 0's
        right = np.repeat(node_sums[:, :, :1], sizes, axis=1) - left
        n_left = np.arange(m) - starts[row_group] + 1
        n_right = sizes[row_group] - n_left
        if unit_weight:
            w_left, w_right = n_left[:, None].astype(float), n_right[:, None].astype(float)
            sums_left, sums_right = list(left), list(right)
        else:
            w_left, w_right = left[-1], right[-1]
            sums_left, sums_right = list(left[:-1]), list(right[:-1])
        if classification:
            sums_left.append(w_left - sum(sums_left, np.zeros_like(left[0])))
            sums_right.append(w_right - sum(sums_right, np.zeros_like(left[0])))
        proxy = _split_proxy(criterion, sums_left, sums_right, w_left, w_right)
        valid = np.empty((m, q), dtype=bool)
        valid[:-1] = values_sorted[1:] > values_sorted[:-1] + FEATURE_THRESHOLD
        valid[-1] = False
        valid &= ((n_left >= min_samples_leaf) & (n_right >= min_samples_leaf))[:, None]
        proxy[~valid] = -np.inf
        best_per_column = np.maximum.reduceat(proxy, starts, axis=0)  # (n_nodes, q)
        node_best = best_per_column.max(axis=1)
        splits = np.isfinite(node_best)
        if not splits.any():
            break
        # Ties: the first column (lowest feature index in full mode), then the first row (lowest
        # threshold). Values within 1e-12 (relative) count as tied: two features that cut the same
        # rows apart give the same proxy up to the order of summation, and rounding must not pick.
        slack = np.where(splits, 1e-12 * np.abs(node_best), 0.0)
        best_column = np.argmax(best_per_column >= (node_best - slack)[:, None], axis=1)
        best_value = best_per_column[np.arange(n_nodes), best_column]
        chosen = proxy[np.arange(m), best_column[row_group]]
        hit = chosen >= (best_value - slack)[row_group]
        position = np.minimum.reduceat(np.where(hit, np.arange(m), m), starts)
        split_nodes = level_nodes[splits]
        c_split = best_column[splits]
        f_split = node_features[np.arange(n_nodes), best_column][splits]
        pos = position[splits]
        low = values_sorted[pos, c_split]
        high = values_sorted[pos + 1, c_split]
        cut = (low + high) / 2.0
        cut = np.where((cut == high) | ~np.isfinite(cut), low, cut)  # rounding can land on the upper value

        depth += 1
        # route each row of a split node to its child; children are numbered (left, right) per
        # split node, in level order
        node_feature = np.zeros(n_nodes, dtype=np.intp)
        node_cut = np.zeros(n_nodes)
        node_feature[splits], node_cut[splits] = f_split, cut
        child_of_left = np.full(n_nodes, -1)
        child_of_left[splits] = 2 * np.arange(len(split_nodes))
        sample_group = group[samples]
        goes_right = X[row_sample[samples], node_feature[sample_group]] > node_cut[sample_group]
        child = np.where(splits[sample_group], child_of_left[sample_group] + goes_right, -1)
        live = child >= 0
        n_children = 2 * len(split_nodes)
        live_rows, live_child = samples[live], child[live]
        child_totals = np.column_stack([
            np.bincount(live_child, weights=targets[live_rows, k], minlength=n_children)
            for k in range(targets.shape[1])
        ])
        child_weight = np.bincount(live_child, weights=weight[live_rows], minlength=n_children)
        child_count = np.bincount(live_child, minlength=n_children)
        child_sq = (None if y_squared is None
                    else np.bincount(live_child, weights=y_squared[live_rows], minlength=n_children))
        child_roots = np.repeat(level_roots[splits], 2)
        child_ids, child_open = table.add(child_totals, child_weight, child_count, child_sq, depth, child_roots)
        table.splits.append((split_nodes, f_split, cut, child_ids[0::2], child_ids[1::2]))

        # keep only rows whose child is still open, regrouped by child (stably: in full mode
        # each column stays sorted by value within every child)
        open_rank = np.full(n_children, -1)
        open_rank[child_open] = np.arange(int(child_open.sum()))
        new_group = np.full(len(row_sample), -1)
        new_group[live_rows] = open_rank[live_child]
        sample_new_group = new_group[samples]
        still_open = sample_new_group >= 0
        if not still_open.any():
            break
        samples = samples[still_open][np.argsort(sample_new_group[still_open], kind="stable")]
        if not subset:
            row_new_group = new_group[order]  # (m, p)
            keep = row_new_group >= 0
            kept = order.T[keep.T].reshape(p, len(samples)).T
            kept_group = row_new_group.T[keep.T].reshape(p, len(samples)).T
            order = np.take_along_axis(kept, np.argsort(kept_group, axis=0, kind="stable"), axis=0)
        group = new_group
        level_nodes = child_ids[child_open]
        level_roots = child_roots[child_open]
    return table.trees(n_roots)


def _draw_features(constant: np.ndarray, max_features: int, rng: np.random.Generator) -> np.ndarray:
    """(n_nodes, max_features) features each node may split on, drawn at random per node.

    Like scikit-learn, features constant within a node do not use up the budget: the node keeps
    drawing until it has ``max_features`` features that vary there (or none are left).
    """
    # uniform priorities in [0, 1), pushed past every varying feature when constant
    priority = rng.random(constant.shape) + constant
    if max_features >= constant.shape[1]:
        return np.argsort(priority, axis=1)
    return np.argpartition(priority, max_features - 1, axis=1)[:, :max_features]


class _BaseTree(Estimator):
    """Parameters and helpers shared by the classifier and the regressor."""

    max_depth: int | None
    min_samples_split: int
    min_samples_leaf: int
    max_features: int | float | str | None
    random_state: int | None
    tree_: Tree
    n_features_in_: int

    def _check_tree_params(self) -> None:
        require(self.max_depth is None or self.max_depth >= 1, "max_depth must be None or >= 1")
        require(self.min_samples_split >= 2, "min_samples_split must be >= 2")
        require(self.min_samples_leaf >= 1, "min_samples_leaf must be >= 1")

    def _grow(self, X: np.ndarray, targets: np.ndarray, w: np.ndarray, criterion: str,
              sorted_columns: SortedColumns | None, y_squared: np.ndarray | None = None) -> None:
        self.n_features_in_ = X.shape[1]
        self.tree_ = build_tree(
            X, targets, w, criterion=criterion, max_depth=self.max_depth,
            min_samples_split=self.min_samples_split, min_samples_leaf=self.min_samples_leaf,
            max_features=n_features_to_try(self.max_features, X.shape[1]), rng=make_rng(self.random_state),
            y_squared=y_squared, sorted_columns=sorted_columns,
        )

    def _weights(self, sample_weight: np.ndarray | None, n: int) -> np.ndarray:
        if sample_weight is None:
            return np.ones(n)
        w = np.asarray(sample_weight, dtype=np.float64)
        require(w.shape == (n,) and bool(np.all(w >= 0)), "sample_weight must be (n_samples,) and >= 0")
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

    def fit(self, X: np.ndarray, y: np.ndarray, sample_weight: np.ndarray | None = None, *,
            sorted_columns: SortedColumns | None = None) -> DecisionTreeClassifier:
        """``sample_weight`` (n_samples,) >= 0; ``sorted_columns``: ``SortedColumns.of(X)`` computed
        once by an ensemble fitting many trees on the same X."""
        require(self.criterion in CLASSIFICATION_CRITERIA, f"criterion must be one of {CLASSIFICATION_CRITERIA}")
        self._check_tree_params()
        X, y = check_X_y(X, y)
        self.classes_, codes = encode_labels(y)
        w = self._weights(sample_weight, len(X))
        targets = np.zeros((len(X), len(self.classes_)))
        targets[np.arange(len(X)), codes] = w
        self._grow(X, targets, w, self.criterion, sorted_columns)
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

    def fit(self, X: np.ndarray, y: np.ndarray, sample_weight: np.ndarray | None = None, *,
            sorted_columns: SortedColumns | None = None) -> DecisionTreeRegressor:
        """See ``DecisionTreeClassifier.fit``."""
        self._check_tree_params()
        X, y = check_X_y(X, y, y_numeric=True)
        w = self._weights(sample_weight, len(X))
        self._grow(X, (w * y)[:, None], w, "squared_error", sorted_columns, y_squared=w * y * y)
        return self

    def predict(self, X: np.ndarray) -> np.ndarray:
        """(n_samples,) mean target of each row's leaf."""
        return self.tree_.value[self.apply(X), 0]
