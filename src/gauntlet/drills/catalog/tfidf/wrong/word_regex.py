# expect: wrong_answer
# Tokenises with re.findall(r"\w+", ...): \w also matches "_" and every Unicode letter or digit, so
# "snake_case" stays one token and "café" is kept whole instead of giving "caf". Everything else is right.
import re
from collections import Counter

import numpy as np


def tfidf(docs, smooth_idf=True, sublinear_tf=False):
    bags = [Counter(re.findall(r"\w+", text.lower())) for text in docs]
    vocabulary = sorted({term for bag in bags for term in bag})
    n = len(docs)
    tf = np.array([[bag[t] for t in vocabulary] for bag in bags], dtype=float).reshape(n, len(vocabulary))
    if sublinear_tf:
        positive = tf > 0
        tf[positive] = 1.0 + np.log(tf[positive])
    df = np.count_nonzero(tf, axis=0)
    if smooth_idf:
        idf = np.log((n + 1.0) / (df + 1.0)) + 1.0
    else:
        idf = np.log(n / np.maximum(df, 1)) + 1.0
    weights = tf * idf
    lengths = np.sqrt((weights ** 2).sum(axis=1, keepdims=True))
    return vocabulary, np.divide(weights, lengths, out=np.zeros_like(weights), where=lengths > 0)
