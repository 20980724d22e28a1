import numpy as np


def example_zero_b_is_the_pretrained_layer(sol):
    rng = np.random.default_rng(0)
    x, W, b = rng.normal(size=(3, 5)), rng.normal(size=(4, 5)), rng.normal(size=4)
    A, B = rng.normal(size=(2, 5)), np.zeros((4, 2))
    y = np.asarray(sol.lora_forward(x, W, b, A, B, 16.0))
    assert np.allclose(y, x @ W.T + b), "with B = 0 the adapted layer is the frozen one"
    dx, dA, dB = (np.asarray(g) for g in sol.lora_backward(x, np.ones((3, 4)), W, A, B, 16.0))
    assert dA.shape == (2, 5) and dB.shape == (4, 2) and dx.shape == (3, 5), "gradient shapes"
    assert np.allclose(dA, 0.0) and not np.allclose(dB, 0.0), "B = 0: A gets no gradient yet, B does"


def example_scale_is_alpha_over_r(sol):
    x, W = np.array([[1.0, 2.0]]), np.zeros((1, 2))
    A, B = np.array([[1.0, 0.0], [0.0, 1.0]]), np.array([[1.0, 1.0]])  # r = 2: B A = [[1, 1]]
    y = np.asarray(sol.lora_forward(x, W, None, A, B, 8.0))
    assert np.allclose(y, [[4.0 * 3.0]]), f"scale 8 / 2 = 4, (x A^T) B^T = 3: expected 12, got {y}"
    merged = np.asarray(sol.lora_merge(W, A, B, 8.0))
    assert np.allclose(merged, [[4.0, 4.0]]), f"W + 4 * B A, got {merged}"
