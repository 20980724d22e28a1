# expect: wrong_answer
# Ignores how common each class is: log(1 / K) for every class instead of log(N_k / n).
import numpy as np


def nb_fit(X, y, alpha=1.0):
    X, y = np.asarray(X, dtype=float), np.asarray(y)
    classes = np.unique(y)
    prior = np.full(len(classes), -np.log(len(classes)))
    totals = np.array([X[y == c].sum(axis=0) for c in classes]) + alpha
    theta = np.log(totals) - np.log(totals.sum(axis=1, keepdims=True))
    return classes, prior, theta


def nb_predict_log_proba(X, class_log_prior, feature_log_prob):
    joint = np.asarray(X, dtype=float) @ np.asarray(feature_log_prob).T + class_log_prior
    top = joint.max(axis=1, keepdims=True)
    return joint - top - np.log(np.exp(joint - top).sum(axis=1, keepdims=True))
