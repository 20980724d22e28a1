# expect: wrong_answer
# Adds alpha to every feature count but divides by the unsmoothed class total: each class's "distribution"
# over the features sums to more than 1, and classes with few words are favoured.
import numpy as np


def nb_fit(X, y, alpha=1.0):
    X, y = np.asarray(X, dtype=float), np.asarray(y)
    classes = np.unique(y)
    prior = np.log(np.array([np.mean(y == c) for c in classes]))
    totals = np.array([X[y == c].sum(axis=0) for c in classes])
    theta = np.log(totals + alpha) - np.log(totals.sum(axis=1, keepdims=True))
    return classes, prior, theta


def nb_predict_log_proba(X, class_log_prior, feature_log_prob):
    joint = np.asarray(X, dtype=float) @ np.asarray(feature_log_prob).T + class_log_prior
    top = joint.max(axis=1, keepdims=True)
    return joint - top - np.log(np.exp(joint - top).sum(axis=1, keepdims=True))
