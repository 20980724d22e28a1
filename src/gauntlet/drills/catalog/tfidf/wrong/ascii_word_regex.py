# expect: wrong_answer
# Tokenises with re.findall(r"\w+", ..., flags=re.ASCII): non-ASCII letters now separate tokens as they
# should, but "_" still counts as a word character, so "snake_case" and "__init__" stay single tokens.
import math
import re
from collections import Counter

import numpy as np


def tfidf(docs, smooth_idf=True, sublinear_tf=False):
    bags = [Counter(re.findall(r"\w+", text.lower(), flags=re.ASCII)) for text in docs]
    vocabulary = sorted(set().union(*bags)) if bags else []
    n = len(docs)
    df = {term: sum(1 for bag in bags if term in bag) for term in vocabulary}
    matrix = np.zeros((n, len(vocabulary)))
    for i, bag in enumerate(bags):
        for j, term in enumerate(vocabulary):
            count = bag[term]
            if count == 0:
                continue
            tf = 1.0 + math.log(count) if sublinear_tf else float(count)
            idf = math.log((1 + n) / (1 + df[term])) + 1 if smooth_idf else math.log(n / df[term]) + 1
            matrix[i, j] = tf * idf
        norm = np.linalg.norm(matrix[i])
        if norm > 0:
            matrix[i] /= norm
    return vocabulary, matrix
