import numpy as np


def example_training_step(sol):
    x = np.array([[1.0, 10.0], [3.0, 10.0]])
    out, rm, rv = sol.batchnorm_forward(x, np.ones(2), np.zeros(2), np.zeros(2), np.ones(2), eps=1e-5)
    # channel 0: mean 2, biased var 1 -> about [-1, 1]; channel 1 is constant -> exactly 0 (eps avoids 0/0)
    assert np.allclose(out, [[-1.0, 0.0], [1.0, 0.0]], rtol=1e-4), f"got {out}"
    # running var stores the unbiased variance: 2 for channel 0 (m = 2), 0 for channel 1
    assert np.allclose(rm, [0.2, 1.0]) and np.allclose(rv, [0.9 + 0.1 * 2.0, 0.9]), f"got {rm}, {rv}"


def example_inference_uses_running_stats(sol):
    x = np.array([[5.0], [7.0]])
    out, rm, rv = sol.batchnorm_forward(
        x, np.array([2.0]), np.array([1.0]), np.array([4.0]), np.array([4.0]), eps=0.0, training=False
    )
    assert np.allclose(out, [[2.0], [4.0]]), f"2 * (x - 4) / sqrt(4) + 1, got {out}"
    assert np.allclose(rm, [4.0]) and np.allclose(rv, [4.0]), "inference leaves the running stats alone"
