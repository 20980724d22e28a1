import numpy as np


def nb_fit(X, y, alpha=1.0):
    """Fit multinomial naive Bayes.

    Args:
        X: non-negative counts (n, V).
        y: int labels (n,).
        alpha: additive smoothing, > 0.

    Returns:
        (classes, class_log_prior, feature_log_prob): sorted distinct labels (K,); log(N_k / n) (K,);
        log((F_kj + alpha) / (sum_j F_kj + alpha * V)) (K, V).
    """
    raise NotImplementedError


def nb_predict_log_proba(X, class_log_prior, feature_log_prob):
    """Normalised log-posteriors log P(class k | x) for every row of X (m, V).

    Returns:
        float64 array (m, K); logsumexp of every row is 0.
    """
    raise NotImplementedError
