"""Embeddings and retrieval: cosine similarity, exact top-k, and approximate search (LSH, IVF) by recall and cost.

Corpus: ``n_docs`` embeddings in ``dim`` dimensions around ``topics`` random topic directions (each
document = its topic's unit vector + Gaussian noise of total length about ``spread``), and 200 queries
drawn the same way. A search returns the ``k`` most cosine-similar documents; the exact answer scores
every document.

1. Similarity: the same documents with random lengths (log-normal, sd 0.5 in log space, as raw
   embeddings' norms vary), ranked by raw dot product, by Euclidean distance and by cosine; then again
   after scaling every vector to unit length.
2. Random-hyperplane LSH with 8, 10 or 12 bits per table and 1-32 tables: a document is a candidate if it
   shares the query's bucket in any table; candidates are ranked by exact cosine.
3. IVF: k-means (``n_lists`` centroids, learned on a sample of 5,000 documents) files each document
   under its nearest centroid; a query scans the ``n_probe`` closest lists (1 to 32) and ranks what it
   finds exactly. Scanning all of them would be exact search (the tests check it).

Cost is the share of the corpus a query scores exactly (deterministic); wall-clock times go to the run's
timings. Recall@k: the share of the exact top k that the approximate search returns.
"""

from __future__ import annotations

import time

import numpy as np

from gauntlet.labs.catalog import lab_spec
from gauntlet.labs.models import (
    IVFIndex,
    RandomHyperplaneLSH,
    cosine_similarity,
    exact_search,
    normalize_rows,
    recall_at_k,
    top_k,
)
from gauntlet.labs.plotting import COLOURS, new_figure
from gauntlet.labs.result import LabResult, ResultTable, Scalar
from gauntlet.labs.spec import Param, ProgressFn, no_progress

SPEC = lab_spec(
    "embeddings-retrieval",
    params=(
        Param("n_docs", "int", 20_000, "documents in the corpus", low=2_000, high=50_000),
        Param("dim", "int", 64, "embedding dimensions", low=8, high=256),
        Param("topics", "int", 500, "topic directions the documents gather around", low=10, high=2_000),
        Param("spread", "float", 1.0, "length of each document's noise around its topic (topic vectors have "
              "length 1)", low=0.2, high=3.0),
        Param("n_lists", "int", 100, "IVF cells (k-means centroids)", low=10, high=500),
        Param("k", "int", 10, "neighbours retrieved", low=1, high=50),
    ),
    notice=(
        "Cosine similarity compares directions only. Ranking by the raw dot product also rewards long vectors, "
        "and Euclidean distance penalises vectors far from the query's length, so both can return documents that "
        "point elsewhere. Scale every vector to unit length and the three agree exactly: for unit vectors the dot "
        "product is the cosine and |a - b|^2 = 2 - 2 cos(a, b), so on normalised vectors an inner-product index "
        "and an L2 index return the same neighbours.",
        "In many dimensions, unrelated vectors are nearly orthogonal: the cosine of two random directions in d "
        "dimensions has mean 0 and standard deviation 1 / sqrt(d). A cosine of 0.5 is then a strong match; "
        "thresholds do not transfer between models or dimensions.",
        "Exact search scores every document: cost grows linearly with the corpus. Approximate indexes score a "
        "small candidate set and rank it exactly, so they lose recall only when a true neighbour never becomes a "
        "candidate. Random-hyperplane LSH buckets vectors by which side of random hyperplanes they fall on (two "
        "vectors at angle theta agree on each bit with probability 1 - theta / pi): more bits shrink buckets, more "
        "tables raise recall and cost. IVF clusters the corpus and scans only the closest clusters: n_probe trades "
        "recall for cost, and scanning every list is exact.",
        "Recall is judged against exact search on the same embeddings; whether the neighbours are relevant is a "
        "separate question about the embedding model. Production systems (FAISS, ScaNN, HNSW graphs) add "
        "compression and graph search; on small corpora a brute-force matrix product is often fastest anyway.",
    ),
    takeaway=(
        "Normalise embeddings and compare them by cosine (equivalently dot product or Euclidean distance on unit "
        "vectors). Exact k-NN scans the whole corpus; approximate search (IVF, LSH, HNSW, product quantisation) "
        "scans a fraction of it and trades recall for speed through one knob (n_probe, tables and bits, ef). "
        "Measure recall@k against exact search on your own data and pick the cheapest setting that meets the "
        "target, usually with exact re-ranking of the candidates."
    ),
)

N_QUERIES = 200
RANDOM_PAIRS = 20  # random documents per query for the cosine histogram
LOG_NORM_SD = 0.5
LSH_BITS = (8, 10, 12)
LSH_TABLES = (1, 2, 4, 8, 16, 32)
PROBES = (1, 2, 4, 8, 16, 32)
IVF_TRAIN = 5_000
BUDGET = 0.10  # share of the corpus scanned per query for the "same budget" comparison
TARGET_RECALL = 0.9


