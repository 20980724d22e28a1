# Slow but correct: a character-by-character tokeniser, and every term's document frequency and count
# found by scanning every document's token list again (O(V * total tokens)) instead of one Counter pass.
import math

import numpy as np


def _tokens(text):
    tokens = []
    current = ""
    for ch in text.lower():
        if "a" <= ch <= "z" or "0" <= ch <= "9":  # ASCII letters and digits only
            current += ch
        else:
            if current:
                tokens.append(current)
            current = ""
    if current:
        tokens.append(current)
    return tokens


def tfidf(docs, smooth_idf=True, sublinear_tf=False):
    tokenised = [_tokens(doc) for doc in docs]
    vocabulary = []
    for tokens in tokenised:
        for token in tokens:
            if token not in vocabulary:
                vocabulary.append(token)
    vocabulary.sort()
    n_docs = len(docs)
    matrix = np.zeros((n_docs, len(vocabulary)))
    for j, term in enumerate(vocabulary):
        df = 0
        for tokens in tokenised:
            if term in tokens:
                df += 1
        if smooth_idf:
            idf = math.log((1.0 + n_docs) / (1.0 + df)) + 1.0
        else:
            idf = math.log(n_docs / df) + 1.0
        for i, tokens in enumerate(tokenised):
            count = tokens.count(term)
            if count > 0:
                tf = 1.0 + math.log(count) if sublinear_tf else float(count)
                matrix[i, j] = tf * idf
    for i in range(n_docs):
        norm = math.sqrt(sum(value * value for value in matrix[i]))
        if norm > 0:
            for j in range(len(vocabulary)):
                matrix[i, j] = matrix[i, j] / norm
    return vocabulary, matrix
