# Slow but correct: Python's sorted() on (score, label) pairs and a Python loop over every sample to
# walk the precision-recall curve, instead of argsort and cumulative sums in NumPy.
import math


def average_precision(y_true, scores, interpolated=False, n_positives=None):
    labels = [int(v) for v in y_true]
    values = [float(s) for s in scores]
    if n_positives is None:
        total = 0
        for label in labels:
            total += label
    else:
        total = n_positives
    if total == 0:
        return math.nan
    pairs = sorted(zip(values, labels), key=lambda pair: -pair[0])
    precisions = []
    recalls = []
    true_pos = 0
    false_pos = 0
    for i, (score, label) in enumerate(pairs):
        if label == 1:
            true_pos += 1
        else:
            false_pos += 1
        last_of_its_score = i == len(pairs) - 1 or pairs[i + 1][0] != score
        if last_of_its_score:  # tied samples cross the threshold together
            precisions.append(true_pos / (true_pos + false_pos))
            recalls.append(true_pos / total)
    if interpolated:
        best = 0.0
        for i in range(len(precisions) - 1, -1, -1):
            best = max(best, precisions[i])
            precisions[i] = best
    result = 0.0
    previous_recall = 0.0
    for precision, recall in zip(precisions, recalls):
        result += (recall - previous_recall) * precision
        previous_recall = recall
    return result
