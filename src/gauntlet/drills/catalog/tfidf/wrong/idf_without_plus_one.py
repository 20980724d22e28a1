# expect: wrong_answer
# Drops the "+ 1" from the idf: a term present in every document gets weight exactly 0, so a document made
# only of common words becomes an all-zero row.
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
    idf = np.log((1 + n) / (1 + df)) if smooth_idf else np.log(n / np.maximum(df, 1))
    w = tf * idf
    norms = np.linalg.norm(w, axis=1, keepdims=True)
    return vocab, np.divide(w, norms, out=np.zeros_like(w), where=norms > 0)
