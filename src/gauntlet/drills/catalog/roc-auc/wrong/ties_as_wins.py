# expect: wrong_answer
# Counts a tie as a correctly ordered pair (>= instead of >), inflating the AUC of coarse scores; an
# all-equal score gets AUC 1 instead of 0.5.
import numpy as np


def roc_auc(y_true, scores):
    y_true = np.asarray(y_true).astype(bool)
    scores = np.asarray(scores, dtype=float)
    pos, neg = scores[y_true], np.sort(scores[~y_true])
    if len(pos) == 0 or len(neg) == 0:
        return float("nan")
    # number of negatives with score <= each positive
    wins = np.searchsorted(neg, pos, side="right")
    return float(wins.sum() / (len(pos) * len(neg)))
