import numpy as np


def nb_fit(X, y, alpha=1.0):
    X = np.asarray(X, dtype=np.float64)
    classes, labels = np.unique(np.asarray(y), return_inverse=True)  # sorted; labels index into classes
    counts = np.bincount(labels, minlength=len(classes))
    class_log_prior = np.log(counts) - np.log(counts.sum())
    per_class = np.zeros((len(classes), X.shape[1]))
    np.add.at(per_class, labels, X)  # F_kj: feature totals per class
    smoothed = per_class + alpha
    feature_log_prob = np.log(smoothed) - np.log(smoothed.sum(axis=1, keepdims=True))
    return classes, class_log_prior, feature_log_prob


def nb_predict_log_proba(X, class_log_prior, feature_log_prob):
    X = np.asarray(X, dtype=np.float64)
    joint = X @ np.asarray(feature_log_prob, dtype=np.float64).T + np.asarray(class_log_prior, dtype=np.float64)
    top = joint.max(axis=1, keepdims=True) if joint.size else 0.0
    return joint - (top + np.log(np.exp(joint - top).sum(axis=1, keepdims=True)))
