# expect: wrong_answer
# Splits on "_" correctly but takes letters and digits of any script as token characters ([^\W_]+):
# "Straße" gives "straße" instead of "stra" + "e", Cyrillic and Greek words become tokens, and so do
# digits such as "٤٢" or "x²". Only ASCII letters and digits make tokens.
import math
import re

import numpy as np

_ANY_SCRIPT_WORD = re.compile(r"[^\W_]+")


def tfidf(docs, smooth_idf=True, sublinear_tf=False):
    token_lists = [_ANY_SCRIPT_WORD.findall(text.lower()) for text in docs]
    vocabulary = sorted(set().union(*token_lists)) if token_lists else []
    index = {term: j for j, term in enumerate(vocabulary)}
    counts = np.zeros((len(docs), len(vocabulary)))
    for i, tokens in enumerate(token_lists):
        for token in tokens:
            counts[i, index[token]] += 1
    n = len(docs)
    df = (counts > 0).sum(axis=0)
    idf = np.array([
        (math.log((1 + n) / (1 + d)) if smooth_idf else math.log(n / d)) + 1.0 for d in df
    ])
    tf = np.where(counts > 0, 1.0 + np.log(np.maximum(counts, 1.0)), 0.0) if sublinear_tf else counts
    weights = tf * idf
    norms = np.linalg.norm(weights, axis=1)
    for i, norm in enumerate(norms):
        if norm > 0:
            weights[i] /= norm
    return vocabulary, weights
