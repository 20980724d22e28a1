import numpy as np


def example_single_channel_no_padding(sol):
    x = np.arange(16.0).reshape(1, 1, 4, 4)
    w = np.array([[[[1.0, 0.0], [0.0, -1.0]]]])  # top-left minus bottom-right: always 0 - 5 = -5
    out = np.asarray(sol.conv2d(x, w))
    assert out.shape == (1, 1, 3, 3), f"expected (1, 1, 3, 3), got {out.shape}"
    assert np.allclose(out, -5.0), f"the kernel is not flipped (cross-correlation): got {out}"


def example_stride_padding_and_bias(sol):
    x = np.ones((1, 2, 3, 3))
    w = np.ones((1, 2, 3, 3))
    out = np.asarray(sol.conv2d(x, w, b=np.array([0.5]), stride=2, padding=1))
    # padded to 5x5; windows start at rows/cols 0 and 2; each corner window covers 2x2 ones per channel
    assert out.shape == (1, 1, 2, 2), f"expected (1, 1, 2, 2), got {out.shape}"
    assert np.allclose(out, 2 * 4 + 0.5), f"got {out}"
