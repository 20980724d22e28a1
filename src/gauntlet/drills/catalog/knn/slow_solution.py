# Slow but correct: one test point at a time, its distances to every training point computed from the
# coordinate differences, a full sort of all n of them by (distance, index), and a dict to count the votes.
import numpy as np


def knn_predict(X_train, y_train, X_test, k):
    X_train = np.asarray(X_train, dtype=np.float64)
    X_test = np.asarray(X_test, dtype=np.float64)
    labels = [int(label) for label in y_train]
    indices = np.arange(len(X_train))
    predictions = []
    for x in X_test:
        squared = ((X_train - x) ** 2).sum(axis=1)
        order = np.lexsort((indices, squared))  # by distance, then by the smaller index
        votes = {}
        for i in order[:k]:
            votes[labels[i]] = votes.get(labels[i], 0) + 1
        best_label = None
        for label in sorted(votes):  # ascending, so a tie keeps the smallest label
            if best_label is None or votes[label] > votes[best_label]:
                best_label = label
        predictions.append(best_label)
    return np.array(predictions, dtype=np.int64)
