import numpy as np


def example_first_token_sees_only_itself(sol):
    rng = np.random.default_rng(0)
    x = rng.normal(size=(1, 3, 4))
    eye = np.eye(4)
    out, w = sol.causal_self_attention(x, eye, eye, eye, eye, 2)
    out, w = np.asarray(out), np.asarray(w)
    assert out.shape == (1, 3, 4) and w.shape == (1, 2, 3, 3), f"got {out.shape} and {w.shape}"
    assert np.allclose(w[0, :, 0], [1.0, 0.0, 0.0]), "token 0 can only attend to itself"
    assert np.allclose(np.triu(w[0, 0], k=1), 0.0), "no weight on later tokens"
    assert np.allclose(out[0, 0], x[0, 0]), "with identity projections token 0's output is its own value"


def example_padded_key_gets_no_weight(sol):
    x = np.ones((1, 3, 2))
    eye = np.eye(2)
    _, w = sol.causal_self_attention(x, eye, eye, eye, eye, 1, np.array([[True, False, True]]))
    # equal scores: token 2 splits its attention between tokens 0 and 2; token 1 (padding) is skipped
    assert np.allclose(np.asarray(w)[0, 0, 2], [0.5, 0.0, 0.5]), f"got {np.asarray(w)[0, 0, 2]}"
