import numpy as np


def example_warmup_then_cosine(sol):
    lr = np.asarray(sol.cosine_schedule(np.arange(7), 1.0, 2, 6))
    # warm-up 0, 0.5; cosine over steps 2..5: progress 0, 1/4, 1/2, 3/4; then the floor
    expected = [0.0, 0.5, 1.0, 0.5 * (1 + np.cos(np.pi / 4)), 0.5, 0.5 * (1 + np.cos(3 * np.pi / 4)), 0.0]
    assert np.allclose(lr, expected), f"got {lr}"


def example_floor(sol):
    lr = np.asarray(sol.cosine_schedule(np.array([0, 10, 15, 20, 100]), 3e-4, 0, 20, min_lr=3e-5))
    expected = [3e-4, 3e-5 + 2.7e-4 * 0.5, 3e-5 + 2.7e-4 * 0.5 * (1 + np.cos(0.75 * np.pi)), 3e-5, 3e-5]
    assert np.allclose(lr, expected), f"no warm-up; halfway the rate is midway to the floor; after T it stays: {lr}"