def draw(rng: np.random.Generator, n: int, centres: np.ndarray, spread: float) -> np.ndarray:
    """(n, dim) unit vectors: a random topic's centre plus noise of expected length ``spread``."""
    topic = rng.integers(0, len(centres), n)
    noise = rng.standard_normal((n, centres.shape[1])) * spread / np.sqrt(centres.shape[1])
    return normalize_rows(centres[topic] + noise)


def overlap(found: np.ndarray, reference: np.ndarray) -> float:
    """Mean share of ``reference``'s top k (per query row) that ``found`` also returned."""
    return recall_at_k(found, reference)


def run(seed: int, progress: ProgressFn = no_progress, *, n_docs: int, dim: int, topics: int, spread: float,
        n_lists: int, k: int) -> LabResult:
    rng = np.random.default_rng(seed)
    centres = normalize_rows(rng.standard_normal((topics, dim)))
    X = draw(rng, n_docs, centres, spread)
    Q = draw(rng, N_QUERIES, centres, spread)
    timings: dict[str, float] = {}

    started = time.perf_counter()
    exact = exact_search(X, Q, k)
    timings["exact_search_s"] = time.perf_counter() - started
    similarities = cosine_similarity(Q, X)
    neighbour_cos = np.take_along_axis(similarities, exact, axis=1)
    random_cos = np.take_along_axis(similarities, rng.integers(0, n_docs, (N_QUERIES, RANDOM_PAIRS)), axis=1).ravel()

    # 1. raw lengths: dot product and Euclidean distance against cosine
    lengths = np.exp(LOG_NORM_SD * rng.standard_normal(n_docs))
    X_raw = X * lengths[:, None]
    by_dot = top_k(Q @ X_raw.T, k)
    squared_distance = (Q * Q).sum(axis=1)[:, None] - 2 * Q @ X_raw.T + (X_raw * X_raw).sum(axis=1)[None, :]
    by_euclid = top_k(-squared_distance, k)
    X_unit = normalize_rows(X_raw)
    unit_dot = top_k(Q @ X_unit.T, k)
    unit_distance = 2 - 2 * Q @ X_unit.T
    unit_euclid = top_k(-unit_distance, k)
    progress(1, 4)

    # 2. LSH: every table count is a prefix of one 32-table index per bit count
    lsh_rows: list[tuple[int, int, float, float]] = []  # bits, tables, recall, share scanned
    for bits in LSH_BITS:
        index = RandomHyperplaneLSH(bits, max(LSH_TABLES), random_state=int(rng.integers(2**31))).fit(X)
        for tables in LSH_TABLES:
            started = time.perf_counter()
            found, scanned = index.search(Q, k, n_tables=tables)
            timings[f"lsh_{bits}bits_{tables}tables_s"] = time.perf_counter() - started
            lsh_rows.append((bits, tables, recall_at_k(found, exact), float(scanned.mean() / n_docs)))
    progress(2, 4)

    # 3. IVF
    ivf = IVFIndex(n_lists, train_size=min(IVF_TRAIN, n_docs), random_state=int(rng.integers(2**31))).fit(X)
    ivf_rows: list[tuple[int, float, float]] = []  # n_probe, recall, share scanned
    for probe in [p for p in PROBES if p <= n_lists]:
        started = time.perf_counter()
        found, scanned = ivf.search(Q, k, n_probe=probe)
        timings[f"ivf_probe_{probe}_s"] = time.perf_counter() - started
        ivf_rows.append((probe, recall_at_k(found, exact), float(scanned.mean() / n_docs)))
    progress(3, 4)

    numbers: dict[str, Scalar] = {
        "dot_overlap_with_cosine": overlap(by_dot, exact),
        "euclid_overlap_with_cosine": overlap(by_euclid, exact),
        "dot_picks_length_over_mean": float(lengths[by_dot].mean() / lengths.mean()),
        "euclid_picks_length_over_mean": float(lengths[by_euclid].mean() / lengths.mean()),
        "unit_dot_overlap_with_cosine": overlap(unit_dot, exact),
        "unit_euclid_overlap_with_cosine": overlap(unit_euclid, exact),
        "unit_dot_equals_cosine": bool(np.array_equal(unit_dot, exact)),
        "unit_euclid_equals_cosine": bool(np.array_equal(unit_euclid, exact)),
        "neighbour_cosine_mean": float(neighbour_cos.mean()),
        "random_pair_cosine_mean": float(random_cos.mean()),
        "random_pair_cosine_sd": float(random_cos.std(ddof=1)),
        "one_over_sqrt_dim": float(1 / np.sqrt(dim)),
        "ivf_recall_probe_1": ivf_rows[0][1],
        "ivf_scanned_probe_1": ivf_rows[0][2],
        "ivf_largest_list_share": float(max(len(members) for members in ivf.lists_) / n_docs),
    }
    reaching = [row for row in ivf_rows if row[1] >= TARGET_RECALL]
    numbers["ivf_probe_for_target"] = reaching[0][0] if reaching else None
    numbers["ivf_scanned_for_target"] = reaching[0][2] if reaching else None
    lsh_reaching = [row for row in lsh_rows if row[2] >= TARGET_RECALL]
    cheapest = min(lsh_reaching, key=lambda row: row[3]) if lsh_reaching else None
    numbers["lsh_scanned_for_target"] = cheapest[3] if cheapest else None
    numbers["lsh_setting_for_target"] = f"{cheapest[0]} bits x {cheapest[1]} tables" if cheapest else None
    within_ivf = [recall for _, recall, scanned in ivf_rows if scanned <= BUDGET]
    within_lsh = [recall for _, _, recall, scanned in lsh_rows if scanned <= BUDGET]
    numbers["ivf_best_recall_within_budget"] = max(within_ivf) if within_ivf else None
    numbers["lsh_best_recall_within_budget"] = max(within_lsh) if within_lsh else None
    for bits in LSH_BITS:
        row = next(r for r in lsh_rows if r[0] == bits and r[1] == max(LSH_TABLES))
        numbers[f"lsh_{bits}bits_recall_32_tables"] = row[2]
        numbers[f"lsh_{bits}bits_scanned_32_tables"] = row[3]
    progress(4, 4)

    tables_out = [
        ResultTable(f"IVF, {n_lists} lists: recall@{k} and share of the corpus scanned per query",
                    ["n_probe", f"recall@{k}", "share scanned"], [list(row) for row in ivf_rows]),
        ResultTable(f"Random-hyperplane LSH: recall@{k} and share scanned", ["bits per table", "tables",
                                                                               f"recall@{k}", "share scanned"],
                    [list(row) for row in lsh_rows]),
    ]
    notices = _notices(numbers, k=k, dim=dim, n_lists=n_lists)
    figures = {
        "similarity": lambda: _similarity_figure(neighbour_cos, random_cos, numbers, k, dim),
        "recall_vs_cost": lambda: _tradeoff_figure(ivf_rows, lsh_rows, k),
    }
    return LabResult("embeddings-retrieval", seed, numbers=numbers, tables=tables_out, notices=notices,
                     figures=figures, timings=timings)


