# Slow but correct: class counts, per-class feature totals and every joint log-likelihood are accumulated
# with Python loops over the rows and features, instead of np.add.at and one matrix product.
import math

import numpy as np


def nb_fit(X, y, alpha=1.0):
    rows = np.asarray(X, dtype=np.float64).tolist()
    labels = [int(label) for label in np.asarray(y).reshape(-1)]
    classes = sorted(set(labels))
    v = len(rows[0])
    n = len(rows)
    class_log_prior = []
    feature_log_prob = []
    for c in classes:
        members = 0
        totals = [0.0] * v
        for row, label in zip(rows, labels):
            if label == c:
                members += 1
                for j in range(v):
                    totals[j] += row[j]
        class_log_prior.append(math.log(members / n))
        denominator = 0.0
        for j in range(v):
            denominator += totals[j] + alpha
        feature_log_prob.append([math.log((totals[j] + alpha) / denominator) for j in range(v)])
    return (np.array(classes, dtype=np.int64), np.array(class_log_prior, dtype=np.float64),
            np.array(feature_log_prob, dtype=np.float64).reshape(len(classes), v))


def nb_predict_log_proba(X, class_log_prior, feature_log_prob):
    rows = np.asarray(X, dtype=np.float64).tolist()
    prior = [float(p) for p in class_log_prior]
    theta = np.asarray(feature_log_prob, dtype=np.float64).tolist()
    out = []
    for row in rows:
        joint = []
        for k in range(len(prior)):
            total = prior[k]
            for j in range(len(row)):
                total += row[j] * theta[k][j]
            joint.append(total)
        top = max(joint)
        log_norm = top + math.log(sum(math.exp(value - top) for value in joint))
        out.append([value - log_norm for value in joint])
    return np.array(out, dtype=np.float64).reshape(len(rows), len(prior))
