"""k-means: choosing k by the inertia elbow or the silhouette, where k-means fails, and why k-means++.

Three experiments on 2-D data, all clustered by the from-scratch ``KMeans`` (Lloyd's algorithm):

1. Choosing k: ``k_true`` round Gaussian blobs (standard deviation ``spread`` each, centres at least
   ``MIN_CENTRE_GAP`` apart, ``n_per_cluster`` points each) are clustered with every k from 1 to
   ``k_max`` (5 k-means++ starts each). The elbow is read off the inertia curve by a fixed rule (the
   point farthest below the chord from k = 1 to k = k_max, both axes scaled to [0, 1]: the "kneedle"
   rule); the silhouette's choice is the k with the highest mean silhouette.
2. Where k-means fails, with the right k given: (a) unequal spreads, one wide blob (sd 2) beside two
   tight ones (sd 0.4), compared with the assignment an oracle makes from the true densities; (b) two
   interleaved half-moons, where the silhouette is also computed for the true grouping.
3. Initialisation: ``init_clusters`` well-separated blobs, ``restarts`` single-start runs with random
   initial centres (k distinct data points) and as many with k-means++ seeding, each compared with the
   best inertia any of them found.
"""

from __future__ import annotations

import numpy as np

from gauntlet.errors import InputError
from gauntlet.labs.catalog import lab_spec
from gauntlet.labs.models import KMeans, adjusted_rand_score, silhouette_score
from gauntlet.labs.plotting import COLOURS, new_figure
from gauntlet.labs.result import LabResult, ResultTable, Scalar
from gauntlet.labs.spec import Param, ProgressFn, no_progress

SPEC = lab_spec(
    "k-means",
    params=(
        Param("k_true", "int", 4, "blobs in the choosing-k data", low=2, high=8),
        Param("spread", "float", 1.0, "standard deviation of each blob (centres are at least 6 apart)", low=0.3,
              high=3.0),
        Param("layout", "choice", "ring", "blob centres: evenly spaced on a ring, or scattered at random (gaps from "
              "6 up)", choices=("ring", "random")),
        Param("n_per_cluster", "int", 150, "points per blob", low=30, high=400),
        Param("k_max", "int", 10, "largest k tried (at least k_true + 2)", low=5, high=15),
        Param("init_clusters", "int", 10, "blobs in the initialisation experiment", low=4, high=16),
        Param("restarts", "int", 50, "single-start runs per initialisation method", low=10, high=200),
    ),
    notice=(
        "Inertia is the sum of squared distances from each point to its centre. The best inertia achievable with "
        "k + 1 centres is never above the best with k (put the extra centre on any point), and it reaches 0 at one "
        "centre per point, so the lowest inertia cannot choose k. The elbow method looks for the k after which "
        "extra centres buy little; where the bend is depends on how the curve is read, and when some groups lie "
        "closer together than others the sharpest bend can come at a coarser grouping than the true one (compare "
        "layout=random with the default ring).",
        "The silhouette of a point is (b - a) / max(a, b), with a its mean distance to its own cluster and b its "
        "mean distance to the nearest other cluster; it runs from -1 to 1 and its mean over points has a maximum "
        "over k instead of falling forever. It rewards compact, well-separated, convex clusters, the same shape "
        "k-means assumes, so it cannot be relied on to catch k-means' mistakes on other shapes.",
        "k-means gives each point to its nearest centre, so every cluster is a convex cell bounded by the "
        "perpendicular bisectors between centres, halfway between them whatever the spreads. A wide cluster next to "
        "tight ones loses its edge points to them (or is cut in two), and curved or nested shapes are sliced by "
        "straight lines. Often k-means has not failed to optimise: its partition has lower inertia than the true "
        "grouping; the objective is the wrong one for those shapes. A Gaussian mixture with its own covariance per "
        "component, or a density or graph method (DBSCAN, spectral clustering, single linkage), fits them.",
        "Lloyd's iterations only ever lower the inertia, so they stop at a local optimum set by the start. Random "
        "starting centres often put two centres in one group and one centre between two groups, and Lloyd's steps "
        "cannot move a centre across the gap. k-means++ picks each next centre with probability proportional to the "
        "squared distance to the nearest centre already chosen, which spreads them out: in expectation its starting "
        "inertia is within a factor O(log k) of the optimum before any iteration (Arthur & Vassilvitskii, 2007). "
        "scikit-learn, and this lab's KMeans, use a greedy variant that draws a few candidates for each centre "
        "and keeps the best. Libraries still run several starts (n_init) and keep the lowest inertia.",
    ),
    takeaway=(
        "k-means minimises within-cluster squared distance with Voronoi (convex) clusters of similar spread, and "
        "converges to a local optimum that depends on the start: use k-means++ seeding and several restarts, scale "
        "the features first, and choose k with the silhouette, the gap statistic or stability across resamples "
        "rather than by eye from an inertia elbow, then check the clusters are useful. For elongated, unequal or "
        "non-convex clusters use a Gaussian mixture or a density-based method instead."
    ),
)

