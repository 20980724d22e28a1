"""The curse of dimensionality: distances concentrate, neighbourhoods stop being local, and k-NN
drowns in irrelevant dimensions.

1. Distance concentration: 500 points uniform in the unit cube [0, 1]^d and 50 query points;
   for each query, how much farther is the farthest point than the nearest (median over queries)?
2. k-NN vs dimensions: two classes that differ only in 2 informative features (Gaussian blobs 2.5
   sd apart); every other feature is noise on the same scale. k-NN (k = ``k``) against logistic
   regression, with ``n_train`` training rows, as noise features are added.
3. Neighbourhood size: the edge of a sub-cube holding a fraction r of uniform data is r^(1/d).
"""

from __future__ import annotations

import numpy as np

from gauntlet.labs.catalog import lab_spec
from gauntlet.labs.models import KNeighborsClassifier, LogisticRegression
from gauntlet.labs.models.neighbors import pairwise_distances
from gauntlet.labs.plotting import COLOURS, new_figure
from gauntlet.labs.result import LabResult, ResultTable
from gauntlet.labs.spec import Param, ProgressFn, no_progress

SPEC = lab_spec(
    "curse-of-dimensionality",
    params=(
        Param("n_train", "int", 300, "training rows for the k-NN experiment", low=50, high=3000),
        Param("k", "int", 5, "neighbours that vote in k-NN", low=1, high=50),
    ),
    notice=(
        "As d grows, the distances from a query to all other points bunch together: the farthest point is "
        "barely farther than the nearest. For independent coordinates the squared distance is a sum of d "
        "terms, so its mean grows like d while its spread grows like sqrt(d): relative spread about 1/sqrt(d).",
        "'Nearest neighbour' then carries little information: when everything is about equally far away, "
        "the k nearest points are nearly a random sample.",
        "Local neighbourhoods stop being local: to hold 1% of uniform data, a sub-cube needs an edge of 0.01^(1/d) "
        "of the range, 63% in 10 dimensions and 95% in 100. Covering the space densely needs a number of points "
        "exponential in d.",
        "k-NN weighs every feature equally, so irrelevant features add noise to every distance until it "
        "swamps the two that matter, and accuracy falls towards a coin flip. Logistic regression learns a weight "
        "per feature and loses much less, though it too degrades as noise features approach the number of rows.",
        "Real data usually live near a lower-dimensional structure (images, text), which is why distance-based "
        "methods still work on them after feature selection, dimensionality reduction or learned embeddings.",
    ),
    takeaway=(
        "In high dimensions distances concentrate, data become sparse (the samples needed to cover the space grow "
        "exponentially with d) and neighbourhoods are no longer local, which hurts k-NN, kernel methods and "
        "clustering most. Remedies: feature selection, dimensionality reduction (PCA, autoencoders), learned "
        "embeddings, regularisation, and models that learn which features matter; and check whether the data "
        "really fill all d dimensions or lie on a lower-dimensional manifold."
    ),
)

CONCENTRATION_DIMS = (1, 2, 5, 10, 20, 50, 100, 200, 500, 1000)
KNN_DIMS = (2, 4, 8, 16, 32, 64, 128, 256, 512, 1024)
N_POINTS, N_QUERIES, N_TEST = 500, 50, 1000
SEPARATION = 2.5


def concentration(rng: np.random.Generator, d: int) -> tuple[float, float]:
    """Median over queries of farthest / nearest distance, and mean over queries of sd / mean distance,
    in [0, 1]^d.

    The median, because in low dimensions the ratio is heavy-tailed: a query that lands almost on a
    point has a nearest distance near 0 and a ratio in the thousands, and one such query would set
    the mean.
    """
    points = rng.random((N_POINTS, d))
    queries = rng.random((N_QUERIES, d))
    D = pairwise_distances(queries, points)
    contrast = D.max(axis=1) / D.min(axis=1)
    return float(np.median(contrast)), float((D.std(axis=1) / D.mean(axis=1)).mean())


def draw_blobs(rng: np.random.Generator, n: int, d: int) -> tuple[np.ndarray, np.ndarray]:
    y = rng.integers(0, 2, n)
    X = rng.standard_normal((n, d))
    X[:, 0] += (y - 0.5) * SEPARATION
    X[:, 1] += (y - 0.5) * SEPARATION
    return X, y


