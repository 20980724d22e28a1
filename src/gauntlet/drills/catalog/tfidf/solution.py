import math
import re
from collections import Counter

import numpy as np

_TOKEN = re.compile(r"[a-z0-9]+")


def tfidf(docs, smooth_idf=True, sublinear_tf=False):
    counts = [Counter(_TOKEN.findall(doc.lower())) for doc in docs]
    vocabulary = sorted(set().union(*counts)) if counts else []
    column = {term: j for j, term in enumerate(vocabulary)}

    tf = np.zeros((len(docs), len(vocabulary)))
    for i, doc_counts in enumerate(counts):
        for term, c in doc_counts.items():
            tf[i, column[term]] = 1.0 + math.log(c) if sublinear_tf else c

    n_docs = len(docs)
    df = (tf > 0).sum(axis=0)
    if smooth_idf:
        idf = np.log((1.0 + n_docs) / (1.0 + df)) + 1.0
    else:
        idf = np.log(n_docs / df) + 1.0 if len(vocabulary) else np.zeros(0)

    weights = tf * idf
    norms = np.linalg.norm(weights, axis=1, keepdims=True)
    weights = np.divide(weights, norms, out=np.zeros_like(weights), where=norms > 0)
    return vocabulary, weights