MIN_CENTRE_GAP = 6.0
STARTS_PER_K = 5
CLOSE_TO_BEST = 1.01  # a start "reached the best" if its inertia is within 1% of the best found
WIDE_SD, TIGHT_SD = 2.0, 0.4
UNEQUAL_CENTRES = np.array([[0.0, 0.0], [4.5, 1.5], [4.5, -1.5]])
UNEQUAL_SIZES = np.array([300, 100, 100])
MOON_POINTS, MOON_NOISE = 400, 0.08


def ring_centres(rng: np.random.Generator, k: int, gap: float) -> np.ndarray:
    """(k, 2) centres evenly spaced on a circle, neighbours ``gap`` apart, turned by a random angle and each
    moved by up to 10% of the gap: every blob has a neighbour at about the same distance."""
    radius = gap / (2 * np.sin(np.pi / k))
    angle = rng.uniform(0, 2 * np.pi) + 2 * np.pi * np.arange(k) / k
    return radius * np.column_stack([np.cos(angle), np.sin(angle)]) + rng.uniform(-0.1, 0.1, (k, 2)) * gap


def blob_centres(rng: np.random.Generator, k: int, min_gap: float) -> np.ndarray:
    """(k, 2) centres drawn uniformly in a square sized for k, redrawn until every pair is ``min_gap`` apart."""
    half_width = min_gap * np.sqrt(k)
    while True:
        centres = rng.uniform(-half_width, half_width, (k, 2))
        gaps = np.sqrt(((centres[:, None] - centres[None]) ** 2).sum(axis=-1)) + np.diag(np.full(k, np.inf))
        if gaps.min() >= min_gap:
            return centres


def blobs(rng: np.random.Generator, centres: np.ndarray, sd: np.ndarray | float,
          sizes: np.ndarray | int) -> tuple[np.ndarray, np.ndarray]:
    """Points around each centre (round Gaussians of standard deviation ``sd``) and their blob index."""
    k = len(centres)
    labels = np.repeat(np.arange(k), np.broadcast_to(sizes, (k,)))
    spreads = np.broadcast_to(np.asarray(sd, dtype=float), (k,))
    return centres[labels] + spreads[labels, None] * rng.standard_normal((len(labels), 2)), labels


def moons(rng: np.random.Generator, n: int, noise: float) -> tuple[np.ndarray, np.ndarray]:
    """Two interleaved half-circles of radius 1 with Gaussian noise, and which moon each point is on."""
    labels = rng.integers(0, 2, n)
    angle = rng.uniform(0.0, np.pi, n)
    x = np.where(labels == 0, np.cos(angle), 1.0 - np.cos(angle))
    y = np.where(labels == 0, np.sin(angle), 0.5 - np.sin(angle))
    return np.column_stack([x, y]) + noise * rng.standard_normal((n, 2)), labels


