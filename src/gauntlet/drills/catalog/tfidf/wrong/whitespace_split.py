# expect: wrong_answer
# Tokenises with str.split(): "cat." and "cat" become different terms and case is kept.
import math
from collections import Counter

import numpy as np


def tfidf(docs, smooth_idf=True, sublinear_tf=False):
    counts = [Counter(d.split()) for d in docs]
    vocab = sorted(set().union(*counts)) if counts else []
    tf = np.zeros((len(docs), len(vocab)))
    for i, c in enumerate(counts):
        for j, t in enumerate(vocab):
            if c[t]:
                tf[i, j] = 1 + math.log(c[t]) if sublinear_tf else c[t]
    df = (tf > 0).sum(0)
    n = len(docs)
    idf = np.log((1 + n) / (1 + df)) + 1 if smooth_idf else np.log(n / np.maximum(df, 1)) + 1
    w = tf * idf
    norms = np.linalg.norm(w, axis=1, keepdims=True)
    return vocab, np.divide(w, norms, out=np.zeros_like(w), where=norms > 0)
