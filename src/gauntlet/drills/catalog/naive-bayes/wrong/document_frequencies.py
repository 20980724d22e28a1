# expect: wrong_answer
# Counts in how many documents of the class each feature occurs (presence, as Bernoulli naive Bayes does)
# instead of summing the counts: a word used ten times in one document weighs as much as a word used once.
import numpy as np


def nb_fit(X, y, alpha=1.0):
    X, y = np.asarray(X, dtype=float), np.asarray(y)
    classes = np.unique(y)
    prior = np.log(np.array([np.mean(y == c) for c in classes]))
    totals = np.array([(X[y == c] > 0).sum(axis=0) for c in classes]) + alpha
    theta = np.log(totals) - np.log(totals.sum(axis=1, keepdims=True))
    return classes, prior, theta


def nb_predict_log_proba(X, class_log_prior, feature_log_prob):
    joint = np.asarray(X, dtype=float) @ np.asarray(feature_log_prob).T + class_log_prior
    top = joint.max(axis=1, keepdims=True)
    return joint - top - np.log(np.exp(joint - top).sum(axis=1, keepdims=True))
