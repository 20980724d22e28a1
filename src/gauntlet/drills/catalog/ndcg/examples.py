import numpy as np


def example_single_query(sol):
    relevance = np.array([[3.0, 2.0, 0.0, 1.0]])
    scores = np.array([[0.9, 0.1, 0.8, 0.3]])  # ranking: items 0, 2, 3, 1 -> gains 3, 0, 1, 2
    dcg = 3 + 0 / np.log2(3) + 1 / np.log2(4) + 2 / np.log2(5)
    idcg = 3 + 2 / np.log2(3) + 1 / np.log2(4) + 0
    got = np.asarray(sol.ndcg(relevance, scores))
    assert got.shape == (1,) and np.allclose(got, dcg / idcg), f"expected {dcg / idcg}, got {got}"


def example_cut_off_and_ties(sol):
    relevance = np.array([[1.0, 0.0, 0.0]])
    scores = np.array([[0.5, 0.5, 0.1]])  # items 0 and 1 tie for positions 1-2: each counts gain 0.5
    got = np.asarray(sol.ndcg(relevance, scores, k=1))
    # only position 1 is inside k = 1: the tie group gives 0.5 * discount(1) = 0.5; the ideal gives 1
    assert np.allclose(got, [0.5]), f"got {got}"
