# expect: time_limit
# The probabilistic definition as a double loop: exact, but O(n_pos * n_neg) Python iterations.
def roc_auc(y_true, scores):
    pos = [float(s) for s, y in zip(scores, y_true) if y]
    neg = [float(s) for s, y in zip(scores, y_true) if not y]
    if not pos or not neg:
        return float("nan")
    total = 0.0
    for p in pos:
        for q in neg:
            if p > q:
                total += 1.0
            elif p == q:
                total += 0.5
    return total / (len(pos) * len(neg))