def elbow_by_chord(inertia: np.ndarray) -> int:
    """The k (1-based) whose inertia lies farthest below the chord from the first to the last k, with k and
    inertia each scaled to [0, 1] (the "kneedle" reading of an elbow)."""
    position = np.linspace(0.0, 1.0, len(inertia))
    height = (inertia - inertia[-1]) / (inertia[0] - inertia[-1])
    return int(np.argmax((1.0 - position) - height)) + 1


def partition_inertia(X: np.ndarray, labels: np.ndarray) -> float:
    """Inertia of a given grouping with each group's mean as its centre (what k-means would score it)."""
    return float(sum(np.sum((X[labels == g] - X[labels == g].mean(axis=0)) ** 2) for g in np.unique(labels)))


def seed_from(rng: np.random.Generator) -> int:
    return int(rng.integers(0, 2**31))


def run(seed: int, progress: ProgressFn = no_progress, *, k_true: int, spread: float, layout: str,
        n_per_cluster: int, k_max: int, init_clusters: int, restarts: int) -> LabResult:
    if k_max < k_true + 2:
        raise InputError(f"k_max = {k_max} must be at least k_true + 2 = {k_true + 2}, so the curves show k "
                         f"beyond the true number of blobs")
    rng = np.random.default_rng(seed)
    total_steps = k_max + 2 + 2 * restarts

    # 1. choosing k
    place = ring_centres if layout == "ring" else blob_centres
    centres = place(rng, k_true, MIN_CENTRE_GAP)
    X, truth = blobs(rng, centres, spread, n_per_cluster)
    ks = np.arange(1, k_max + 1)
    fits = []
    for k in ks:
        fits.append(KMeans(int(k), n_init=STARTS_PER_K, random_state=seed_from(rng)).fit(X))
        progress(int(k), total_steps)
    inertia = np.array([fit.inertia_ for fit in fits])
    silhouette = np.array([silhouette_score(X, fit.labels_) for fit in fits[1:]])  # k = 2..k_max
    elbow_k = elbow_by_chord(inertia)
    silhouette_k = int(np.argmax(silhouette)) + 2

    # 2. failures with the right k
    X_uneq, truth_uneq = blobs(rng, UNEQUAL_CENTRES, np.array([WIDE_SD, TIGHT_SD, TIGHT_SD]), UNEQUAL_SIZES)
    km_uneq = KMeans(3, n_init=10, random_state=seed_from(rng)).fit(X_uneq)
    oracle_uneq = _oracle_assignment(X_uneq)
    X_moons, truth_moons = moons(rng, MOON_POINTS, MOON_NOISE)
    km_moons = KMeans(2, n_init=10, random_state=seed_from(rng)).fit(X_moons)
    progress(k_max + 2, total_steps)

    # 3. initialisation
    init_centres = blob_centres(rng, init_clusters, MIN_CENTRE_GAP)
    X_init, _ = blobs(rng, init_centres, 1.0, 100)
    runs: dict[str, list[KMeans]] = {"random": [], "k-means++": []}
    for method in runs:
        for _ in range(restarts):
            runs[method].append(KMeans(init_clusters, init=method, n_init=1, random_state=seed_from(rng)).fit(X_init))
            progress(k_max + 2 + sum(len(r) for r in runs.values()), total_steps)
    init_inertia = {m: np.array([r.inertia_ for r in fitted]) for m, fitted in runs.items()}
    init_iterations = {m: np.array([r.n_iter_ for r in fitted]) for m, fitted in runs.items()}
    best_inertia = min(float(v.min()) for v in init_inertia.values())

    numbers: dict[str, Scalar] = {
        "k_true": k_true,
        "elbow_k": elbow_k,
        "silhouette_k": silhouette_k,
        "silhouette_at_k_true": float(silhouette[k_true - 2]),
        "silhouette_best": float(silhouette.max()),
        "inertia_k1": float(inertia[0]),
        "inertia_at_k_true": float(inertia[k_true - 1]),
        "inertia_k_max": float(inertia[-1]),
        "inertia_fell_at_every_k": bool(np.all(np.diff(inertia) < 0)),
        "drop_share_adding_k_true": float(1 - inertia[k_true - 1] / inertia[k_true - 2]),
        "drop_share_adding_k_true_plus_1": float(1 - inertia[k_true] / inertia[k_true - 1]),
        "drop_share_adding_elbow_k": float(1 - inertia[elbow_k - 1] / inertia[elbow_k - 2]) if elbow_k > 1 else 0.0,
        "unequal_kmeans_ari": adjusted_rand_score(truth_uneq, km_uneq.labels_),
        "unequal_oracle_ari": adjusted_rand_score(truth_uneq, oracle_uneq),
        "unequal_kmeans_inertia": km_uneq.inertia_,
        "unequal_true_grouping_inertia": partition_inertia(X_uneq, truth_uneq),
        "unequal_wide_points_given_to_tight": _wide_points_lost(truth_uneq, km_uneq.labels_),
        "unequal_tight_blobs_merged": _tight_blobs_merged(truth_uneq, km_uneq.labels_),
        "moons_kmeans_ari": adjusted_rand_score(truth_moons, km_moons.labels_),
        "moons_kmeans_silhouette": silhouette_score(X_moons, km_moons.labels_),
        "moons_true_silhouette": silhouette_score(X_moons, truth_moons),
        "moons_kmeans_inertia": km_moons.inertia_,
        "moons_true_grouping_inertia": partition_inertia(X_moons, truth_moons),
        "init_best_inertia": best_inertia,
    }
    for method, key in (("random", "random"), ("k-means++", "plusplus")):
        ratio = init_inertia[method] / best_inertia
        numbers[f"{key}_share_within_1pct_of_best"] = float(np.mean(ratio <= CLOSE_TO_BEST))
        numbers[f"{key}_mean_inertia_over_best"] = float(ratio.mean())
        numbers[f"{key}_worst_inertia_over_best"] = float(ratio.max())
        numbers[f"{key}_mean_lloyd_iterations"] = float(init_iterations[method].mean())

    tables = [
        ResultTable(f"Choosing k on {k_true} blobs (sd {spread:g}, {n_per_cluster} points each)",
                    ["k", "inertia", "mean silhouette"],
                    [[int(k), float(inertia[k - 1]), float(silhouette[k - 2]) if k >= 2 else None] for k in ks]),
        ResultTable(f"{restarts} single starts each on {init_clusters} blobs",
                    ["initialisation", "share within 1% of best", "mean inertia / best", "worst inertia / best",
                     "mean Lloyd iterations"],
                    [[method, numbers[f"{key}_share_within_1pct_of_best"], numbers[f"{key}_mean_inertia_over_best"],
                      numbers[f"{key}_worst_inertia_over_best"], numbers[f"{key}_mean_lloyd_iterations"]]
                     for method, key in (("random", "random"), ("k-means++", "plusplus"))]),
    ]
    notices = _notices(numbers, k_max=k_max, restarts=restarts, init_clusters=init_clusters)
    worst_random = runs["random"][int(np.argmax(init_inertia["random"]))]
    figures = {
        "choosing_k": lambda: _choosing_k_figure(X, fits[silhouette_k - 1].labels_, ks, inertia, silhouette, numbers),
        "failures": lambda: _failures_figure(X_uneq, truth_uneq, km_uneq, X_moons, truth_moons, km_moons, numbers),
        "initialisation": lambda: _init_figure(init_inertia, best_inertia, X_init, worst_random, init_clusters),
    }
    return LabResult("k-means", seed, numbers=numbers, tables=tables, notices=notices, figures=figures)


