import numpy as np


def example_statement_example(sol):
    logits = np.log(np.array([[0.1, 0.5, 0.3, 0.1]]))
    q = np.asarray(sol.nucleus_probs(logits, 0.7))
    assert np.allclose(q, [[0.0, 0.625, 0.375, 0.0]]), f"got {q}"
    q = np.asarray(sol.nucleus_probs(logits, 0.85))
    assert np.allclose(q, [[1 / 9, 5 / 9, 3 / 9, 0.0]]), f"the tie goes to token 0, the smaller index: got {q}"


def example_temperature_sharpens(sol):
    logits = np.array([[2.0, 1.0, 0.0]])
    q = np.asarray(sol.nucleus_probs(logits, 1.0, temperature=0.5))
    expected = np.exp([4.0, 2.0, 0.0]) / np.exp([4.0, 2.0, 0.0]).sum()
    assert np.allclose(q, [expected]), f"temperature divides the logits before the softmax: got {q}"


def example_inverse_cdf_sampling(sol):
    logits = np.log(np.array([[0.1, 0.5, 0.3, 0.1]] * 3))
    tokens = np.asarray(sol.sample_top_p(logits, 0.7, 1.0, np.array([0.1, 0.6, 0.7])))
    # filtered q = [0, 0.625, 0.375, 0]: cumulative [0, 0.625, 1, 1]
    assert tokens.tolist() == [1, 1, 2], f"got {tokens.tolist()}"
