import numpy as np


def _average_ranks(values):
    """1-based ranks, tied values sharing the mean of the ranks they span."""
    order = np.argsort(values, kind="mergesort")
    sorted_values = values[order]
    # start of each run of equal values in sorted order
    run_starts = np.flatnonzero(np.r_[True, sorted_values[1:] != sorted_values[:-1]])
    run_ends = np.r_[run_starts[1:], len(values)]
    mean_rank = (run_starts + 1 + run_ends) / 2.0  # mean of positions start+1 .. end (1-based)
    ranks = np.empty(len(values))
    ranks[order] = np.repeat(mean_rank, run_ends - run_starts)
    return ranks


def roc_auc(y_true, scores):
    y_true = np.asarray(y_true).astype(bool)
    scores = np.asarray(scores, dtype=np.float64)
    n_pos = int(y_true.sum())
    n_neg = len(y_true) - n_pos
    if n_pos == 0 or n_neg == 0:
        return float("nan")
    # Mann-Whitney: the rank sum of the positives, minus its minimum possible value, counts the
    # (positive, negative) pairs ordered correctly, ties counting one half through the averaged ranks
    rank_sum = _average_ranks(scores)[y_true].sum()
    u = rank_sum - n_pos * (n_pos + 1) / 2.0
    return float(u / (n_pos * n_neg))