def _oracle_assignment(X: np.ndarray) -> np.ndarray:
    """Each point to the blob with the highest prior x density under the generating Gaussians (the Bayes rule)."""
    sds = np.array([WIDE_SD, TIGHT_SD, TIGHT_SD])
    squared = ((X[:, None, :] - UNEQUAL_CENTRES[None]) ** 2).sum(axis=-1)
    log_density = -squared / (2 * sds**2) - 2 * np.log(sds) + np.log(UNEQUAL_SIZES / UNEQUAL_SIZES.sum())
    return np.argmax(log_density, axis=1)


def _wide_points_lost(truth: np.ndarray, labels: np.ndarray) -> float:
    """Share of the wide blob's points that k-means put in a cluster whose majority is a tight blob."""
    majority = {c: np.bincount(truth[labels == c], minlength=3).argmax() for c in np.unique(labels)}
    majority_of_point = np.array([majority[c] for c in labels])
    wide = truth == 0
    return float(np.mean(majority_of_point[wide] != 0))


def _tight_blobs_merged(truth: np.ndarray, labels: np.ndarray) -> bool:
    """Whether most points of both tight blobs (1 and 2) ended in one k-means cluster."""
    home = [np.bincount(labels[truth == blob]).argmax() for blob in (1, 2)]
    return bool(home[0] == home[1])