def _notices(n: dict, *, k: int, dim: int, n_lists: int) -> list[str]:
    """What this run shows, each sentence decided by its numbers."""
    out = []
    raw = (f"With the documents' lengths left raw, the top {k} by dot product shared "
           f"{n['dot_overlap_with_cosine']:.0%} with cosine's top {k} (its picks were "
           f"{n['dot_picks_length_over_mean']:.2f}x the average length) and "
           f"the top {k} by Euclidean distance {n['euclid_overlap_with_cosine']:.0%} (picks "
           f"{n['euclid_picks_length_over_mean']:.2f}x the average length).")
    if n["unit_dot_equals_cosine"] and n["unit_euclid_equals_cosine"]:
        raw += " After scaling every vector to unit length, both rankings equal cosine's for every query."
    else:
        raw += " After scaling to unit length, some rankings still differ from cosine's (rounding near ties)."
    out.append(raw)
    out.append(f"The true top-{k} neighbours had mean cosine {n['neighbour_cosine_mean']:.2f}; random pairs "
               f"{n['random_pair_cosine_mean']:+.3f} with standard deviation {n['random_pair_cosine_sd']:.3f} "
               f"(1 / sqrt({dim}) = {n['one_over_sqrt_dim']:.3f}).")
    ivf = (f"IVF with {n_lists} lists, scanning the closest list only ({n['ivf_scanned_probe_1']:.1%} of the "
           f"corpus per query): recall@{k} {n['ivf_recall_probe_1']:.2f}.")
    if n["ivf_probe_for_target"] is not None:
        ivf += (f" Recall reached {TARGET_RECALL:.0%} at n_probe = {n['ivf_probe_for_target']}, scanning "
                f"{n['ivf_scanned_for_target']:.1%}.")
    else:
        ivf += f" No n_probe tried (up to {min(max(PROBES), n_lists)}) reached {TARGET_RECALL:.0%} recall."
    out.append(ivf)
    lsh = "LSH with 32 tables: " + ", ".join(
        f"{bits} bits recall {n[f'lsh_{bits}bits_recall_32_tables']:.2f} scanning "
        f"{n[f'lsh_{bits}bits_scanned_32_tables']:.1%}" for bits in LSH_BITS) + "."
    if n["lsh_setting_for_target"] is not None:
        lsh += (f" Its cheapest setting with recall >= {TARGET_RECALL:.0%} ({n['lsh_setting_for_target']}) scanned "
                f"{n['lsh_scanned_for_target']:.1%} of the corpus.")
    else:
        lsh += f" No LSH setting tried reached {TARGET_RECALL:.0%} recall."
    out.append(lsh)
    ivf_best, lsh_best = n["ivf_best_recall_within_budget"], n["lsh_best_recall_within_budget"]
    if ivf_best is not None and lsh_best is not None:
        better = "IVF" if ivf_best > lsh_best else "LSH" if lsh_best > ivf_best else "neither"
        out.append(f"Scanning at most {BUDGET:.0%} of the corpus, the best IVF setting reached recall {ivf_best:.2f} "
                   f"and the best LSH setting {lsh_best:.2f}"
                   + (f": {better} used the budget better on these clustered embeddings." if better != "neither"
                      else "."))
    return out


