import numpy as np


def example_length_does_not_matter(sol):
    corpus = np.array([[1.0, 0.0], [0.0, 3.0], [10.0, 1.0]])
    idx, scores = sol.cosine_top_k(np.array([[2.0, 0.0]]), corpus, 2)
    assert np.asarray(idx).tolist() == [[0, 2]], f"expected [[0, 2]], got {np.asarray(idx).tolist()}"
    assert np.allclose(scores, [[1.0, 10 / np.sqrt(101)]]), f"got {scores}"


def example_ties_and_zero_vector(sol):
    corpus = np.array([[0.0, 0.0], [1.0, 1.0], [2.0, 2.0]])
    idx, scores = sol.cosine_top_k(np.array([[1.0, 1.0]]), corpus, 5)
    # rows 1 and 2 tie at similarity 1 (smaller index first); the zero vector scores 0; k is capped at 3
    assert np.asarray(idx).tolist() == [[1, 2, 0]], f"got {np.asarray(idx).tolist()}"
    assert np.allclose(scores, [[1.0, 1.0, 0.0]]), f"got {scores}"