def _notices(n: dict, *, k_max: int, restarts: int, init_clusters: int) -> list[str]:
    """What this run shows, each sentence decided by its numbers."""
    k_true, elbow, sil_k = n["k_true"], n["elbow_k"], n["silhouette_k"]
    if n["inertia_fell_at_every_k"]:
        fell = (f"Inertia fell at every step from k = 1 ({n['inertia_k1']:.0f}) to k = {k_max} "
                f"({n['inertia_k_max']:.0f})")
    else:
        fell = (f"Inertia went from {n['inertia_k1']:.0f} at k = 1 to {n['inertia_k_max']:.0f} at k = {k_max}, but "
                f"not at every step: a rise means k-means stopped at a worse local optimum for that k")
    choosing = (f"{fell}, so its minimum says nothing. Adding the {_ordinal(k_true)} cluster cut it by "
                f"{n['drop_share_adding_k_true']:.0%}, the next one by {n['drop_share_adding_k_true_plus_1']:.0%}. "
                f"The elbow rule (the point farthest below the chord) picks k = {elbow}; the silhouette peaks at "
                f"k = {sil_k} ({n['silhouette_best']:.3f}); the data have {k_true} blobs.")
    if elbow == sil_k == k_true:
        choosing += " Both criteria find the blobs here."
    else:
        if sil_k == k_true:
            choosing += " Only the silhouette finds them."
        else:
            choosing += (f" The silhouette is higher at k = {sil_k} than at k = {k_true} "
                         f"({n['silhouette_at_k_true']:.3f}): {'merging' if sil_k < k_true else 'splitting'} blobs "
                         f"scores better by its measure.")
        if elbow == k_true:
            choosing += " The elbow rule finds them."
        elif elbow == 1:
            choosing += " The elbow rule finds no bend: the curve never dips below its chord."
        else:
            choosing += (f" The elbow rule settles on {'a coarser' if elbow < k_true else 'a finer'} grouping: the "
                         f"{_ordinal(elbow)} cluster also cut the inertia by {n['drop_share_adding_elbow_k']:.0%}, "
                         f"and another reading of the same curve (by eye, or by another rule) could pick another k.")

    uneq = (f"Unequal spreads, k = 3 given: k-means agrees with the true blobs at adjusted Rand index "
            f"{n['unequal_kmeans_ari']:.2f}, against {n['unequal_oracle_ari']:.2f} for the assignment by the true "
            f"densities. ")
    lost = n["unequal_wide_points_given_to_tight"]
    if n["unequal_tight_blobs_merged"]:
        uneq += (f"It cut the wide blob in two and merged the two tight ones ({lost:.0%} of the wide blob's points "
                 f"went with them).")
    else:
        uneq += f"It gave {lost:.0%} of the wide blob's points to the clusters of the tight blobs."
    if n["unequal_kmeans_inertia"] < n["unequal_true_grouping_inertia"]:
        uneq += (f" Its inertia, {n['unequal_kmeans_inertia']:.0f}, is lower than the true grouping's "
                 f"({n['unequal_true_grouping_inertia']:.0f}): k-means solved its problem; the objective is wrong "
                 f"for these data.")
    else:
        uneq += (f" Its inertia, {n['unequal_kmeans_inertia']:.0f}, is not below the true grouping's "
                 f"({n['unequal_true_grouping_inertia']:.0f}): here it also stopped at a poor local optimum.")

    moons_text = (f"Two half-moons, k = 2 given: adjusted Rand index {n['moons_kmeans_ari']:.2f} (two centres "
                  f"always split the plane by a straight line). The silhouette of that cut is "
                  f"{n['moons_kmeans_silhouette']:.2f}, ")
    if n["moons_kmeans_silhouette"] > n["moons_true_silhouette"]:
        moons_text += (f"higher than the true moons' {n['moons_true_silhouette']:.2f}: the silhouette prefers the "
                       f"wrong, convex answer.")
    else:
        moons_text += f"not above the true moons' {n['moons_true_silhouette']:.2f}."

    rand_share, pp_share = n["random_share_within_1pct_of_best"], n["plusplus_share_within_1pct_of_best"]
    init = (f"Initialisation, {restarts} single starts each on {init_clusters} blobs: random initial centres ended "
            f"within 1% of the best inertia found in {rand_share:.0%} of starts (mean "
            f"{n['random_mean_inertia_over_best']:.2f}x the best, worst {n['random_worst_inertia_over_best']:.2f}x), "
            f"k-means++ in {pp_share:.0%} (mean "
            f"{n['plusplus_mean_inertia_over_best']:.2f}x, worst {n['plusplus_worst_inertia_over_best']:.2f}x); "
            f"Lloyd's iterations averaged {n['random_mean_lloyd_iterations']:.1f} from random starts and "
            f"{n['plusplus_mean_lloyd_iterations']:.1f} from k-means++.")
    if rand_share == 0 < pp_share:
        init += " No random start came within 1% of the best: one start from random centres is a gamble."
    elif pp_share > rand_share:
        init += " k-means++ reached the best more often: a single start from random centres is a gamble, hence n_init."
    elif pp_share == rand_share:
        init += " Here the two seedings reached the best equally often."
    else:
        init += " Here random starts reached the best more often than k-means++ seeding."
    return [choosing, uneq, moons_text, init]


