import numpy as np


def example_vocabulary_and_tokenisation(sol):
    vocab, matrix = sol.tfidf(["The cat sat.", "the DOG, the cat!"])
    assert list(vocab) == ["cat", "dog", "sat", "the"], f"sorted lower-case tokens, got {list(vocab)}"
    assert np.asarray(matrix).shape == (2, 4)


def example_weights_by_hand(sol):
    _, matrix = sol.tfidf(["a b", "a"])
    # N = 2; idf(a) = ln(3/3) + 1 = 1, idf(b) = ln(3/2) + 1. Row 0 = [1, idf(b)] normalised; row 1 = [1, 0]
    idf_b = np.log(1.5) + 1
    row0 = np.array([1.0, idf_b]) / np.hypot(1.0, idf_b)
    assert np.allclose(matrix, [row0, [1.0, 0.0]]), f"got {matrix}"


def example_empty_document(sol):
    _, matrix = sol.tfidf(["hello world", "...", ""])
    assert np.allclose(np.asarray(matrix)[1:], 0.0), "documents without tokens are rows of zeros"