def run(seed: int, progress: ProgressFn = no_progress, *, n_train: int, k: int) -> LabResult:
    rng = np.random.default_rng(seed)
    total = len(CONCENTRATION_DIMS) + len(KNN_DIMS)
    contrast, spread = [], []
    for i, d in enumerate(CONCENTRATION_DIMS):
        c, s = concentration(rng, d)
        contrast.append(c)
        spread.append(s)
        progress(i + 1, total)
    knn_acc, lr_acc = [], []
    for i, d in enumerate(KNN_DIMS):
        X, y = draw_blobs(rng, n_train, d)
        X_te, y_te = draw_blobs(rng, N_TEST, d)
        knn = KNeighborsClassifier(n_neighbors=min(k, n_train)).fit(X, y)
        knn_acc.append(float(np.mean(knn.predict(X_te) == y_te)))
        lr_acc.append(float(np.mean(LogisticRegression().fit(X, y).predict(X_te) == y_te)))
        progress(len(CONCENTRATION_DIMS) + i + 1, total)
    edge = {d: 0.01 ** (1.0 / d) for d in CONCENTRATION_DIMS}

    at = {d: i for i, d in enumerate(CONCENTRATION_DIMS)}
    numbers = {
        "farthest_over_nearest_d2": contrast[at[2]],
        "farthest_over_nearest_d1000": contrast[at[1000]],
        "relative_spread_d2": spread[at[2]],
        "relative_spread_d1000": spread[at[1000]],
        "knn_accuracy_2_dims": knn_acc[0],
        f"knn_accuracy_{KNN_DIMS[-1]}_dims": knn_acc[-1],
        "logreg_accuracy_2_dims": lr_acc[0],
        f"logreg_accuracy_{KNN_DIMS[-1]}_dims": lr_acc[-1],
        "edge_for_1_percent_d10": edge[10],
        "edge_for_1_percent_d100": edge[100],
    }
    tables = [
        ResultTable("Distance concentration (500 uniform points, 50 queries)",
                    ["dimensions", "farthest / nearest (median)", "sd / mean of distances",
                     "edge of a cube holding 1%"],
                    [[d, c, s, edge[d]] for d, c, s in zip(CONCENTRATION_DIMS, contrast, spread, strict=True)]),
        ResultTable(f"Test accuracy with 2 informative features ({n_train} training rows)",
                    ["total dimensions", f"{k}-NN", "logistic regression"],
                    [[d, a, b] for d, a, b in zip(KNN_DIMS, knn_acc, lr_acc, strict=True)]),
    ]
    notices = [
        f"In 2 dimensions the farthest point is typically (median over 50 queries) {contrast[at[2]]:.0f} times as "
        f"far from a query as the "
        f"nearest; in 1,000 dimensions only {contrast[at[1000]]:.2f} times. The relative spread of distances falls "
        f"from {spread[at[2]]:.2f} to {spread[at[1000]]:.3f}.",
        f"{k}-NN accuracy {'falls' if knn_acc[-1] < knn_acc[0] else 'goes'} from {knn_acc[0]:.3f} with only the 2 "
        f"informative features to {knn_acc[-1]:.3f} with "
        f"{KNN_DIMS[-1] - 2} noise features added (a coin flip is 0.5); logistic regression goes from {lr_acc[0]:.3f} "
        f"to {lr_acc[-1]:.3f}.",
        f"A cube holding 1% of uniform data has an edge of {edge[10]:.0%} of the range in 10 dimensions and "
        f"{edge[100]:.0%} in 100.",
    ]
    figures = {
        "concentration": lambda: _concentration_figure(contrast, spread),
        "knn_accuracy": lambda: _accuracy_figure(knn_acc, lr_acc, k, n_train),
        "distance_histograms": lambda: _histogram_figure(np.random.default_rng(seed)),
    }
    return LabResult("curse-of-dimensionality", seed, numbers=numbers, tables=tables, notices=notices,
                     figures=figures)


def _concentration_figure(contrast, spread):
    fig, (ax1, ax2) = new_figure(2, 1, width=5.5, title="Distances concentrate as dimensions grow")
    d = np.array(CONCENTRATION_DIMS)
    ax1.plot(d, contrast, "o-", color=COLOURS[0])
    ax1.set_xscale("log")
    ax1.set_yscale("log")
    ax1.set_xlabel("dimensions d (log scale)")
    ax1.set_ylabel("farthest / nearest distance\n(median over queries, log scale)")
    ax1.set_title("Contrast between far and near")
    ax2.plot(d, spread, "o-", color=COLOURS[1], label="measured")
    ax2.plot(d, spread[-1] * np.sqrt(d[-1] / d), ":", color="0.4", label="∝ 1/sqrt(d)")
    ax2.set_xscale("log")
    ax2.set_yscale("log")
    ax2.set_xlabel("dimensions d (log scale)")
    ax2.set_ylabel("sd / mean of distances (log scale)")
    ax2.set_title("Relative spread of distances")
    ax2.legend()
    return fig


def _accuracy_figure(knn_acc, lr_acc, k, n_train):
    fig, ax = new_figure(width=6.5, title=f"2 informative features + noise features ({n_train} training rows)")
    ax.plot(KNN_DIMS, knn_acc, "o-", color=COLOURS[0], label=f"{k}-NN")
    ax.plot(KNN_DIMS, lr_acc, "s-", color=COLOURS[1], label="logistic regression")
    ax.axhline(0.5, color="0.5", ls=":", label="coin flip")
    ax.set_xscale("log", base=2)
    ax.set_xlabel("total dimensions (log scale)")
    ax.set_ylabel("test accuracy")
    ax.set_ylim(0.4, 1.0)
    ax.legend()
    return fig


def _histogram_figure(rng):
    fig, ax = new_figure(width=6.5, title="Distances from one query to 500 uniform points, scaled by their mean")
    for d, colour in zip((2, 10, 100, 1000), COLOURS, strict=False):
        D = pairwise_distances(rng.random((1, d)), rng.random((N_POINTS, d)))[0]
        ax.hist(D / D.mean(), bins=40, range=(0, 2.5), histtype="step", lw=2, color=colour, label=f"d = {d}")
    ax.set_xlabel("distance / mean distance")
    ax.set_ylabel("number of points")
    ax.legend()
    return fig