def _choosing_k_figure(X, labels, ks, inertia, silhouette, numbers):
    fig, (ax1, ax2, ax3) = new_figure(3, 1, width=4.6, height=4.0,
                                      title="Choosing k: the inertia elbow vs the silhouette")
    for c in np.unique(labels):
        ax1.scatter(*X[labels == c].T, s=6, color=COLOURS[c % len(COLOURS)])
    ax1.set_title(f"k-means with the silhouette's k = {numbers['silhouette_k']}")
    ax1.set_xlabel("x1")
    ax1.set_ylabel("x2")
    ax1.set_aspect("equal", adjustable="datalim")
    ax2.plot(ks, inertia, "o-", color=COLOURS[0])
    ax2.plot(numbers["elbow_k"], inertia[numbers["elbow_k"] - 1], "s", ms=12, mfc="none", color=COLOURS[3],
             label=f"elbow rule: k = {numbers['elbow_k']}")
    ax2.plot([ks[0], ks[-1]], [inertia[0], inertia[-1]], ":", color="0.5", label="chord the rule measures from")
    ax2.set_title("Inertia falls at every k" if numbers["inertia_fell_at_every_k"] else "Inertia against k")
    ax2.set_ylabel("inertia (sum of squared distances)")
    ax3.plot(ks[1:], silhouette, "o-", color=COLOURS[2])
    ax3.plot(numbers["silhouette_k"], numbers["silhouette_best"], "s", ms=12, mfc="none", color=COLOURS[3],
             label=f"highest: k = {numbers['silhouette_k']}")
    ax3.set_title(f"Mean silhouette: highest at k = {numbers['silhouette_k']}")
    ax3.set_ylabel("mean silhouette")
    for ax in (ax2, ax3):
        ax.axvline(numbers["k_true"], color="k", ls="--", lw=1, label=f"true number of blobs ({numbers['k_true']})")
        ax.set_xlabel("k (number of clusters)")
        ax.set_xticks(ks)
        ax.legend(fontsize=8)
    return fig


