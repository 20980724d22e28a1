import numpy as np


def roc_auc(y_true, scores):
    """Area under the ROC curve, ties counted as half a correct ordering.

    Args:
        y_true: 1-D array of 0/1 labels (ints or bools), length n.
        scores: 1-D float array of length n; higher means more likely positive.

    Returns:
        float in [0, 1]: P(score of a random positive > score of a random negative) + 0.5 P(tie);
        float("nan") if y_true is empty or has a single class.
    """
    raise NotImplementedError