def _similarity_figure(neighbour_cos, random_cos, n, k, dim):
    fig, (ax1, ax2) = new_figure(2, 1, width=5.8, height=4.4, title="Cosine similarity between embeddings")
    bins = np.linspace(min(random_cos.min(), neighbour_cos.min()) - 0.02, 1.0, 60)
    ax1.hist(random_cos, bins=bins, color=COLOURS[7], alpha=0.7, density=True, label="query vs a random document")
    ax1.hist(neighbour_cos.ravel(), bins=bins, color=COLOURS[0], alpha=0.7, density=True,
             label=f"query vs its true top {k}")
    ax1.set_xlabel("cosine similarity")
    ax1.set_ylabel("density")
    ax1.set_title(f"{dim} dimensions: random pairs {random_cos.mean():+.2f} +- {random_cos.std():.2f}")
    ax1.legend(fontsize=8)
    labels = ["dot product,\nraw lengths", "Euclidean,\nraw lengths", "dot product,\nunit length",
              "Euclidean,\nunit length"]
    values = [n["dot_overlap_with_cosine"], n["euclid_overlap_with_cosine"], n["unit_dot_overlap_with_cosine"],
              n["unit_euclid_overlap_with_cosine"]]
    ax2.bar(range(4), values, color=[COLOURS[3], COLOURS[3], COLOURS[2], COLOURS[2]])
    ax2.set_xticks(range(4), labels, fontsize=8)
    ax2.set_ylim(0, 1.05)
    ax2.set_xlabel("ranking")
    ax2.set_ylabel(f"share of cosine's top {k} it returns")
    ax2.set_title("Normalise, and the rankings agree" if n["unit_dot_equals_cosine"]
                  and n["unit_euclid_equals_cosine"] else "Raw and normalised rankings against cosine")
    return fig


def _tradeoff_figure(ivf_rows, lsh_rows, k):
    fig, ax = new_figure(width=7.5, height=5.0, title=f"Approximate search: recall@{k} against the share scanned")
    probes = np.array([row[0] for row in ivf_rows])
    ivf_recall = np.array([row[1] for row in ivf_rows])
    ivf_cost = np.array([row[2] for row in ivf_rows])
    ax.plot(ivf_cost, ivf_recall, "o-", color=COLOURS[0], lw=2, label="IVF (labels: n_probe)")
    for probe, x, y in zip(probes, ivf_cost, ivf_recall, strict=True):
        ax.annotate(str(probe), (x, y), textcoords="offset points", xytext=(-4, 6), fontsize=7, color=COLOURS[0])
    for bits, colour in zip(LSH_BITS, (COLOURS[1], COLOURS[3], COLOURS[4]), strict=True):
        rows = [row for row in lsh_rows if row[0] == bits]
        cost = [row[3] for row in rows]
        recall = [row[2] for row in rows]
        ax.plot(cost, recall, "s--", color=colour, label=f"LSH, {bits} bits (labels: tables)")
        for row in rows:
            ax.annotate(str(row[1]), (row[3], row[2]), textcoords="offset points", xytext=(4, -10), fontsize=7,
                        color=colour)
    ax.axvline(BUDGET, color="0.6", ls=":", label=f"{BUDGET:.0%} of the corpus")
    ax.axhline(TARGET_RECALL, color="0.6", ls="--", lw=0.8, label=f"recall {TARGET_RECALL:.0%}")
    ax.set_xscale("log")
    ax.set_xlabel("share of the corpus scored exactly per query (log scale; exact search = 1)")
    ax.set_ylabel(f"recall@{k} against exact search")
    ax.set_ylim(0, 1.05)
    ax.legend(fontsize=8, loc="lower right")
    return fig