def _failures_figure(X_uneq, truth_uneq, km_uneq, X_moons, truth_moons, km_moons, numbers):
    fig, axes = new_figure(2, 2, width=5.0, height=4.0, title="Where k-means fails, even with the right k")
    panels = [
        (axes[0, 0], X_uneq, truth_uneq, None, "Unequal spreads: the true blobs"),
        (axes[1, 0], X_uneq, km_uneq.labels_, km_uneq.cluster_centers_,
         f"k-means, k = 3 (ARI {numbers['unequal_kmeans_ari']:.2f})"),
        (axes[0, 1], X_moons, truth_moons, None,
         f"Half-moons: the true groups (silhouette {numbers['moons_true_silhouette']:.2f})"),
        (axes[1, 1], X_moons, km_moons.labels_, km_moons.cluster_centers_,
         f"k-means, k = 2 (ARI {numbers['moons_kmeans_ari']:.2f}, "
         f"silhouette {numbers['moons_kmeans_silhouette']:.2f})"),
    ]
    for ax, X, labels, centres, title in panels:
        for c in np.unique(labels):
            ax.scatter(*X[labels == c].T, s=6, color=COLOURS[c % len(COLOURS)])
        if centres is not None:
            ax.plot(*centres.T, "k*", ms=14, label="k-means centres")
            ax.legend(fontsize=8, loc="lower left")
        ax.set_title(title, fontsize=10)
        ax.set_xlabel("x1")
        ax.set_ylabel("x2")
        ax.set_aspect("equal", adjustable="datalim")
    return fig


def _init_figure(init_inertia, best, X, worst_random, k):
    fig, (ax1, ax2) = new_figure(2, 1, width=5.5, height=4.2, title="Random initial centres vs k-means++")
    for (method, values), colour in zip(init_inertia.items(), (COLOURS[1], COLOURS[0]), strict=True):
        ratio = np.sort(values / best)
        ax1.step(ratio, np.arange(1, len(ratio) + 1) / len(ratio), where="post", color=colour,
                 label=f"{method} ({len(ratio)} starts)")
    ax1.axvline(CLOSE_TO_BEST, color="0.5", ls=":", label="within 1% of the best")
    ax1.set_xscale("log")
    ax1.set_xlabel("final inertia / best inertia found (log scale)")
    ax1.set_ylabel("share of starts at or below")
    ax1.set_title("Where single starts end")
    ax1.legend(fontsize=8, loc="lower right")
    ax2.scatter(*X.T, s=4, color="0.6")
    ax2.plot(*worst_random.cluster_centers_.T, "*", color=COLOURS[3], ms=14, label="final centres")
    ax2.set_title(f"The worst random start: {k} centres, {worst_random.inertia_ / best:.2f}x the best inertia",
                  fontsize=10)
    ax2.set_xlabel("x1")
    ax2.set_ylabel("x2")
    ax2.set_aspect("equal", adjustable="datalim")
    ax2.legend(fontsize=8)
    return fig


def _ordinal(k: int) -> str:
    return f"{k}{'th' if 10 <= k % 100 <= 20 else {1: 'st', 2: 'nd', 3: 'rd'}.get(k % 10, 'th')}"
