import numpy as np


def example_forward_two_by_two(sol):
    x = np.array([[[[1.0, 3.0, -1.0, -4.0], [2.0, 0.0, -2.0, -3.0]]]])  # (1, 1, 2, 4)
    out = np.asarray(sol.max_pool2d(x, 2))
    assert out.shape == (1, 1, 1, 2) and np.array_equal(out, [[[[3.0, -1.0]]]]), f"got {out}"


def example_backward_routes_to_the_argmax(sol):
    x = np.array([[[[1.0, 3.0], [2.0, 0.0]]]])
    grad = np.asarray(sol.max_pool2d_backward(np.array([[[[5.0]]]]), x, 2))
    assert np.array_equal(grad, [[[[0.0, 5.0], [0.0, 0.0]]]]), f"got {grad}"


def example_ties_and_overlap(sol):
    x = np.array([[[[7.0, 7.0, 7.0]]]])  # (1, 1, 1, 3), windows of width 2 at stride 1 overlap
    grad = np.asarray(sol.max_pool2d_backward(np.array([[[[1.0, 10.0]]]]), x, (1, 2), 1))
    # window 0 = columns 0-1, first max at column 0; window 1 = columns 1-2, first max at column 1
    assert np.array_equal(grad, [[[[1.0, 10.0, 0.0]]]]), f"got {grad}"
