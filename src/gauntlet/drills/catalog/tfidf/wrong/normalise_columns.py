# expect: wrong_answer
# Normalises along the wrong axis: each term's column has unit length instead of each document's row.
import re
from collections import Counter

import numpy as np


def tfidf(docs, smooth_idf=True, sublinear_tf=False):
    counts = [Counter(re.findall(r"[a-z0-9]+", d.lower())) for d in docs]
    vocab = sorted(set().union(*counts)) if counts else []
    tf = np.array([[c[t] for t in vocab] for c in counts], dtype=float).reshape(len(docs), len(vocab))
    if sublinear_tf:
        tf = np.where(tf > 0, 1 + np.log(np.where(tf > 0, tf, 1)), 0)
    df = (tf > 0).sum(0)
    n = len(docs)
    idf = np.log((1 + n) / (1 + df)) + 1 if smooth_idf else np.log(n / np.maximum(df, 1)) + 1
    w = tf * idf
    norms = np.linalg.norm(w, axis=0, keepdims=True)
    return vocab, np.divide(w, norms, out=np.zeros_like(w), where=norms > 0)
