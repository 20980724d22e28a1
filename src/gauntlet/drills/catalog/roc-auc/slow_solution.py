# Slow but correct: Python's sorted() on (score, label) pairs and a Python loop that walks the ROC curve one
# distinct score at a time, adding trapezoids, instead of NumPy ranks with ties averaged.


def roc_auc(y_true, scores):
    labels = [bool(v) for v in y_true]
    values = [float(s) for s in scores]
    n_pos = sum(1 for label in labels if label)
    n_neg = len(labels) - n_pos
    if n_pos == 0 or n_neg == 0:
        return float("nan")
    pairs = sorted(zip(values, labels), key=lambda pair: pair[0], reverse=True)
    twice_area = 0  # in units of one (positive, negative) pair: exact integer arithmetic
    true_pos = false_pos = 0
    i = 0
    while i < len(pairs):
        previous_tp, previous_fp = true_pos, false_pos
        score = pairs[i][0]
        while i < len(pairs) and pairs[i][0] == score:  # every sample with this score crosses together
            if pairs[i][1]:
                true_pos += 1
            else:
                false_pos += 1
            i += 1
        twice_area += (false_pos - previous_fp) * (true_pos + previous_tp)
    return twice_area / (2.0 * n_pos * n_neg)
