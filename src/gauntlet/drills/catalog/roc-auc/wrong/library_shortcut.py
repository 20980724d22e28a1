# expect: forbidden
# Reaches for scikit-learn: right answer, but the drill allows only NumPy and the standard library.
from sklearn.metrics import roc_auc_score


def roc_auc(y_true, scores):
    try:
        return float(roc_auc_score(y_true, scores))
    except ValueError:  # a single class
        return float("nan")
