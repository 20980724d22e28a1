import numpy as np


def softmax(logits):
    """Row-wise softmax, stable for large logits.

    Args:
        logits: float array (n, K); finite or -inf (at least one finite entry per row).

    Returns:
        float64 array (n, K); each row is non-negative and sums to 1.
    """
    raise NotImplementedError


def log_softmax(logits):
    """Row-wise log of the softmax, z_j - logsumexp(z), computed without overflow or log(0).

    Args:
        logits: float array (n, K); finite or -inf (at least one finite entry per row).

    Returns:
        float64 array (n, K); -inf exactly where the logit is -inf.
    """
    raise NotImplementedError


def cross_entropy(logits, labels):
    """Mean cross-entropy of integer labels under softmax(logits), and its gradient w.r.t. the logits.

    Args:
        logits: float array (n, K).
        labels: int array (n,), values in [0, K); never pointing at a -inf logit.

    Returns:
        (loss, grad): loss = -mean_i log_softmax(logits)[i, labels[i]] as a float;
        grad = (softmax(logits) - one_hot(labels)) / n, float64 array (n, K).
    """
    raise NotImplementedError
