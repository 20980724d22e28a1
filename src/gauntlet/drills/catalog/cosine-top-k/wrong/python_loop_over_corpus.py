# expect: time_limit
# Correct, but computes every similarity in pure Python: with a 50,000 x 48 corpus this is millions of
# interpreted multiply-adds per query.
import math


def cosine_top_k(queries, corpus, k):
    queries = [list(map(float, q)) for q in queries]
    corpus = [list(map(float, c)) for c in corpus]
    corpus_norms = [math.sqrt(sum(x * x for x in c)) for c in corpus]
    k = min(k, len(corpus))
    all_idx, all_scores = [], []
    for q in queries:
        qn = math.sqrt(sum(x * x for x in q))
        sims = []
        for j, c in enumerate(corpus):
            denom = qn * corpus_norms[j]
            sims.append(sum(a * b for a, b in zip(q, c)) / denom if denom > 0 else 0.0)
        order = sorted(range(len(corpus)), key=lambda j: (-sims[j], j))[:k]
        all_idx.append(order)
        all_scores.append([sims[j] for j in order])
    return all_idx, all_scores
