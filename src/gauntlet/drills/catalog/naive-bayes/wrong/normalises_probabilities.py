# expect: wrong_answer
# Normalises in probability space, exp(J) / sum(exp(J)), then takes the log: for a long document every
# exp(J_k) underflows to 0 and the posterior is 0 / 0 = NaN.
import numpy as np


def nb_fit(X, y, alpha=1.0):
    X, y = np.asarray(X, dtype=float), np.asarray(y)
    classes = np.unique(y)
    prior = np.log(np.array([np.mean(y == c) for c in classes]))
    totals = np.array([X[y == c].sum(axis=0) for c in classes]) + alpha
    theta = np.log(totals) - np.log(totals.sum(axis=1, keepdims=True))
    return classes, prior, theta


def nb_predict_log_proba(X, class_log_prior, feature_log_prob):
    joint = np.asarray(X, dtype=float) @ np.asarray(feature_log_prob).T + class_log_prior
    with np.errstate(divide="ignore", invalid="ignore"):
        p = np.exp(joint) / np.exp(joint).sum(axis=1, keepdims=True)
        return np.log(p)
